// The admin's work on a tenant: departments, people and roles, absences, accounts, the regulation,
// the calendar and the rubricator. One function per use case; each checks the policy table first
// (after making sure the thing belongs to the tenant: another tenant's rows are not found).
import { sql } from "kysely";
import type { YearFile } from "../domain/calendar/index.ts";
import { checkYearFile, describeCalendarProblem } from "../domain/calendar/index.ts";
import { describeProblem } from "../domain/regulation/messages.ts";
import { parseRegulation } from "../domain/regulation/parse.ts";
import type { Rubricator } from "../domain/triage/topic/model.ts";
import {
  mayOnTenant,
  type Actor,
  type Role,
  type TenantAction,
} from "../domain/workflow/policy.ts";
import { absenceById } from "../db/absences.ts";
import { appendAudit } from "../db/audit.ts";
import type { Tx } from "../db/cases.ts";
import { departmentById, departmentByName } from "../db/departments.ts";
import { accountById } from "../db/network-accounts.ts";
import { isMemberOf, membershipById } from "../db/users.ts";
import { gazetteerOf } from "./gazetteer.ts";
import { invalidInput, notFound, type Failure, type Result } from "./results.ts";
import { addMembership, createUser, hashPassword } from "./users.ts";

const forbidden = (action: TenantAction): Failure => ({ ok: false, kind: "forbidden", action });

function audit(
  tx: Tx,
  actor: Actor,
  action: string,
  now: number,
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
  requestId: string | null,
) {
  return appendAudit(tx, {
    tenantId: actor.tenantId,
    caseId: null,
    actorId: actor.userId,
    action,
    at: now,
    before,
    after,
    requestId,
  });
}

type DepartmentKind = "structural" | "territorial" | "settlement" | "coordination";

interface DepartmentFields {
  kind?: DepartmentKind;
  topics?: string[];
  settlements?: string[];
}

/**
 * Topics must be the rubricator's and settlements the gazetteer's, each named once. What the
 * department names already may stay, so a rubricator or gazetteer changed since does not stop an
 * admin from renaming it.
 */
async function checkDepartmentFields(
  tx: Tx,
  tenantId: number,
  input: DepartmentFields,
  before: { topics: string[]; settlements: string[] } = { topics: [], settlements: [] },
): Promise<Failure | null> {
  if (input.topics === undefined && input.settlements === undefined) return null;
  const tenant = await tx
    .selectFrom("tenants")
    .select(["id", "preset", "gazetteer", "rubricator"])
    .where("id", "=", tenantId)
    .executeTakeFirstOrThrow();
  const lists = [
    {
      field: "topics",
      values: input.topics,
      known: [
        ...before.topics,
        ...((tenant.rubricator as { topics?: Array<{ code: string }> }).topics ?? []).map(
          (t) => t.code,
        ),
      ],
      unknown: "notInRubricator",
    },
    {
      field: "settlements",
      values: input.settlements,
      known: [
        ...before.settlements,
        ...(gazetteerOf(tenant).gazetteer?.settlements ?? []).map((s) => s.name),
      ],
      unknown: "noSuchSettlement",
    },
  ];
  for (const { field, values, known, unknown } of lists) {
    const seen = new Set<string>();
    for (const [i, value] of (values ?? []).entries()) {
      if (!known.includes(value)) return invalidInput(`${field}.${i}`, `${unknown}:${value}`);
      if (seen.has(value)) return invalidInput(`${field}.${i}`, `duplicateName:${value}`);
      seen.add(value);
    }
  }
  return null;
}

export async function addDepartment(
  tx: Tx,
  actor: Actor,
  input: { name: string } & DepartmentFields,
  now: number,
  requestId: string | null,
): Promise<Result<{ id: number }>> {
  if (!mayOnTenant(actor, "manageDepartments")) return forbidden("manageDepartments");
  const name = input.name.trim();
  if (!name) return invalidInput("name", "required");
  if (await departmentByName(tx, actor.tenantId, name)) return invalidInput("name", "taken");
  const refused = await checkDepartmentFields(tx, actor.tenantId, input);
  if (refused) return refused;
  const { id } = await tx
    .insertInto("departments")
    .values({
      tenant_id: actor.tenantId,
      name,
      kind: input.kind ?? "structural",
      topics: input.topics ?? [],
      settlements: input.settlements ?? [],
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await audit(tx, actor, "addDepartment", now, null, { id, ...input, name }, requestId);
  return { ok: true, id };
}

export async function updateDepartment(
  tx: Tx,
  actor: Actor,
  id: number,
  patch: { name?: string; active?: boolean } & DepartmentFields,
  now: number,
  requestId: string | null,
): Promise<Result<{ id: number }>> {
  const before = await departmentById(tx, actor.tenantId, id);
  if (!before) return notFound();
  if (!mayOnTenant(actor, "manageDepartments")) return forbidden("manageDepartments");
  const name = patch.name?.trim();
  if (name !== undefined) {
    if (!name) return invalidInput("name", "required");
    const same = await departmentByName(tx, actor.tenantId, name);
    if (same && same.id !== id) return invalidInput("name", "taken");
  }
  const refused = await checkDepartmentFields(tx, actor.tenantId, patch, before);
  if (refused) return refused;
  await tx
    .updateTable("departments")
    .set({
      ...(name !== undefined ? { name } : {}),
      ...(patch.kind !== undefined ? { kind: patch.kind } : {}),
      ...(patch.topics !== undefined ? { topics: patch.topics } : {}),
      ...(patch.settlements !== undefined ? { settlements: patch.settlements } : {}),
      ...(patch.active !== undefined ? { active: patch.active } : {}),
    })
    .where("tenant_id", "=", actor.tenantId)
    .where("id", "=", id)
    .execute();
  await audit(tx, actor, "updateDepartment", now, { ...before }, { id, ...patch }, requestId);
  return { ok: true, id };
}

export interface RoleInput {
  role: Role;
  /** The department of an executor; ignored for tenant-wide roles. */
  departmentId?: number | null;
}

async function checkRole(
  tx: Tx,
  actor: Actor,
  r: RoleInput,
  field: string,
): Promise<Failure | null> {
  if (r.role !== "executor") return null;
  if (r.departmentId == null) return invalidInput(`${field}.departmentId`, "required");
  const dept = await departmentById(tx, actor.tenantId, r.departmentId);
  return dept ? null : invalidInput(`${field}.departmentId`, "noSuchDepartment");
}

export async function addUser(
  tx: Tx,
  actor: Actor,
  input: {
    login: string;
    password: string;
    fullName: string;
    email?: string | null;
    phone?: string | null;
    locale?: "ru" | "en";
    roles: RoleInput[];
  },
  now: number,
): Promise<Result<{ id: number }>> {
  if (!mayOnTenant(actor, "manageUsers")) return forbidden("manageUsers");
  for (const [i, r] of input.roles.entries()) {
    const problem = await checkRole(tx, actor, r, `roles.${i}`);
    if (problem) return problem;
  }
  const created = await createUser(
    tx,
    {
      login: input.login,
      password: input.password,
      fullName: input.fullName,
      email: input.email ?? null,
      phone: input.phone ?? null,
      ...(input.locale ? { locale: input.locale } : {}),
    },
    actor.userId,
    now,
  );
  if (!created.ok) return created;
  for (const r of input.roles)
    await addMembership(
      tx,
      actor.tenantId,
      created.id,
      r.role,
      r.departmentId ?? null,
      actor.userId,
      now,
    );
  return { ok: true, id: created.id };
}

export async function updateUser(
  tx: Tx,
  actor: Actor,
  userId: number,
  patch: {
    fullName?: string;
    email?: string | null;
    phone?: string | null;
    active?: boolean;
    password?: string;
  },
  now: number,
  requestId: string | null,
): Promise<Result<{ id: number }>> {
  if (!(await isMemberOf(tx, actor.tenantId, userId))) return notFound();
  if (!mayOnTenant(actor, "manageUsers")) return forbidden("manageUsers");
  if (patch.password !== undefined && patch.password.length < 10)
    return invalidInput("password", "tooShort");
  await tx
    .updateTable("users")
    .set({
      ...(patch.fullName !== undefined ? { full_name: patch.fullName } : {}),
      ...(patch.email !== undefined ? { email: patch.email } : {}),
      ...(patch.phone !== undefined ? { phone: patch.phone } : {}),
      ...(patch.active !== undefined ? { active: patch.active } : {}),
      ...(patch.password !== undefined
        ? { password_hash: await hashPassword(patch.password) }
        : {}),
    })
    .where("id", "=", userId)
    .execute();
  if (patch.active === false || patch.password !== undefined)
    await tx.deleteFrom("sessions").where("user_id", "=", userId).execute();
  const { password: _password, ...logged } = patch;
  await audit(
    tx,
    actor,
    "updateUser",
    now,
    null,
    { userId, ...logged, ...(patch.password !== undefined ? { passwordChanged: true } : {}) },
    requestId,
  );
  return { ok: true, id: userId };
}

export async function addRole(
  tx: Tx,
  actor: Actor,
  userId: number,
  input: RoleInput,
  now: number,
): Promise<Result<{ id: number }>> {
  if (!(await isMemberOf(tx, actor.tenantId, userId))) return notFound();
  if (!mayOnTenant(actor, "manageUsers")) return forbidden("manageUsers");
  const problem = await checkRole(tx, actor, input, "role");
  if (problem) return problem;
  const departmentId = input.role === "executor" ? (input.departmentId ?? null) : null;
  const exists = await tx
    .selectFrom("memberships")
    .select("id")
    .where("tenant_id", "=", actor.tenantId)
    .where("user_id", "=", userId)
    .where("role", "=", input.role)
    .where("department_id", departmentId === null ? "is" : "=", departmentId)
    .executeTakeFirst();
  if (exists) return invalidInput("role", "taken");
  await addMembership(tx, actor.tenantId, userId, input.role, departmentId, actor.userId, now);
  return { ok: true, id: userId };
}

export async function removeRole(
  tx: Tx,
  actor: Actor,
  userId: number,
  membershipId: number,
  now: number,
  requestId: string | null,
): Promise<Result<{ id: number }>> {
  const m = await membershipById(tx, actor.tenantId, membershipId);
  if (!m || m.user_id !== userId) return notFound();
  if (!mayOnTenant(actor, "manageUsers")) return forbidden("manageUsers");
  await tx.deleteFrom("memberships").where("id", "=", membershipId).execute();
  await audit(tx, actor, "removeMembership", now, { ...m }, null, requestId);
  return { ok: true, id: userId };
}

export async function addAbsence(
  tx: Tx,
  actor: Actor,
  input: {
    userId: number;
    startsAt: number;
    endsAt: number;
    reason?: "illness" | "vacation" | "trip" | "study" | "other";
    substituteId?: number | null;
  },
  now: number,
  requestId: string | null,
): Promise<Result<{ id: number }>> {
  if (!mayOnTenant(actor, "manageAbsences")) return forbidden("manageAbsences");
  if (!(await isMemberOf(tx, actor.tenantId, input.userId)))
    return invalidInput("userId", "noSuchUser");
  if (input.endsAt <= input.startsAt) return invalidInput("endsAt", "endsBeforeStart");
  const substituteId = input.substituteId ?? null;
  if (substituteId !== null) {
    if (substituteId === input.userId) return invalidInput("substituteId", "selfSubstitute");
    if (!(await isMemberOf(tx, actor.tenantId, substituteId)))
      return invalidInput("substituteId", "noSuchUser");
  }
  const { id } = await tx
    .insertInto("absences")
    .values({
      tenant_id: actor.tenantId,
      user_id: input.userId,
      starts_at: new Date(input.startsAt),
      ends_at: new Date(input.endsAt),
      reason: input.reason ?? "other",
      substitute_id: substituteId,
      created_by: actor.userId,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await audit(tx, actor, "addAbsence", now, null, { id, ...input }, requestId);
  return { ok: true, id };
}

export async function removeAbsence(
  tx: Tx,
  actor: Actor,
  id: number,
  now: number,
  requestId: string | null,
): Promise<Result<{ id: number }>> {
  const before = await absenceById(tx, actor.tenantId, id);
  if (!before) return notFound();
  if (!mayOnTenant(actor, "manageAbsences")) return forbidden("manageAbsences");
  await tx.deleteFrom("absences").where("id", "=", id).execute();
  await audit(tx, actor, "removeAbsence", now, { ...before }, null, requestId);
  return { ok: true, id };
}

export interface AccountInput {
  network: string;
  name: string;
  externalId?: string | null;
  url?: string | null;
  departmentId?: number | null;
  active?: boolean;
}

async function checkAccount(
  tx: Tx,
  actor: Actor,
  input: Partial<AccountInput>,
  exceptId: number | null,
): Promise<Failure | null> {
  if (input.departmentId != null && !(await departmentById(tx, actor.tenantId, input.departmentId)))
    return invalidInput("departmentId", "noSuchDepartment");
  if (input.network !== undefined && input.name !== undefined) {
    const same = await tx
      .selectFrom("network_accounts")
      .select("id")
      .where("tenant_id", "=", actor.tenantId)
      .where("network", "=", input.network)
      .where("name", "=", input.name)
      .executeTakeFirst();
    if (same && same.id !== exceptId) return invalidInput("name", "taken");
  }
  return null;
}

export async function addAccount(
  tx: Tx,
  actor: Actor,
  input: AccountInput,
  now: number,
  requestId: string | null,
): Promise<Result<{ id: number }>> {
  if (!mayOnTenant(actor, "manageAccounts")) return forbidden("manageAccounts");
  const problem = await checkAccount(tx, actor, input, null);
  if (problem) return problem;
  const { id } = await tx
    .insertInto("network_accounts")
    .values({
      tenant_id: actor.tenantId,
      network: input.network,
      name: input.name,
      external_id: input.externalId ?? null,
      url: input.url ?? null,
      department_id: input.departmentId ?? null,
      active: input.active ?? true,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await audit(tx, actor, "addAccount", now, null, { id, ...input }, requestId);
  return { ok: true, id };
}

export async function updateAccount(
  tx: Tx,
  actor: Actor,
  id: number,
  patch: Partial<AccountInput>,
  now: number,
  requestId: string | null,
): Promise<Result<{ id: number }>> {
  const before = await accountById(tx, actor.tenantId, id);
  if (!before) return notFound();
  if (!mayOnTenant(actor, "manageAccounts")) return forbidden("manageAccounts");
  const problem = await checkAccount(
    tx,
    actor,
    { ...patch, network: patch.network ?? before.network, name: patch.name ?? before.name },
    id,
  );
  if (problem) return problem;
  await tx
    .updateTable("network_accounts")
    .set({
      ...(patch.network !== undefined ? { network: patch.network } : {}),
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.externalId !== undefined ? { external_id: patch.externalId } : {}),
      ...(patch.url !== undefined ? { url: patch.url } : {}),
      ...(patch.departmentId !== undefined ? { department_id: patch.departmentId } : {}),
      ...(patch.active !== undefined ? { active: patch.active } : {}),
    })
    .where("tenant_id", "=", actor.tenantId)
    .where("id", "=", id)
    .execute();
  await audit(tx, actor, "updateAccount", now, { ...before }, { id, ...patch }, requestId);
  return { ok: true, id };
}

/**
 * Replaces the tenant's regulation. Text that does not read is refused with every problem and its
 * line; contradictions the linter finds are kept and shown, as the documents have them.
 */
export async function setRegulation(
  tx: Tx,
  actor: Actor,
  text: string,
  now: number,
  requestId: string | null,
): Promise<Result<{ id: number }>> {
  if (!mayOnTenant(actor, "editRegulation")) return forbidden("editRegulation");
  const parsed = parseRegulation(text);
  if (!parsed.ok)
    return {
      ok: false,
      kind: "invalidDocument",
      field: "text",
      problems: parsed.problems.map((p) => ({
        path: p.path,
        line: p.line,
        column: p.column,
        message: { ru: describeProblem(p, "ru"), en: describeProblem(p, "en") },
      })),
    };
  // Open cases keep running under their procedure: the new text must still have it.
  const inUse = await tx
    .selectFrom("cases")
    .select("procedure")
    .distinct()
    .where("tenant_id", "=", actor.tenantId)
    .where("closed_at", "is", null)
    .execute();
  const kept = new Set(parsed.regulation.procedures.map((p) => p.id));
  const missing = inUse.map((r) => r.procedure).filter((p) => !kept.has(p));
  if (missing.length) return invalidInput("text", `proceduresInUse:${missing.join(", ")}`);
  const before = await tx
    .selectFrom("tenants")
    .select("regulation")
    .where("id", "=", actor.tenantId)
    .executeTakeFirstOrThrow();
  await tx
    .updateTable("tenants")
    .set({ regulation: text })
    .where("id", "=", actor.tenantId)
    .execute();
  await audit(
    tx,
    actor,
    "setRegulation",
    now,
    { length: before.regulation.length },
    { id: parsed.regulation.id, length: text.length },
    requestId,
  );
  return { ok: true, id: actor.tenantId };
}

export async function setRubricator(
  tx: Tx,
  actor: Actor,
  rubricator: Rubricator,
  now: number,
  requestId: string | null,
): Promise<Result<{ id: number }>> {
  if (!mayOnTenant(actor, "editRubricator")) return forbidden("editRubricator");
  const seen = new Set<string>();
  for (const [i, t] of rubricator.topics.entries()) {
    if (seen.has(t.code)) return invalidInput(`topics.${i}.code`, `duplicateTopic:${t.code}`);
    seen.add(t.code);
  }
  await tx
    .updateTable("tenants")
    .set({ rubricator: JSON.stringify(rubricator) })
    .where("id", "=", actor.tenantId)
    .execute();
  await audit(tx, actor, "setRubricator", now, null, { topics: [...seen] }, requestId);
  return { ok: true, id: actor.tenantId };
}

/** Loads a production-calendar year for the tenant (a later decree, or a year not shipped). */
export async function loadCalendarYear(
  tx: Tx,
  actor: Actor,
  file: YearFile,
  now: number,
  requestId: string | null,
): Promise<Result<{ id: number }>> {
  if (!mayOnTenant(actor, "loadCalendar")) return forbidden("loadCalendar");
  const errors = checkYearFile(file).filter((p) => p.severity === "error");
  if (errors.length)
    return {
      ok: false,
      kind: "invalidDocument",
      field: "year",
      problems: errors.map((p) => ({
        path: `/${p.field.replace(/\[(\d+)\]/g, "/$1").replace(/\./g, "/")}`,
        line: null,
        column: null,
        message: { ru: describeCalendarProblem(p, "ru"), en: describeCalendarProblem(p, "en") },
      })),
    };
  // loaded_at from the database's clock, not the injected one: the tenant context cache keys on it.
  const stored = await sql<{ id: number }>`
    insert into calendar_years (tenant_id, year, data, loaded_by)
    values (${actor.tenantId}, ${file.year}, ${JSON.stringify(file)}, ${actor.userId})
    on conflict (tenant_id, year) do update
      set data = excluded.data, loaded_by = excluded.loaded_by, loaded_at = now()
    returning id`.execute(tx);
  const id = stored.rows[0]?.id as number;
  await audit(tx, actor, "loadCalendarYear", now, null, { year: file.year }, requestId);
  return { ok: true, id };
}
