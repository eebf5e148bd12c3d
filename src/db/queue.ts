// The lists of cases people work from: open queues by what is due next, and the archive.
import { sql } from "kysely";
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
  importance?: string;
  channel?: string;
  text?: string;
  /** Closed cases instead of open ones. */
  closed?: boolean;
  /** Messages triage took for not processable, waiting for a curator (index cases_set_aside). */
  setAside?: boolean;
}

export type QueueSort = "deadline" | "-opened" | "opened" | "number" | "-closed";

export interface QueuePage {
  rows: Array<Row<"cases">>;
  total: number;
}

/** A page of cases matching a filter, with the count of all matches. */
export async function listCases(
  tx: Tx,
  f: QueueFilter,
  sort: QueueSort,
  limit: number,
  offset: number,
): Promise<QueuePage> {
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
  const ordered = (() => {
    const base = q.selectAll("cases");
    switch (sort) {
      case "deadline":
        return base.orderBy(sql`cases.next_deadline asc nulls last`).orderBy("cases.id");
      case "opened":
        return base.orderBy("cases.opened_at", "asc").orderBy("cases.id");
      case "-opened":
        return base.orderBy("cases.opened_at", "desc").orderBy("cases.id", "desc");
      case "number":
        return base.orderBy("cases.number");
      case "-closed":
        return base.orderBy("cases.closed_at", "desc").orderBy("cases.id", "desc");
    }
  })();
  const [rows, count] = await Promise.all([
    ordered.limit(limit).offset(offset).execute(),
    q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** Running stages of the listed cases, for each row's current stage and deadline. */
export async function openStagesOf(tx: Tx, caseIds: number[]): Promise<Array<Row<"case_stages">>> {
  if (!caseIds.length) return [];
  return tx
    .selectFrom("case_stages")
    .selectAll()
    .where("case_id", "in", caseIds)
    .where("status", "in", ["open", "waiting"])
    .execute();
}
