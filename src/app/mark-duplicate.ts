// Closes a case as a duplicate: another author wrote about a problem already in a case, so the
// message joins that case (relation "duplicate") and is answered there, instead of a second answer
// to the same problem. One transaction: both cases, the messages, the audit of both, the events.
import type { CaseState } from "../domain/workflow/case.ts";
import { decide } from "../domain/workflow/decide.ts";
import { canSee, type Actor } from "../domain/workflow/policy.ts";
import { appendAudit } from "../db/audit.ts";
import { moveMessagesToCase, setDuplicateOf } from "../db/case-links.ts";
import { loadCase, saveCase, type Tx } from "../db/cases.ts";
import { notify } from "../db/connection.ts";
import type { ActOptions } from "./act-on-case.ts";
import { storeNotifications } from "./notify.ts";
import { caseSnapshot, EVENTS_CHANNEL } from "./register-case.ts";
import { invalidInput, notFound, versionMoved, type Result } from "./results.ts";
import type { TenantContext } from "./tenant-context.ts";

export async function markDuplicate(
  tx: Tx,
  ctx: TenantContext,
  actor: Actor,
  caseId: number,
  clusterId: number,
  options: ActOptions,
): Promise<Result<{ case: CaseState }>> {
  const tenantId = ctx.tenant.id;
  const { now } = options;
  if (actor.tenantId !== tenantId) return notFound();
  // Both rows are locked in the order of their ids, so two curators joining the same pair of
  // cases the opposite ways wait for each other instead of deadlocking.
  const [first, second] = caseId < clusterId ? [caseId, clusterId] : [clusterId, caseId];
  const a = await loadCase(tx, tenantId, first, true);
  const b = first === second ? a : await loadCase(tx, tenantId, second, true);
  const before = caseId === first ? a : b;
  const cluster = caseId === first ? b : a;
  if (!before || !canSee(actor, before)) return notFound();
  if (options.expectedVersion !== undefined && options.expectedVersion !== before.version)
    return { ok: false, kind: "conflict", currentVersion: before.version };

  const decision = decide(
    before,
    actor,
    { action: "markDuplicate", caseId: clusterId },
    now,
    ctx.clock(before.procedure),
  );
  if (!decision.ok) return decision;
  // The cluster must be a case of this tenant that is still being answered.
  if (!cluster || !canSee(actor, cluster)) return invalidInput("caseId", "noSuchCase");
  if (cluster.closedAt !== null) return invalidInput("caseId", "closed");

  const stored = await saveCase(tx, before, decision.case, now);
  if (!stored) throw versionMoved(before);
  await setDuplicateOf(tx, caseId, clusterId);
  const moved = await moveMessagesToCase(tx, tenantId, caseId, clusterId);
  // The cluster's case changed too (a message more): its version moves so open cards refresh.
  const grown: CaseState = { ...cluster, version: cluster.version + 1 };
  if (!(await saveCase(tx, cluster, grown, now))) throw versionMoved(before);

  await appendAudit(tx, {
    tenantId,
    caseId,
    actorId: actor.userId,
    action: "markDuplicate",
    at: now,
    before: caseSnapshot(before),
    after: { ...caseSnapshot(stored), input: { caseId: clusterId, number: cluster.number } },
    requestId: options.requestId ?? null,
  });
  await appendAudit(tx, {
    tenantId,
    caseId: clusterId,
    actorId: actor.userId,
    action: "duplicateJoined",
    at: now,
    before: caseSnapshot(cluster),
    after: {
      ...caseSnapshot(grown),
      input: { caseId, number: before.number, messages: moved },
    },
    requestId: options.requestId ?? null,
  });
  // Whoever answers the cluster's case answers this author too.
  if (cluster.departmentId !== null)
    await storeNotifications(
      tx,
      tenantId,
      clusterId,
      [
        cluster.executorId !== null
          ? { kind: "markDuplicate", role: "executor", userId: cluster.executorId }
          : { kind: "markDuplicate", role: "executor", departmentId: cluster.departmentId },
      ],
      actor.userId,
      now,
      { number: cluster.number, action: "duplicateJoined", duplicate: before.number },
    );
  for (const c of [stored, grown])
    await notify(tx, EVENTS_CHANNEL, {
      tenantId,
      caseId: c.id,
      action: c.id === caseId ? "markDuplicate" : "duplicateJoined",
      version: c.version,
    });
  return { ok: true, case: stored };
}
