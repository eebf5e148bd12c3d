// How cases point at each other beyond the workflow's own fields: the repeat and duplicate
// suggestions waiting for a curator, a duplicate's cluster case, and the messages moving into it.
import type { Tx } from "./cases.ts";

export type LinkKind = "repeat" | "duplicate";

/** Clears a suggestion once a curator has decided it. */
export async function clearLinkSuggestion(tx: Tx, caseId: number, kind: LinkKind): Promise<void> {
  await tx
    .updateTable("cases")
    .set(kind === "repeat" ? { suggested_repeat_of: null } : { suggested_duplicate_of: null })
    .where("id", "=", caseId)
    .execute();
}

/** The case a closed duplicate joined; its own suggestions are moot. */
export async function setDuplicateOf(tx: Tx, caseId: number, clusterId: number): Promise<void> {
  await tx
    .updateTable("cases")
    .set({ duplicate_of: clusterId, suggested_duplicate_of: null, suggested_repeat_of: null })
    .where("id", "=", caseId)
    .execute();
}

/** Moves every message of a case into the cluster's case as a duplicate; returns their ids. */
export async function moveMessagesToCase(
  tx: Tx,
  tenantId: number,
  fromCaseId: number,
  toCaseId: number,
): Promise<number[]> {
  const rows = await tx
    .updateTable("messages")
    .set({ case_id: toCaseId, relation: "duplicate" })
    .where("tenant_id", "=", tenantId)
    .where("case_id", "=", fromCaseId)
    .returning("id")
    .execute();
  return rows.map((r) => r.id).sort((a, b) => a - b);
}

/** The topic a curator chose for a case becomes its messages' key for duplicates and bursts. */
export async function setMessagesTopic(
  tx: Tx,
  tenantId: number,
  caseId: number,
  topic: string | null,
): Promise<void> {
  await tx
    .updateTable("messages")
    .set({ triage_topic: topic })
    .where("tenant_id", "=", tenantId)
    .where("case_id", "=", caseId)
    .execute();
}

/** Cases by id with their department's name: what a suggestion names. */
export async function casesWithDepartments(tx: Tx, tenantId: number, ids: number[]) {
  if (!ids.length) return [];
  return tx
    .selectFrom("cases")
    .leftJoin("departments", "departments.id", "cases.department_id")
    .select([
      "cases.id",
      "cases.number",
      "cases.status",
      "cases.department_id as departmentId",
      "departments.name as departmentName",
    ])
    .where("cases.tenant_id", "=", tenantId)
    .where("cases.id", "in", ids)
    .execute();
}
