// A server keeps a session it read for a moment (src/http/session-cache.ts). These servers keep
// one for an hour unless told otherwise, so every refusal below comes from a change being known:
// at once when this server made it, and from the database's notice when another process or a
// hand in psql did.
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "./support/database.ts";
import { seedTenant, type SeededTenant } from "./support/factories.ts";
import { client, signIn, testServer, TestClock, type Client } from "./support/http.ts";

let db: Awaited<ReturnType<typeof testDatabase>>;
let here: FastifyInstance;
let there: FastifyInstance;
const clock = new TestClock(Date.parse("2026-11-16T10:00:00+03:00"));
const HOUR = 3_600_000;

beforeAll(async () => {
  db = await testDatabase();
  // Two servers over one database, as two processes behind a balancer.
  here = await testServer(db, clock, {}, { sessionMaxAgeMs: HOUR });
  there = await testServer(db, clock, {}, { sessionMaxAgeMs: HOUR });
});
afterAll(async () => {
  await here.close();
  await there.close();
  await db.drop();
});

/** The same signed-in person (cookie and CSRF token) talking to another server. */
const through = (app: FastifyInstance, who: Client): Client =>
  client(app, who.cookie, who.csrf, who.me);

const queueStatus = async (who: Client) => (await who.get("/api/v1/cases?limit=5")).statusCode;

/** The first status of the queue other than 200, asking again for 2.5 s at most. */
async function refusedWithin(who: Client): Promise<number> {
  const began = performance.now();
  let status = await queueStatus(who);
  while (status === 200 && performance.now() - began < 2_500) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    status = await queueStatus(who);
  }
  return status;
}

async function membershipOf(t: SeededTenant, userId: number): Promise<number> {
  const row = await db.db
    .selectFrom("memberships")
    .select("id")
    .where("user_id", "=", userId)
    .where("tenant_id", "=", t.tenantId)
    .executeTakeFirstOrThrow();
  return row.id;
}

describe("kept sessions", () => {
  it("a person deactivated or a role taken away through this server is refused at the next request", async () => {
    const t = await seedTenant(db.db, "sobolevo");
    const admin = await signIn(here, t.users.admin.login);
    const approver = await signIn(here, t.users.approver.login);
    const executor = await signIn(here, t.users.executorA.login);
    // Both sessions are read, and kept.
    expect(await queueStatus(approver)).toBe(200);
    expect(await queueStatus(executor)).toBe(200);

    const off = await admin.request("PATCH", `/api/v1/users/${t.users.approver.id}`, {
      active: false,
    });
    expect(off.statusCode).toBe(200);
    expect(await queueStatus(approver)).toBe(401);

    const role = await membershipOf(t, t.users.executorA.id);
    const gone = await admin.request(
      "DELETE",
      `/api/v1/users/${t.users.executorA.id}/roles/${role}`,
    );
    expect(gone.statusCode).toBe(200);
    const noRole = await executor.get("/api/v1/cases?limit=5");
    expect(noRole.statusCode).toBe(403);
    expect(noRole.json().type).toBe("urn:otklik:problem:noTenant");
  });

  it("another server learns of a deactivation, a sign-out and a tenant switch from the database's notice", async () => {
    const t = await seedTenant(db.db, "krymsk");
    const admin = await signIn(here, t.users.admin.login);
    const curator = await signIn(here, t.users.curator.login);
    const supervisor = await signIn(here, t.users.supervisor.login);
    const approver = await signIn(here, t.users.approver.login);
    const curatorThere = through(there, curator);
    const supervisorThere = through(there, supervisor);
    const approverThere = through(there, approver);
    for (const who of [curatorThere, supervisorThere, approverThere])
      expect(await queueStatus(who)).toBe(200);

    const off = await admin.request("PATCH", `/api/v1/users/${t.users.curator.id}`, {
      active: false,
    });
    expect(off.statusCode).toBe(200);
    expect(await refusedWithin(curatorThere)).toBe(401);

    expect((await supervisor.post("/api/v1/auth/logout")).statusCode).toBe(204);
    expect(await refusedWithin(supervisorThere)).toBe(401);

    // The approver is moved to a tenant where they have no role, by hand: their session's tenant
    // here is no longer the one kept there.
    const other = await seedTenant(db.db, "bor");
    await db.db
      .updateTable("sessions")
      .set({ tenant_id: other.tenantId })
      .where("user_id", "=", t.users.approver.id)
      .execute();
    expect(await refusedWithin(approverThere)).toBe(403);
  });

  it("a change made by hand in the database reaches a kept session", async () => {
    const t = await seedTenant(db.db, "bor");
    const approver = await signIn(here, t.users.approver.login);
    const executor = await signIn(here, t.users.executorA.login);
    expect(await queueStatus(approver)).toBe(200);
    expect(await queueStatus(executor)).toBe(200);

    await db.db
      .updateTable("users")
      .set({ active: false })
      .where("id", "=", t.users.approver.id)
      .execute();
    expect(await refusedWithin(approver)).toBe(401);

    await db.db
      .deleteFrom("memberships")
      .where("user_id", "=", t.users.executorA.id)
      .where("tenant_id", "=", t.tenantId)
      .execute();
    expect(await refusedWithin(executor)).toBe(403);
    // Signing out stays open without a role.
    expect((await executor.post("/api/v1/auth/logout")).statusCode).toBe(204);
  });

  it("a kept session still ends at its time", async () => {
    clock.set("2026-11-16T10:00:00+03:00");
    const t = await seedTenant(db.db, "sobolevo");
    const curator = await signIn(here, t.users.curator.login);
    expect(await queueStatus(curator)).toBe(200);
    clock.advance(8 * 24 * HOUR);
    expect(await queueStatus(curator)).toBe(401);
    clock.set("2026-11-16T10:00:00+03:00");
  });
});
