import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMembership, createUser } from "../src/app/users.ts";
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
});
