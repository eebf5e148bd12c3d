// Working-time arithmetic over a compiled timeline of working periods as UTC instants.
//
// The timeline holds every working period of the covered years as [start, end) in epoch
// milliseconds together with the working time elapsed before each period, so adding working
// minutes or measuring elapsed working time is two binary searches. Years outside the
// covered range are compiled on demand (provisionally, from the Labour Code, when no year
// file was loaded).
import { civilOf, dayNumberOf, weekdayOf, type DayNumber } from "./civil-date.ts";
import { isWorkingKind, type DayInfo, type ProductionCalendar } from "./production-calendar.ts";
import { periodsForDay, type Period, type WorkingSchedule } from "./schedule.ts";
import { instantOfWallTime, offsetMinutesAt } from "./time-zone.ts";

export const MINUTE = 60_000;
const DAY = 86_400_000;

/** First index i in [lo, hi) with a[i] > x (hi when none). */
function upperBound(a: Float64Array | Int32Array, x: number, lo: number, hi: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((a[mid] as number) > x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** First index i in [lo, hi) with a[i] >= x (hi when none). */
function lowerBound(a: Float64Array | Int32Array, x: number, lo: number, hi: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((a[mid] as number) >= x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

interface Compiled {
  firstYear: number;
  lastYear: number;
  firstDay: DayNumber;
  /** Local midnight of each covered day, plus the midnight after the last one. */
  dayStart: Float64Array;
  /** End of the last working period of each day; NaN on a day off. */
  dayWorkEnd: Float64Array;
  /** Working days in [firstDay, firstDay + i). Length days + 1. */
  workingDaysBefore: Int32Array;
  count: number;
  start: Float64Array;
  end: Float64Array;
  /** Working milliseconds before each period. */
  cum: Float64Array;
  /** cum + length of each period. */
  cumEnd: Float64Array;
}

function compile(
  calendar: ProductionCalendar,
  schedule: WorkingSchedule,
  firstYear: number,
  lastYear: number,
): Compiled {
  const tz = schedule.timeZone;
  const firstDay = dayNumberOf(firstYear, 1, 1);
  const days = dayNumberOf(lastYear + 1, 1, 1) - firstDay;
  const dayStart = new Float64Array(days + 1);
  const dayWorkEnd = new Float64Array(days).fill(Number.NaN);
  const workingDaysBefore = new Int32Array(days + 1);
  const starts: number[] = [];
  const ends: number[] = [];
  for (let i = 0; i <= days; i++) dayStart[i] = instantOfWallTime(tz, (firstDay + i) * DAY);
  for (let i = 0; i < days; i++) {
    const d = firstDay + i;
    const periods = workingPeriodsOf(calendar, schedule, d);
    workingDaysBefore[i + 1] = (workingDaysBefore[i] as number) + (periods.length ? 1 : 0);
    if (!periods.length) continue;
    const midnight = dayStart[i] as number;
    // Russian zones keep one offset all day; elsewhere fall back to a per-instant conversion.
    const steady =
      offsetMinutesAt(tz, midnight) === offsetMinutesAt(tz, (dayStart[i + 1] as number) - 1);
    const at = (minutes: number): number =>
      steady ? midnight + minutes * MINUTE : instantOfWallTime(tz, d * DAY + minutes * MINUTE);
    for (const p of periods) {
      const s = at(p.start);
      const e = at(p.end);
      if (e <= s) continue;
      if (ends.length && ends[ends.length - 1] === s) ends[ends.length - 1] = e;
      else {
        starts.push(s);
        ends.push(e);
      }
    }
    dayWorkEnd[i] = ends[ends.length - 1] as number;
  }
  const count = starts.length;
  const start = Float64Array.from(starts);
  const end = Float64Array.from(ends);
  const cum = new Float64Array(count);
  const cumEnd = new Float64Array(count);
  let total = 0;
  for (let k = 0; k < count; k++) {
    cum[k] = total;
    total += (end[k] as number) - (start[k] as number);
    cumEnd[k] = total;
  }
  return {
    firstYear,
    lastYear,
    firstDay,
    dayStart,
    dayWorkEnd,
    workingDaysBefore,
    count,
    start,
    end,
    cum,
    cumEnd,
  };
}

/** The working periods of one civil day under a calendar and a schedule (minutes of the day). */
export function workingPeriodsOf(
  calendar: ProductionCalendar,
  schedule: WorkingSchedule,
  d: DayNumber,
): Period[] {
  const info = calendar.day(d);
  if (!isWorkingKind(info.kind)) return [];
  if (info.paidNonWorking && schedule.paidNonWorkingDaysStopClock) return [];
  return periodsForDay(schedule, weekdayOf(d), {
    short: info.kind === "short",
    ...(info.workingWeekend ? { workingWeekend: true } : {}),
  });
}

/** A computation stepped outside the compiled years; `year` is the furthest year it needs. */
class OutOfRange {
  constructor(readonly year: number) {}
}

/** The civil year of an instant, give or take one around New Year (the zone is not applied). */
function roughYearOf(instant: number): number {
  return civilOf(Math.floor(instant / DAY)).year;
}

/** How many more years probably hold `shortfall` of something the compiled years hold `total` of. */
function yearsFor(c: Compiled, shortfall: number, total: number): number {
  const perYear = total / (c.lastYear - c.firstYear + 1);
  return perYear > 0 ? Math.max(1, Math.ceil(shortfall / perYear)) : 1;
}

function checkMinutes(minutes: number): void {
  if (!Number.isFinite(minutes)) throw new RangeError("working minutes must be a finite number");
}

/**
 * Working time of one tenant: its production calendar read through its schedule and zone.
 * Instants are epoch milliseconds; durations are minutes (may be fractional when measured).
 */
export class WorkingTime {
  private c: Compiled;

  constructor(
    readonly calendar: ProductionCalendar,
    readonly schedule: WorkingSchedule,
  ) {
    const years = calendar.loadedYears;
    this.c = compile(calendar, schedule, years[0] ?? 2026, years[years.length - 1] ?? 2026);
  }

  get timeZone(): string {
    return this.schedule.timeZone;
  }

  /** Runs a computation, widening the compiled years whenever it steps outside them. */
  private within<T>(fn: (c: Compiled) => T): T {
    for (;;) {
      try {
        return fn(this.c);
      } catch (e) {
        if (!(e instanceof OutOfRange)) throw e;
        const first = Math.min(this.c.firstYear, e.year);
        const last = Math.max(this.c.lastYear, e.year);
        if (last - first > 200)
          throw new RangeError(`instant too far from the calendar: year ${e.year}`, { cause: e });
        this.c = compile(this.calendar, this.schedule, first, last);
      }
    }
  }

  private static check(c: Compiled, instant: number): void {
    if (!Number.isFinite(instant)) throw new RangeError("instant is not a finite number");
    // Jump straight to the instant's year: widening one year at a time is quadratic.
    if (instant < (c.dayStart[0] as number))
      throw new OutOfRange(Math.min(c.firstYear - 1, roughYearOf(instant)));
    if (instant >= (c.dayStart[c.dayStart.length - 1] as number))
      throw new OutOfRange(Math.max(c.lastYear + 1, roughYearOf(instant)));
  }

  /** Working milliseconds elapsed from the start of the compiled range to an instant. */
  private static cumAt(c: Compiled, instant: number): number {
    WorkingTime.check(c, instant);
    const k = upperBound(c.end, instant, 0, c.count);
    if (k === c.count) return c.count ? (c.cumEnd[c.count - 1] as number) : 0;
    const into = instant - (c.start[k] as number);
    return (c.cum[k] as number) + (into > 0 ? into : 0);
  }

  /** Index of the covered day an instant falls on. */
  private static dayIndex(c: Compiled, instant: number): number {
    WorkingTime.check(c, instant);
    return upperBound(c.dayStart, instant, 0, c.dayStart.length) - 1;
  }

  /**
   * The earliest instant at which `minutes` working minutes have elapsed since `start`.
   * Ending exactly at the end of a working period gives that end (17:00 + 60 min = 18:00).
   */
  addWorkingMinutes(start: number, minutes: number): number {
    checkMinutes(minutes);
    if (minutes < 0) return this.subtractWorkingMinutes(start, -minutes);
    if (minutes === 0) return start;
    return this.within((c) => {
      const target = WorkingTime.cumAt(c, start) + minutes * MINUTE;
      const j = lowerBound(c.cumEnd, target, 0, c.count);
      if (j === c.count) {
        const total = c.count ? (c.cumEnd[c.count - 1] as number) : 0;
        throw new OutOfRange(c.lastYear + yearsFor(c, target - total, total));
      }
      return (c.start[j] as number) + (target - (c.cum[j] as number));
    });
  }

  /** The latest instant no later than `end` from which `minutes` working minutes remain until `end`. */
  subtractWorkingMinutes(end: number, minutes: number): number {
    checkMinutes(minutes);
    if (minutes < 0) return this.addWorkingMinutes(end, -minutes);
    if (minutes === 0) return end;
    return this.within((c) => {
      const target = WorkingTime.cumAt(c, end) - minutes * MINUTE;
      if (target < 0) {
        const total = c.count ? (c.cumEnd[c.count - 1] as number) : 0;
        throw new OutOfRange(c.firstYear - yearsFor(c, -target, total));
      }
      const j = upperBound(c.cumEnd, target, 0, c.count);
      if (j === c.count) return end;
      const t = (c.start[j] as number) + (target - (c.cum[j] as number));
      return t < end ? t : end;
    });
  }

  /** Working minutes from `from` to `to`; negative when `to` is earlier. */
  workingMinutesBetween(from: number, to: number): number {
    if (to < from) return -this.workingMinutesBetween(to, from);
    return this.within((c) => (WorkingTime.cumAt(c, to) - WorkingTime.cumAt(c, from)) / MINUTE);
  }

  /**
   * The end of the working day that is the Nth working day after the start's day.
   * N = 0: the end of the start's day when it is working, else of the next working day.
   */
  addWorkingDays(start: number, days: number): number {
    if (!Number.isInteger(days) || days < 0)
      throw new RangeError("working days must be a whole number ≥ 0");
    return this.within((c) => {
      const d = WorkingTime.dayIndex(c, start);
      const through = c.workingDaysBefore[d + 1] as number;
      const startIsWorking = through > (c.workingDaysBefore[d] as number);
      const target = through + (days === 0 && !startIsWorking ? 1 : days);
      const i = lowerBound(c.workingDaysBefore, target, d + 1, c.workingDaysBefore.length) - 1;
      if (i + 1 >= c.workingDaysBefore.length) {
        const total = c.workingDaysBefore[c.workingDaysBefore.length - 1] as number;
        throw new OutOfRange(c.lastYear + yearsFor(c, target - total, total));
      }
      return c.dayWorkEnd[i] as number;
    });
  }

  /** The end (next midnight) of the Nth calendar day after the start's day, in the tenant's zone. */
  addCalendarDays(start: number, days: number): number {
    if (!Number.isInteger(days) || days < 0)
      throw new RangeError("calendar days must be a whole number ≥ 0");
    return this.within((c) => {
      const i = WorkingTime.dayIndex(c, start) + days + 1;
      if (i >= c.dayStart.length)
        throw new OutOfRange(
          c.lastYear + yearsFor(c, i - c.dayStart.length + 1, c.dayStart.length - 1),
        );
      return c.dayStart[i] as number;
    });
  }

  /** True inside a working period ([start, end)). */
  isWorkingAt(instant: number): boolean {
    return this.within((c) => {
      WorkingTime.check(c, instant);
      const k = upperBound(c.end, instant, 0, c.count);
      return k < c.count && instant >= (c.start[k] as number);
    });
  }

  /** The instant itself when working, else the start of the next working period. */
  nextWorkingMoment(instant: number): number {
    return this.within((c) => {
      WorkingTime.check(c, instant);
      const k = upperBound(c.end, instant, 0, c.count);
      if (k === c.count) throw new OutOfRange(c.lastYear + 1);
      return Math.max(instant, c.start[k] as number);
    });
  }

  /** The civil day of an instant in the tenant's zone. */
  dayOf(instant: number): DayNumber {
    return this.within((c) => c.firstDay + WorkingTime.dayIndex(c, instant));
  }

  /** A day as the calendar and the schedule see it, with its working periods in minutes. */
  describeDay(d: DayNumber): DayInfo & { periods: Period[]; workingMinutes: number } {
    const periods = workingPeriodsOf(this.calendar, this.schedule, d);
    return {
      ...this.calendar.day(d),
      periods,
      workingMinutes: periods.reduce((sum, p) => sum + p.end - p.start, 0),
    };
  }

  /** Years between two instants that were not loaded and are counted from the Labour Code alone. */
  provisionalYearsBetween(from: number, to: number): number[] {
    const a = civilOf(this.dayOf(Math.min(from, to))).year;
    const b = civilOf(this.dayOf(Math.max(from, to))).year;
    const out: number[] = [];
    for (let y = a; y <= b; y++) if (this.calendar.isProvisional(y)) out.push(y);
    return out;
  }
}
