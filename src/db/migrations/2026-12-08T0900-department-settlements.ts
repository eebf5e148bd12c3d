// The settlements a territorial unit or a settlement administration serves, by their names in the
// tenant's gazetteer, so that routing can offer the unit of the place a case is about. A structural
// department serves the whole territory and names none.
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table departments add column settlements text[] not null default '{}'`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table departments drop column settlements`.execute(db);
}
