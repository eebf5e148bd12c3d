// IANA time zones through the platform's Intl: offsets, wall time ↔ instant, ISO 8601 with offset.
import { civilOf, dayNumberOf, type DayNumber } from "./civil-date.ts";

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when the platform knows this IANA zone name. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

// The offsets of each zone by two-day span since the epoch, and by hour within a span with a change
// in it (NaN for an hour with a change in it). Asking Intl costs microseconds, and compiling a
// tenant's working time asks about every day of the calendar's years: by the hour that was six
// questions a day, 120–155 ms per zone for the eight shipped years on a server's first request of
// a tenant (or after its rules changed), now 35–50 ms.
// No zone changes its offset twice in two days, so a span whose first and last second have the same
// offset has it throughout, and so has an hour.
const offsetsBySpan = new Map<string, Map<number, number>>();
const offsetsByHour = new Map<string, Map<number, number>>();
const SPAN = 2 * DAY;
const MAX_SPANS_PER_ZONE = 100_000;
const MAX_HOURS_PER_ZONE = 200_000;

/** The offset of `zone` throughout the period of `length` ms numbered `index`, or NaN. */
function steadyOffset(
  cache: Map<string, Map<number, number>>,
  limit: number,
  timeZone: string,
  length: number,
  index: number,
): number {
  let periods = cache.get(timeZone);
  if (!periods) cache.set(timeZone, (periods = new Map()));
  let offset = periods.get(index);
  if (offset === undefined) {
    const first = exactOffsetMinutesAt(timeZone, index * length);
    offset = exactOffsetMinutesAt(timeZone, index * length + length - 1000) === first ? first : NaN;
    if (periods.size >= limit) periods.clear();
    periods.set(index, offset);
  }
  return offset;
}

/** The zone's offset from UTC at an instant, in minutes (Moscow: +180). */
export function offsetMinutesAt(timeZone: string, instant: number): number {
  const span = steadyOffset(
    offsetsBySpan,
    MAX_SPANS_PER_ZONE,
    timeZone,
    SPAN,
    Math.floor(instant / SPAN),
  );
  if (!Number.isNaN(span)) return span;
  const hour = steadyOffset(
    offsetsByHour,
    MAX_HOURS_PER_ZONE,
    timeZone,
    HOUR,
    Math.floor(instant / HOUR),
  );
  return Number.isNaN(hour) ? exactOffsetMinutesAt(timeZone, instant) : hour;
}

function exactOffsetMinutesAt(timeZone: string, instant: number): number {
  const parts = formatterFor(timeZone).formatToParts(new Date(instant));
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value);
  const wall =
    dayNumberOf(get("year"), get("month"), get("day")) * DAY +
    get("hour") * HOUR +
    get("minute") * MINUTE +
    get("second") * 1000;
  const seconds = Math.floor(instant / 1000) * 1000;
  return Math.round((wall - seconds) / MINUTE);
}

/**
 * The instant of a wall-clock time in a zone. Wall time is given as milliseconds of a
 * UTC-labelled clock (dayNumber * DAY + time of day). In a gap (spring forward) the time is
 * read with the offset before the gap; in an overlap the earlier instant is chosen.
 */
export function instantOfWallTime(timeZone: string, wall: number): number {
  // Every instant a wall time can name lies within 14 hours of it, so the offsets a day
  // either side are the only candidates (no zone changes its offset twice in two days).
  const before = offsetMinutesAt(timeZone, wall - DAY);
  const after = offsetMinutesAt(timeZone, wall + DAY);
  const early = wall - before * MINUTE;
  if (before === after) return early;
  const late = wall - after * MINUTE;
  const earlyExists = offsetMinutesAt(timeZone, early) === before;
  const lateExists = offsetMinutesAt(timeZone, late) === after;
  if (earlyExists && lateExists) return Math.min(early, late);
  if (lateExists) return late;
  return early;
}

/** Midnight starting a civil day in a zone. */
export function startOfDay(timeZone: string, day: DayNumber): number {
  return instantOfWallTime(timeZone, day * DAY);
}

/** The civil day an instant falls on in a zone. */
export function dayOfInstant(timeZone: string, instant: number): DayNumber {
  return Math.floor((instant + offsetMinutesAt(timeZone, instant) * MINUTE) / DAY);
}

const pad2 = (n: number): string => String(n).padStart(2, "0");

/** ISO 8601 with the zone's offset, e.g. "2026-03-10T17:30:00+03:00" (milliseconds only when not zero). */
export function formatInstant(instant: number, timeZone: string): string {
  const offset = offsetMinutesAt(timeZone, instant);
  const wall = instant + offset * MINUTE;
  const day = Math.floor(wall / DAY);
  const c = civilOf(day);
  let ms = wall - day * DAY;
  const h = Math.floor(ms / HOUR);
  ms -= h * HOUR;
  const m = Math.floor(ms / MINUTE);
  ms -= m * MINUTE;
  const s = Math.floor(ms / 1000);
  ms -= s * 1000;
  const sign = offset < 0 ? "-" : "+";
  const abs = Math.abs(offset);
  const frac = ms ? `.${String(ms).padStart(3, "0")}` : "";
  return (
    `${String(c.year).padStart(4, "0")}-${pad2(c.month)}-${pad2(c.day)}T${pad2(h)}:${pad2(m)}:${pad2(s)}${frac}` +
    `${sign}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`
  );
}

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * Parses ISO 8601 date-time. With an offset or Z it is an instant; without one it is a wall
 * time read in `timeZone`. Returns undefined for anything else (including impossible dates).
 */
export function parseInstant(text: string, timeZone: string): number | undefined {
  const m = ISO.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s ?? 0);
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59)
    return undefined;
  const dn = dayNumberOf(year, month, day);
  if (civilOf(dn).day !== day) return undefined;
  const wall =
    dn * DAY + hour * HOUR + minute * MINUTE + second * 1000 + Number((frac ?? "0").padEnd(3, "0"));
  if (zone === undefined) return instantOfWallTime(timeZone, wall);
  if (zone === "Z") return wall;
  const sign = zone.startsWith("-") ? -1 : 1;
  const digits = zone.slice(1).replace(":", "");
  const offsetHours = Number(digits.slice(0, 2));
  const offsetMinutes = Number(digits.slice(2, 4));
  if (offsetHours > 23 || offsetMinutes > 59) return undefined;
  return wall - sign * (offsetHours * 60 + offsetMinutes) * MINUTE;
}

const WEEKDAYS = {
  ru: ["пн", "вт", "ср", "чт", "пт", "сб", "вс"],
  en: ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
} as const;

/** For people: "пн 16.11.2026 09:00" (ru) or "Mon 2026-11-16 09:00" (en), in the given zone. */
export function formatLocal(instant: number, timeZone: string, locale: "ru" | "en" = "ru"): string {
  const iso = formatInstant(instant, timeZone);
  const [date, time] = [iso.slice(0, 10), iso.slice(11, 16)];
  const day = Math.floor((instant + offsetMinutesAt(timeZone, instant) * MINUTE) / DAY);
  const weekday = WEEKDAYS[locale][(((day + 3) % 7) + 7) % 7] as string;
  if (locale === "en") return `${weekday} ${date} ${time}`;
  return `${weekday} ${date.slice(8, 10)}.${date.slice(5, 7)}.${date.slice(0, 4)} ${time}`;
}
