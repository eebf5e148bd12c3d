// Repeats and duplicates in the desk: found by the database and the triage library at
// registration, shown on the card with the earlier case, confirmed or rejected in one request.
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "./support/database.ts";
import { seedTenant, type SeededTenant } from "./support/factories.ts";
import { signIn, testServer, TestClock, type Client } from "./support/http.ts";

let db: Awaited<ReturnType<typeof testDatabase>>;
let app: FastifyInstance;
const DAY = 86_400_000;
// Monday 16 November 2026 in Sobolevo (Asia/Kamchatka), working hours.
const clock = new TestClock(Date.parse("2026-11-16T10:00:00+12:00"));

beforeAll(async () => {
  db = await testDatabase();
  app = await testServer(db, clock);
});
afterAll(async () => {
  await app.close();
  await db.drop();
});

interface Desk {
  t: SeededTenant;
  curator: Client;
  executorA: Client;
}

async function desk(): Promise<Desk> {
  const t = await seedTenant(db.db, "sobolevo");
  return {
    t,
    curator: await signIn(app, t.users.curator.login),
    executorA: await signIn(app, t.users.executorA.login),
  };
}

/** Time passes; sessions do not outlive days of idleness, so everyone signs in again. */
async function later(d: Desk, ms: number): Promise<void> {
  clock.advance(ms);
  d.curator = await signIn(app, d.t.users.curator.login);
  d.executorA = await signIn(app, d.t.users.executorA.login);
}

async function register(d: Desk, text: string, author: Record<string, unknown> = {}) {
  const res = await d.curator.post("/api/v1/cases", {
    channel: "vk",
    text,
    detectedAt: new Date(clock.now).toISOString(),
    ...author,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

const ivanova = {
  authorName: "Мария Иванова",
  authorExternalId: "id5550123",
  authorUrl: "https://vk.com/id5550123",
};
const petrov = { authorName: "Пётр Петров", authorExternalId: "id7770456" };

describe("a repeat of the same author's earlier case", () => {
  it("the same author writing again about the unheated flat is suggested as a repeat of the earlier case and, confirmed, goes to its department", async () => {
    const d = await desk();
    const first = await register(
      d,
      "Здравствуйте! В Соболево на улице Советской, д. 5 в квартире нет отопления, батареи холодные, дети мёрзнут",
      ivanova,
    );
    const routed = await d.curator.post(`/api/v1/cases/${first.id}/actions/assign`, {
      expectedVersion: first.version,
      departmentId: d.t.departments.a,
      userId: null,
    });
    expect(routed.statusCode, routed.body).toBe(200);

    await later(d, 5 * DAY);
    const again = await register(
      d,
      "Опять пишу: на Советской, д. 5 в квартире так и нет отопления, батареи холодные уже неделю",
      ivanova,
    );
    expect(again.suspected).toBe("repeat");
    expect(again.triage.repeatOf).toMatchObject({
      case: {
        id: first.id,
        number: first.number,
        status: "assigned",
        department: { id: d.t.departments.a, name: "Отдел ЖКХ" },
      },
      pending: true,
    });
    expect(again.triage.repeatOf.reasons.join(" ")).toMatch(/текст совпадает на \d+%/);
    expect(again.triage.duplicateOf).toBeNull();

    // The queue marks it before anyone opens the card.
    const queue = (await d.curator.get("/api/v1/cases")).json();
    const row = queue.items.find((i: { id: number }) => i.id === again.id);
    expect(row.suspected).toBe("repeat");

    const confirmed = await d.curator.post(`/api/v1/cases/${again.id}/triage`, {
      expectedVersion: again.version,
      repeatOf: { confirm: true },
    });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    const card = confirmed.json();
    expect(card.linked.repeatOf).toMatchObject({ id: first.id, number: first.number });
    expect(card.department).toMatchObject({ id: d.t.departments.a });
    expect(card.status).toBe("assigned");
    expect(card.suspected).toBeNull();
    expect(card.triage.repeatOf.pending).toBe(false);
    expect(card.triage.decided).toContain("repeat");
    expect(card.messages[0].relation).toBe("repeat");
    expect(card.timeline.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(["linkRepeat", "assign"]),
    );
    const earlier = (await d.curator.get(`/api/v1/cases/${first.id}`)).json();
    expect(earlier.linked.repeats.map((c: { id: number }) => c.id)).toEqual([again.id]);

    // The answer to a repeat must report the measures taken (004 п. 20).
    const check = await d.executorA.post(`/api/v1/cases/${again.id}/draft-check`, {
      text: "Уважаемая Мария! Ваше обращение рассмотрено.",
    });
    expect(check.statusCode, check.body).toBe(200);
    expect(check.json().requires).toContain("measures");
    expect(check.json().findings.map((f: { code: string }) => f.code)).toContain("noMeasures");

    const stored = await db.db
      .selectFrom("triage_corrections")
      .select(["field", "suggested", "chosen"])
      .where("case_id", "=", again.id)
      .execute();
    expect(stored).toEqual([{ field: "repeat", suggested: first.id, chosen: first.id }]);
  });

  it("the same author about another problem is no repeat, and a rejected suggestion leaves the case as it was", async () => {
    const d = await desk();
    const first = await register(
      d,
      "В Соболево на улице Советской, д. 5 нет отопления, батареи холодные",
      ivanova,
    );
    await later(d, DAY);
    const other = await register(
      d,
      "Когда отремонтируют дорогу на улице Набережной в Соболево? Ямы по колено",
      ivanova,
    );
    expect(other.triage.repeatOf).toBeNull();
    expect(other.suspected).toBeNull();

    const again = await register(
      d,
      "На Советской, д. 5 по-прежнему нет отопления, батареи холодные",
      ivanova,
    );
    expect(again.triage.repeatOf.case.id).toBe(first.id);
    const rejected = await d.curator.post(`/api/v1/cases/${again.id}/triage`, {
      expectedVersion: again.version,
      repeatOf: { confirm: false },
    });
    expect(rejected.statusCode, rejected.body).toBe(200);
    expect(rejected.json()).toMatchObject({
      status: "new",
      suspected: null,
      linked: { repeatOf: null },
      triage: { repeatOf: { pending: false }, decided: ["repeat"] },
    });
    // A repeat is decided on its own, not mixed with the topic or the importance.
    const mixed = await d.curator.post(`/api/v1/cases/${again.id}/triage`, {
      expectedVersion: rejected.json().version,
      repeatOf: { confirm: true },
      topic: "heating",
    });
    expect(mixed.statusCode).toBe(422);
    expect(mixed.body).toContain("repeatOf");
  });
});

describe("a duplicate: another author about the same problem and place", () => {
  it("two authors about the same street's water in a day are suggested as duplicates and, confirmed, make one case with two messages", async () => {
    const d = await desk();
    const first = await register(
      d,
      "В Соболево на улице Советской второй день нет воды, из крана ничего не течёт",
      ivanova,
    );
    await later(d, 3 * 3_600_000);
    const second = await register(
      d,
      "Соболево, ул. Советская: нет воды с утра, когда дадут воду?",
      petrov,
    );
    expect(second.suspected).toBe("duplicate");
    expect(second.triage.repeatOf).toBeNull();
    expect(second.triage.duplicateOf).toMatchObject({
      case: { id: first.id, number: first.number, status: "new", department: null },
      pending: true,
    });

    const joined = await d.curator.post(`/api/v1/cases/${second.id}/triage`, {
      expectedVersion: second.version,
      duplicateOf: { confirm: true },
    });
    expect(joined.statusCode, joined.body).toBe(200);
    const closed = joined.json();
    expect(closed).toMatchObject({
      status: "duplicate",
      suspected: null,
      linked: { duplicateOf: { id: first.id, number: first.number } },
      messages: [],
      allowedActions: [],
    });
    expect(closed.closedAt).not.toBeNull();

    const cluster = (await d.curator.get(`/api/v1/cases/${first.id}`)).json();
    expect(
      cluster.messages.map((m: { relation: string; author: { name: string } }) => [
        m.relation,
        m.author.name,
      ]),
    ).toEqual([
      ["original", "Мария Иванова"],
      ["duplicate", "Пётр Петров"],
    ]);
    expect(cluster.linked.duplicates.map((c: { id: number }) => c.id)).toEqual([second.id]);
    expect(cluster.version).toBe(first.version + 1);
    expect(cluster.timeline.map((e: { action: string }) => e.action)).toContain("duplicateJoined");

    // Audited on both cases; the closed one left the open queue.
    const audit = await db.db
      .selectFrom("audit_log")
      .select(["case_id", "action"])
      .where("action", "in", ["markDuplicate", "duplicateJoined"])
      .where("tenant_id", "=", d.t.tenantId)
      .orderBy("id")
      .execute();
    expect(audit).toEqual([
      { case_id: second.id, action: "markDuplicate" },
      { case_id: first.id, action: "duplicateJoined" },
    ]);
    const queue = (await d.curator.get("/api/v1/cases")).json();
    expect(queue.items.map((i: { id: number }) => i.id)).toEqual([first.id]);

    // A third author finds the cluster's case, which now holds both messages.
    await later(d, 3_600_000);
    const third = await register(d, "На Советской в Соболево нет воды, сколько можно ждать?", {
      authorExternalId: "id9990789",
    });
    expect(third.triage.duplicateOf.case.id).toBe(first.id);
  });

  it("the same problem in another street, or days later, is no duplicate", async () => {
    const d = await desk();
    await register(d, "В Соболево на улице Советской нет воды", ivanova);
    await later(d, 3_600_000);
    const elsewhere = await register(d, "В Соболево на улице Набережной нет воды", petrov);
    expect(elsewhere.triage.duplicateOf).toBeNull();
    await later(d, 4 * DAY);
    const daysLater = await register(d, "В Соболево на улице Советской нет воды", {
      authorExternalId: "id1110222",
    });
    expect(daysLater.triage.duplicateOf).toBeNull();
  });

  it("joining a case is the policy table's markDuplicate: an executor may not, and a closed case takes no duplicates", async () => {
    const d = await desk();
    const a = await register(d, "В Соболево на улице Советской нет воды", ivanova);
    const b = await register(d, "Соболево, Советская — нет воды", petrov);
    expect(b.allowedActions).toContain("markDuplicate");
    const executorB = await signIn(app, d.t.users.executorB.login);
    await d.curator.post(`/api/v1/cases/${b.id}/actions/assign`, {
      expectedVersion: b.version,
      departmentId: d.t.departments.b,
      userId: null,
    });
    const byExecutor = await executorB.post(`/api/v1/cases/${b.id}/actions/markDuplicate`, {
      expectedVersion: b.version + 1,
      caseId: a.id,
    });
    expect(byExecutor.statusCode).toBe(403);
    const byAction = await d.curator.post(`/api/v1/cases/${b.id}/actions/markDuplicate`, {
      expectedVersion: b.version + 1,
      caseId: a.id,
    });
    expect(byAction.statusCode, byAction.body).toBe(200);
    expect(byAction.json().case.status).toBe("duplicate");
    const c = await register(d, "Соболево, улица Советская, воды нет", {
      authorExternalId: "id3330444",
    });
    const intoClosed = await d.curator.post(`/api/v1/cases/${c.id}/triage`, {
      expectedVersion: c.version,
      duplicateOf: { confirm: true, caseId: b.id },
    });
    expect(intoClosed.statusCode).toBe(422);
    expect(intoClosed.json()).toMatchObject({ type: "urn:otklik:problem:invalidInput" });
  });
});
