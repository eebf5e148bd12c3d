// Signing in and out, the session cookie, CSRF protection and login throttling.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type {} from "@fastify/cookie";
import type { FastifyReply, FastifyRequest } from "fastify";
import Type from "typebox";
import { mayOnTenant, ROLES, TENANT_ACTIONS, type Actor } from "../domain/workflow/policy.ts";
import { absencesOfTenant } from "../db/absences.ts";
import { clearLoginFailures, lockedUntil, recordLoginFailure } from "../db/login-attempts.ts";
import { membershipsOf } from "../db/people.ts";
import {
  deleteSession,
  insertSession,
  sessionByTokenHash,
  setSessionTenant,
  touchSession,
} from "../db/sessions.ts";
import { rolesOfUser, userByLogin } from "../db/users.ts";
import { hashPassword, verifyPassword } from "../app/users.ts";
import { authOf, fail, type App, type Auth, type HttpEnv } from "./context.ts";
import { Id, Instant, Nullable, Ref, responses, NoContent } from "./schemas.ts";

export const SESSION_COOKIE = "otklik_session";
export const CSRF_HEADER = "x-csrf-token";

/** 5 failures of one login, or 20 from one address, within 15 minutes lock it for 15 minutes. */
export const THROTTLE = {
  windowMs: 15 * 60_000,
  lockMs: 15 * 60_000,
  perLogin: 5,
  perAddress: 20,
};

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
const TOUCH_EVERY_MS = 5 * 60_000;

const hashToken = (token: string): string => createHash("sha256").update(token).digest("hex");
const newToken = (): string => randomBytes(32).toString("base64url");

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

// Unknown logins are checked against a hash too, so that timing does not tell which logins exist.
let decoyHash: Promise<string> | undefined;

/**
 * Authenticates every request of the scope it is added to: the session cookie, then the CSRF
 * header for anything that changes state. Runs before the body is read.
 */
export function authenticate(env: HttpEnv) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return fail(request, reply, { ok: false, kind: "unauthenticated" });
    const now = env.now();
    const tokenHash = hashToken(token);
    const session = await sessionByTokenHash(env.db, tokenHash, now);
    if (!session) {
      reply.clearCookie(SESSION_COOKIE, { path: "/" });
      return fail(request, reply, { ok: false, kind: "unauthenticated" });
    }
    if (!SAFE_METHODS.has(request.method)) {
      const sent = request.headers[CSRF_HEADER];
      if (typeof sent !== "string" || !sameSecret(sent, session.csrf_token))
        return fail(request, reply, { ok: false, kind: "csrf" });
    }
    const memberships = await membershipsOf(env.db, session.user_id, session.tenant_id);
    // Without a role in the tenant only the auth routes stay open: to switch tenant or sign out.
    if (!memberships.length && !request.url.startsWith("/api/v1/auth/"))
      return fail(request, reply, { ok: false, kind: "noTenant" });
    if (now - session.last_seen_at.getTime() > TOUCH_EVERY_MS)
      await touchSession(env.db, tokenHash, now);
    request.auth = {
      tokenHash,
      userId: session.user_id,
      tenantId: session.tenant_id,
      login: session.login,
      fullName: session.full_name,
      csrfToken: session.csrf_token,
      actor: { userId: session.user_id, tenantId: session.tenant_id, memberships },
    };
  };
}

const RoleView = Type.Object({
  membershipId: Type.Integer(),
  role: Type.Enum([...ROLES]),
  department: Nullable(Ref),
});

export const MeSchema = Type.Object({
  user: Type.Object({
    id: Type.Integer(),
    login: Type.String(),
    fullName: Type.String(),
  }),
  tenant: Type.Object({
    id: Type.Integer(),
    slug: Type.String(),
    name: Type.String(),
    timeZone: Type.String(),
  }),
  roles: Type.Array(RoleView, { description: "Roles in the current tenant" }),
  may: Type.Array(Type.Enum([...TENANT_ACTIONS]), {
    description: "Tenant work the UI may offer: registering, the admin pages",
  }),
  tenants: Type.Array(
    Type.Object({
      id: Type.Integer(),
      slug: Type.String(),
      name: Type.String(),
      roles: Type.Array(RoleView),
    }),
  ),
  absences: Type.Array(
    Type.Object({
      id: Type.Integer(),
      startsAt: Instant,
      endsAt: Instant,
      reason: Type.String(),
      substitute: Nullable(Ref),
    }),
    { description: "Own absences that have not ended" },
  ),
  csrfToken: Type.String({ description: "Send it as X-CSRF-Token with every change" }),
});
type Me = Type.Static<typeof MeSchema>;

async function meOf(
  env: HttpEnv,
  s: { userId: number; tenantId: number; login: string; fullName: string; csrfToken: string },
): Promise<Me | undefined> {
  const roles = await rolesOfUser(env.db, s.userId);
  const tenants = new Map<number, Me["tenants"][number]>();
  for (const r of roles) {
    const t = tenants.get(r.tenant_id) ?? {
      id: r.tenant_id,
      slug: r.tenant_slug,
      name: r.tenant_name,
      roles: [],
    };
    t.roles.push({
      membershipId: r.id,
      role: r.role,
      department:
        r.department_id === null ? null : { id: r.department_id, name: r.department_name ?? "—" },
    });
    tenants.set(r.tenant_id, t);
  }
  const current = tenants.get(s.tenantId);
  const zone = roles.find((r) => r.tenant_id === s.tenantId)?.time_zone;
  if (!current || !zone) return undefined;
  const actor: Actor = {
    userId: s.userId,
    tenantId: s.tenantId,
    memberships: current.roles.map((r) => ({
      role: r.role,
      departmentId: r.department?.id ?? null,
    })),
  };
  const absences = await absencesOfTenant(env.db, s.tenantId, env.now(), s.userId);
  return {
    user: { id: s.userId, login: s.login, fullName: s.fullName },
    tenant: { id: current.id, slug: current.slug, name: current.name, timeZone: zone },
    roles: current.roles,
    may: TENANT_ACTIONS.filter((a) => mayOnTenant(actor, a)),
    tenants: [...tenants.values()],
    absences: absences.map((a) => ({
      id: a.id,
      startsAt: a.starts_at.toISOString(),
      endsAt: a.ends_at.toISOString(),
      reason: a.reason,
      substitute:
        a.substitute_id === null ? null : { id: a.substitute_id, name: a.substitute_name ?? "—" },
    })),
    csrfToken: s.csrfToken,
  };
}

const LoginBody = Type.Object(
  {
    login: Type.String({ minLength: 1, maxLength: 64 }),
    password: Type.String({ minLength: 1, maxLength: 256 }),
    tenant: Type.Optional(
      Type.String({ maxLength: 64, description: "Slug of the tenant to start in" }),
    ),
  },
  { additionalProperties: false },
);

/** POST /api/v1/auth/login: outside the authenticated scope (there is no session yet). */
export async function loginRoutes(app: App, env: HttpEnv): Promise<void> {
  app.post(
    "/api/v1/auth/login",
    {
      schema: {
        tags: ["auth"],
        summary: "Войти: логин и пароль; ставит cookie сеанса",
        body: LoginBody,
        response: responses({ 200: MeSchema }),
      },
    },
    async (request, reply) => {
      const now = env.now();
      const { login, password } = request.body;
      const keys = [`login:${login.trim().toLowerCase()}`, `ip:${request.ip}`];
      const locked = await lockedUntil(env.db, keys, now);
      if (locked !== null)
        return fail(request, reply, {
          ok: false,
          kind: "throttled",
          retryAfterSeconds: Math.max(1, Math.ceil((locked - now) / 1000)),
        });
      const user = await userByLogin(env.db, login);
      decoyHash ??= hashPassword(newToken());
      const good = await verifyPassword(user?.password_hash ?? (await decoyHash), password);
      const roles = user && good && user.active ? await rolesOfUser(env.db, user.id) : [];
      const tenant = request.body.tenant
        ? roles.find((r) => r.tenant_slug === request.body.tenant)
        : roles[0];
      if (!user || !good || !user.active || !tenant) {
        const until = await env.db.transaction().execute(async (tx) => {
          const a = await recordLoginFailure(
            tx,
            keys[0] as string,
            now,
            THROTTLE.windowMs,
            THROTTLE.perLogin,
            THROTTLE.lockMs,
          );
          const b = await recordLoginFailure(
            tx,
            keys[1] as string,
            now,
            THROTTLE.windowMs,
            THROTTLE.perAddress,
            THROTTLE.lockMs,
          );
          return Math.max(a ?? 0, b ?? 0);
        });
        request.log.info({ login: keys[0] }, "sign-in refused");
        if (until > now)
          return fail(request, reply, {
            ok: false,
            kind: "throttled",
            retryAfterSeconds: Math.ceil((until - now) / 1000),
          });
        return fail(
          request,
          reply,
          good && user?.active && !tenant
            ? { ok: false, kind: "noTenant" }
            : { ok: false, kind: "badCredentials" },
        );
      }
      const token = newToken();
      const csrfToken = newToken();
      const expiresAt = now + env.config.sessionHours * 3_600_000;
      await env.db.transaction().execute(async (tx) => {
        await clearLoginFailures(tx, keys[0] as string);
        await insertSession(
          tx,
          {
            tokenHash: hashToken(token),
            userId: user.id,
            tenantId: tenant.tenant_id,
            csrfToken,
            expiresAt,
            userAgent: request.headers["user-agent"]?.slice(0, 300) ?? null,
            ip: request.ip,
          },
          now,
        );
      });
      reply.setCookie(SESSION_COOKIE, token, {
        path: "/",
        httpOnly: true,
        sameSite: "lax",
        secure: env.config.secureCookies,
        maxAge: env.config.sessionHours * 3600,
      });
      const me = await meOf(env, {
        userId: user.id,
        tenantId: tenant.tenant_id,
        login: user.login,
        fullName: user.full_name,
        csrfToken,
      });
      return me;
    },
  );
}

/** The routes of a signed-in person: who am I, switch tenant, sign out. */
export async function sessionRoutes(app: App, env: HttpEnv): Promise<void> {
  app.get(
    "/auth/me",
    {
      schema: {
        tags: ["auth"],
        summary: "Кто я: пользователь, администрации и роли, отсутствия, токен CSRF",
        response: responses({ 200: MeSchema }),
      },
    },
    async (request, reply) => {
      const me = await meOf(env, authOf(request));
      return me ?? fail(request, reply, { ok: false, kind: "noTenant" });
    },
  );

  app.post(
    "/auth/tenant",
    {
      schema: {
        tags: ["auth"],
        summary: "Перейти в другую администрацию, где у пользователя есть роль",
        body: Type.Object({ tenantId: Id }, { additionalProperties: false }),
        response: responses({ 200: MeSchema }),
      },
    },
    async (request, reply) => {
      const auth = authOf(request);
      const roles = await membershipsOf(env.db, auth.userId, request.body.tenantId);
      if (!roles.length) return fail(request, reply, { ok: false, kind: "notFound" });
      await setSessionTenant(env.db, auth.tokenHash, request.body.tenantId);
      const me = await meOf(env, { ...auth, tenantId: request.body.tenantId });
      return me ?? fail(request, reply, { ok: false, kind: "noTenant" });
    },
  );

  app.post(
    "/auth/logout",
    {
      schema: {
        tags: ["auth"],
        summary: "Выйти: сеанс удаляется",
        response: responses({ 204: NoContent }),
      },
    },
    async (request, reply) => {
      await deleteSession(env.db, authOf(request).tokenHash);
      reply.clearCookie(SESSION_COOKIE, { path: "/" });
      return reply.code(204).send(null);
    },
  );
}

export type { Auth };
