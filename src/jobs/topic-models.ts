// The retraining pass: every tenant whose curators made topic decisions its model has not learnt
// gets its model retrained and stored with the next version; registration in every process picks
// it up by that version. Safe from several processes at once (one retrains, the others move on).
import { retrainTopicModel, SHIPPED_TOPIC_MODEL_BASE } from "../app/tenant-topic-model.ts";
import type { Db } from "../db/connection.ts";
import { tenantsWithUnlearntDecisions } from "../db/topic-models.ts";
import type { SchedulerLogger } from "./scheduler.ts";

/** Tenants retrained per pass: each takes a moment of CPU; the rest wait for the next pass. */
const MAX_TENANTS = 20;

export interface TopicModelPassReport {
  retrained: Array<{ tenantId: number; version: number; corrections: number }>;
}

export async function runTopicModelPass(
  db: Db,
  now: number,
  logger?: SchedulerLogger,
): Promise<TopicModelPassReport> {
  const report: TopicModelPassReport = { retrained: [] };
  const tenants = await tenantsWithUnlearntDecisions(db, SHIPPED_TOPIC_MODEL_BASE, MAX_TENANTS);
  for (const tenantId of tenants) {
    const done = await db.transaction().execute((tx) => retrainTopicModel(tx, tenantId, now));
    if (done) {
      report.retrained.push({ tenantId, ...done });
      logger?.info({ tenantId, ...done }, "tenant topic model retrained");
    }
  }
  return report;
}
