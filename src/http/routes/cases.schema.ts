// Schemas of the case routes: the queue's filters, registration, and the body of every action.
import Type, { type Static, type TObject, type TProperties } from "typebox";
import { CHANNELS, IMPORTANCES } from "../../domain/regulation/schema.ts";
import { CASE_STATUSES, DRAFT_KINDS, NOT_PROCESSABLE } from "../../domain/workflow/case.ts";
import type { Action } from "../../domain/workflow/policy.ts";
import type { ActionRequest } from "../../app/act-on-case.ts";
import { ATTACHMENT_URL_PATTERN } from "../../app/attachments.ts";
import { CaseCardRef, CaseListItemRef, Id, Instant, Nullable, Ref } from "../schemas.ts";

/** A web link: http(s) only, so that no "javascript:" ever reaches a browser as a link. */
export const WebLink = Type.String({ format: "uri", pattern: "^https?://", maxLength: 2000 });

const Text = (max: number, description?: string) =>
  Type.String({ minLength: 1, maxLength: max, ...(description ? { description } : {}) });

const statuses = CASE_STATUSES.join("|");

export const CASE_SORTS = ["deadline", "opened", "-opened", "number", "-closed"] as const;

export const CaseListQuery = Type.Object(
  {
    status: Type.Optional(
      Type.String({
        pattern: `^(${statuses})(,(${statuses}))*$`,
        description: "One status or several, comma-separated: new,returned",
      }),
    ),
    stage: Type.Optional(
      Type.String({ pattern: "^[A-Za-z][A-Za-z0-9_-]{0,63}$", description: "An open stage" }),
    ),
    overdue: Type.Optional(Type.Boolean()),
    atRisk: Type.Optional(Type.Boolean()),
    department: Type.Optional(Id),
    topic: Type.Optional(Type.String({ maxLength: 64 })),
    location: Type.Optional(Type.String({ maxLength: 200, description: "Part of the location" })),
    settlement: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 200,
        description: "The gazetteer's settlement of the case's place, exactly (Пурпе, not Пурпе-1)",
      }),
    ),
    importance: Type.Optional(Type.Enum([...IMPORTANCES])),
    network: Type.Optional(Type.Enum([...CHANNELS])),
    text: Type.Optional(Text(200, "Words of the number or the message")),
    mine: Type.Optional(Type.Boolean({ description: "Only cases assigned to me" })),
    closed: Type.Optional(Type.Boolean({ description: "The archive instead of open cases" })),
    setAside: Type.Optional(
      Type.Boolean({ description: "Only messages triage took for not processable, undecided" }),
    ),
    sort: Type.Optional(Type.Enum([...CASE_SORTS])),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 50 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 })),
  },
  { additionalProperties: false },
);

/** A file uploaded through POST /api/v1/attachments, by the address it answered. */
const StoredFile = Type.String({
  pattern: ATTACHMENT_URL_PATTERN,
  description: "/api/v1/attachments/{id}",
});

const Attachment = Type.Object(
  {
    kind: Type.Enum(["photo", "video", "document", "link"]),
    url: Type.Union([WebLink, StoredFile]),
    name: Type.Optional(Type.String({ maxLength: 300 })),
  },
  { additionalProperties: false },
);

/** A page of the queue (written from kept rows: queue-page-bytes.ts). */
export const CasePage = Type.Object({
  items: Type.Array(CaseListItemRef),
  total: Type.Integer(),
  limit: Type.Integer(),
  offset: Type.Integer(),
});

export const RegisterBody = Type.Object(
  {
    channel: Type.Enum([...CHANNELS]),
    text: Text(10_000, "The message as written"),
    url: Type.Optional(Nullable(WebLink)),
    externalId: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    authorName: Type.Optional(Nullable(Type.String({ maxLength: 300 }))),
    authorUrl: Type.Optional(Nullable(WebLink)),
    authorExternalId: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    attachments: Type.Optional(Type.Array(Attachment, { maxItems: 20 })),
    postedAt: Type.Optional(Nullable(Instant)),
    detectedAt: Type.Optional(Nullable(Instant)),
    importance: Type.Optional(Type.Enum([...IMPORTANCES])),
    topic: Type.Optional(Nullable(Type.String({ maxLength: 64 }))),
    locationText: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
    repeatOf: Type.Optional(Nullable(Id)),
    likes: Type.Optional(Nullable(Type.Integer({ minimum: 0 }))),
    reposts: Type.Optional(Nullable(Type.Integer({ minimum: 0 }))),
    comments: Type.Optional(Nullable(Type.Integer({ minimum: 0 }))),
  },
  { additionalProperties: false },
);

const Note = Text(2000);

/** The fields of each action beside expectedVersion. A new action does not compile without one. */
export const ACTION_FIELDS = {
  triage: {
    topic: Type.Optional(Nullable(Type.String({ maxLength: 64 }))),
    importance: Type.Optional(Type.Enum([...IMPORTANCES])),
  },
  assign: { departmentId: Id, userId: Type.Optional(Nullable(Id)) },
  accept: {},
  return: { reason: Note },
  saveDraft: {
    kind: Type.Enum([...DRAFT_KINDS]),
    text: Text(10_000),
    attachments: Type.Optional(Type.Array(Attachment, { maxItems: 20 })),
    checklist: Type.Optional(Type.Record(Type.String({ maxLength: 64 }), Type.Boolean())),
  },
  submitDraft: {},
  approve: {},
  requestRevision: { remarks: Note },
  handOver: {},
  publish: { accountId: Type.Optional(Nullable(Id)), url: WebLink },
  markNotProcessable: { reason: Type.Enum([...NOT_PROCESSABLE]) },
  markDuplicate: { caseId: Id },
  linkRepeat: { caseId: Id },
  setAdditionalControl: { note: Note },
  reportMeasures: { text: Text(10_000) },
  resolve: {},
  requestPart: { departmentId: Id, userId: Nullable(Id) },
  submitPart: { departmentId: Id, text: Text(10_000) },
  designateLead: { departmentId: Id },
  shortenTerm: {
    stage: Type.String({ pattern: "^[A-Za-z][A-Za-z0-9_-]{0,63}$" }),
    term: Type.String({ minLength: 1, maxLength: 64, description: "30m, 2h, 1 working day" }),
  },
  requestExtension: {
    days: Type.Integer({ minimum: 1, maximum: 365 }),
    comment: Type.String({ maxLength: 2000 }),
  },
  decideExtension: { approve: Type.Boolean(), days: Type.Integer({ minimum: 0, maximum: 365 }) },
  escalate: { note: Note },
} satisfies Record<Action, TProperties>;

export function actionBody<A extends Action>(action: A) {
  return Type.Object(
    {
      expectedVersion: Type.Integer({
        minimum: 1,
        description: "The version of the case you saw: someone else's change since answers 409",
      }),
      ...ACTION_FIELDS[action],
    },
    { additionalProperties: false },
  );
}

// The schemas and the application's ActionRequest must agree, action by action.
type FieldsOf<A extends Action> = Static<TObject<(typeof ACTION_FIELDS)[A]>>;
type Agrees = {
  [A in Action]: { action: A } & FieldsOf<A> extends Extract<ActionRequest, { action: A }>
    ? true
    : false;
};

export const schemasAgree: { [A in Action]: true } = {} as Agrees;

export const ActionResponse = Type.Object({
  case: Nullable(CaseCardRef),
  assignedTo: Nullable(
    Type.Object({
      user: Ref,
      substitutedFor: Type.Array(Ref, {
        description: "The chosen executor and anyone after them who is away",
      }),
    }),
  ),
});
