// The plans of the queue's queries as the desk sends them: listCases runs through a
// Kysely that records each statement, then EXPLAIN (ANALYZE, BUFFERS) of each on the same data.
import { Kysely, PostgresDialect, type CompiledQuery } from "kysely";
import pg from "pg";
import { listCases, type QueueFilter, type QueueSort } from "../../src/db/queue.ts";
import type { DB } from "../../src/db/schema.ts";

export interface QueueQuery {
  name: string;
  filter: QueueFilter;
  sort?: QueueSort;
}

export interface PlanReport {
  name: string;
  statement: string;
  indexes: string[];
  seqScans: string[];
  ms: number;
  sharedBlocks: number;
  plan: string;
}

/** Plans of every statement a queue page sends (the page with its count and its rows' stages). */
export async function explainQueues(url: string, queries: QueueQuery[]): Promise<PlanReport[]> {
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  const recorded: CompiledQuery[] = [];
  const db = new Kysely<DB>({
    dialect: new PostgresDialect({ pool }),
    log: (event) => {
      if (event.level === "query") recorded.push(event.query);
    },
  });
  const out: PlanReport[] = [];
  try {
    for (const q of queries) {
      recorded.length = 0;
      await listCases(db, q.filter, q.sort ?? "deadline", 50, 0);
      const statements = [...recorded];
      for (const s of statements) {
        const kind = /^select count\(\*\)/i.test(s.sql) ? "count" : "page";
        const r = await pool.query<{ "QUERY PLAN": string }>(
          `explain (analyze, buffers) ${s.sql}`,
          s.parameters as unknown[],
        );
        const plan = r.rows.map((x) => x["QUERY PLAN"]).join("\n");
        out.push({
          name: `${q.name}: ${kind}`,
          statement: s.sql,
          indexes: [
            ...new Set(
              [
                ...plan.matchAll(
                  /(?:Index|Index Only|Bitmap Index) Scan (?:Backward )?(?:using|on) (\w+)/g,
                ),
              ].map((m) => m[1] as string),
            ),
          ],
          seqScans: [
            ...new Set([...plan.matchAll(/Seq Scan on (\w+)/g)].map((m) => m[1] as string)),
          ],
          ms: Number(/Execution Time: ([\d.]+) ms/.exec(plan)?.[1] ?? NaN),
          sharedBlocks: [...plan.matchAll(/Buffers: shared(?: hit=(\d+))?(?: read=(\d+))?/g)]
            .slice(0, 1)
            .reduce((a, m) => a + Number(m[1] ?? 0) + Number(m[2] ?? 0), 0),
          plan,
        });
      }
    }
  } finally {
    await db.destroy();
  }
  return out;
}
