// otklik calendar: the production calendar of a year and working-time arithmetic from the terminal.
import { readFileSync } from "node:fs";
import {
  CalendarAmendmentSchema,
  checkYearFile,
  compileSchedule,
  describeCalendarProblem,
  formatCivil,
  formatInstant,
  isValidTimeZone,
  isWorkingKind,
  norms,
  parseInstant,
  productionCalendar,
  ScheduleSpecSchema,
  WorkingTime,
  YearFileSchema,
  dayNumberOf,
  type CalendarAmendment,
  type ScheduleSpec,
  type YearFile,
} from "../domain/calendar/index.ts";
import { formatDuration } from "../domain/i18n.ts";
import { check, describeFieldProblem } from "../domain/validation.ts";
import {
  localeOf,
  parseOptions,
  UsageError,
  withSubcommands,
  writeLine,
  type Command,
  type Io,
} from "./command.ts";
import { renderTable } from "./table.ts";

const DEFAULT_ZONE = "Europe/Moscow";

const COMMON = {
  tz: { type: "string" },
  schedule: { type: "string" },
  calendar: { type: "string", multiple: true },
  lang: { type: "string" },
} as const;

const HELP = `Использование:
  otklik calendar year <ГГГГ> [--json]
  otklik calendar add --from <ISO 8601> (--working-minutes N | --working-days N | --calendar-days N)
  otklik calendar between --from <ISO 8601> --to <ISO 8601>
  otklik calendar check <файл года или региональных праздников .json>
Общие параметры:
  --tz <IANA>          часовой пояс (по умолчанию ${DEFAULT_ZONE}); время без смещения читается в нём
  --schedule <файл>    режим работы (JSON: hours, breaks, workingDays, byWeekday, shortDayMinutes)
  --calendar <файл>    добавить или заменить год, или региональные праздники (можно несколько раз)
  --lang ru|en         язык вывода
Сроки: «N рабочих минут» — самый ранний момент, когда истекло N минут рабочего времени;
«N рабочих дней» — конец N-го рабочего дня после дня начала; «N календарных дней» —
конец (полночь) N-го календарного дня после дня начала.`;

function readJson(path: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new UsageError(
      `не удалось прочитать ${what} «${path}»: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
      { cause: e },
    );
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${what} «${path}» — не JSON: ${(e as Error).message}`, { cause: e });
  }
}

type CalendarFile =
  { kind: "year"; file: YearFile } | { kind: "amendment"; file: CalendarAmendment };

function readCalendarFile(path: string): CalendarFile | { problems: string[] } {
  const json = readJson(path, "файл календаря");
  const isAmendment = typeof json === "object" && json !== null && "years" in json;
  const checked = isAmendment
    ? check<CalendarAmendment>(CalendarAmendmentSchema, json)
    : check<YearFile>(YearFileSchema, json);
  if (!checked.ok) return { problems: checked.problems.map((p) => describeFieldProblem(p, "ru")) };
  return isAmendment
    ? { kind: "amendment", file: checked.value as CalendarAmendment }
    : { kind: "year", file: checked.value as YearFile };
}

interface Common {
  tz?: string | undefined;
  schedule?: string | undefined;
  calendar?: string[] | undefined;
}

/** The working time the options describe: zone, schedule, federal years plus any extra files. */
function workingTimeOf(values: Common): WorkingTime {
  const extraYears: YearFile[] = [];
  const amendments: CalendarAmendment[] = [];
  for (const path of values.calendar ?? []) {
    const read = readCalendarFile(path);
    if ("problems" in read)
      throw new UsageError(
        `--calendar ${path}: ${read.problems[0]}${read.problems.length > 1 ? ` (и ещё ${read.problems.length - 1})` : ""}`,
      );
    if (read.kind === "year") extraYears.push(read.file);
    else amendments.push(read.file);
  }
  let spec: ScheduleSpec = { timeZone: values.tz ?? DEFAULT_ZONE };
  if (values.schedule) {
    const json = readJson(values.schedule, "файл режима работы");
    const withZone = {
      timeZone: values.tz ?? DEFAULT_ZONE,
      ...(json as object),
      ...(values.tz ? { timeZone: values.tz } : {}),
    };
    const checked = check<ScheduleSpec>(ScheduleSpecSchema, withZone);
    if (!checked.ok)
      throw new UsageError(
        `--schedule ${values.schedule}: ${describeFieldProblem(checked.problems[0]!, "ru")}`,
      );
    spec = checked.value;
  }
  if (!isValidTimeZone(spec.timeZone))
    throw new UsageError(`неизвестный часовой пояс «${spec.timeZone}»`);
  const compiled = compileSchedule(spec);
  if (!compiled.ok) {
    const p = compiled.problems[0]!;
    throw new UsageError(
      `режим работы: ${p.field}: неверное значение${p.value ? ` «${p.value}»` : ""}`,
    );
  }
  return new WorkingTime(productionCalendar({ extraYears, amendments }), compiled.schedule);
}

function wholeNumber(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text)) throw new UsageError(`--${name}: «${text}» — нужно целое число ≥ 0`);
  return Number(text);
}

function instantArg(name: string, text: string | undefined, tz: string): number {
  if (text === undefined) throw new UsageError(`нужен параметр --${name} <дата и время ISO 8601>`);
  const t = parseInstant(text, tz);
  if (t === undefined)
    throw new UsageError(
      `--${name}: «${text}» — не дата и время ISO 8601 (например 2026-03-06T17:30:00+03:00)`,
    );
  return t;
}

function warnProvisional(io: Io, wt: WorkingTime, from: number, to: number): void {
  const years = wt.provisionalYearsBetween(from, to);
  if (years.length) {
    writeLine(
      io.stderr,
      `внимание: календарь на ${years.join(", ")} г. не загружен — расчёт по ТК РФ без переносов по постановлению`,
    );
  }
}

async function add(argv: string[], io: Io): Promise<number> {
  const { values } = parseOptions(argv, {
    ...COMMON,
    from: { type: "string" },
    "working-minutes": { type: "string" },
    "working-days": { type: "string" },
    "calendar-days": { type: "string" },
  });
  const amounts = {
    "working-minutes": wholeNumber("working-minutes", values["working-minutes"]),
    "working-days": wholeNumber("working-days", values["working-days"]),
    "calendar-days": wholeNumber("calendar-days", values["calendar-days"]),
  };
  const given = Object.entries(amounts).filter(([, v]) => v !== undefined);
  if (given.length !== 1)
    throw new UsageError(
      "нужен ровно один срок: --working-minutes, --working-days или --calendar-days",
    );
  const wt = workingTimeOf(values);
  const start = instantArg("from", values.from, wt.timeZone);
  const [kind, n] = given[0] as [keyof typeof amounts, number];
  const deadline =
    kind === "working-minutes"
      ? wt.addWorkingMinutes(start, n)
      : kind === "working-days"
        ? wt.addWorkingDays(start, n)
        : wt.addCalendarDays(start, n);
  warnProvisional(io, wt, start, deadline);
  writeLine(io.stdout, formatInstant(deadline, wt.timeZone));
  return 0;
}

async function between(argv: string[], io: Io): Promise<number> {
  const { values } = parseOptions(argv, {
    ...COMMON,
    from: { type: "string" },
    to: { type: "string" },
    json: { type: "boolean" },
  });
  const locale = localeOf(values.lang);
  const wt = workingTimeOf(values);
  const from = instantArg("from", values.from, wt.timeZone);
  const to = instantArg("to", values.to, wt.timeZone);
  const minutes = wt.workingMinutesBetween(from, to);
  warnProvisional(io, wt, from, to);
  if (values.json) writeLine(io.stdout, JSON.stringify({ workingMinutes: minutes }));
  else writeLine(io.stdout, `${minutes} (${formatDuration(minutes, locale)})`);
  return 0;
}

const MONTHS = {
  ru: [
    "январь",
    "февраль",
    "март",
    "апрель",
    "май",
    "июнь",
    "июль",
    "август",
    "сентябрь",
    "октябрь",
    "ноябрь",
    "декабрь",
  ],
  en: [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
  ],
};

async function year(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseOptions(
    argv,
    { ...COMMON, json: { type: "boolean" } },
    true,
  );
  const locale = localeOf(values.lang);
  if (positionals.length !== 1 || !/^\d{4}$/.test(positionals[0] as string))
    throw new UsageError("нужен год: otklik calendar year 2026");
  const y = Number(positionals[0]);
  const wt = workingTimeOf(values);
  const cal = wt.calendar;
  const official = norms(cal, y);
  const first = dayNumberOf(y, 1, 1);
  const last = dayNumberOf(y, 12, 31);
  const months = Array.from({ length: 12 }, (_, i) => ({
    month: i + 1,
    workingDays: 0,
    workingHours: 0,
  }));
  const holidays: Array<{ date: string; name: string }> = [];
  const movedDaysOff: Array<{ date: string; note: string }> = [];
  const workingWeekends: string[] = [];
  const shortDays: string[] = [];
  const paid: string[] = [];
  let minutes = 0;
  for (let d = first; d <= last; d++) {
    const day = wt.describeDay(d);
    const date = formatCivil(d);
    const month = months[Number(date.slice(5, 7)) - 1]!;
    if (day.workingMinutes > 0) month.workingDays++;
    month.workingHours += day.workingMinutes / 60;
    minutes += day.workingMinutes;
    if (day.kind === "holiday") holidays.push({ date, name: day.name ?? "" });
    if (day.kind === "transferredDayOff") movedDaysOff.push({ date, note: day.name ?? "" });
    if (day.workingWeekend) workingWeekends.push(date);
    if (day.kind === "short") shortDays.push(date);
    if (day.paidNonWorking && isWorkingKind(day.kind)) paid.push(date);
  }
  const file = cal.yearFile(y);
  const result = {
    year: y,
    timeZone: wt.timeZone,
    provisional: cal.isProvisional(y),
    decree: file.decree ?? null,
    workingDays: months.reduce((s, m) => s + m.workingDays, 0),
    daysOff: last - first + 1 - months.reduce((s, m) => s + m.workingDays, 0),
    workingHours: Math.round((minutes / 60) * 100) / 100,
    norms: {
      workingDays: official.workingDays,
      hours40: official.hours40,
      hours36: official.hours36,
      hours24: official.hours24,
    },
    months,
    holidays,
    movedDaysOff,
    workingWeekends,
    shortDays,
    paidNonWorkingDays: paid,
  };
  if (values.json) {
    writeLine(io.stdout, JSON.stringify(result, null, 2));
    return 0;
  }
  const ru = locale === "ru";
  const lines = [
    ru
      ? `Производственный календарь ${y} (пятидневная неделя), ${wt.timeZone}`
      : `Production calendar ${y} (five-day week), ${wt.timeZone}`,
    result.provisional
      ? ru
        ? "ВНИМАНИЕ: год не загружен, расчёт по ТК РФ без переносов по постановлению"
        : "WARNING: year not loaded; Labour Code rules only, no decree transfers"
      : `${ru ? "Основание" : "Basis"}: ${file.decree?.title ?? "—"}`,
    `${ru ? "Рабочих дней" : "Working days"}: ${result.workingDays}, ${ru ? "выходных и праздничных" : "days off"}: ${result.daysOff}, ${ru ? "рабочих часов по режиму" : "working hours by schedule"}: ${result.workingHours}`,
    `${ru ? "Нормы: 40 ч" : "Norms: 40 h"} — ${official.hours40}, 36 ${ru ? "ч" : "h"} — ${official.hours36}, 24 ${ru ? "ч" : "h"} — ${official.hours24}`,
    "",
    renderTable(
      [ru ? "Месяц" : "Month", ru ? "Рабочих дней" : "Working days", ru ? "Часов" : "Hours"],
      months.map((m) => [
        MONTHS[locale][m.month - 1]!,
        String(m.workingDays),
        String(Math.round(m.workingHours * 100) / 100),
      ]),
      [12, 14, 8],
    ),
    "",
    `${ru ? "Праздники" : "Holidays"}: ${holidays.map((h) => h.date.slice(5)).join(", ") || "—"}`,
    `${ru ? "Перенесённые выходные" : "Moved days off"}: ${movedDaysOff.map((h) => `${h.date.slice(5)} (${h.note})`).join(", ") || "—"}`,
    `${ru ? "Рабочие субботы" : "Working Saturdays"}: ${workingWeekends.map((d) => d.slice(5)).join(", ") || "—"}`,
    `${ru ? "Сокращённые дни" : "Short days"}: ${shortDays.map((d) => d.slice(5)).join(", ") || "—"}`,
  ];
  if (paid.length)
    lines.push(
      `${ru ? "Нерабочие дни по указам Президента (оплачиваемые)" : "Paid non-working days (presidential decrees)"}: ${paid.length}`,
    );
  writeLine(io.stdout, lines.join("\n"));
  return 0;
}

async function checkFile(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseOptions(argv, { lang: { type: "string" } }, true);
  const locale = localeOf(values.lang);
  if (positionals.length !== 1)
    throw new UsageError("нужен один файл: otklik calendar check 2028.json");
  const read = readCalendarFile(positionals[0] as string);
  if ("problems" in read) {
    for (const p of read.problems) writeLine(io.stdout, p);
    return 1;
  }
  const problems =
    read.kind === "year"
      ? checkYearFile(read.file)
      : productionCalendar({ amendments: [read.file] }).problems.filter(
          (p) => read.file.years.some((y) => y.year === p.year) && p.field === read.file.name,
        );
  for (const p of problems) writeLine(io.stdout, describeCalendarProblem(p, locale));
  const errors = problems.filter((p) => p.severity === "error").length;
  if (!errors) {
    writeLine(io.stdout, locale === "ru" ? "Файл в порядке." : "The file is fine.");
    if (read.kind === "year") {
      const n = norms(productionCalendar({ extraYears: [read.file] }), read.file.year);
      writeLine(
        io.stdout,
        `${read.file.year}: ${n.workingDays} / ${n.daysOff}; ${n.hours40} / ${n.hours36} / ${n.hours24}`,
      );
    }
  }
  return errors ? 1 : 0;
}

export const calendar: Command = withSubcommands(
  "calendar",
  { year, add, between, check: checkFile },
  HELP,
);
