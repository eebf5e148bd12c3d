// Sessions of signed-in people: stored by a hash of the cookie's token, never the token itself.
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
      expires_at: new Date(s.expiresAt),
      last_seen_at: new Date(now),
      user_agent: s.userAgent,
      ip: s.ip,
    })
    .execute();
}

/** A live session with its user, or nothing when it expired or the user was deactivated. */
export async function sessionByTokenHash(tx: Tx, tokenHash: string, now: number) {
  return tx
    .selectFrom("sessions")
    .innerJoin("users", "users.id", "sessions.user_id")
    .select([
      "sessions.id",
      "sessions.user_id",
      "sessions.tenant_id",
      "sessions.csrf_token",
      "sessions.expires_at",
      "sessions.last_seen_at",
      "users.login",
      "users.full_name",
      "users.locale",
    ])
    .where("sessions.id", "=", tokenHash)
    .where("sessions.expires_at", ">", new Date(now))
    .where("users.active", "=", true)
    .executeTakeFirst();
}

export async function touchSession(tx: Tx, tokenHash: string, now: number): Promise<void> {
  await tx
    .updateTable("sessions")
    .set({ last_seen_at: new Date(now) })
    .where("id", "=", tokenHash)
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
