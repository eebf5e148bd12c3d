// Bad input of every kind: each answers a clear problem+json naming the field, and the database
// stays exactly as it was.
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "./support/database.ts";
import { seedTenant, type SeededTenant } from "./support/factories.ts";
import { signIn, testServer, TestClock, type Client } from "./support/http.ts";
import { snapshot } from "./support/snapshot.ts";

let db: Awaited<ReturnType<typeof testDatabase>>;
let app: FastifyInstance;
const clock = new TestClock(Date.parse("2026-11-16T10:00:00+12:00"));
let t: SeededTenant;
let other: SeededTenant;
let curator: Client;
let approver: Client;
let kase: { id: number; version: number };

beforeAll(async () => {
  db = await testDatabase();
  app = await testServer(db, clock);
  // A route that fails like a bug would: the answer must not show it.
  app.get("/api/test-bug", async () => {
    throw new Error("secret internals at /srv/otklik");
  });
  t = await seedTenant(db.db, "sobolevo");
  other = await seedTenant(db.db, "sobolevo");
  curator = await signIn(app, t.users.curator.login);
  approver = await signIn(app, t.users.approver.login);
  const created = (await curator.post("/api/v1/cases", { channel: "vk", text: "Нет воды" })).json();
  const assigned = await curator.post(`/api/v1/cases/${created.id}/actions/assign`, {
    expectedVersion: created.version,
    departmentId: t.departments.a,
  });
  kase = assigned.json().case;
});
afterAll(async () => {
  await app.close();
  await db.drop();
});

/** Sends a request and checks it changed nothing in the database. */
async function unchanged(
  send: () => Promise<LightMyRequestResponse>,
): Promise<LightMyRequestResponse> {
  const before = await snapshot(db.db);
  const res = await send();
  expect(await snapshot(db.db)).toEqual(before);
  expect(res.headers["content-type"]).toMatch(/^application\/problem\+json/);
  expect(res.json()).toMatchObject({
    type: expect.stringMatching(/^urn:otklik:problem:/),
    status: res.statusCode,
    title: expect.any(String),
    detail: expect.any(String),
    requestId: res.headers["x-request-id"],
  });
  return res;
}

const fields = (res: LightMyRequestResponse) =>
  (res.json().errors as Array<{ field: string }>).map((e) => e.field).sort();

const raw = (
  c: Client,
  method: "POST" | "GET",
  url: string,
  payload?: string,
  type = "application/json",
) =>
  app.inject({
    method,
    url,
    headers: { cookie: c.cookie, "x-csrf-token": c.csrf, "content-type": type },
    ...(payload !== undefined ? { payload } : {}),
  });

describe("bad input", () => {
  it("malformed JSON answers 400 naming the body", async () => {
    const res = await unchanged(() =>
      raw(curator, "POST", "/api/v1/cases", '{"channel": "vk", text:'),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      type: "urn:otklik:problem:malformedJson",
      errors: [{ field: "body", in: "body" }],
    });
  });

  it("unknown fields are refused, each named", async () => {
    const res = await unchanged(() =>
      curator.post(`/api/v1/cases/${kase.id}/actions/triage`, {
        expectedVersion: kase.version,
        importance: "high",
        colour: "red",
        priority: 1,
      }),
    );
    expect(res.statusCode).toBe(400);
    expect(fields(res)).toEqual(["colour", "priority"]);
    expect(res.json().errors[0].message).toMatch(/^неизвестное поле/);
  });

  it("wrong types and missing fields name every bad field, not the first", async () => {
    const res = await unchanged(() =>
      curator.post(`/api/v1/cases/${kase.id}/actions/assign`, {
        expectedVersion: "2",
        userId: "Иванов",
      }),
    );
    expect(res.statusCode).toBe(400);
    expect(fields(res)).toEqual(["departmentId", "expectedVersion", "userId"]);
    expect(res.json().detail).toContain("departmentId: нет обязательного поля");
  });

  it("nested fields are named by their path", async () => {
    const res = await unchanged(() =>
      curator.post("/api/v1/cases", {
        channel: "vk",
        text: "Фото ямы",
        attachments: [{ kind: "photo", url: "javascript:alert(1)" }],
      }),
    );
    expect(res.statusCode).toBe(400);
    expect(fields(res)).toEqual(["attachments.0.url"]);
  });

  it("says it in English when asked", async () => {
    const res = await unchanged(() =>
      curator.request(
        "POST",
        `/api/v1/cases/${kase.id}/actions/assign`,
        { expectedVersion: kase.version },
        { "accept-language": "en" },
      ),
    );
    expect(res.json()).toMatchObject({
      title: "Invalid request",
      errors: [{ field: "departmentId", message: "missing required field “departmentId”" }],
    });
  });

  it("an oversize body answers 413", async () => {
    const huge = JSON.stringify({ channel: "vk", text: "я".repeat(600_000) });
    const res = await unchanged(() => raw(curator, "POST", "/api/v1/cases", huge));
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({
      type: "urn:otklik:problem:payloadTooLarge",
      errors: [{ field: "body" }],
    });
  });

  it("anything but JSON answers 415", async () => {
    const res = await unchanged(() =>
      raw(
        curator,
        "POST",
        "/api/v1/cases",
        "channel=vk&text=x",
        "application/x-www-form-urlencoded",
      ),
    );
    expect(res.statusCode).toBe(415);
    const plain = await unchanged(() =>
      raw(curator, "POST", "/api/v1/cases", "Нет воды", "text/plain"),
    );
    expect(plain.statusCode).toBe(415);
  });

  it("query and path parameters are validated too", async () => {
    const res = await unchanged(() =>
      curator.get("/api/v1/cases?limit=500&colour=red&overdue=maybe"),
    );
    expect(res.statusCode).toBe(400);
    expect(fields(res)).toEqual(["colour", "limit", "overdue"]);
    expect(res.json().errors[0].in).toBe("query");
    const path = await unchanged(() => curator.get("/api/v1/cases/abc"));
    expect(path.statusCode).toBe(400);
    expect(path.json().errors).toMatchObject([{ field: "id", in: "path" }]);
  });

  it("an action not allowed now answers 409 with the actions allowed now", async () => {
    const card = (await approver.get(`/api/v1/cases/${kase.id}`)).json();
    const res = await unchanged(() =>
      approver.post(`/api/v1/cases/${kase.id}/actions/approve`, { expectedVersion: kase.version }),
    );
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({
      type: "urn:otklik:problem:transitionNotAllowed",
      title: "Действие сейчас недоступно",
      caseStatus: "assigned",
      allowedActions: card.allowedActions,
    });
    expect(res.json().detail).toContain("«согласовать» недоступно в статусе «назначено»");
  });

  it("a role that never takes an action answers 403", async () => {
    const res = await unchanged(() =>
      curator.post(`/api/v1/cases/${kase.id}/actions/accept`, { expectedVersion: kase.version }),
    );
    expect(res.statusCode).toBe(403);
    expect(res.json().detail).toContain("принять в работу");
  });

  it("a stale version answers 409 with the current version", async () => {
    const res = await unchanged(() =>
      curator.post(`/api/v1/cases/${kase.id}/actions/triage`, {
        expectedVersion: kase.version - 1,
        importance: "high",
      }),
    );
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({
      title: "Карточку уже изменил другой пользователь: обновите её",
      currentVersion: kase.version,
    });
  });

  it("a value the use case refuses answers 422 naming the field", async () => {
    const res = await unchanged(() =>
      curator.post(`/api/v1/cases/${kase.id}/actions/assign`, {
        expectedVersion: kase.version,
        departmentId: other.departments.a,
      }),
    );
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({
      type: "urn:otklik:problem:invalidInput",
      errors: [
        {
          field: "departmentId",
          code: "noSuchDepartment",
          message: "нет такого действующего подразделения",
        },
      ],
    });
  });

  it("a regulation that does not read answers 422 with every problem and its line", async () => {
    const admin = await signIn(app, t.users.admin.login);
    const res = await unchanged(() =>
      admin.request("PUT", "/api/v1/tenant/regulation", {
        text: "format: otklik/regulation@1\nid: broken\ntimeZone: Mars/Olympus\n",
      }),
    );
    expect(res.statusCode).toBe(422);
    const errors = res.json().errors as Array<{ field: string; line?: number; message: string }>;
    expect(errors.length).toBeGreaterThan(1);
    expect(errors.every((e) => e.field === "text")).toBe(true);
    expect(errors.find((e) => e.message.includes("Mars/Olympus"))).toMatchObject({ line: 3 });
  });

  it("an unknown case is 404, an unknown route a 404 problem too", async () => {
    const res = await unchanged(() => curator.get("/api/v1/cases/999999"));
    expect(res.statusCode).toBe(404);
    const route = await unchanged(() => curator.get("/api/v1/nothing-here"));
    expect(route.json()).toMatchObject({ type: "urn:otklik:problem:routeNotFound", status: 404 });
  });

  it("a bug answers 500 with the request id and nothing of the internals", async () => {
    const res = await app.inject({
      method: "GET",
      url: "/api/test-bug",
      headers: { "x-request-id": "support-ticket-42" },
    });
    expect(res.statusCode).toBe(500);
    expect(res.headers["x-request-id"]).toBe("support-ticket-42");
    expect(res.json()).toMatchObject({
      type: "urn:otklik:problem:internal",
      requestId: "support-ticket-42",
    });
    expect(res.body).not.toContain("secret");
    expect(res.body).not.toContain("stack");
  });
});
