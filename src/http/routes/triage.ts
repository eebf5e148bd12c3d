// Triage on the card: the curator's decision on the suggestions, and the quality check of a draft
// answer (both read the triage library in domain/triage).
import Type from "typebox";
import { IMPORTANCES } from "../../domain/regulation/schema.ts";
import { NOT_PROCESSABLE } from "../../domain/workflow/case.ts";
import { caseCard } from "../../app/case-view.ts";
import { decideTriage } from "../../app/decide-triage.ts";
import { checkDraft } from "../../app/draft-check.ts";
import { loadRussianSpelling } from "../../app/spelling.ts";
import {
  authOf,
  fail,
  inTransaction,
  tenantContextOf,
  type App,
  type HttpEnv,
} from "../context.ts";
import { CaseCardRef, Id, IdParams, Nullable, responses } from "../schemas.ts";

const TriageBody = Type.Object(
  {
    expectedVersion: Type.Integer({ minimum: 1, description: "The version of the case you saw" }),
    topic: Type.Optional(
      Nullable(Type.String({ maxLength: 64, description: "A rubricator code" })),
    ),
    importance: Type.Optional(Type.Enum([...IMPORTANCES])),
    location: Type.Optional(
      Nullable(Type.String({ maxLength: 500, description: "The place as the card shows it" })),
    ),
    notProcessable: Type.Optional(
      Type.Object(
        {
          confirm: Type.Boolean({ description: "true: archive unanswered; false: not so" }),
          reason: Type.Optional(Type.Enum([...NOT_PROCESSABLE])),
        },
        { additionalProperties: false },
      ),
    ),
    repeatOf: Type.Optional(
      Type.Object(
        {
          confirm: Type.Boolean({
            description:
              "true: a repeat of the author's earlier case, linked and routed to its department",
          }),
          caseId: Type.Optional(Id),
        },
        {
          additionalProperties: false,
          description: "Decided alone; caseId defaults to the suggested case",
        },
      ),
    ),
    duplicateOf: Type.Optional(
      Type.Object(
        {
          confirm: Type.Boolean({
            description:
              "true: the message joins the other author's case and this case closes as a duplicate",
          }),
          caseId: Type.Optional(Id),
        },
        {
          additionalProperties: false,
          description: "Decided alone; caseId defaults to the suggested case",
        },
      ),
    ),
  },
  { additionalProperties: false },
);

const DraftCheckBody = Type.Object(
  {
    text: Type.String({ maxLength: 10_000 }),
    attachments: Type.Optional(
      Type.Array(Type.Object({ kind: Type.String({ maxLength: 20 }) }), { maxItems: 20 }),
    ),
    spelling: Type.Optional(
      Type.Boolean({
        description: "Check the spelling too: the first check loads the dictionary (seconds)",
      }),
    ),
  },
  { additionalProperties: false },
);

const DraftCheckSchema = Type.Object({
  score: Type.Integer({ description: "100 minus the findings' penalties" }),
  findings: Type.Array(
    Type.Object({
      code: Type.String(),
      message: Type.String({ description: "In Russian, for the executor" }),
      span: Nullable(Type.Object({ start: Type.Integer(), end: Type.Integer() })),
      fragment: Type.Optional(Type.String()),
      suggestion: Type.Optional(Type.String()),
      penalty: Type.Number(),
    }),
  ),
  requires: Type.Array(Type.String(), {
    description: "What the procedure's answerRequirements ask an answer to hold",
  }),
  spelling: Type.Boolean({ description: "Whether the spelling was checked" }),
});

export async function triageRoutes(app: App, env: HttpEnv): Promise<void> {
  app.post(
    "/cases/:id/triage",
    {
      schema: {
        tags: ["cases"],
        summary:
          "Подтвердить или исправить подсказку разбора: тема, место, важность; «не подлежит обработке», повтор и дубликат — отдельно",
        description:
          "Topic and importance are the workflow's triage action (a stale expectedVersion answers " +
          "409); the location is stored beside it; notProcessable {confirm} archives the case or " +
          "clears the suggestion; repeatOf {confirm} links the case to the author's earlier one and " +
          "routes it to that department; duplicateOf {confirm} moves the message into the other " +
          "author's case and closes this one as a duplicate. Every decision is stored with what " +
          "was suggested.",
        params: IdParams,
        body: TriageBody,
        response: responses({ 200: CaseCardRef }),
      },
    },
    async (request, reply) => {
      const auth = authOf(request);
      const { expectedVersion, ...decision } = request.body;
      const caseId = request.params.id;
      const now = env.now();
      const result = await inTransaction(env.db, async (tx) => {
        const ctx = await tenantContextOf(tx, env, auth);
        const decided = await decideTriage(tx, ctx, auth.actor, caseId, decision, {
          now,
          expectedVersion,
          requestId: request.id,
        });
        if (!decided.ok) return decided;
        const card = await caseCard(tx, { ctx, actor: auth.actor, now }, caseId);
        if (!card) throw new Error("a triaged case is invisible to the curator who triaged it");
        return { ok: true as const, card };
      });
      return result.ok ? result.card : fail(request, reply, result);
    },
  );

  app.post(
    "/cases/:id/draft-check",
    {
      schema: {
        tags: ["cases"],
        summary:
          "Проверить проект ответа: канцелярит, сроки, контакты, фото — по требованиям регламента",
        description:
          "Runs the answer-quality check with the case procedure's answerRequirements. Nothing is " +
          "stored. Spelling only when asked: its dictionary is loaded on the first such check.",
        params: IdParams,
        body: DraftCheckBody,
        response: responses({ 200: DraftCheckSchema }),
      },
    },
    async (request, reply) => {
      const auth = authOf(request);
      const b = request.body;
      // Loaded before the transaction: the first load takes seconds and holds no rows.
      const spell = b.spelling === true ? await loadRussianSpelling() : undefined;
      const result = await env.db.transaction().execute(async (tx) => {
        const ctx = await tenantContextOf(tx, env, auth);
        return checkDraft(tx, ctx, auth.actor, request.params.id, {
          text: b.text,
          attachmentKinds: (b.attachments ?? []).map((a) => a.kind),
          ...(spell ? { spell } : {}),
        });
      });
      return result.ok ? result.check : fail(request, reply, result);
    },
  );
}
