// Sessions of signed-in people: stored by a hash of the cookie's token, never the token itself.
import { sql } from "kysely";
import { jsonArrayFrom } from "kysely/helpers/postgres";
import { compiledOnce } from "./compiled-once.ts";
import { tenantKey } from "./tenant-key.ts";
import type { Membership } from "../domain/workflow/policy.ts";
import type { Tx } from "./cases.ts";

export interface NewSession {
  /** SHA-256 of the token the cookie carries. */
  tokenHash: string;
  userId: number;
  tenantId: number;
  csrfToken: string;
  expiresAt: number;
  userAgent: string | null;
  ip: string | null;
}

export async function insertSession(tx: Tx, s: NewSession, now: number): Promise<void> {
  // The user's expired sessions go when a new one starts: the table stays small without a sweeper.
  await tx
    .deleteFrom("sessions")
    .where("user_id", "=", s.userId)
    .where("expires_at", "<=", new Date(now))
    .execute();
  await tx
    .insertInto("sessions")
    .values({
      id: s.tokenHash,
      user_id: s.userId,
      tenant_id: s.tenantId,
      csrf_token: s.csrfToken,
      // From the request's clock, not the database's: the absolute cap of a sliding session counts from it.
      created_at: new Date(now),
      expires_at: new Date(s.expiresAt),
      last_seen_at: new Date(now),
      user_agent: s.userAgent,
      ip: s.ip,
    })
    .execute();
}

/**
 * A live session with its user, the user's roles in the session's tenant and what the tenant's
 * context is built from (its key), in one statement (every authenticated request runs it);
 * nothing when it expired or the user was deactivated.
 * A server keeps what it read for a moment (http/session-cache.ts), and drops it whenever any of
 * it changes: a revoked role stops working at the next request.
 */
const sessionStatement = compiledOnce((tx: Tx, a: { tokenHash: string; now: Date }) =>
  tx
    .selectFrom("sessions")
    .innerJoin("users", "users.id", "sessions.user_id")
    .select((eb) => [
      "sessions.id",
      "sessions.user_id",
      "sessions.tenant_id",
      "sessions.csrf_token",
      "sessions.created_at",
      "sessions.expires_at",
      "sessions.last_seen_at",
      "users.login",
      "users.full_name",
      "users.locale",
      tenantKey(sql.ref<number>("sessions.tenant_id")).as("tenant_key"),
      jsonArrayFrom(
        eb
          .selectFrom("memberships")
          .select(["memberships.role", "memberships.department_id as departmentId"])
          .whereRef("memberships.user_id", "=", "sessions.user_id")
          .whereRef("memberships.tenant_id", "=", "sessions.tenant_id")
          .orderBy("memberships.id"),
      ).as("memberships"),
    ])
    .where("sessions.id", "=", a.tokenHash)
    .where("sessions.expires_at", ">", a.now)
    .where("users.active", "=", true),
);

export async function sessionByTokenHash(tx: Tx, tokenHash: string, now: number) {
  const [row] = await sessionStatement(tx, { tokenHash, now: new Date(now) });
  if (!row) return undefined;
  const memberships: Membership[] = row.memberships.map((m) => ({
    role: m.role,
    departmentId: m.departmentId,
  }));
  return { ...row, memberships };
}

/**
 * The channel on which the database tells that something a session is made of changed (triggers of
 * migration 2026-12-07T1600-access-changes-notify); the payload names the table.
 */
export const ACCESS_CHANNEL = "otklik_access";

/** A live session as every authenticated request sees it. */
export type LiveSession = NonNullable<Awaited<ReturnType<typeof sessionByTokenHash>>>;

/**
 * What became of a session a live event stream was opened with, in the tenant it was opened for:
 * still there ("live"), signed out, expired or its person deactivated ("ended"), or switched to
 * another tenant or without a role in this one any more ("elsewhere"). The stream asks this with
 * each heartbeat.
 */
export async function sessionState(
  tx: Tx,
  tokenHash: string,
  tenantId: number,
  now: number,
): Promise<"live" | "ended" | "elsewhere"> {
  const row = await tx
    .selectFrom("sessions")
    .innerJoin("users", "users.id", "sessions.user_id")
    .select((eb) => [
      "sessions.tenant_id",
      eb
        .exists(
          eb
            .selectFrom("memberships")
            .select("memberships.id")
            .whereRef("memberships.user_id", "=", "sessions.user_id")
            .where("memberships.tenant_id", "=", tenantId),
        )
        .as("member"),
    ])
    .where("sessions.id", "=", tokenHash)
    .where("sessions.expires_at", ">", new Date(now))
    .where("users.active", "=", true)
    .executeTakeFirst();
  if (!row) return "ended";
  return row.tenant_id === tenantId && row.member ? "live" : "elsewhere";
}

/** Marks the session seen and moves its end: a session in use slides, up to its cap. */
export async function touchSession(
  tx: Tx,
  tokenHash: string,
  now: number,
  expiresAt: number,
): Promise<void> {
  await tx
    .updateTable("sessions")
    .set({ last_seen_at: new Date(now), expires_at: new Date(expiresAt) })
    .where("id", "=", tokenHash)
    // Never revives a session that ended (or shortens one) between the read and this write.
    .where("expires_at", ">", new Date(now))
    .where("expires_at", "<=", new Date(expiresAt))
    .execute();
}

export async function setSessionTenant(tx: Tx, tokenHash: string, tenantId: number): Promise<void> {
  await tx
    .updateTable("sessions")
    .set({ tenant_id: tenantId })
    .where("id", "=", tokenHash)
    .execute();
}

export async function deleteSession(tx: Tx, tokenHash: string): Promise<void> {
  await tx.deleteFrom("sessions").where("id", "=", tokenHash).execute();
}

/** Deletes sessions that ended; the sweep of the scheduler runs it. Returns how many went. */
export async function deleteExpiredSessions(tx: Tx, now: number): Promise<number> {
  const result = await tx
    .deleteFrom("sessions")
    .where("expires_at", "<=", new Date(now))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
