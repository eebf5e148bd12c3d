import { createHash } from "node:crypto";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMembership } from "../src/app/users.ts";
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

  it("a session ends after the configured hours", async () => {
    clock.set("2026-11-16T10:00:00+12:00");
    const t = await seedTenant(db.db, "sobolevo");
    const curator = await signIn(app, t.users.curator.login);
    clock.advance(12 * 3_600_000 - 1000);
    expect((await curator.get("/api/v1/auth/me")).statusCode).toBe(200);
    clock.advance(2000);
    expect((await curator.get("/api/v1/auth/me")).statusCode).toBe(401);
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
