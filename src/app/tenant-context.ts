// A tenant's rules ready to use: its regulation parsed, its working time compiled. Cached per
// tenant until its settings change.
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
import { tenantKey } from "../db/tenant-key.ts";
import { RecentMap } from "./recent-map.ts";

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

// The context being built or built, per tenant: requests that arrive together while it is being
// built wait for that one build instead of each compiling the calendar again. A process keeps the
// contexts of the tenants it served last, not of every tenant it ever saw.
const TENANT_CONTEXTS_KEPT = 200;
const cache = new RecentMap<number, { key: string; context: Promise<TenantContext | undefined> }>(
  TENANT_CONTEXTS_KEPT,
);

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

/**
 * The context of a tenant, rebuilt only when its key changed. A request costs one small read, or
 * none when the caller read the key already (`known`); the regulation, the gazetteer and the
 * years are read again only when they changed.
 */
export async function loadTenantContext(
  tx: Tx,
  tenantId: number,
  defaultRiskShare: number,
  known?: { key: string | null },
): Promise<TenantContext | undefined> {
  const key = known
    ? known.key
    : ((
        await sql<{ key: string | null }>`select ${tenantKey(sql.val(tenantId))} as key`.execute(tx)
      ).rows[0]?.key ?? null);
  if (key === null) return undefined;
  const hit = cache.get(tenantId);
  if (hit && hit.key === key) return hit.context;
  const context = buildFromRows(tx, tenantId, defaultRiskShare);
  // Keyed by what was read first: a change in between only makes the next request read again.
  cache.set(tenantId, { key, context });
  // A failed build (a misconfigured tenant) is not kept: the next request tries again.
  context.catch(() => {
    if (cache.peek(tenantId)?.context === context) cache.delete(tenantId);
  });
  return context;
}

async function buildFromRows(
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
    .select(["year", "data", "tenant_id"])
    .where((eb) => eb.or([eb("tenant_id", "is", null), eb("tenant_id", "=", tenantId)]))
    .orderBy(sql`tenant_id nulls first`)
    .execute();
  // A tenant's own year replaces the one loaded for everyone (read after it).
  const byYear = new Map<number, YearFile>();
  for (const y of years) byYear.set(y.year, y.data as YearFile);
  return buildTenantContext(tenant, [...byYear.values()], defaultRiskShare);
}
