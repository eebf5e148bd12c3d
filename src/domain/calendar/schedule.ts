// A tenant's working schedule: time zone, working weekdays, hours and breaks, the short-day rule.
import type { Weekday } from "./civil-date.ts";

/** Minutes since local midnight, [start, end). */
export interface Period {
  start: number;
  end: number;
}

export type WeekdayName = "mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun";
export const WEEKDAY_NAMES: readonly WeekdayName[] = [
  "mon",
  "tue",
  "wed",
  "thu",
  "fri",
  "sat",
  "sun",
];

export type { ScheduleSpec } from "./schemas.ts";
import type { ScheduleSpec } from "./schemas.ts";
import { isValidTimeZone } from "./time-zone.ts";

/** A schedule ready for arithmetic. */
export interface WorkingSchedule {
  timeZone: string;
  /** Index 1–7 (ISO weekday); index 0 is unused. Empty for days off. */
  week: Period[][];
  /** Periods of a weekend day made working by transfer. */
  workingWeekend: Period[];
  shortDayMinutes: number;
  paidNonWorkingDaysStopClock: boolean;
}

export const DEFAULT_SCHEDULE_SPEC = {
  workingDays: ["mon", "tue", "wed", "thu", "fri"],
  hours: "09:00-18:00",
  breaks: ["13:00-14:00"],
  shortDayMinutes: 60,
  paidNonWorkingDaysStopClock: false,
} as const satisfies Omit<ScheduleSpec, "timeZone">;

export interface ScheduleProblem {
  field: string;
  code:
    | "badRange"
    | "breakOutsideHours"
    | "overlappingBreaks"
    | "badShortDay"
    | "noWorkingTime"
    | "unknownWeekday"
    | "unknownTimeZone";
  value?: string;
}

const RANGE = /^(\d{1,2}):(\d{2})\s*[-–]\s*(\d{1,2}):(\d{2})$/;

function parseRange(text: string): Period | undefined {
  const m = RANGE.exec(text.trim());
  if (!m) return undefined;
  const start = Number(m[1]) * 60 + Number(m[2]);
  const end = Number(m[3]) * 60 + Number(m[4]);
  if (Number(m[2]) > 59 || Number(m[4]) > 59 || start >= end || end > 24 * 60) return undefined;
  return { start, end };
}

function periodsOf(
  hours: string,
  breaks: readonly string[],
  field: string,
  problems: ScheduleProblem[],
): Period[] {
  const day = parseRange(hours);
  if (!day) {
    problems.push({ field: `${field}.hours`, code: "badRange", value: hours });
    return [];
  }
  // Each break keeps the index it was written at, so a problem names the break people wrote.
  const cuts: Array<Period & { index: number }> = [];
  breaks.forEach((text, i) => {
    const b = parseRange(text);
    if (!b) problems.push({ field: `${field}.breaks[${i}]`, code: "badRange", value: text });
    else if (b.start <= day.start || b.end >= day.end)
      problems.push({ field: `${field}.breaks[${i}]`, code: "breakOutsideHours", value: text });
    else cuts.push({ ...b, index: i });
  });
  cuts.sort((a, b) => a.start - b.start || a.index - b.index);
  const periods: Period[] = [];
  let cursor = day.start;
  for (const cut of cuts) {
    if (cut.start < cursor) {
      problems.push({
        field: `${field}.breaks[${cut.index}]`,
        code: "overlappingBreaks",
        value: breaks[cut.index] as string,
      });
      continue;
    }
    // Back-to-back breaks ("12:00-13:00", "13:00-14:00") leave no working time between them.
    if (cut.start > cursor) periods.push({ start: cursor, end: cut.start });
    cursor = cut.end;
  }
  periods.push({ start: cursor, end: day.end });
  return periods;
}

/** Turns a written schedule into periods, listing every problem rather than the first. */
export function compileSchedule(
  spec: ScheduleSpec,
): { ok: true; schedule: WorkingSchedule } | { ok: false; problems: ScheduleProblem[] } {
  const problems: ScheduleProblem[] = [];
  const workingDays = spec.workingDays ?? DEFAULT_SCHEDULE_SPEC.workingDays;
  const normal = periodsOf(
    spec.hours ?? DEFAULT_SCHEDULE_SPEC.hours,
    spec.breaks ?? DEFAULT_SCHEDULE_SPEC.breaks,
    "schedule",
    problems,
  );
  const week: Period[][] = [[]];
  for (const [i, name] of WEEKDAY_NAMES.entries()) {
    const override = spec.byWeekday?.[name];
    const periods = override
      ? periodsOf(override.hours, override.breaks ?? [], `byWeekday.${name}`, problems)
      : normal;
    week[i + 1] = workingDays.includes(name) ? periods : [];
  }
  for (const name of workingDays) {
    if (!WEEKDAY_NAMES.includes(name))
      problems.push({ field: "workingDays", code: "unknownWeekday", value: name });
  }
  const shortDayMinutes = spec.shortDayMinutes ?? DEFAULT_SCHEDULE_SPEC.shortDayMinutes;
  if (!Number.isInteger(shortDayMinutes) || shortDayMinutes < 0 || shortDayMinutes > 240) {
    problems.push({
      field: "shortDayMinutes",
      code: "badShortDay",
      value: String(shortDayMinutes),
    });
  }
  // Judged on the list itself: broken hours are their own problem, not an empty week.
  if (!workingDays.some((name) => WEEKDAY_NAMES.includes(name)))
    problems.push({ field: "workingDays", code: "noWorkingTime" });
  if (!isValidTimeZone(spec.timeZone))
    problems.push({ field: "timeZone", code: "unknownTimeZone", value: spec.timeZone });
  if (problems.length) return { ok: false, problems };
  return {
    ok: true,
    schedule: {
      timeZone: spec.timeZone,
      week,
      workingWeekend: normal,
      shortDayMinutes,
      paidNonWorkingDaysStopClock:
        spec.paidNonWorkingDaysStopClock ?? DEFAULT_SCHEDULE_SPEC.paidNonWorkingDaysStopClock,
    },
  };
}

/** Periods of a day, taking the short-day rule off the end of the last periods. */
export function periodsForDay(
  schedule: WorkingSchedule,
  weekday: Weekday,
  opts: { workingWeekend?: boolean; short?: boolean },
): Period[] {
  const base = opts.workingWeekend ? schedule.workingWeekend : (schedule.week[weekday] ?? []);
  if (!opts.short || schedule.shortDayMinutes === 0) return base;
  let cut = schedule.shortDayMinutes;
  const out = base.map((p) => ({ ...p }));
  for (let i = out.length - 1; i >= 0 && cut > 0; i--) {
    const p = out[i] as Period;
    const take = Math.min(cut, p.end - p.start);
    p.end -= take;
    cut -= take;
  }
  return out.filter((p) => p.end > p.start);
}

export function formatMinutesOfDay(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}
