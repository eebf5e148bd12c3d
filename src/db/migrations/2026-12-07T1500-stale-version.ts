// A decision written without a transaction around it is one statement that also checks the case's
// version; when someone else was first, this function fails the statement, so none of its parts
// (stages, drafts, audit, notifications, the live event) is kept.
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create function otklik_stale_version() returns integer language plpgsql volatile as $$
    begin
      raise exception 'the case changed since it was read' using errcode = 'OT409';
    end
    $$
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop function otklik_stale_version()`.execute(db);
}
