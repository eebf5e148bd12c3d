// The append-only audit log: every state change with who, when, before and after.
import type { Expression } from "kysely";
import type { Tx } from "./cases.ts";

export interface AuditEntry {
  tenantId: number | null;
  /** An expression: a case inserted by the same statement (insertCase). */
  caseId: number | null | Expression<number>;
  actorId: number | null;
  action: string;
  at: number;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  requestId: string | null;
}

export async function appendAudit(tx: Tx, e: AuditEntry): Promise<void> {
  await auditInsert(tx, e).execute();
}

/** The insert of an entry, to run alone or as a part of a larger statement. */
export function auditInsert(tx: Tx, e: AuditEntry) {
  return tx.insertInto("audit_log").values(auditRow(e));
}

/** An entry as the row of the log. */
export function auditRow(e: AuditEntry) {
  return {
    tenant_id: e.tenantId,
    case_id: e.caseId,
    actor_id: e.actorId,
    action: e.action,
    at: new Date(e.at),
    before: e.before === null ? null : JSON.stringify(e.before),
    after: e.after === null ? null : JSON.stringify(e.after),
    request_id: e.requestId,
  };
}
