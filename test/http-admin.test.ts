// The tenant's settings and staff through the API, notifications, health and the OpenAPI document.
import { readFileSync } from "node:fs";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "./support/database.ts";
import { seedTenant } from "./support/factories.ts";
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

describe("staff", () => {
  it("an admin adds a department and a user with a role; contacts are shown to admins only", async () => {
    const t = await seedTenant(db.db, "sobolevo");
    const admin = await signIn(app, t.users.admin.login);
    const dept = await admin.post("/api/v1/departments", {
      name: "Администрация с. Устьевое",
      kind: "settlement",
    });
    expect(dept.statusCode).toBe(201);
    expect(dept.json()).toMatchObject({
      name: "Администрация с. Устьевое",
      kind: "settlement",
      active: true,
    });
    const again = await admin.post("/api/v1/departments", { name: "Администрация с. Устьевое" });
    expect(again.statusCode).toBe(422);
    expect(again.json().errors).toMatchObject([{ field: "name", code: "taken" }]);

    const user = await admin.post("/api/v1/users", {
      login: `ustevoe-${t.slug}`.slice(0, 60),
      password: "a long enough password",
      fullName: "Глава поселения",
      email: "glava@example.org",
      roles: [{ role: "executor", departmentId: dept.json().id }],
    });
    expect(user.statusCode).toBe(201);
    expect(user.json()).toMatchObject({
      fullName: "Глава поселения",
      email: "glava@example.org",
      roles: [{ role: "executor", department: { id: dept.json().id } }],
    });
    const noDept = await admin.post("/api/v1/users", {
      login: `nodept-${t.slug}`.slice(0, 60),
      password: "a long enough password",
      fullName: "Без отдела",
      roles: [{ role: "executor" }],
    });
    expect(noDept.json().errors).toMatchObject([
      { field: "roles.0.departmentId", code: "required" },
    ]);

    const curator = await signIn(app, t.users.curator.login);
    const seen = (await curator.get("/api/v1/users")).json() as Array<Record<string, unknown>>;
    const glava = seen.find((u) => u.fullName === "Глава поселения");
    expect(glava).toBeDefined();
    expect(glava).not.toHaveProperty("email");
    expect(glava).not.toHaveProperty("login");
  });

  it("a territorial unit serves settlements of the gazetteer; topics are the rubricator's", async () => {
    const t = await seedTenant(db.db, "sobolevo");
    const admin = await signIn(app, t.users.admin.login);
    const unit = await admin.post("/api/v1/departments", {
      name: "Администрация Устьевого и Крутогоровского",
      kind: "settlement",
      topics: ["roads", "waste"],
      settlements: ["Устьевое", "Крутогоровский"],
    });
    expect(unit.statusCode, unit.body).toBe(201);
    expect(unit.json()).toMatchObject({
      kind: "settlement",
      topics: ["roads", "waste"],
      settlements: ["Устьевое", "Крутогоровский"],
    });
    const refused = async (body: Record<string, unknown>, field: string, code: string) => {
      const res = await admin.request("PATCH", `/api/v1/departments/${unit.json().id}`, body);
      expect(res.statusCode, res.body).toBe(422);
      expect(res.headers["content-type"]).toContain("application/problem+json");
      expect(res.json().errors).toMatchObject([{ field, code }]);
    };
    await refused({ settlements: ["Устьевое", "Атлантида"] }, "settlements.1", "noSuchSettlement");
    await refused({ settlements: ["Устьевое", "Устьевое"] }, "settlements.1", "duplicateName");
    await refused({ topics: ["weather"] }, "topics.0", "notInRubricator");
    const curator = await signIn(app, t.users.curator.login);
    const seen = (await curator.get("/api/v1/departments")).json();
    expect(seen.find((d: { id: number }) => d.id === unit.json().id)).toMatchObject({
      settlements: ["Устьевое", "Крутогоровский"],
      topics: ["roads", "waste"],
    });
    // A department of the whole territory names none.
    expect(seen.find((d: { id: number }) => d.id === t.departments.a)).toMatchObject({
      settlements: [],
    });
    const narrowed = await admin.request("PATCH", `/api/v1/departments/${unit.json().id}`, {
      settlements: ["Устьевое"],
    });
    expect(narrowed.json()).toMatchObject({ settlements: ["Устьевое"] });
    const audit = await db.db
      .selectFrom("audit_log")
      .select(["action", "after"])
      .where("tenant_id", "=", t.tenantId)
      .where("action", "=", "updateDepartment")
      .execute();
    expect(audit).toEqual([
      { action: "updateDepartment", after: { id: unit.json().id, settlements: ["Устьевое"] } },
    ]);
  });

  it("readiness names what stands between the administration and its regulation", async () => {
    const t = await seedTenant(db.db, "sobolevo");
    const admin = await signIn(app, t.users.admin.login);
    const readiness = async () => (await admin.get("/api/v1/tenant/readiness")).json();
    // Every role held and both departments staffed; topics and accounts are still to set up.
    const first = await readiness();
    expect(first.ready).toBe(true);
    expect(first.findings.map((f: { kind: string }) => f.kind)).toEqual([
      "topicsWithoutDepartment",
      "noAccounts",
    ]);
    expect(first.findings[0]).toMatchObject({ level: "warning", section: "departments" });
    expect(first.findings[0].topics).toHaveLength(16);

    // The only approver leaves; a new department has nobody yet; department B's executor is away
    // with no one to stand in.
    await admin.request("PATCH", `/api/v1/users/${t.users.approver.id}`, { active: false });
    const roads = (
      await admin.post("/api/v1/departments", { name: "Отдел дорог", topics: ["roads"] })
    ).json();
    await admin.post("/api/v1/absences", {
      userId: t.users.executorB.id,
      startsAt: "2026-11-16T00:00:00+12:00",
      endsAt: "2026-11-18T00:00:00+12:00",
      reason: "trip",
    });
    const later = await readiness();
    expect(later.ready).toBe(false);
    expect(later.findings).toEqual([
      expect.objectContaining({
        kind: "roleNotHeld",
        role: "approver",
        level: "blocker",
        section: "users",
        actions: expect.arrayContaining(["approve", "requestRevision"]),
      }),
      expect.objectContaining({
        kind: "departmentWithoutExecutors",
        departmentId: roads.id,
        name: "Отдел дорог",
        level: "blocker",
      }),
      expect.objectContaining({ kind: "departmentAway", departmentId: t.departments.b }),
      expect.objectContaining({ kind: "topicsWithoutDepartment" }),
      expect.objectContaining({ kind: "noAccounts" }),
    ]);
    expect(later.findings[3].topics).toHaveLength(15);
    expect(later.findings[3].topics).not.toContain("Дороги и тротуары");
  });

  it("an assignment to an absent executor reaches the substitute, and says so", async () => {
    const t = await seedTenant(db.db, "sobolevo");
    const admin = await signIn(app, t.users.admin.login);
    const second = await admin.post("/api/v1/users", {
      login: `second-exec-${t.slug}`.slice(0, 60),
      password: "a long enough password",
      fullName: "Замещающий",
      roles: [{ role: "executor", departmentId: t.departments.a }],
    });
    const absence = await admin.post("/api/v1/absences", {
      userId: t.users.executorA.id,
      startsAt: "2026-11-16T00:00:00+12:00",
      endsAt: "2026-11-21T00:00:00+12:00",
      reason: "illness",
      substituteId: second.json().id,
    });
    expect(absence.statusCode).toBe(201);
    expect(absence.json()).toMatchObject({ reason: "illness", substitute: { name: "Замещающий" } });

    const curator = await signIn(app, t.users.curator.login);
    const staff = (await curator.get("/api/v1/users")).json() as Array<Record<string, unknown>>;
    expect(staff.find((u) => u.id === t.users.executorA.id)).toMatchObject({
      absentNow: true,
      substituteNow: { id: second.json().id, name: "Замещающий" },
    });
    const created = (
      await curator.post("/api/v1/cases", { channel: "vk", text: "Течёт крыша" })
    ).json();
    const res = await curator.post(`/api/v1/cases/${created.id}/actions/assign`, {
      expectedVersion: created.version,
      departmentId: t.departments.a,
      userId: t.users.executorA.id,
    });
    expect(res.json()).toMatchObject({
      case: { executor: { id: second.json().id } },
      assignedTo: {
        user: { id: second.json().id, name: "Замещающий" },
        substitutedFor: [{ id: t.users.executorA.id }],
      },
    });
    const executor = await signIn(app, t.users.executorA.login);
    expect((await executor.get("/api/v1/auth/me")).json().absences).toMatchObject([
      { reason: "illness", substitute: { id: second.json().id } },
    ]);
    expect(
      (await admin.request("DELETE", `/api/v1/absences/${absence.json().id}`)).statusCode,
    ).toBe(204);
    expect((await admin.get("/api/v1/absences")).json()).toEqual([]);
  });
});

describe("tenant settings", () => {
  it("shows the regulation with the contradictions the linter finds, with their clauses", async () => {
    const t = await seedTenant(db.db, "krymsk");
    const supervisor = await signIn(app, t.users.supervisor.login);
    const res = await supervisor.get("/api/v1/tenant/regulation");
    expect(res.statusCode).toBe(200);
    const { text, findings } = res.json();
    expect(text).toContain("otklik/regulation@1");
    const errors = findings.filter((f: { severity: string }) => f.severity === "error");
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0].message).toMatch(/[а-я]/);
    expect(errors[0].clauses.length).toBeGreaterThan(0);
  });

  it("an admin replaces the regulation; one that drops the procedure of open cases is refused", async () => {
    const t = await seedTenant(db.db, "sobolevo");
    const admin = await signIn(app, t.users.admin.login);
    const text = (await admin.get("/api/v1/tenant/regulation")).json().text as string;
    const edited = text.replace(
      "name: Администрация Соболевского муниципального района",
      "name: Соболево",
    );
    const put = await admin.request("PUT", "/api/v1/tenant/regulation", { text: edited });
    expect(put.statusCode).toBe(200);
    // The answer shows the regulation as it is now, not the one the request's session saw.
    expect(put.json().text).toBe(edited);
    expect((await admin.get("/api/v1/tenant/regulation")).json().text).toBe(edited);

    const curator = await signIn(app, t.users.curator.login);
    // Bor's regulation has no portal procedure, under which this case runs.
    await curator.post("/api/v1/cases", { channel: "portal", text: "Открытая карточка портала" });
    const bor = readFileSync(
      new URL("../src/domain/regulation/presets/bor.yaml", import.meta.url),
      "utf8",
    );
    const refused = await admin.request("PUT", "/api/v1/tenant/regulation", { text: bor });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().errors).toMatchObject([{ field: "text", code: "proceduresInUse" }]);
  });

  it("shows the year's production calendar and takes a corrected year from the admin", async () => {
    const t = await seedTenant(db.db, "sobolevo");
    const admin = await signIn(app, t.users.admin.login);
    const year = (await admin.get("/api/v1/tenant/calendar/2026")).json();
    const day = (d: string) => year.days.find((x: { date: string }) => x.date === d);
    expect(day("2026-11-04")).toMatchObject({ kind: "holiday", workingMinutes: 0 });
    expect(day("2026-11-03")).toMatchObject({ kind: "short", workingMinutes: 420 });
    expect(day("2026-11-16")).toMatchObject({ kind: "working", workingMinutes: 480 });
    expect(year.provisional).toBe(false);

    const file = JSON.parse(
      readFileSync(new URL("../src/domain/calendar/data/2026.json", import.meta.url), "utf8"),
    );
    const wrongYear = await admin.request("PUT", "/api/v1/tenant/calendar/2027", file);
    expect(wrongYear.statusCode).toBe(422);
    expect(wrongYear.json().errors).toMatchObject([{ field: "year" }]);
    const broken = await admin.request("PUT", "/api/v1/tenant/calendar/2026", {
      ...file,
      shortDays: ["13-45"],
    });
    expect(broken.statusCode).toBe(422);
    const loaded = await admin.request("PUT", "/api/v1/tenant/calendar/2026", file);
    expect(loaded.statusCode).toBe(200);
    expect(loaded.json().workingDays).toBe(year.workingDays);

    // The tenant's own year replaces the one loaded for everyone, at once.
    await db.db
      .insertInto("calendar_years")
      .values({ tenant_id: null, year: 2026, data: JSON.stringify(file) })
      .execute();
    const months = file.expected.months.map((m: number[]) => [...m]);
    months[10][1] -= 1;
    const shortened = await admin.request("PUT", "/api/v1/tenant/calendar/2026", {
      ...file,
      shortDays: [...file.shortDays, "11-16"],
      expected: {
        ...file.expected,
        hours40: file.expected.hours40 - 1,
        hours36: file.expected.hours36 - 1,
        hours24: file.expected.hours24 - 1,
        months,
      },
    });
    expect(shortened.statusCode).toBe(200);
    const after = (await admin.get("/api/v1/tenant/calendar/2026")).json();
    expect(after.days.find((x: { date: string }) => x.date === "2026-11-16")).toMatchObject({
      kind: "short",
      workingMinutes: 420,
    });
  });

  it("the rubricator and the accounts: read by all, changed by the admin", async () => {
    const t = await seedTenant(db.db, "sobolevo");
    const admin = await signIn(app, t.users.admin.login);
    const executor = await signIn(app, t.users.executorA.login);
    expect((await executor.get("/api/v1/tenant/rubricator")).json().topics.length).toBe(16);
    const dup = await admin.request("PUT", "/api/v1/tenant/rubricator", {
      topics: [
        { code: "water", name: "Вода" },
        { code: "water", name: "Снова вода" },
      ],
    });
    expect(dup.json().errors).toMatchObject([{ field: "topics.1.code", code: "duplicateTopic" }]);
    const put = await admin.request("PUT", "/api/v1/tenant/rubricator", {
      version: 2,
      topics: [{ code: "water", name: "Водоснабжение", covers: "вода, колонки" }],
    });
    expect(put.statusCode).toBe(200);
    expect((await executor.get("/api/v1/tenant/rubricator")).json().topics).toHaveLength(1);

    const account = await admin.post("/api/v1/accounts", {
      network: "ok",
      name: "Администрация Соболевского района",
      url: "https://ok.ru/group/1",
    });
    expect(account.statusCode).toBe(201);
    const patched = await admin.request("PATCH", `/api/v1/accounts/${account.json().id}`, {
      active: false,
    });
    expect(patched.json()).toMatchObject({ network: "ok", active: false });
    expect((await executor.get("/api/v1/accounts")).json()).toHaveLength(1);
    const tenant = (await executor.get("/api/v1/tenant")).json();
    expect(tenant).toMatchObject({
      id: t.tenantId,
      timeZone: "Asia/Kamchatka",
      caseNumberPrefix: "СОБ",
    });
  });
});

describe("notifications", () => {
  it("an executor is told of an assignment and marks it read", async () => {
    const t = await seedTenant(db.db, "sobolevo");
    const curator = await signIn(app, t.users.curator.login);
    const executor = await signIn(app, t.users.executorA.login);
    const created = (
      await curator.post("/api/v1/cases", { channel: "vk", text: "Сломана лавка" })
    ).json();
    await curator.post(`/api/v1/cases/${created.id}/actions/assign`, {
      expectedVersion: created.version,
      departmentId: t.departments.a,
    });
    const list = (await executor.get("/api/v1/notifications?unread=true")).json();
    expect(list).toMatchObject({
      unread: 1,
      items: [{ kind: "assign", caseId: created.id, caseNumber: created.number, readAt: null }],
    });
    const read = await executor.post("/api/v1/notifications/read", { ids: [list.items[0].id] });
    expect(read.json()).toEqual({ marked: 1, unread: 0 });
  });
});

describe("the API describes itself", () => {
  it("serves an OpenAPI 3.1 document with named shared schemas, readable docs and a health check", async () => {
    const doc = (await app.inject({ method: "GET", url: "/api/openapi.json" })).json();
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.components.schemas)).toEqual(
      expect.arrayContaining(["CaseCard", "CaseListItem", "Problem"]),
    );
    const assign = doc.paths["/api/v1/cases/{id}/actions/assign"].post;
    expect(assign.requestBody.content["application/json"].schema.required).toEqual(
      expect.arrayContaining(["expectedVersion", "departmentId"]),
    );
    expect(JSON.stringify(assign.responses["200"])).toContain("#/components/schemas/CaseCard");
    const docs = await app.inject({ method: "GET", url: "/api/docs" });
    expect([200, 302]).toContain(docs.statusCode);
    const health = await app.inject({ method: "GET", url: "/api/health" });
    expect(health.json()).toEqual({ status: "ok", database: db.kind });
  });
});
