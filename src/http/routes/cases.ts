// Cases: the queue, registration, the card, and every workflow action with optimistic concurrency.
import type { Static } from "typebox";
import { ACTIONS, type Action } from "../../domain/workflow/policy.ts";
import { actOnCase, type ActionRequest } from "../../app/act-on-case.ts";
import { caseCard, readyPage } from "../../app/case-view.ts";
import { registerCase } from "../../app/register-case.ts";
import { userNames } from "../../db/case-details.ts";
import { listCases, type QueueFilter, type QueueSort } from "../../db/queue.ts";
import {
  authOf,
  fail,
  inTransaction,
  tenantContextOf,
  type App,
  type HttpEnv,
} from "../context.ts";
import { CaseCardRef, IdParams, responses } from "../schemas.ts";
import {
  ActionResponse,
  actionBody,
  CaseListQuery,
  CasePage,
  RegisterBody,
} from "./cases.schema.ts";
import { pageBytes } from "../queue-page-bytes.ts";

const ms = (iso: string | null | undefined): number | null =>
  iso === null || iso === undefined ? null : Date.parse(iso);

export async function caseRoutes(app: App, env: HttpEnv): Promise<void> {
  app.get(
    "/cases",
    {
      schema: {
        tags: ["cases"],
        summary: "Очередь карточек с фильтрами, сортировкой и страницами",
        querystring: CaseListQuery,
        response: responses({ 200: CasePage }),
      },
    },
    async (request, reply) => {
      const auth = authOf(request);
      const q = request.query;
      const { actor } = auth;
      // An executor sees the cases of their departments only (policy.ts canSee); others the tenant's.
      const executorOnly = actor.memberships.every((m) => m.role === "executor");
      const filter: QueueFilter = {
        tenantId: auth.tenantId,
        ...(executorOnly
          ? {
              departmentsOnly: actor.memberships.flatMap((m) =>
                m.departmentId === null ? [] : [m.departmentId],
              ),
            }
          : {}),
        ...(q.status ? { status: q.status.split(",") } : {}),
        ...(q.stage ? { stage: q.stage } : {}),
        ...(q.overdue ? { overdue: true } : {}),
        ...(q.atRisk ? { atRisk: true } : {}),
        ...(q.department !== undefined ? { departmentId: q.department } : {}),
        ...(q.topic ? { topic: q.topic } : {}),
        ...(q.location ? { location: q.location } : {}),
        ...(q.settlement ? { settlement: q.settlement } : {}),
        ...(q.importance ? { importance: q.importance } : {}),
        ...(q.network ? { channel: q.network } : {}),
        ...(q.text ? { text: q.text } : {}),
        ...(q.mine ? { executorId: auth.userId } : {}),
        ...(q.closed ? { closed: true } : {}),
        ...(q.setAside ? { setAside: true } : {}),
      };
      const sort: QueueSort = q.sort ?? (q.closed ? "-closed" : "deadline");
      const limit = q.limit ?? 50;
      const offset = q.offset ?? 0;
      const now = env.now();
      // Two reads, no transaction: the tenant's rules, then the page in one statement (or kept).
      const ctx = await tenantContextOf(env.db, env, auth);
      // The filter names the reader's scope (departments, "mine"), so readers share a page only
      // when they would read the same rows.
      const page = await env.queuePages.page(
        auth.tenantId,
        JSON.stringify([filter, sort, limit, offset]),
        async () => readyPage(await listCases(env.db, filter, sort, limit, offset)),
      );
      // Bytes already written by the schema's serializer: Fastify sends them as they are.
      const bytes = pageBytes({ ctx, actor, now }, page, limit, offset);
      return reply
        .type("application/json; charset=utf-8")
        .send(bytes as unknown as Static<typeof CasePage>);
    },
  );

  app.post(
    "/cases",
    {
      schema: {
        tags: ["cases"],
        summary: "Зарегистрировать сообщение: новая карточка (куратор)",
        body: RegisterBody,
        response: responses({ 201: CaseCardRef }),
      },
    },
    async (request, reply) => {
      const auth = authOf(request);
      const b = request.body;
      const now = env.now();
      const result = await inTransaction(env.db, async (tx) => {
        const ctx = await tenantContextOf(tx, env, auth);
        const registered = await registerCase(
          tx,
          ctx,
          auth.actor,
          {
            channel: b.channel,
            text: b.text,
            ...(b.url !== undefined ? { url: b.url } : {}),
            ...(b.externalId !== undefined ? { externalId: b.externalId } : {}),
            ...(b.authorName !== undefined ? { authorName: b.authorName } : {}),
            ...(b.authorUrl !== undefined ? { authorUrl: b.authorUrl } : {}),
            ...(b.authorExternalId !== undefined ? { authorExternalId: b.authorExternalId } : {}),
            ...(b.attachments !== undefined ? { attachments: b.attachments } : {}),
            postedAt: ms(b.postedAt),
            detectedAt: ms(b.detectedAt),
            ...(b.importance !== undefined ? { importance: b.importance } : {}),
            ...(b.topic !== undefined ? { topic: b.topic } : {}),
            ...(b.locationText !== undefined ? { locationText: b.locationText } : {}),
            ...(b.repeatOf !== undefined ? { repeatOf: b.repeatOf } : {}),
            ...(b.likes !== undefined ? { likes: b.likes } : {}),
            ...(b.reposts !== undefined ? { reposts: b.reposts } : {}),
            ...(b.comments !== undefined ? { comments: b.comments } : {}),
          },
          now,
          request.id,
        );
        if (!registered.ok) return registered;
        return { ok: true as const, ctx, id: registered.case.id };
      });
      if (!result.ok) return fail(request, reply, result);
      // Read after the commit: the tenant's case counter stays locked until then, and every other
      // registration of the tenant waits for it.
      const card = await caseCard(env.db, { ctx: result.ctx, actor: auth.actor, now }, result.id);
      if (!card) throw new Error("a registered case is invisible to its registrar");
      reply.header("location", `/api/v1/cases/${card.id}`);
      return reply.code(201).send(card);
    },
  );

  app.get(
    "/cases/:id",
    {
      schema: {
        tags: ["cases"],
        summary:
          "Карточка: сообщения, этапы со сроками, история, проекты ответов, размещения, доступные действия",
        params: IdParams,
        response: responses({ 200: CaseCardRef }),
      },
    },
    async (request, reply) => {
      const auth = authOf(request);
      const now = env.now();
      const card = await env.db.transaction().execute(async (tx) => {
        const ctx = await tenantContextOf(tx, env, auth);
        return caseCard(tx, { ctx, actor: auth.actor, now }, request.params.id);
      });
      return card ?? fail(request, reply, { ok: false, kind: "notFound" });
    },
  );

  for (const action of ACTIONS) registerAction(app, env, action);
}

function registerAction(app: App, env: HttpEnv, action: Action): void {
  app.post(
    `/cases/:id/actions/${action}`,
    {
      schema: {
        tags: ["case actions"],
        summary: `Действие «${action}» над карточкой`,
        description:
          "Who may take it and when comes from the policy table; a stale expectedVersion answers 409 " +
          "with the current version, an action not allowed now answers 409 with allowedActions.",
        params: IdParams,
        body: actionBody(action),
        response: responses({ 200: ActionResponse }),
      },
    },
    async (request, reply) => {
      const auth = authOf(request);
      const { expectedVersion, ...fields } = request.body as { expectedVersion: number } & Record<
        string,
        unknown
      >;
      const caseId = request.params.id;
      const now = env.now();
      const result = await inTransaction(env.db, async (tx) => {
        const ctx = await tenantContextOf(tx, env, auth);
        // The body matched this action's schema, which agrees with ActionRequest (cases.schema.ts).
        const actionRequest = { action, ...fields } as ActionRequest;
        const acted = await actOnCase(tx, ctx, auth.actor, caseId, actionRequest, {
          now,
          expectedVersion,
          requestId: request.id,
        });
        if (!acted.ok) return acted;
        const card = await caseCard(tx, { ctx, actor: auth.actor, now }, caseId);
        const assigned = acted.assignedTo;
        const names = assigned
          ? await userNames(tx, [assigned.userId, ...assigned.substitutedFor])
          : new Map<number, string>();
        const named = (id: number) => ({ id, name: names.get(id) ?? "—" });
        return {
          ok: true as const,
          // After a return the executor no longer sees the case: the answer says so with null.
          case: card ?? null,
          assignedTo: assigned
            ? {
                user: named(assigned.userId),
                substitutedFor: assigned.substitutedFor.map(named),
              }
            : null,
        };
      });
      if (!result.ok) return fail(request, reply, result);
      return { case: result.case, assignedTo: result.assignedTo };
    },
  );
}
