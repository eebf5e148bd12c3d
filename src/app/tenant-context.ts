// A tenant's rules ready to use: its regulation parsed, its working time compiled. Cached per
// tenant until its settings change.
import { createHash } from "node:crypto";
import { sql } from "kysely";
import {
  compileSchedule,
  productionCalendar,
  WorkingTime,
  type CalendarAmendment,
  type ScheduleSpec,
  type YearFile,
} from "../domain/calendar/index.ts";
import type { Procedure, Regulation } from "../domain/regulation/model.ts";
import { parseRegulation } from "../domain/regulation/parse.ts";
import type { ClockContext } from "../domain/workflow/clock.ts";
import type { Tx } from "../db/cases.ts";
import type { Row } from "../db/schema.ts";

export interface TenantContext {
  tenant: Row<"tenants">;
  regulation: Regulation;
  workingTime: WorkingTime;
  riskShare: number;
  procedure(id: string): Procedure;
  clock(procedureId: string): ClockContext;
}

/** A tenant whose stored regulation or schedule does not read: an admin must fix it. */
export class TenantMisconfigured extends Error {
  constructor(
    readonly tenantId: number,
    readonly problems: string[],
  ) {
    super(`tenant ${tenantId} is misconfigured: ${problems.join("; ")}`);
    this.name = "TenantMisconfigured";
  }
}

const cache = new Map<number, { key: string; context: TenantContext }>();

export function buildTenantContext(
  tenant: Row<"tenants">,
  years: YearFile[],
  defaultRiskShare: number,
): TenantContext {
  const parsed = parseRegulation(tenant.regulation);
  if (!parsed.ok)
    throw new TenantMisconfigured(
      tenant.id,
      parsed.problems.map((p) => `${p.line}:${p.column} ${p.code}`),
    );
  const schedule = compileSchedule({
    ...(tenant.schedule as Partial<ScheduleSpec>),
    timeZone: tenant.time_zone,
  });
  if (!schedule.ok)
    throw new TenantMisconfigured(
      tenant.id,
      schedule.problems.map((p) => `${p.field} ${p.code}`),
    );
  const calendar = productionCalendar({
    extraYears: years,
    amendments: tenant.calendar_amendments as CalendarAmendment[],
  });
  const workingTime = new WorkingTime(calendar, schedule.schedule);
  const regulation = parsed.regulation;
  const riskShare = tenant.settings.riskShare ?? defaultRiskShare;
  const procedures = new Map(regulation.procedures.map((p) => [p.id, p]));
  const clocks = new Map<string, ClockContext>();
  return {
    tenant,
    regulation,
    workingTime,
    riskShare,
    procedure(id) {
      const p = procedures.get(id);
      if (!p)
        throw new TenantMisconfigured(tenant.id, [`procedure ${id} is not in the regulation`]);
      return p;
    },
    clock(procedureId) {
      let c = clocks.get(procedureId);
      if (!c) {
        c = { procedure: this.procedure(procedureId), workingTime, riskShare };
        clocks.set(procedureId, c);
      }
      return c;
    },
  };
}

/** The context of a tenant, rebuilt only when its rules or the loaded calendar years changed. */
export async function loadTenantContext(
  tx: Tx,
  tenantId: number,
  defaultRiskShare: number,
): Promise<TenantContext | undefined> {
  const tenant = await tx
    .selectFrom("tenants")
    .selectAll()
    .where("id", "=", tenantId)
    .executeTakeFirst();
  if (!tenant) return undefined;
  const years = await tx
    .selectFrom("calendar_years")
    .select(["year", "data", "tenant_id", sql<Date>`loaded_at`.as("loaded_at")])
    .where((eb) => eb.or([eb("tenant_id", "is", null), eb("tenant_id", "=", tenantId)]))
    .orderBy("tenant_id", "asc")
    .execute();
  const key = createHash("sha1")
    .update(
      JSON.stringify([
        tenant.regulation,
        tenant.schedule,
        tenant.time_zone,
        tenant.calendar_amendments,
        tenant.settings,
        years.map((y) => [y.year, y.tenant_id, y.loaded_at]),
      ]),
    )
    .digest("hex");
  const hit = cache.get(tenantId);
  if (hit && hit.key === key) return { ...hit.context, tenant };
  // A tenant's own year replaces the one loaded for everyone.
  const byYear = new Map<number, YearFile>();
  for (const y of years) byYear.set(y.year, y.data as YearFile);
  const context = buildTenantContext(tenant, [...byYear.values()], defaultRiskShare);
  cache.set(tenantId, { key, context });
  return context;
}
