// Server processes keep a signed-in person's session for a moment (http/session-cache.ts) instead
// of reading it on every request. Whatever a session is made of — the session's row and tenant,
// the person's account, their roles, the tenant's rules and the calendars its key counts — tells
// every process through one NOTIFY when it changes, whoever changed it: a server, the scheduler,
// the CLI or a hand in psql. Row triggers, so a statement that changed nothing says nothing; the
// server drops every kept session on the notice. A session's sliding end and last use (touched
// every few minutes) only lengthen it and are left out.
import { sql, type Kysely } from "kysely";

/**
 * The triggers: a name, the table a kept session is made of, the changes that matter, and when a
 * change of a row matters (all of them when no condition is given).
 */
const WATCHED: [name: string, table: string, events: string, condition?: string][] = [
  ["sessions_ended", "sessions", "after delete"],
  [
    "sessions_changed",
    "sessions",
    "after update",
    `new.expires_at < old.expires_at or (new.tenant_id, new.user_id, new.csrf_token)
      is distinct from (old.tenant_id, old.user_id, old.csrf_token)`,
  ],
  ["users_access_changed", "users", "after update or delete"],
  ["memberships_access_changed", "memberships", "after insert or update or delete"],
  ["tenants_access_changed", "tenants", "after update or delete"],
  ["calendar_years_access_changed", "calendar_years", "after insert or update or delete"],
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create function access_changed() returns trigger language plpgsql as $$
    begin
      -- One notice per table and transaction: PostgreSQL folds equal payloads of one transaction.
      perform pg_notify('otklik_access', tg_table_name);
      return null;
    end
    $$
  `.execute(db);
  for (const [name, table, events, condition] of WATCHED)
    await sql`
      create trigger ${sql.id(name)} ${sql.raw(events)} on ${sql.table(table)} for each row
        ${sql.raw(condition ? `when (${condition})` : "")} execute function access_changed()
    `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const [name, table] of WATCHED)
    await sql`drop trigger ${sql.id(name)} on ${sql.table(table)}`.execute(db);
  await sql`drop function access_changed()`.execute(db);
}
