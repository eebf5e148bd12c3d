// The deadline of each stage of a case, from the regulation's terms and the case's events.
import type { WorkingTime } from "../calendar/working-time.ts";
import {
  stageById,
  termFor,
  totalStage,
  type Procedure,
  type Stage,
  type TermRule,
} from "./model.ts";
import type { CaseEvent, Importance } from "./schema.ts";
import { deadlineOf, type Term } from "./term.ts";

/** What the clocks of one case know. */
export interface ClockState {
  importance: Importance;
  /** When each event last happened (epoch ms). */
  events: Readonly<Partial<Record<CaseEvent, number>>>;
  /** Deadlines already set, by stage id ("before" terms read them). */
  deadlines: Readonly<Partial<Record<string, number>>>;
  /** Terms set for this case by someone the regulation allows (shortening), by stage id. */
  overrides?: Readonly<Partial<Record<string, TermRule>>>;
}

export type StageDeadline =
  /** The stage has its own deadline. */
  | { kind: "set"; deadline: number; start: number; rule: TermRule; overridden: boolean }
  /** The term's clock starts at a later event (fast-track: from assignment). */
  | { kind: "waitingForEvent"; event: CaseEvent; rule: TermRule }
  /** "N before X" and X has no deadline yet. */
  | { kind: "waitingForStage"; stage: string; rule: TermRule }
  /** No own term: the stage is bounded by the total term. */
  | { kind: "boundedByTotal"; stage: string; deadline: number }
  /** No own term and nothing bounds it. */
  | { kind: "none" };

/**
 * The deadline of a stage opened at `openedAt` (the time of its `from` event), for the case's
 * importance, with any term set for this case in place of the regulation's.
 */
export function stageDeadline(
  procedure: Procedure,
  stage: Stage,
  state: ClockState,
  openedAt: number,
  workingTime: WorkingTime,
): StageDeadline {
  const override = state.overrides?.[stage.id];
  const rule = override ?? termFor(stage, state.importance);
  if (!rule) {
    const total = totalStage(procedure);
    const bound = total && total.id !== stage.id ? state.deadlines[total.id] : undefined;
    return total && bound !== undefined
      ? { kind: "boundedByTotal", stage: total.id, deadline: bound }
      : { kind: "none" };
  }
  let start = openedAt;
  if (rule.from && rule.from !== stage.from) {
    const at = state.events[rule.from];
    if (at === undefined) return { kind: "waitingForEvent", event: rule.from, rule };
    start = at;
  }
  const result = deadlineOf(rule.term, { start, workingTime, deadlines: state.deadlines });
  if (!result.ok) return { kind: "waitingForStage", stage: result.stage, rule };
  return {
    kind: "set",
    deadline: result.deadline,
    start,
    rule,
    overridden: override !== undefined,
  };
}

/** Stages a case event opens in a procedure. */
export function stagesOpenedBy(procedure: Procedure, event: CaseEvent): Stage[] {
  // Total stages first: other stages' "before total" terms need its deadline.
  return procedure.stages
    .filter((s) => s.from === event)
    .sort((a, b) => Number(b.kind === "total") - Number(a.kind === "total"));
}

/** Stages a case event completes in a procedure. */
export function stagesClosedBy(procedure: Procedure, event: CaseEvent): Stage[] {
  return procedure.stages.filter((s) => s.until.includes(event));
}

/**
 * A deadline moved by an extension: working terms add working time to it, day terms add whole
 * days after the deadline's own day.
 */
export function extendDeadline(deadline: number, by: Term, workingTime: WorkingTime): number {
  switch (by.basis) {
    case "workingMinutes":
      return workingTime.addWorkingMinutes(deadline, by.minutes);
    case "workingDays":
      // A deadline at the end of a day belongs to that day.
      return workingTime.addWorkingDays(deadline - 1, by.days);
    case "calendarDays":
      return workingTime.addCalendarDays(deadline - 1, by.days);
    case "before":
    case "immediately":
      return deadline;
  }
}

/** True when `shorter` never gives a later deadline than `regular` from the same start (same basis only). */
export function isNotLonger(shorter: Term, regular: Term): boolean {
  const size = (t: Term): number | undefined =>
    t.basis === "workingMinutes"
      ? t.minutes
      : t.basis === "workingDays" || t.basis === "calendarDays"
        ? t.days
        : undefined;
  if (shorter.basis !== regular.basis) return false;
  const a = size(shorter);
  const b = size(regular);
  return a !== undefined && b !== undefined && a <= b;
}

export { stageById };
