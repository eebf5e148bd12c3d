// The tenant's settings: the regulation with the linter's findings, the production calendar,
// the rubricator and the accounts in the networks. Members read them; the admin changes them.
import Type from "typebox";
import {
  dayNumberOf,
  formatCivil,
  isLeapYear,
  YearFileSchema,
} from "../../domain/calendar/index.ts";
import { lintRegulation } from "../../domain/regulation/lint.ts";
import { describeFinding } from "../../domain/regulation/messages.ts";
import { CHANNELS } from "../../domain/regulation/schema.ts";
import { ACTIONS, ROLES } from "../../domain/workflow/policy.ts";
import { READINESS } from "../../domain/workflow/readiness.ts";
import type { Rubricator } from "../../domain/triage/topic/model.ts";
import {
  addAccount,
  loadCalendarYear,
  setRegulation,
  setRubricator,
  updateAccount,
} from "../../app/administration.ts";
import { tenantReadiness } from "../../app/readiness.ts";
import { invalidInput } from "../../app/results.ts";
import type { TenantContext } from "../../app/tenant-context.ts";
import type { Tx } from "../../db/cases.ts";
import { accountsOfTenant } from "../../db/network-accounts.ts";
import {
  authOf,
  fail,
  inTransaction,
  tenantContextOf,
  type App,
  type HttpEnv,
} from "../context.ts";
import type { Locale } from "../../domain/i18n.ts";
import { localeOf } from "../messages.ts";
import { Id, IdParams, Nullable, responses } from "../schemas.ts";
import { WebLink } from "./cases.schema.ts";

const TenantSchema = Type.Object({
  id: Type.Integer(),
  slug: Type.String(),
  name: Type.String(),
  preset: Nullable(Type.String()),
  timeZone: Type.String(),
  caseNumberPrefix: Type.String(),
  riskShare: Type.Number({ description: "Share of a stage's term left when it counts as at risk" }),
  schedule: Type.Record(Type.String(), Type.Unknown()),
});

const ReadinessSchema = Type.Object({
  ready: Type.Boolean({
    description:
      "No blocker: every role the regulation gives work to is held, every department can take work",
  }),
  findings: Type.Array(
    Type.Object({
      kind: Type.Enum(Object.keys(READINESS) as (keyof typeof READINESS)[]),
      level: Type.Enum(["blocker", "warning"]),
      section: Type.Enum([...new Set(Object.values(READINESS).map((r) => r.section))], {
        description: "The admin's section that mends it",
      }),
      role: Type.Optional(Type.Enum([...ROLES])),
      actions: Type.Optional(Type.Array(Type.Enum([...ACTIONS]))),
      departmentId: Type.Optional(Id),
      name: Type.Optional(Type.String()),
      topics: Type.Optional(Type.Array(Type.String())),
      years: Type.Optional(Type.Array(Type.Integer())),
    }),
  ),
});

const RegulationView = Type.Object({
  text: Type.String({ description: "The regulation in YAML (format otklik/regulation@1)" }),
  findings: Type.Array(
    Type.Object({
      severity: Type.Enum(["error", "warning", "info"]),
      code: Type.String(),
      procedure: Type.String(),
      stage: Nullable(Type.String()),
      clauses: Type.Array(Type.String()),
      line: Nullable(Type.Integer()),
      message: Type.String(),
    }),
    { description: "Contradictions and gaps the linter finds, each with its clauses" },
  ),
});

const CalendarView = Type.Object({
  year: Type.Integer(),
  provisional: Type.Boolean({ description: "Not loaded: generated from the Labour Code alone" }),
  workingDays: Type.Integer(),
  workingMinutes: Type.Integer(),
  days: Type.Array(
    Type.Object({
      date: Type.String({ format: "date" }),
      kind: Type.Enum(["working", "short", "weekend", "holiday", "transferredDayOff"]),
      name: Nullable(Type.String()),
      basis: Nullable(Type.String()),
      workingMinutes: Type.Integer(),
    }),
  ),
});

const RubricatorSchema = Type.Object(
  {
    version: Type.Optional(Type.Integer({ minimum: 1 })),
    topics: Type.Array(
      Type.Object(
        {
          code: Type.String({ pattern: "^[a-z][a-zA-Z0-9_-]{0,63}$" }),
          name: Type.String({ minLength: 1, maxLength: 200 }),
          covers: Type.Optional(Type.String({ maxLength: 2000 })),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 200 },
    ),
  },
  { additionalProperties: false },
);

const AccountSchema = Type.Object({
  id: Type.Integer(),
  network: Type.String(),
  name: Type.String(),
  externalId: Nullable(Type.String()),
  url: Nullable(Type.String()),
  departmentId: Nullable(Type.Integer()),
  active: Type.Boolean(),
});

const accountFields = {
  network: Type.Enum([...CHANNELS]),
  name: Type.String({ minLength: 1, maxLength: 200 }),
  externalId: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
  url: Type.Optional(Nullable(WebLink)),
  departmentId: Type.Optional(Nullable(Id)),
  active: Type.Optional(Type.Boolean()),
};

const YearParams = Type.Object(
  { year: Type.Integer({ minimum: 2000, maximum: 2100 }) },
  { additionalProperties: false },
);

function regulationView(ctx: TenantContext, locale: Locale): Type.Static<typeof RegulationView> {
  const findings = lintRegulation(ctx.regulation, ctx.workingTime);
  return {
    text: ctx.tenant.regulation,
    findings: findings.map((f) => ({
      severity: f.severity,
      code: f.code,
      procedure: f.procedure,
      stage: f.stage ?? null,
      clauses: f.clauses,
      line: f.line ?? null,
      message: describeFinding(f, locale, ctx.regulation.timeZone),
    })),
  };
}

function calendarView(ctx: TenantContext, year: number): Type.Static<typeof CalendarView> {
  const wt = ctx.workingTime;
  const first = dayNumberOf(year, 1, 1);
  const days = Array.from({ length: isLeapYear(year) ? 366 : 365 }, (_, i) => {
    const d = wt.describeDay(first + i);
    return {
      date: formatCivil(first + i),
      kind: d.kind,
      name: d.name ?? null,
      basis: d.basis ?? null,
      workingMinutes: d.workingMinutes,
    };
  });
  return {
    year,
    provisional: wt.calendar.isProvisional(year),
    workingDays: days.filter((d) => d.workingMinutes > 0).length,
    workingMinutes: days.reduce((sum, d) => sum + d.workingMinutes, 0),
    days,
  };
}

const accounts = async (tx: Tx, tenantId: number) =>
  (await accountsOfTenant(tx, tenantId)).map((a) => ({
    id: a.id,
    network: a.network,
    name: a.name,
    externalId: a.external_id,
    url: a.url,
    departmentId: a.department_id,
    active: a.active,
  }));

export async function tenantRoutes(app: App, env: HttpEnv): Promise<void> {
  app.get(
    "/tenant",
    {
      schema: {
        tags: ["tenant"],
        summary: "Администрация: часовой пояс, префикс номеров, график",
        response: responses({ 200: TenantSchema }),
      },
    },
    async (request) => {
      const auth = authOf(request);
      const ctx = await tenantContextOf(env.db, env, auth);
      const t = ctx.tenant;
      return {
        id: t.id,
        slug: t.slug,
        name: t.name,
        preset: t.preset,
        timeZone: t.time_zone,
        caseNumberPrefix: t.case_number_prefix,
        riskShare: ctx.riskShare,
        schedule: t.schedule,
      };
    },
  );

  app.get(
    "/tenant/regulation",
    {
      schema: {
        tags: ["tenant"],
        summary: "Регламент администрации и найденные в нём противоречия",
        response: responses({ 200: RegulationView }),
      },
    },
    async (request) => {
      const ctx = await tenantContextOf(env.db, env, authOf(request));
      return regulationView(ctx, localeOf(request));
    },
  );

  app.put(
    "/tenant/regulation",
    {
      schema: {
        tags: ["tenant"],
        summary:
          "Заменить регламент (администратор): ошибки чтения — 422 со строками, противоречия — в ответе",
        body: Type.Object(
          { text: Type.String({ minLength: 1, maxLength: 500_000 }) },
          { additionalProperties: false },
        ),
        response: responses({ 200: RegulationView }),
      },
    },
    async (request, reply) => {
      const auth = authOf(request);
      const result = await inTransaction(env.db, async (tx) => {
        const set = await setRegulation(tx, auth.actor, request.body.text, env.now(), request.id);
        if (!set.ok) return set;
        const ctx = await tenantContextOf(tx, env, auth, true);
        return { ok: true as const, view: regulationView(ctx, localeOf(request)) };
      });
      return result.ok ? result.view : fail(request, reply, result);
    },
  );

  app.get(
    "/tenant/calendar/:year",
    {
      schema: {
        tags: ["tenant"],
        summary: "Производственный календарь года по графику администрации",
        params: YearParams,
        response: responses({ 200: CalendarView }),
      },
    },
    async (request) => {
      const ctx = await tenantContextOf(env.db, env, authOf(request));
      return calendarView(ctx, request.params.year);
    },
  );

  app.put(
    "/tenant/calendar/:year",
    {
      schema: {
        tags: ["tenant"],
        summary: "Загрузить год производственного календаря (администратор)",
        params: YearParams,
        body: YearFileSchema,
        response: responses({ 200: CalendarView }),
      },
    },
    async (request, reply) => {
      const auth = authOf(request);
      const { year } = request.params;
      const result = await inTransaction(env.db, async (tx) => {
        if (request.body.year !== year) return invalidInput("year", "badValue");
        const loaded = await loadCalendarYear(tx, auth.actor, request.body, env.now(), request.id);
        if (!loaded.ok) return loaded;
        const ctx = await tenantContextOf(tx, env, auth, true);
        return { ok: true as const, view: calendarView(ctx, year) };
      });
      return result.ok ? result.view : fail(request, reply, result);
    },
  );

  app.get(
    "/tenant/readiness",
    {
      schema: {
        tags: ["tenant"],
        summary: "Готовность к работе: чего не хватает, чтобы работать по регламенту",
        description:
          "Roles the regulation gives work to that nobody holds, departments nobody can accept " +
          "work in (or all away now), topics nobody is in charge of, territorial units without " +
          "settlements, no gazetteer, production calendar years not loaded, no network accounts.",
        response: responses({ 200: ReadinessSchema }),
      },
    },
    async (request) => {
      const auth = authOf(request);
      const ctx = await tenantContextOf(env.db, env, auth);
      const findings = await tenantReadiness(env.db, ctx, env.now());
      return {
        ready: findings.every((f) => READINESS[f.kind].level !== "blocker"),
        findings: findings.map((f) => ({ ...f, ...READINESS[f.kind] })),
      };
    },
  );

  app.get(
    "/tenant/rubricator",
    {
      schema: {
        tags: ["tenant"],
        summary: "Классификатор тем",
        response: responses({ 200: RubricatorSchema }),
      },
    },
    async (request) => {
      const ctx = await tenantContextOf(env.db, env, authOf(request));
      return ctx.tenant.rubricator as Rubricator;
    },
  );

  app.put(
    "/tenant/rubricator",
    {
      schema: {
        tags: ["tenant"],
        summary: "Заменить классификатор тем (администратор)",
        body: RubricatorSchema,
        response: responses({ 200: RubricatorSchema }),
      },
    },
    async (request, reply) => {
      const auth = authOf(request);
      const rubricator: Rubricator = {
        ...(request.body.version !== undefined ? { version: request.body.version } : {}),
        topics: request.body.topics.map((t) => ({
          code: t.code,
          name: t.name,
          ...(t.covers !== undefined ? { covers: t.covers } : {}),
        })),
      };
      const result = await inTransaction(env.db, (tx) =>
        setRubricator(tx, auth.actor, rubricator, env.now(), request.id),
      );
      return result.ok ? rubricator : fail(request, reply, result);
    },
  );

  app.get(
    "/accounts",
    {
      schema: {
        tags: ["tenant"],
        summary: "Аккаунты администрации в соцсетях, от имени которых размещаются ответы",
        response: responses({ 200: Type.Array(AccountSchema) }),
      },
    },
    async (request) => accounts(env.db, authOf(request).tenantId),
  );

  app.post(
    "/accounts",
    {
      schema: {
        tags: ["tenant"],
        summary: "Добавить аккаунт (администратор)",
        body: Type.Object(accountFields, { additionalProperties: false }),
        response: responses({ 201: AccountSchema }),
      },
    },
    async (request, reply) => {
      const auth = authOf(request);
      const result = await inTransaction(env.db, async (tx) => {
        const added = await addAccount(tx, auth.actor, request.body, env.now(), request.id);
        if (!added.ok) return added;
        const view = (await accounts(tx, auth.tenantId)).find((a) => a.id === added.id);
        return { ok: true as const, view: view! };
      });
      return result.ok ? reply.code(201).send(result.view) : fail(request, reply, result);
    },
  );

  app.patch(
    "/accounts/:id",
    {
      schema: {
        tags: ["tenant"],
        summary: "Изменить аккаунт (администратор)",
        params: IdParams,
        body: Type.Object(
          {
            network: Type.Optional(accountFields.network),
            name: Type.Optional(accountFields.name),
            externalId: accountFields.externalId,
            url: accountFields.url,
            departmentId: accountFields.departmentId,
            active: accountFields.active,
          },
          { additionalProperties: false },
        ),
        response: responses({ 200: AccountSchema }),
      },
    },
    async (request, reply) => {
      const auth = authOf(request);
      const result = await inTransaction(env.db, async (tx) => {
        const done = await updateAccount(
          tx,
          auth.actor,
          request.params.id,
          request.body,
          env.now(),
          request.id,
        );
        if (!done.ok) return done;
        const view = (await accounts(tx, auth.tenantId)).find((a) => a.id === done.id);
        return { ok: true as const, view: view! };
      });
      return result.ok ? result.view : fail(request, reply, result);
    },
  );
}
