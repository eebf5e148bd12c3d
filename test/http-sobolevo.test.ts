import type { AddressInfo } from "node:net";
import type { FastifyInstance } from "fastify";
import { sql } from "kysely";
import { addMembership } from "../src/app/users.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "./support/database.ts";
import { seedTenant } from "./support/factories.ts";
import { signIn, testServer, TestClock, type Client } from "./support/http.ts";

let db: Awaited<ReturnType<typeof testDatabase>>;
let app: FastifyInstance;
const clock = new TestClock(Date.parse("2026-11-16T10:00:00+12:00"));

beforeAll(async () => {
  db = await testDatabase();
  app = await testServer(db, clock);
});
afterAll(async () => {
  await app.close();
  await db.drop();
});

/** An instant written in Kamchatka time, as the API writes it (UTC). */
const kam = (local: string) => new Date(`${local}+12:00`).toISOString();

interface Stage {
  key: string;
  status: string;
  deadline: string | null;
  lateByMinutes: number | null;
  clause: string | null;
}
interface Card {
  id: number;
  version: number;
  status: string;
  allowedActions: string[];
  stages: Stage[];
  deadline: string | null;
  stage: { key: string; deadline: string | null } | null;
  extensionRequests?: unknown[];
}

const due = (card: Card, key: string) =>
  card.stages.find((s) => s.key === key && (s.status === "open" || s.status === "waiting"))
    ?.deadline;

async function act(
  who: Client,
  card: Card,
  action: string,
  body: object,
  at: string,
): Promise<Card> {
  clock.set(`${at}+12:00`);
  expect(card.allowedActions, `${action} offered`).toBeDefined();
  const res = await who.post(`/api/v1/cases/${card.id}/actions/${action}`, {
    expectedVersion: card.version,
    ...body,
  });
  expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
  return res.json().case as Card;
}

async function cardFor(who: Client, id: number): Promise<Card> {
  const res = await who.get(`/api/v1/cases/${id}`);
  expect(res.statusCode).toBe(200);
  return res.json() as Card;
}

describe("a sobolevo case through the API", () => {
  it("goes from registration to publication with the regulation's deadlines, each actor offered the next action", async () => {
    clock.set("2026-11-16T10:00:00+12:00");
    const t = await seedTenant(db.db, "sobolevo");
    const curator = await signIn(app, t.users.curator.login);
    const executor = await signIn(app, t.users.executorA.login);
    const approver = await signIn(app, t.users.approver.login);

    const registered = await curator.post("/api/v1/cases", {
      channel: "vk",
      text: "Нет воды на ул. Советской",
      url: "https://vk.com/wall-1_1",
      authorName: "Мария Петрова",
      authorUrl: "https://vk.com/id42",
      locationText: "с. Соболево, ул. Советская",
    });
    expect(registered.statusCode).toBe(201);
    expect(registered.headers.location).toMatch(/^\/api\/v1\/cases\/\d+$/);
    let card = registered.json() as Card;
    expect(card).toMatchObject({ status: "new", version: 1 });
    expect(due(card, "route")).toBe(kam("2026-11-16T10:30:00"));
    expect(card.deadline).toBe(kam("2026-11-17T10:00:00"));
    expect(card.stage).toMatchObject({ key: "route", deadline: kam("2026-11-16T10:30:00") });
    expect(card.allowedActions).toContain("assign");

    const queue = await curator.get("/api/v1/cases?status=new");
    expect(queue.json()).toMatchObject({
      total: 1,
      items: [
        {
          id: card.id,
          stage: { key: "route" },
          allowedActions: expect.arrayContaining(["assign"]),
        },
      ],
    });

    card = await act(
      curator,
      card,
      "assign",
      { departmentId: t.departments.a, userId: t.users.executorA.id },
      "2026-11-16T10:20:00",
    );
    expect(card.status).toBe("assigned");
    expect(due(card, "draft")).toBe(kam("2026-11-16T15:00:00"));

    card = await cardFor(executor, card.id);
    expect(card.allowedActions).toEqual(expect.arrayContaining(["accept", "return", "saveDraft"]));
    card = await act(
      executor,
      card,
      "saveDraft",
      { kind: "final", text: "Подача воды восстановлена." },
      "2026-11-16T11:00:00",
    );
    expect(card.allowedActions).toContain("submitDraft");
    card = await act(executor, card, "submitDraft", {}, "2026-11-16T11:30:00");
    expect(card.status).toBe("onApproval");

    card = await cardFor(approver, card.id);
    expect(card.allowedActions).toEqual(expect.arrayContaining(["approve", "requestRevision"]));
    card = await act(
      approver,
      card,
      "requestRevision",
      { remarks: "Укажите срок" },
      "2026-11-16T12:00:00",
    );
    expect(due(card, "revise")).toBe(kam("2026-11-16T13:00:00"));

    card = await cardFor(executor, card.id);
    card = await act(
      executor,
      card,
      "saveDraft",
      { kind: "final", text: "Подача воды восстановлена 16 ноября в 12:00." },
      "2026-11-16T14:10:00",
    );
    card = await act(executor, card, "submitDraft", {}, "2026-11-16T14:15:00");
    card = await cardFor(approver, card.id);
    card = await act(approver, card, "approve", {}, "2026-11-16T14:30:00");
    expect(due(card, "handOver")).toBe(kam("2026-11-16T15:30:00"));

    card = await cardFor(executor, card.id);
    expect(card.allowedActions).toContain("handOver");
    card = await act(executor, card, "handOver", {}, "2026-11-16T14:40:00");
    expect(card.status).toBe("readyToPublish");

    card = await cardFor(curator, card.id);
    expect(card.allowedActions).toContain("publish");
    card = await act(
      curator,
      card,
      "publish",
      { url: "https://vk.com/wall-1_1?reply=2" },
      "2026-11-16T14:50:00",
    );
    expect(card.status).toBe("answered");
    expect(card.allowedActions).not.toContain("publish");

    const full = (await curator.get(`/api/v1/cases/${card.id}`)).json();
    expect(full.timeline.map((e: { action: string }) => e.action)).toEqual([
      "register",
      "assign",
      "saveDraft",
      "submitDraft",
      "requestRevision",
      "saveDraft",
      "submitDraft",
      "approve",
      "handOver",
      "publish",
    ]);
    expect(full.timeline[1].actor).toEqual({
      id: t.users.curator.id,
      name: expect.stringMatching(/^curator /),
    });
    // Each entry tells the status it led to and what was asked, as the card's history shows them.
    expect(full.timeline[1]).toMatchObject({
      status: "assigned",
      details: { departmentId: t.departments.a },
    });
    expect(full.timeline[4]).toMatchObject({
      status: "revision",
      details: { remarks: "Укажите срок" },
    });
    expect(full.timeline[9]).toMatchObject({ status: "answered" });
    expect(full.drafts).toMatchObject([
      { version: 1, status: "returned", remarks: "Укажите срок" },
      { version: 2, status: "published", text: "Подача воды восстановлена 16 ноября в 12:00." },
    ]);
    // Published in the network the message came from.
    expect(full.publications).toMatchObject([
      { url: "https://vk.com/wall-1_1?reply=2", state: "confirmed", network: "vk" },
    ]);
    expect(full.messages).toMatchObject([
      { text: "Нет воды на ул. Советской", url: "https://vk.com/wall-1_1" },
    ]);
    // The revision was due at 13:00 and resubmitted at 14:15: the lunch hour does not count.
    expect(full.stages.filter((s: Stage) => s.lateByMinutes !== null)).toMatchObject([
      { key: "revise", status: "done", deadline: kam("2026-11-16T13:00:00"), lateByMinutes: 15 },
    ]);

    const archive = await curator.get("/api/v1/cases?closed=true");
    expect(archive.json().items.map((i: { id: number }) => i.id)).toEqual([card.id]);
    expect((await curator.get("/api/v1/cases")).json().total).toBe(0);
  });

  it("an executor asks for more time on a portal message and the curator's decision is kept with the request", async () => {
    clock.set("2026-11-16T10:00:00+12:00");
    const t = await seedTenant(db.db, "sobolevo");
    const curator = await signIn(app, t.users.curator.login);
    const executor = await signIn(app, t.users.executorA.login);
    let card = (
      await curator.post("/api/v1/cases", { channel: "portal", text: "Яма во дворе дома 5" })
    ).json() as Card;
    card = await act(
      curator,
      card,
      "assign",
      { departmentId: t.departments.a, userId: t.users.executorA.id },
      "2026-11-16T10:10:00",
    );
    card = await act(executor, card, "accept", {}, "2026-11-16T10:20:00");
    card = await act(
      executor,
      card,
      "requestExtension",
      { days: 5, comment: "Нужен выезд на место" },
      "2026-11-16T11:00:00",
    );
    const asked = await cardFor(curator, card.id);
    expect(asked.extensionRequests).toMatchObject([
      { days: 5, comment: "Нужен выезд на место", decision: null },
    ]);
    card = await act(
      curator,
      asked,
      "decideExtension",
      { approve: true, days: 5 },
      "2026-11-16T11:30:00",
    );
    const decided = await cardFor(curator, card.id);
    expect(decided.extensionRequests).toMatchObject([
      { days: 5, decision: "approved", decidedBy: { id: t.users.curator.id } },
    ]);
    expect(decided.deadline).not.toBe(asked.deadline);
  });

  it("a stage done late shows how late in working minutes, not in hours of the weekend", async () => {
    clock.set("2026-11-20T17:50:00+12:00"); // Friday, ten minutes before the end of the day
    const t = await seedTenant(db.db, "sobolevo");
    const curator = await signIn(app, t.users.curator.login);
    let card = (
      await curator.post("/api/v1/cases", { channel: "ok", text: "Яма на дороге" })
    ).json() as Card;
    expect(due(card, "route")).toBe(kam("2026-11-23T09:20:00"));
    clock.set("2026-11-23T09:40:00+12:00");
    const monday = await signIn(app, t.users.curator.login);
    const queue = (await monday.get(`/api/v1/cases?stage=route`)).json();
    expect(queue.items[0]).toMatchObject({
      risk: "overdue",
      stage: { key: "route", risk: "overdue" },
    });
    card = await act(
      monday,
      card,
      "assign",
      { departmentId: t.departments.b },
      "2026-11-23T09:40:00",
    );
    const route = card.stages.find((s) => s.key === "route");
    expect(route).toMatchObject({ status: "done", lateByMinutes: 20, clause: "10" });
  });

  it("a case that crosses the 4 November holiday gets its total term after it", async () => {
    clock.set("2026-11-03T16:30:00+12:00"); // a short pre-holiday day, ending at 17:00
    const t = await seedTenant(db.db, "sobolevo");
    const curator = await signIn(app, t.users.curator.login);
    const card = (
      await curator.post("/api/v1/cases", { channel: "vk", text: "Не горят фонари" })
    ).json() as Card;
    expect(card.deadline).toBe(kam("2026-11-05T17:30:00"));
    expect(due(card, "route")).toBe(kam("2026-11-03T17:00:00"));
  });
});

describe("personal data of authors", () => {
  it("shows the author's name and profile to curators and executors, the name only to approvers, nothing to supervisors and admins", async () => {
    clock.set("2026-11-16T10:00:00+12:00");
    const t = await seedTenant(db.db, "sobolevo");
    const curator = await signIn(app, t.users.curator.login);
    const created = (
      await curator.post("/api/v1/cases", {
        channel: "vk",
        text: "Не вывозят мусор",
        authorName: "Анна Сидорова",
        authorUrl: "https://vk.com/id777",
      })
    ).json() as Card;
    await act(curator, created, "assign", { departmentId: t.departments.a }, "2026-11-16T10:05:00");
    const expected = {
      curator: { name: "Анна Сидорова", url: "https://vk.com/id777" },
      executorA: { name: "Анна Сидорова", url: "https://vk.com/id777" },
      approver: { name: "Анна Сидорова", url: null },
      supervisor: { name: null, url: null },
      admin: { name: null, url: null },
    } as const;
    for (const [who, author] of Object.entries(expected)) {
      const reader = await signIn(app, t.users[who as keyof typeof expected].login);
      const res = await reader.get(`/api/v1/cases/${created.id}`);
      expect(res.statusCode, who).toBe(200);
      expect(res.json().messages[0].author, who).toEqual(author);
      if (author.url === null) expect(res.body, who).not.toContain("id777");
      if (author.name === null) expect(res.body, who).not.toContain("Сидорова");
    }
  });
});

describe("live updates", () => {
  it("sends each change to the tenant's browsers; an executor hears only of their department's cases", async () => {
    clock.set("2026-11-16T10:00:00+12:00");
    const t = await seedTenant(db.db, "sobolevo");
    const other = await seedTenant(db.db, "sobolevo");
    const curator = await signIn(app, t.users.curator.login);
    const supervisor = await signIn(app, t.users.supervisor.login);
    const executorB = await signIn(app, t.users.executorB.login);
    const outsider = await signIn(app, other.users.supervisor.login);
    const outsiderCurator = await signIn(app, other.users.curator.login);
    await app.listen({ port: 0, host: "127.0.0.1" });
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const open = async (who: Client) => {
      const res = await fetch(`${base}/api/v1/events`, { headers: { cookie: who.cookie } });
      expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
      const reader = (res.body as ReadableStream<Uint8Array>).getReader();
      const decoder = new TextDecoder();
      let buffer = "";
      const next = async (): Promise<{ event: string; data: Record<string, unknown> }> => {
        for (;;) {
          const end = buffer.indexOf("\n\n");
          if (end >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            if (block.startsWith(":")) continue;
            const event = /^event: (.*)$/m.exec(block)?.[1] ?? "";
            const data = JSON.parse(/^data: (.*)$/m.exec(block)?.[1] ?? "null");
            return { event, data };
          }
          const chunk = await reader.read();
          if (chunk.done) throw new Error("stream ended");
          buffer += decoder.decode(chunk.value, { stream: true });
        }
      };
      /** The events up to and including the first that `found` picks. */
      const until = async (found: (e: Awaited<ReturnType<typeof next>>) => boolean) => {
        const heard = [await next()];
        while (!found(heard.at(-1)!)) heard.push(await next());
        return heard;
      };
      expect((await next()).event).toBe("ready");
      return { next, until, close: () => reader.cancel() };
    };
    const sup = await open(supervisor);
    const execB = await open(executorB);
    const out = await open(outsider);

    const caseA = (
      await curator.post("/api/v1/cases", { channel: "vk", text: "Первое" })
    ).json() as Card;
    expect(await sup.next()).toEqual({
      event: "case",
      data: { caseId: caseA.id, action: "register", version: 1 },
    });
    const assignedA = await act(
      curator,
      caseA,
      "assign",
      { departmentId: t.departments.a },
      "2026-11-16T10:05:00",
    );
    expect((await sup.next()).data).toEqual({
      caseId: caseA.id,
      action: "assign",
      version: assignedA.version,
    });

    const caseB = (
      await curator.post("/api/v1/cases", { channel: "vk", text: "Второе" })
    ).json() as Card;
    await act(curator, caseB, "assign", { departmentId: t.departments.b }, "2026-11-16T10:06:00");
    // Executor B hears of their own department's case, and nothing of case A.
    const heardB = await execB.until((e) => e.data.action === "assign");
    expect(heardB.map((e) => e.data.caseId)).toEqual(heardB.map(() => caseB.id));

    const foreign = (
      await outsiderCurator.post("/api/v1/cases", { channel: "vk", text: "Чужое" })
    ).json() as Card;
    // The other tenant's supervisor hears of their own case only.
    expect((await out.next()).data).toMatchObject({ caseId: foreign.id, action: "register" });

    // Signing out ends the session's stream; the supervisor's goes on.
    expect((await executorB.post("/api/v1/auth/logout", {})).statusCode).toBe(204);
    const last = await execB.until((e) => e.event === "signedOut");
    expect(last.at(-1)).toEqual({ event: "signedOut", data: {} });
    await expect(execB.next()).rejects.toThrow("stream ended");
    const third = (
      await curator.post("/api/v1/cases", { channel: "vk", text: "Третье" })
    ).json() as Card;
    await sup.until((e) => e.data.caseId === third.id);

    // On a PostgreSQL server the process's listening connection can be lost (a restart, a
    // failover): it is opened again, and every browser is told to read again what it shows, since
    // the changes of the gap were not heard. Then changes are heard as before.
    if (db.kind === "postgres") {
      await sql`select pg_terminate_backend(pid) from pg_stat_activity
        where datname = current_database() and query like 'listen %'`.execute(db.db);
      expect(await sup.until((e) => e.event === "changed")).toContainEqual({
        event: "changed",
        data: { type: "resync" },
      });
      const fourth = (
        await curator.post("/api/v1/cases", { channel: "vk", text: "Четвёртое" })
      ).json() as Card;
      await sup.until((e) => e.data.caseId === fourth.id);
    }

    // Switching to another tenant ends the stream opened for this one, without signing out.
    await addMembership(
      db.db,
      other.tenantId,
      t.users.supervisor.id,
      "supervisor",
      null,
      null,
      clock.now,
    );
    const moved = await supervisor.post("/api/v1/auth/tenant", { tenantId: other.tenantId });
    expect(moved.statusCode).toBe(200);
    await expect(sup.until((e) => e.event === "signedOut")).rejects.toThrow("stream ended");

    await Promise.all([sup.close(), out.close()]);
  });
});
