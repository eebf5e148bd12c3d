// The append-only audit log: every state change with who, when, before and after.
import type { Tx } from "./cases.ts";

export interface AuditEntry {
  tenantId: number | null;
  caseId: number | null;
  actorId: number | null;
  action: string;
  at: number;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  requestId: string | null;
}

export async function appendAudit(tx: Tx, e: AuditEntry): Promise<void> {
  await tx
    .insertInto("audit_log")
    .values({
      tenant_id: e.tenantId,
      case_id: e.caseId,
      actor_id: e.actorId,
      action: e.action,
      at: new Date(e.at),
      before: e.before === null ? null : JSON.stringify(e.before),
      after: e.after === null ? null : JSON.stringify(e.after),
      request_id: e.requestId,
    })
    .execute();
}

export async function caseAudit(tx: Tx, tenantId: number, caseId: number) {
  return tx
    .selectFrom("audit_log")
    .leftJoin("users", "users.id", "audit_log.actor_id")
    .select([
      "audit_log.id",
      "audit_log.action",
      "audit_log.at",
      "audit_log.before",
      "audit_log.after",
      "audit_log.actor_id",
      "users.full_name as actor_name",
    ])
    .where("audit_log.tenant_id", "=", tenantId)
    .where("audit_log.case_id", "=", caseId)
    .orderBy("audit_log.id")
    .execute();
}
