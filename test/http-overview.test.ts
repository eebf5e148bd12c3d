// The supervisor's overview: figures counted by the database agree with what the cards say, stay
// within the tenant, follow the tenant's day and week, and are read through indexes.
import type { FastifyInstance } from "fastify";
import { sql, type RawBuilder } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  escalatedCasesQuery,
  openCaseCountsQuery,
  openStageCountsQuery,
  stageTimelinessQuery,
} from "../src/db/reports.ts";
import { testDatabase } from "./support/database.ts";
import { seedTenant, type SeededTenant } from "./support/factories.ts";
import { signIn, testServer, TestClock, type Client } from "./support/http.ts";

let db: Awaited<ReturnType<typeof testDatabase>>;
let app: FastifyInstance;
// Monday 16 November 2026, 10:00 in Sobolevo (Asia/Kamchatka, UTC+12).
const MONDAY_10 = Date.parse("2026-11-16T10:00:00+12:00");
const clock = new TestClock(MONDAY_10);
let own: SeededTenant;
let curator: Client;
let supervisor: Client;
const ids: Record<"routedOnTime" | "unrouted" | "routedLate" | "escalated", number> = {
  routedOnTime: 0,
  unrouted: 0,
  routedLate: 0,
  escalated: 0,
};

interface Card {
  settlement: string | null;
  id: number;
  version: number;
  department: { id: number } | null;
  risk: string;
  status: string;
  stages: Array<{
    key: string;
    kind: string;
    status: string;
    deadline: string | null;
    completedAt: string | null;
    risk: string;
  }>;
}

async function register(c: Client, text: string, locationText?: string): Promise<number> {
  const res = await c.post("/api/v1/cases", { channel: "vk", text, locationText });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

async function card(id: number): Promise<Card> {
  return (await curator.get(`/api/v1/cases/${id}`)).json() as Card;
}

async function assign(id: number, department: number) {
  const res = await curator.post(`/api/v1/cases/${id}/actions/assign`, {
    expectedVersion: (await card(id)).version,
    departmentId: department,
  });
  expect(res.statusCode, res.body).toBe(200);
}

beforeAll(async () => {
  db = await testDatabase();
  app = await testServer(db, clock);
  own = await seedTenant(db.db, "sobolevo");
  const foreign = await seedTenant(db.db, "sobolevo");
  curator = await signIn(app, own.users.curator.login);
  supervisor = await signIn(app, own.users.supervisor.login);
  const stranger = await signIn(app, foreign.users.curator.login);

  // Four messages at 10:00; routing is due in 30 minutes (004 п. 10).
  // Two about Устьевое, one about Соболево, one where the place is not given.
  const places: Record<keyof typeof ids, string | undefined> = {
    routedOnTime: "Устьевое, ул. Школьная",
    unrouted: "в Устьевом у клуба",
    routedLate: "Соболево, ул. Советская",
    escalated: undefined,
  };
  for (const key of Object.keys(ids) as Array<keyof typeof ids>)
    ids[key] = await register(curator, `Сообщение ${key}: не горят фонари`, places[key]);
  await register(stranger, "Чужая администрация: не горят фонари", "Устьевое");
  clock.set("2026-11-16T10:10:00+12:00");
  await assign(ids.routedOnTime, own.departments.a);
  clock.set("2026-11-16T10:20:00+12:00");
  const escalated = await supervisor.post(`/api/v1/cases/${ids.escalated}/actions/escalate`, {
    expectedVersion: (await card(ids.escalated)).version,
    note: "Социально значимое: много откликов",
  });
  expect(escalated.statusCode, escalated.body).toBe(200);
  clock.set("2026-11-16T10:50:00+12:00");
  await assign(ids.routedLate, own.departments.b);
  clock.set("2026-11-16T11:00:00+12:00");
});
afterAll(async () => {
  await app.close();
  await db.drop();
});

/** What the cards say, counted here the way the overview should count it. */
async function fromCards(from: number, to: number) {
  const cards = await Promise.all(Object.values(ids).map(card));
  const stages = new Map<string, { open: number; overdue: number; atRisk: number }>();
  const timeliness = new Map<number | null, { due: number; onTime: number }>();
  for (const c of cards) {
    for (const s of c.stages) {
      if (s.kind === "window") continue;
      const deadline = s.deadline === null ? null : Date.parse(s.deadline);
      if (s.status === "open") {
        const row = stages.get(s.key) ?? { open: 0, overdue: 0, atRisk: 0 };
        row.open++;
        if (s.risk === "overdue") row.overdue++;
        if (s.risk === "atRisk") row.atRisk++;
        stages.set(s.key, row);
      }
      const done = s.completedAt === null ? null : Date.parse(s.completedAt);
      const counted =
        deadline !== null &&
        ((s.status === "done" && done! >= from && done! < to) ||
          (s.status === "open" && deadline >= from && deadline < Math.min(to, clock.now)));
      if (!counted) continue;
      const key = c.department?.id ?? null;
      const row = timeliness.get(key) ?? { due: 0, onTime: 0 };
      row.due++;
      if (s.status === "done" && done! <= deadline!) row.onTime++;
      timeliness.set(key, row);
    }
  }
  return { cards, stages, timeliness };
}

describe("the overview's figures", () => {
  it("open cases by status and department, and stages by stage, agree with the cards", async () => {
    const res = await supervisor.get("/api/v1/reports/overview");
    expect(res.statusCode, res.body).toBe(200);
    const o = res.json();
    const { cards, stages } = await fromCards(0, clock.now);
    expect(o.now).toBe(new Date(clock.now).toISOString());
    expect(o.totals).toEqual({
      open: 4,
      overdue: cards.filter((c) => c.risk === "overdue").length,
      atRisk: cards.filter((c) => c.risk === "atRisk").length,
    });
    // The two not routed by 10:30 are late; the foreign tenant's case is not counted.
    expect(o.totals.overdue).toBeGreaterThanOrEqual(2);
    const stageRows = Object.fromEntries(
      o.stages.map((s: { stage: string; open: number; overdue: number; atRisk: number }) => [
        s.stage,
        { open: s.open, overdue: s.overdue, atRisk: s.atRisk },
      ]),
    );
    expect(stageRows).toEqual(Object.fromEntries(stages));
    const route = o.stages.find((s: { stage: string }) => s.stage === "route");
    expect(route).toMatchObject({
      open: 2,
      overdue: 2,
      title: expect.stringMatching(/^Направление/),
    });
    // The total term comes last.
    expect(o.stages.at(-1).kind).toBe("total");

    const byDepartment = (id: number | null) =>
      o.departments.find(
        (d: { department: { id: number } | null }) => (d.department?.id ?? null) === id,
      );
    expect(byDepartment(null)).toMatchObject({ open: 2, overdue: 2 });
    expect(byDepartment(own.departments.a)).toMatchObject({
      open: 1,
      department: { id: own.departments.a, name: "Отдел ЖКХ" },
    });
    expect(byDepartment(own.departments.b)).toMatchObject({ open: 1 });
    // By the settlement of the place, as the cards name it; the unknown place last.
    const bySettlement = new Map<
      string | null,
      { open: number; overdue: number; atRisk: number }
    >();
    for (const c of cards) {
      const row = bySettlement.get(c.settlement) ?? { open: 0, overdue: 0, atRisk: 0 };
      row.open++;
      if (c.risk === "overdue") row.overdue++;
      if (c.risk === "atRisk") row.atRisk++;
      bySettlement.set(c.settlement, row);
    }
    expect(o.settlements.map((p: { settlement: string | null }) => p.settlement).at(-1)).toBe(null);
    expect(
      new Map(
        o.settlements.map(
          (p: { settlement: string | null; open: number; overdue: number; atRisk: number }) => [
            p.settlement,
            { open: p.open, overdue: p.overdue, atRisk: p.atRisk },
          ],
        ),
      ),
    ).toEqual(bySettlement);
    expect(
      o.settlements.find((p: { settlement: string }) => p.settlement === "Устьевое"),
    ).toMatchObject({
      open: 2,
    });
    const statuses = Object.fromEntries(
      o.statuses.map((s: { status: string; open: number }) => [s.status, s.open]),
    );
    expect(statuses).toEqual({ new: 2, assigned: 2 });
  });

  it("escalations list the cases reported to the head, in the period", async () => {
    const o = (await supervisor.get("/api/v1/reports/overview")).json();
    expect(o.escalations.total).toBe(1);
    expect(o.escalations.items).toEqual([
      expect.objectContaining({
        id: ids.escalated,
        escalatedAt: new Date("2026-11-16T10:20:00+12:00").toISOString(),
        risk: "overdue",
        department: null,
      }),
    ]);
    const before = (
      await supervisor.get(
        `/api/v1/reports/overview?from=${encodeURIComponent("2026-11-09T00:00:00+12:00")}&to=${encodeURIComponent("2026-11-16T10:15:00+12:00")}`,
      )
    ).json();
    expect(before.escalations).toEqual({ total: 0, items: [] });
    expect(before.timeliness.period).toMatchObject({ due: 1, onTime: 1, share: 1 });
  });

  it("the list items carry escalatedAt too", async () => {
    const list = (await supervisor.get("/api/v1/cases")).json();
    const item = list.items.find((i: { id: number }) => i.id === ids.escalated);
    expect(item.escalatedAt).toBe(new Date("2026-11-16T10:20:00+12:00").toISOString());
    expect(list.items.find((i: { id: number }) => i.id === ids.unrouted).escalatedAt).toBeNull();
  });

  it("timeliness today and this week: stages done by their deadline, of those done or late", async () => {
    const o = (await supervisor.get("/api/v1/reports/overview")).json();
    const today = Date.parse("2026-11-16T00:00:00+12:00");
    expect(o.timeliness.today.from).toBe(new Date(today).toISOString());
    expect(o.timeliness.week.from).toBe(new Date(today).toISOString()); // Monday
    const { timeliness } = await fromCards(today, clock.now);
    const due = [...timeliness.values()].reduce((n, r) => n + r.due, 0);
    const onTime = [...timeliness.values()].reduce((n, r) => n + r.onTime, 0);
    expect(o.timeliness.today).toMatchObject({
      due,
      onTime,
      share: Math.round((onTime / due) * 1000) / 1000,
    });
    // Routed on time (A), routed late (B), two still not routed: one of four.
    expect(o.timeliness.today).toMatchObject({ due: 4, onTime: 1, share: 0.25 });
    const depts = Object.fromEntries(
      o.timeliness.today.departments.map(
        (d: { department: { id: number } | null; due: number; onTime: number }) => [
          String(d.department?.id ?? null),
          [d.due, d.onTime],
        ],
      ),
    );
    expect(depts).toEqual({
      [String(own.departments.a)]: [1, 1],
      [String(own.departments.b)]: [1, 0],
      null: [2, 0],
    });
    expect(o.timeliness.week).toMatchObject({ due: 4, onTime: 1 });
  });

  it("the week starts on Monday in the tenant's zone; yesterday is not today", async () => {
    clock.set("2026-11-17T09:00:00+12:00");
    try {
      // Yesterday's sessions have expired (12 hours).
      curator = await signIn(app, own.users.curator.login);
      const o = (
        await (await signIn(app, own.users.supervisor.login)).get("/api/v1/reports/overview")
      ).json();
      expect(o.timeliness.today.from).toBe(new Date("2026-11-17T00:00:00+12:00").toISOString());
      expect(o.timeliness.week.from).toBe(new Date("2026-11-16T00:00:00+12:00").toISOString());
      const count = async (from: number) =>
        [...(await fromCards(from, clock.now)).timeliness.values()].reduce((n, r) => n + r.due, 0);
      expect(o.timeliness.today.due).toBe(await count(Date.parse("2026-11-17T00:00:00+12:00")));
      expect(o.timeliness.week.due).toBe(await count(Date.parse("2026-11-16T00:00:00+12:00")));
      expect(o.timeliness.week.due).toBeGreaterThan(o.timeliness.today.due);
    } finally {
      clock.set("2026-11-16T11:00:00+12:00");
      curator = await signIn(app, own.users.curator.login);
      supervisor = await signIn(app, own.users.supervisor.login);
    }
  });
});

describe("who reads the overview", () => {
  it("the supervisor, the approver and the curator; an executor is refused", async () => {
    for (const who of ["approver", "curator"] as const) {
      const c = await signIn(app, own.users[who].login);
      expect((await c.get("/api/v1/reports/overview")).statusCode, who).toBe(200);
    }
    const executor = await signIn(app, own.users.executorA.login);
    const res = await executor.get("/api/v1/reports/overview");
    expect(res.statusCode).toBe(403);
    expect(res.json().type).toBe("urn:otklik:problem:forbidden");
  });

  it("a period that ends before it starts, or a bad instant, names the field", async () => {
    const backwards = await supervisor.get(
      "/api/v1/reports/overview?from=2026-11-16T10:00:00Z&to=2026-11-15T10:00:00Z",
    );
    expect(backwards.statusCode).toBe(422);
    expect(backwards.json().errors[0].field).toBe("to");
    const bad = await supervisor.get("/api/v1/reports/overview?from=yesterday");
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0]).toMatchObject({ field: "from", in: "query" });
  });
});

describe("the overview reads indexes, not the whole history", () => {
  it("each query can be served by its partial index", async () => {
    const t = own.tenantId;
    const now = clock.now;
    const plans = await db.db.transaction().execute(async (tx) => {
      // The tables are tiny here; without this the planner reads them whole, index or not.
      await sql`set local enable_seqscan = off`.execute(tx);
      const plan = async (q: RawBuilder<unknown>) =>
        (await sql<{ "QUERY PLAN": string }>`explain ${q}`.execute(tx)).rows
          .map((r) => r["QUERY PLAN"])
          .join("\n");
      return {
        stages: await plan(openStageCountsQuery(t, now)),
        cases: await plan(openCaseCountsQuery(t, now)),
        escalations: await plan(escalatedCasesQuery(t, 0, now, now, 50)),
        timeliness: await plan(stageTimelinessQuery(t, now - 86_400_000, now, now)),
      };
    });
    expect(plans.stages).toContain("case_stages_open");
    expect(plans.cases).toContain("case_stages_open");
    expect(plans.cases).toMatch(/cases_(queue|status|department_queue)/);
    expect(plans.escalations).toContain("cases_escalated");
    expect(plans.timeliness).toContain("case_stages_done");
    expect(plans.timeliness).toContain("case_stages_open_due");
    for (const p of Object.values(plans))
      expect(p).not.toMatch(/Seq Scan on (cases|case_stages)\b/);
  });
});
