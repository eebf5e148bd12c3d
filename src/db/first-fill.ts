// The first filling of an empty database, made whole or started again (cli/database.ts fillFirst).
import { sql } from "kysely";
import type { Db } from "./connection.ts";

export type FillState = "empty" | "interrupted" | "filled";

/** Empty (no tenant, no filling begun), a filling begun and never finished, or anything else. */
export async function fillState(db: Db): Promise<FillState> {
  const { rows } = await sql<{ started: boolean; finished: boolean; tenants: boolean }>`
    select exists (select 1 from first_fill) as started,
      exists (select 1 from first_fill where finished_at is not null) as finished,
      exists (select 1 from tenants) as tenants`.execute(db);
  const row = rows[0];
  if (row?.started && !row.finished) return "interrupted";
  return row?.tenants ? "filled" : "empty";
}

/** One statement: the table holds at most one row (its key is the constant true). */
export async function markFillStarted(db: Db, now: number): Promise<void> {
  await db
    .insertInto("first_fill")
    .values({ started_at: new Date(now), finished_at: null })
    .onConflict((oc) =>
      oc.column("one").doUpdateSet({ started_at: new Date(now), finished_at: null }),
    )
    .execute();
}

export async function markFillFinished(db: Db, now: number): Promise<void> {
  await db
    .updateTable("first_fill")
    .set({ finished_at: new Date(now) })
    .execute();
}

/**
 * Empties every table but the migrations' own: what an interrupted first filling left. Only the
 * filling wrote there — it began on an empty database — so nothing else is lost.
 */
export async function wipeUnfinishedFill(db: Db): Promise<void> {
  const { rows } = await sql<{ name: string }>`
    select tablename as name from pg_tables
    where schemaname = current_schema() and tablename not like 'kysely_migration%'
      and tablename <> 'first_fill'`.execute(db);
  if (!rows.length) return;
  await sql`truncate table ${sql.join(rows.map((r) => sql.table(r.name)))} restart identity cascade`.execute(
    db,
  );
}

/** While one process fills a server's database, another that starts waits for it (session lock). */
export const FILL_LOCK = sql`hashtext('otklik:first-fill')`;
