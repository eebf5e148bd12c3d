// Text search in the queue without reading history: the search index split into open and closed
// cases. With one index over every case, the planner answered "мусор" in the open queue by
// collecting every matching case ever registered (25,000 at 200,000 cases, growing with history)
// and intersecting them with the tenant's open cases; with a partial index per side, the open
// queue reads open cases only and the archive reads closed ones (bench/desk, issue 3).
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create index cases_open_search on cases using gin (search) where closed_at is null;
    create index cases_closed_search on cases using gin (search) where closed_at is not null;
    drop index cases_search;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    create index cases_search on cases using gin (search);
    drop index if exists cases_closed_search;
    drop index if exists cases_open_search;
  `.execute(db);
}
