// Turns "tell the executors of department 7" into notifications for the people at work.
import type { NotifyIntent } from "../domain/workflow/decide.ts";
import { resolveAssignee } from "../domain/workflow/absence.ts";
import type { Tx } from "../db/cases.ts";
import { notificationsInsert, type NotificationsAbout } from "../db/notifications.ts";
import { absencesAndRoleHolders } from "../db/people.ts";

/**
 * The people the intents reach at `now`, each with the kind of notice they get: an absent person's
 * substitute instead of them, and never the person who acted. One statement reads the absences
 * and the active holders of every role the intents name.
 */
export async function recipientsOf(
  tx: Tx,
  tenantId: number,
  intents: readonly NotifyIntent[],
  actorId: number | null,
  now: number,
): Promise<Map<number, string>> {
  const recipients = new Map<number, string>();
  if (!intents.length) return recipients;
  const roles = [...new Set(intents.flatMap((i) => (i.userId === undefined ? [i.role] : [])))];
  const { absences, holders } = await absencesAndRoleHolders(tx, tenantId, roles, now);
  for (const intent of intents) {
    const ids =
      intent.userId !== undefined
        ? [intent.userId]
        : holders
            .filter(
              (h) =>
                h.role === intent.role &&
                (intent.departmentId === undefined || h.departmentId === intent.departmentId),
            )
            .map((h) => h.userId);
    for (const id of ids) {
      const who = resolveAssignee(id, absences, now);
      const target = who.ok ? who.userId : id;
      if (target !== actorId && !recipients.has(target)) recipients.set(target, intent.kind);
    }
  }
  return recipients;
}

/** Stores in-app notifications (notificationsInsert); returns who was told. */
export async function insertNotifications(
  tx: Tx,
  about: NotificationsAbout,
  recipients: ReadonlyMap<number, string>,
  payload: Record<string, unknown>,
): Promise<number[]> {
  const insert = notificationsInsert(tx, about, recipients, payload);
  if (!insert) return [];
  const rows = await insert.returning("user_id").execute();
  return rows.map((r) => r.user_id);
}

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
  const recipients = await recipientsOf(tx, tenantId, intents, actorId, now);
  return insertNotifications(tx, { tenantId, caseId, at: now }, recipients, payload);
}
