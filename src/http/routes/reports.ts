// Reports: the supervisor's overview of the tenant, counted by the database.
import Type from "typebox";
import { CASE_STATUSES } from "../../domain/workflow/case.ts";
import { tenantOverview, type Overview, type Timeliness } from "../../app/overview.ts";
import {
  authOf,
  fail,
  inTransaction,
  tenantContextOf,
  type App,
  type HttpEnv,
} from "../context.ts";
import { Instant, Nullable, Ref, responses } from "../schemas.ts";

const Counts = {
  open: Type.Integer(),
  overdue: Type.Integer({ description: "Past a deadline now" }),
  atRisk: Type.Integer({ description: "Not overdue, but past the warning moment" }),
};
const Risk = Type.Enum(["none", "atRisk", "overdue"]);
const Share = Nullable(Type.Number({ description: "0..1; null when nothing was due" }));

const TimelinessSchema = Type.Object({
  from: Instant,
  to: Instant,
  due: Type.Integer({
    description: "Stages completed in the period, and stages due in it that are still open",
  }),
  onTime: Type.Integer({ description: "Of them, completed by their deadline" }),
  share: Share,
  departments: Type.Array(
    Type.Object({
      department: Nullable(Ref),
      due: Type.Integer(),
      onTime: Type.Integer(),
      share: Share,
    }),
  ),
});

const OverviewSchema = Type.Object({
  now: Instant,
  from: Instant,
  to: Instant,
  totals: Type.Object(Counts),
  stages: Type.Array(
    Type.Object({
      stage: Type.String({ description: "The regulation's stage id" }),
      kind: Type.Enum(["task", "total"]),
      title: Type.String(),
      ...Counts,
    }),
    { description: "Open stages by stage" },
  ),
  statuses: Type.Array(Type.Object({ status: Type.Enum([...CASE_STATUSES]), ...Counts }), {
    description: "Open cases by status",
  }),
  departments: Type.Array(Type.Object({ department: Nullable(Ref), ...Counts }), {
    description: "Open cases by department; null: not routed yet",
  }),
  settlements: Type.Array(Type.Object({ settlement: Nullable(Type.String()), ...Counts }), {
    description:
      "Open cases by the gazetteer's settlement of their place, most overdue first; null: the place is not known",
  }),
  escalations: Type.Object({
    total: Type.Integer(),
    items: Type.Array(
      Type.Object({
        id: Type.Integer(),
        number: Type.String(),
        status: Type.Enum([...CASE_STATUSES]),
        summary: Type.String({ description: "Plain text" }),
        escalatedAt: Instant,
        closedAt: Nullable(Instant),
        department: Nullable(Ref),
        risk: Risk,
      }),
    ),
  }),
  timeliness: Type.Object({
    today: TimelinessSchema,
    week: TimelinessSchema,
    period: TimelinessSchema,
  }),
});

const iso = (t: number) => new Date(t).toISOString();

function timelinessView(t: Timeliness) {
  return { ...t, from: iso(t.from), to: iso(t.to) };
}

function overviewView(o: Overview): Type.Static<typeof OverviewSchema> {
  return {
    ...o,
    now: iso(o.now),
    from: iso(o.from),
    to: iso(o.to),
    statuses: o.statuses as Type.Static<typeof OverviewSchema>["statuses"],
    escalations: {
      total: o.escalations.total,
      items: o.escalations.items.map((e) => ({
        ...e,
        status: e.status as (typeof CASE_STATUSES)[number],
        escalatedAt: iso(e.escalatedAt),
        closedAt: e.closedAt === null ? null : iso(e.closedAt),
      })),
    },
    timeliness: {
      today: timelinessView(o.timeliness.today),
      week: timelinessView(o.timeliness.week),
      period: timelinessView(o.timeliness.period),
    },
  };
}

export async function reportRoutes(app: App, env: HttpEnv): Promise<void> {
  app.get(
    "/reports/overview",
    {
      schema: {
        tags: ["reports"],
        summary:
          "Сводка: открытые по этапам и статусам, просроченные и под угрозой по подразделениям, " +
          "доклады Главе, своевременность сегодня и за неделю",
        description:
          "Counted at the server's now. `from`/`to` bound the escalations and the `period` " +
          "timeliness (default: from this week's Monday in the tenant's zone to now); `today` " +
          "and `week` are always the tenant's today and this week.",
        querystring: Type.Object(
          { from: Type.Optional(Instant), to: Type.Optional(Instant) },
          { additionalProperties: false },
        ),
        response: responses({ 200: OverviewSchema }),
      },
    },
    async (request, reply) => {
      const auth = authOf(request);
      const { from, to } = request.query;
      const result = await inTransaction(env.db, async (tx) => {
        const ctx = await tenantContextOf(tx, env, auth);
        return tenantOverview(
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
      return result.ok ? overviewView(result.overview) : fail(request, reply, result);
    },
  );
}
