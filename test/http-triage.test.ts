// Triage on the card: suggestions made at registration and returned with the card, confirmed or
// corrected by a curator in one request (each decision stored as training data), not-processable
// messages set aside for a curator to decide; the gazetteer behind locations; the draft check.
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkDraft } from "../src/app/draft-check.ts";
import { PRESET_GAZETTEERS } from "../src/domain/triage/location.ts";
import { testDatabase } from "./support/database.ts";
import { seedTenant, type SeededTenant } from "./support/factories.ts";
import { signIn, testServer, TestClock, type Client } from "./support/http.ts";

let db: Awaited<ReturnType<typeof testDatabase>>;
let app: FastifyInstance;
const clock = new TestClock(Date.parse("2026-11-16T10:00:00+12:00"));
let own: SeededTenant;
let curator: Client;
let admin: Client;

beforeAll(async () => {
  db = await testDatabase();
  app = await testServer(db, clock);
  own = await seedTenant(db.db, "sobolevo");
  curator = await signIn(app, own.users.curator.login);
  admin = await signIn(app, own.users.admin.login);
});
afterAll(async () => {
  await app.close();
  await db.drop();
});

async function register(text: string, extra: Record<string, unknown> = {}) {
  const res = await curator.post("/api/v1/cases", { channel: "vk", text, ...extra });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

const corrections = (caseId: number) =>
  db.db
    .selectFrom("triage_corrections")
    .select(["field", "suggested", "chosen", "by_user", "tenant_id", "message_id"])
    .where("case_id", "=", caseId)
    .orderBy("id")
    .execute();

describe("suggestions at registration", () => {
  it("the card carries topic with its words, location from the gazetteer, importance with reasons", async () => {
    const card = await register("В Соболево на улице Советской, д. 5 третий день нет воды", {
      likes: 3,
    });
    expect(card.topic).toBeNull();
    expect(card.triage).toMatchObject({
      topic: {
        code: "water",
        name: "Водоснабжение и водоотведение",
        words: expect.arrayContaining(["воды"]),
      },
      location: {
        label: "Соболево, улица Советская, д. 5",
        settlement: "Соболево",
        street: "улица Советская",
        house: "5",
      },
      importance: { value: "high", reasons: [expect.stringContaining("массовое отключение")] },
      notProcessable: null,
      decided: [],
    });
    expect(card.triage.topic.score).toBeGreaterThan(0.5);
    expect(card.setAside).toBeNull();
    const stored = await db.db
      .selectFrom("messages")
      .select("triage")
      .where("case_id", "=", card.id)
      .executeTakeFirstOrThrow();
    expect(stored.triage).toMatchObject({ version: 1, topic: { code: "water" } });
  });

  it("a topic the tenant's rubricator lacks is not suggested", async () => {
    const rubricator = (await admin.get("/api/v1/tenant/rubricator")).json();
    const put = await admin.request("PUT", "/api/v1/tenant/rubricator", {
      topics: rubricator.topics.filter((t: { code: string }) => t.code !== "roads"),
    });
    expect(put.statusCode, put.body).toBe(200);
    try {
      const card = await register("Когда отремонтируют дорогу в Устьевом? Сплошные ямы");
      expect(card.triage.topic?.code).not.toBe("roads");
      expect(card.triage.location.label).toBe("Устьевое");
    } finally {
      await admin.request("PUT", "/api/v1/tenant/rubricator", rubricator);
    }
  });
});

describe("a curator's decision", () => {
  it("accepting the topic in one request sets it and stores the confirmation", async () => {
    const card = await register("Третий день нет воды в доме на Советской в Соболево");
    const res = await curator.post(`/api/v1/cases/${card.id}/triage`, {
      expectedVersion: card.version,
      topic: card.triage.topic.code,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ topic: "water", version: card.version + 1 });
    expect(res.json().triage.decided).toEqual(["topic"]);
    expect(await corrections(card.id)).toEqual([
      expect.objectContaining({
        field: "topic",
        suggested: "water",
        chosen: "water",
        by_user: own.users.curator.id,
        tenant_id: own.tenantId,
      }),
    ]);
  });

  it("correcting importance and accepting the location: the term shortens, both are stored", async () => {
    const card = await register("В Соболево на улице Советской, д. 5 яма во дворе");
    expect(card.triage.importance.value).toBe("normal");
    const before = card.deadline as string;
    const res = await curator.post(`/api/v1/cases/${card.id}/triage`, {
      expectedVersion: card.version,
      importance: "high",
      location: card.triage.location.label,
    });
    expect(res.statusCode, res.body).toBe(200);
    const after = res.json();
    expect(after).toMatchObject({
      importance: "high",
      location: "Соболево, улица Советская, д. 5",
      settlement: "Соболево",
    });
    // 004 п. 13: high importance, 4 hours instead of 8.
    expect(Date.parse(after.deadline)).toBeLessThan(Date.parse(before));
    expect(after.triage.decided).toEqual(["importance", "location"]);
    expect(await corrections(card.id)).toEqual([
      expect.objectContaining({
        field: "location",
        suggested: "Соболево, улица Советская, д. 5",
        chosen: "Соболево, улица Советская, д. 5",
      }),
      expect.objectContaining({ field: "importance", suggested: "normal", chosen: "high" }),
    ]);
    const row = await db.db
      .selectFrom("cases")
      .select(["location", "location_text"])
      .where("id", "=", card.id)
      .executeTakeFirstOrThrow();
    expect(row.location).toEqual({
      settlement: "Соболево",
      street: "улица Советская",
      house: "5",
      landmark: null,
    });
    expect(after.timeline.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(["triage", "setLocation"]),
    );
  });

  it("a location typed by hand is kept as text with the place it names, the miss stored", async () => {
    const card = await register("Не вывозят мусор уже неделю");
    expect(card.triage.location).toBeNull();
    const res = await curator.post(`/api/v1/cases/${card.id}/triage`, {
      expectedVersion: card.version,
      location: "  Крутогоровский, ул. Заводская  ",
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().location).toBe("Крутогоровский, ул. Заводская");
    // The gazetteer's settlement in the typed text, which routing offers the unit of.
    expect(res.json().settlement).toBe("Крутогоровский");
    expect(res.json().version).toBe(card.version + 1);
    const page = (await curator.get(`/api/v1/cases?text=${encodeURIComponent("мусор")}`)).json();
    expect(page.items.find((i: { id: number }) => i.id === card.id)).toMatchObject({
      location: "Крутогоровский, ул. Заводская",
      settlement: "Крутогоровский",
    });
    // Not the workflow's triage: the history names the location alone.
    const actions = res.json().timeline.map((e: { action: string }) => e.action);
    expect(actions).toContain("setLocation");
    expect(actions).not.toContain("triage");
    expect(await corrections(card.id)).toEqual([
      expect.objectContaining({
        field: "location",
        suggested: null,
        chosen: "Крутогоровский, ул. Заводская",
      }),
    ]);
    // Text that names no settlement the gazetteer knows leaves the place unknown.
    const elsewhere = await curator.post(`/api/v1/cases/${card.id}/triage`, {
      expectedVersion: res.json().version,
      location: "за гаражами у реки",
    });
    expect(elsewhere.json()).toMatchObject({ location: "за гаражами у реки", settlement: null });
  });

  it("a location given at registration names its settlement, as the gazetteer spells it", async () => {
    const card = await register("Яма во дворе", { locationText: "в Устьевом, у школы" });
    expect(card).toMatchObject({ location: "в Устьевом, у школы", settlement: "Устьевое" });
    const nowhere = await register("Яма во дворе", { locationText: "у старой бани" });
    expect(nowhere).toMatchObject({ location: "у старой бани", settlement: null });
    // The queue filters by the settlement exactly.
    const page = (await curator.get(`/api/v1/cases?settlement=${encodeURIComponent("Устьевое")}`))
      .json()
      .items.map((i: { id: number; settlement: string }) => [i.id, i.settlement]);
    expect(page).toContainEqual([card.id, "Устьевое"]);
    expect(page.every(([, s]: [number, string]) => s === "Устьевое")).toBe(true);
    expect(page.map(([id]: [number]) => id)).not.toContain(nowhere.id);
  });

  it("refuses a topic outside the rubricator, a stale version, and anyone but a curator", async () => {
    const card = await register("Нет воды");
    const unknown = await curator.post(`/api/v1/cases/${card.id}/triage`, {
      expectedVersion: card.version,
      topic: "weather",
    });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().errors[0]).toMatchObject({ field: "topic", code: "notInRubricator" });
    const stale = await curator.post(`/api/v1/cases/${card.id}/triage`, {
      expectedVersion: card.version + 5,
      topic: "water",
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().currentVersion).toBe(card.version);
    const approver = await signIn(app, own.users.approver.login);
    const forbidden = await approver.post(`/api/v1/cases/${card.id}/triage`, {
      expectedVersion: card.version,
      topic: "water",
    });
    expect(forbidden.statusCode).toBe(403);
    const unknownField = await curator.post(`/api/v1/cases/${card.id}/triage`, {
      expectedVersion: card.version,
      topik: "water",
    });
    expect(unknownField.statusCode).toBe(400);
    expect(unknownField.json().errors[0]).toMatchObject({ field: "topik", code: "unknownField" });
    // Nothing refused was stored.
    expect(await corrections(card.id)).toEqual([]);
    expect((await curator.get(`/api/v1/cases/${card.id}`)).json().version).toBe(card.version);
  });
});

describe("not processable", () => {
  it("an insulting message is set aside with its evidence; the queue can list those set aside", async () => {
    const card = await register("Вы там все дебилы и сволочи, ничего не делаете");
    expect(card.setAside).toBe("insult");
    expect(card.triage.notProcessable).toEqual({
      reason: "insult",
      evidence: ["дебилы", "сволочи"],
    });
    const list = (await curator.get("/api/v1/cases?setAside=true")).json();
    expect(list.items.map((i: { id: number }) => i.id)).toEqual([card.id]);
    expect(list.items[0].setAside).toBe("insult");
  });

  it("rejecting the suggestion puts the message back to ordinary work", async () => {
    const card = (await curator.get("/api/v1/cases?setAside=true")).json().items[0];
    const res = await curator.post(`/api/v1/cases/${card.id}/triage`, {
      expectedVersion: card.version,
      notProcessable: { confirm: false },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ setAside: null, status: "new", notProcessable: null });
    expect(res.json().triage.decided).toEqual(["notProcessable"]);
    expect(res.json().timeline.at(-1).action).toBe("notProcessableRejected");
    expect(await corrections(card.id)).toEqual([
      expect.objectContaining({ field: "notProcessable", suggested: "insult", chosen: null }),
    ]);
    expect((await curator.get("/api/v1/cases?setAside=true")).json().total).toBe(0);
  });

  it("confirming it archives the case unanswered with the reason", async () => {
    const card = await register("Ещё раз напишу: вы дебилы и сволочи");
    const mixed = await curator.post(`/api/v1/cases/${card.id}/triage`, {
      expectedVersion: card.version,
      notProcessable: { confirm: true },
      topic: "water",
    });
    expect(mixed.statusCode).toBe(422);
    expect(mixed.json().errors[0].field).toBe("notProcessable");
    const res = await curator.post(`/api/v1/cases/${card.id}/triage`, {
      expectedVersion: card.version,
      notProcessable: { confirm: true },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      status: "notProcessable",
      notProcessable: "insult",
      setAside: null,
    });
    expect(res.json().closedAt).not.toBeNull();
    expect(await corrections(card.id)).toEqual([
      expect.objectContaining({ field: "notProcessable", suggested: "insult", chosen: "insult" }),
    ]);
  });

  it("rejecting where nothing was suggested is refused", async () => {
    const card = await register("Нет воды на Советской");
    const res = await curator.post(`/api/v1/cases/${card.id}/triage`, {
      expectedVersion: card.version,
      notProcessable: { confirm: false },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0]).toMatchObject({ field: "notProcessable", code: "noSuggestion" });
  });
});

describe("the gazetteer", () => {
  it("a tenant starts with its preset's", async () => {
    const res = await curator.get("/api/v1/tenant/gazetteer");
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ source: "preset", gazetteer: PRESET_GAZETTEERS.sobolevo });
  });

  it("the schema names every bad field; cross-references are checked too", async () => {
    const g = structuredClone(PRESET_GAZETTEERS.sobolevo) as unknown as Record<string, unknown[]>;
    const bad = { ...g, settlements: [{ name: "", kind: "мегаполис" }], extra: true };
    const schema = await admin.request("PUT", "/api/v1/tenant/gazetteer", bad);
    expect(schema.statusCode).toBe(400);
    const fields = schema
      .json()
      .errors.map((e: { field: string }) => e.field)
      .sort();
    expect(fields).toEqual(["extra", "settlements.0.kind", "settlements.0.name"]);

    const crossed = {
      ...g,
      settlements: [...g.settlements!, g.settlements![0]],
      streets: [...g.streets!, { name: "Новая", settlement: "Атлантида" }],
    };
    const res = await admin.request("PUT", "/api/v1/tenant/gazetteer", crossed);
    expect(res.statusCode).toBe(422);
    const messages = res.json().errors.map((e: { message: string }) => e.message);
    expect(messages).toEqual([
      expect.stringMatching(/^settlements\.3\.name: «Соболево» повторяется/),
      expect.stringMatching(/^streets\.9\.settlement: населённого пункта «Атлантида» нет/),
    ]);
    expect((await curator.get("/api/v1/tenant/gazetteer")).json().source).toBe("preset");
  });

  it("the admin's own gazetteer is what triage reads from then on", async () => {
    const g = structuredClone(PRESET_GAZETTEERS.sobolevo!);
    g.settlements.push({ name: "Новые Сосны", kind: "посёлок", in: "в Новых Соснах" });
    g.streets.push({ name: "Лесная", kind: "улица", settlement: "Новые Сосны" });
    const res = await admin.request("PUT", "/api/v1/tenant/gazetteer", g);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().source).toBe("tenant");
    expect((await curator.get("/api/v1/tenant/gazetteer")).json()).toEqual({
      source: "tenant",
      gazetteer: JSON.parse(JSON.stringify(g)),
    });
    const card = await register("Посёлок Новые Сосны, улица Лесная: не чистят снег");
    expect(card.triage.location).toMatchObject({
      settlement: "Новые Сосны",
      street: "улица Лесная",
    });
  });
});

describe("the draft check", () => {
  it("scores a draft against the procedure's requirements, without spelling unless asked", async () => {
    const card = await register("Нет воды на Советской");
    const formal = await curator.post(`/api/v1/cases/${card.id}/draft-check`, {
      text: "Ваше обращение рассмотрено. В настоящее время проводятся мероприятия в кратчайшие сроки.",
    });
    expect(formal.statusCode, formal.body).toBe(200);
    const check = formal.json();
    expect(check.spelling).toBe(false);
    expect(check.requires).toEqual(["substance"]);
    expect(check.score).toBeLessThan(100);
    const codes = check.findings.map((f: { code: string }) => f.code);
    expect(codes).toEqual(expect.arrayContaining(["vagueTerm", "bureaucratese"]));
    const vague = check.findings.find((f: { code: string }) => f.code === "vagueTerm");
    expect(vague.span).not.toBeNull();

    const good = await curator.post(`/api/v1/cases/${card.id}/draft-check`, {
      text:
        "Анна, здравствуйте! Воду на улице Советской дадут 18 ноября до 12:00: бригада " +
        "меняет трубу у дома 5. Вопросы — в отдел ЖКХ, тел. 8 (41536) 3-23-45.",
    });
    expect(good.json().score).toBeGreaterThan(check.score);
  });

  it("checks the spelling with the dictionary it is given (the real one loads only on request)", async () => {
    const card = await register("Нет воды на Советской");
    const known = new Set(["воду", "дадут", "завтра"]);
    const spell = {
      correct: (w: string) => known.has(w.toLowerCase()),
      suggest: (w: string) => (w === "зафтра" ? ["завтра"] : []),
    };
    const ctx = await own.ctx();
    const actor = await own.actor("curator");
    const result = await db.db.transaction().execute((tx) =>
      checkDraft(tx, ctx, actor, card.id, {
        text: "Воду дадут зафтра.",
        attachmentKinds: [],
        spell,
      }),
    );
    if (!result.ok) throw new Error(JSON.stringify(result));
    expect(result.check.spelling).toBe(true);
    expect(result.check.findings).toContainEqual(
      expect.objectContaining({ code: "spelling", fragment: "зафтра" }),
    );
  });
});
