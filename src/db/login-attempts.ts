// Failed sign-ins counted in the database, so that every server process sees the same count.
import { sql } from "kysely";
import type { Tx } from "./cases.ts";

/** The latest moment until which any of the keys is locked, if one is locked at `now`. */
export async function lockedUntil(tx: Tx, keys: string[], now: number): Promise<number | null> {
  const row = await tx
    .selectFrom("login_attempts")
    .select((eb) => eb.fn.max("locked_until").as("until"))
    .where("key", "in", keys)
    .where("locked_until", ">", new Date(now))
    .executeTakeFirst();
  const until = row?.until as Date | string | null | undefined;
  return until ? new Date(until).getTime() : null;
}

/**
 * Counts one failure for a key in a sliding window, in one statement: concurrent failures from
 * several processes serialize on the row. Returns the lock's end when the limit is reached.
 */
export async function recordLoginFailure(
  tx: Tx,
  key: string,
  now: number,
  windowMs: number,
  limit: number,
  lockMs: number,
): Promise<number | null> {
  const at = new Date(now);
  const windowStart = new Date(now - windowMs);
  const lockEnd = new Date(now + lockMs);
  // Parameters inside CASE carry no type of their own: cast them.
  const fresh = sql<boolean>`login_attempts.window_started_at <= ${windowStart}::timestamptz`;
  const failures = sql<number>`case when ${fresh} then 1 else login_attempts.failures + 1 end`;
  const row = await tx
    .insertInto("login_attempts")
    .values({
      key,
      failures: 1,
      window_started_at: at,
      locked_until: limit <= 1 ? lockEnd : null,
    })
    .onConflict((oc) =>
      oc.column("key").doUpdateSet({
        failures,
        window_started_at: sql`case when ${fresh} then ${at}::timestamptz else login_attempts.window_started_at end`,
        locked_until: sql`case when ${failures} >= ${limit}::int then ${lockEnd}::timestamptz else null end`,
      }),
    )
    .returning(["locked_until"])
    .executeTakeFirstOrThrow();
  return row.locked_until ? new Date(row.locked_until).getTime() : null;
}

export async function clearLoginFailures(tx: Tx, key: string): Promise<void> {
  await tx.deleteFrom("login_attempts").where("key", "=", key).execute();
}

/**
 * Deletes counts that no longer matter: their window started before `before` and no lock holds.
 * Counts by address are never cleared by a sign-in, so without this they would pile up.
 */
export async function deleteStaleLoginAttempts(
  tx: Tx,
  before: number,
  now: number,
): Promise<number> {
  const result = await tx
    .deleteFrom("login_attempts")
    .where("window_started_at", "<", new Date(before))
    .where((eb) => eb.or([eb("locked_until", "is", null), eb("locked_until", "<=", new Date(now))]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
