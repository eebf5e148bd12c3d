import { describe, expect, it } from "vitest";
import { workingTimeFor } from "./index.ts";
import {
  compileSchedule,
  formatMinutesOfDay,
  periodsForDay,
  type ScheduleProblem,
  type ScheduleSpec,
  type WorkingSchedule,
} from "./schedule.ts";

const MOSCOW = "Europe/Moscow";
const h = (hh: number, mm = 0): number => hh * 60 + mm;

function compiled(spec: ScheduleSpec): WorkingSchedule {
  const result = compileSchedule(spec);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.schedule;
}

function problemsOf(spec: ScheduleSpec): ScheduleProblem[] {
  const result = compileSchedule(spec);
  return result.ok ? [] : result.problems;
}

describe("compiling a schedule", () => {
  it("defaults to Monday–Friday 09:00–18:00 with a 13:00–14:00 break and a one-hour short day", () => {
    const schedule = compiled({ timeZone: MOSCOW });
    const day = [
      { start: h(9), end: h(13) },
      { start: h(14), end: h(18) },
    ];
    expect(schedule).toEqual({
      timeZone: MOSCOW,
      week: [[], day, day, day, day, day, [], []],
      workingWeekend: day,
      shortDayMinutes: 60,
      paidNonWorkingDaysStopClock: false,
    });
  });

  it("gives one weekday its own hours, leaving the others on the common ones", () => {
    const schedule = compiled({
      timeZone: MOSCOW,
      byWeekday: { fri: { hours: "09:00-16:45", breaks: ["13:00-13:45"] } },
    });
    expect(schedule.week[5]).toEqual([
      { start: h(9), end: h(13) },
      { start: h(13, 45), end: h(16, 45) },
    ]);
    expect(schedule.week[4]).toEqual(schedule.week[1]);
  });

  it("works a six-day week when Saturday is listed, and a day with no breaks as one period", () => {
    const schedule = compiled({
      timeZone: MOSCOW,
      workingDays: ["mon", "tue", "wed", "thu", "fri", "sat"],
      byWeekday: { sat: { hours: "10:00-14:00" } },
    });
    expect(schedule.week[6]).toEqual([{ start: h(10), end: h(14) }]);
    expect(schedule.week[7]).toEqual([]);
  });

  it("accepts several breaks in any order and back-to-back breaks without an empty period", () => {
    expect(
      compiled({ timeZone: MOSCOW, breaks: ["15:00-15:15", "11:00-11:15", "13:00-14:00"] }).week[1],
    ).toEqual([
      { start: h(9), end: h(11) },
      { start: h(11, 15), end: h(13) },
      { start: h(14), end: h(15) },
      { start: h(15, 15), end: h(18) },
    ]);
    expect(compiled({ timeZone: MOSCOW, breaks: ["12:00-13:00", "13:00-14:00"] }).week[1]).toEqual([
      { start: h(9), end: h(12) },
      { start: h(14), end: h(18) },
    ]);
  });

  it("accepts an en dash and single-digit hours in a range", () => {
    expect(compiled({ timeZone: MOSCOW, hours: "8:30–17:30" }).week[1]).toEqual([
      { start: h(8, 30), end: h(13) },
      { start: h(14), end: h(17, 30) },
    ]);
  });

  it("keeps the paid non-working days setting", () => {
    expect(
      compiled({ timeZone: MOSCOW, paidNonWorkingDaysStopClock: true }).paidNonWorkingDaysStopClock,
    ).toBe(true);
  });
});

describe("problems of a schedule", () => {
  it.each([
    ["no minutes", "9-18"],
    ["an end before the start", "18:00-09:00"],
    ["an empty range", "09:00-09:00"],
    ["an hour past midnight", "09:00-25:00"],
    ["minute 70", "09:70-18:00"],
    ["words", "с девяти до шести"],
  ])("refuses working hours with %s", (_what, hours) => {
    expect(problemsOf({ timeZone: MOSCOW, hours })).toEqual([
      { field: "schedule.hours", code: "badRange", value: hours },
    ]);
  });

  it("refuses a break that is not inside the working hours", () => {
    expect(
      problemsOf({ timeZone: MOSCOW, breaks: ["08:00-09:30", "17:30-18:00", "19:00-20:00"] }),
    ).toEqual([
      { field: "schedule.breaks[0]", code: "breakOutsideHours", value: "08:00-09:30" },
      { field: "schedule.breaks[1]", code: "breakOutsideHours", value: "17:30-18:00" },
      { field: "schedule.breaks[2]", code: "breakOutsideHours", value: "19:00-20:00" },
    ]);
  });

  it("names overlapping breaks by the place they were written at", () => {
    expect(problemsOf({ timeZone: MOSCOW, breaks: ["14:00-15:00", "13:00-14:30"] })).toEqual([
      { field: "schedule.breaks[0]", code: "overlappingBreaks", value: "14:00-15:00" },
    ]);
  });

  it("refuses a short-day rule outside 0–240 whole minutes", () => {
    for (const shortDayMinutes of [-1, 241, 1.5]) {
      expect(problemsOf({ timeZone: MOSCOW, shortDayMinutes })).toEqual([
        { field: "shortDayMinutes", code: "badShortDay", value: String(shortDayMinutes) },
      ]);
    }
  });

  it("refuses a week without working time, an unknown weekday and an unknown zone", () => {
    expect(problemsOf({ timeZone: MOSCOW, workingDays: [] })).toEqual([
      { field: "workingDays", code: "noWorkingTime" },
    ]);
    expect(problemsOf({ timeZone: MOSCOW, workingDays: ["mon", "monday" as "mon"] })).toEqual([
      { field: "workingDays", code: "unknownWeekday", value: "monday" },
    ]);
    expect(problemsOf({ timeZone: "Europe/Moskva" })).toEqual([
      { field: "timeZone", code: "unknownTimeZone", value: "Europe/Moskva" },
    ]);
  });

  it("lists every problem of a schedule, not the first", () => {
    expect(
      problemsOf({
        timeZone: "Mars/Olympus",
        hours: "09:00-18:00",
        breaks: ["13:00-14:00", "08:00-08:30", "13:30-14:30", "noon"],
        byWeekday: {
          fri: { hours: "16:45-09:00" },
          sat: { hours: "10:00-14:00", breaks: ["9-10"] },
        },
        shortDayMinutes: 300,
      }),
    ).toEqual([
      { field: "schedule.breaks[1]", code: "breakOutsideHours", value: "08:00-08:30" },
      { field: "schedule.breaks[3]", code: "badRange", value: "noon" },
      { field: "schedule.breaks[2]", code: "overlappingBreaks", value: "13:30-14:30" },
      { field: "byWeekday.fri.hours", code: "badRange", value: "16:45-09:00" },
      { field: "byWeekday.sat.breaks[0]", code: "badRange", value: "9-10" },
      { field: "shortDayMinutes", code: "badShortDay", value: "300" },
      { field: "timeZone", code: "unknownTimeZone", value: "Mars/Olympus" },
    ]);
  });

  it("is refused by workingTimeFor with the problems in the message", () => {
    expect(() => workingTimeFor({ timeZone: MOSCOW, hours: "18:00-09:00" })).toThrow(/badRange/);
  });
});

describe("periods of a day", () => {
  const schedule = compiled({ timeZone: MOSCOW });

  it("gives an ordinary weekday its periods and a weekend none", () => {
    expect(periodsForDay(schedule, 3, {})).toEqual([
      { start: h(9), end: h(13) },
      { start: h(14), end: h(18) },
    ]);
    expect(periodsForDay(schedule, 6, {})).toEqual([]);
  });

  it("gives a Saturday made working by decree the common hours", () => {
    expect(periodsForDay(schedule, 6, { workingWeekend: true })).toEqual(schedule.workingWeekend);
  });

  it("takes the short-day hour off the end of the day", () => {
    expect(periodsForDay(schedule, 4, { short: true })).toEqual([
      { start: h(9), end: h(13) },
      { start: h(14), end: h(17) },
    ]);
  });

  it("takes a longer cut across the break into the morning", () => {
    const wholeAfternoon = compiled({ timeZone: MOSCOW, shortDayMinutes: 240 });
    expect(periodsForDay(wholeAfternoon, 4, { short: true })).toEqual([
      { start: h(9), end: h(13) },
    ]);
    // 09:00–15:00 with lunch: 60 minutes after lunch and 90 before it.
    const shortAfternoon = compiled({
      timeZone: MOSCOW,
      hours: "09:00-15:00",
      shortDayMinutes: 150,
    });
    expect(periodsForDay(shortAfternoon, 4, { short: true })).toEqual([
      { start: h(9), end: h(11, 30) },
    ]);
  });

  it("keeps a short day whole when the schedule shortens nothing", () => {
    const none = compiled({ timeZone: MOSCOW, shortDayMinutes: 0 });
    expect(periodsForDay(none, 4, { short: true })).toEqual(none.week[4]);
  });

  it("does not change the schedule it shortens", () => {
    periodsForDay(schedule, 2, { short: true });
    expect(schedule.week[2]).toEqual([
      { start: h(9), end: h(13) },
      { start: h(14), end: h(18) },
    ]);
  });

  it("writes minutes of the day as a clock", () => {
    expect(formatMinutesOfDay(h(9))).toBe("09:00");
    expect(formatMinutesOfDay(h(16, 45))).toBe("16:45");
    expect(formatMinutesOfDay(h(24))).toBe("24:00");
  });
});
