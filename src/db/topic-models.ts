// Tenants' own topic models: the stored model with its version, the curators' topic decisions it
// is retrained from, and which tenants have decisions their model has not learnt yet.
import { sql } from "kysely";
import type { Tx } from "./cases.ts";

/** What says whether a process's cached model is current: cheap to read on every registration. */
export async function tenantTopicModelStamp(
  tx: Tx,
  tenantId: number,
): Promise<{ version: number; base: string } | undefined> {
  return tx
    .selectFrom("tenant_topic_models")
    .select(["version", "base"])
    .where("tenant_id", "=", tenantId)
    .executeTakeFirst();
}

export async function tenantTopicModel(tx: Tx, tenantId: number) {
  return tx
    .selectFrom("tenant_topic_models")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .executeTakeFirst();
}

/**
 * The model's figures without the model, and the topic decisions made since it was trained (all of
 * them when it was trained from another shipped model than `base`).
 */
export async function tenantTopicModelSummary(tx: Tx, tenantId: number, base: string) {
  const model = await tx
    .selectFrom("tenant_topic_models")
    .select(["version", "base", "corrections", "last_correction_id", "trained_at"])
    .where("tenant_id", "=", tenantId)
    .executeTakeFirst();
  const learnt = model && model.base === base ? model.last_correction_id : 0;
  const pending = await tx
    .selectFrom("triage_corrections")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("tenant_id", "=", tenantId)
    .where("field", "=", "topic")
    .where("id", ">", learnt)
    .executeTakeFirstOrThrow();
  return { model, pending: Number(pending.n) };
}

/**
 * Tenants whose newest topic decision is newer than their model, or whose model was trained from
 * another shipped model than `base`: one index probe per tenant (triage_corrections_tenant_id).
 */
export async function tenantsWithUnlearntDecisions(
  tx: Tx,
  base: string,
  limit: number,
): Promise<number[]> {
  const { rows } = await sql<{ id: number }>`
    select t.id
    from tenants t
    cross join lateral (
      select c.id as last from triage_corrections c
      where c.tenant_id = t.id and c.field = 'topic'
      order by c.id desc limit 1
    ) newest
    left join tenant_topic_models m on m.tenant_id = t.id
    where m.tenant_id is null or newest.last > m.last_correction_id or m.base <> ${base}
    order by t.id
    limit ${limit}`.execute(tx);
  return rows.map((r) => r.id);
}

export interface TopicDecision {
  id: number;
  text: string;
  topic: string;
}

/**
 * The tenant's topic decisions a model learns from, oldest first: the latest decision on each
 * message (a curator may change their mind), of the newest `limit` messages decided.
 */
export async function topicDecisionsOfTenant(
  tx: Tx,
  tenantId: number,
  limit: number,
): Promise<TopicDecision[]> {
  const { rows } = await sql<TopicDecision>`
    select id, text, topic from (
      select distinct on (c.message_id) c.id, m.text, c.chosen #>> '{}' as topic
      from triage_corrections c
      join messages m on m.id = c.message_id
      where c.tenant_id = ${tenantId} and c.field = 'topic' and c.chosen is not null
        and jsonb_typeof(c.chosen) = 'string'
      order by c.message_id, c.id desc
    ) latest
    order by id desc
    limit ${limit}`.execute(tx);
  return rows.reverse();
}

/** The id of the newest topic decision of the tenant, learnt or not. */
export async function newestTopicDecision(tx: Tx, tenantId: number): Promise<number> {
  const row = await tx
    .selectFrom("triage_corrections")
    .select("id")
    .where("tenant_id", "=", tenantId)
    .where("field", "=", "topic")
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
  return row?.id ?? 0;
}

/** Stores a retrained model as the tenant's next version. */
export async function saveTenantTopicModel(
  tx: Tx,
  row: {
    tenantId: number;
    base: string;
    model: object;
    corrections: number;
    lastCorrectionId: number;
    trainedAt: number;
  },
): Promise<number> {
  const values = {
    base: row.base,
    model: JSON.stringify(row.model),
    corrections: row.corrections,
    last_correction_id: row.lastCorrectionId,
    trained_at: new Date(row.trainedAt),
  };
  const stored = await tx
    .insertInto("tenant_topic_models")
    .values({ tenant_id: row.tenantId, version: 1, ...values })
    .onConflict((oc) =>
      oc
        .column("tenant_id")
        .doUpdateSet({ ...values, version: sql`tenant_topic_models.version + 1` }),
    )
    .returning("version")
    .executeTakeFirstOrThrow();
  return stored.version;
}

/**
 * Takes the tenant's retraining for this transaction unless another process has it: that one will
 * store the same model, so this one moves on instead of waiting.
 */
export async function tryLockTopicModel(tx: Tx, tenantId: number): Promise<boolean> {
  const { rows } = await sql<{ locked: boolean }>`
    select pg_try_advisory_xact_lock(hashtext('otklik:topic-model'), ${tenantId}) as locked`.execute(
    tx,
  );
  return rows[0]?.locked === true;
}
