// The clocks: at-risk and overdue warnings, expired windows, substitutes, and several schedulers at once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actOnCase } from "../src/app/act-on-case.ts";
import { caseCard } from "../src/app/case-view.ts";
import { runSchedulerPass, startScheduler, type PassReport } from "../src/jobs/scheduler.ts";
import { testDatabase } from "./support/database.ts";
import { seedTenant, type SeededTenant } from "./support/factories.ts";

let db: Awaited<ReturnType<typeof testDatabase>>;
beforeAll(async () => {
  db = await testDatabase();
});
afterAll(async () => {
  await db.drop();
});

const at = (s: string) => Date.parse(s);
// Monday 16 November 2026 in Sobolevo (Asia/Kamchatka, UTC+12), working hours 9–18.
const MORNING = "2026-11-16T10:00:00+12:00";
const options = { riskShare: 0.25 };

async function register(t: SeededTenant, when = MORNING, text = "Нет воды на ул. Советской") {
  return t.register({ channel: "vk", text, detectedAt: at(when) }, at(when));
}

async function act(
  t: SeededTenant,
  who: Parameters<SeededTenant["actor"]>[0],
  caseId: number,
  request: Parameters<typeof actOnCase>[4],
  when: string,
) {
  const ctx = await t.ctx();
  const actor = await t.actor(who);
  return db.db
    .transaction()
    .execute((tx) => actOnCase(tx, ctx, actor, caseId, request, { now: at(when) }));
}

const notificationsOf = (caseId: number) =>
  db.db
    .selectFrom("notifications")
    .innerJoin("case_stages", "case_stages.id", "notifications.stage_id")
    .select(["notifications.user_id", "notifications.kind", "case_stages.stage"])
    .where("notifications.case_id", "=", caseId)
    .orderBy("notifications.id")
    .execute();

const clockAudit = (caseId: number) =>
  db.db
    .selectFrom("audit_log")
    .select(["action", "actor_id", "after"])
    .where("case_id", "=", caseId)
    .where("action", "in", ["atRisk", "overdue", "windowExpired"])
    .orderBy("id")
    .execute();

const caseRow = (caseId: number) =>
  db.db
    .selectFrom("cases")
    .select(["risk", "next_deadline", "version"])
    .where("id", "=", caseId)
    .executeTakeFirstOrThrow();

describe("the scheduler", () => {
  it("warns the curators once when routing is at risk, and marks the case at risk", async () => {
    const t = await seedTenant(db.db, "sobolevo");
    const c = await register(t);
    // Routing: 30 working minutes, at risk with a quarter left — from 10:22:30.
    const first = await runSchedulerPass(db.db, at("2026-11-16T10:25:00+12:00"), options);
    expect(first.atRisk).toBeGreaterThanOrEqual(1);
    expect(await notificationsOf(c.id)).toEqual([
      { user_id: t.users.curator.id, kind: "atRisk", stage: "route" },
    ]);
    const row = await caseRow(c.id);
    expect(row.risk).toBe("atRisk");
    expect(row.version).toBe(c.version);
    const again = await runSchedulerPass(db.db, at("2026-11-16T10:26:00+12:00"), options);
    expect(again.atRisk).toBe(0);
    expect(await notificationsOf(c.id)).toHaveLength(1);
    const audit = await clockAudit(c.id);
    expect(audit.map((a) => [a.action, a.actor_id])).toEqual([["atRisk", null]]);
    // The card's history names the stage the warning was about.
    const card = await caseCard(
      db.db,
      { ctx: await t.ctx(), actor: await t.actor("curator"), now: at("2026-11-16T10:26:00+12:00") },
      c.id,
    );
    expect(card?.timeline.filter((e) => e.action === "atRisk")).toEqual([
      expect.objectContaining({ actor: null, stage: "route", status: null, details: null }),
    ]);
  });

  it("tells the curators and the supervisor when the total term is overdue", async () => {
    const t = await seedTenant(db.db, "sobolevo");
    const c = await register(t);
    // Total: 8 working hours from 10:00 Monday — 10:00 Tuesday. Routing overdue since 10:30.
    await runSchedulerPass(db.db, at("2026-11-17T11:00:00+12:00"), options);
    const got = await notificationsOf(c.id);
    expect(got).toEqual(
      expect.arrayContaining([
        { user_id: t.users.curator.id, kind: "overdue", stage: "route" },
        { user_id: t.users.curator.id, kind: "overdue", stage: "total" },
        { user_id: t.users.supervisor.id, kind: "overdue", stage: "total" },
      ]),
    );
    // Past its deadline, a stage gets the overdue warning alone, not an at-risk one before it.
    expect(got.filter((n) => n.kind === "atRisk")).toEqual([]);
    expect((await caseRow(c.id)).risk).toBe("overdue");
    const audit = await clockAudit(c.id);
    expect(audit.map((a) => a.action)).toEqual(["overdue", "overdue"]);
  });

  it("warns the executor of the draft, and the substitute of an absent one instead", async () => {
    const t = await seedTenant(db.db, "sobolevo");
    const c = await register(t);
    const assigned = await act(
      t,
      "curator",
      c.id,
      { action: "assign", departmentId: t.departments.a, userId: t.users.executorA.id },
      "2026-11-16T10:10:00+12:00",
    );
    expect(assigned).toMatchObject({ ok: true });
    await db.db
      .insertInto("absences")
      .values({
        tenant_id: t.tenantId,
        user_id: t.users.executorA.id,
        starts_at: new Date(at("2026-11-16T11:00:00+12:00")),
        ends_at: new Date(at("2026-11-20T18:00:00+12:00")),
        reason: "illness",
        substitute_id: t.users.executorB.id,
      })
      .execute();
    // Draft: 4 working hours before the total (10:00 Tuesday) — 15:00 Monday; at risk from 13:45.
    await runSchedulerPass(db.db, at("2026-11-16T14:30:00+12:00"), options);
    const draft = (await notificationsOf(c.id)).filter((n) => n.stage === "draft");
    expect(draft).toEqual([{ user_id: t.users.executorB.id, kind: "atRisk", stage: "draft" }]);
  });

  it("closes a return window that passed unused, without warning anyone", async () => {
    const t = await seedTenant(db.db, "sobolevo");
    const c = await register(t);
    await act(
      t,
      "curator",
      c.id,
      { action: "assign", departmentId: t.departments.a, userId: t.users.executorA.id },
      "2026-11-16T10:10:00+12:00",
    );
    // The return window: 30 working minutes from 10:10.
    const report = await runSchedulerPass(db.db, at("2026-11-16T10:45:00+12:00"), options);
    expect(report.windowsExpired).toBeGreaterThanOrEqual(1);
    const window = await db.db
      .selectFrom("case_stages")
      .select(["status", "completed_at", "deadline", "overdue_notified_at"])
      .where("case_id", "=", c.id)
      .where("stage", "=", "returnWindow")
      .executeTakeFirstOrThrow();
    expect(window.status).toBe("expired");
    expect(window.completed_at?.getTime()).toBe(window.deadline?.getTime());
    expect(window.overdue_notified_at).toBeNull();
    expect((await notificationsOf(c.id)).filter((n) => n.stage === "returnWindow")).toEqual([]);
    expect((await clockAudit(c.id)).map((a) => a.action)).toEqual(["windowExpired"]);
    const late = await act(
      t,
      "executorA",
      c.id,
      { action: "return", reason: "Не наш вопрос" },
      "2026-11-16T10:50:00+12:00",
    );
    expect(late.ok).toBe(false);
  });

  it("warns anew when a term is shortened after its first warning", async () => {
    const t = await seedTenant(db.db, "sobolevo");
    const c = await register(t);
    const assigned = await act(
      t,
      "curator",
      c.id,
      { action: "assign", departmentId: t.departments.a, userId: t.users.executorA.id },
      "2026-11-16T10:05:00+12:00",
    );
    expect(assigned).toMatchObject({ ok: true });
    // Total: 8 working hours from 10:00 Monday, at risk with a quarter left — from 17:00.
    await runSchedulerPass(db.db, at("2026-11-16T17:05:00+12:00"), options);
    const totalRisk = async () =>
      (await notificationsOf(c.id)).filter((n) => n.stage === "total" && n.kind === "atRisk");
    const first = await totalRisk();
    expect(first.length).toBeGreaterThan(0);
    // The approver shortens the total to 7 hours: due at 18:00 today, at risk since 16:15.
    const shortened = await act(
      t,
      "approver",
      c.id,
      { action: "shortenTerm", stage: "total", term: "7h" },
      "2026-11-16T17:10:00+12:00",
    );
    expect(shortened).toMatchObject({ ok: true });
    await runSchedulerPass(db.db, at("2026-11-16T17:15:00+12:00"), options);
    // The same people hear of the new deadline: one warning more each.
    expect(await totalRisk()).toHaveLength(first.length * 2);
  });

  it("warns once per stage and person when two schedulers run at the same time", async () => {
    const t = await seedTenant(db.db, "sobolevo");
    const cases = [];
    for (let i = 0; i < 12; i++)
      cases.push(await register(t, MORNING, `Сообщение ${i}: яма на дороге по ул. Набережной`));
    const now = at("2026-11-17T11:05:00+12:00");
    const pass = () => runSchedulerPass(db.db, now, { ...options, batchSize: 3 });
    // PGlite is one session: its passes can only follow each other. PostgreSQL runs them at once.
    const reports: PassReport[] =
      db.kind === "postgres" ? await Promise.all([pass(), pass()]) : [await pass(), await pass()];
    const ids = cases.map((c) => c.id);
    const audit = await db.db
      .selectFrom("audit_log")
      .select(["case_id", "action", "after"])
      .where("case_id", "in", ids)
      .where("action", "=", "overdue")
      .execute();
    // Every case: routing and total overdue, one audit entry each.
    expect(audit).toHaveLength(ids.length * 2);
    const keys = audit.map((a) => `${a.case_id}:${(a.after as { stage: string }).stage}`);
    expect(new Set(keys).size).toBe(keys.length);
    // Other tests' cases fall due too; whatever the passes counted, each was written once.
    const written = await db.db
      .selectFrom("audit_log")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("action", "=", "overdue")
      .where("at", "=", new Date(now))
      .executeTakeFirstOrThrow();
    expect(reports.reduce((n, r) => n + r.overdue, 0)).toBe(Number(written.n));
    const notes = await db.db
      .selectFrom("notifications")
      .select(["stage_id", "kind", "user_id"])
      .where("case_id", "in", ids)
      .where("kind", "=", "overdue")
      .execute();
    // Routing: the curator. Total: the curator and the supervisor.
    expect(notes).toHaveLength(ids.length * 3);
    const once = new Set(notes.map((n) => `${n.stage_id}:${n.kind}:${n.user_id}`));
    expect(once.size).toBe(notes.length);
    for (const id of ids) expect((await caseRow(id)).risk).toBe("overdue");
  });

  it("runs a pass when started and finishes it before stopping", async () => {
    const t = await seedTenant(db.db, "sobolevo");
    const c = await register(t);
    const logged: string[] = [];
    const log = (_obj: unknown, msg?: string) => void logged.push(msg ?? "");
    const running = startScheduler({
      database: db,
      config: { riskShare: 0.25, schedulerSeconds: 3600 },
      clock: () => at("2026-11-16T10:25:00+12:00"),
      logger: { debug: log, info: log, warn: log, error: log },
    });
    await running.stop();
    expect((await notificationsOf(c.id)).map((n) => n.stage)).toContain("route");
    expect(logged).not.toContain("scheduler pass failed");
  });
});
