// The calendar module's public face: production calendar, schedules, working-time arithmetic.
import { FEDERAL_YEARS } from "./federal-years.ts";
import {
  ProductionCalendar,
  type CalendarAmendment,
  type YearFile,
} from "./production-calendar.ts";
import { compileSchedule, type ScheduleSpec } from "./schedule.ts";
import { WorkingTime } from "./working-time.ts";

export * from "./civil-date.ts";
export * from "./production-calendar.ts";
export * from "./schedule.ts";
export * from "./schemas.ts";
export * from "./time-zone.ts";
export * from "./working-time.ts";
export { FEDERAL_YEARS };

/**
 * The calendar of a tenant: the shipped federal years, replaced or extended by years an admin
 * loaded, plus the tenant's regional amendments.
 */
export function productionCalendar(
  opts: { extraYears?: YearFile[]; amendments?: CalendarAmendment[] } = {},
): ProductionCalendar {
  const byYear = new Map<number, YearFile>();
  for (const y of FEDERAL_YEARS) byYear.set(y.year, y);
  for (const y of opts.extraYears ?? []) byYear.set(y.year, y);
  return new ProductionCalendar({
    years: [...byYear.values()].sort((a, b) => a.year - b.year),
    ...(opts.amendments ? { amendments: opts.amendments } : {}),
  });
}

/** Working time for a schedule spec on the federal calendar; throws on an invalid spec (for tests and tools). */
export function workingTimeFor(
  spec: ScheduleSpec,
  calendar: ProductionCalendar = productionCalendar(),
): WorkingTime {
  const compiled = compileSchedule(spec);
  if (!compiled.ok) throw new Error(`invalid schedule: ${JSON.stringify(compiled.problems)}`);
  return new WorkingTime(calendar, compiled.schedule);
}
