import type { FastifyInstance } from "fastify";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMembership, createUser } from "../src/app/users.ts";
import { loadCase, saveCase } from "../src/db/cases.ts";
import { testDatabase } from "./support/database.ts";
import { PASSWORD, seedTenant } from "./support/factories.ts";
import { signIn, testServer, TestClock } from "./support/http.ts";

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

describe("optimistic concurrency", () => {
  it("two curators assigning the same case at once: one wins, the other gets 409 with a clear message", async () => {
    const t = await seedTenant(db.db, "sobolevo");
    const second = await createUser(
      db.db,
      {
        login: `second-curator-${t.slug}`.slice(0, 60),
        password: PASSWORD,
        fullName: "Второй куратор",
      },
      null,
      clock.now,
    );
    if (!second.ok) throw new Error("user");
    await addMembership(db.db, t.tenantId, second.id, "curator", null, null, clock.now);
    const first = await signIn(app, t.users.curator.login);
    const other = await signIn(app, `second-curator-${t.slug}`.slice(0, 60));
    const created = (
      await first.post("/api/v1/cases", { channel: "vk", text: "Нет света" })
    ).json();

    const [a, b] = await Promise.all([
      first.post(`/api/v1/cases/${created.id}/actions/assign`, {
        expectedVersion: created.version,
        departmentId: t.departments.a,
      }),
      other.post(`/api/v1/cases/${created.id}/actions/assign`, {
        expectedVersion: created.version,
        departmentId: t.departments.b,
      }),
    ]);
    const statuses = [a.statusCode, b.statusCode].sort();
    expect(statuses).toEqual([200, 409]);
    const winner = a.statusCode === 200 ? a : b;
    const loser = a.statusCode === 200 ? b : a;
    expect(loser.headers["content-type"]).toMatch(/^application\/problem\+json/);
    expect(loser.json()).toMatchObject({
      type: "urn:otklik:problem:conflict",
      status: 409,
      title: "Карточку уже изменил другой пользователь: обновите её",
      currentVersion: created.version + 1,
    });

    const won = winner.json().case;
    const row = await db.db
      .selectFrom("cases")
      .select(["version", "department_id", "status"])
      .where("id", "=", created.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({
      version: created.version + 1,
      department_id: won.department.id,
      status: "assigned",
    });
    const audit = await db.db
      .selectFrom("audit_log")
      .select("action")
      .where("case_id", "=", created.id)
      .where("action", "=", "assign")
      .execute();
    expect(audit).toHaveLength(1);
    const notified = await db.db
      .selectFrom("notifications")
      .select("kind")
      .where("case_id", "=", created.id)
      .where("kind", "=", "assign")
      .execute();
    expect(notified).toHaveLength(1);
  });

  it("a decision on a case that moved on after it was read is written not at all: no stage, note, audit entry or notification", async () => {
    const t = await seedTenant(db.db, "sobolevo");
    const curator = await signIn(app, t.users.curator.login);
    const created = (
      await curator.post("/api/v1/cases", { channel: "vk", text: "Не горят фонари" })
    ).json();
    // Read as an action outside a transaction reads it (no lock), then overtaken by another's action.
    const stale = await loadCase(db.db, t.tenantId, created.id);
    if (!stale) throw new Error("case");
    const assigned = await curator.post(`/api/v1/cases/${created.id}/actions/assign`, {
      expectedVersion: created.version,
      departmentId: t.departments.a,
    });
    expect(assigned.statusCode).toBe(200);
    const countOf = async (table: "case_stages" | "notes" | "audit_log" | "notifications") =>
      (
        await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}
          where case_id = ${created.id}`.execute(db.db)
      ).rows[0]?.n;
    const rows = async () => ({
      case: await db.db
        .selectFrom("cases")
        .select(["version", "status", "importance", "escalated_at"])
        .where("id", "=", created.id)
        .executeTakeFirstOrThrow(),
      stages: await countOf("case_stages"),
      notes: await countOf("notes"),
      audit: await countOf("audit_log"),
      notifications: await countOf("notifications"),
    });
    const before = await rows();

    const saved = await saveCase(
      db.db,
      stale,
      { ...stale, importance: "high", escalatedAt: clock.now, version: stale.version + 1 },
      clock.now,
      {
        beside: [
          {
            write: db.db.insertInto("notes").values({
              tenant_id: t.tenantId,
              case_id: created.id,
              kind: "escalate",
              text: "Записано по устаревшему чтению",
              author_id: t.users.curator.id,
            }),
            returnsId: false,
          },
        ],
        audit: {
          tenantId: t.tenantId,
          caseId: created.id,
          actorId: t.users.curator.id,
          action: "escalate",
          at: clock.now,
          before: null,
          after: null,
          requestId: null,
        },
      },
    );
    expect(saved).toBeNull();
    expect(await rows()).toEqual(before);
  });
});
