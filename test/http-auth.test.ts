import { createHash } from "node:crypto";
import type { FastifyInstance } from "fastify";
import type { KyselyPlugin } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMembership } from "../src/app/users.ts";
import { runSessionSweep } from "../src/jobs/sessions-sweep.ts";
import { testDatabase } from "./support/database.ts";
import { PASSWORD, seedTenant } from "./support/factories.ts";
import { signIn, testServer, TestClock } from "./support/http.ts";
import { snapshot } from "./support/snapshot.ts";

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

const login = (body: unknown, remoteAddress = "127.0.0.1") =>
  app.inject({ method: "POST", url: "/api/v1/auth/login", payload: body as object, remoteAddress });

const HOUR = 3_600_000;

/** The audit entries of sign-in and session events for a user or a typed login, oldest first. */
async function accessAudit(where: { actorId?: number; login?: string }) {
  const rows = await db.db
    .selectFrom("audit_log")
    .select(["tenant_id", "case_id", "actor_id", "action", "at", "before", "after", "request_id"])
    .where("action", "in", ["signIn", "signInRefused", "signOut", "switchTenant"])
    .$if(where.actorId !== undefined, (q) => q.where("actor_id", "=", where.actorId as number))
    .$if(where.login !== undefined, (q) =>
      q.where((eb) => eb(eb.ref("after", "->>").key("login" as never), "=", where.login as string)),
    )
    .orderBy("id")
    .execute();
  return rows;
}

/** The Max-Age of the session cookie a response sets, if it sets one. */
const cookieAge = (res: { cookies: Array<{ name: string; maxAge?: number }> }) =>
  res.cookies.find((c) => c.name === "otklik_session")?.maxAge;

describe("signing in", () => {
  it("sets an HttpOnly SameSite session cookie and /me tells the user, the tenant, the roles and the CSRF token", async () => {
    clock.set("2026-11-16T10:00:00+12:00");
    const t = await seedTenant(db.db, "sobolevo");
    const res = await login({ login: t.users.executorA.login, password: PASSWORD });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === "otklik_session");
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/" });
    expect(cookie?.secure).toBeFalsy();
    expect(cookie?.maxAge).toBe(12 * 3600);
    const me = await app.inject({
      method: "GET",
      url: "/api/v1/auth/me",
      headers: { cookie: `otklik_session=${cookie?.value}` },
    });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({
      user: { login: t.users.executorA.login },
      tenant: { id: t.tenantId, slug: t.slug, timeZone: "Asia/Kamchatka" },
      roles: [{ role: "executor", department: { id: t.departments.a, name: "Отдел ЖКХ" } }],
      tenants: [{ id: t.tenantId }],
      absences: [],
      may: [],
    });
    expect(me.json().csrfToken).toEqual(res.json().csrfToken);
  });

  it("stores a hash of the session token, never the token itself", async () => {
    const t = await seedTenant(db.db, "sobolevo");
    const res = await login({ login: t.users.curator.login, password: PASSWORD });
    const token = res.cookies.find((c) => c.name === "otklik_session")?.value as string;
    const rows = await db.db
      .selectFrom("sessions")
      .select("id")
      .where("user_id", "=", t.users.curator.id)
      .execute();
    expect(rows.map((r) => r.id)).toEqual([createHash("sha256").update(token).digest("hex")]);
  });

  it("marks the cookie Secure when the configuration says the server is behind HTTPS", async () => {
    const secure = await testServer(db, clock, { secureCookies: true });
    const t = await seedTenant(db.db, "sobolevo");
    const res = await secure.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      payload: { login: t.users.curator.login, password: PASSWORD },
    });
    expect(res.cookies.find((c) => c.name === "otklik_session")?.secure).toBe(true);
    await secure.close();
  });

  it("refuses a wrong password with 401 problem+json and no cookie", async () => {
    const t = await seedTenant(db.db, "sobolevo");
    const res = await login(
      { login: t.users.curator.login, password: "wrong password" },
      "10.0.0.1",
    );
    expect(res.statusCode).toBe(401);
    expect(res.headers["content-type"]).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({
      type: "urn:otklik:problem:badCredentials",
      title: "Неверный логин или пароль",
      status: 401,
      instance: "/api/v1/auth/login",
    });
    expect(res.cookies).toEqual([]);
  });

  it("answers in English when the client prefers it", async () => {
    const res = await app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      payload: { login: "nobody-here", password: "x" },
      headers: { "accept-language": "en-GB,en;q=0.9" },
      remoteAddress: "10.0.0.2",
    });
    expect(res.json().title).toBe("Wrong login or password");
  });
});

describe("who am I", () => {
  it("says what the person publishes under the tenant's regulation, nothing where executors do", async () => {
    const sobolevo = await seedTenant(db.db, "sobolevo");
    const krymsk = await seedTenant(db.db, "krymsk");
    const me = async (login: string) =>
      (await (await signIn(app, login)).get("/api/v1/auth/me")).json();
    // 004: the executor hands the approved answer over and the curator publishes it.
    expect((await me(sobolevo.users.curator.login)).publishes).toEqual(["readyToPublish"]);
    // 001: the executor publishes.
    expect((await me(krymsk.users.curator.login)).publishes).toEqual([]);
    expect((await me(krymsk.users.executorA.login)).publishes).toEqual(["approved"]);
  });
});

describe("sessions", () => {
  it("without a session every route but login answers 401", async () => {
    for (const url of [
      "/api/v1/auth/me",
      "/api/v1/cases",
      "/api/v1/departments",
      "/api/v1/events",
    ]) {
      const res = await app.inject({ method: "GET", url });
      expect(res.statusCode, url).toBe(401);
      expect(res.json().type).toBe("urn:otklik:problem:unauthenticated");
    }
  });

  it("signing out deletes the session: the cookie no longer opens anything", async () => {
    const t = await seedTenant(db.db, "sobolevo");
    const curator = await signIn(app, t.users.curator.login);
    expect((await curator.post("/api/v1/auth/logout")).statusCode).toBe(204);
    expect((await curator.get("/api/v1/auth/me")).statusCode).toBe(401);
  });

  it("a session left idle ends after the configured hours", async () => {
    clock.set("2026-11-16T10:00:00+12:00");
    const t = await seedTenant(db.db, "sobolevo");
    const curator = await signIn(app, t.users.curator.login);
    const signedInAt = clock.now;
    const endOf = async () =>
      (
        await db.db
          .selectFrom("sessions")
          .select("expires_at")
          .where("user_id", "=", t.users.curator.id)
          .executeTakeFirstOrThrow()
      ).expires_at.getTime();
    // Within five minutes of the last touch a request writes nothing: the end stays where it was.
    clock.advance(4 * 60_000);
    expect((await curator.get("/api/v1/auth/me")).statusCode).toBe(200);
    expect(await endOf()).toBe(signedInAt + 12 * HOUR);
    const idle = await signIn(app, t.users.approver.login);
    clock.advance(12 * HOUR + 1000);
    const gone = await idle.get("/api/v1/auth/me");
    expect(gone.statusCode).toBe(401);
    expect(gone.cookies.find((c) => c.name === "otklik_session")?.value).toBe("");
  });

  it("a session in use slides: each touch moves its end to the configured hours from then, and renews the cookie", async () => {
    clock.set("2026-11-16T10:00:00+12:00");
    const t = await seedTenant(db.db, "sobolevo");
    const curator = await signIn(app, t.users.curator.login);
    clock.advance(11 * HOUR);
    const touched = await curator.get("/api/v1/auth/me");
    expect(touched.statusCode).toBe(200);
    expect(cookieAge(touched)).toBe(12 * 3600);
    const row = await db.db
      .selectFrom("sessions")
      .select(["expires_at", "last_seen_at"])
      .where("user_id", "=", t.users.curator.id)
      .executeTakeFirstOrThrow();
    expect(row.last_seen_at.getTime()).toBe(clock.now);
    expect(row.expires_at.getTime()).toBe(clock.now + 12 * HOUR);
    // 22 hours after signing in, 11 after the last request: still open.
    clock.advance(11 * HOUR);
    expect((await curator.get("/api/v1/auth/me")).statusCode).toBe(200);
    // A request within five minutes of the last touch neither writes nor sets the cookie again.
    clock.advance(60_000);
    const quiet = await curator.get("/api/v1/auth/me");
    expect(quiet.statusCode).toBe(200);
    expect(cookieAge(quiet)).toBeUndefined();
  });

  it("however much it is used, a session ends seven days after signing in", async () => {
    clock.set("2026-11-16T10:00:00+12:00");
    const signedInAt = clock.now;
    const t = await seedTenant(db.db, "sobolevo");
    const curator = await signIn(app, t.users.curator.login);
    while (clock.now + 11 * HOUR < signedInAt + 7 * 24 * HOUR) {
      clock.advance(11 * HOUR);
      expect((await curator.get("/api/v1/auth/me")).statusCode).toBe(200);
    }
    // The last touch (165 hours in) could not move the end past the cap: 168 hours, not 177.
    const row = await db.db
      .selectFrom("sessions")
      .select("expires_at")
      .where("user_id", "=", t.users.curator.id)
      .executeTakeFirstOrThrow();
    expect(row.expires_at.getTime()).toBe(signedInAt + 7 * 24 * HOUR);
    clock.set(new Date(signedInAt + 7 * 24 * HOUR - 1000).toISOString());
    const near = await curator.get("/api/v1/auth/me");
    expect(near.statusCode).toBe(200);
    expect(cookieAge(near)).toBe(1);
    clock.advance(2000);
    expect((await curator.get("/api/v1/auth/me")).statusCode).toBe(401);
  });

  it("the sweep deletes ended sessions and stale sign-in counts, and nothing that still matters", async () => {
    clock.set("2026-11-16T10:00:00+12:00");
    const t = await seedTenant(db.db, "sobolevo");
    const live = await signIn(app, t.users.curator.login);
    const ended = await signIn(app, t.users.supervisor.login);
    await db.db
      .updateTable("sessions")
      .set({ expires_at: new Date(clock.now - 1000) })
      .where("user_id", "=", t.users.supervisor.id)
      .execute();
    const key = (name: string) => `test-sweep:${name}:${t.tenantId}`;
    await db.db
      .insertInto("login_attempts")
      .values([
        { key: key("old"), failures: 3, window_started_at: new Date(clock.now - 25 * HOUR) },
        {
          key: key("old-but-locked"),
          failures: 30,
          window_started_at: new Date(clock.now - 25 * HOUR),
          locked_until: new Date(clock.now + HOUR),
        },
        { key: key("recent"), failures: 2, window_started_at: new Date(clock.now - 60_000) },
      ])
      .execute();
    const report = await runSessionSweep(db.db, clock.now);
    expect(report.sessions).toBeGreaterThanOrEqual(1);
    expect(report.loginAttempts).toBeGreaterThanOrEqual(1);
    const sessions = await db.db
      .selectFrom("sessions")
      .select("user_id")
      .where("user_id", "in", [t.users.curator.id, t.users.supervisor.id])
      .execute();
    expect(sessions.map((r) => r.user_id)).toEqual([t.users.curator.id]);
    const attempts = await db.db
      .selectFrom("login_attempts")
      .select("key")
      .where("key", "like", `test-sweep:%:${t.tenantId}`)
      .orderBy("key")
      .execute();
    expect(attempts.map((r) => r.key)).toEqual([key("old-but-locked"), key("recent")]);
    expect((await live.get("/api/v1/auth/me")).statusCode).toBe(200);
    expect((await ended.get("/api/v1/auth/me")).statusCode).toBe(401);
  });

  it("a person with roles in two tenants switches between them; a tenant without their roles is not found", async () => {
    clock.set("2026-11-16T10:00:00+12:00");
    const first = await seedTenant(db.db, "sobolevo");
    const second = await seedTenant(db.db, "krymsk");
    const third = await seedTenant(db.db, "bor");
    await addMembership(
      db.db,
      second.tenantId,
      first.users.curator.id,
      "supervisor",
      null,
      null,
      clock.now,
    );
    const person = await signIn(app, first.users.curator.login);
    expect(person.me.tenants).toHaveLength(2);
    const switched = await person.post("/api/v1/auth/tenant", { tenantId: second.tenantId });
    expect(switched.statusCode).toBe(200);
    expect(switched.json()).toMatchObject({
      tenant: { id: second.tenantId },
      roles: [{ role: "supervisor" }],
    });
    expect((await person.get("/api/v1/auth/me")).json().tenant.id).toBe(second.tenantId);
    const refused = await person.post("/api/v1/auth/tenant", { tenantId: third.tenantId });
    expect(refused.statusCode).toBe(404);
  });
});

describe("CSRF protection", () => {
  it("refuses a change without the X-CSRF-Token header, or with a wrong one, and changes nothing", async () => {
    const t = await seedTenant(db.db, "sobolevo");
    const curator = await signIn(app, t.users.curator.login);
    const before = await snapshot(db.db);
    for (const token of [undefined, "forged", `${curator.csrf}x`]) {
      const res = await app.inject({
        method: "POST",
        url: "/api/v1/cases",
        headers: {
          cookie: curator.cookie,
          "content-type": "application/json",
          ...(token === undefined ? {} : { "x-csrf-token": token }),
        },
        payload: JSON.stringify({ channel: "vk", text: "Нет воды" }),
      });
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({
        type: "urn:otklik:problem:csrf",
        errors: [{ field: "X-CSRF-Token", in: "header" }],
      });
    }
    expect(await snapshot(db.db)).toEqual(before);
    const ok = await curator.post("/api/v1/cases", { channel: "vk", text: "Нет воды" });
    expect(ok.statusCode).toBe(201);
  });

  it("signing out needs the token too", async () => {
    const t = await seedTenant(db.db, "sobolevo");
    const curator = await signIn(app, t.users.curator.login);
    const res = await app.inject({
      method: "POST",
      url: "/api/v1/auth/logout",
      headers: { cookie: curator.cookie },
    });
    expect(res.statusCode).toBe(403);
    expect((await curator.get("/api/v1/auth/me")).statusCode).toBe(200);
  });
});

describe("login throttling", () => {
  it("five failures lock the login for 15 minutes with Retry-After, even for the right password", async () => {
    clock.set("2026-11-16T10:00:00+12:00");
    const t = await seedTenant(db.db, "sobolevo");
    const who = t.users.approver.login;
    for (let i = 1; i <= 4; i++) {
      const res = await login({ login: who, password: `wrong ${i}` }, "10.1.0.1");
      expect(res.statusCode).toBe(401);
    }
    const fifth = await login({ login: who, password: "wrong 5" }, "10.1.0.1");
    expect(fifth.statusCode).toBe(429);
    expect(fifth.headers["retry-after"]).toBe("900");
    expect(fifth.json()).toMatchObject({
      type: "urn:otklik:problem:throttled",
      retryAfterSeconds: 900,
    });
    clock.advance(10 * 60_000);
    // From another address too: the login itself is locked.
    const right = await login({ login: who, password: PASSWORD }, "10.1.0.2");
    expect(right.statusCode).toBe(429);
    expect(right.headers["retry-after"]).toBe("300");
    clock.advance(5 * 60_000);
    expect((await login({ login: who, password: PASSWORD }, "10.1.0.2")).statusCode).toBe(200);
  });

  it("failures older than the window do not count", async () => {
    clock.set("2026-11-16T10:00:00+12:00");
    const t = await seedTenant(db.db, "sobolevo");
    const who = t.users.supervisor.login;
    for (let i = 0; i < 4; i++) await login({ login: who, password: "wrong" }, "10.2.0.1");
    clock.advance(16 * 60_000);
    for (let i = 0; i < 4; i++)
      expect((await login({ login: who, password: "wrong" }, "10.2.0.1")).statusCode).toBe(401);
    expect((await login({ login: who, password: PASSWORD }, "10.2.0.1")).statusCode).toBe(200);
  });

  it("twenty failures from one address lock the address, whatever the logins", async () => {
    clock.set("2026-11-16T10:00:00+12:00");
    const t = await seedTenant(db.db, "sobolevo");
    for (let i = 0; i < 19; i++)
      expect((await login({ login: `guess-${i}`, password: "x" }, "10.3.0.1")).statusCode).toBe(
        401,
      );
    expect((await login({ login: "guess-19", password: "x" }, "10.3.0.1")).statusCode).toBe(429);
    const right = await login({ login: t.users.curator.login, password: PASSWORD }, "10.3.0.1");
    expect(right.statusCode).toBe(429);
    expect(
      (await login({ login: t.users.curator.login, password: PASSWORD }, "10.3.0.9")).statusCode,
    ).toBe(200);
  });

  it("counts failures in the database, so every server process sees the same lock", async () => {
    clock.set("2026-11-16T10:00:00+12:00");
    const t = await seedTenant(db.db, "sobolevo");
    const other = await testServer(db, clock);
    const who = t.users.admin.login;
    for (let i = 0; i < 5; i++) {
      const server = i % 2 ? other : app;
      await server.inject({
        method: "POST",
        url: "/api/v1/auth/login",
        payload: { login: who, password: "wrong" },
        remoteAddress: "10.4.0.1",
      });
    }
    const res = await other.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      payload: { login: who, password: PASSWORD },
      remoteAddress: "10.4.0.2",
    });
    expect(res.statusCode).toBe(429);
    await other.close();
  });
});

describe("authenticating a request", () => {
  /** A server whose database counts the statements sent through it. */
  async function countingServer() {
    // Every statement that ran, as a read or a write (statements compiled once, as the session's
    // is, reach a plugin only with their result).
    const sent: string[] = [];
    const counter: KyselyPlugin = {
      transformQuery: (args) => args.node,
      transformResult: async (args) => {
        sent.push(args.result.numAffectedRows === undefined ? "read" : "write");
        return args.result;
      },
    };
    // A kept session lives until a change, however slow the machine running the test.
    const server = await testServer(
      { ...db, db: db.db.withPlugin(counter) },
      clock,
      {},
      {
        sessionMaxAgeMs: 3_600_000,
      },
    );
    return { server, sent };
  }

  it("takes one statement — the session, its user and their roles — then none while the session is kept (work on cases keeps it), and one write when it is touched", async () => {
    clock.set("2026-11-16T10:00:00+12:00");
    const t = await seedTenant(db.db, "sobolevo");
    const { server, sent } = await countingServer();
    const curator = await signIn(server, t.users.curator.login);
    const executor = await signIn(server, t.users.executorA.login);
    // A malformed id is refused by validation after authentication, before the handler reads
    // anything: what the database saw is authentication alone.
    const probe = () =>
      server.inject({
        method: "GET",
        url: "/api/v1/attachments/not-a-uuid",
        headers: { cookie: executor.cookie },
      });
    sent.length = 0;
    expect((await probe()).statusCode).toBe(400);
    expect(sent).toEqual(["read"]);
    // Read a moment ago, the session is kept (http/session-cache.ts), also over work on cases;
    // any other write may change who may do what, and the session is read again.
    sent.length = 0;
    expect((await probe()).statusCode).toBe(400);
    expect(sent).toEqual([]);
    const registered = await curator.post("/api/v1/cases", { channel: "vk", text: "Нет света" });
    expect(registered.statusCode).toBe(201);
    sent.length = 0;
    expect((await probe()).statusCode).toBe(400);
    expect(sent).toEqual([]);
    const read = await curator.post("/api/v1/notifications/read", { all: true });
    expect(read.statusCode).toBe(200);
    sent.length = 0;
    expect((await probe()).statusCode).toBe(400);
    expect(sent).toEqual(["read"]);
    // Its last use is old: it is touched, and read again on the next request.
    clock.advance(6 * 60_000);
    sent.length = 0;
    expect((await probe()).statusCode).toBe(400);
    expect(sent).toEqual(["write"]);
    sent.length = 0;
    expect((await probe()).statusCode).toBe(400);
    expect(sent).toEqual(["read"]);
    // The roles come with the session: the actor is complete.
    const me = await executor.get("/api/v1/auth/me");
    expect(me.json().roles).toMatchObject([
      { role: "executor", department: { id: t.departments.a } },
    ]);
    await server.close();
  });

  it("gives the actor every role the user has in the session's tenant, and only those", async () => {
    clock.set("2026-11-16T10:00:00+12:00");
    const t = await seedTenant(db.db, "sobolevo");
    const other = await seedTenant(db.db, "krymsk");
    await addMembership(
      db.db,
      t.tenantId,
      t.users.executorA.id,
      "executor",
      t.departments.b,
      null,
      clock.now,
    );
    await addMembership(
      db.db,
      other.tenantId,
      t.users.executorA.id,
      "supervisor",
      null,
      null,
      clock.now,
    );
    const executor = await signIn(app, t.users.executorA.login);
    // An unassigned case is seen by tenant-wide roles only: the executor of A and B is not one.
    const curator = await signIn(app, t.users.curator.login);
    const created = await curator.post("/api/v1/cases", { channel: "vk", text: "Нет света" });
    const id = created.json().id as number;
    expect((await executor.get(`/api/v1/cases/${id}`)).statusCode).toBe(404);
    await curator.post(`/api/v1/cases/${id}/actions/assign`, {
      expectedVersion: created.json().version,
      departmentId: t.departments.b,
    });
    // Department B is the executor's second department.
    expect((await executor.get(`/api/v1/cases/${id}`)).statusCode).toBe(200);
  });
});

describe("the audit log of signing in and out", () => {
  it("a sign-in is written with the tenant, the person and the address, never the password", async () => {
    clock.set("2026-11-16T10:00:00+12:00");
    const t = await seedTenant(db.db, "sobolevo");
    const res = await app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      payload: { login: t.users.curator.login, password: PASSWORD },
      headers: { "user-agent": "Test browser", "x-request-id": "sign-in-1" },
      remoteAddress: "10.9.0.1",
    });
    expect(res.statusCode).toBe(200);
    const rows = await accessAudit({ actorId: t.users.curator.id });
    expect(rows).toEqual([
      {
        tenant_id: t.tenantId,
        case_id: null,
        actor_id: t.users.curator.id,
        action: "signIn",
        at: new Date(clock.now),
        before: null,
        after: { ip: "10.9.0.1", userAgent: "Test browser" },
        request_id: "sign-in-1",
      },
    ]);
    expect(JSON.stringify(rows)).not.toContain(PASSWORD);
  });

  it("every refused sign-in is written with its reason, never the password", async () => {
    clock.set("2026-11-16T10:00:00+12:00");
    const t = await seedTenant(db.db, "sobolevo");
    const other = await seedTenant(db.db, "krymsk");
    const ip = "10.9.1.1";
    const wrong = "my secret guess";
    expect((await login({ login: t.users.curator.login, password: wrong }, ip)).statusCode).toBe(
      401,
    );
    const nobody = `nobody-${t.tenantId}`;
    expect((await login({ login: nobody, password: wrong }, ip)).statusCode).toBe(401);
    const slug = other.slug;
    expect(
      (await login({ login: t.users.approver.login, password: PASSWORD, tenant: slug }, ip))
        .statusCode,
    ).toBe(403);
    await db.db
      .updateTable("users")
      .set({ active: false })
      .where("id", "=", t.users.admin.id)
      .execute();
    expect((await login({ login: t.users.admin.login, password: PASSWORD }, ip)).statusCode).toBe(
      401,
    );

    const reasons = async (who: string) =>
      (await accessAudit({ login: who })).map((r) => ({
        action: r.action,
        tenant: r.tenant_id,
        actor: r.actor_id,
        after: r.after,
      }));
    expect(await reasons(t.users.curator.login)).toEqual([
      {
        action: "signInRefused",
        tenant: null,
        actor: null,
        after: {
          login: t.users.curator.login,
          reason: "wrongPassword",
          userId: t.users.curator.id,
          ip,
        },
      },
    ]);
    expect(await reasons(nobody)).toEqual([
      {
        action: "signInRefused",
        tenant: null,
        actor: null,
        after: { login: nobody, reason: "unknownLogin", userId: null, ip },
      },
    ]);
    expect((await reasons(t.users.approver.login))[0]?.after).toEqual({
      login: t.users.approver.login,
      reason: "noTenant",
      userId: t.users.approver.id,
      tenant: slug,
      ip,
    });
    expect((await reasons(t.users.admin.login))[0]?.after).toMatchObject({ reason: "deactivated" });
    const all = await accessAudit({});
    expect(JSON.stringify(all)).not.toContain(wrong);
    expect(JSON.stringify(all)).not.toContain(PASSWORD);
  });

  it("the failure that locks a login says so, and a sign-in while locked is written as throttled", async () => {
    clock.set("2026-11-16T10:00:00+12:00");
    const t = await seedTenant(db.db, "sobolevo");
    const who = t.users.executorB.login;
    for (let i = 0; i < 5; i++) await login({ login: who, password: `wrong ${i}` }, "10.9.2.1");
    expect((await login({ login: who, password: PASSWORD }, "10.9.2.2")).statusCode).toBe(429);
    const rows = (await accessAudit({ login: who })).map((r) => r.after);
    expect(rows).toHaveLength(6);
    expect(rows.slice(0, 4).every((a) => a && !("lockedUntil" in a))).toBe(true);
    const lockedUntil = new Date(clock.now + 15 * 60_000).toISOString();
    expect(rows[4]).toMatchObject({ reason: "wrongPassword", lockedUntil });
    expect(rows[5]).toEqual({ login: who, reason: "throttled", ip: "10.9.2.2", lockedUntil });
  });

  it("signing out and switching tenant are written, each in its tenant", async () => {
    clock.set("2026-11-16T10:00:00+12:00");
    const first = await seedTenant(db.db, "sobolevo");
    const second = await seedTenant(db.db, "krymsk");
    const who = first.users.curator.id;
    await addMembership(db.db, second.tenantId, who, "supervisor", null, null, clock.now);
    const person = await signIn(app, first.users.curator.login);
    expect(
      (await person.post("/api/v1/auth/tenant", { tenantId: second.tenantId })).statusCode,
    ).toBe(200);
    expect((await person.post("/api/v1/auth/logout")).statusCode).toBe(204);
    const rows = await accessAudit({ actorId: who });
    expect(rows.map((r) => [r.action, r.tenant_id, r.before, r.after])).toEqual([
      ["signIn", first.tenantId, null, { ip: "127.0.0.1", userAgent: "lightMyRequest" }],
      [
        "switchTenant",
        second.tenantId,
        { tenantId: first.tenantId },
        { tenantId: second.tenantId },
      ],
      ["signOut", second.tenantId, null, { ip: "127.0.0.1" }],
    ]);
  });

  it("a refused switch and a refused sign-out write nothing", async () => {
    clock.set("2026-11-16T10:00:00+12:00");
    const first = await seedTenant(db.db, "sobolevo");
    const third = await seedTenant(db.db, "bor");
    const person = await signIn(app, first.users.approver.login);
    expect(
      (await person.post("/api/v1/auth/tenant", { tenantId: third.tenantId })).statusCode,
    ).toBe(404);
    const noCsrf = await app.inject({
      method: "POST",
      url: "/api/v1/auth/logout",
      headers: { cookie: person.cookie },
    });
    expect(noCsrf.statusCode).toBe(403);
    expect((await accessAudit({ actorId: first.users.approver.id })).map((r) => r.action)).toEqual([
      "signIn",
    ]);
  });
});
