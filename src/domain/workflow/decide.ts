// What each action does to a case: checks it is allowed now, moves the clocks, says whom to tell.
import { extendDeadline, isNotLonger } from "../regulation/deadline.ts";
import { stageById, totalStage, type Procedure } from "../regulation/model.ts";
import type { CaseEvent, Importance } from "../regulation/schema.ts";
import { parseTerm } from "../regulation/term.ts";
import {
  CLOSED_STATUSES,
  type CaseState,
  type DraftKind,
  type NotProcessableReason,
} from "./case.ts";
import { applyEvent, cancelOpenStages, recomputeOpenStages, type ClockContext } from "./clock.ts";
import {
  allowedActions,
  canSee,
  hasHandOver,
  may,
  mayEver,
  type Action,
  type Actor,
  type Role,
  type TenantAction,
} from "./policy.ts";

export type ActionInput =
  | { action: "triage"; topic?: string | null; importance?: Importance }
  | { action: "assign"; departmentId: number; userId: number | null }
  | { action: "accept" }
  | { action: "return"; reason: string }
  | { action: "saveDraft"; kind: DraftKind }
  | { action: "submitDraft" }
  | { action: "approve" }
  | { action: "requestRevision"; remarks: string }
  | { action: "handOver" }
  | { action: "publish" }
  | { action: "markNotProcessable"; reason: NotProcessableReason }
  | { action: "markDuplicate"; caseId: number }
  | { action: "linkRepeat"; caseId: number }
  | { action: "setAdditionalControl"; note: string }
  | { action: "reportMeasures"; text: string }
  | { action: "resolve" }
  | { action: "requestPart"; departmentId: number; userId: number | null }
  | { action: "submitPart"; departmentId: number }
  | { action: "designateLead"; departmentId: number }
  | { action: "shortenTerm"; stage: string; term: string }
  | { action: "requestExtension"; days: number; comment: string }
  | { action: "decideExtension"; approve: boolean; days: number }
  | { action: "escalate"; note: string };

/** Someone to tell about what happened, resolved to people by the application. */
export interface NotifyIntent {
  kind: Action | "overdue" | "atRisk";
  role: Role;
  /** Only people of this department (executors); absent for tenant-wide roles. */
  departmentId?: number;
  userId?: number;
}

export type Refusal =
  | { ok: false; kind: "notFound" }
  | { ok: false; kind: "forbidden"; action: Action | TenantAction }
  | {
      ok: false;
      kind: "transitionNotAllowed";
      action: Action;
      status: CaseState["status"];
      allowed: Action[];
    }
  | { ok: false; kind: "invalidInput"; field: string; reason: string };

export interface Accepted {
  ok: true;
  case: CaseState;
  /** Events that happened, in order. */
  events: CaseEvent[];
  notify: NotifyIntent[];
}

export type Decision = Accepted | Refusal;

const invalid = (field: string, reason: string): Refusal => ({
  ok: false,
  kind: "invalidInput",
  field,
  reason,
});

/** Statuses an event moves a case to; events not listed leave the status as it is. */
function statusAfter(c: CaseState, event: CaseEvent): CaseState["status"] {
  switch (event) {
    case "assigned":
      return "assigned";
    case "accepted":
      return c.status === "assigned" ? "inProgress" : c.status;
    case "returned":
      return "returned";
    case "draftSubmitted":
      return "onApproval";
    case "revisionRequested":
      return "revision";
    case "approved":
      return "approved";
    case "handedOver":
      return "readyToPublish";
    case "interimPublished":
      return "interim";
    case "published":
      return c.additionalControl ? "additionalControl" : "answered";
    case "rejectedByCitizen":
      return "rework";
    case "additionalControlSet":
      return c.status === "answered" ? "additionalControl" : c.status;
    default:
      return c.status;
  }
}

/** Applies events in order: clocks and status. */
function happen(c: CaseState, events: CaseEvent[], at: number, ctx: ClockContext): CaseState {
  let next = c;
  for (const e of events) {
    next = { ...next, ...applyEvent(next, e, at, ctx), status: statusAfter(next, e) };
  }
  if (CLOSED_STATUSES.includes(next.status)) {
    next = { ...next, stages: cancelOpenStages(next.stages, at), closedAt: at };
  }
  return next;
}

const bump = (c: CaseState): CaseState => ({ ...c, version: c.version + 1 });

/**
 * Decides an action on a case at `now`. Pure: the caller loads the case, stores the result,
 * writes the audit entry and the notifications in the same transaction.
 */
export function decide(
  c: CaseState,
  actor: Actor,
  input: ActionInput,
  now: number,
  ctx: ClockContext,
): Decision {
  const p = ctx.procedure;
  const action = input.action;
  if (!canSee(actor, c)) return { ok: false, kind: "notFound" };
  if (!mayEver(actor, action, p)) return { ok: false, kind: "forbidden", action };
  if (!may(actor, action, c, p)) {
    return {
      ok: false,
      kind: "transitionNotAllowed",
      action,
      status: c.status,
      allowed: allowedActions(actor, c, p),
    };
  }
  const accept = (next: CaseState, events: CaseEvent[], notify: NotifyIntent[] = []): Accepted => ({
    ok: true,
    case: bump(next),
    events,
    notify,
  });
  const curators: NotifyIntent = { kind: action, role: "curator" };

  switch (input.action) {
    case "triage": {
      let next: CaseState = { ...c };
      if (input.topic !== undefined) next.topic = input.topic;
      if (input.importance !== undefined && input.importance !== c.importance) {
        if (!p.importance.includes(input.importance))
          return invalid("importance", "notInRegulation");
        next = { ...next, importance: input.importance };
        next.stages = recomputeOpenStages(next, ctx);
      }
      return accept(next, []);
    }
    case "assign": {
      const reassign =
        c.departmentId !== null && (c.status === "assigned" || c.status === "inProgress");
      let next: CaseState = { ...c, departmentId: input.departmentId, executorId: input.userId };
      // A reassignment restarts the executor's stages: the new executor gets the regulation's terms.
      if (reassign)
        next = {
          ...next,
          stages: next.stages.map((s) =>
            s.status === "open" && s.actor === "executor" && s.kind !== "total"
              ? { ...s, status: "cancelled" as const, completedAt: now }
              : s,
          ),
        };
      next = happen(next, ["assigned"], now, ctx);
      return accept(
        next,
        ["assigned"],
        [
          {
            kind: "assign",
            role: "executor",
            departmentId: input.departmentId,
            ...(input.userId !== null ? { userId: input.userId } : {}),
          },
        ],
      );
    }
    case "accept":
      return accept(
        happen({ ...c, executorId: c.executorId ?? actor.userId }, ["accepted"], now, ctx),
        ["accepted"],
      );
    case "return": {
      if (!input.reason.trim()) return invalid("reason", "required");
      const next = happen({ ...c, executorId: null }, ["returned"], now, ctx);
      // The executor's running work stops: the case goes back to routing.
      const stages = next.stages.map((s) =>
        s.status === "open" && s.actor === "executor" && s.kind !== "total"
          ? { ...s, status: "cancelled" as const, completedAt: now }
          : s,
      );
      return accept({ ...next, stages, departmentId: null }, ["returned"], [curators]);
    }
    case "saveDraft": {
      if (input.kind !== "final" && !p.interim) return invalid("kind", "interimNotAllowed");
      const events: CaseEvent[] = c.status === "assigned" ? ["accepted"] : [];
      const next = happen(c, events, now, ctx);
      const draft = {
        id: c.draft?.status === "editing" ? c.draft.id : 0,
        kind: input.kind,
        status: "editing" as const,
        version: (c.draft?.version ?? 0) + 1,
      };
      return accept({ ...next, draft }, events);
    }
    case "submitDraft": {
      const next = happen(c, ["draftSubmitted"], now, ctx);
      return accept(
        { ...next, draft: c.draft && { ...c.draft, status: "submitted" } },
        ["draftSubmitted"],
        [{ kind: action, role: "approver" }],
      );
    }
    case "approve": {
      const next = happen(c, ["approved"], now, ctx);
      const publisher: NotifyIntent = hasHandOver(p)
        ? {
            kind: action,
            role: "executor",
            ...(c.departmentId !== null ? { departmentId: c.departmentId } : {}),
          }
        : {
            kind: action,
            role:
              (p.stages.find((s) => s.until.includes("published") && s.kind !== "total")?.actor as
                Role | undefined) ?? "curator",
          };
      return accept(
        { ...next, draft: c.draft && { ...c.draft, status: "approved" } },
        ["approved"],
        [publisher],
      );
    }
    case "requestRevision": {
      if (!input.remarks.trim()) return invalid("remarks", "required");
      const next = happen(c, ["revisionRequested"], now, ctx);
      return accept(
        { ...next, draft: c.draft && { ...c.draft, status: "returned" } },
        ["revisionRequested"],
        [
          {
            kind: action,
            role: "executor",
            ...(c.departmentId !== null ? { departmentId: c.departmentId } : {}),
            ...(c.executorId !== null ? { userId: c.executorId } : {}),
          },
        ],
      );
    }
    case "handOver": {
      const next = happen(c, ["handedOver"], now, ctx);
      return accept(next, ["handedOver"], [curators]);
    }
    case "publish": {
      const kind = c.draft?.kind ?? "final";
      const event: CaseEvent = kind === "final" ? "published" : "interimPublished";
      const next = happen(c, [event], now, ctx);
      return accept({ ...next, draft: c.draft && { ...c.draft, status: "published" } }, [event]);
    }
    case "markNotProcessable": {
      if (p.notProcessable && !p.notProcessable.reasons.includes(input.reason))
        return invalid("reason", "notInRegulation");
      const next: CaseState = {
        ...c,
        notProcessable: input.reason,
        status: "notProcessable",
        closedAt: now,
        stages: cancelOpenStages(c.stages, now),
      };
      return accept(next, []);
    }
    case "markDuplicate": {
      // The case's messages and its answer move to the case it duplicates (the application moves
      // them); this one closes without an answer of its own and its clocks stop.
      if (input.caseId === c.id) return invalid("caseId", "sameCase");
      const next: CaseState = {
        ...c,
        status: "duplicate",
        closedAt: now,
        stages: cancelOpenStages(c.stages, now),
      };
      return accept(next, []);
    }
    case "linkRepeat": {
      if (input.caseId === c.id) return invalid("caseId", "sameCase");
      return accept({ ...c, repeatOf: input.caseId }, []);
    }
    case "setAdditionalControl": {
      if (!input.note.trim()) return invalid("note", "required");
      const next = happen(
        { ...c, additionalControl: true, closedAt: null },
        ["additionalControlSet"],
        now,
        ctx,
      );
      return accept(
        next,
        ["additionalControlSet"],
        [
          {
            kind: action,
            role: "executor",
            ...(c.departmentId !== null ? { departmentId: c.departmentId } : {}),
          },
        ],
      );
    }
    case "reportMeasures": {
      if (!input.text.trim()) return invalid("text", "required");
      return accept(
        happen(c, ["additionalControlReported"], now, ctx),
        ["additionalControlReported"],
        [curators],
      );
    }
    case "resolve": {
      const next: CaseState = {
        ...c,
        additionalControl: false,
        status: "answered",
        closedAt: now,
        stages: cancelOpenStages(c.stages, now),
      };
      return accept(next, []);
    }
    case "requestPart": {
      if (input.departmentId === c.departmentId) return invalid("departmentId", "sameDepartment");
      if (c.coExecutors.some((x) => x.departmentId === input.departmentId))
        return invalid("departmentId", "alreadyCoExecutor");
      const lead = c.coExecutors.length
        ? c.coExecutors
        : c.departmentId !== null
          ? [
              {
                departmentId: c.departmentId,
                userId: c.executorId,
                lead: true,
                partRequestedAt: null,
                partSubmittedAt: null,
              },
            ]
          : [];
      const coExecutors = [
        ...lead,
        {
          departmentId: input.departmentId,
          userId: input.userId,
          lead: false,
          partRequestedAt: now,
          partSubmittedAt: null,
        },
      ];
      const next = happen({ ...c, coExecutors }, ["partRequested"], now, ctx);
      return accept(
        next,
        ["partRequested"],
        [
          {
            kind: action,
            role: "executor",
            departmentId: input.departmentId,
            ...(input.userId !== null ? { userId: input.userId } : {}),
          },
        ],
      );
    }
    case "submitPart": {
      const idx = c.coExecutors.findIndex(
        (x) => x.departmentId === input.departmentId && !x.lead && x.partSubmittedAt === null,
      );
      if (idx < 0) return invalid("departmentId", "noPartRequested");
      if (
        !actor.memberships.some(
          (m) => m.role === "executor" && m.departmentId === input.departmentId,
        )
      )
        return { ok: false, kind: "forbidden", action };
      const coExecutors = c.coExecutors.map((x, i) =>
        i === idx ? { ...x, partSubmittedAt: now } : x,
      );
      // The part stage ends when every requested part is in.
      const allIn = coExecutors.every((x) => x.lead || x.partSubmittedAt !== null);
      const events: CaseEvent[] = allIn ? ["partSubmitted"] : [];
      const lead = coExecutors.find((x) => x.lead);
      return accept(
        happen({ ...c, coExecutors }, events, now, ctx),
        events,
        lead ? [{ kind: action, role: "executor", departmentId: lead.departmentId }] : [],
      );
    }
    case "designateLead": {
      if (!c.coExecutors.some((x) => x.departmentId === input.departmentId))
        return invalid("departmentId", "notACoExecutor");
      const coExecutors = c.coExecutors.map((x) => ({
        ...x,
        lead: x.departmentId === input.departmentId,
      }));
      const lead = coExecutors.find((x) => x.lead);
      return accept(
        { ...c, coExecutors, departmentId: input.departmentId, executorId: lead?.userId ?? null },
        [],
        [{ kind: action, role: "executor", departmentId: input.departmentId }],
      );
    }
    case "shortenTerm": {
      const rule = p.shortening;
      if (!rule || rule.stage !== input.stage) return invalid("stage", "notShortenable");
      const stage = stageById(p, input.stage);
      const term = parseTerm(input.term);
      if (!term || !stage) return invalid("term", "unreadable");
      const regular = (stage.variants[c.importance] ?? stage.term)?.term;
      if (regular && !isNotLonger(term, regular)) return invalid("term", "notShorter");
      const minimum = rule.minimum ? parseTerm(rule.minimum) : undefined;
      if (minimum && !isNotLonger(minimum, term)) return invalid("term", "belowMinimum");
      const next: CaseState = {
        ...c,
        overrides: {
          ...c.overrides,
          [input.stage]: { term: input.term, clause: rule.clause, byUserId: actor.userId },
        },
      };
      return accept(
        { ...next, stages: recomputeOpenStages(next, ctx) },
        [],
        [
          {
            kind: action,
            role: "executor",
            ...(c.departmentId !== null ? { departmentId: c.departmentId } : {}),
          },
        ],
      );
    }
    case "requestExtension": {
      const rule = p.extension;
      const max = rule ? parseTerm(rule.maximum) : undefined;
      if (!Number.isInteger(input.days) || input.days < 1)
        return invalid("days", "positiveWholeNumber");
      if (max && "days" in max && input.days > max.days) return invalid("days", "overMaximum");
      if (rule?.commentRequired && !input.comment.trim()) return invalid("comment", "required");
      return accept(
        c,
        [],
        [{ kind: action, role: (rule?.decidedBy as Role | undefined) ?? "curator" }],
      );
    }
    case "decideExtension": {
      const rule = p.extension;
      if (!rule) return invalid("action", "noExtensions");
      if (!input.approve) {
        return accept(
          c,
          [],
          [
            {
              kind: action,
              role: "executor",
              ...(c.departmentId !== null ? { departmentId: c.departmentId } : {}),
            },
          ],
        );
      }
      if (c.extensionsUsed >= rule.times) return invalid("days", "extensionsUsedUp");
      const max = parseTerm(rule.maximum);
      if (
        !Number.isInteger(input.days) ||
        input.days < 1 ||
        (max && "days" in max && input.days > max.days)
      )
        return invalid("days", "overMaximum");
      const basis =
        max?.basis === "workingDays"
          ? "workingDays"
          : max?.basis === "workingMinutes"
            ? "workingMinutes"
            : "calendarDays";
      const by =
        basis === "workingMinutes" ? { basis, minutes: input.days } : { basis, days: input.days };
      const stages = c.stages.map((s) =>
        s.key === rule.stage &&
        (s.status === "open" || s.status === "waiting") &&
        s.deadline !== null
          ? {
              ...s,
              deadline: extendDeadline(s.deadline, by as never, ctx.workingTime),
              atRiskAt: null,
            }
          : s,
      );
      return accept(
        { ...c, stages, extensionsUsed: c.extensionsUsed + 1 },
        [],
        [
          {
            kind: action,
            role: "executor",
            ...(c.departmentId !== null ? { departmentId: c.departmentId } : {}),
          },
        ],
      );
    }
    case "escalate": {
      if (!input.note.trim()) return invalid("note", "required");
      const to = (p.escalation?.to as Role | undefined) ?? "supervisor";
      const next = happen({ ...c, escalatedAt: now }, ["escalated"], now, ctx);
      return accept(
        next,
        ["escalated"],
        [
          { kind: action, role: to },
          ...(to !== "supervisor" ? [{ kind: action, role: "supervisor" as const }] : []),
        ],
      );
    }
  }
}

/** Whether the total of a procedure is still running on a case (for the extension dialog). */
export function totalRunning(c: CaseState, p: Procedure): boolean {
  const total = totalStage(p);
  return !!total && c.stages.some((s) => s.key === total.id && s.status === "open");
}
