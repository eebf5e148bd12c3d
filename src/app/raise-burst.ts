// A burst of messages on one topic in one place (003 п. 13 разд. 3 and 004 п. 25: "повышенная
// социальная активность" is reported to the head at once): judged by the triage library on the
// hourly counts the database keeps, raised once per burst as an escalation with its figures.
import { BurstTracker, describeBurst, type BurstSignal } from "../domain/triage/bursts.ts";
import { inSettlement } from "../domain/triage/location.ts";
import type { Rubricator } from "../domain/triage/topic/model.ts";
import type { NotifyIntent } from "../domain/workflow/decide.ts";
import { mayOnTenant, type Actor, type Role } from "../domain/workflow/policy.ts";
import { appendAudit } from "../db/audit.ts";
import {
  burstsOfTenant,
  followBurst,
  hourlyCounts,
  insertBurst,
  ongoingBurst,
  setBurstNotified,
  tryLockPlace,
  type BurstFigures,
  type PlaceKey,
} from "../db/bursts.ts";
import type { Tx } from "../db/cases.ts";
import { notify } from "../db/connection.ts";
import { gazetteerOf } from "./gazetteer.ts";
import { insertNotifications, recipientsOf } from "./notify.ts";
import { EVENTS_CHANNEL } from "./register-case.ts";
import { invalidInput, notFound, type Result } from "./results.ts";
import type { TenantContext } from "./tenant-context.ts";

const HOUR = 3_600_000;
/** The library's defaults: windows of 1, 3, 6 and 24 hours against four weeks of history. */
const TRACKER = { windowsHours: [1, 3, 6, 24], baselineDays: 28 };
/** Hours of counts a judgement needs: the baseline, the longest window, and the hour under way. */
const HISTORY_HOURS = (TRACKER.baselineDays + 1) * 24 + Math.max(...TRACKER.windowsHours);
/**
 * A burst seen again within this long is the same burst going on: its figures follow, nobody is
 * told twice. A place quiet for a day and bursting again is a new escalation.
 */
export const BURST_QUIET_MS = 24 * HOUR;

/** The strongest burst on the topic in the place in the windows ending at `now`, if any. */
export async function judgePlace(
  tx: Tx,
  key: PlaceKey,
  now: number,
): Promise<BurstSignal | undefined> {
  const counts = await hourlyCounts(tx, key, now - HISTORY_HOURS * HOUR, now);
  const tracker = new BurstTracker(TRACKER);
  for (const { hour, count } of counts)
    for (let i = 0; i < count; i++) tracker.record(key.topic, key.settlement, hour * HOUR);
  return tracker.check(key.topic, key.settlement, now);
}

export type PlaceOutcome = "raised" | "ongoing" | "quiet" | "busy";

function figuresOf(signal: BurstSignal, text: string): BurstFigures {
  return {
    window_hours: signal.windowHours,
    message_count: signal.count,
    expected: signal.expected,
    baseline_mean: signal.baseline.meanPerDay,
    baseline_sd: signal.baseline.sdPerDay,
    baseline_days: signal.baseline.days,
    p_value: signal.pValue,
    text,
  };
}

/** Whom the regulation's escalation rule reports to: its addressee and the supervisors. */
function escalationOf(ctx: TenantContext): { intents: NotifyIntent[]; clause: string | null } {
  const rule = ctx.regulation.procedures.find((p) => p.escalation)?.escalation;
  const to = (rule?.to as Role | undefined) ?? "supervisor";
  const roles = new Set<Role>([to, "supervisor"]);
  return {
    intents: [...roles].map((role) => ({ kind: "escalate", role })),
    clause: rule?.clause ?? null,
  };
}

/**
 * Looks at one topic and place of a tenant at `now`, under a lock no other scheduler waits for:
 * a burst that starts is stored, reported in-app to whom the escalation rule names and audited;
 * one that goes on has its figures followed; several schedulers at once raise it once.
 */
export async function followPlace(
  tx: Tx,
  ctx: TenantContext,
  key: PlaceKey,
  now: number,
): Promise<PlaceOutcome> {
  if (!(await tryLockPlace(tx, key))) return "busy";
  const signal = await judgePlace(tx, key, now);
  if (!signal) return "quiet";
  const { gazetteer } = gazetteerOf(ctx.tenant);
  const topicName = (ctx.tenant.rubricator as Rubricator).topics?.find(
    (t) => t.code === key.topic,
  )?.name;
  const placeIn = gazetteer ? inSettlement(gazetteer, key.settlement) : `в ${key.settlement}`;
  const text = describeBurst(signal, placeIn, topicName);
  const figures = figuresOf(signal, text);

  const ongoing = await ongoingBurst(tx, key, now - BURST_QUIET_MS);
  if (ongoing) {
    await followBurst(tx, ongoing.id, signal.count > ongoing.message_count ? figures : null, now);
    return "ongoing";
  }
  const startedAt = (Math.floor(now / HOUR) - signal.windowHours + 1) * HOUR;
  const id = await insertBurst(tx, key, startedAt, figures, now);
  if (id === undefined) return "ongoing";

  const { intents, clause } = escalationOf(ctx);
  const recipients = await recipientsOf(tx, key.tenantId, intents, null, now);
  const told = await insertNotifications(
    tx,
    { tenantId: key.tenantId, caseId: null, at: now },
    new Map([...recipients.keys()].map((userId) => [userId, "burst"])),
    {
      burstId: id,
      topic: key.topic,
      settlement: key.settlement,
      windowHours: signal.windowHours,
      count: signal.count,
      clause,
      text,
    },
  );
  told.sort((a, b) => a - b);
  await setBurstNotified(tx, id, told);
  await appendAudit(tx, {
    tenantId: key.tenantId,
    caseId: null,
    actorId: null,
    action: "burstRaised",
    at: now,
    before: null,
    after: {
      burstId: id,
      topic: key.topic,
      settlement: key.settlement,
      windowHours: signal.windowHours,
      count: signal.count,
      expected: signal.expected,
      baseline: signal.baseline,
      pValue: signal.pValue,
      text,
      clause,
      notified: told,
    },
    requestId: null,
  });
  await notify(tx, EVENTS_CHANNEL, { tenantId: key.tenantId, action: "burstRaised" });
  return "raised";
}

export interface BurstView {
  id: number;
  topic: string;
  topicName: string;
  settlement: string;
  startedAt: number;
  windowHours: number;
  count: number;
  expected: number;
  baseline: { meanPerDay: number; sdPerDay: number; days: number };
  pValue: number;
  text: string;
  raisedAt: number;
  lastSeenAt: number;
  notified: number;
}

/** The bursts raised in a tenant in [from, to] (default: the last 7 days), for its overview. */
export async function listBursts(
  tx: Tx,
  ctx: TenantContext,
  actor: Actor,
  period: { from?: number; to?: number },
  now: number,
): Promise<Result<{ items: BurstView[] }>> {
  if (actor.tenantId !== ctx.tenant.id) return notFound();
  if (!mayOnTenant(actor, "viewReports"))
    return { ok: false, kind: "forbidden", action: "viewReports" };
  const to = period.to ?? now;
  const from = period.from ?? to - 7 * 24 * HOUR;
  if (to <= from) return invalidInput("to", "endsBeforeStart");
  const names = new Map(
    ((ctx.tenant.rubricator as Rubricator).topics ?? []).map((t) => [t.code, t.name]),
  );
  const rows = await burstsOfTenant(tx, ctx.tenant.id, from, to, 100);
  return {
    ok: true,
    items: rows.map((b) => ({
      id: b.id,
      topic: b.topic,
      topicName: names.get(b.topic) ?? b.topic,
      settlement: b.settlement,
      startedAt: b.started_at.getTime(),
      windowHours: b.window_hours,
      count: b.message_count,
      expected: b.expected,
      baseline: { meanPerDay: b.baseline_mean, sdPerDay: b.baseline_sd, days: b.baseline_days },
      pValue: b.p_value,
      text: b.text,
      raisedAt: b.raised_at.getTime(),
      lastSeenAt: b.last_seen_at.getTime(),
      notified: b.notified.length,
    })),
  };
}
