// Cases as people read them: a row of a queue and the whole card, each with the actions the reader
// may take now. The schemas here are the API's response schemas; the types derive from them.
import Type, { type Static, type TSchema } from "typebox";
import type { Procedure } from "../domain/regulation/model.ts";
import { CHANNELS, IMPORTANCES } from "../domain/regulation/schema.ts";
import {
  CASE_STATUSES,
  DRAFT_KINDS,
  NOT_PROCESSABLE,
  currentStage,
  riskAt,
  type CaseState,
  type Risk,
  type StageState,
} from "../domain/workflow/case.ts";
import {
  ACTIONS,
  allowedActions,
  authorDetailsFor,
  canSee,
  type Action,
  type Actor,
} from "../domain/workflow/policy.ts";
import { caseWithDetails } from "../db/case-details.ts";
import { caseFromState, stageFromJson, type Tx } from "../db/cases.ts";
import type { QueuePage, QueueRow } from "../db/queue.ts";
import type { Row } from "../db/schema.ts";
import type { TenantContext } from "./tenant-context.ts";
import {
  linkSuggestionsView,
  LinkSuggestionViewSchema,
  type LinkSuggestionView,
} from "./triage-links.ts";
import { storedSuggestion } from "./triage-suggestion.ts";

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Instant = Type.String({ format: "date-time" });
const Ref = Type.Object({ id: Type.Integer(), name: Type.String() });
const RiskSchema = Type.Enum(["none", "atRisk", "overdue"]);

const CurrentStageSchema = Type.Object({
  key: Type.String({ description: "The regulation's stage id: route, draft, approve, total…" }),
  title: Type.String(),
  actor: Nullable(Type.String()),
  deadline: Nullable(Instant),
  clause: Nullable(Type.String({ description: "Clause of the regulation behind the term" })),
  term: Nullable(Type.String({ description: "The term as the regulation writes it: 30m, 4h…" })),
  risk: RiskSchema,
});

const listItemProperties = {
  id: Type.Integer(),
  number: Type.String({ description: "СОБ-2026-000123" }),
  status: Type.Enum([...CASE_STATUSES]),
  importance: Type.Enum([...IMPORTANCES]),
  topic: Nullable(Type.String()),
  location: Nullable(Type.String()),
  settlement: Nullable(
    Type.String({
      description:
        "The gazetteer's settlement the location names, when it names one: routing offers its territorial unit",
    }),
  ),
  channel: Type.Enum([...CHANNELS]),
  summary: Type.String({ description: "The message's first 500 characters, plain text" }),
  department: Nullable(Ref),
  executor: Nullable(Ref),
  openedAt: Instant,
  closedAt: Nullable(Instant),
  stage: Nullable(CurrentStageSchema),
  deadline: Nullable(Type.String({ format: "date-time", description: "The total term" })),
  risk: RiskSchema,
  escalatedAt: Nullable(Type.String({ format: "date-time", description: "Reported to the head" })),
  setAside: Nullable(
    Type.Enum(["obscene", "threat", "insult"], {
      description: "Triage took the message for not processable: waits for a curator to decide",
    }),
  ),
  suspected: Nullable(
    Type.Enum(["repeat", "duplicate"], {
      description:
        "Triage took the message for a repeat of the author's earlier case or a duplicate of another author's: waits for a curator",
    }),
  ),
  version: Type.Integer({ description: "Send it back as expectedVersion" }),
  allowedActions: Type.Array(Type.Enum([...ACTIONS])),
};

export const CaseListItemSchema = Type.Object(listItemProperties);
export type CaseListItem = Static<typeof CaseListItemSchema>;

export const StageViewSchema = Type.Object({
  id: Type.Integer(),
  key: Type.String(),
  title: Type.String(),
  actor: Nullable(Type.String()),
  kind: Type.Enum(["task", "window", "total"]),
  cycle: Type.Integer(),
  status: Type.Enum(["open", "waiting", "done", "expired", "cancelled"]),
  startedAt: Instant,
  deadline: Nullable(Instant),
  completedAt: Nullable(Instant),
  clause: Nullable(Type.String()),
  term: Nullable(Type.String()),
  overridden: Type.Boolean({ description: "The term was shortened for this case" }),
  risk: RiskSchema,
  lateByMinutes: Nullable(
    Type.Integer({ description: "Working minutes past the deadline (done late, or still open)" }),
  ),
});

const LinkedCaseSchema = Type.Object({
  id: Type.Integer(),
  number: Type.String(),
  status: Type.Enum([...CASE_STATUSES]),
});

const AttachmentSchema = Type.Object({
  kind: Type.String(),
  url: Type.String(),
  name: Type.Optional(Type.String()),
});

const MessageViewSchema = Type.Object({
  id: Type.Integer(),
  relation: Type.Enum(["original", "repeat", "duplicate"]),
  network: Type.String(),
  url: Nullable(Type.String()),
  text: Type.String({ description: "As written, plain text: never render it as HTML" }),
  author: Type.Object({
    name: Nullable(Type.String({ description: "Shown to curators, executors and approvers" })),
    url: Nullable(Type.String({ description: "Profile link: curators and executors only" })),
  }),
  attachments: Type.Array(AttachmentSchema),
  postedAt: Nullable(Instant),
  detectedAt: Instant,
  likes: Nullable(Type.Integer()),
  reposts: Nullable(Type.Integer()),
  comments: Nullable(Type.Integer()),
});

const PersonRef = Nullable(Ref);

export const TRIAGE_FIELDS = [
  "topic",
  "location",
  "importance",
  "notProcessable",
  "repeat",
  "duplicate",
] as const;
export type TriageField = (typeof TRIAGE_FIELDS)[number];

/** What triage suggested for the case's first message, for the curator to confirm or correct. */
const TriageViewSchema = Type.Object(
  {
    topic: Nullable(
      Type.Object({
        code: Type.String(),
        name: Type.String(),
        score: Type.Number({ description: "0..1" }),
        words: Type.Array(Type.String(), { description: "The words that decided it" }),
        alternatives: Type.Array(
          Type.Object({ code: Type.String(), name: Type.String(), score: Type.Number() }),
        ),
      }),
    ),
    location: Nullable(
      Type.Object({
        label: Type.String({ description: "What the case's location becomes when accepted" }),
        text: Type.String({ description: "The words of the message that named the place" }),
        score: Type.Number(),
        settlement: Nullable(Type.String()),
        street: Nullable(Type.String()),
        house: Nullable(Type.String()),
        landmark: Nullable(Type.String()),
      }),
    ),
    importance: Type.Object({
      value: Type.Enum(["normal", "high"]),
      reasons: Type.Array(Type.String()),
    }),
    notProcessable: Nullable(
      Type.Object({
        reason: Type.Enum(["obscene", "threat", "insult"]),
        evidence: Type.Array(Type.String(), { description: "The fragments, as written" }),
      }),
    ),
    repeatOf: Nullable(LinkSuggestionViewSchema),
    duplicateOf: Nullable(LinkSuggestionViewSchema),
    decided: Type.Array(Type.Enum([...TRIAGE_FIELDS]), {
      description: "Fields a curator has already confirmed or corrected",
    }),
  },
  { description: "Triage suggestions; decide them with POST /cases/{id}/triage" },
);

export const CaseCardSchema = Type.Object({
  ...listItemProperties,
  procedure: Type.String(),
  additionalControl: Type.Boolean(),
  notProcessable: Nullable(Type.Enum([...NOT_PROCESSABLE])),
  triage: Nullable(TriageViewSchema),
  extensionsUsed: Type.Integer(),
  coExecutors: Type.Array(
    Type.Object({
      department: Ref,
      user: PersonRef,
      lead: Type.Boolean(),
      partRequestedAt: Nullable(Instant),
      partSubmittedAt: Nullable(Instant),
    }),
  ),
  authorDetails: Type.Enum(["full", "name", "none"], {
    description: "How much of the authors the reader's roles may see",
  }),
  messages: Type.Array(MessageViewSchema),
  linked: Type.Object({
    repeatOf: Nullable(LinkedCaseSchema),
    duplicateOf: Nullable(LinkedCaseSchema),
    repeats: Type.Array(LinkedCaseSchema),
    duplicates: Type.Array(LinkedCaseSchema),
  }),
  stages: Type.Array(StageViewSchema),
  timeline: Type.Array(
    Type.Object({
      id: Type.Integer(),
      action: Type.String(),
      at: Instant,
      actor: PersonRef,
      status: Nullable(Type.String({ description: "The case's status after the action" })),
      details: Nullable(Type.Record(Type.String(), Type.Unknown())),
      stage: Nullable(
        Type.String({
          description:
            "The stage (its key) whose deadline the entry is about: the scheduler's overdue, atRisk and windowExpired",
        }),
      ),
    }),
  ),
  drafts: Type.Array(
    Type.Object({
      id: Type.Integer(),
      kind: Type.Enum([...DRAFT_KINDS]),
      version: Type.Integer(),
      text: Type.String(),
      attachments: Type.Array(AttachmentSchema),
      checklist: Type.Record(Type.String(), Type.Unknown()),
      status: Type.Enum([
        "editing",
        "submitted",
        "approved",
        "returned",
        "published",
        "superseded",
      ]),
      remarks: Nullable(Type.String()),
      author: PersonRef,
      reviewedBy: PersonRef,
      createdAt: Instant,
      submittedAt: Nullable(Instant),
      reviewedAt: Nullable(Instant),
    }),
  ),
  publications: Type.Array(
    Type.Object({
      id: Type.Integer(),
      draftId: Type.Integer(),
      network: Type.String(),
      account: PersonRef,
      url: Nullable(Type.String()),
      state: Type.Enum(["pending", "published", "failed", "confirmed"]),
      publishedBy: PersonRef,
      publishedAt: Nullable(Instant),
    }),
  ),
  notes: Type.Array(
    Type.Object({
      id: Type.Integer(),
      kind: Type.String(),
      text: Type.String(),
      author: PersonRef,
      createdAt: Instant,
    }),
  ),
  extensionRequests: Type.Array(
    Type.Object({
      id: Type.Integer(),
      days: Type.Integer(),
      comment: Type.String(),
      requestedBy: PersonRef,
      requestedAt: Instant,
      decision: Nullable(Type.Enum(["approved", "rejected"])),
      decidedBy: PersonRef,
      decidedAt: Nullable(Instant),
    }),
  ),
});
export type CaseCard = Static<typeof CaseCardSchema>;

/** Who reads, in which tenant, at what moment. */
export interface Reader {
  ctx: TenantContext;
  actor: Actor;
  now: number;
}

/** An instant as the API writes it; lists read as JSON bring theirs as strings with an offset. */
const iso = (t: number | Date | string | null): string | null =>
  t === null ? null : new Date(t).toISOString();
const ref = (id: number | null, names: Map<number, string>) =>
  id === null ? null : { id, name: names.get(id) ?? "—" };

function procedureOf(ctx: TenantContext, id: string): Procedure | undefined {
  return ctx.regulation.procedures.find((p) => p.id === id);
}

function stageRisk(s: StageState, now: number): Risk {
  if (s.status !== "open" || s.kind === "window" || s.deadline === null) return "none";
  if (s.deadline <= now) return "overdue";
  return s.atRiskAt !== null && s.atRiskAt <= now ? "atRisk" : "none";
}

const stageTitle = (p: Procedure | undefined, key: string): string =>
  p?.stages.find((s) => s.id === key)?.title ?? key;

function totalDeadline(c: CaseState): string | null {
  const total = c.stages.find(
    (s) => s.kind === "total" && (s.status === "open" || s.status === "waiting"),
  );
  return iso(total?.deadline ?? null);
}

/** What a row shows of a case's instants and current stage: the same for every reader. */
interface ItemTimes {
  stage: StageState | undefined;
  stageDeadline: string | null;
  openedAt: string;
  closedAt: string | null;
  deadline: string | null;
  escalatedAt: string | null;
}

function itemTimes(c: CaseState): ItemTimes {
  const stage = currentStage(c);
  return {
    stage,
    stageDeadline: iso(stage?.deadline ?? null),
    openedAt: iso(c.openedAt) as string,
    closedAt: iso(c.closedAt),
    deadline: totalDeadline(c),
    escalatedAt: iso(c.escalatedAt),
  };
}

function listItem(
  reader: Reader,
  row: Pick<
    Row<"cases">,
    | "location_text"
    | "summary"
    | "not_processable_suggested"
    | "suggested_repeat_of"
    | "suggested_duplicate_of"
  > & { settlement: string | null },
  c: CaseState,
  departments: Map<number, string>,
  people: Map<number, string>,
  times: ItemTimes = itemTimes(c),
  variant: ItemVariant = variantOf(reader, c, times),
): CaseListItem {
  const p = procedureOf(reader.ctx, c.procedure);
  const { stage } = times;
  return {
    id: c.id,
    number: c.number,
    status: c.status,
    importance: c.importance,
    topic: c.topic,
    location: row.location_text,
    settlement: row.settlement,
    channel: c.channel,
    summary: row.summary,
    department: ref(c.departmentId, departments),
    executor: ref(c.executorId, people),
    openedAt: times.openedAt,
    closedAt: times.closedAt,
    stage: stage
      ? {
          key: stage.key,
          title: stageTitle(p, stage.key),
          actor: stage.actor,
          deadline: times.stageDeadline,
          clause: stage.clause,
          term: stage.term,
          risk: variant.stageRisk,
        }
      : null,
    deadline: times.deadline,
    risk: variant.risk,
    escalatedAt: times.escalatedAt,
    setAside: c.closedAt === null ? row.not_processable_suggested : null,
    suspected:
      c.closedAt !== null
        ? null
        : row.suggested_repeat_of !== null
          ? "repeat"
          : row.suggested_duplicate_of !== null
            ? "duplicate"
            : null,
    version: c.version,
    allowedActions: variant.allowedActions,
  };
}

/**
 * What of a row depends on its reader and the moment: the risks at the current time and the
 * reader's actions. Everything else of a row is the same for every reader of a page.
 */
export interface ItemVariant {
  stageRisk: Risk;
  risk: Risk;
  allowedActions: Action[];
}

function variantOf(reader: Reader, c: CaseState, times: ItemTimes): ItemVariant {
  const p = procedureOf(reader.ctx, c.procedure);
  return {
    stageRisk: times.stage ? stageRisk(times.stage, reader.now) : "none",
    risk: c.closedAt === null ? riskAt(c, reader.now) : "none",
    allowedActions: p ? allowedActions(reader.actor, c, p) : [],
  };
}

/** The settlement of a case's place as stored (`KnownPlace` in gazetteer.ts). */
const settlementOf = (location: unknown): string | null => {
  const settlement = (location as { settlement?: unknown } | null)?.settlement;
  return typeof settlement === "string" ? settlement : null;
};

/** A row of a queue page as the workflow sees it: the same for every reader of the page. */
export interface QueueEntry {
  row: QueueRow;
  c: CaseState;
  departments: Map<number, string>;
  people: Map<number, string>;
  times: ItemTimes;
}

/** A queue page made ready once, however many readers it is kept for (queue-cache.ts). */
export interface ReadyPage {
  entries: QueueEntry[];
  total: number;
}

export function readyPage(page: QueuePage): ReadyPage {
  const entries = page.rows.map((row): QueueEntry => {
    const c = caseFromState(
      row,
      (row.open_stages ?? []).map(stageFromJson),
      row.latest_draft ?? undefined,
    );
    const departments = new Map<number, string>();
    if (row.department_id !== null && row.department_name !== null)
      departments.set(row.department_id, row.department_name);
    const people = new Map<number, string>();
    if (row.executor_id !== null && row.executor_name !== null)
      people.set(row.executor_id, row.executor_name);
    return { row, c, departments, people, times: itemTimes(c) };
  });
  return { entries, total: page.total };
}

/** The reader's variant of a kept row. */
export const entryVariant = (reader: Reader, e: QueueEntry): ItemVariant =>
  variantOf(reader, e.c, e.times);

/** A kept row as its reader sees it: its current stage, deadlines, risks and the reader's actions. */
export const entryItem = (
  reader: Reader,
  e: QueueEntry,
  variant: ItemVariant = entryVariant(reader, e),
): CaseListItem => listItem(reader, e.row, e.c, e.departments, e.people, e.times, variant);

/** The suggestion stored with the case's first message, and what curators already decided. */
function triageView(
  messages: Array<Pick<Row<"messages">, "relation" | "triage">>,
  decided: TriageField[],
  links: { repeatOf: LinkSuggestionView | null; duplicateOf: LinkSuggestionView | null },
): Static<typeof TriageViewSchema> | null {
  const s = storedSuggestion(firstMessage(messages)?.triage);
  if (!s) return null;
  return {
    topic: s.topic,
    location: s.location,
    importance: s.importance,
    notProcessable: s.notProcessable,
    ...links,
    decided,
  };
}

const firstMessage = <M extends Pick<Row<"messages">, "relation">>(messages: M[]): M | undefined =>
  messages.find((m) => m.relation === "original") ?? messages[0];

type Attachment = Static<typeof AttachmentSchema>;
const attachmentsOf = (v: unknown): Attachment[] => (Array.isArray(v) ? (v as Attachment[]) : []);

/** The whole card of a case, or nothing when the reader may not see it. */
export async function caseCard(
  tx: Tx,
  reader: Reader,
  caseId: number,
): Promise<CaseCard | undefined> {
  const tenantId = reader.ctx.tenant.id;
  const loaded = await caseWithDetails(tx, tenantId, caseId);
  if (!loaded) return undefined;
  const {
    stage_list,
    latest_draft,
    draft_list: drafts,
    message_list: messages,
    linked_list: linked,
    publication_list: publications,
    note_list: notes,
    extension_list: extensions,
    audit_list: audit,
    decided_fields,
    department_names,
    people_names,
    ...row
  } = loaded;
  const c = caseFromState(row, (stage_list ?? []).map(stageFromJson), latest_draft ?? undefined);
  if (!canSee(reader.actor, c)) return undefined;
  const decided = [...(decided_fields ?? [])].sort() as TriageField[];
  const links = await linkSuggestionsView(
    tx,
    tenantId,
    storedSuggestion(firstMessage(messages)?.triage),
    { repeat: row.suggested_repeat_of !== null, duplicate: row.suggested_duplicate_of !== null },
  );
  const namesOf = (o: Record<string, string> | null) =>
    new Map(Object.entries(o ?? {}).map(([id, name]) => [Number(id), name]));
  const departments = namesOf(department_names);
  const people = namesOf(people_names);
  const p = procedureOf(reader.ctx, c.procedure);
  const details = authorDetailsFor(reader.actor);
  const wt = reader.ctx.workingTime;
  const person = (id: number | null, name: string | null) =>
    id === null ? null : { id, name: name ?? "—" };
  const linkedOf = (r: (typeof linked)[number]) => ({
    id: r.id,
    number: r.number,
    status: r.status as CaseCard["status"],
  });
  const byId = (id: number | null) => {
    const found = id === null ? undefined : linked.find((r) => r.id === id);
    return found ? linkedOf(found) : null;
  };
  return {
    ...listItem(reader, { ...row, settlement: settlementOf(row.location) }, c, departments, people),
    procedure: c.procedure,
    additionalControl: c.additionalControl,
    notProcessable: c.notProcessable,
    triage: triageView(messages, decided, links),
    extensionsUsed: c.extensionsUsed,
    coExecutors: c.coExecutors.map((x) => ({
      department: { id: x.departmentId, name: departments.get(x.departmentId) ?? "—" },
      user: ref(x.userId, people),
      lead: x.lead,
      partRequestedAt: iso(x.partRequestedAt),
      partSubmittedAt: iso(x.partSubmittedAt),
    })),
    authorDetails: details,
    messages: messages.map((m) => ({
      id: m.id,
      relation: m.relation,
      network: m.network,
      url: m.url,
      text: m.text,
      author: {
        name: details === "none" ? null : m.author_name,
        url: details === "full" ? m.author_url : null,
      },
      attachments: attachmentsOf(m.attachments),
      postedAt: iso(m.posted_at),
      detectedAt: iso(m.detected_at) as string,
      likes: m.likes,
      reposts: m.reposts,
      comments: m.comments,
    })),
    linked: {
      repeatOf: byId(row.repeat_of),
      duplicateOf: byId(row.duplicate_of),
      repeats: linked.filter((r) => r.repeat_of === caseId).map(linkedOf),
      duplicates: linked.filter((r) => r.duplicate_of === caseId).map(linkedOf),
    },
    stages: c.stages.map((s) => {
      const end = s.status === "open" ? reader.now : s.status === "done" ? s.completedAt : null;
      const late =
        s.deadline !== null && end !== null && end > s.deadline
          ? Math.round(wt.workingMinutesBetween(s.deadline, end))
          : null;
      return {
        id: s.id ?? 0,
        key: s.key,
        title: stageTitle(p, s.key),
        actor: s.actor,
        kind: s.kind,
        cycle: s.cycle,
        status: s.status,
        startedAt: iso(s.startedAt) as string,
        deadline: iso(s.deadline),
        completedAt: iso(s.completedAt),
        clause: s.clause,
        term: s.term,
        overridden: s.overridden,
        risk: stageRisk(s, reader.now),
        lateByMinutes: late,
      };
    }),
    timeline: audit.map((a) => ({
      id: a.id,
      action: a.action,
      at: iso(a.at) as string,
      actor: person(a.actor_id, a.actor_name),
      status: typeof a.after?.status === "string" ? a.after.status : null,
      details:
        a.after && typeof a.after.input === "object" && a.after.input !== null
          ? (a.after.input as Record<string, unknown>)
          : null,
      stage: typeof a.after?.stage === "string" ? a.after.stage : null,
    })),
    drafts: drafts.map((d) => ({
      id: d.id,
      kind: d.kind,
      version: d.version,
      text: d.text,
      attachments: attachmentsOf(d.attachments),
      checklist: d.checklist,
      status: d.status,
      remarks: d.remarks,
      author: person(d.author_id, d.author_name),
      reviewedBy: person(d.reviewed_by, d.reviewer_name),
      createdAt: iso(d.created_at) as string,
      submittedAt: iso(d.submitted_at),
      reviewedAt: iso(d.reviewed_at),
    })),
    publications: publications.map((x) => ({
      id: x.id,
      draftId: x.draft_id,
      network: x.network,
      account: person(x.account_id, x.account_name),
      url: x.url,
      state: x.state,
      publishedBy: person(x.published_by, x.published_by_name),
      publishedAt: iso(x.published_at),
    })),
    notes: notes.map((n) => ({
      id: n.id,
      kind: n.kind,
      text: n.text,
      author: person(n.author_id, n.author_name),
      createdAt: iso(n.created_at) as string,
    })),
    extensionRequests: extensions.map((e) => ({
      id: e.id,
      days: e.days,
      comment: e.comment,
      requestedBy: person(e.requested_by, e.requested_by_name),
      requestedAt: iso(e.requested_at) as string,
      decision: e.decision,
      decidedBy: person(e.decided_by, e.decided_by_name),
      decidedAt: iso(e.decided_at),
    })),
  };
}
