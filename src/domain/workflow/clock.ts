// The clocks of a case: which stages an event closes and opens, and each new stage's deadline.
import type { WorkingTime } from "../calendar/working-time.ts";
import {
  stageDeadline,
  stagesClosedBy,
  stagesOpenedBy,
  type ClockState,
} from "../regulation/deadline.ts";
import { stageById, type Procedure, type Stage, type TermRule } from "../regulation/model.ts";
import type { CaseEvent } from "../regulation/schema.ts";
import { parseTerm } from "../regulation/term.ts";
import type { CaseState, StageState } from "./case.ts";

export interface ClockContext {
  procedure: Procedure;
  workingTime: WorkingTime;
  /** Share of a stage's term left when it counts as at risk (0.25 = the last quarter). */
  riskShare: number;
}

/** Deadlines the case's stages currently have, by stage id (the latest run of each). */
function deadlinesOf(stages: readonly StageState[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const s of stages)
    if (s.deadline !== null && s.status !== "cancelled") out[s.key] = s.deadline;
  return out;
}

function overridesOf(c: CaseState): Record<string, TermRule> {
  const out: Record<string, TermRule> = {};
  for (const [key, o] of Object.entries(c.overrides)) {
    const term = parseTerm(o.term);
    if (term) out[key] = { term, text: o.term, ...(o.clause ? { clause: o.clause } : {}) };
  }
  return out;
}

function clockState(
  c: CaseState,
  events: CaseState["events"],
  stages: readonly StageState[],
): ClockState {
  return {
    importance: c.importance,
    events,
    deadlines: deadlinesOf(stages),
    overrides: overridesOf(c),
  };
}

/** When a stage counts as at risk: `share` of its term left, in working time for working terms. */
function atRiskAt(
  ctx: ClockContext,
  start: number,
  deadline: number,
  rule: TermRule | undefined,
): number {
  const share = Math.min(Math.max(ctx.riskShare, 0), 1);
  if (rule && (rule.term.basis === "calendarDays" || rule.term.basis === "workingDays")) {
    return deadline - Math.max(0, deadline - start) * share;
  }
  const minutes = ctx.workingTime.workingMinutesBetween(start, deadline);
  return minutes > 0 ? ctx.workingTime.subtractWorkingMinutes(deadline, minutes * share) : deadline;
}

/** A stage's state as it opens at `at` (or is recomputed), from the regulation and the case's clocks. */
function runStage(
  ctx: ClockContext,
  stage: Stage,
  state: ClockState,
  at: number,
  cycle: number,
): StageState {
  const d = stageDeadline(ctx.procedure, stage, state, at, ctx.workingTime);
  const base: StageState = {
    key: stage.id,
    actor: stage.actor ?? null,
    kind: stage.kind,
    cycle,
    startedAt: at,
    deadline: null,
    boundedBy: null,
    atRiskAt: null,
    term: null,
    clause: stage.clause ?? null,
    overridden: false,
    status: "open",
    completedAt: null,
  };
  switch (d.kind) {
    case "set":
      return {
        ...base,
        deadline: d.deadline,
        atRiskAt: atRiskAt(ctx, d.start, d.deadline, d.rule),
        term: d.rule.text,
        clause: d.rule.clause ?? stage.clause ?? null,
        overridden: d.overridden,
      };
    case "waitingForEvent":
    case "waitingForStage":
      return {
        ...base,
        status: "waiting",
        term: d.rule.text,
        clause: d.rule.clause ?? stage.clause ?? null,
      };
    case "boundedByTotal":
      return {
        ...base,
        deadline: d.deadline,
        boundedBy: d.stage,
        atRiskAt: atRiskAt(ctx, at, d.deadline, undefined),
      };
    case "none":
      return base;
  }
}

/**
 * Applies an event at `at`: stages it ends are done, stages it starts open with their deadlines,
 * stages waiting for it get theirs. Returns the new event times and stages.
 */
export function applyEvent(
  c: CaseState,
  event: CaseEvent,
  at: number,
  ctx: ClockContext,
): Pick<CaseState, "events" | "stages"> {
  const events = { ...c.events, [event]: at };
  let stages = c.stages.map((s) =>
    (s.status === "open" || s.status === "waiting") &&
    stagesClosedBy(ctx.procedure, event).some((x) => x.id === s.key)
      ? { ...s, status: "done" as const, completedAt: at }
      : s,
  );
  for (const stage of stagesOpenedBy(ctx.procedure, event)) {
    const previous = stages.filter((s) => s.key === stage.id);
    // A stage still running is not started again (e.g. the total while a repeat arrives).
    if (previous.some((s) => s.status === "open" || s.status === "waiting")) continue;
    const cycle = previous.length + 1;
    stages = [...stages, runStage(ctx, stage, clockState(c, events, stages), at, cycle)];
  }
  stages = settleWaiting({ ...c, events, stages }, ctx);
  return { events, stages };
}

/** Stages waiting for an event or another stage's deadline get their deadline once it is known. */
function settleWaiting(c: CaseState, ctx: ClockContext): StageState[] {
  let stages = c.stages;
  for (let pass = 0; pass < 3; pass++) {
    let changed = false;
    stages = stages.map((s) => {
      if (s.status !== "waiting") return s;
      const stage = stageById(ctx.procedure, s.key);
      if (!stage) return s;
      const next = runStage(ctx, stage, clockState(c, c.events, stages), s.startedAt, s.cycle);
      if (next.status === "waiting") return s;
      changed = true;
      return { ...next, ...(s.id !== undefined ? { id: s.id } : {}) };
    });
    if (!changed) break;
  }
  return stages;
}

/**
 * Recomputes the deadlines of running stages after the importance or a term override changed:
 * each stage keeps when it started; the total goes first because other terms count back from it.
 */
export function recomputeOpenStages(c: CaseState, ctx: ClockContext): StageState[] {
  const stages = [...c.stages];
  const order = stages
    .map((s, i) => ({ s, i }))
    .filter(({ s }) => s.status === "open" || s.status === "waiting")
    .sort((a, b) => Number(b.s.kind === "total") - Number(a.s.kind === "total"));
  for (const { s, i } of order) {
    const stage = stageById(ctx.procedure, s.key);
    if (!stage) continue;
    const next = runStage(ctx, stage, clockState(c, c.events, stages), s.startedAt, s.cycle);
    stages[i] = { ...next, ...(s.id !== undefined ? { id: s.id } : {}) };
  }
  return settleWaiting({ ...c, stages }, ctx);
}

/** Cancels every running stage (the case left the regulated path). */
export function cancelOpenStages(stages: readonly StageState[], at: number): StageState[] {
  return stages.map((s) =>
    s.status === "open" || s.status === "waiting"
      ? { ...s, status: "cancelled" as const, completedAt: at }
      : s,
  );
}
