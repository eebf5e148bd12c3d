// The term grammar of regulation files and the deadline each kind of term gives on working time.
import { describe, expect, it } from "vitest";
import { workingTimeFor } from "../calendar/index.ts";
import { deadlineOf, parseTerm, TERM_PATTERN, termToString, type Term } from "./term.ts";

const moscow = workingTimeFor({ timeZone: "Europe/Moscow" });

function at(iso: string): number {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) throw new Error(`not an instant: ${iso}`);
  return t;
}

const utc = (iso: string): string => new Date(at(iso)).toISOString();

/** The deadline of `text` started at `start` (Moscow, default schedule), in UTC. */
function deadline(text: string, start: string, deadlines: Record<string, string> = {}): string {
  const term = parseTerm(text);
  if (!term) throw new Error(`not a term: ${text}`);
  const result = deadlineOf(term, {
    start: at(start),
    workingTime: moscow,
    deadlines: Object.fromEntries(Object.entries(deadlines).map(([k, v]) => [k, at(v)])),
  });
  return result.ok ? new Date(result.deadline).toISOString() : `missing ${result.stage}`;
}

describe("parseTerm", () => {
  it.each<[string, Term]>([
    ["30m", { basis: "workingMinutes", minutes: 30 }],
    ["1h10m", { basis: "workingMinutes", minutes: 70 }],
    ["1h 10m", { basis: "workingMinutes", minutes: 70 }],
    ["8h", { basis: "workingMinutes", minutes: 480 }],
    ["2 hours", { basis: "workingMinutes", minutes: 120 }],
    ["1 hour 30 minutes", { basis: "workingMinutes", minutes: 90 }],
    ["90 min", { basis: "workingMinutes", minutes: 90 }],
    ["7 working days", { basis: "workingDays", days: 7 }],
    ["1 working day", { basis: "workingDays", days: 1 }],
    ["10 calendar days", { basis: "calendarDays", days: 10 }],
    ["0 calendar days", { basis: "calendarDays", days: 0 }],
    ["4h before total", { basis: "before", minutes: 240, stage: "total" }],
    ["  4h   before   total ", { basis: "before", minutes: 240, stage: "total" }],
    ["immediately", { basis: "immediately" }],
  ])("reads %j", (text, term) => {
    expect(parseTerm(text)).toEqual(term);
  });

  it.each(["30 minuts", "", "before total", "h", "3 days", "-1h", "1.5h", "8", "soon"])(
    "refuses %j",
    (text) => {
      expect(parseTerm(text)).toBeUndefined();
    },
  );

  it("agrees with the schema's pattern on what is a term, so an editor using the schema accepts no empty term", () => {
    const pattern = new RegExp(TERM_PATTERN);
    const samples = [
      "30m",
      "1h10m",
      "1 hour 30 minutes",
      "7 working days",
      "10 calendar days",
      "4h before total",
      "immediately",
      "30 minuts",
      "before total",
      "3 days",
      "1.5h",
      "8",
      "",
      "   ",
    ];
    expect(samples.filter((s) => pattern.test(s) !== (parseTerm(s) !== undefined))).toEqual([]);
  });
});

describe("termToString", () => {
  it.each([
    "30m",
    "1h10m",
    "8h",
    "7 working days",
    "1 working day",
    "10 calendar days",
    "1 calendar day",
    "4h before total",
    "immediately",
  ])("writes %j back as it was read", (text) => {
    expect(termToString(parseTerm(text)!)).toBe(text);
  });

  it("writes other spellings in the short notation", () => {
    expect(termToString(parseTerm("1 hour 10 minutes")!)).toBe("1h10m");
    expect(termToString(parseTerm("120 min before draft")!)).toBe("2h before draft");
  });
});

describe("deadlineOf on the default Moscow schedule", () => {
  it("counts working minutes from the next working moment when the clock starts on a weekend", () => {
    expect(deadline("1h30m", "2026-11-21T10:00:00+03:00")).toBe(utc("2026-11-23T10:30:00+03:00"));
  });

  it("ends a term that runs out with the working day at the end of that day, not the next morning", () => {
    expect(deadline("1h", "2026-11-18T17:00:00+03:00")).toBe(utc("2026-11-18T18:00:00+03:00"));
  });

  it("skips the lunch break", () => {
    expect(deadline("30m", "2026-11-18T12:50:00+03:00")).toBe(utc("2026-11-18T14:20:00+03:00"));
  });

  it("ends a working-days term at the end of a short pre-holiday day, 17:00", () => {
    // 30 April 2026 is shortened before 1 May.
    expect(deadline("1 working day", "2026-04-29T10:00:00+03:00")).toBe(
      utc("2026-04-30T17:00:00+03:00"),
    );
  });

  it("counts working days past the holiday of 4 November", () => {
    expect(deadline("2 working days", "2026-11-03T10:00:00+03:00")).toBe(
      utc("2026-11-06T18:00:00+03:00"),
    );
  });

  it("ends calendar days at midnight in the tenant's zone, holidays included", () => {
    expect(deadline("1 calendar day", "2026-12-31T23:30:00+03:00")).toBe(
      utc("2027-01-02T00:00:00+03:00"),
    );
  });

  it("puts a «before» term that many working minutes before the other stage's deadline, across lunch", () => {
    expect(
      deadline("1h before total", "2026-11-18T10:00:00+03:00", {
        total: "2026-11-18T14:30:00+03:00",
      }),
    ).toBe(utc("2026-11-18T12:30:00+03:00"));
  });

  it("moves a «before» term back across a weekend", () => {
    expect(
      deadline("2h before total", "2026-11-20T10:00:00+03:00", {
        total: "2026-11-23T10:00:00+03:00",
      }),
    ).toBe(utc("2026-11-20T17:00:00+03:00"));
  });

  it("cannot place a «before» term until the other stage has a deadline", () => {
    expect(deadline("4h before total", "2026-11-18T10:00:00+03:00")).toBe("missing total");
  });

  it("makes «immediately» due at the moment the clock starts, even on a Sunday", () => {
    expect(deadline("immediately", "2026-11-22T03:15:00+03:00")).toBe(
      utc("2026-11-22T03:15:00+03:00"),
    );
  });
});
