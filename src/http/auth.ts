// Signing in and out, the session cookie, CSRF protection and login throttling.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type {} from "@fastify/cookie";
import type { FastifyReply, FastifyRequest } from "fastify";
import Type from "typebox";
import { CASE_STATUSES, type CaseStatus } from "../domain/workflow/case.ts";
import {
  mayOnTenant,
  publishingStatuses,
  ROLES,
  TENANT_ACTIONS,
  type Actor,
} from "../domain/workflow/policy.ts";
import { loadTenantContext, TenantMisconfigured } from "../app/tenant-context.ts";
import { absencesOfTenant } from "../db/absences.ts";
import { EVENTS_CHANNEL } from "../app/register-case.ts";
import { appendAudit } from "../db/audit.ts";
import { notify } from "../db/connection.ts";
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

/**
 * A session in use slides: each touch moves its end to the configured hours from then, but never
 * past this long after signing in (or the configured hours, when an administrator set them longer).
 */
export const SESSION_CAP_MS = 7 * 24 * 3_600_000;

/** Methods that change nothing: no CSRF token asked, no kept state dropped. */
export const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
/** How often a session in use is written to: its last_seen_at and its sliding end. */
export const TOUCH_EVERY_MS = 5 * 60_000;

const lifetimeMs = (env: HttpEnv): number => env.config.sessionHours * 3_600_000;
const capMs = (env: HttpEnv): number => Math.max(SESSION_CAP_MS, lifetimeMs(env));

const hashToken = (token: string): string => createHash("sha256").update(token).digest("hex");
const newToken = (): string => randomBytes(32).toString("base64url");

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The cookie lives as long as the session it carries; it is set again when the session slides. */
function setSessionCookie(reply: FastifyReply, env: HttpEnv, token: string, lifeMs: number): void {
  reply.setCookie(SESSION_COOKIE, token, {
    path: "/",
    httpOnly: true,
    sameSite: "lax",
    secure: env.config.secureCookies,
    maxAge: Math.max(1, Math.floor(lifeMs / 1000)),
  });
}

/** Why a sign-in was refused, as the audit log keeps it (the answer says less: see loginRoutes). */
type SignInRefusal = "throttled" | "unknownLogin" | "wrongPassword" | "deactivated" | "noTenant";

/** The audit entry of a refused sign-in: no tenant or actor is proven yet; never the password. */
function signInRefused(
  request: FastifyRequest,
  at: number,
  login: string,
  reason: SignInRefusal,
  extra: Record<string, unknown>,
) {
  return {
    tenantId: null,
    caseId: null,
    actorId: null,
    action: "signInRefused",
    at,
    before: null,
    after: { login, reason, ip: request.ip, ...extra },
    requestId: String(request.id),
  };
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
    // One statement, or none when the session was read a moment ago (session-cache.ts): the
    // session, its user, the user's roles in the session's tenant, and the key of the tenant's
    // context (so routes need no read of their own to check it).
    const session = await env.sessions.get(tokenHash, () =>
      sessionByTokenHash(env.db, tokenHash, now),
    );
    // A kept session may have run out since it was read (the statement checks that for a read).
    if (!session || session.expires_at.getTime() <= now) {
      env.sessions.forget(tokenHash);
      reply.clearCookie(SESSION_COOKIE, { path: "/" });
      return fail(request, reply, { ok: false, kind: "unauthenticated" });
    }
    if (!SAFE_METHODS.has(request.method)) {
      const sent = request.headers[CSRF_HEADER];
      if (typeof sent !== "string" || !sameSecret(sent, session.csrf_token))
        return fail(request, reply, { ok: false, kind: "csrf" });
    }
    const { memberships } = session;
    // Without a role in the tenant only the auth routes stay open: to switch tenant or sign out.
    if (!memberships.length && !request.url.startsWith("/api/v1/auth/"))
      return fail(request, reply, { ok: false, kind: "noTenant" });
    if (now - session.last_seen_at.getTime() > TOUCH_EVERY_MS) {
      const expiresAt = Math.max(
        session.expires_at.getTime(),
        Math.min(now + lifetimeMs(env), session.created_at.getTime() + capMs(env)),
      );
      await touchSession(env.db, tokenHash, now, expiresAt);
      env.sessions.forget(tokenHash);
      // A hijacked reply (the event stream) writes its own headers without this cookie: the
      // browser keeps the cookie it has, and the next touch on an ordinary request renews it.
      setSessionCookie(reply, env, token, expiresAt - now);
    }
    request.auth = {
      tokenHash,
      userId: session.user_id,
      tenantId: session.tenant_id,
      login: session.login,
      fullName: session.full_name,
      csrfToken: session.csrf_token,
      actor: { userId: session.user_id, tenantId: session.tenant_id, memberships },
      tenantKey: session.tenant_key,
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
  publishes: Type.Array(Type.Enum([...CASE_STATUSES]), {
    description:
      "Statuses in which this person may publish answers under the tenant's procedures: what their list of answers to publish shows; empty where others publish",
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

/** What the person publishes under the tenant's regulation; nothing while it does not read. */
async function publishingOf(env: HttpEnv, actor: Actor): Promise<CaseStatus[]> {
  try {
    const ctx = await loadTenantContext(env.db, actor.tenantId, env.config.riskShare);
    const roles = actor.memberships.map((m) => m.role);
    return ctx ? publishingStatuses(roles, ctx.regulation.procedures) : [];
  } catch (error) {
    // The admin of a misconfigured tenant still signs in, to fix it.
    if (error instanceof TenantMisconfigured) return [];
    throw error;
  }
}

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
    publishes: await publishingOf(env, actor),
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
      if (locked !== null) {
        // The password is not even checked while locked: the entry says so and nothing more.
        await env.db.transaction().execute((tx) =>
          appendAudit(
            tx,
            signInRefused(request, now, login, "throttled", {
              lockedUntil: new Date(locked).toISOString(),
            }),
          ),
        );
        request.log.info({ login: keys[0] }, "sign-in refused: locked");
        return fail(request, reply, {
          ok: false,
          kind: "throttled",
          retryAfterSeconds: Math.max(1, Math.ceil((locked - now) / 1000)),
        });
      }
      const user = await userByLogin(env.db, login);
      decoyHash ??= hashPassword(newToken());
      const good = await verifyPassword(user?.password_hash ?? (await decoyHash), password);
      const roles = user && good && user.active ? await rolesOfUser(env.db, user.id) : [];
      const tenant = request.body.tenant
        ? roles.find((r) => r.tenant_slug === request.body.tenant)
        : roles[0];
      if (!user || !good || !user.active || !tenant) {
        const reason: SignInRefusal = !user
          ? "unknownLogin"
          : !good
            ? "wrongPassword"
            : !user.active
              ? "deactivated"
              : "noTenant";
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
          const lockEnd = Math.max(a ?? 0, b ?? 0);
          await appendAudit(
            tx,
            signInRefused(request, now, login, reason, {
              userId: user?.id ?? null,
              ...(request.body.tenant !== undefined ? { tenant: request.body.tenant } : {}),
              ...(lockEnd > now ? { lockedUntil: new Date(lockEnd).toISOString() } : {}),
            }),
          );
          return lockEnd;
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
      const expiresAt = now + lifetimeMs(env);
      const userAgent = request.headers["user-agent"]?.slice(0, 300) ?? null;
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
            userAgent,
            ip: request.ip,
          },
          now,
        );
        await appendAudit(tx, {
          tenantId: tenant.tenant_id,
          caseId: null,
          actorId: user.id,
          action: "signIn",
          at: now,
          before: null,
          after: { ip: request.ip, userAgent },
          requestId: String(request.id),
        });
      });
      setSessionCookie(reply, env, token, expiresAt - now);
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
      const to = request.body.tenantId;
      const switched = await env.db.transaction().execute(async (tx) => {
        const roles = await membershipsOf(tx, auth.userId, to);
        if (!roles.length) return false;
        await setSessionTenant(tx, auth.tokenHash, to);
        // The session's live streams were opened for the tenant it leaves: they end, and the
        // browser's reconnection opens one for the tenant it works in now.
        await notify(tx, EVENTS_CHANNEL, { tenantId: auth.tenantId, sessionMoved: auth.tokenHash });
        await appendAudit(tx, {
          tenantId: to,
          caseId: null,
          actorId: auth.userId,
          action: "switchTenant",
          at: env.now(),
          before: { tenantId: auth.tenantId },
          after: { tenantId: to },
          requestId: String(request.id),
        });
        return true;
      });
      if (!switched) return fail(request, reply, { ok: false, kind: "notFound" });
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
      const auth = authOf(request);
      await env.db.transaction().execute(async (tx) => {
        await deleteSession(tx, auth.tokenHash);
        // The session's live event streams end too, in whichever server process holds them.
        await notify(tx, EVENTS_CHANNEL, { tenantId: auth.tenantId, sessionEnded: auth.tokenHash });
        await appendAudit(tx, {
          tenantId: auth.tenantId,
          caseId: null,
          actorId: auth.userId,
          action: "signOut",
          at: env.now(),
          before: null,
          after: { ip: request.ip },
          requestId: String(request.id),
        });
      });
      reply.clearCookie(SESSION_COOKIE, { path: "/" });
      return reply.code(204).send(null);
    },
  );
}

export type { Auth };
