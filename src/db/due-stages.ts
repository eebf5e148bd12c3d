// The scheduler's queries: stages whose moment to warn has come, locked so that one server process
// takes each; and the marks that take them off the work lists.
import { sql } from "kysely";
import type { Tx } from "./cases.ts";
import type { Row } from "./schema.ts";

export type DueStage = Pick<
  Row<"case_stages">,
  | "id"
  | "tenant_id"
  | "case_id"
  | "stage"
  | "cycle"
  | "kind"
  | "deadline"
  | "at_risk_at"
  | "at_risk_notified_at"
  | "overdue_notified_at"
>;

const COLUMNS = [
  "id",
  "tenant_id",
  "case_id",
  "stage",
  "cycle",
  "kind",
  "deadline",
  "at_risk_at",
  "at_risk_notified_at",
  "overdue_notified_at",
] as const;

/**
 * Up to `limit` open stages past their deadline (first) or their at-risk moment, locked for this
 * transaction. Rows another process holds are skipped, not waited for: two schedulers share the
 * work instead of queueing on it. `NO KEY UPDATE` is enough to keep others off the row and, unlike
 * `UPDATE`, does not block inserts of notifications that refer to it. Each list reads its own
 * partial index (case_stages_due_overdue, case_stages_due_risk).
 */
export async function lockDueStages(
  tx: Tx,
  now: number,
  limit: number,
  skip: readonly number[],
): Promise<DueStage[]> {
  const at = new Date(now);
  const overdue = await tx
    .selectFrom("case_stages")
    .select(COLUMNS)
    .where("status", "=", "open")
    .where("overdue_notified_at", "is", null)
    .where("deadline", "is not", null)
    .where("deadline", "<=", at)
    .$if(skip.length > 0, (q) => q.where("id", "not in", skip))
    .orderBy("deadline")
    .limit(limit)
    .forNoKeyUpdate()
    .skipLocked()
    .execute();
  if (overdue.length >= limit) return overdue;
  const taken = [...skip, ...overdue.map((s) => s.id)];
  // A window (a chance to return the case) is an option, not a duty: nobody is warned it closes.
  const atRisk = await tx
    .selectFrom("case_stages")
    .select(COLUMNS)
    .where("status", "=", "open")
    .where("at_risk_notified_at", "is", null)
    .where("at_risk_at", "is not", null)
    .where("at_risk_at", "<=", at)
    .where("kind", "<>", "window")
    .$if(taken.length > 0, (q) => q.where("id", "not in", taken))
    .orderBy("at_risk_at")
    .limit(limit - overdue.length)
    .forNoKeyUpdate()
    .skipLocked()
    .execute();
  return [...overdue, ...atRisk];
}

/** Locks the cases no one else is changing now; the others wait for the next pass. */
export async function lockFreeCases(
  tx: Tx,
  caseIds: readonly number[],
): Promise<Pick<Row<"cases">, "id" | "tenant_id" | "risk" | "next_deadline">[]> {
  if (!caseIds.length) return [];
  return tx
    .selectFrom("cases")
    .select(["id", "tenant_id", "risk", "next_deadline"])
    .where("id", "in", caseIds)
    .where("closed_at", "is", null)
    .forNoKeyUpdate()
    .skipLocked()
    .execute();
}

/** Marks a stage warned of: at risk, overdue (an overdue stage needs no at-risk warning after). */
export async function markStageWarned(
  tx: Tx,
  stageId: number,
  kind: "atRisk" | "overdue",
  now: number,
): Promise<void> {
  const at = new Date(now);
  await tx
    .updateTable("case_stages")
    .set(
      kind === "overdue"
        ? {
            overdue_notified_at: at,
            at_risk_notified_at: sql`coalesce(at_risk_notified_at, ${at})`,
          }
        : { at_risk_notified_at: at },
    )
    .where("id", "=", stageId)
    .execute();
}

/** A window that passed unused closes at its deadline. */
export async function expireWindow(tx: Tx, stageId: number, deadline: Date): Promise<void> {
  await tx
    .updateTable("case_stages")
    .set({ status: "expired", completed_at: deadline })
    .where("id", "=", stageId)
    .execute();
}

/**
 * Stores the clocks a case shows in the queues. The version stays: a warning changes no decision,
 * and a person about to act must not get a conflict because time passed.
 */
export async function setCaseClocks(
  tx: Tx,
  caseId: number,
  risk: "none" | "atRisk" | "overdue",
  nextDeadline: number | null,
): Promise<void> {
  await tx
    .updateTable("cases")
    .set({ risk, next_deadline: nextDeadline === null ? null : new Date(nextDeadline) })
    .where("id", "=", caseId)
    .execute();
}
