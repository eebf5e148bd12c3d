import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseCivil, type DayNumber } from "./civil-date.ts";
import { productionCalendar, workingTimeFor } from "./index.ts";
import type { ProductionCalendar } from "./production-calendar.ts";
import { formatInstant, parseInstant, startOfDay } from "./time-zone.ts";
import { MINUTE, type WorkingTime } from "./working-time.ts";

// Every instant here is written with its offset and every result is read back in a named
// zone, so nothing depends on the machine's zone (`npm test` runs this under UTC and under
// Asia/Kamchatka).

const DAY = 86_400_000;
const MOSCOW = "Europe/Moscow";

function at(text: string): number {
  const instant = parseInstant(text, "UTC");
  if (instant === undefined || !/(Z|[+-]\d\d:\d\d)$/.test(text))
    throw new Error(`not an instant with an offset: ${text}`);
  return instant;
}

function wallIn(timeZone: string, text: string): number {
  const instant = parseInstant(text, timeZone);
  if (instant === undefined) throw new Error(`not a wall time: ${text}`);
  return instant;
}

const iso = (wt: WorkingTime, instant: number): string => formatInstant(instant, wt.timeZone);
const civil = (text: string): DayNumber => parseCivil(text) as DayNumber;

const moscow = workingTimeFor({ timeZone: MOSCOW });

/** Deadline of `minutes` working minutes from a Moscow wall time, read back in Moscow. */
const addIn = (wt: WorkingTime, start: string, minutes: number): string =>
  iso(wt, wt.addWorkingMinutes(wallIn(wt.timeZone, start), minutes));

describe("adding working minutes on the default schedule (Moscow)", () => {
  it("reaches the known anchor: Friday 6 March 2026 17:30 + 480 min = Tuesday 10 March 17:30", () => {
    expect(iso(moscow, moscow.addWorkingMinutes(at("2026-03-06T17:30:00+03:00"), 480))).toBe(
      "2026-03-10T17:30:00+03:00",
    );
  });

  it("ends a term that uses up the working day at the end of that day, not the next morning", () => {
    expect(addIn(moscow, "2026-03-11T17:00", 60)).toBe("2026-03-11T18:00:00+03:00");
    expect(addIn(moscow, "2026-03-11T17:00", 61)).toBe("2026-03-12T09:01:00+03:00");
    expect(addIn(moscow, "2026-03-11T18:00", 1)).toBe("2026-03-12T09:01:00+03:00");
  });

  it("steps over the 13:00–14:00 lunch break", () => {
    expect(addIn(moscow, "2026-03-11T12:30", 60)).toBe("2026-03-11T14:30:00+03:00");
    expect(addIn(moscow, "2026-03-11T12:00", 60)).toBe("2026-03-11T13:00:00+03:00");
    expect(addIn(moscow, "2026-03-11T13:00", 1)).toBe("2026-03-11T14:01:00+03:00");
  });

  it("counts a start outside working time from the next working moment", () => {
    expect(addIn(moscow, "2026-03-11T13:30", 30)).toBe("2026-03-11T14:30:00+03:00");
    expect(addIn(moscow, "2026-03-11T06:15", 30)).toBe("2026-03-11T09:30:00+03:00");
    expect(addIn(moscow, "2026-03-11T23:59", 30)).toBe("2026-03-12T09:30:00+03:00");
    expect(addIn(moscow, "2026-03-14T12:00", 30)).toBe("2026-03-16T09:30:00+03:00");
  });

  it("returns the start itself for a term of zero, even outside working time", () => {
    const saturday = at("2026-03-14T12:00:00+03:00");
    expect(moscow.addWorkingMinutes(saturday, 0)).toBe(saturday);
    expect(moscow.subtractWorkingMinutes(saturday, 0)).toBe(saturday);
  });

  it("skips the weekend", () => {
    expect(addIn(moscow, "2026-03-13T17:00", 120)).toBe("2026-03-16T10:00:00+03:00");
  });

  it("skips the New Year holidays and the days off moved next to them", () => {
    // 31.12.2025 is a day off moved from 5 January; 1–8 January are holidays; 9 January 2026
    // is a day off moved from 3 January; 10–11 January are a weekend.
    expect(addIn(moscow, "2025-12-30T17:00", 120)).toBe("2026-01-12T10:00:00+03:00");
  });

  it("treats the moved day off of 9 January 2026 as a day off", () => {
    expect(moscow.isWorkingAt(at("2026-01-09T10:00:00+03:00"))).toBe(false);
    expect(addIn(moscow, "2026-01-09T10:00", 60)).toBe("2026-01-12T10:00:00+03:00");
    expect(moscow.describeDay(civil("2026-01-09"))).toMatchObject({
      kind: "transferredDayOff",
      periods: [],
      workingMinutes: 0,
    });
  });

  it("works on the Saturdays the decree made working (27 April and 28 December 2024)", () => {
    expect(addIn(moscow, "2024-04-26T17:00", 120)).toBe("2024-04-27T10:00:00+03:00");
    expect(moscow.isWorkingAt(at("2024-04-27T15:00:00+03:00"))).toBe(true);
    // After it: 28 April Sunday, 29–30 April moved days off, 1 May a holiday.
    expect(addIn(moscow, "2024-04-27T17:00", 120)).toBe("2024-05-02T10:00:00+03:00");
    expect(addIn(moscow, "2024-12-27T17:00", 120)).toBe("2024-12-28T10:00:00+03:00");
    expect(addIn(moscow, "2024-12-28T17:00", 120)).toBe("2025-01-09T10:00:00+03:00");
  });

  it("ends a short pre-holiday day an hour early (30 April 2026 ends at 17:00)", () => {
    expect(addIn(moscow, "2026-04-30T16:00", 60)).toBe("2026-04-30T17:00:00+03:00");
    expect(addIn(moscow, "2026-04-30T16:00", 61)).toBe("2026-05-04T09:01:00+03:00");
    expect(moscow.isWorkingAt(at("2026-04-30T17:30:00+03:00"))).toBe(false);
    expect(moscow.describeDay(civil("2026-04-30"))).toMatchObject({
      kind: "short",
      periods: [
        { start: 9 * 60, end: 13 * 60 },
        { start: 14 * 60, end: 17 * 60 },
      ],
      workingMinutes: 420,
    });
  });

  it("shortens a working Saturday that precedes a holiday (2 November 2024)", () => {
    expect(addIn(moscow, "2024-11-02T16:00", 60)).toBe("2024-11-02T17:00:00+03:00");
    expect(addIn(moscow, "2024-11-02T16:00", 61)).toBe("2024-11-05T09:01:00+03:00");
  });
});

describe("subtracting working minutes", () => {
  it("finds the latest moment from which the term remains (18:00 − 240 min = 14:00, after lunch)", () => {
    const end = at("2026-03-11T18:00:00+03:00");
    expect(iso(moscow, moscow.subtractWorkingMinutes(end, 240))).toBe("2026-03-11T14:00:00+03:00");
    expect(iso(moscow, moscow.subtractWorkingMinutes(end, 241))).toBe("2026-03-11T12:59:00+03:00");
  });

  it("goes back over nights, weekends and moved days off", () => {
    const tuesday = at("2026-03-10T09:30:00+03:00");
    expect(iso(moscow, moscow.subtractWorkingMinutes(tuesday, 60))).toBe(
      "2026-03-06T17:30:00+03:00",
    );
    const saturday = at("2026-03-14T12:00:00+03:00");
    expect(iso(moscow, moscow.subtractWorkingMinutes(saturday, 30))).toBe(
      "2026-03-13T17:30:00+03:00",
    );
  });

  it("is adding a negative term, and the other way round", () => {
    const end = at("2026-03-11T18:00:00+03:00");
    expect(moscow.addWorkingMinutes(end, -240)).toBe(moscow.subtractWorkingMinutes(end, 240));
    expect(moscow.subtractWorkingMinutes(end, -60)).toBe(moscow.addWorkingMinutes(end, 60));
  });
});

describe("working days and calendar days", () => {
  const friday = at("2026-03-06T10:00:00+03:00");
  const saturday = at("2026-03-07T10:00:00+03:00");

  it("ends a term of N working days at the end of the Nth working day after the start's day", () => {
    expect(iso(moscow, moscow.addWorkingDays(friday, 1))).toBe("2026-03-10T18:00:00+03:00");
    expect(iso(moscow, moscow.addWorkingDays(friday, 3))).toBe("2026-03-12T18:00:00+03:00");
    // From a day off the first working day after it is 10 March (9 March is a moved day off).
    expect(iso(moscow, moscow.addWorkingDays(saturday, 1))).toBe("2026-03-10T18:00:00+03:00");
    expect(iso(moscow, moscow.addWorkingDays(saturday, 2))).toBe("2026-03-11T18:00:00+03:00");
  });

  it("ends a term of zero working days at the end of the start's day, or of the next working day", () => {
    expect(iso(moscow, moscow.addWorkingDays(friday, 0))).toBe("2026-03-06T18:00:00+03:00");
    expect(iso(moscow, moscow.addWorkingDays(saturday, 0))).toBe("2026-03-10T18:00:00+03:00");
    // Late in the evening of a working day the day is still the start's day.
    expect(iso(moscow, moscow.addWorkingDays(at("2026-03-06T23:00:00+03:00"), 0))).toBe(
      "2026-03-06T18:00:00+03:00",
    );
  });

  it("ends a term whose last day is short at that day's shorter end", () => {
    expect(iso(moscow, moscow.addWorkingDays(at("2026-04-29T10:00:00+03:00"), 1))).toBe(
      "2026-04-30T17:00:00+03:00",
    );
  });

  it("counts working Saturdays as working days", () => {
    expect(iso(moscow, moscow.addWorkingDays(at("2024-04-26T10:00:00+03:00"), 1))).toBe(
      "2024-04-27T18:00:00+03:00",
    );
  });

  it("ends a term of N calendar days at midnight after the Nth day, in the tenant's zone", () => {
    const start = at("2026-03-06T17:30:00+03:00");
    expect(iso(moscow, moscow.addCalendarDays(start, 0))).toBe("2026-03-07T00:00:00+03:00");
    expect(iso(moscow, moscow.addCalendarDays(start, 10))).toBe("2026-03-17T00:00:00+03:00");
    expect(iso(moscow, moscow.addCalendarDays(start, 30))).toBe("2026-04-06T00:00:00+03:00");
  });

  it("refuses a negative or fractional number of days", () => {
    expect(() => moscow.addWorkingDays(friday, -1)).toThrow(RangeError);
    expect(() => moscow.addWorkingDays(friday, 1.5)).toThrow(RangeError);
    expect(() => moscow.addCalendarDays(friday, -1)).toThrow(RangeError);
  });
});

describe("measuring working time between two instants", () => {
  it("counts working minutes only, and negatively backwards", () => {
    const a = at("2026-03-06T17:30:00+03:00");
    const b = at("2026-03-10T17:30:00+03:00");
    expect(moscow.workingMinutesBetween(a, b)).toBe(480);
    expect(moscow.workingMinutesBetween(b, a)).toBe(-480);
    expect(moscow.workingMinutesBetween(a, a)).toBe(0);
  });

  it("counts nothing inside a lunch break or a weekend, and fractions of a minute exactly", () => {
    expect(
      moscow.workingMinutesBetween(
        at("2026-03-11T13:05:00+03:00"),
        at("2026-03-11T13:55:00+03:00"),
      ),
    ).toBe(0);
    expect(
      moscow.workingMinutesBetween(
        at("2026-03-14T09:00:00+03:00"),
        at("2026-03-15T18:00:00+03:00"),
      ),
    ).toBe(0);
    expect(
      moscow.workingMinutesBetween(
        at("2026-03-11T09:00:30+03:00"),
        at("2026-03-11T09:01:00+03:00"),
      ),
    ).toBe(0.5);
  });

  it("gives a month's norm for a whole month (April 2026: 175 hours)", () => {
    expect(
      moscow.workingMinutesBetween(
        at("2026-04-01T00:00:00+03:00"),
        at("2026-05-01T00:00:00+03:00"),
      ),
    ).toBe(175 * 60);
  });

  it("refuses a term that is not a finite number instead of searching for it", () => {
    const start = at("2026-03-06T17:30:00+03:00");
    expect(() => moscow.addWorkingMinutes(start, Number.NaN)).toThrow(RangeError);
    expect(() => moscow.addWorkingMinutes(start, Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => moscow.subtractWorkingMinutes(start, Number.NaN)).toThrow(RangeError);
    expect(() => moscow.workingMinutesBetween(start, Number.NaN)).toThrow(RangeError);
  });
});

describe("time zones of the tenant", () => {
  const zones = [
    { timeZone: "Asia/Kamchatka", offset: "+12:00" },
    { timeZone: "Asia/Yekaterinburg", offset: "+05:00" },
    { timeZone: MOSCOW, offset: "+03:00" },
    { timeZone: "Europe/Kaliningrad", offset: "+02:00" },
  ];
  const tenants = zones.map((z) => ({ ...z, wt: workingTimeFor({ timeZone: z.timeZone }) }));

  it.each(tenants)("counts working hours on the wall clock of $timeZone", ({ wt, offset }) => {
    expect(addIn(wt, "2026-03-06T17:30", 480)).toBe(`2026-03-10T17:30:00${offset}`);
    expect(iso(wt, wt.addWorkingDays(wallIn(wt.timeZone, "2026-03-06T10:00"), 1))).toBe(
      `2026-03-10T18:00:00${offset}`,
    );
    expect(iso(wt, wt.addCalendarDays(wallIn(wt.timeZone, "2026-03-06T23:30"), 0))).toBe(
      `2026-03-07T00:00:00${offset}`,
    );
  });

  it("gives the same instant a different deadline in each zone", () => {
    // 06:00 UTC on Friday 6 March 2026: 18:00 in Kamchatka, 11:00 in Yekaterinburg,
    // 09:00 in Moscow, 08:00 in Kaliningrad.
    const instant = at("2026-03-06T06:00:00Z");
    expect(tenants.map(({ wt }) => iso(wt, wt.addWorkingMinutes(instant, 60)))).toEqual([
      "2026-03-10T10:00:00+12:00",
      "2026-03-06T12:00:00+05:00",
      "2026-03-06T10:00:00+03:00",
      "2026-03-06T10:00:00+02:00",
    ]);
  });

  it("takes the start's civil day in the tenant's zone, not in UTC", () => {
    // 13:00 UTC on Friday is already 01:00 on Saturday in Kamchatka.
    const instant = at("2026-03-06T13:00:00Z");
    const [kamchatka, , , kaliningrad] = tenants;
    expect(iso(kamchatka!.wt, kamchatka!.wt.addWorkingDays(instant, 0))).toBe(
      "2026-03-10T18:00:00+12:00",
    );
    expect(iso(kaliningrad!.wt, kaliningrad!.wt.addWorkingDays(instant, 0))).toBe(
      "2026-03-06T18:00:00+02:00",
    );
  });
});

describe("paid non-working days of 2020–2021", () => {
  const stopping = workingTimeFor({ timeZone: MOSCOW, paidNonWorkingDaysStopClock: true });
  const monday = at("2020-04-06T09:00:00+03:00");

  it("keep the clock running by default, as they were not days off in law", () => {
    expect(iso(moscow, moscow.addWorkingMinutes(monday, 60))).toBe("2020-04-06T10:00:00+03:00");
    expect(iso(moscow, moscow.addWorkingDays(monday, 1))).toBe("2020-04-07T18:00:00+03:00");
    expect(
      moscow.workingMinutesBetween(
        at("2020-04-01T00:00:00+03:00"),
        at("2020-05-01T00:00:00+03:00"),
      ),
    ).toBe(175 * 60);
  });

  it("stop the clock when the schedule says so, until the first working day after them", () => {
    // After the decrees of March–May 2020 the first working day was Tuesday 12 May.
    expect(iso(stopping, stopping.addWorkingMinutes(monday, 60))).toBe("2020-05-12T10:00:00+03:00");
    expect(iso(stopping, stopping.addWorkingDays(monday, 1))).toBe("2020-05-12T18:00:00+03:00");
    expect(
      stopping.workingMinutesBetween(
        at("2020-04-01T00:00:00+03:00"),
        at("2020-05-01T00:00:00+03:00"),
      ),
    ).toBe(0);
    expect(stopping.describeDay(civil("2020-04-06"))).toMatchObject({
      kind: "working",
      paidNonWorking: "Указ Президента РФ от 02.04.2020 № 239",
      workingMinutes: 0,
    });
  });

  it("of autumn 2021 stop the clock only when the schedule says so", () => {
    const start = at("2021-11-01T10:00:00+03:00");
    expect(iso(moscow, moscow.addWorkingMinutes(start, 60))).toBe("2021-11-01T11:00:00+03:00");
    expect(iso(stopping, stopping.addWorkingMinutes(start, 60))).toBe("2021-11-08T10:00:00+03:00");
  });
});

describe("a schedule with a shorter Friday", () => {
  const shortFriday = workingTimeFor({
    timeZone: MOSCOW,
    byWeekday: { fri: { hours: "09:00-16:45", breaks: ["13:00-13:45"] } },
  });

  it("ends Friday at 16:45 and keeps Monday to Thursday as they are", () => {
    expect(addIn(shortFriday, "2026-03-13T16:00", 60)).toBe("2026-03-16T09:15:00+03:00");
    expect(addIn(shortFriday, "2026-03-13T12:30", 60)).toBe("2026-03-13T14:15:00+03:00");
    expect(addIn(shortFriday, "2026-03-12T17:30", 60)).toBe("2026-03-13T09:30:00+03:00");
  });

  it("takes the pre-holiday hour off Friday's own end (8 May 2026 ends at 15:45)", () => {
    expect(shortFriday.describeDay(civil("2026-05-08"))).toMatchObject({
      kind: "short",
      periods: [
        { start: 9 * 60, end: 13 * 60 },
        { start: 13 * 60 + 45, end: 15 * 60 + 45 },
      ],
      workingMinutes: 360,
    });
    expect(iso(shortFriday, shortFriday.addWorkingDays(at("2026-05-07T10:00:00+03:00"), 1))).toBe(
      "2026-05-08T15:45:00+03:00",
    );
  });
});

describe("the year boundary 2027 → 2028 (2028 is provisional)", () => {
  it("carries a term over the New Year into the provisional year", () => {
    // 31.12.2027 is a day off moved from 3 January; 1–8 January 2028 are holidays, 9th a Sunday.
    expect(addIn(moscow, "2027-12-30T17:30", 480)).toBe("2028-01-10T17:30:00+03:00");
    expect(iso(moscow, moscow.addWorkingDays(at("2027-12-30T12:00:00+03:00"), 1))).toBe(
      "2028-01-10T18:00:00+03:00",
    );
  });

  it("says which years of a term were counted provisionally", () => {
    const from = at("2027-12-30T17:30:00+03:00");
    const to = moscow.addWorkingMinutes(from, 480);
    expect(moscow.provisionalYearsBetween(from, to)).toEqual([2028]);
    expect(moscow.provisionalYearsBetween(from, from)).toEqual([]);
    expect(moscow.describeDay(civil("2028-01-10")).provisional).toBe(true);
  });

  it("applies the Labour Code's own rules in the provisional year", () => {
    // 4 November 2028 is a Saturday: 3 November is short and the day off moves to Monday 6th.
    expect(addIn(moscow, "2028-11-03T16:30", 60)).toBe("2028-11-07T09:30:00+03:00");
  });

  it("counts across the boundary in the far east too", () => {
    const kamchatka = workingTimeFor({ timeZone: "Asia/Kamchatka" });
    // 2027-12-31T12:00Z is the first instant of 2028 in Kamchatka.
    expect(iso(kamchatka, kamchatka.addCalendarDays(at("2027-12-31T11:59:00Z"), 0))).toBe(
      "2028-01-01T00:00:00+12:00",
    );
    expect(addIn(kamchatka, "2027-12-30T17:30", 480)).toBe("2028-01-10T17:30:00+12:00");
  });

  it("counts a term of several years into and out of provisional years, both ways", () => {
    const fresh = workingTimeFor({ timeZone: MOSCOW });
    const start = at("2026-03-06T17:30:00+03:00");
    const fiveYears = 5 * 1972 * 60;
    const later = fresh.addWorkingMinutes(start, fiveYears);
    expect(fresh.workingMinutesBetween(start, later)).toBe(fiveYears);
    expect(fresh.provisionalYearsBetween(start, later)).toEqual([2028, 2029, 2030, 2031]);
    const earlier = fresh.subtractWorkingMinutes(start, 2 * fiveYears);
    expect(fresh.workingMinutesBetween(earlier, start)).toBe(2 * fiveYears);
    expect(fresh.addWorkingMinutes(earlier, 2 * fiveYears)).toBe(fresh.nextWorkingMoment(start));
    expect(iso(fresh, fresh.addWorkingDays(start, 1000))).toBe(
      iso(moscow, moscow.addWorkingDays(start, 1000)),
    );
  });

  it("counts years long before and after the loaded ones, and refuses centuries away", () => {
    // 31 December 2019 is short (provisional, ст. 95), so 17:30 is already after hours.
    expect(addIn(moscow, "2019-12-31T17:30", 60)).toBe("2020-01-09T10:00:00+03:00");
    expect(addIn(moscow, "2031-03-06T17:30", 60)).toBe("2031-03-07T09:30:00+03:00");
    expect(() => moscow.addWorkingMinutes(at("2400-01-03T10:00:00+03:00"), 60)).toThrow(RangeError);
  });
});

// Properties. A reference model, written independently of the compiled timeline: the
// default schedule on fixed-offset wall clocks (Moscow +3 and Kamchatka +12 have not changed
// since 2014), with day kinds from the production calendar.

interface Tenant {
  name: string;
  wt: WorkingTime;
  offsetMinutes: number;
}
const TENANTS: Tenant[] = [
  { name: MOSCOW, wt: moscow, offsetMinutes: 180 },
  {
    name: "Asia/Kamchatka",
    wt: workingTimeFor({ timeZone: "Asia/Kamchatka" }),
    offsetMinutes: 720,
  },
];

function referencePeriods(calendar: ProductionCalendar, d: DayNumber): Array<[number, number]> {
  const kind = calendar.day(d).kind;
  if (kind === "working")
    return [
      [9 * 60, 13 * 60],
      [14 * 60, 18 * 60],
    ];
  if (kind === "short")
    return [
      [9 * 60, 13 * 60],
      [14 * 60, 17 * 60],
    ];
  return [];
}

/** Working intervals [start, end) of the days around and between two instants. */
function* referenceIntervals(
  calendar: ProductionCalendar,
  offsetMinutes: number,
  from: number,
): Generator<[number, number]> {
  for (let d = Math.floor((from + offsetMinutes * MINUTE) / DAY); ; d++) {
    const midnight = d * DAY - offsetMinutes * MINUTE;
    for (const [a, b] of referencePeriods(calendar, d))
      yield [midnight + a * MINUTE, midnight + b * MINUTE];
  }
}

function referenceAdd(
  calendar: ProductionCalendar,
  offset: number,
  start: number,
  n: number,
): number {
  let remaining = n * MINUTE;
  for (const [a, b] of referenceIntervals(calendar, offset, start)) {
    const s = Math.max(a, start);
    if (b <= s) continue;
    if (b - s >= remaining) return s + remaining;
    remaining -= b - s;
  }
  throw new Error("unreachable");
}

function referenceBetween(
  calendar: ProductionCalendar,
  offset: number,
  a: number,
  b: number,
): number {
  let total = 0;
  for (const [s, e] of referenceIntervals(calendar, offset, a)) {
    if (s >= b) break;
    total += Math.max(0, Math.min(e, b) - Math.max(s, a));
  }
  return total / MINUTE;
}

const calendar = productionCalendar();
const FIRST = at("2020-01-01T00:00:00Z");
const LAST = at("2028-10-01T00:00:00Z");
const RUNS = { numRuns: 300, seed: 20_260_306 };

/** Any millisecond, or one on or next to a boundary of the working day (09:00, 13:00, …). */
const instantFor = (tenant: Tenant): fc.Arbitrary<number> =>
  fc.oneof(
    fc.integer({ min: FIRST, max: LAST }),
    fc
      .record({
        day: fc.integer({ min: FIRST / DAY, max: LAST / DAY }),
        minuteOfDay: fc.constantFrom(0, 9 * 60, 13 * 60, 14 * 60, 17 * 60, 18 * 60),
        nudge: fc.constantFrom(-1, 0, 1),
      })
      .map(
        ({ day, minuteOfDay, nudge }) =>
          day * DAY + (minuteOfDay - tenant.offsetMinutes) * MINUTE + nudge,
      ),
  );
const term = fc.integer({ min: 1, max: 5000 });

describe.each(TENANTS)("working-time arithmetic for a tenant in $name (properties)", (tenant) => {
  const { wt, offsetMinutes } = tenant;
  const instant = instantFor(tenant);

  it("agrees with an independent reference model of the default schedule on a fixed-offset clock", () => {
    fc.assert(
      fc.property(instant, term, (start, n) => {
        expect(wt.addWorkingMinutes(start, n)).toBe(
          referenceAdd(calendar, offsetMinutes, start, n),
        );
      }),
      RUNS,
    );
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 20 * DAY }), (a, span) => {
        expect(wt.workingMinutesBetween(a, a + span)).toBe(
          referenceBetween(calendar, offsetMinutes, a, a + span),
        );
      }),
      RUNS,
    );
  });

  it("adds a term in two parts the same as in one: add(a + b) = add(add(a), b)", () => {
    fc.assert(
      fc.property(instant, fc.nat(3000), fc.nat(3000), (start, a, b) => {
        expect(wt.addWorkingMinutes(wt.addWorkingMinutes(start, a), b)).toBe(
          wt.addWorkingMinutes(start, a + b),
        );
      }),
      RUNS,
    );
  });

  it("measures exactly the term it added between the start and the deadline", () => {
    fc.assert(
      fc.property(instant, term, (start, n) => {
        expect(wt.workingMinutesBetween(start, wt.addWorkingMinutes(start, n))).toBe(n);
      }),
      RUNS,
    );
  });

  it("undoes an addition by a subtraction, landing on the start's next working moment", () => {
    fc.assert(
      fc.property(instant, term, (start, n) => {
        const deadline = wt.addWorkingMinutes(start, n);
        expect(wt.subtractWorkingMinutes(deadline, n)).toBe(wt.nextWorkingMoment(start));
      }),
      RUNS,
    );
  });

  it("undoes a subtraction by an addition when the end is a deadline", () => {
    fc.assert(
      fc.property(instant, term, term, (start, m, n) => {
        const end = wt.addWorkingMinutes(start, m);
        const from = wt.subtractWorkingMinutes(end, n);
        expect(from).toBeLessThanOrEqual(end);
        expect(wt.workingMinutesBetween(from, end)).toBe(n);
        expect(wt.addWorkingMinutes(from, n)).toBe(end);
      }),
      RUNS,
    );
  });

  it("never sets a deadline inside non-working time: it is in a working period or ends one", () => {
    fc.assert(
      fc.property(instant, term, (start, n) => {
        const deadline = wt.addWorkingMinutes(start, n);
        expect(deadline).toBeGreaterThan(start);
        expect(wt.isWorkingAt(deadline) || wt.isWorkingAt(deadline - 1)).toBe(true);
        // And it is the earliest such instant: a millisecond before, the term is not yet used.
        expect(wt.workingMinutesBetween(start, deadline - 1)).toBeLessThan(n);
      }),
      RUNS,
    );
  });

  it("does not let a later start give an earlier deadline", () => {
    fc.assert(
      fc.property(instant, fc.nat(10 * DAY), term, (start, later, n) => {
        expect(wt.addWorkingMinutes(start + later, n)).toBeGreaterThanOrEqual(
          wt.addWorkingMinutes(start, n),
        );
      }),
      RUNS,
    );
  });

  it("ends a term of working days at the end of a working day, N working days after the start's day", () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 30 }), (start, n) => {
        const deadline = wt.addWorkingDays(start, n);
        const lastDay = wt.dayOf(deadline - 1);
        const described = wt.describeDay(lastDay);
        const lastPeriod = described.periods[described.periods.length - 1];
        expect(lastPeriod).toBeDefined();
        expect(startOfDay(wt.timeZone, lastDay) + lastPeriod!.end * MINUTE).toBe(deadline);
        const startDay = wt.dayOf(start);
        let counted = 0;
        for (let d = startDay + 1; d <= lastDay; d++)
          if (wt.describeDay(d).workingMinutes > 0) counted++;
        const startIsWorking = wt.describeDay(startDay).workingMinutes > 0;
        if (n === 0 && startIsWorking) expect(lastDay).toBe(startDay);
        else expect(counted).toBe(n === 0 ? 1 : n);
      }),
      RUNS,
    );
  });

  it("ends a term of calendar days at a local midnight, N + 1 days after the start's day", () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 60 }), (start, n) => {
        const deadline = wt.addCalendarDays(start, n);
        expect(formatInstant(deadline, wt.timeZone).slice(10, 19)).toBe("T00:00:00");
        expect(wt.dayOf(deadline) - wt.dayOf(start)).toBe(n + 1);
      }),
      RUNS,
    );
  });
});
