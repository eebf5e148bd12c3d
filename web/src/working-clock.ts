// Working time in the browser, from the same calendar and arithmetic the server counts with, so
// "late by" on the desk is in working time of the tenant's schedule, not in wall-clock hours.
import { FEDERAL_YEARS } from "../../src/domain/calendar/federal-years.ts";
import { ProductionCalendar } from "../../src/domain/calendar/production-calendar.ts";
import {
  compileSchedule,
  DEFAULT_SCHEDULE_SPEC,
  type ScheduleSpec,
} from "../../src/domain/calendar/schedule.ts";
import { WorkingTime } from "../../src/domain/calendar/working-time.ts";
import { useEffect, useState } from "react";
import { api } from "./api/client.ts";
import type { TenantView } from "./api/types.ts";

let schedule: Promise<Partial<ScheduleSpec> | null> | undefined;

/** The tenant's working schedule (hours, breaks), fetched once; the default until it answers. */
export function useTenantSchedule(): Partial<ScheduleSpec> | null {
  const [value, setValue] = useState<Partial<ScheduleSpec> | null>(null);
  useEffect(() => {
    let live = true;
    schedule ??= api.get<TenantView>("/tenant").then(
      (t) => t.schedule as Partial<ScheduleSpec>,
      () => null,
    );
    void schedule.then((s) => live && setValue(s));
    return () => {
      live = false;
    };
  }, []);
  return value;
}

const cache = new Map<string, WorkingTime | null>();

/** The tenant's working time; null when its schedule cannot be compiled (then no working-time figure is shown). */
export function workingTimeOf(
  timeZone: string,
  schedule?: Partial<ScheduleSpec> | null,
): WorkingTime | null {
  const key = `${timeZone}|${JSON.stringify(schedule ?? null)}`;
  if (cache.has(key)) return cache.get(key) ?? null;
  const spec = { ...DEFAULT_SCHEDULE_SPEC, ...(schedule ?? {}), timeZone } as ScheduleSpec;
  const compiled = compileSchedule(spec);
  const wt = compiled.ok
    ? new WorkingTime(
        new ProductionCalendar({ years: [...FEDERAL_YEARS].sort((a, b) => a.year - b.year) }),
        compiled.schedule,
      )
    : null;
  cache.set(key, wt);
  return wt;
}

/** Working minutes from a deadline to now, or null when it cannot be counted. */
export function lateByWorkingMinutes(
  wt: WorkingTime | null,
  deadline: number,
  now: number,
): number | null {
  if (!wt || now <= deadline) return null;
  try {
    return wt.workingMinutesBetween(deadline, now);
  } catch {
    return null;
  }
}
