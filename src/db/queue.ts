// The lists of cases people work from: open queues by what is due next, and the archive.
import { sql, type RawBuilder } from "kysely";
import {
  latestDraftJson,
  STATE_COLUMNS,
  stagesJson,
  type DraftJson,
  type StageJson,
} from "./cases.ts";
import type { Tx } from "./cases.ts";
import type { Row } from "./schema.ts";

export interface QueueFilter {
  tenantId: number;
  /** Executors see only cases of these departments (their own or where they co-execute). */
  departmentsOnly?: number[];
  status?: string[];
  /** An open stage with this id ("route", "draft", "approve"). */
  stage?: string;
  overdue?: boolean;
  atRisk?: boolean;
  departmentId?: number;
  executorId?: number;
  topic?: string;
  location?: string;
  /** The gazetteer's settlement of the place, exactly. */
  settlement?: string;
  importance?: string;
  channel?: string;
  text?: string;
  /** Closed cases instead of open ones. */
  closed?: boolean;
  /** Messages triage took for not processable, waiting for a curator (index cases_set_aside). */
  setAside?: boolean;
}

export type QueueSort = "deadline" | "-opened" | "opened" | "number" | "-closed";

/** The columns of a case a queue's row shows, and what it is sorted by. */
const LIST_COLUMNS = [
  ...STATE_COLUMNS,
  "next_deadline",
  "location_text",
  "summary",
  "not_processable_suggested",
  "suggested_repeat_of",
  "suggested_duplicate_of",
] as const;

/** A case of a page with what its row shows: running stages, latest draft, names. */
export type QueueRow = Pick<Row<"cases">, (typeof LIST_COLUMNS)[number]> & {
  /** The gazetteer's settlement of the case's place, when it is known. */
  settlement: string | null;
  open_stages: StageJson[] | null;
  latest_draft: DraftJson | null;
  department_name: string | null;
  executor_name: string | null;
};

export interface QueuePage {
  rows: QueueRow[];
  total: number;
}

/** ORDER BY of a sort over the case columns of `alias`. */
function orderOf(sort: QueueSort, alias: string): RawBuilder<unknown> {
  const col = (name: string) => sql.ref(`${alias}.${name}`);
  switch (sort) {
    case "deadline":
      return sql`${col("next_deadline")} asc nulls last, ${col("id")}`;
    case "opened":
      return sql`${col("opened_at")} asc, ${col("id")}`;
    case "-opened":
      return sql`${col("opened_at")} desc, ${col("id")} desc`;
    case "number":
      return sql`${col("number")}`;
    case "-closed":
      return sql`${col("closed_at")} desc, ${col("id")} desc`;
  }
}

/**
 * A page of cases matching a filter, with the count of all matches, in one statement: the page
 * is cut first, then only its rows get their running stages, latest draft and names.
 */
export async function listCases(
  tx: Tx,
  f: QueueFilter,
  sort: QueueSort,
  limit: number,
  offset: number,
): Promise<QueuePage> {
  const q = filtered(tx, f);
  const count = () => q.select((eb) => eb.fn.countAll<number>().as("n"));
  // The page is read in the order of its index and cut at `limit`; the count, uncorrelated, runs
  // once for the statement (an InitPlan), not per row.
  const page = q
    .select(LIST_COLUMNS.map((c) => `cases.${c}` as const))
    .select(sql<string | null>`cases.location->>'settlement'`.as("settlement"))
    .orderBy(orderOf(sort, "cases"))
    .limit(limit)
    .offset(offset);
  const rows = await tx
    .selectFrom(page.as("c"))
    .selectAll("c")
    .select([
      stagesJson(sql`s.status in ('open', 'waiting')`).as("open_stages"),
      latestDraftJson.as("latest_draft"),
      sql<string | null>`(select name from departments where id = c.department_id)`.as(
        "department_name",
      ),
      sql<string | null>`(select full_name from users where id = c.executor_id)`.as(
        "executor_name",
      ),
      count().as("total_count"),
    ])
    .orderBy(orderOf(sort, "c"))
    .execute();
  const first = rows[0];
  // Past the last page there is no row to carry the count: count apart.
  const total = first
    ? Number(first.total_count)
    : offset === 0
      ? 0
      : Number((await count().executeTakeFirstOrThrow()).n);
  return { rows: rows.map(({ total_count: _, ...row }) => row), total };
}

/** The cases of a tenant matching a filter: the FROM and WHERE of a queue page. */
function filtered(tx: Tx, f: QueueFilter) {
  let q = tx.selectFrom("cases").where("cases.tenant_id", "=", f.tenantId);
  q = f.closed
    ? q.where("cases.closed_at", "is not", null)
    : q.where("cases.closed_at", "is", null);
  if (f.departmentsOnly) {
    const depts = f.departmentsOnly.length ? f.departmentsOnly : [-1];
    q = q.where((eb) =>
      eb.or([
        eb("cases.department_id", "in", depts),
        eb.and([
          sql<boolean>`cases.co_executors <> '[]'::jsonb`,
          eb.or(
            depts.map(
              (d) =>
                sql<boolean>`cases.co_executors @> ${JSON.stringify([{ departmentId: d }])}::jsonb`,
            ),
          ),
        ]),
      ]),
    );
  }
  if (f.setAside) q = q.where("cases.not_processable_suggested", "is not", null);
  if (f.status?.length) q = q.where("cases.status", "in", f.status);
  if (f.overdue) q = q.where("cases.risk", "=", "overdue");
  if (f.atRisk) q = q.where("cases.risk", "=", "atRisk");
  if (f.departmentId !== undefined) q = q.where("cases.department_id", "=", f.departmentId);
  if (f.executorId !== undefined) q = q.where("cases.executor_id", "=", f.executorId);
  if (f.topic) q = q.where("cases.topic", "=", f.topic);
  if (f.importance) q = q.where("cases.importance", "=", f.importance);
  if (f.channel) q = q.where("cases.channel", "=", f.channel);
  if (f.location)
    q = q.where(
      "cases.location_text",
      "ilike",
      `%${f.location.replace(/[%_\\]/g, (c) => `\\${c}`)}%`,
    );
  if (f.settlement) q = q.where(sql<string>`cases.location->>'settlement'`, "=", f.settlement);
  if (f.text) q = q.where(sql<boolean>`cases.search @@ websearch_to_tsquery('russian', ${f.text})`);
  if (f.stage) {
    const stage = f.stage;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom("case_stages")
          .select(sql`1`.as("one"))
          .whereRef("case_stages.case_id", "=", "cases.id")
          .where("case_stages.stage", "=", stage)
          .where("case_stages.status", "=", "open"),
      ),
    );
  }
  return q;
}
