// Indexes for two lists of the desk: the duplicates shown on a case card (other authors, same
// problem), and an executor's own queue ("mine": open cases assigned to them, by deadline).
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create index cases_duplicate_of on cases (duplicate_of) where duplicate_of is not null;
    create index cases_executor_queue on cases (tenant_id, executor_id, next_deadline, id)
      where closed_at is null and executor_id is not null;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop index if exists cases_executor_queue;
    drop index if exists cases_duplicate_of;
  `.execute(db);
}
