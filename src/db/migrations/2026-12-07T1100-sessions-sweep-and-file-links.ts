// Sessions slide now and ended ones are swept: an index for the sweep of sessions and of stale
// sign-in counts. Reading a file asks which cases refer to it: drafts and messages that list its
// address among their attachments, found through partial GIN indexes (most messages have none).
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create index sessions_expires on sessions (expires_at);
    create index login_attempts_window on login_attempts (window_started_at);
    create index drafts_attachments on drafts using gin (attachments jsonb_path_ops)
      where attachments <> '[]'::jsonb;
    create index messages_attachments on messages using gin (attachments jsonb_path_ops)
      where attachments <> '[]'::jsonb;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop index if exists messages_attachments;
    drop index if exists drafts_attachments;
    drop index if exists login_attempts_window;
    drop index if exists sessions_expires;
  `.execute(db);
}
