// Civil (wall-calendar) dates as whole day numbers, independent of any time zone.

/** Days since 1970-01-01 of a proleptic Gregorian date. */
export type DayNumber = number;

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export interface CivilDate {
  year: number;
  month: number; // 1–12
  day: number; // 1–31
}

// Howard Hinnant's days_from_civil / civil_from_days.
export function dayNumberOf(year: number, month: number, day: number): DayNumber {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function civilOf(dayNumber: DayNumber): CivilDate {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

export function weekdayOf(dayNumber: DayNumber): Weekday {
  // 1970-01-01 was a Thursday (4).
  return (((((dayNumber + 3) % 7) + 7) % 7) + 1) as Weekday;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
}

const pad2 = (n: number): string => String(n).padStart(2, "0");

/** "2026-03-09" */
export function formatCivil(dayNumber: DayNumber): string {
  const c = civilOf(dayNumber);
  return `${String(c.year).padStart(4, "0")}-${pad2(c.month)}-${pad2(c.day)}`;
}

/** Parses "MM-DD" of a given year; undefined when it is not a real date. */
export function parseMonthDay(year: number, text: string): DayNumber | undefined {
  const m = /^(\d{2})-(\d{2})$/.exec(text);
  if (!m) return undefined;
  const month = Number(m[1]);
  const day = Number(m[2]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return dayNumberOf(year, month, day);
}

/** Parses "YYYY-MM-DD"; undefined when it is not a real date. */
export function parseCivil(text: string): DayNumber | undefined {
  const m = /^(\d{4})-(\d{2}-\d{2})$/.exec(text);
  if (!m) return undefined;
  return parseMonthDay(Number(m[1]), m[2] as string);
}
