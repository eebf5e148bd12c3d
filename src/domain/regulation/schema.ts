// The regulation format: a JSON Schema (TypeBox) for the YAML an administration's rules are written in.
import Type, { type Static } from "typebox";
import { TERM_PATTERN } from "./term.ts";

export const FORMAT = "otklik/regulation@1";

/** Otklik's roles (BRIEF.md) that can be responsible for a stage. */
export const ACTORS = [
  "curator",
  "executor",
  "approver",
  "supervisor",
  "system",
  "citizen",
] as const;
export type Actor = (typeof ACTORS)[number];

export const IMPORTANCES = ["normal", "high", "fastTrack"] as const;
export type Importance = (typeof IMPORTANCES)[number];

/**
 * Events of a case that start and stop clocks. Every stage runs from one event until one of
 * several others; the workflow emits them.
 */
export const EVENTS = [
  "posted", // the author posted the message (portal terms run from it)
  "detected", // a curator detected or registered it
  "assigned", // routed to an executor (department and person)
  "accepted", // the executor took it into work
  "returned", // the executor returned it as not in their competence
  "partRequested", // a co-executor was asked for their part of a joint answer
  "partSubmitted", // a co-executor sent their part to the lead executor
  "draftSubmitted", // a draft (final, interim or clarification) went to approval
  "revisionRequested", // the approver returned the draft with remarks
  "approved", // the approver approved the draft
  "handedOver", // the executor handed the approved answer to whoever publishes it
  "published", // the final answer was published
  "interimPublished", // an interim answer (or a clarification request) was published
  "rejectedByCitizen", // the author rejected the answer (portal)
  "repeatReceived", // a repeat of the author's earlier message arrived
  "additionalControlSet", // the case was put on additional control
  "additionalControlReported", // the executor reported measures under additional control
  "escalated", // a socially significant message or a burst was reported to the head
] as const;
export type CaseEvent = (typeof EVENTS)[number];

export const CHANNELS = [
  "vk",
  "ok",
  "telegram",
  "facebook",
  "instagram",
  "portal",
  "monitoring",
  "manual",
] as const;
export type Channel = (typeof CHANNELS)[number];

export const NOT_PROCESSABLE_REASONS = ["threat", "harmIntent", "obscene", "insult"] as const;

const literalUnion = <const T extends string[]>(values: readonly [...T], description: string) =>
  Type.Enum(values, { description });

const Clause = Type.String({
  minLength: 1,
  description:
    'The clause of the document the rule comes from, shown to users as "п. <clause>" ("8.2", "10, 14").',
});
const Note = Type.String({
  description: "Why the rule is encoded this way where the document is silent or ambiguous.",
});
const TermText = Type.String({
  pattern: TERM_PATTERN,
  description:
    'Working time "30m", "1h10m", "8h"; "N working days"; "N calendar days"; "4h before <stage>"; "immediately".',
});
const ActorField = literalUnion(ACTORS, "Who is responsible for the stage.");
const EventField = literalUnion(EVENTS, "A case event.");

const Variant = Type.Object(
  {
    term: TermText,
    from: Type.Optional(
      literalUnion(EVENTS, "When this variant's clock starts, if not the stage's own event."),
    ),
    clause: Type.Optional(Clause),
    note: Type.Optional(Note),
  },
  { additionalProperties: false },
);

const Stage = Type.Object(
  {
    id: Type.String({
      pattern: "^[a-z][A-Za-z0-9]*$",
      description: "Stable identifier, camelCase.",
    }),
    title: Type.String({ minLength: 1, description: "What the stage is, in Russian." }),
    actor: Type.Optional(ActorField),
    from: EventField,
    until: Type.Array(EventField, { minItems: 1, description: "Events that complete the stage." }),
    term: Type.Optional(TermText),
    clause: Type.Optional(Clause),
    kind: Type.Optional(
      literalUnion(
        ["task", "window", "total"],
        "task: must be done by the deadline; window: may be done until the deadline, then closes; total: the whole answer.",
      ),
    ),
    variants: Type.Optional(
      Type.Object(
        { high: Type.Optional(Variant), fastTrack: Type.Optional(Variant) },
        { additionalProperties: false, description: "Other terms by importance." },
      ),
    ),
    note: Type.Optional(Note),
  },
  { additionalProperties: false },
);

const Rule = <P extends Record<string, Parameters<typeof Type.Object>[0][string]>>(props: P) =>
  Type.Object(
    { ...props, clause: Clause, note: Type.Optional(Note) },
    { additionalProperties: false },
  );

const Procedure = Type.Object(
  {
    id: Type.String({ pattern: "^[a-z][A-Za-z0-9]*$" }),
    title: Type.String({ minLength: 1 }),
    document: Type.Optional(Type.String({ description: "The part of the act: «приложение 2»." })),
    channels: Type.Array(literalUnion(CHANNELS, "A channel messages come from."), { minItems: 1 }),
    importance: Type.Array(literalUnion(IMPORTANCES, "An importance."), { minItems: 1 }),
    startsAt: literalUnion(
      ["detected", "posted"],
      "The event that opens a case of this procedure.",
    ),
    stages: Type.Array(Stage, { minItems: 1 }),
    interim: Type.Optional(
      Rule({
        reasonRequired: Type.Optional(Type.Boolean()),
        clarificationCountsAsInterim: Type.Optional(Type.Boolean()),
      }),
    ),
    shortening: Type.Optional(
      Rule({
        by: ActorField,
        stage: Type.String({
          description: "The stage whose term may be shortened (usually total).",
        }),
        minimum: Type.Optional(TermText),
      }),
    ),
    extension: Type.Optional(
      Rule({
        stage: Type.String(),
        requestedBy: ActorField,
        decidedBy: ActorField,
        maximum: TermText,
        times: Type.Integer({ minimum: 1 }),
        commentRequired: Type.Optional(Type.Boolean()),
      }),
    ),
    parts: Type.Optional(Rule({ leadDesignatedBy: ActorField })),
    repeats: Type.Optional(
      Rule({
        sameDepartment: Type.Boolean(),
        answerMustReport: Type.Optional(Type.String()),
      }),
    ),
    additionalControl: Type.Optional(Rule({ by: ActorField })),
    moderation: Type.Optional(Rule({ deleteUnlawful: Type.Boolean(), blacklist: Type.Boolean() })),
    notProcessable: Type.Optional(
      Rule({
        reasons: Type.Array(literalUnion(NOT_PROCESSABLE_REASONS, "A reason not to answer."), {
          minItems: 1,
        }),
      }),
    ),
    escalation: Type.Optional(
      Rule({ by: ActorField, to: ActorField, when: Type.Array(Type.String(), { minItems: 1 }) }),
    ),
    publication: Type.Optional(
      Rule({
        accountChosenBy: Type.Optional(ActorField),
        sameNetwork: Type.Optional(Type.Boolean()),
        ownAccountWithLinkWhenCommentingImpossible: Type.Optional(Type.Boolean()),
      }),
    ),
    citizenFeedback: Type.Optional(
      Rule({
        confirm: Type.Boolean(),
        rate: Type.Boolean(),
        comment: Type.Boolean(),
        reject: Type.Boolean(),
      }),
    ),
    answerRequirements: Type.Optional(
      Rule({
        requires: Type.Array(
          literalUnion(
            ["substance", "measures", "dates", "contacts", "photo", "photoRequired", "legalBasis"],
            "What an answer holds.",
          ),
        ),
        plainLanguage: Type.Optional(Type.Boolean()),
        literacy: Type.Optional(Type.Boolean()),
      }),
    ),
    reports: Type.Optional(
      Type.Array(
        Rule({
          id: Type.String(),
          title: Type.String(),
          period: literalUnion(["quarter", "month", "year"], "How often."),
          dueDayOfNextPeriod: Type.Optional(Type.Integer({ minimum: 1, maximum: 31 })),
          by: ActorField,
          to: ActorField,
        }),
      ),
    ),
  },
  { additionalProperties: false },
);

const RoleDescription = Type.Object(
  { title: Type.String({ minLength: 1 }), clause: Type.Optional(Clause) },
  { additionalProperties: false },
);

export const RegulationSchema = Type.Object(
  {
    format: Type.Literal(FORMAT),
    id: Type.String({ pattern: "^[a-z][a-z0-9-]*$" }),
    name: Type.String({ minLength: 1, description: "The administration, in Russian." }),
    document: Type.Object(
      {
        title: Type.String({ minLength: 1 }),
        act: Type.String({
          minLength: 1,
          description: "Which act approved it: kind, date, number.",
        }),
        status: Type.Optional(Type.String()),
      },
      { additionalProperties: false },
    ),
    timeZone: Type.String({ minLength: 1, description: "IANA time zone of the administration." }),
    caseNumberPrefix: Type.String({ pattern: "^[А-ЯЁA-Z]{2,5}$" }),
    roles: Type.Object(
      {
        curator: Type.Optional(RoleDescription),
        executor: Type.Optional(RoleDescription),
        approver: Type.Optional(RoleDescription),
        supervisor: Type.Optional(RoleDescription),
        system: Type.Optional(RoleDescription),
        citizen: Type.Optional(RoleDescription),
      },
      { additionalProperties: false, description: "Who in the document plays each Otklik role." },
    ),
    procedures: Type.Array(Procedure, { minItems: 1 }),
  },
  { additionalProperties: false },
);

export type RegulationDocument = Static<typeof RegulationSchema>;
export type ProcedureDocument = RegulationDocument["procedures"][number];
export type StageDocument = ProcedureDocument["stages"][number];
