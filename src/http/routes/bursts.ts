// Bursts of messages raised as escalations, for the supervisor's overview, and what the tenant's
// own topic model has learnt from its curators, for the admin page.
import Type from "typebox";
import { listBursts } from "../../app/raise-burst.ts";
import { topicModelState } from "../../app/tenant-topic-model.ts";
import {
  authOf,
  fail,
  inTransaction,
  tenantContextOf,
  type App,
  type HttpEnv,
} from "../context.ts";
import { Instant, Nullable, responses } from "../schemas.ts";

const iso = (t: number) => new Date(t).toISOString();

const BurstList = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Type.Integer(),
      topic: Type.String({ description: "A rubricator code" }),
      topicName: Type.String(),
      settlement: Type.String({ description: "As the tenant's gazetteer names it" }),
      startedAt: Instant,
      windowHours: Type.Integer({ description: "The window in which the messages stood out" }),
      count: Type.Integer({ description: "Messages in the window" }),
      expected: Type.Number({ description: "Messages the usual rate predicts for the window" }),
      baseline: Type.Object({
        meanPerDay: Type.Number(),
        sdPerDay: Type.Number(),
        days: Type.Integer({ description: "Days of history behind the usual rate" }),
      }),
      pValue: Type.Number(),
      text: Type.String({ description: "The figures in one Russian sentence" }),
      raisedAt: Instant,
      lastSeenAt: Instant,
      notified: Type.Integer({ description: "People told when it was raised" }),
    }),
  ),
});

const TopicModelSchema = Type.Object({
  source: Type.Enum(["tenant", "shipped"], {
    description: "tenant: retrained on the curators' decisions; shipped: the default model",
  }),
  version: Nullable(Type.Integer()),
  corrections: Type.Integer({ description: "Topic decisions the model has learnt" }),
  trainedAt: Nullable(Instant),
  pending: Type.Integer({ description: "Decisions made since, learnt at the next retraining" }),
});

export async function burstRoutes(app: App, env: HttpEnv): Promise<void> {
  app.get(
    "/bursts",
    {
      schema: {
        tags: ["reports"],
        summary: "Всплески сообщений по теме в населённом пункте, доложенные Главе",
        description:
          "Raised by the scheduler against each topic and place's own history, one per burst. " +
          "`from`/`to` bound when they were raised (default: the last 7 days).",
        querystring: Type.Object(
          { from: Type.Optional(Instant), to: Type.Optional(Instant) },
          { additionalProperties: false },
        ),
        response: responses({ 200: BurstList }),
      },
    },
    async (request, reply) => {
      const auth = authOf(request);
      const { from, to } = request.query;
      const result = await inTransaction(env.db, async (tx) => {
        const ctx = await tenantContextOf(tx, env, auth);
        return listBursts(
          tx,
          ctx,
          auth.actor,
          {
            ...(from !== undefined ? { from: Date.parse(from) } : {}),
            ...(to !== undefined ? { to: Date.parse(to) } : {}),
          },
          env.now(),
        );
      });
      if (!result.ok) return fail(request, reply, result);
      return {
        items: result.items.map((b) => ({
          ...b,
          startedAt: iso(b.startedAt),
          raisedAt: iso(b.raisedAt),
          lastSeenAt: iso(b.lastSeenAt),
        })),
      };
    },
  );

  app.get(
    "/tenant/topic-model",
    {
      schema: {
        tags: ["tenant"],
        summary: "Модель тем администрации: сколько решений кураторов она усвоила и когда",
        description:
          "The tenant's topic model is the shipped one retrained on its curators' topic " +
          "decisions by the scheduler; registration uses it once it exists.",
        response: responses({ 200: TopicModelSchema }),
      },
    },
    async (request) => {
      const auth = authOf(request);
      const state = await env.db.transaction().execute((tx) => topicModelState(tx, auth.tenantId));
      return { ...state, trainedAt: state.trainedAt === null ? null : iso(state.trainedAt) };
    },
  );
}
