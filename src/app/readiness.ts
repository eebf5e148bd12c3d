// Whether the administration is ready to work its regulation, from what it holds now: people and
// their roles, departments, absences, the rubricator, the gazetteer, accounts, calendar years.
import type { Rubricator } from "../domain/triage/topic/model.ts";
import { ROLES } from "../domain/workflow/policy.ts";
import { readinessOf, type ReadinessFinding } from "../domain/workflow/readiness.ts";
import type { Tx } from "../db/cases.ts";
import { departmentsOfTenant } from "../db/departments.ts";
import { accountsOfTenant } from "../db/network-accounts.ts";
import { absencesAndRoleHolders } from "../db/people.ts";
import { gazetteerOf } from "./gazetteer.ts";
import type { TenantContext } from "./tenant-context.ts";

const DAY = 86_400_000;
/** How far ahead a missing production calendar is worth a warning: next year's from October. */
const CALENDAR_AHEAD = 92 * DAY;

export async function tenantReadiness(
  tx: Tx,
  ctx: TenantContext,
  now: number,
): Promise<ReadinessFinding[]> {
  const tenantId = ctx.tenant.id;
  const people = await absencesAndRoleHolders(tx, tenantId, [...ROLES], now);
  const departments = await departmentsOfTenant(tx, tenantId);
  const accounts = await accountsOfTenant(tx, tenantId);
  return readinessOf({
    regulation: ctx.regulation,
    holders: people.holders,
    absences: people.absences,
    departments: departments.map((d) => ({
      id: d.id,
      name: d.name,
      kind: d.kind,
      active: d.active,
      topics: d.topics,
      settlements: d.settlements,
    })),
    topics: (ctx.tenant.rubricator as Rubricator).topics,
    gazetteer: gazetteerOf(ctx.tenant).source,
    accounts: accounts.filter((a) => a.active).length,
    calendarNotLoaded: ctx.workingTime.provisionalYearsBetween(now, now + CALENDAR_AHEAD),
    now,
  });
}
