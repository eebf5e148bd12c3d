// The sweep of sign-in leftovers, beside the scheduler's other passes: sessions that ended (a
// person who never signs in again leaves theirs behind) and counts of failed sign-ins whose window
// passed long ago (counts by address are never cleared by a sign-in). Safe from several processes.
import type { Db } from "../db/connection.ts";
import { deleteStaleLoginAttempts } from "../db/login-attempts.ts";
import { deleteExpiredSessions } from "../db/sessions.ts";

/** Leftovers are harmless, only space: once an hour is enough. */
export const SWEEP_EVERY_MS = 3_600_000;
/** Far beyond any window of the login throttle (15 minutes), so no count that matters goes. */
const ATTEMPTS_KEPT_MS = 24 * 3_600_000;

export interface SweepReport {
  sessions: number;
  loginAttempts: number;
}

export async function runSessionSweep(db: Db, now: number): Promise<SweepReport> {
  return db.transaction().execute(async (tx) => ({
    sessions: await deleteExpiredSessions(tx, now),
    loginAttempts: await deleteStaleLoginAttempts(tx, now - ATTEMPTS_KEPT_MS, now),
  }));
}
