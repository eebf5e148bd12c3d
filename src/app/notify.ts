// Turns "tell the executors of department 7" into notifications for the people at work.
import type { NotifyIntent } from "../domain/workflow/decide.ts";
import { resolveAssignee } from "../domain/workflow/absence.ts";
import { absencesAt, usersWithRole } from "../db/people.ts";
import type { Tx } from "../db/cases.ts";

/** Stores in-app notifications for the intents; an absent person's substitute is told instead. */
export async function storeNotifications(
  tx: Tx,
  tenantId: number,
  caseId: number,
  intents: readonly NotifyIntent[],
  actorId: number | null,
  now: number,
  payload: Record<string, unknown>,
): Promise<number[]> {
  if (!intents.length) return [];
  const absences = await absencesAt(tx, tenantId, now);
  const recipients = new Map<number, string>();
  for (const intent of intents) {
    const ids =
      intent.userId !== undefined
        ? [intent.userId]
        : await usersWithRole(tx, tenantId, intent.role, intent.departmentId);
    for (const id of ids) {
      const who = resolveAssignee(id, absences, now);
      const target = who.ok ? who.userId : id;
      if (target !== actorId && !recipients.has(target)) recipients.set(target, intent.kind);
    }
  }
  if (!recipients.size) return [];
  await tx
    .insertInto("notifications")
    .values(
      [...recipients].map(([userId, kind]) => ({
        tenant_id: tenantId,
        user_id: userId,
        case_id: caseId,
        kind,
        payload: JSON.stringify(payload),
      })),
    )
    .execute();
  return [...recipients.keys()];
}
