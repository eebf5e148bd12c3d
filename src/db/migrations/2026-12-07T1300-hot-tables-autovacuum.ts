// Cases, their stages and the sessions change all day long, and the desk's queue reads cases through
// partial indexes that only a vacuum cleans of dead entries. At the default scale (a fifth of the
// table) a region-wide table of a million cases would wait for 200,000 dead rows; these tables are
// vacuumed and analyzed after about one per cent instead, so the queue's plans and indexes stay
// as small as the open work.
import { sql, type Kysely } from "kysely";

const TABLES = ["cases", "case_stages", "sessions"];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of TABLES)
    await sql`
      alter table ${sql.table(table)} set (
        autovacuum_vacuum_scale_factor = 0.01,
        autovacuum_vacuum_threshold = 1000,
        autovacuum_analyze_scale_factor = 0.01,
        autovacuum_analyze_threshold = 1000
      )
    `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of TABLES)
    await sql`
      alter table ${sql.table(table)} reset (
        autovacuum_vacuum_scale_factor,
        autovacuum_vacuum_threshold,
        autovacuum_analyze_scale_factor,
        autovacuum_analyze_threshold
      )
    `.execute(db);
}
