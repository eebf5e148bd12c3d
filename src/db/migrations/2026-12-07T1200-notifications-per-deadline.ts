// A stage's warning reaches a person once per deadline, not once for ever: when a term is shortened
// or extended the stage has a new deadline, and the people at work hear of it again (the scheduler
// clears the stage's warned marks; this index used to refuse the second warning silently).
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop index notifications_once;
    create unique index notifications_once on notifications
      (stage_id, kind, user_id, (payload->>'deadline')) where stage_id is not null;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop index notifications_once;
    create unique index notifications_once on notifications (stage_id, kind, user_id)
      where stage_id is not null;
  `.execute(db);
}
