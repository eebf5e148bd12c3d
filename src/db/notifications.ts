// A person's in-app notifications: the latest first, and marking them read.
import { isExpression, type Expression } from "kysely";
import type { Tx } from "./cases.ts";

export async function notificationsOf(
  tx: Tx,
  tenantId: number,
  userId: number,
  unreadOnly: boolean,
  limit: number,
) {
  let q = tx
    .selectFrom("notifications")
    .leftJoin("cases", "cases.id", "notifications.case_id")
    .select([
      "notifications.id",
      "notifications.case_id",
      "cases.number as case_number",
      "notifications.kind",
      "notifications.payload",
      "notifications.created_at",
      "notifications.read_at",
    ])
    .where("notifications.user_id", "=", userId)
    .where("notifications.tenant_id", "=", tenantId);
  if (unreadOnly) q = q.where("notifications.read_at", "is", null);
  return q
    .orderBy("notifications.created_at", "desc")
    .orderBy("notifications.id", "desc")
    .limit(limit)
    .execute();
}

export async function unreadCount(tx: Tx, tenantId: number, userId: number): Promise<number> {
  const row = await tx
    .selectFrom("notifications")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("user_id", "=", userId)
    .where("tenant_id", "=", tenantId)
    .where("read_at", "is", null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Marks the listed notifications (or all) of the person read; returns how many changed. */
export async function markNotificationsRead(
  tx: Tx,
  tenantId: number,
  userId: number,
  ids: number[] | "all",
  now: number,
): Promise<number> {
  let q = tx
    .updateTable("notifications")
    .set({ read_at: new Date(now) })
    .where("user_id", "=", userId)
    .where("tenant_id", "=", tenantId)
    .where("read_at", "is", null);
  if (ids !== "all") {
    if (!ids.length) return 0;
    q = q.where("id", "in", ids);
  }
  const result = await q.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export interface NotificationsAbout {
  tenantId: number;
  /**
   * Null: about the tenant rather than one case (a burst of messages). An expression: a case
   * inserted by the same statement (insertCase).
   */
  caseId: number | null | Expression<number>;
  stageId?: number | null;
  at: number;
}

/**
 * The insert of notifications, to run alone or as a part of a larger statement; nothing when no
 * one is to be told. A stage's warning of a kind reaches a person once per deadline, however many
 * schedulers try (the unique index notifications_once).
 */
export function notificationsInsert(
  tx: Tx,
  about: NotificationsAbout,
  recipients: ReadonlyMap<number, string>,
  payload: Record<string, unknown> | Expression<string>,
) {
  if (!recipients.size) return undefined;
  const body = isExpression(payload) ? payload : JSON.stringify(payload);
  return tx
    .insertInto("notifications")
    .values(
      [...recipients].map(([userId, kind]) => ({
        tenant_id: about.tenantId,
        user_id: userId,
        case_id: about.caseId,
        stage_id: about.stageId ?? null,
        kind,
        payload: body,
        // The moment of the change, not of the write: simulated clocks (tests, the demo) stay consistent.
        created_at: new Date(about.at),
      })),
    )
    .onConflict((oc) => oc.doNothing());
}
