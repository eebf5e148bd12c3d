// The first filling of an empty database (the demo of `npm start` or `otklik demo`) marks its start
// and its end, so an interrupted one is known at the next start: on a PostgreSQL server there is
// no folder to build beside and rename, as for the embedded database.
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table first_fill (
      one boolean primary key default true check (one),
      started_at timestamptz not null,
      finished_at timestamptz
    )
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table first_fill`.execute(db);
}
