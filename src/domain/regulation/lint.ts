// The regulation linter: contradictions and gaps of a regulation, each with the clauses behind it.
import { dayNumberOf } from "../calendar/civil-date.ts";
import { instantOfWallTime } from "../calendar/time-zone.ts";
import type { WorkingTime } from "../calendar/working-time.ts";
import { termFor, totalStage, type Procedure, type Regulation, type Stage } from "./model.ts";
import { planPaths } from "./plan.ts";
import type { Actor, CaseEvent, Importance } from "./schema.ts";

export type Severity = "error" | "warning" | "info";

export interface LintFinding {
  severity: Severity;
  code:
    | "noTimeLeft"
    | "stagesExceedTotal"
    | "missingActor"
    | "actorNotDescribed"
    | "unreachableStage"
    | "noDeadline"
    | "noClause"
    | "importanceChangesNothing";
  procedure: string;
  stage?: string;
  importance?: Importance;
  /** Clauses of the document the finding is about. */
  clauses: string[];
  /** JSON pointer to the rule in the regulation file, and its line when known. */
  path: string;
  line?: number;
  params: Record<string, string | number>;
  /** A concrete case showing it: when it started, and what each side of the conflict comes to. */
  example?: {
    start: number;
    stageStart?: number;
    deadline?: number;
    finish?: number;
    totalDeadline?: number;
  };
}

const WEEK_OF_SAMPLES = [
  // Ordinary days of November 2026 and the short day before 4 November, in the tenant's zone.
  { day: [2026, 11, 16], minutes: 9 * 60 }, // Monday morning
  { day: [2026, 11, 18], minutes: 12 * 60 + 40 }, // Wednesday before lunch
  { day: [2026, 11, 20], minutes: 17 * 60 + 30 }, // Friday evening
  { day: [2026, 11, 3], minutes: 16 * 60 + 30 }, // pre-holiday short day
] as const;

/** Instants at which the linter tries a case, in a time zone. */
export function sampleStarts(timeZone: string): number[] {
  return WEEK_OF_SAMPLES.map(({ day: [y, m, d], minutes }) =>
    instantOfWallTime(timeZone, dayNumberOf(y, m, d) * 86_400_000 + minutes * 60_000),
  );
}

function clausesOf(...items: Array<string | undefined>): string[] {
  const out: string[] = [];
  for (const item of items) if (item && !out.includes(item)) out.push(item);
  return out;
}

/** Events the workflow can produce in a procedure, starting from its opening event. */
function reachableEvents(procedure: Procedure): Set<CaseEvent> {
  const reached = new Set<CaseEvent>([procedure.startsAt]);
  if (procedure.interim) reached.add("interimPublished");
  if (procedure.parts) reached.add("partRequested");
  if (procedure.repeats) reached.add("repeatReceived");
  if (procedure.additionalControl) reached.add("additionalControlSet");
  if (procedure.citizenFeedback?.reject) reached.add("rejectedByCitizen");
  if (procedure.escalation) reached.add("escalated");
  let grew = true;
  while (grew) {
    grew = false;
    for (const stage of procedure.stages) {
      if (!reached.has(stage.from)) continue;
      for (const e of stage.until) {
        if (!reached.has(e)) {
          reached.add(e);
          grew = true;
        }
      }
    }
  }
  return reached;
}

function structuralFindings(
  regulation: Regulation,
  procedure: Procedure,
  pi: number,
): LintFinding[] {
  const findings: LintFinding[] = [];
  const reached = reachableEvents(procedure);
  const total = totalStage(procedure);
  procedure.stages.forEach((stage, si) => {
    const path = `/procedures/${pi}/stages/${si}`;
    const base = {
      procedure: procedure.id,
      stage: stage.id,
      path,
      clauses: clausesOf(stage.clause),
    };
    if (!stage.actor) {
      findings.push({
        ...base,
        severity: "error",
        code: "missingActor",
        params: { title: stage.title },
      });
    } else if (!regulation.roles[stage.actor]) {
      findings.push({
        ...base,
        severity: "error",
        code: "actorNotDescribed",
        params: { title: stage.title, actor: stage.actor },
      });
    }
    if (!reached.has(stage.from)) {
      findings.push({
        ...base,
        severity: "error",
        code: "unreachableStage",
        params: { title: stage.title, event: stage.from },
      });
    }
    if (!stage.term && Object.keys(stage.variants).length === 0 && (!total || total === stage)) {
      findings.push({
        ...base,
        severity: "warning",
        code: "noDeadline",
        params: { title: stage.title },
      });
    }
    if (!stage.clause) {
      findings.push({
        ...base,
        severity: stage.note ? "info" : "warning",
        code: "noClause",
        params: { title: stage.title },
      });
    }
  });
  const ruleActors: Array<[string, Actor | undefined, string | undefined]> = [
    ["shortening", procedure.shortening?.by, procedure.shortening?.clause],
    ["extension", procedure.extension?.decidedBy, procedure.extension?.clause],
    ["parts", procedure.parts?.leadDesignatedBy, procedure.parts?.clause],
    ["additionalControl", procedure.additionalControl?.by, procedure.additionalControl?.clause],
    ["escalation", procedure.escalation?.to, procedure.escalation?.clause],
  ];
  for (const [rule, actor, clause] of ruleActors) {
    if (actor && !regulation.roles[actor]) {
      findings.push({
        severity: "error",
        code: "actorNotDescribed",
        procedure: procedure.id,
        path: `/procedures/${pi}/${rule}`,
        clauses: clausesOf(clause),
        params: { title: rule, actor },
      });
    }
  }
  for (const importance of procedure.importance) {
    if (importance === "normal") continue;
    const changes = procedure.stages.some((s) => s.variants[importance]) || procedure.shortening;
    if (!changes) {
      findings.push({
        severity: "info",
        code: "importanceChangesNothing",
        procedure: procedure.id,
        importance,
        path: `/procedures/${pi}/importance`,
        clauses: [],
        params: { importance },
      });
    }
  }
  return findings;
}

/** Terms that leave no time, and stage terms that do not fit in the total, tried on real days. */
function timeFindings(procedure: Procedure, pi: number, workingTime: WorkingTime): LintFinding[] {
  // One finding per conflict, shown on the plainest case: the shortest path, then the worst figure.
  const worst = new Map<string, { finding: LintFinding; steps: number; measure: number }>();
  const keep = (key: string, finding: LintFinding, steps: number, measure: number): void => {
    const seen = worst.get(key);
    if (!seen || steps < seen.steps || (steps === seen.steps && measure < seen.measure)) {
      worst.set(key, { finding, steps, measure });
    }
  };
  const total = totalStage(procedure);
  const stageIndex = (s: Stage): number => procedure.stages.indexOf(s);
  for (const importance of procedure.importance) {
    for (const start of sampleStarts(workingTime.timeZone)) {
      for (const path of planPaths(procedure, importance, start, workingTime)) {
        for (const step of path.steps) {
          if (step.deadline === undefined || step.rule === undefined || step.stage.kind === "total")
            continue;
          if (step.rule.term.basis === "immediately") continue;
          const left = workingTime.workingMinutesBetween(step.start, step.deadline);
          const beyond = step.deadline <= step.start;
          if (left > 0 && !beyond) continue;
          const ref =
            step.rule.term.basis === "before"
              ? procedure.stages.find((s) => s.id === (step.rule?.term as { stage: string }).stage)
              : undefined;
          const refRule = ref ? termFor(ref, importance) : undefined;
          keep(
            `noTimeLeft:${step.stage.id}:${importance}`,
            {
              severity: "error",
              code: "noTimeLeft",
              procedure: procedure.id,
              stage: step.stage.id,
              importance,
              path: `/procedures/${pi}/stages/${stageIndex(step.stage)}/term`,
              clauses: clausesOf(
                step.rule.clause ?? step.stage.clause,
                refRule?.clause ?? ref?.clause,
              ),
              params: {
                title: step.stage.title,
                term: step.rule.text,
                minutesLeft: Math.round(left),
                ...(ref && refRule ? { reference: ref.title, referenceTerm: refRule.text } : {}),
              },
              example: { start, stageStart: step.start, deadline: step.deadline },
            },
            path.steps.indexOf(step),
            left,
          );
        }
        if (!total || !path.complete || path.totalDeadline === undefined) continue;
        if (path.steps.some((s) => s.stage.kind === "total")) continue;
        if (path.steps.some((s) => s.deadline !== undefined && s.deadline <= s.start)) continue; // reported above
        const over = workingTime.workingMinutesBetween(path.totalDeadline, path.finishedAt);
        if (path.finishedAt <= path.totalDeadline || over <= 0) continue;
        const termed = path.steps.filter((s) => s.rule);
        const totalRule = termFor(total, importance);
        keep(
          `stagesExceedTotal:${importance}`,
          {
            severity: "error",
            code: "stagesExceedTotal",
            procedure: procedure.id,
            importance,
            path: `/procedures/${pi}/stages/${stageIndex(total)}/term`,
            clauses: clausesOf(
              totalRule?.clause ?? total.clause,
              ...termed.map((s) => s.rule?.clause ?? s.stage.clause),
            ),
            params: {
              chain: termed.map((s) => `${s.stage.title} (${s.rule?.text})`).join(" → "),
              total: totalRule?.text ?? "",
              minutesOver: Math.round(over),
            },
            example: { start, finish: path.finishedAt, totalDeadline: path.totalDeadline },
          },
          path.steps.length,
          -over,
        );
      }
    }
  }
  return [...worst.values()].map((w) => w.finding);
}

/**
 * Everything the linter finds in a regulation. `workingTimeFor` gives the working time to try
 * terms on (the tenant's, or the default schedule in the regulation's zone).
 */
export function lintRegulation(regulation: Regulation, workingTime: WorkingTime): LintFinding[] {
  const findings: LintFinding[] = [];
  regulation.procedures.forEach((procedure, pi) => {
    findings.push(
      ...structuralFindings(regulation, procedure, pi),
      ...timeFindings(procedure, pi, workingTime),
    );
  });
  const rank: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
  return findings
    .map((f) => {
      const line =
        regulation.positions?.get(f.path)?.line ??
        regulation.positions?.get(f.path.replace(/\/term$/, ""))?.line;
      return line === undefined ? f : { ...f, line };
    })
    .sort((a, b) => rank[a.severity] - rank[b.severity] || (a.line ?? 0) - (b.line ?? 0));
}
