// Departments, users with their roles, absences with substitutes. Everyone of the tenant reads
// them (a curator routes to people who are at work); only the admin changes them.
import Type from "typebox";
import type { FastifyReply, FastifyRequest } from "fastify";
import { mayOnTenant, ROLES } from "../../domain/workflow/policy.ts";
import {
  addAbsence,
  addDepartment,
  addRole,
  addUser,
  removeAbsence,
  removeRole,
  updateDepartment,
  updateUser,
} from "../../app/administration.ts";
import type { Failure } from "../../app/results.ts";
import { absencesOfTenant } from "../../db/absences.ts";
import type { Tx } from "../../db/cases.ts";
import { departmentsOfTenant } from "../../db/departments.ts";
import { absencesAt } from "../../db/people.ts";
import { usersOfTenant } from "../../db/users.ts";
import { authOf, fail, inTransaction, type App, type Auth, type HttpEnv } from "../context.ts";
import { Id, IdParams, Instant, Nullable, Ref, responses } from "../schemas.ts";

const DEPARTMENT_KINDS = ["structural", "territorial", "settlement", "coordination"] as const;
const Name = Type.String({ minLength: 1, maxLength: 300 });
const Topics = Type.Array(Type.String({ minLength: 1, maxLength: 64 }), {
  maxItems: 100,
  description: "Codes of the rubricator's topics the department is in charge of",
});
const Settlements = Type.Array(Type.String({ minLength: 1, maxLength: 200 }), {
  maxItems: 200,
  description:
    "Names of the gazetteer's settlements a territorial unit or settlement administration serves; empty for the whole territory",
});

const DepartmentSchema = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  kind: Type.Enum([...DEPARTMENT_KINDS]),
  topics: Type.Array(Type.String()),
  settlements: Type.Array(Type.String()),
  active: Type.Boolean(),
});

const RoleInput = Type.Object(
  {
    role: Type.Enum([...ROLES]),
    departmentId: Type.Optional(
      Nullable(Type.Integer({ minimum: 1, description: "Required for an executor" })),
    ),
  },
  { additionalProperties: false },
);

const UserSchema = Type.Object({
  id: Type.Integer(),
  fullName: Type.String(),
  roles: Type.Array(
    Type.Object({ membershipId: Type.Integer(), role: Type.String(), department: Nullable(Ref) }),
  ),
  absentNow: Type.Boolean(),
  substituteNow: Nullable(Ref),
  login: Type.Optional(Type.String({ description: "Admins only" })),
  email: Type.Optional(Nullable(Type.String({ description: "Admins only" }))),
  phone: Type.Optional(Nullable(Type.String({ description: "Admins only" }))),
  active: Type.Optional(Type.Boolean({ description: "Admins only" })),
});
type UserView = Type.Static<typeof UserSchema>;

const AbsenceSchema = Type.Object({
  id: Type.Integer(),
  user: Ref,
  startsAt: Instant,
  endsAt: Instant,
  reason: Type.String(),
  substitute: Nullable(Ref),
});

const REASONS = ["illness", "vacation", "trip", "study", "other"] as const;

async function departments(tx: Tx, tenantId: number) {
  return (await departmentsOfTenant(tx, tenantId)).map((d) => ({
    id: d.id,
    name: d.name,
    kind: d.kind,
    topics: d.topics,
    settlements: d.settlements,
    active: d.active,
  }));
}

/** The tenant's staff; contacts and logins only for those who manage users (staff data is personal too). */
async function users(tx: Tx, auth: Auth, now: number): Promise<UserView[]> {
  const rows = await usersOfTenant(tx, auth.tenantId);
  const away = await absencesAt(tx, auth.tenantId, now);
  const admin = mayOnTenant(auth.actor, "manageUsers");
  const byId = new Map<number, UserView>();
  for (const r of rows) {
    let u = byId.get(r.id);
    if (!u) {
      const absence = away.find((a) => a.userId === r.id);
      u = {
        id: r.id,
        fullName: r.full_name,
        roles: [],
        absentNow: absence !== undefined,
        substituteNow:
          absence?.substituteId != null ? { id: absence.substituteId, name: "" } : null,
        ...(admin ? { login: r.login, email: r.email, phone: r.phone, active: r.active } : {}),
      };
      byId.set(r.id, u);
    }
    u.roles.push({
      membershipId: r.membership_id,
      role: r.role,
      department:
        r.department_id === null ? null : { id: r.department_id, name: r.department_name ?? "—" },
    });
  }
  for (const u of byId.values())
    if (u.substituteNow) u.substituteNow.name = byId.get(u.substituteNow.id)?.fullName ?? "—";
  return [...byId.values()];
}

async function absences(tx: Tx, tenantId: number, now: number) {
  return (await absencesOfTenant(tx, tenantId, now)).map((a) => ({
    id: a.id,
    user: { id: a.user_id, name: a.user_name },
    startsAt: a.starts_at.toISOString(),
    endsAt: a.ends_at.toISOString(),
    reason: a.reason,
    substitute:
      a.substitute_id === null ? null : { id: a.substitute_id, name: a.substitute_name ?? "—" },
  }));
}

type Done<T> = { ok: true; view: T };

/** Runs an admin use case and answers with the changed thing as the list shows it. */
async function change<T>(
  request: FastifyRequest,
  reply: FastifyReply,
  env: HttpEnv,
  status: number,
  run: (tx: Tx) => Promise<{ ok: true; id: number } | Failure>,
  view: (tx: Tx, id: number) => Promise<T | undefined>,
) {
  const result = await inTransaction<Done<T>>(env.db, async (tx) => {
    const done = await run(tx);
    if (!done.ok) return done;
    const shown = await view(tx, done.id);
    if (shown === undefined) throw new Error(`changed row ${done.id} is not shown`);
    return { ok: true, view: shown };
  });
  if (!result.ok) return fail(request, reply, result);
  return reply.code(status).send(result.view);
}

export async function staffRoutes(app: App, env: HttpEnv): Promise<void> {
  app.get(
    "/departments",
    {
      schema: {
        tags: ["staff"],
        summary: "Подразделения администрации",
        response: responses({ 200: Type.Array(DepartmentSchema) }),
      },
    },
    async (request) => departments(env.db, authOf(request).tenantId),
  );

  app.post(
    "/departments",
    {
      schema: {
        tags: ["staff"],
        summary: "Добавить подразделение (администратор)",
        body: Type.Object(
          {
            name: Name,
            kind: Type.Optional(Type.Enum([...DEPARTMENT_KINDS])),
            topics: Type.Optional(Topics),
            settlements: Type.Optional(Settlements),
          },
          { additionalProperties: false },
        ),
        response: responses({ 201: DepartmentSchema }),
      },
    },
    async (request, reply) => {
      const auth = authOf(request);
      return change(
        request,
        reply,
        env,
        201,
        (tx) => addDepartment(tx, auth.actor, request.body, env.now(), request.id),
        async (tx, id) => (await departments(tx, auth.tenantId)).find((d) => d.id === id),
      );
    },
  );

  app.patch(
    "/departments/:id",
    {
      schema: {
        tags: ["staff"],
        summary: "Изменить подразделение (администратор)",
        params: IdParams,
        body: Type.Object(
          {
            name: Type.Optional(Name),
            kind: Type.Optional(Type.Enum([...DEPARTMENT_KINDS])),
            topics: Type.Optional(Topics),
            settlements: Type.Optional(Settlements),
            active: Type.Optional(Type.Boolean()),
          },
          { additionalProperties: false },
        ),
        response: responses({ 200: DepartmentSchema }),
      },
    },
    async (request, reply) => {
      const auth = authOf(request);
      return change(
        request,
        reply,
        env,
        200,
        (tx) =>
          updateDepartment(tx, auth.actor, request.params.id, request.body, env.now(), request.id),
        async (tx, id) => (await departments(tx, auth.tenantId)).find((d) => d.id === id),
      );
    },
  );

  app.get(
    "/users",
    {
      schema: {
        tags: ["staff"],
        summary: "Пользователи администрации с ролями и отсутствием сейчас",
        response: responses({ 200: Type.Array(UserSchema) }),
      },
    },
    async (request) => users(env.db, authOf(request), env.now()),
  );

  const userView = (auth: Auth) => async (tx: Tx, id: number) =>
    (await users(tx, auth, env.now())).find((u) => u.id === id);

  app.post(
    "/users",
    {
      schema: {
        tags: ["staff"],
        summary: "Добавить пользователя с ролями (администратор)",
        body: Type.Object(
          {
            login: Type.String({ pattern: "^[a-zA-Z0-9][a-zA-Z0-9._-]{2,63}$" }),
            password: Type.String({ minLength: 10, maxLength: 256 }),
            fullName: Name,
            email: Type.Optional(Nullable(Type.String({ format: "email", maxLength: 300 }))),
            phone: Type.Optional(Nullable(Type.String({ maxLength: 50 }))),
            locale: Type.Optional(Type.Enum(["ru", "en"])),
            roles: Type.Array(RoleInput, { minItems: 1, maxItems: 20 }),
          },
          { additionalProperties: false },
        ),
        response: responses({ 201: UserSchema }),
      },
    },
    async (request, reply) => {
      const auth = authOf(request);
      const b = request.body;
      return change(
        request,
        reply,
        env,
        201,
        (tx) =>
          addUser(
            tx,
            auth.actor,
            {
              login: b.login,
              password: b.password,
              fullName: b.fullName,
              email: b.email ?? null,
              phone: b.phone ?? null,
              ...(b.locale ? { locale: b.locale } : {}),
              roles: b.roles.map((r) => ({ role: r.role, departmentId: r.departmentId ?? null })),
            },
            env.now(),
          ),
        userView(auth),
      );
    },
  );

  app.patch(
    "/users/:id",
    {
      schema: {
        tags: ["staff"],
        summary: "Изменить пользователя, сменить пароль, отключить (администратор)",
        params: IdParams,
        body: Type.Object(
          {
            fullName: Type.Optional(Name),
            email: Type.Optional(Nullable(Type.String({ format: "email", maxLength: 300 }))),
            phone: Type.Optional(Nullable(Type.String({ maxLength: 50 }))),
            active: Type.Optional(Type.Boolean()),
            password: Type.Optional(Type.String({ minLength: 10, maxLength: 256 })),
          },
          { additionalProperties: false },
        ),
        response: responses({ 200: UserSchema }),
      },
    },
    async (request, reply) => {
      const auth = authOf(request);
      return change(
        request,
        reply,
        env,
        200,
        (tx) => updateUser(tx, auth.actor, request.params.id, request.body, env.now(), request.id),
        userView(auth),
      );
    },
  );

  app.post(
    "/users/:id/roles",
    {
      schema: {
        tags: ["staff"],
        summary: "Дать пользователю роль (администратор)",
        params: IdParams,
        body: RoleInput,
        response: responses({ 200: UserSchema }),
      },
    },
    async (request, reply) => {
      const auth = authOf(request);
      const r = request.body;
      return change(
        request,
        reply,
        env,
        200,
        (tx) =>
          addRole(
            tx,
            auth.actor,
            request.params.id,
            { role: r.role, departmentId: r.departmentId ?? null },
            env.now(),
          ),
        userView(auth),
      );
    },
  );

  app.delete(
    "/users/:id/roles/:membershipId",
    {
      schema: {
        tags: ["staff"],
        summary: "Снять с пользователя роль (администратор)",
        params: Type.Object({ id: Id, membershipId: Id }, { additionalProperties: false }),
        response: responses({ 200: Nullable(UserSchema) }),
      },
    },
    async (request, reply) => {
      const auth = authOf(request);
      const result = await inTransaction(env.db, async (tx) => {
        const done = await removeRole(
          tx,
          auth.actor,
          request.params.id,
          request.params.membershipId,
          env.now(),
          request.id,
        );
        if (!done.ok) return done;
        // The last role gone, the user is no longer of this tenant: null.
        return { ok: true as const, view: (await userView(auth)(tx, done.id)) ?? null };
      });
      if (!result.ok) return fail(request, reply, result);
      return result.view;
    },
  );

  app.get(
    "/absences",
    {
      schema: {
        tags: ["staff"],
        summary: "Отсутствия (болезнь, отпуск, командировка) и замещающие: текущие и будущие",
        response: responses({ 200: Type.Array(AbsenceSchema) }),
      },
    },
    async (request) => absences(env.db, authOf(request).tenantId, env.now()),
  );

  app.post(
    "/absences",
    {
      schema: {
        tags: ["staff"],
        summary: "Внести отсутствие с замещающим (администратор)",
        body: Type.Object(
          {
            userId: Id,
            startsAt: Instant,
            endsAt: Instant,
            reason: Type.Optional(Type.Enum([...REASONS])),
            substituteId: Type.Optional(Nullable(Id)),
          },
          { additionalProperties: false },
        ),
        response: responses({ 201: AbsenceSchema }),
      },
    },
    async (request, reply) => {
      const auth = authOf(request);
      const b = request.body;
      const now = env.now();
      return change(
        request,
        reply,
        env,
        201,
        (tx) =>
          addAbsence(
            tx,
            auth.actor,
            {
              userId: b.userId,
              startsAt: Date.parse(b.startsAt),
              endsAt: Date.parse(b.endsAt),
              ...(b.reason ? { reason: b.reason } : {}),
              substituteId: b.substituteId ?? null,
            },
            now,
            request.id,
          ),
        // An absence already over is still shown to the admin who entered it.
        async (tx, id) =>
          (await absences(tx, auth.tenantId, Math.min(now, Date.parse(b.endsAt) - 1))).find(
            (a) => a.id === id,
          ),
      );
    },
  );

  app.delete(
    "/absences/:id",
    {
      schema: {
        tags: ["staff"],
        summary: "Удалить отсутствие (администратор)",
        params: IdParams,
        response: responses({ 204: Type.Null() }),
      },
    },
    async (request, reply) => {
      const auth = authOf(request);
      const result = await inTransaction(env.db, (tx) =>
        removeAbsence(tx, auth.actor, request.params.id, env.now(), request.id),
      );
      if (!result.ok) return fail(request, reply, result);
      return reply.code(204).send(null);
    },
  );
}
