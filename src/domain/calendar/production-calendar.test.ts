import { describe, expect, it } from "vitest";
import {
  civilOf,
  dayNumberOf,
  daysInMonth,
  formatCivil,
  parseCivil,
  type DayNumber,
} from "./civil-date.ts";
import { FEDERAL_YEARS } from "./federal-years.ts";
import { productionCalendar } from "./index.ts";
import {
  checkYearFile,
  norms,
  provisionalYearFile,
  type CalendarAmendment,
  type CalendarProblem,
  type ProductionCalendar,
  type YearFile,
} from "./production-calendar.ts";

// The official norms, typed from shared/reference/production-calendar.md (§1.3) — not read
// from the year files, so that the data and the engine are checked against an independent copy.
interface OfficialYear {
  workingDays: number;
  daysOff: number;
  hours40: number;
  hours36: number;
  hours24: number;
  shortDays: number;
  workingSaturdays: string[];
  /** Working days / 40-hour norm of January … December. */
  months: Array<[number, number]>;
}

// prettier-ignore
const OFFICIAL: Record<number, OfficialYear> = {
  2020: { workingDays: 248, daysOff: 118, hours40: 1979, hours36: 1780.6, hours24: 1185.4, shortDays: 5, workingSaturdays: [],
    months: [[17, 136], [19, 152], [21, 168], [22, 175], [17, 135], [21, 167], [23, 184], [21, 168], [22, 176], [22, 176], [20, 159], [23, 183]] },
  2021: { workingDays: 247, daysOff: 118, hours40: 1972, hours36: 1774.4, hours24: 1181.6, shortDays: 4, workingSaturdays: ["02-20"],
    months: [[15, 120], [19, 151], [22, 176], [22, 175], [19, 152], [21, 167], [22, 176], [22, 176], [22, 176], [21, 168], [20, 159], [22, 176]] },
  2022: { workingDays: 247, daysOff: 118, hours40: 1973, hours36: 1775.4, hours24: 1182.6, shortDays: 3, workingSaturdays: ["03-05"],
    months: [[16, 128], [19, 151], [22, 175], [21, 168], [18, 144], [21, 168], [21, 168], [23, 184], [22, 176], [21, 168], [21, 167], [22, 176]] },
  2023: { workingDays: 247, daysOff: 118, hours40: 1973, hours36: 1775.4, hours24: 1182.6, shortDays: 3, workingSaturdays: [],
    months: [[17, 136], [18, 143], [22, 175], [20, 160], [20, 160], [21, 168], [21, 168], [23, 184], [21, 168], [22, 176], [21, 167], [21, 168]] },
  2024: { workingDays: 248, daysOff: 118, hours40: 1979, hours36: 1780.6, hours24: 1185.4, shortDays: 5, workingSaturdays: ["04-27", "11-02", "12-28"],
    months: [[17, 136], [20, 159], [20, 159], [21, 168], [20, 159], [19, 151], [23, 184], [22, 176], [21, 168], [23, 184], [21, 167], [21, 168]] },
  2025: { workingDays: 247, daysOff: 118, hours40: 1972, hours36: 1774.4, hours24: 1181.6, shortDays: 4, workingSaturdays: ["11-01"],
    months: [[17, 136], [20, 160], [21, 167], [22, 175], [18, 144], [19, 151], [23, 184], [21, 168], [22, 176], [23, 184], [19, 151], [22, 176]] },
  2026: { workingDays: 247, daysOff: 118, hours40: 1972, hours36: 1774.4, hours24: 1181.6, shortDays: 4, workingSaturdays: [],
    months: [[15, 120], [19, 152], [21, 168], [22, 175], [19, 151], [21, 167], [23, 184], [21, 168], [22, 176], [22, 176], [20, 159], [22, 176]] },
  2027: { workingDays: 247, daysOff: 118, hours40: 1972, hours36: 1774.4, hours24: 1181.6, shortDays: 4, workingSaturdays: ["02-20"],
    months: [[15, 120], [19, 151], [22, 176], [22, 175], [19, 152], [21, 167], [22, 176], [22, 176], [22, 176], [21, 168], [20, 159], [22, 176]] },
};

// Quarters as published by the sources the reference document cross-checked against.
// prettier-ignore
const PUBLISHED_QUARTERS: Array<{ year: number; quarter: number; workingDays: number; hours40: number; source: string }> = [
  { year: 2020, quarter: 1, workingDays: 57, hours40: 456, source: "russian-edu.ru" },
  { year: 2020, quarter: 2, workingDays: 60, hours40: 477, source: "russian-edu.ru" },
  { year: 2021, quarter: 1, workingDays: 56, hours40: 447, source: "mishki163.ru" },
  { year: 2021, quarter: 2, workingDays: 62, hours40: 494, source: "mishki163.ru" },
  { year: 2026, quarter: 1, workingDays: 55, hours40: 440, source: "4dk.ru" },
  { year: 2026, quarter: 2, workingDays: 62, hours40: 493, source: "4dk.ru" },
  { year: 2026, quarter: 3, workingDays: 66, hours40: 528, source: "4dk.ru" },
  { year: 2026, quarter: 4, workingDays: 64, hours40: 511, source: "4dk.ru" },
];

const YEARS = Object.keys(OFFICIAL).map(Number);
const federal = productionCalendar();

function day(calendar: ProductionCalendar, text: string) {
  return calendar.day(parseCivil(text) as DayNumber);
}

function daysOfYear(year: number): DayNumber[] {
  const first = dayNumberOf(year, 1, 1);
  const last = dayNumberOf(year, 12, 31);
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

const codes = (problems: CalendarProblem[]): string[] => problems.map((p) => p.code).sort();

describe("official norms 2020–2027", () => {
  it("ships exactly the years 2020–2027 as loaded, not provisional, years", () => {
    expect(federal.loadedYears).toEqual(YEARS);
    for (const year of YEARS) expect(federal.isProvisional(year)).toBe(false);
  });

  it.each(YEARS)("reproduces the yearly norms of %i for the 40-, 36- and 24-hour weeks", (year) => {
    const official = OFFICIAL[year] as OfficialYear;
    const actual = norms(federal, year);
    expect({
      workingDays: actual.workingDays,
      daysOff: actual.daysOff,
      hours40: actual.hours40,
      hours36: actual.hours36,
      hours24: actual.hours24,
      shortDays: actual.shortDays,
    }).toEqual({
      workingDays: official.workingDays,
      daysOff: official.daysOff,
      hours40: official.hours40,
      hours36: official.hours36,
      hours24: official.hours24,
      shortDays: official.shortDays,
    });
  });

  it.each(YEARS)("reproduces the monthly working days and 40-hour norms of %i", (year) => {
    const official = OFFICIAL[year] as OfficialYear;
    const actual = norms(federal, year).months.map((m) => [m.workingDays, m.hours40]);
    expect(actual).toEqual(official.months);
  });

  it.each(YEARS)("gives each month of %i its days off as the days that are not working", (year) => {
    const official = OFFICIAL[year] as OfficialYear;
    const offByMonth = Array.from({ length: 12 }, (_, i) => {
      const days = daysOfYear(year).filter((d) => civilOf(d).month === i + 1);
      return days.filter((d) => !["working", "short"].includes(federal.day(d).kind)).length;
    });
    expect(offByMonth.reduce((a, b) => a + b)).toBe(official.daysOff);
    expect(offByMonth).toEqual(
      official.months.map(([workingDays], i) => daysInMonth(year, i + 1) - workingDays),
    );
  });

  it.each(YEARS)("makes working exactly the Saturdays the decree for %i made working", (year) => {
    const saturdays = daysOfYear(year)
      .filter((d) => federal.day(d).workingWeekend)
      .map((d) => formatCivil(d).slice(5));
    expect(saturdays).toEqual((OFFICIAL[year] as OfficialYear).workingSaturdays);
  });

  it.each(PUBLISHED_QUARTERS)(
    "adds up to the published quarter $quarter of $year ($workingDays days, $hours40 h, $source)",
    ({ year, quarter, workingDays, hours40 }) => {
      const months = norms(federal, year).months.slice((quarter - 1) * 3, quarter * 3);
      expect(months.reduce((sum, m) => sum + m.workingDays, 0)).toBe(workingDays);
      expect(months.reduce((sum, m) => sum + m.hours40, 0)).toBe(hours40);
    },
  );
});

describe("the shipped year files", () => {
  it.each(FEDERAL_YEARS.map((f) => [f.year, f] as const))(
    "the file of %i passes its own check with no errors",
    (_year, file) => {
      expect(checkYearFile(file).filter((p) => p.severity === "error")).toEqual([]);
    },
  );

  it.each(FEDERAL_YEARS.map((f) => [f.year, f] as const))(
    "the file of %i departs from no rule of the Labour Code (no warnings either)",
    (_year, file) => {
      expect(checkYearFile(file)).toEqual([]);
    },
  );

  it("tells a moved day off from a holiday and names the decree or article behind it", () => {
    expect(day(federal, "2026-01-09")).toMatchObject({
      kind: "transferredDayOff",
      name: "перенос с 03.01",
      basis: expect.stringContaining("№ 1466"),
    });
    expect(day(federal, "2026-03-09")).toMatchObject({
      kind: "transferredDayOff",
      basis: "ТК РФ, ст. 112",
    });
    expect(day(federal, "2026-01-07")).toMatchObject({
      kind: "holiday",
      name: "Рождество Христово",
    });
    expect(day(federal, "2026-03-07").kind).toBe("weekend");
    expect(day(federal, "2026-03-10").kind).toBe("working");
  });

  it("marks working Saturdays as working, and the one before the November holidays as short", () => {
    expect(day(federal, "2024-04-27")).toMatchObject({ kind: "working", workingWeekend: true });
    expect(day(federal, "2024-12-28")).toMatchObject({ kind: "working", workingWeekend: true });
    expect(day(federal, "2024-11-02")).toMatchObject({ kind: "short", workingWeekend: true });
    expect(day(federal, "2024-04-29").kind).toBe("transferredDayOff");
    expect(day(federal, "2024-04-30").kind).toBe("transferredDayOff");
  });

  it("marks pre-holiday days short (ТК РФ ст. 95), including 31 December 2020", () => {
    expect(day(federal, "2026-04-30")).toMatchObject({ kind: "short", basis: "ТК РФ, ст. 95" });
    expect(day(federal, "2026-11-03").kind).toBe("short");
    expect(day(federal, "2020-12-31").kind).toBe("short");
    // Not short: 8 March 2026 is a Sunday, so the Friday before it is an ordinary day.
    expect(day(federal, "2026-03-06").kind).toBe("working");
  });

  it("keeps the paid non-working days of 2020–2021 working days with their own marker", () => {
    expect(day(federal, "2020-04-06")).toMatchObject({
      kind: "working",
      paidNonWorking: "Указ Президента РФ от 02.04.2020 № 239",
    });
    // 30 April 2020 stays a short day under the marker (xmlcalendar loses this).
    expect(day(federal, "2020-04-30")).toMatchObject({
      kind: "short",
      paidNonWorking: expect.any(String),
    });
    expect(day(federal, "2021-11-03")).toMatchObject({
      kind: "short",
      paidNonWorking: expect.any(String),
    });
    // Days off inside a decree's range stay days off, without the marker.
    expect(day(federal, "2020-04-04")).toEqual({ date: parseCivil("2020-04-04"), kind: "weekend" });
    expect(day(federal, "2021-11-05").kind).toBe("transferredDayOff");
    expect(day(federal, "2021-11-05").paidNonWorking).toBeUndefined();
  });
});

describe("checking a broken year file", () => {
  const year2026 = FEDERAL_YEARS.find((f) => f.year === 2026) as YearFile;
  const broken = (edit: (file: YearFile) => void): CalendarProblem[] => {
    const file = structuredClone(year2026);
    edit(file);
    return checkYearFile(file);
  };

  it("names a transfer onto a Saturday", () => {
    const problems = broken((f) => {
      f.transfers[0] = { from: "01-03", to: "01-10", basis: "decree" };
    });
    expect(problems).toContainEqual(
      expect.objectContaining({
        severity: "error",
        code: "transferToNotWeekday",
        field: "transfers[0].to",
        date: "01-10",
      }),
    );
  });

  it("names a short day that falls on a holiday", () => {
    const problems = broken((f) => {
      f.shortDays.push("05-01");
    });
    expect(problems).toContainEqual({
      severity: "error",
      code: "shortDayNotWorking",
      year: 2026,
      field: "shortDays[4]",
      date: "05-01",
    });
  });

  it("names each stated norm that the calendar does not reproduce, with both numbers", () => {
    const problems = broken((f) => {
      f.expected = { ...f.expected!, hours40: 1980, workingDays: 248 };
      f.expected.months![4] = [19, 152];
    });
    expect(problems.filter((p) => p.code === "normMismatch")).toEqual([
      {
        severity: "error",
        code: "normMismatch",
        year: 2026,
        field: "expected.workingDays",
        expected: 248,
        actual: 247,
      },
      {
        severity: "error",
        code: "normMismatch",
        year: 2026,
        field: "expected.hours40",
        expected: 1980,
        actual: 1972,
      },
      {
        severity: "error",
        code: "normMismatch",
        year: 2026,
        field: "expected.months[4][1]",
        expected: 152,
        actual: 151,
      },
    ]);
  });

  it("names an impossible date wherever it is written", () => {
    const problems = broken((f) => {
      f.shortDays.push("02-30");
      f.transfers.push({ from: "13-01", to: "05-12", basis: "decree" });
      f.workingWeekends.push("04-31");
    });
    const invalid = problems.filter((p) => p.code === "invalidDate");
    expect(invalid.map((p) => [p.field, p.date])).toEqual([
      ["workingWeekends[0]", "04-31"],
      ["transfers[4].from", "13-01"],
      ["shortDays[4]", "02-30"],
    ]);
  });

  it("lists every problem of a file with several at once", () => {
    const problems = broken((f) => {
      f.transfers[0] = { from: "01-03", to: "01-10", basis: "decree" };
      f.shortDays.push("05-01", "02-30");
      f.expected = { ...f.expected!, hours40: 1980 };
    });
    expect(codes(problems.filter((p) => p.severity === "error"))).toEqual(
      expect.arrayContaining([
        "invalidDate",
        "normMismatch",
        "shortDayNotWorking",
        "transferToNotWeekday",
      ]),
    );
  });

  it("warns where a file departs from the Labour Code's own rules", () => {
    expect(
      broken((f) => {
        f.transfers = f.transfers.filter((t) => t.from !== "03-08");
      }),
    ).toContainEqual(
      expect.objectContaining({
        severity: "warning",
        code: "missingArt112Transfer",
        date: "03-08",
      }),
    );
    expect(
      broken((f) => {
        f.shortDays = f.shortDays.filter((d) => d !== "04-30");
      }),
    ).toContainEqual(
      expect.objectContaining({ severity: "warning", code: "missingShortDay", date: "04-30" }),
    );
    expect(
      broken((f) => {
        f.shortDays.push("03-11");
      }),
    ).toContainEqual(
      expect.objectContaining({
        severity: "warning",
        code: "shortDayNotBeforeHoliday",
        date: "03-11",
      }),
    );
    expect(
      broken((f) => {
        f.workingWeekends.push("03-11");
      }),
    ).toContainEqual(
      expect.objectContaining({
        severity: "error",
        code: "workingWeekendNotWeekend",
        date: "03-11",
      }),
    );
    expect(
      broken((f) => {
        f.workingWeekends.push("03-14");
      }),
    ).toContainEqual(
      expect.objectContaining({
        severity: "warning",
        code: "workingWeekendWithoutTransfer",
        date: "03-14",
      }),
    );
    expect(
      broken((f) => {
        f.transfers.push({ from: "03-11", to: "03-12", basis: "decree" });
      }),
    ).toContainEqual(
      expect.objectContaining({ severity: "error", code: "transferFromNotDayOff", date: "03-11" }),
    );
  });

  it("warns when a file states no norms to check itself against", () => {
    expect(
      broken((f) => {
        delete f.expected;
      }),
    ).toEqual([{ severity: "warning", code: "noExpectedNorms", year: 2026, field: "expected" }]);
  });
});

describe("a year nobody loaded (provisional, from the Labour Code)", () => {
  // 2028: 1 January is a Saturday; 4 November is a Saturday; 9 May is a Tuesday.
  it("is flagged provisional, day by day", () => {
    expect(federal.isProvisional(2028)).toBe(true);
    expect(day(federal, "2028-03-15")).toMatchObject({ kind: "working", provisional: true });
    expect(day(federal, "2027-03-15").provisional).toBeUndefined();
    expect(federal.loadedYears).not.toContain(2028);
  });

  it("moves a holiday that falls on a weekend to the next working day (ст. 112)", () => {
    expect(day(federal, "2028-11-04")).toMatchObject({ kind: "holiday", provisional: true });
    expect(day(federal, "2028-11-06")).toMatchObject({
      kind: "transferredDayOff",
      basis: "ТК РФ, ст. 112",
      provisional: true,
    });
    expect(day(federal, "2028-11-07").kind).toBe("working");
  });

  it("does not move a holiday that falls on a weekday, such as 9 May 2028 (a Tuesday)", () => {
    expect(day(federal, "2028-05-09").kind).toBe("holiday");
    expect(day(federal, "2028-05-10").kind).toBe("working");
  });

  it("leaves the January holidays on a weekend where they are (the decree that moves them is unknown)", () => {
    expect(day(federal, "2028-01-01").kind).toBe("holiday");
    expect(day(federal, "2028-01-08").kind).toBe("holiday");
    expect(day(federal, "2028-01-10").kind).toBe("working");
  });

  it("shortens the working day before each holiday, and no other (ст. 95)", () => {
    expect(provisionalYearFile(2028)).toEqual({
      year: 2028,
      transfers: [{ from: "11-04", to: "11-06", basis: "art112" }],
      workingWeekends: [],
      shortDays: ["02-22", "03-07", "05-08", "11-03"],
      paidNonWorkingDays: [],
    });
    // 1 May and 12 June 2028 are Mondays: the day before them is a Sunday, nothing is shortened.
    expect(day(federal, "2028-04-28").kind).toBe("working");
    expect(day(federal, "2028-06-09").kind).toBe("working");
  });

  it("gives 2028 its norms as the Labour Code alone makes them (249 days, 1988 h)", () => {
    // 366 days − 106 weekend days − 11 weekday holidays and moved days off = 249.
    expect(norms(federal, 2028)).toMatchObject({
      workingDays: 249,
      daysOff: 117,
      shortDays: 4,
      hours40: 1988,
    });
  });

  it("passes its own check, so the generator agrees with the checker", () => {
    expect(checkYearFile(provisionalYearFile(2028))).toEqual([
      { severity: "warning", code: "noExpectedNorms", year: 2028, field: "expected" },
    ]);
  });

  it("is generated for years before 2020 too", () => {
    expect(federal.isProvisional(2019)).toBe(true);
    expect(day(federal, "2019-06-12")).toMatchObject({ kind: "holiday", provisional: true });
  });

  it("is replaced by a year file loaded later", () => {
    const loaded = productionCalendar({
      extraYears: [
        { ...provisionalYearFile(2028), shortDays: ["02-22", "03-07", "05-08", "11-03"] },
      ],
    });
    expect(loaded.isProvisional(2028)).toBe(false);
    expect(loaded.day(parseCivil("2028-11-06") as DayNumber).provisional).toBeUndefined();
  });
});

describe("a regional amendment (Tatarstan 2026)", () => {
  // Закон РТ «О праздничных и памятных днях в Республике Татарстан»; the dates of the Muslim
  // holidays are set each year. 30 August 2026 is a Sunday, and the amendment moves nothing.
  const tatarstan: CalendarAmendment = {
    name: "Республика Татарстан",
    basis: "Закон РТ от 19.12.2007 № 70-ЗРТ",
    years: [
      {
        year: 2026,
        holidays: [
          { date: "03-20", name: "Ураза-байрам" },
          { date: "05-27", name: "Курбан-байрам" },
          { date: "08-30", name: "День Республики Татарстан" },
          { date: "11-06", name: "День Конституции Республики Татарстан" },
        ],
        shortDays: ["03-19", "05-26", "11-05"],
      },
    ],
  };
  const kazan = productionCalendar({ amendments: [tatarstan] });

  it("turns the weekdays of regional holidays into holidays with their own name and law", () => {
    for (const date of ["2026-03-20", "2026-05-27", "2026-11-06"]) {
      expect(day(kazan, date)).toMatchObject({ kind: "holiday", basis: tatarstan.basis });
      expect(day(federal, date).kind).toBe("working");
    }
    expect(day(kazan, "2026-03-20").name).toBe("Ураза-байрам");
  });

  it("makes its listed pre-holiday days short", () => {
    for (const date of ["2026-03-19", "2026-05-26", "2026-11-05"]) {
      expect(day(kazan, date)).toMatchObject({ kind: "short", basis: tatarstan.basis });
      expect(day(federal, date).kind).toBe("working");
    }
  });

  it("takes no working day for a regional holiday that falls on a Sunday", () => {
    expect(day(kazan, "2026-08-30").kind).toBe("holiday");
    expect(day(kazan, "2026-08-28").kind).toBe("working");
    expect(day(kazan, "2026-08-31").kind).toBe("working");
    expect(norms(kazan, 2026).months[7]).toEqual(norms(federal, 2026).months[7]);
  });

  it("lowers the tenant's norms by three days and 27 hours", () => {
    const months = norms(kazan, 2026).months;
    expect([months[2], months[4], months[10]].map((m) => [m!.workingDays, m!.hours40])).toEqual([
      [20, 159],
      [18, 142],
      [19, 150],
    ]);
    expect(norms(kazan, 2026)).toMatchObject({ workingDays: 244, shortDays: 7, hours40: 1945 });
  });

  it("applies to a provisional year as well, which stays provisional", () => {
    const later = productionCalendar({
      amendments: [
        {
          ...tatarstan,
          years: [{ year: 2028, holidays: [{ date: "08-30", name: "День Республики Татарстан" }] }],
        },
      ],
    });
    expect(day(later, "2028-08-30")).toMatchObject({ kind: "holiday", provisional: true });
  });

  it("reports an impossible date once, for a loaded and a provisional year alike", () => {
    const wrong = productionCalendar({
      amendments: [
        {
          ...tatarstan,
          years: [
            { year: 2026, shortDays: ["02-30"] },
            { year: 2028, holidays: [{ date: "02-31", name: "опечатка" }] },
          ],
        },
      ],
    });
    expect(wrong.problems).toEqual([
      {
        severity: "error",
        code: "invalidDate",
        year: 2026,
        field: "Республика Татарстан",
        date: "02-30",
      },
      {
        severity: "error",
        code: "invalidDate",
        year: 2028,
        field: "Республика Татарстан",
        date: "02-31",
      },
    ]);
  });
});
