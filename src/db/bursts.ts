// Bursts of messages: which topics and places got messages lately, their hourly counts against
// which a burst is judged, and the bursts raised, one row per escalation.
import { sql } from "kysely";
import type { Tx } from "./cases.ts";
import type { Row } from "./schema.ts";

export interface PlaceKey {
  tenantId: number;
  topic: string;
  settlement: string;
}

/**
 * Topics and places of any tenant with at least `minCount` messages detected in (since, until]:
 * the only ones that can be bursting. Reads the last hours through messages_recent_places.
 */
export async function busyPlaces(
  tx: Tx,
  since: number,
  until: number,
  minCount: number,
  limit: number,
): Promise<Array<PlaceKey & { count: number }>> {
  const { rows } = await sql<PlaceKey & { count: number }>`
    select tenant_id as "tenantId", triage_topic as topic, triage_settlement as settlement,
      count(*)::int as count
    from messages
    where detected_at > ${new Date(since)} and detected_at <= ${new Date(until)}
      and triage_settlement is not null and triage_topic is not null
      -- "Other" is not one problem: twenty messages on twenty subjects are no burst.
      and triage_topic <> 'other'
    group by tenant_id, triage_topic, triage_settlement
    having count(*) >= ${minCount}
    order by count(*) desc, tenant_id, triage_topic, triage_settlement
    limit ${limit}`.execute(tx);
  return rows;
}

/**
 * Messages per hour (hours since the epoch) on a topic in a place in (since, until], oldest first
 * (index messages_topic_settlement).
 */
export async function hourlyCounts(
  tx: Tx,
  key: PlaceKey,
  since: number,
  until: number,
): Promise<Array<{ hour: number; count: number }>> {
  // Hours since the epoch, as the domain counts them: no session time zone in between.
  const { rows } = await sql<{ hour: number; count: number }>`
    select floor(extract(epoch from detected_at) / 3600)::bigint as hour, count(*)::int as count
    from messages
    where tenant_id = ${key.tenantId} and triage_topic = ${key.topic}
      and triage_settlement = ${key.settlement}
      and detected_at > ${new Date(since)} and detected_at <= ${new Date(until)}
    group by 1
    order by 1`.execute(tx);
  return rows.map((r) => ({ hour: Number(r.hour), count: r.count }));
}

/**
 * Takes a topic and place for this transaction unless another scheduler has it: that one raises
 * or follows the burst, and this one moves on rather than raise it twice.
 */
export async function tryLockPlace(tx: Tx, key: PlaceKey): Promise<boolean> {
  const { rows } = await sql<{ locked: boolean }>`
    select pg_try_advisory_xact_lock(
      hashtext('otklik:burst'),
      hashtext(${`${key.tenantId}|${key.topic}|${key.settlement}`})
    ) as locked`.execute(tx);
  return rows[0]?.locked === true;
}

/** The newest burst on the topic in the place still seen after `since`: the one that goes on. */
export async function ongoingBurst(tx: Tx, key: PlaceKey, since: number) {
  return tx
    .selectFrom("bursts")
    .selectAll()
    .where("tenant_id", "=", key.tenantId)
    .where("topic", "=", key.topic)
    .where("settlement", "=", key.settlement)
    .where("last_seen_at", ">=", new Date(since))
    .orderBy("last_seen_at", "desc")
    .limit(1)
    .executeTakeFirst();
}

export type BurstFigures = Pick<
  Row<"bursts">,
  | "window_hours"
  | "message_count"
  | "expected"
  | "baseline_mean"
  | "baseline_sd"
  | "baseline_days"
  | "p_value"
  | "text"
>;

/** Stores a new burst; undefined when the same one (its place and window start) is stored already. */
export async function insertBurst(
  tx: Tx,
  key: PlaceKey,
  startedAt: number,
  figures: BurstFigures,
  now: number,
): Promise<number | undefined> {
  const row = await tx
    .insertInto("bursts")
    .values({
      tenant_id: key.tenantId,
      topic: key.topic,
      settlement: key.settlement,
      started_at: new Date(startedAt),
      ...figures,
      raised_at: new Date(now),
      last_seen_at: new Date(now),
    })
    .onConflict((oc) => oc.doNothing())
    .returning("id")
    .executeTakeFirst();
  return row?.id;
}

/** A burst that goes on: its latest figures, when they are stronger than those it was raised with. */
export async function followBurst(
  tx: Tx,
  id: number,
  figures: BurstFigures | null,
  now: number,
): Promise<void> {
  await tx
    .updateTable("bursts")
    .set({ ...(figures ?? {}), last_seen_at: new Date(now) })
    .where("id", "=", id)
    .execute();
}

export async function setBurstNotified(tx: Tx, id: number, userIds: number[]): Promise<void> {
  await tx
    .updateTable("bursts")
    .set({ notified: JSON.stringify(userIds) })
    .where("id", "=", id)
    .execute();
}

/** A tenant's bursts raised in [from, to], newest first (index bursts_tenant). */
export async function burstsOfTenant(
  tx: Tx,
  tenantId: number,
  from: number,
  to: number,
  limit: number,
) {
  return tx
    .selectFrom("bursts")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("raised_at", ">=", new Date(from))
    .where("raised_at", "<=", new Date(to))
    .orderBy("raised_at", "desc")
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
}
