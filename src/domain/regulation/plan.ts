// Walks the paths a case can take through a procedure, every stage taking its full term:
// the latest each event can come while everyone keeps to the regulation.
import type { WorkingTime } from "../calendar/working-time.ts";
import { stageDeadline, stagesOpenedBy, type ClockState } from "./deadline.ts";
import { totalStage, type Procedure, type Stage, type TermRule } from "./model.ts";
import type { CaseEvent, Importance } from "./schema.ts";

export interface PlanStep {
  stage: Stage;
  /** When the stage's clock started. */
  start: number;
  /** Its own deadline, when it has a term. */
  deadline?: number;
  rule?: TermRule;
  /** When the step is taken to be done: its deadline, or at once when it has no term. */
  end: number;
  /** The event it ends with on this path. */
  event: CaseEvent;
}

export interface PlanPath {
  steps: PlanStep[];
  /** Deadline of the total stage, when the procedure has one. */
  totalDeadline?: number;
  /** The path ends with an event that completes the answer. */
  complete: boolean;
  finishedAt: number;
}

export interface PlanOptions {
  /** How many times one stage may come back on a path (a revision loop taken once = 2). */
  maxRepeat?: number;
  maxSteps?: number;
}

const ANSWER_EVENTS: readonly CaseEvent[] = ["published", "interimPublished"];

export function planPaths(
  procedure: Procedure,
  importance: Importance,
  startAt: number,
  workingTime: WorkingTime,
  options: PlanOptions = {},
): PlanPath[] {
  const maxRepeat = options.maxRepeat ?? 2;
  const maxSteps = options.maxSteps ?? 24;
  const total = totalStage(procedure);
  const endEvents = new Set<CaseEvent>(total ? total.until : ANSWER_EVENTS);
  const paths: PlanPath[] = [];

  const walk = (
    event: CaseEvent,
    time: number,
    events: Partial<Record<CaseEvent, number>>,
    deadlines: Partial<Record<string, number>>,
    steps: PlanStep[],
    counts: ReadonlyMap<string, number>,
  ): void => {
    const nextEvents = { ...events, [event]: time };
    const nextDeadlines = { ...deadlines };
    const state = (): ClockState => ({ importance, events: nextEvents, deadlines: nextDeadlines });
    // The total's clock may start now, or its variant may have waited for this event.
    if (total && nextDeadlines[total.id] === undefined && nextEvents[total.from] !== undefined) {
      const d = stageDeadline(
        procedure,
        total,
        state(),
        nextEvents[total.from] as number,
        workingTime,
      );
      if (d.kind === "set") nextDeadlines[total.id] = d.deadline;
    }
    const finish = (complete: boolean): void => {
      paths.push({
        steps,
        complete,
        finishedAt: time,
        ...(total && nextDeadlines[total.id] !== undefined
          ? { totalDeadline: nextDeadlines[total.id] as number }
          : {}),
      });
    };
    if (steps.length && endEvents.has(event)) return finish(true);
    const candidates = stagesOpenedBy(procedure, event).filter(
      (s) => (counts.get(s.id) ?? 0) < maxRepeat,
    );
    if (!candidates.length || steps.length >= maxSteps) return finish(false);
    for (const stage of candidates) {
      const d = stageDeadline(procedure, stage, state(), time, workingTime);
      const own = d.kind === "set" ? d : undefined;
      const end = own && own.deadline > time ? own.deadline : time;
      const step: PlanStep = {
        stage,
        start: time,
        end,
        event,
        ...(own ? { deadline: own.deadline, rule: own.rule } : {}),
      };
      const stageDeadlines = own ? { ...nextDeadlines, [stage.id]: own.deadline } : nextDeadlines;
      const nextCounts = new Map(counts).set(stage.id, (counts.get(stage.id) ?? 0) + 1);
      for (const next of stage.until) {
        walk(
          next,
          end,
          nextEvents,
          stageDeadlines,
          [...steps, { ...step, event: next }],
          nextCounts,
        );
      }
    }
  };

  walk(procedure.startsAt, startAt, {}, {}, [], new Map());
  return paths;
}
