// Each tenant's topic model: the shipped model retrained on its curators' topic decisions
// (topic/train.ts applyCorrections), stored with a version, and read by registration through a
// per-process cache that a version stamp keeps current across every server process.
import { createHash } from "node:crypto";
import { applyCorrections } from "../domain/triage/topic/train.ts";
import type { TopicModel } from "../domain/triage/topic/model.ts";
import defaultTopicModel from "../domain/triage/topic/default-model.json" with { type: "json" };
import type { Tx } from "../db/cases.ts";
import {
  newestTopicDecision,
  saveTenantTopicModel,
  tenantTopicModel,
  tenantTopicModelStamp,
  tenantTopicModelSummary,
  topicDecisionsOfTenant,
  tryLockTopicModel,
} from "../db/topic-models.ts";

/** The model shipped with Otklik, trained on the default rubricator. */
export const SHIPPED_TOPIC_MODEL = defaultTopicModel as unknown as TopicModel;

/** Which shipped model a tenant's was retrained from: a new release retrains every tenant. */
export const SHIPPED_TOPIC_MODEL_BASE = createHash("sha1")
  .update(JSON.stringify(SHIPPED_TOPIC_MODEL))
  .digest("hex")
  .slice(0, 16);

/** At most this many decisions (the newest) make a tenant's model: enough, and bounded in time. */
export const MAX_DECISIONS = 5000;

const cache = new Map<number, { version: number; model: TopicModel }>();

/**
 * The topic model registration uses for the tenant: its own when one was trained from the current
 * shipped model, the shipped one otherwise. One small read per call; the model itself only when
 * its version moved since this process last loaded it.
 */
export async function topicModelOf(tx: Tx, tenantId: number): Promise<TopicModel> {
  const stamp = await tenantTopicModelStamp(tx, tenantId);
  if (!stamp || stamp.base !== SHIPPED_TOPIC_MODEL_BASE) return SHIPPED_TOPIC_MODEL;
  const hit = cache.get(tenantId);
  if (hit && hit.version === stamp.version) return hit.model;
  const row = await tenantTopicModel(tx, tenantId);
  if (!row) return SHIPPED_TOPIC_MODEL;
  const model = row.model as unknown as TopicModel;
  cache.set(tenantId, { version: row.version, model });
  return model;
}

export interface Retrained {
  version: number;
  corrections: number;
}

/**
 * Retrains the tenant's model from the shipped one and all its curators' latest topic decisions,
 * when some are newer than the stored model. Deterministic, so two processes would store the same
 * model; the advisory lock makes one of them do it. Undefined when nothing was to be learnt or
 * another process is at it.
 */
export async function retrainTopicModel(
  tx: Tx,
  tenantId: number,
  now: number,
): Promise<Retrained | undefined> {
  if (!(await tryLockTopicModel(tx, tenantId))) return undefined;
  const newest = await newestTopicDecision(tx, tenantId);
  const stored = await tenantTopicModelStamp(tx, tenantId);
  const current = stored && stored.base === SHIPPED_TOPIC_MODEL_BASE;
  const { pending } = await tenantTopicModelSummary(tx, tenantId, SHIPPED_TOPIC_MODEL_BASE);
  if (current ? pending === 0 : newest === 0) return undefined;
  const decisions = await topicDecisionsOfTenant(tx, tenantId, MAX_DECISIONS);
  const model = applyCorrections(
    SHIPPED_TOPIC_MODEL,
    decisions.map((d) => ({ text: d.text, topic: d.topic })),
  );
  const version = await saveTenantTopicModel(tx, {
    tenantId,
    base: SHIPPED_TOPIC_MODEL_BASE,
    model,
    corrections: decisions.length,
    lastCorrectionId: newest,
    trainedAt: now,
  });
  return { version, corrections: decisions.length };
}

export interface TopicModelState {
  /** "tenant": retrained on the curators' decisions; "shipped": the default model. */
  source: "tenant" | "shipped";
  version: number | null;
  /** Topic decisions the tenant's model has learnt. */
  corrections: number;
  trainedAt: number | null;
  /** Topic decisions made since, learnt at the next retraining. */
  pending: number;
}

export async function topicModelState(tx: Tx, tenantId: number): Promise<TopicModelState> {
  const { model, pending } = await tenantTopicModelSummary(tx, tenantId, SHIPPED_TOPIC_MODEL_BASE);
  const current = model && model.base === SHIPPED_TOPIC_MODEL_BASE;
  return {
    source: current ? "tenant" : "shipped",
    version: current ? model.version : null,
    corrections: current ? model.corrections : 0,
    trainedAt: current ? model.trained_at.getTime() : null,
    pending,
  };
}
