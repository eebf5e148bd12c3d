// A case as the workflow sees it: status, people, flags, and the clocks of its stages.
import type { Actor as StageActor, CaseEvent, Channel, Importance } from "../regulation/schema.ts";

export const CASE_STATUSES = [
  "new", // registered, waiting to be routed
  "returned", // the executor returned it as not in their competence: back to routing
  "assigned", // routed to an executor, not accepted yet
  "inProgress", // accepted: the executor is working on the answer
  "onApproval", // a draft waits for the approver
  "revision", // the approver returned the draft with remarks
  "approved", // approved, waiting to be handed over or published
  "readyToPublish", // handed over to whoever publishes it
  "interim", // an interim answer or a clarification was published; the final answer is due
  "rework", // the author rejected the answer (portal): answer again
  "additionalControl", // answered, kept open until the problem is actually solved
  "answered", // the final answer is published: closed
  "notProcessable", // threat, obscenity, insult, intent to harm: archived, never answered
  "duplicate", // another author's message about a problem already in a case: joined that case, answered there
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const CLOSED_STATUSES: readonly CaseStatus[] = ["answered", "notProcessable", "duplicate"];
export const isClosed = (s: CaseStatus): boolean => CLOSED_STATUSES.includes(s);

export const DRAFT_KINDS = ["final", "interim", "clarification"] as const;
export type DraftKind = (typeof DRAFT_KINDS)[number];

export const NOT_PROCESSABLE = ["threat", "harmIntent", "obscene", "insult"] as const;
export type NotProcessableReason = (typeof NOT_PROCESSABLE)[number];

export type StageStatus =
  | "open" // its clock runs
  | "waiting" // opened, but its term starts at a later event (fast track from assignment)
  | "done" // the event that ends it happened
  | "expired" // a window that passed unused
  | "cancelled"; // the case left the path (not processable, reassigned, answered otherwise)

export interface StageState {
  /** Row id once stored. */
  id?: number;
  /** The regulation's stage id ("draft", "approve", "total"). */
  key: string;
  actor: StageActor | null;
  kind: "task" | "window" | "total";
  /** 1 for the first time the stage runs on a case, 2 after a revision loop, … */
  cycle: number;
  startedAt: number;
  /** Null when nothing bounds the stage. */
  deadline: number | null;
  /** The stage whose deadline bounds this one when it has no term of its own. */
  boundedBy: string | null;
  /** When the stage counts as at risk (a share of its term left). */
  atRiskAt: number | null;
  /** The term as the regulation writes it, and its clause, for people to see why. */
  term: string | null;
  clause: string | null;
  overridden: boolean;
  status: StageStatus;
  completedAt: number | null;
}

export interface CoExecutor {
  departmentId: number;
  userId: number | null;
  lead: boolean;
  partRequestedAt: number | null;
  partSubmittedAt: number | null;
}

export interface CaseState {
  id: number;
  tenantId: number;
  number: string;
  procedure: string;
  channel: Channel;
  status: CaseStatus;
  importance: Importance;
  topic: string | null;
  departmentId: number | null;
  executorId: number | null;
  coExecutors: CoExecutor[];
  additionalControl: boolean;
  notProcessable: NotProcessableReason | null;
  repeatOf: number | null;
  escalatedAt: number | null;
  /** Optimistic concurrency: every change increments it. */
  version: number;
  openedAt: number;
  closedAt: number | null;
  /** When each event last happened. */
  events: Partial<Record<CaseEvent, number>>;
  stages: StageState[];
  /** Terms set for this case (shortening by the approver), by stage id. */
  overrides: Record<string, { term: string; clause: string | null; byUserId: number }>;
  extensionsUsed: number;
  /** The draft being worked on, if any. */
  draft: {
    id: number;
    kind: DraftKind;
    status: "editing" | "submitted" | "approved" | "returned" | "published";
    version: number;
  } | null;
}

/** Open stages first by deadline: what is due next. */
export function openStages(c: CaseState): StageState[] {
  return c.stages
    .filter((s) => s.status === "open" || s.status === "waiting")
    .sort((a, b) => (a.deadline ?? Infinity) - (b.deadline ?? Infinity));
}

/** The stage a person looks at first: the nearest deadline of an open task, else the total. */
export function currentStage(c: CaseState): StageState | undefined {
  const open = openStages(c);
  return (
    open.find((s) => s.kind === "task" && s.status === "open") ??
    open.find((s) => s.kind === "total") ??
    open[0]
  );
}

export type Risk = "none" | "atRisk" | "overdue";

/** How a case stands at `now`: overdue when any open stage is past its deadline. */
export function riskAt(c: CaseState, now: number): Risk {
  let risk: Risk = "none";
  for (const s of c.stages) {
    if (s.status !== "open" || s.kind === "window" || s.deadline === null) continue;
    if (s.deadline <= now) return "overdue";
    if (s.atRiskAt !== null && s.atRiskAt <= now) risk = "atRisk";
  }
  return risk;
}

/** The earliest deadline among open stages (windows excluded): what the queue sorts by. */
export function nextDeadline(c: CaseState): number | null {
  let next: number | null = null;
  for (const s of c.stages) {
    if (s.status !== "open" || s.kind === "window" || s.deadline === null) continue;
    if (next === null || s.deadline < next) next = s.deadline;
  }
  return next;
}
