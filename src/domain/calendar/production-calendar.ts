// The Russian production calendar (five-day week): year files, regional amendments, day kinds, norms.
import {
  dayNumberOf,
  daysInMonth,
  formatCivil,
  parseMonthDay,
  weekdayOf,
  type DayNumber,
} from "./civil-date.ts";
import laborCode from "./data/holidays.json" with { type: "json" };

export type { CalendarAmendment, YearFile } from "./schemas.ts";
import type { CalendarAmendment, YearFile } from "./schemas.ts";

export type DayKind = "working" | "short" | "weekend" | "holiday" | "transferredDayOff";

export interface DayInfo {
  date: DayNumber;
  kind: DayKind;
  /** Holiday name, or the day a transferred day off came from. */
  name?: string;
  /** Decree, article or law behind this day's kind. */
  basis?: string;
  /** A Saturday or Sunday made a working day by transfer. */
  workingWeekend?: boolean;
  /** Paid "non-working day" by Presidential decree (2020–2021): a working day in the norms. */
  paidNonWorking?: string;
  /** The year was not loaded and was generated from the Labour Code alone. */
  provisional?: boolean;
}

export function isWorkingKind(kind: DayKind): boolean {
  return kind === "working" || kind === "short";
}

export interface YearNorms {
  year: number;
  workingDays: number;
  daysOff: number;
  shortDays: number;
  hours40: number;
  hours36: number;
  hours24: number;
  months: Array<{ month: number; workingDays: number; hours40: number }>;
}

export interface CalendarProblem {
  severity: "error" | "warning";
  code:
    | "invalidDate"
    | "duplicateDate"
    | "transferFromNotDayOff"
    | "transferToNotWeekday"
    | "workingWeekendNotWeekend"
    | "workingWeekendWithoutTransfer"
    | "shortDayNotWorking"
    | "shortDayNotBeforeHoliday"
    | "missingShortDay"
    | "missingArt112Transfer"
    | "normMismatch"
    | "noExpectedNorms";
  year: number;
  /** Where in the file: "transfers[2].to", "expected.hours40". */
  field: string;
  date?: string;
  expected?: number;
  actual?: number;
}

const LABOR_CODE_BASIS = "ТК РФ, ст. 112";
const SHORT_DAY_BASIS = "ТК РФ, ст. 95";

interface ResolvedYear {
  year: number;
  provisional: boolean;
  /** Special days only; any other day is working on Mon–Fri and weekend on Sat–Sun. */
  days: Map<DayNumber, DayInfo>;
  file: YearFile;
}

function holidaysOf(file: YearFile): Array<{ date: string; name: string }> {
  return file.holidays ?? laborCode.holidays;
}

function isWeekend(day: DayNumber): boolean {
  return weekdayOf(day) >= 6;
}

/** Builds the special days of a year and reports what does not hold together. */
function resolveYear(
  file: YearFile,
  provisional: boolean,
): { year: ResolvedYear; problems: CalendarProblem[] } {
  const problems: CalendarProblem[] = [];
  const y = file.year;
  const days = new Map<DayNumber, DayInfo>();
  const decree = file.decree?.title;
  const date = (text: string, field: string): DayNumber | undefined => {
    const d = parseMonthDay(y, text);
    if (d === undefined)
      problems.push({ severity: "error", code: "invalidDate", year: y, field, date: text });
    return d;
  };

  holidaysOf(file).forEach((h, i) => {
    const d = date(h.date, `holidays[${i}].date`);
    if (d !== undefined)
      days.set(d, { date: d, kind: "holiday", name: h.name, basis: LABOR_CODE_BASIS });
  });

  const workingWeekends = new Set<DayNumber>();
  file.workingWeekends.forEach((text, i) => {
    const d = date(text, `workingWeekends[${i}]`);
    if (d === undefined) return;
    if (!isWeekend(d) || days.get(d)?.kind === "holiday") {
      problems.push({
        severity: "error",
        code: "workingWeekendNotWeekend",
        year: y,
        field: `workingWeekends[${i}]`,
        date: text,
      });
      return;
    }
    workingWeekends.add(d);
    days.set(d, {
      date: d,
      kind: "working",
      workingWeekend: true,
      ...(decree ? { basis: decree } : {}),
    });
  });

  const transferredFrom = new Set<DayNumber>();
  file.transfers.forEach((t, i) => {
    const from = date(t.from, `transfers[${i}].from`);
    const to = date(t.to, `transfers[${i}].to`);
    if (from === undefined || to === undefined) return;
    if (!isWeekend(from) && days.get(from)?.kind !== "holiday") {
      problems.push({
        severity: "error",
        code: "transferFromNotDayOff",
        year: y,
        field: `transfers[${i}].from`,
        date: t.from,
      });
    }
    if (isWeekend(to) || days.has(to)) {
      problems.push({
        severity: "error",
        code: "transferToNotWeekday",
        year: y,
        field: `transfers[${i}].to`,
        date: t.to,
      });
      return;
    }
    if (transferredFrom.has(from)) {
      problems.push({
        severity: "error",
        code: "duplicateDate",
        year: y,
        field: `transfers[${i}].from`,
        date: t.from,
      });
    }
    transferredFrom.add(from);
    const basis =
      t.basis === "art112" ? LABOR_CODE_BASIS : t.basis === "decree" ? decree : undefined;
    days.set(to, {
      date: to,
      kind: "transferredDayOff",
      name: `перенос с ${formatCivil(from).slice(5).split("-").reverse().join(".")}`,
      ...(basis ? { basis } : {}),
    });
  });
  workingWeekends.forEach((d) => {
    if (!transferredFrom.has(d)) {
      problems.push({
        severity: "warning",
        code: "workingWeekendWithoutTransfer",
        year: y,
        field: "workingWeekends",
        date: formatCivil(d).slice(5),
      });
    }
  });

  const shortDays = new Set<DayNumber>();
  file.shortDays.forEach((text, i) => {
    const d = date(text, `shortDays[${i}]`);
    if (d === undefined) return;
    const info = days.get(d);
    const working = info ? info.kind === "working" : !isWeekend(d);
    if (!working) {
      problems.push({
        severity: "error",
        code: "shortDayNotWorking",
        year: y,
        field: `shortDays[${i}]`,
        date: text,
      });
      return;
    }
    shortDays.add(d);
    days.set(d, { ...(info ?? { date: d }), kind: "short", basis: SHORT_DAY_BASIS });
  });

  file.paidNonWorkingDays.forEach((range, i) => {
    const from = date(range.from, `paidNonWorkingDays[${i}].from`);
    const to = date(range.to, `paidNonWorkingDays[${i}].to`);
    if (from === undefined || to === undefined) return;
    for (let d = from; d <= to; d++) {
      const info = days.get(d);
      const kind: DayKind = info?.kind ?? (isWeekend(d) ? "weekend" : "working");
      if (!isWorkingKind(kind)) continue;
      days.set(d, { ...(info ?? { date: d, kind }), paidNonWorking: range.basis });
    }
  });

  const resolved: ResolvedYear = { year: y, provisional, days, file };
  problems.push(...ruleChecks(resolved, shortDays));
  return { year: resolved, problems };
}

function dayInfoIn(year: ResolvedYear, d: DayNumber): DayInfo {
  const info = year.days.get(d);
  if (info) return info;
  return isWeekend(d) ? { date: d, kind: "weekend" } : { date: d, kind: "working" };
}

/** Warnings where the file departs from the Labour Code's own rules (ст. 95 and 112). */
function ruleChecks(year: ResolvedYear, shortDays: Set<DayNumber>): CalendarProblem[] {
  const problems: CalendarProblem[] = [];
  const y = year.year;
  const first = dayNumberOf(y, 1, 1);
  const last = dayNumberOf(y, 12, 31);
  // ст. 112: a holiday on a weekend moves to the next working day, unless it is a January one.
  for (const h of holidaysOf(year.file)) {
    const d = parseMonthDay(y, h.date);
    if (d === undefined || !isWeekend(d) || h.date.startsWith("01-")) continue;
    if (!year.file.transfers.some((t) => t.from === h.date)) {
      problems.push({
        severity: "warning",
        code: "missingArt112Transfer",
        year: y,
        field: "transfers",
        date: h.date,
      });
    }
  }
  // ст. 95: the working day just before a holiday is one hour shorter.
  for (let d = first; d <= last; d++) {
    const info = dayInfoIn(year, d);
    if (!isWorkingKind(info.kind)) continue;
    // The day after 31 December is 1 January, always a holiday.
    const beforeHoliday = d === last || dayInfoIn(year, d + 1).kind === "holiday";
    if (beforeHoliday && !shortDays.has(d)) {
      problems.push({
        severity: "warning",
        code: "missingShortDay",
        year: y,
        field: "shortDays",
        date: formatCivil(d).slice(5),
      });
    }
  }
  for (const d of shortDays) {
    const beforeDayOff = d === last || !isWorkingKind(dayInfoIn(year, d + 1).kind);
    if (!beforeDayOff) {
      problems.push({
        severity: "warning",
        code: "shortDayNotBeforeHoliday",
        year: y,
        field: "shortDays",
        date: formatCivil(d).slice(5),
      });
    }
  }
  return problems;
}

/** A year nobody loaded, from the Labour Code alone: no decree transfers are known. */
export function provisionalYearFile(year: number): YearFile {
  const holidayDays = new Set<DayNumber>();
  for (const h of laborCode.holidays) {
    const d = parseMonthDay(year, h.date);
    if (d !== undefined) holidayDays.add(d);
  }
  const movedTo = new Set<DayNumber>();
  const isOff = (d: DayNumber): boolean => isWeekend(d) || holidayDays.has(d) || movedTo.has(d);
  const transfers: YearFile["transfers"] = [];
  for (const h of laborCode.holidays) {
    const d = parseMonthDay(year, h.date);
    // ст. 112: January holidays on a weekend are redistributed by decree, which we do not know.
    if (d === undefined || !isWeekend(d) || h.date.startsWith("01-")) continue;
    let to = d + 1;
    while (isOff(to)) to++;
    movedTo.add(to);
    transfers.push({ from: h.date, to: formatCivil(to).slice(5), basis: "art112" });
  }
  const shortDays = new Set<string>();
  const first = dayNumberOf(year, 1, 1);
  const last = dayNumberOf(year, 12, 31);
  for (const d of [...holidayDays, last + 1]) {
    const before = d - 1;
    if (before >= first && before <= last && !isOff(before))
      shortDays.add(formatCivil(before).slice(5));
  }
  return {
    year,
    transfers,
    workingWeekends: [],
    shortDays: [...shortDays].sort(),
    paidNonWorkingDays: [],
  };
}

export function norms(calendar: ProductionCalendar, year: number): YearNorms {
  const first = dayNumberOf(year, 1, 1);
  const last = dayNumberOf(year, 12, 31);
  const months = Array.from({ length: 12 }, (_, i) => ({
    month: i + 1,
    workingDays: 0,
    hours40: 0,
  }));
  let workingDays = 0;
  let shortDays = 0;
  for (let d = first; d <= last; d++) {
    const info = calendar.day(d);
    if (!isWorkingKind(info.kind)) continue;
    const month = months[Number(formatCivil(d).slice(5, 7)) - 1] as (typeof months)[number];
    workingDays++;
    month.workingDays++;
    month.hours40 += info.kind === "short" ? 7 : 8;
    if (info.kind === "short") shortDays++;
  }
  // Tenths of an hour keep the 36- and 24-hour norms exact.
  const tenths = (perDay: number): number => (perDay * workingDays - 10 * shortDays) / 10;
  return {
    year,
    workingDays,
    daysOff: last - first + 1 - workingDays,
    shortDays,
    hours40: tenths(80),
    hours36: tenths(72),
    hours24: tenths(48),
    months,
  };
}

export interface CalendarSource {
  years: YearFile[];
  amendments?: CalendarAmendment[];
}

/** The calendar a tenant counts by: federal years, its regional amendments, provisional years beyond. */
export class ProductionCalendar {
  private readonly years = new Map<number, ResolvedYear>();
  readonly problems: CalendarProblem[] = [];

  constructor(private readonly source: CalendarSource) {
    for (const file of source.years) {
      const { year, problems } = resolveYear(file, false);
      this.years.set(file.year, year);
      this.problems.push(...problems);
    }
    // Amendments to loaded years apply now; a year nobody loaded gets them when it is made
    // provisional (once, in yearOf), which for the years they name happens here too, so their
    // problems are known at once and listed once.
    const loaded = new Set(this.years.keys());
    for (const amendment of source.amendments ?? [])
      this.applyAmendment(amendment, (y) => loaded.has(y));
    for (const amendment of source.amendments ?? [])
      for (const part of amendment.years) this.yearOf(part.year);
  }

  /** Years loaded from files (not provisional), ascending. */
  get loadedYears(): number[] {
    return [...this.years.values()]
      .filter((y) => !y.provisional)
      .map((y) => y.year)
      .sort((a, b) => a - b);
  }

  isProvisional(year: number): boolean {
    return this.yearOf(year).provisional;
  }

  yearFile(year: number): YearFile {
    return this.yearOf(year).file;
  }

  day(d: DayNumber): DayInfo {
    const year = this.yearOf(yearOfDay(d));
    const info = dayInfoIn(year, d);
    return year.provisional ? { ...info, provisional: true } : info;
  }

  private yearOf(y: number): ResolvedYear {
    let year = this.years.get(y);
    if (!year) {
      year = resolveYear(provisionalYearFile(y), true).year;
      this.years.set(y, year);
      for (const amendment of this.source.amendments ?? [])
        this.applyAmendment(amendment, (py) => py === y);
    }
    return year;
  }

  private applyAmendment(amendment: CalendarAmendment, applies: (year: number) => boolean): void {
    for (const part of amendment.years) {
      if (!applies(part.year)) continue;
      const year = this.yearOf(part.year);
      const at = (text: string): DayNumber | undefined => {
        const d = parseMonthDay(part.year, text);
        if (d === undefined) {
          this.problems.push({
            severity: "error",
            code: "invalidDate",
            year: part.year,
            field: amendment.name,
            date: text,
          });
        }
        return d;
      };
      for (const h of part.holidays ?? []) {
        const d = at(h.date);
        if (d !== undefined)
          year.days.set(d, { date: d, kind: "holiday", name: h.name, basis: amendment.basis });
      }
      for (const t of part.transfers ?? []) {
        const from = at(t.from);
        const to = at(t.to);
        if (from === undefined || to === undefined) continue;
        year.days.set(to, {
          date: to,
          kind: "transferredDayOff",
          name: `перенос с ${t.from}`,
          basis: amendment.basis,
        });
      }
      for (const text of part.workingWeekends ?? []) {
        const d = at(text);
        if (d !== undefined)
          year.days.set(d, {
            date: d,
            kind: "working",
            workingWeekend: true,
            basis: amendment.basis,
          });
      }
      for (const text of part.shortDays ?? []) {
        const d = at(text);
        if (d === undefined) continue;
        const info = dayInfoIn(year, d);
        if (isWorkingKind(info.kind))
          year.days.set(d, { ...info, kind: "short", basis: amendment.basis });
      }
    }
  }
}

function yearOfDay(d: DayNumber): number {
  // A civil year is at most 366 days: estimate, then correct.
  let y = Math.floor(d / 365.2425) + 1970;
  while (dayNumberOf(y, 1, 1) > d) y--;
  while (dayNumberOf(y + 1, 1, 1) <= d) y++;
  return y;
}

/** Checks a year file on its own: structure of dates, the Labour Code rules, and its stated norms. */
export function checkYearFile(file: YearFile): CalendarProblem[] {
  const calendar = new ProductionCalendar({ years: [file] });
  const problems = [...calendar.problems];
  if (!file.expected) {
    problems.push({
      severity: "warning",
      code: "noExpectedNorms",
      year: file.year,
      field: "expected",
    });
    return problems;
  }
  const actual = norms(calendar, file.year);
  const compare = (field: string, expected: number | undefined, got: number): void => {
    if (expected !== undefined && Math.abs(expected - got) > 1e-9) {
      problems.push({
        severity: "error",
        code: "normMismatch",
        year: file.year,
        field: `expected.${field}`,
        expected,
        actual: got,
      });
    }
  };
  compare("workingDays", file.expected.workingDays, actual.workingDays);
  compare("daysOff", file.expected.daysOff, actual.daysOff);
  compare("hours40", file.expected.hours40, actual.hours40);
  compare("hours36", file.expected.hours36, actual.hours36);
  compare("hours24", file.expected.hours24, actual.hours24);
  file.expected.months?.forEach(([days, hours], i) => {
    const month = actual.months[i];
    if (!month) return;
    compare(`months[${i}][0]`, days, month.workingDays);
    compare(`months[${i}][1]`, hours, month.hours40);
  });
  return problems;
}

export { daysInMonth };

/** A calendar problem as people read it. */
export function describeCalendarProblem(p: CalendarProblem, locale: "ru" | "en"): string {
  const d = p.date ? ` ${p.date}` : "";
  const ru: Record<CalendarProblem["code"], string> = {
    invalidDate: `нет такой даты:${d}`,
    duplicateDate: `дата${d} указана дважды`,
    transferFromNotDayOff: `перенос с${d}: это не выходной и не праздник`,
    transferToNotWeekday: `перенос на${d}: день и так нерабочий`,
    workingWeekendNotWeekend: `рабочий выходной${d} — не суббота и не воскресенье (или праздник)`,
    workingWeekendWithoutTransfer: `рабочая суббота${d} не связана ни с одним переносом`,
    shortDayNotWorking: `сокращённый день${d} не рабочий`,
    shortDayNotBeforeHoliday: `сокращённый день${d} не предшествует нерабочему дню (ТК РФ, ст. 95)`,
    missingShortDay: `${d} — рабочий день перед праздником, но не указан сокращённым (ТК РФ, ст. 95)`,
    missingArt112Transfer: `праздник${d} выпадает на выходной, но перенос по ст. 112 ТК РФ не указан`,
    normMismatch: `норма не сходится: указано ${p.expected}, по календарю ${p.actual}`,
    noExpectedNorms: "нет официальных норм (expected) для самопроверки",
  };
  const en: Record<CalendarProblem["code"], string> = {
    invalidDate: `no such date:${d}`,
    duplicateDate: `date${d} given twice`,
    transferFromNotDayOff: `transfer from${d}: not a weekend or holiday`,
    transferToNotWeekday: `transfer to${d}: already a day off`,
    workingWeekendNotWeekend: `working weekend${d} is not a Saturday or Sunday (or is a holiday)`,
    workingWeekendWithoutTransfer: `working Saturday${d} belongs to no transfer`,
    shortDayNotWorking: `short day${d} is not a working day`,
    shortDayNotBeforeHoliday: `short day${d} does not precede a day off (Labour Code art. 95)`,
    missingShortDay: `${d} is the working day before a holiday but is not short (Labour Code art. 95)`,
    missingArt112Transfer: `holiday${d} falls on a weekend but its art. 112 transfer is missing`,
    normMismatch: `norm differs: stated ${p.expected}, calendar gives ${p.actual}`,
    noExpectedNorms: "no official norms (expected) to check against",
  };
  const sev = locale === "ru" ? (p.severity === "error" ? "ошибка" : "предупреждение") : p.severity;
  return `${sev}: ${p.year}, ${p.field}: ${(locale === "ru" ? ru : en)[p.code]}`;
}
