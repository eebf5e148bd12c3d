// The authorization matrix: every route of the OpenAPI document × every role × a case (or a row) of
// another department and of another tenant. Expectations come from the policy table itself.
import { readFileSync } from "node:fs";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actOnCase } from "../src/app/act-on-case.ts";
import { storeAttachment } from "../src/app/attachments.ts";
import { addMembership } from "../src/app/users.ts";
import type { CaseState } from "../src/domain/workflow/case.ts";
import {
  ACTIONS,
  allowedActions,
  canSee,
  may,
  mayEver,
  mayOnTenant,
  TENANT_POLICY,
  type Action,
  type Actor,
  type TenantAction,
} from "../src/domain/workflow/policy.ts";
import { PRESET_GAZETTEERS } from "../src/domain/triage/location.ts";
import { loadCase } from "../src/db/cases.ts";
import { testDatabase } from "./support/database.ts";
import { seedTenant, type SeededTenant } from "./support/factories.ts";
import { signIn, testServer, TestClock, type Client } from "./support/http.ts";
import { PLAIN_JPEG } from "./support/images.ts";

let db: Awaited<ReturnType<typeof testDatabase>>;
let app: FastifyInstance;
const clock = new TestClock(Date.parse("2026-11-16T10:00:00+12:00"));
const PEOPLE = ["curator", "executorA", "executorB", "approver", "supervisor", "admin"] as const;
type Person = (typeof PEOPLE)[number];

let own: SeededTenant;
let foreign: SeededTenant;
const clients = {} as Record<Person, Client>;
const actors = {} as Record<Person, Actor>;
/** Cases of department B in the own tenant (assigned; on approval), and one of the other tenant. */
let assigned: number;
let onApproval: number;
let foreignCase: number;
let spareCase: number;

async function register(t: SeededTenant, text: string): Promise<number> {
  return (await t.register({ channel: "vk", text }, clock.now)).id;
}

async function act(t: SeededTenant, who: Person, id: number, req: Parameters<typeof actOnCase>[4]) {
  const ctx = await t.ctx();
  const actor = await t.actor(who);
  const r = await db.db
    .transaction()
    .execute((tx) => actOnCase(tx, ctx, actor, id, req, { now: clock.now }));
  if (!r.ok) throw new Error(JSON.stringify(r));
}

beforeAll(async () => {
  db = await testDatabase();
  app = await testServer(db, clock);
  own = await seedTenant(db.db, "sobolevo");
  foreign = await seedTenant(db.db, "sobolevo");
  for (const p of PEOPLE) {
    clients[p] = await signIn(app, own.users[p].login);
    actors[p] = await own.actor(p);
  }
  const b = { departmentId: own.departments.b, userId: own.users.executorB.id };
  assigned = await register(own, "Назначено в отдел Б");
  await act(own, "curator", assigned, { action: "assign", ...b });
  onApproval = await register(own, "На согласовании в отделе Б");
  await act(own, "curator", onApproval, { action: "assign", ...b });
  await act(own, "executorB", onApproval, { action: "saveDraft", kind: "final", text: "Ответ" });
  await act(own, "executorB", onApproval, { action: "submitDraft" });
  spareCase = await register(own, "Ещё одно");
  foreignCase = await register(foreign, "Чужая администрация");
});
afterAll(async () => {
  await app.close();
  await db.drop();
});

/** A valid body of each action for the own tenant: refusals then come from the policy alone. */
function sampleBody(action: Action): Record<string, unknown> {
  const d = own.departments;
  const bodies: Record<Action, Record<string, unknown>> = {
    triage: { importance: "high" },
    assign: { departmentId: d.a, userId: own.users.executorA.id },
    accept: {},
    return: { reason: "Не наша компетенция" },
    saveDraft: { kind: "final", text: "Проект" },
    submitDraft: {},
    approve: {},
    requestRevision: { remarks: "Доработать" },
    handOver: {},
    publish: { url: "https://vk.com/wall-1_2" },
    markNotProcessable: { reason: "insult" },
    markDuplicate: { caseId: spareCase },
    linkRepeat: { caseId: spareCase },
    setAdditionalControl: { note: "До устранения" },
    reportMeasures: { text: "Меры приняты" },
    resolve: {},
    requestPart: { departmentId: d.a, userId: null },
    submitPart: { departmentId: d.a, text: "Часть" },
    designateLead: { departmentId: d.a },
    shortenTerm: { stage: "total", term: "4h" },
    requestExtension: { days: 3, comment: "Нужно время" },
    decideExtension: { approve: true, days: 3 },
    escalate: { note: "Социально значимое" },
  };
  return bodies[action];
}

const covered = new Set<string>();

describe("the case routes × roles × another department and another tenant", () => {
  it("another tenant's case is not found for anyone, by any route", async () => {
    for (const p of PEOPLE) {
      const card = await clients[p].get(`/api/v1/cases/${foreignCase}`);
      expect(card.statusCode, `${p} GET`).toBe(404);
      for (const action of ACTIONS) {
        const res = await clients[p].post(`/api/v1/cases/${foreignCase}/actions/${action}`, {
          expectedVersion: 1,
          ...sampleBody(action),
        });
        expect(res.statusCode, `${p} ${action}`).toBe(404);
        expect(res.json().type).toBe("urn:otklik:problem:notFound");
      }
    }
    covered.add("GET /api/v1/cases/{id}");
    for (const a of ACTIONS) covered.add(`POST /api/v1/cases/{id}/actions/${a}`);
    for (const p of PEOPLE) {
      const triage = await clients[p].post(`/api/v1/cases/${foreignCase}/triage`, {
        expectedVersion: 1,
        importance: "high",
      });
      expect(triage.statusCode, `${p} triage`).toBe(404);
      const check = await clients[p].post(`/api/v1/cases/${foreignCase}/draft-check`, {
        text: "Ответ",
      });
      expect(check.statusCode, `${p} draft-check`).toBe(404);
    }
    covered.add("POST /api/v1/cases/{id}/triage");
    covered.add("POST /api/v1/cases/{id}/draft-check");
  });

  it("a case of department B: invisible to department A's executor, and every action answers as the policy table says", async () => {
    const ctx = await own.ctx();
    for (const caseId of [assigned, onApproval]) {
      for (const p of PEOPLE) {
        const actor = actors[p];
        const c = (await loadCase(db.db, own.tenantId, caseId)) as CaseState;
        const procedure = ctx.procedure(c.procedure);
        const card = await clients[p].get(`/api/v1/cases/${caseId}`);
        expect(card.statusCode, `${p} GET ${c.status}`).toBe(canSee(actor, c) ? 200 : 404);
        for (const action of ACTIONS) {
          const label = `${p} ${action} on ${c.status}`;
          const allowed = canSee(actor, c) && may(actor, action, c, procedure);
          // An allowed action is sent with a stale version: it passes the policy and changes nothing.
          const res = await clients[p].post(`/api/v1/cases/${caseId}/actions/${action}`, {
            expectedVersion: allowed ? c.version - 1 || 999 : c.version,
            ...sampleBody(action),
          });
          const body = res.json();
          if (!canSee(actor, c)) {
            expect(res.statusCode, label).toBe(404);
          } else if (!mayEver(actor, action, procedure)) {
            expect(res.statusCode, label).toBe(403);
            expect(body.type, label).toBe("urn:otklik:problem:forbidden");
          } else if (!allowed) {
            expect(res.statusCode, label).toBe(409);
            expect(body.type, label).toBe("urn:otklik:problem:transitionNotAllowed");
            expect(body.allowedActions, label).toEqual(allowedActions(actor, c, procedure));
          } else {
            expect(res.statusCode, label).toBe(409);
            expect(body.type, label).toBe("urn:otklik:problem:conflict");
          }
        }
        if (canSee(actor, c)) {
          expect(card.json().allowedActions, p).toEqual(allowedActions(actor, c, procedure));
        }
        // The triage decision is the workflow's triage action; the draft check is reading.
        const allowedTriage = canSee(actor, c) && may(actor, "triage", c, procedure);
        const triage = await clients[p].post(`/api/v1/cases/${caseId}/triage`, {
          expectedVersion: allowedTriage ? c.version - 1 || 999 : c.version,
          importance: "high",
        });
        const triageLabel = `${p} triage decision on ${c.status}: ${triage.body}`;
        if (!canSee(actor, c)) expect(triage.statusCode, triageLabel).toBe(404);
        else if (!mayEver(actor, "triage", procedure))
          expect(triage.statusCode, triageLabel).toBe(403);
        else expect(triage.statusCode, triageLabel).toBe(409);
        const check = await clients[p].post(`/api/v1/cases/${caseId}/draft-check`, {
          text: "Ответ",
        });
        expect(check.statusCode, `${p} draft-check`).toBe(canSee(actor, c) ? 200 : 404);
      }
    }
  });

  it("the queue of department A's executor holds none of department B's cases", async () => {
    const list = (await clients.executorA.get("/api/v1/cases")).json();
    expect(list.items.map((i: { id: number }) => i.id)).not.toContain(assigned);
    expect(list.total).toBe(0);
    const forB = (await clients.executorB.get("/api/v1/cases")).json();
    expect(forB.items.map((i: { id: number }) => i.id).sort()).toEqual(
      [assigned, onApproval].sort(),
    );
    for (const p of ["curator", "approver", "supervisor", "admin"] as const) {
      const all = (await clients[p].get("/api/v1/cases")).json();
      expect(all.items.map((i: { id: number }) => i.id)).not.toContain(foreignCase);
      expect(all.total, p).toBe(3);
    }
    covered.add("GET /api/v1/cases");
  });
});

interface TenantRoute {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** The path as the OpenAPI document writes it. */
  path: string;
  /** The policy entry guarding it; null for reading, which every member of the tenant may do. */
  action: TenantAction | null;
  /** The URL and body for a row of the own tenant, and for one of the other tenant (when it names one). */
  own: () => Promise<{ url: string; body?: unknown }>;
  other?: () => Promise<{ url: string; body?: unknown }>;
  /** The body is a file of this type, sent as it is (not JSON). */
  raw?: string;
}

/** Sends a route's request as a person: JSON, or a file for the upload routes. */
function send(c: Client, route: TenantRoute, url: string, body: unknown) {
  if (!route.raw) return c.request(route.method, url, body);
  return app.inject({
    method: route.method,
    url,
    headers: { cookie: c.cookie, "x-csrf-token": c.csrf, "content-type": route.raw },
    payload: body as Buffer,
  });
}

let serial = 0;
const yearFile = JSON.parse(
  readFileSync(new URL("../src/domain/calendar/data/2027.json", import.meta.url), "utf8"),
) as Record<string, unknown>;

/** A curator role of the supervisor: there to be removed (made again once the admin removed it). */
async function extraRole(t: SeededTenant): Promise<number> {
  const find = () =>
    db.db
      .selectFrom("memberships")
      .select("id")
      .where("tenant_id", "=", t.tenantId)
      .where("user_id", "=", t.users.supervisor.id)
      .where("role", "=", "curator")
      .executeTakeFirst();
  const existing = await find();
  if (existing) return existing.id;
  await addMembership(db.db, t.tenantId, t.users.supervisor.id, "curator", null, null, clock.now);
  return (await find())!.id;
}

async function absence(t: SeededTenant): Promise<number> {
  const row = await db.db
    .insertInto("absences")
    .values({
      tenant_id: t.tenantId,
      user_id: t.users.executorA.id,
      starts_at: new Date(clock.now + 86_400_000),
      ends_at: new Date(clock.now + 3 * 86_400_000),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * A photo the curator stored, by its address. A case of each department refers to it, so that
 * every member may read it (a file is read by those who may see a case that refers to it).
 */
async function storedFile(t: SeededTenant): Promise<string> {
  const stored = await storeAttachment(
    db.db,
    await t.actor("curator"),
    { contentType: "image/jpeg", bytes: PLAIN_JPEG },
    clock.now,
  );
  if (!stored.ok) throw new Error(JSON.stringify(stored));
  const url = stored.attachment.url;
  for (const departmentId of [t.departments.a, t.departments.b]) {
    const c = await t.register(
      { channel: "vk", text: "Фото во дворе", attachments: [{ kind: "photo", url }] },
      clock.now,
    );
    await act(t, "curator", c.id, { action: "assign", departmentId });
  }
  return url;
}

async function account(t: SeededTenant): Promise<number> {
  const row = await db.db
    .insertInto("network_accounts")
    .values({ tenant_id: t.tenantId, network: "vk", name: `Аккаунт ${++serial}` })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

const TENANT_ROUTES: TenantRoute[] = [
  {
    method: "GET",
    path: "/api/v1/departments",
    action: null,
    own: async () => ({ url: "/api/v1/departments" }),
  },
  {
    method: "GET",
    path: "/api/v1/users",
    action: null,
    own: async () => ({ url: "/api/v1/users" }),
  },
  {
    method: "GET",
    path: "/api/v1/absences",
    action: null,
    own: async () => ({ url: "/api/v1/absences" }),
  },
  {
    method: "GET",
    path: "/api/v1/accounts",
    action: null,
    own: async () => ({ url: "/api/v1/accounts" }),
  },
  {
    method: "GET",
    path: "/api/v1/tenant",
    action: null,
    own: async () => ({ url: "/api/v1/tenant" }),
  },
  {
    method: "GET",
    path: "/api/v1/tenant/regulation",
    action: null,
    own: async () => ({ url: "/api/v1/tenant/regulation" }),
  },
  {
    method: "GET",
    path: "/api/v1/tenant/calendar/{year}",
    action: null,
    own: async () => ({ url: "/api/v1/tenant/calendar/2026" }),
  },
  {
    method: "GET",
    path: "/api/v1/tenant/readiness",
    action: null,
    own: async () => ({ url: "/api/v1/tenant/readiness" }),
  },
  {
    method: "GET",
    path: "/api/v1/tenant/rubricator",
    action: null,
    own: async () => ({ url: "/api/v1/tenant/rubricator" }),
  },
  {
    method: "GET",
    path: "/api/v1/tenant/gazetteer",
    action: null,
    own: async () => ({ url: "/api/v1/tenant/gazetteer" }),
  },
  {
    method: "POST",
    path: "/api/v1/attachments",
    action: null,
    raw: "image/jpeg",
    own: async () => ({ url: "/api/v1/attachments", body: PLAIN_JPEG }),
  },
  {
    method: "GET",
    path: "/api/v1/attachments/{id}",
    action: null,
    own: async () => ({ url: await storedFile(own) }),
    other: async () => ({ url: await storedFile(foreign) }),
  },
  {
    method: "GET",
    path: "/api/v1/reports/overview",
    action: "viewReports",
    own: async () => ({ url: "/api/v1/reports/overview" }),
  },
  {
    method: "GET",
    path: "/api/v1/bursts",
    action: "viewReports",
    own: async () => ({ url: "/api/v1/bursts" }),
  },
  {
    method: "GET",
    path: "/api/v1/tenant/topic-model",
    action: null,
    own: async () => ({ url: "/api/v1/tenant/topic-model" }),
  },
  {
    method: "PUT",
    path: "/api/v1/tenant/gazetteer",
    action: "editGazetteer",
    own: async () => ({ url: "/api/v1/tenant/gazetteer", body: PRESET_GAZETTEERS.sobolevo }),
  },
  {
    method: "GET",
    path: "/api/v1/notifications",
    action: null,
    own: async () => ({ url: "/api/v1/notifications" }),
  },
  {
    method: "POST",
    path: "/api/v1/notifications/read",
    action: null,
    own: async () => ({ url: "/api/v1/notifications/read", body: { all: true } }),
  },
  {
    method: "POST",
    path: "/api/v1/cases",
    action: "registerCase",
    own: async () => ({ url: "/api/v1/cases", body: { channel: "vk", text: "Новое" } }),
  },
  {
    method: "POST",
    path: "/api/v1/departments",
    action: "manageDepartments",
    own: async () => ({ url: "/api/v1/departments", body: { name: `Отдел ${++serial}` } }),
  },
  {
    method: "PATCH",
    path: "/api/v1/departments/{id}",
    action: "manageDepartments",
    own: async () => ({
      url: `/api/v1/departments/${own.departments.a}`,
      body: { topics: ["water"] },
    }),
    other: async () => ({
      url: `/api/v1/departments/${foreign.departments.a}`,
      body: { topics: ["water"] },
    }),
  },
  {
    method: "POST",
    path: "/api/v1/users",
    action: "manageUsers",
    own: async () => ({
      url: "/api/v1/users",
      body: {
        login: `new-user-${++serial}-${process.pid}`,
        password: "long enough password",
        fullName: "Новый сотрудник",
        roles: [{ role: "executor", departmentId: own.departments.a }],
      },
    }),
  },
  {
    method: "PATCH",
    path: "/api/v1/users/{id}",
    action: "manageUsers",
    own: async () => ({ url: `/api/v1/users/${own.users.approver.id}`, body: { phone: "+7 000" } }),
    other: async () => ({
      url: `/api/v1/users/${foreign.users.approver.id}`,
      body: { phone: "+7 000" },
    }),
  },
  {
    method: "POST",
    path: "/api/v1/users/{id}/roles",
    action: "manageUsers",
    own: async () => ({
      url: `/api/v1/users/${own.users.executorA.id}/roles`,
      body: { role: "executor", departmentId: own.departments.b },
    }),
    other: async () => ({
      url: `/api/v1/users/${foreign.users.executorA.id}/roles`,
      body: { role: "executor", departmentId: own.departments.b },
    }),
  },
  {
    method: "DELETE",
    path: "/api/v1/users/{id}/roles/{membershipId}",
    action: "manageUsers",
    own: async () => ({
      url: `/api/v1/users/${own.users.supervisor.id}/roles/${await extraRole(own)}`,
    }),
    other: async () => ({
      url: `/api/v1/users/${foreign.users.supervisor.id}/roles/${await extraRole(foreign)}`,
    }),
  },
  {
    method: "POST",
    path: "/api/v1/absences",
    action: "manageAbsences",
    own: async () => ({
      url: "/api/v1/absences",
      body: {
        userId: own.users.executorB.id,
        startsAt: new Date(clock.now + 86_400_000).toISOString(),
        endsAt: new Date(clock.now + 2 * 86_400_000).toISOString(),
        substituteId: own.users.executorA.id,
      },
    }),
  },
  {
    method: "DELETE",
    path: "/api/v1/absences/{id}",
    action: "manageAbsences",
    own: async () => ({ url: `/api/v1/absences/${await absence(own)}` }),
    other: async () => ({ url: `/api/v1/absences/${await absence(foreign)}` }),
  },
  {
    method: "POST",
    path: "/api/v1/accounts",
    action: "manageAccounts",
    own: async () => ({
      url: "/api/v1/accounts",
      body: { network: "ok", name: `Группа ${++serial}` },
    }),
  },
  {
    method: "PATCH",
    path: "/api/v1/accounts/{id}",
    action: "manageAccounts",
    own: async () => ({ url: `/api/v1/accounts/${await account(own)}`, body: { active: false } }),
    other: async () => ({
      url: `/api/v1/accounts/${await account(foreign)}`,
      body: { active: false },
    }),
  },
  {
    method: "PUT",
    path: "/api/v1/tenant/regulation",
    action: "editRegulation",
    own: async () => {
      const ctx = await own.ctx();
      return { url: "/api/v1/tenant/regulation", body: { text: ctx.tenant.regulation } };
    },
  },
  {
    method: "PUT",
    path: "/api/v1/tenant/calendar/{year}",
    action: "loadCalendar",
    own: async () => ({ url: "/api/v1/tenant/calendar/2027", body: yearFile }),
  },
  {
    method: "PUT",
    path: "/api/v1/tenant/rubricator",
    action: "editRubricator",
    own: async () => ({
      url: "/api/v1/tenant/rubricator",
      body: { topics: [{ code: "water", name: "Водоснабжение" }] },
    }),
  },
];

describe("the tenant's routes × roles × another tenant's rows", () => {
  it("reading is open to every member; changing needs the role the policy table names", async () => {
    for (const route of TENANT_ROUTES) {
      covered.add(`${route.method} ${route.path}`);
      for (const p of PEOPLE) {
        const { url, body } = await route.own();
        const res = await send(clients[p], route, url, body);
        const label = `${p} ${route.method} ${url}`;
        if (route.action === null || mayOnTenant(actors[p], route.action)) {
          expect(res.statusCode, `${label}: ${res.body}`).toBeLessThan(300);
        } else {
          expect(res.statusCode, label).toBe(403);
          expect(res.json().type, label).toBe("urn:otklik:problem:forbidden");
        }
      }
    }
  });

  it("another tenant's rows are not found, whoever asks", async () => {
    for (const route of TENANT_ROUTES.filter((r) => r.other)) {
      for (const p of PEOPLE) {
        const { url, body } = await (route.other as NonNullable<TenantRoute["other"]>)();
        const res = await send(clients[p], route, url, body);
        expect(res.statusCode, `${p} ${route.method} ${url}: ${res.body}`).toBe(404);
      }
    }
  });

  it("every tenant action of the policy table guards at least one route", () => {
    const guarded = new Set(TENANT_ROUTES.map((r) => r.action));
    for (const action of Object.keys(TENANT_POLICY)) expect(guarded, action).toContain(action);
  });
});

describe("the matrix covers the API", () => {
  it("every route of the OpenAPI document is in the matrix, or is about the session itself", async () => {
    const doc = (await app.inject({ method: "GET", url: "/api/openapi.json" })).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    const SESSION = new Set([
      "GET /api/health",
      "POST /api/v1/auth/login",
      "POST /api/v1/auth/logout",
      "GET /api/v1/auth/me",
      "POST /api/v1/auth/tenant",
      "GET /api/v1/events",
    ]);
    const routes = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods)
        .filter((m) => ["get", "post", "put", "patch", "delete"].includes(m))
        .map((m) => `${m.toUpperCase()} ${path}`),
    );
    const missing = routes.filter((r) => !covered.has(r) && !SESSION.has(r));
    expect(missing).toEqual([]);
  });
});
