// The clocks: every few seconds, stages whose term is running out are marked at risk, stages past
// their deadline overdue, windows that passed unused expire — and the people who must act are told.
import type { Logger } from "pino";
import { formatLocal } from "../domain/calendar/index.ts";
import { stageById, type Procedure } from "../domain/regulation/model.ts";
import {
  nextDeadline,
  riskAt,
  type CaseState,
  type Risk,
  type StageState,
} from "../domain/workflow/case.ts";
import type { NotifyIntent } from "../domain/workflow/decide.ts";
import type { Config } from "../config.ts";
import { recipientsOf } from "../app/notify.ts";
import { EVENTS_CHANNEL } from "../app/register-case.ts";
import {
  loadTenantContext,
  TenantMisconfigured,
  type TenantContext,
} from "../app/tenant-context.ts";
import { appendAudit } from "../db/audit.ts";
import { loadCase, type Tx } from "../db/cases.ts";
import { notify, type Database, type Db } from "../db/connection.ts";
import {
  expireWindow,
  lockDueStages,
  lockFreeCases,
  markStageWarned,
  setCaseClocks,
  type DueStage,
} from "../db/due-stages.ts";
import { runBurstPass } from "./bursts.ts";
import { inAppNotifier } from "./notifiers/in-app.ts";
import type { Notice, NoticeKind, Notifier } from "./notifiers/notifier.ts";
import { runSessionSweep, SWEEP_EVERY_MS } from "./sessions-sweep.ts";
import { runTopicModelPass } from "./topic-models.ts";

export type SchedulerLogger = Pick<Logger, "debug" | "info" | "warn" | "error">;

export interface PassOptions {
  /** The tenant-independent default share of a term left when a stage counts as at risk. */
  riskShare: number;
  /** Stages taken per transaction: small enough to keep locks short. */
  batchSize?: number;
  notifiers?: readonly Notifier[];
  logger?: SchedulerLogger;
}

export interface PassReport {
  atRisk: number;
  overdue: number;
  windowsExpired: number;
  /** Notices delivered, summed over people and channels. */
  notices: number;
  /** Stages left for the next pass: their case was being changed, or its tenant is misconfigured. */
  skipped: number;
}

const RISK_ORDER: Record<Risk, number> = { none: 0, atRisk: 1, overdue: 2 };
const worse = (a: Risk, b: Risk): Risk => (RISK_ORDER[a] >= RISK_ORDER[b] ? a : b);

/**
 * Who must hear that a stage is at risk or overdue: whoever the regulation makes act on it, and,
 * when the whole answer is overdue, the curators and supervisors who answer for the term.
 */
export function whomToWarn(
  c: CaseState,
  stage: Pick<StageState, "key" | "actor" | "kind">,
  procedure: Procedure,
  kind: NoticeKind,
): NotifyIntent[] {
  const intents: NotifyIntent[] = [];
  switch (stage.actor) {
    case "executor": {
      // A co-executor's part (004 п. 19): the departments whose part is still missing.
      if (stageById(procedure, stage.key)?.from === "partRequested") {
        for (const x of c.coExecutors)
          if (!x.lead && x.partSubmittedAt === null)
            intents.push({
              kind,
              role: "executor",
              departmentId: x.departmentId,
              ...(x.userId !== null ? { userId: x.userId } : {}),
            });
      } else if (c.departmentId !== null) {
        intents.push({ kind, role: "executor", departmentId: c.departmentId });
        if (c.executorId !== null) intents.push({ kind, role: "executor", userId: c.executorId });
      }
      break;
    }
    case "approver":
      intents.push({ kind, role: "approver" });
      break;
    case "supervisor":
      intents.push({ kind, role: "supervisor" });
      break;
    case "curator":
    case "system": // automatic work that did not happen falls to the curators
      intents.push({ kind, role: "curator" });
      break;
    default:
      break;
  }
  // Nobody to act yet (no executor chosen, or a citizen's turn): the curators route the work.
  if (!intents.length) intents.push({ kind, role: "curator" });
  if (kind === "overdue" && stage.kind === "total")
    intents.push({ kind, role: "curator" }, { kind, role: "supervisor" });
  return intents;
}

function noticeText(kind: NoticeKind, title: string, number: string, deadline: string): string {
  return kind === "overdue"
    ? `Просрочено: «${title}» по сообщению ${number}, срок истёк ${deadline}`
    : `Срок подходит: «${title}» по сообщению ${number} — до ${deadline}`;
}

interface Counters {
  report: PassReport;
  /** Stages this batch marked; any other it took is left out of the rest of the pass. */
  settled: Set<number>;
  changedCases: Map<number, { tenantId: number; action: string; version: number }>;
}

/** Warns about or expires one stage of a locked case; returns the case with the stage updated. */
async function settleStage(
  tx: Tx,
  ctx: TenantContext,
  c: CaseState,
  due: DueStage,
  now: number,
  notifiers: readonly Notifier[],
  counters: Counters,
): Promise<CaseState> {
  const stage = c.stages.find((s) => s.id === due.id);
  if (!stage || stage.status !== "open") return c;
  const procedure = ctx.procedure(c.procedure);
  const before = {
    stage: stage.key,
    cycle: stage.cycle,
    status: stage.status,
    deadline: due.deadline,
  };
  const deadlinePassed = due.deadline !== null && due.deadline.getTime() <= now;

  if (stage.kind === "window") {
    if (!deadlinePassed || due.deadline === null) return c;
    await expireWindow(tx, due.id, due.deadline);
    counters.settled.add(due.id);
    const after = c.stages.map((s) =>
      s.id === due.id
        ? { ...s, status: "expired" as const, completedAt: due.deadline!.getTime() }
        : s,
    );
    await appendAudit(tx, {
      tenantId: c.tenantId,
      caseId: c.id,
      actorId: null,
      action: "windowExpired",
      at: now,
      before,
      after: { ...before, status: "expired" },
      requestId: null,
    });
    counters.report.windowsExpired++;
    if (!counters.changedCases.has(c.id))
      counters.changedCases.set(c.id, {
        tenantId: c.tenantId,
        action: "windowExpired",
        version: c.version,
      });
    return { ...c, stages: after };
  }

  const kind: NoticeKind =
    deadlinePassed && due.overdue_notified_at === null ? "overdue" : "atRisk";
  if (kind === "atRisk" && due.at_risk_notified_at !== null) return c;
  await markStageWarned(tx, due.id, kind, now);
  counters.settled.add(due.id);
  const intents = whomToWarn(c, stage, procedure, kind);
  const recipients = await recipientsOf(tx, c.tenantId, intents, null, now);
  const title = stageById(procedure, stage.key)?.title ?? stage.key;
  const notice: Notice = {
    tenantId: c.tenantId,
    caseId: c.id,
    stageId: due.id,
    kind,
    userIds: [...recipients.keys()],
    at: now,
    payload: {
      number: c.number,
      stage: stage.key,
      stageTitle: title,
      deadline: due.deadline?.toISOString() ?? null,
      clause: stage.clause,
      text: noticeText(
        kind,
        title,
        c.number,
        due.deadline ? formatLocal(due.deadline.getTime(), ctx.tenant.time_zone) : "—",
      ),
    },
  };
  const told = new Set<number>();
  for (const notifier of notifiers) {
    const reached = await notifier.deliver(tx, notice);
    counters.report.notices += reached.length;
    for (const id of reached) told.add(id);
  }
  await appendAudit(tx, {
    tenantId: c.tenantId,
    caseId: c.id,
    actorId: null,
    action: kind,
    at: now,
    before,
    after: { ...before, notified: [...told].sort((a, b) => a - b) },
    requestId: null,
  });
  counters.report[kind]++;
  const previous = counters.changedCases.get(c.id);
  if (!previous || previous.action !== "overdue")
    counters.changedCases.set(c.id, { tenantId: c.tenantId, action: kind, version: c.version });
  return c;
}

/** One transaction: a batch of due stages, each case settled under its lock. */
async function runBatch(
  db: Db,
  now: number,
  options: Required<Omit<PassOptions, "logger">> & { logger?: SchedulerLogger },
  skip: number[],
): Promise<PassReport | null> {
  return db.transaction().execute(async (tx) => {
    const due = await lockDueStages(tx, now, options.batchSize, skip);
    if (!due.length) return null;
    const counters: Counters = {
      report: { atRisk: 0, overdue: 0, windowsExpired: 0, notices: 0, skipped: 0 },
      settled: new Set(),
      changedCases: new Map(),
    };
    const cases = await lockFreeCases(tx, [...new Set(due.map((d) => d.case_id))]);
    const locked = new Map(cases.map((c) => [c.id, c]));
    const contexts = new Map<number, TenantContext | null>();
    for (const row of cases) {
      let ctx = contexts.get(row.tenant_id);
      if (ctx === undefined) {
        try {
          ctx = (await loadTenantContext(tx, row.tenant_id, options.riskShare)) ?? null;
        } catch (e) {
          if (!(e instanceof TenantMisconfigured)) throw e;
          options.logger?.warn(
            { tenantId: row.tenant_id, problems: e.problems },
            "tenant misconfigured: clocks skipped",
          );
          ctx = null;
        }
        contexts.set(row.tenant_id, ctx);
      }
      if (!ctx) {
        locked.delete(row.id);
        continue;
      }
      let c = await loadCase(tx, row.tenant_id, row.id);
      if (!c) continue;
      for (const stage of due.filter((d) => d.case_id === row.id))
        c = await settleStage(tx, ctx, c, stage, now, options.notifiers, counters);
      const risk = worse(row.risk, riskAt(c, now));
      const next = nextDeadline(c);
      if (risk !== row.risk || next !== (row.next_deadline?.getTime() ?? null))
        await setCaseClocks(tx, c.id, risk, next);
    }
    // What was not settled now (its case busy, its tenant misconfigured) waits for the next
    // pass; leaving it out of this one guarantees the pass ends.
    for (const d of due)
      if (!counters.settled.has(d.id)) {
        skip.push(d.id);
        if (!locked.has(d.case_id)) counters.report.skipped++;
      }
    // Browsers redraw the case; delivered on commit, like every other change.
    for (const [caseId, { tenantId, action, version }] of counters.changedCases)
      await notify(tx, EVENTS_CHANNEL, { tenantId, caseId, action, version });
    return counters.report;
  });
}

/**
 * One pass over everything due at `now`, in batches of short transactions. Safe to run from
 * several processes at once: each stage is taken by one of them, warned of once.
 */
export async function runSchedulerPass(
  db: Db,
  now: number,
  options: PassOptions,
): Promise<PassReport> {
  const total: PassReport = { atRisk: 0, overdue: 0, windowsExpired: 0, notices: 0, skipped: 0 };
  const settings = {
    riskShare: options.riskShare,
    batchSize: options.batchSize ?? 200,
    notifiers: options.notifiers ?? [inAppNotifier],
    ...(options.logger ? { logger: options.logger } : {}),
  };
  const skip: number[] = [];
  for (;;) {
    const report = await runBatch(db, now, settings, skip);
    if (!report) break;
    for (const key of Object.keys(total) as (keyof PassReport)[]) total[key] += report[key];
  }
  return total;
}

export interface SchedulerDeps {
  database: Database;
  config: Pick<Config, "riskShare" | "schedulerSeconds">;
  clock?: () => number;
  logger: SchedulerLogger;
  notifiers?: readonly Notifier[];
}

export interface RunningScheduler {
  /** Stops after the pass in progress, if any, is done. */
  stop(): Promise<void>;
}

/** Bursts are judged on hourly counts: once a minute is soon enough and cheap. */
const BURSTS_EVERY_MS = 60_000;
/** Tenants' topic models learn the day's decisions within minutes. */
const TOPIC_MODELS_EVERY_MS = 5 * 60_000;

/**
 * Runs a pass at once and then every `schedulerSeconds`, until stopped; the bursts pass and the
 * retraining of tenants' topic models ride along at their own, slower pace.
 */
export function startScheduler(deps: SchedulerDeps): RunningScheduler {
  const clock = deps.clock ?? Date.now;
  const period = deps.config.schedulerSeconds * 1000;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  let burstsAt = -Infinity;
  let modelsAt = -Infinity;
  let sweptAt = -Infinity;

  /** A side pass whose failure is logged and retried next time, never stopping the clocks. */
  const sidePass = async (name: string, run: () => Promise<unknown>): Promise<void> => {
    try {
      await run();
    } catch (err) {
      deps.logger.error({ err }, `${name} failed`);
    }
  };

  const tick = (): void => {
    running = (async () => {
      const started = performance.now();
      try {
        const report = await runSchedulerPass(deps.database.db, clock(), {
          riskShare: deps.config.riskShare,
          logger: deps.logger,
          ...(deps.notifiers ? { notifiers: deps.notifiers } : {}),
        });
        const ms = Math.round(performance.now() - started);
        const busy = report.atRisk + report.overdue + report.windowsExpired + report.skipped > 0;
        if (busy) deps.logger.info({ ...report, ms }, "scheduler pass");
        else deps.logger.debug({ ms }, "scheduler pass: nothing due");
      } catch (err) {
        // A lost database or a bug: the next pass tries again; nothing was half-written.
        deps.logger.error({ err }, "scheduler pass failed");
      }
      const now = clock();
      if (now - burstsAt >= BURSTS_EVERY_MS) {
        burstsAt = now;
        await sidePass("bursts pass", async () => {
          const report = await runBurstPass(deps.database.db, now, {
            riskShare: deps.config.riskShare,
            logger: deps.logger,
          });
          if (report.raised) deps.logger.info(report, "bursts raised");
        });
      }
      if (now - modelsAt >= TOPIC_MODELS_EVERY_MS) {
        modelsAt = now;
        await sidePass("topic models pass", () =>
          runTopicModelPass(deps.database.db, now, deps.logger),
        );
      }
      if (now - sweptAt >= SWEEP_EVERY_MS) {
        sweptAt = now;
        await sidePass("sessions sweep", () => runSessionSweep(deps.database.db, now));
      }
      if (!stopped) timer = setTimeout(tick, period);
    })();
  };
  tick();
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
