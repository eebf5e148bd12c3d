import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseCivil, type DayNumber } from "./civil-date.ts";
import {
  dayOfInstant,
  formatInstant,
  isValidTimeZone,
  offsetMinutesAt,
  parseInstant,
  startOfDay,
} from "./time-zone.ts";

// Instants are compared with Date.UTC, never with local-time Date getters, so these tests
// mean the same under TZ=UTC and TZ=Asia/Kamchatka.

const MOSCOW = "Europe/Moscow";
const utc = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0): number =>
  Date.UTC(y, mo - 1, d, h, mi, s, ms);

describe("parsing an instant", () => {
  it("reads an explicit offset, with or without the colon, whatever zone is given", () => {
    const expected = utc(2026, 3, 10, 14, 30);
    expect(parseInstant("2026-03-10T17:30:00+03:00", MOSCOW)).toBe(expected);
    expect(parseInstant("2026-03-10T17:30:00+0300", "Asia/Kamchatka")).toBe(expected);
    expect(parseInstant("2026-03-10T09:30:00-05:00", MOSCOW)).toBe(expected);
    expect(parseInstant("2026-03-11T02:30:00+12:00", "UTC")).toBe(expected);
  });

  it("reads Z as UTC", () => {
    expect(parseInstant("2026-03-10T14:30:00Z", "Asia/Kamchatka")).toBe(utc(2026, 3, 10, 14, 30));
  });

  it("reads a wall time without an offset in the given zone", () => {
    expect(parseInstant("2026-03-10T17:30:00", MOSCOW)).toBe(utc(2026, 3, 10, 14, 30));
    expect(parseInstant("2026-03-10T17:30", "Asia/Kamchatka")).toBe(utc(2026, 3, 10, 5, 30));
    expect(parseInstant("2026-03-10T17:30", "Asia/Yekaterinburg")).toBe(utc(2026, 3, 10, 12, 30));
    expect(parseInstant("2026-03-10T17:30", "Europe/Kaliningrad")).toBe(utc(2026, 3, 10, 15, 30));
  });

  it("accepts a space for the T, omitted seconds, fractions of a second and surrounding blanks", () => {
    expect(parseInstant("2026-03-10 17:30", MOSCOW)).toBe(utc(2026, 3, 10, 14, 30));
    expect(parseInstant("2026-03-10T17:30:05.5+03:00", "UTC")).toBe(
      utc(2026, 3, 10, 14, 30, 5, 500),
    );
    expect(parseInstant("2026-03-10T17:30:05.123Z", "UTC")).toBe(utc(2026, 3, 10, 17, 30, 5, 123));
    expect(parseInstant("  2026-03-10T17:30Z \n", "UTC")).toBe(utc(2026, 3, 10, 17, 30));
  });

  it("knows 29 February of leap years only", () => {
    expect(parseInstant("2024-02-29T12:00", MOSCOW)).toBe(utc(2024, 2, 29, 9));
    expect(parseInstant("2025-02-29T12:00", MOSCOW)).toBeUndefined();
  });

  it.each([
    ["an impossible day", "2026-02-30T10:00"],
    ["31 April", "2026-04-31T10:00:00+03:00"],
    ["month 13", "2026-13-01T10:00"],
    ["month 00", "2026-00-10T10:00"],
    ["day 00", "2026-03-00T10:00"],
    ["hour 24", "2026-03-10T24:00"],
    ["minute 60", "2026-03-10T12:60"],
    ["second 60", "2026-03-10T12:00:60"],
    ["a date without a time", "2026-03-10"],
    ["a Russian-style date", "10.03.2026 12:00"],
    ["an empty string", ""],
    ["an offset beyond 23 hours", "2026-03-10T12:00+25:00"],
    ["an offset with 75 minutes", "2026-03-10T12:00+03:75"],
    ["an offset of hours only", "2026-03-10T12:00+03"],
    ["a zone name instead of an offset", "2026-03-10T12:00 MSK"],
    ["four fraction digits", "2026-03-10T12:00:00.1234Z"],
  ])("refuses %s (%j)", (_what, text) => {
    expect(parseInstant(text, MOSCOW)).toBeUndefined();
  });

  it("reads a wall time in a spring-forward gap with the offset before the gap", () => {
    // Berlin skipped 02:00–03:00 on 29 March 2026.
    expect(formatInstant(parseInstant("2026-03-29T02:30", "Europe/Berlin")!, "Europe/Berlin")).toBe(
      "2026-03-29T03:30:00+02:00",
    );
    expect(
      formatInstant(parseInstant("2026-03-08T02:30", "America/New_York")!, "America/New_York"),
    ).toBe("2026-03-08T03:30:00-04:00");
  });

  it("takes the earlier of the two instants of a wall time that happens twice", () => {
    // Moscow went from +04:00 to +03:00 at 02:00 on 26 October 2014: 01:00–02:00 happened twice.
    expect(formatInstant(parseInstant("2014-10-26T01:30", MOSCOW)!, MOSCOW)).toBe(
      "2014-10-26T01:30:00+04:00",
    );
    expect(formatInstant(parseInstant("2026-10-25T02:30", "Europe/Berlin")!, "Europe/Berlin")).toBe(
      "2026-10-25T02:30:00+02:00",
    );
    expect(
      formatInstant(parseInstant("2026-11-01T01:30", "America/New_York")!, "America/New_York"),
    ).toBe("2026-11-01T01:30:00-04:00");
  });

  it("reads the times just around a change of offset with the offset in force then", () => {
    expect(formatInstant(parseInstant("2014-10-26T00:59", MOSCOW)!, MOSCOW)).toBe(
      "2014-10-26T00:59:00+04:00",
    );
    expect(formatInstant(parseInstant("2014-10-26T02:00", MOSCOW)!, MOSCOW)).toBe(
      "2014-10-26T02:00:00+03:00",
    );
  });
});

describe("formatting an instant", () => {
  const instant = utc(2026, 3, 10, 14, 30);

  it.each([
    ["Europe/Kaliningrad", "2026-03-10T16:30:00+02:00"],
    [MOSCOW, "2026-03-10T17:30:00+03:00"],
    ["Europe/Samara", "2026-03-10T18:30:00+04:00"],
    ["Asia/Yekaterinburg", "2026-03-10T19:30:00+05:00"],
    ["Asia/Vladivostok", "2026-03-11T00:30:00+10:00"],
    ["Asia/Kamchatka", "2026-03-11T02:30:00+12:00"],
    ["UTC", "2026-03-10T14:30:00+00:00"],
    ["America/New_York", "2026-03-10T10:30:00-04:00"],
    ["Asia/Kolkata", "2026-03-10T20:00:00+05:30"],
    ["Asia/Kathmandu", "2026-03-10T20:15:00+05:45"],
  ])("writes the wall time and offset of %s", (timeZone, expected) => {
    expect(formatInstant(instant, timeZone)).toBe(expected);
  });

  it("shows milliseconds only when there are some", () => {
    expect(formatInstant(instant + 7, MOSCOW)).toBe("2026-03-10T17:30:00.007+03:00");
    expect(formatInstant(instant + 250, MOSCOW)).toBe("2026-03-10T17:30:00.250+03:00");
  });

  it("writes a negative offset with a minus sign and a historical offset as it was", () => {
    expect(formatInstant(utc(2026, 1, 15, 12), "America/New_York")).toBe(
      "2026-01-15T07:00:00-05:00",
    );
    expect(formatInstant(utc(2013, 6, 1, 12), MOSCOW)).toBe("2013-06-01T16:00:00+04:00");
  });

  it("reads back what it writes, in any zone", () => {
    const zones = [
      MOSCOW,
      "Asia/Kamchatka",
      "Europe/Kaliningrad",
      "America/New_York",
      "Asia/Kolkata",
    ];
    fc.assert(
      fc.property(
        fc.integer({ min: utc(2000, 1, 1), max: utc(2040, 1, 1) }),
        fc.constantFrom(...zones),
        fc.constantFrom(...zones),
        (t, writtenIn, readIn) => {
          expect(parseInstant(formatInstant(t, writtenIn), readIn)).toBe(t);
        },
      ),
      { numRuns: 300, seed: 20_260_310 },
    );
  });
});

describe("civil days in a zone", () => {
  it("gives the offset of a zone at an instant in minutes", () => {
    expect(offsetMinutesAt(MOSCOW, utc(2026, 3, 10))).toBe(180);
    expect(offsetMinutesAt("Asia/Kamchatka", utc(2026, 3, 10))).toBe(720);
    expect(offsetMinutesAt(MOSCOW, utc(2012, 3, 10))).toBe(240);
    expect(offsetMinutesAt("America/New_York", utc(2026, 1, 10))).toBe(-300);
  });

  it("changes the offset at the very second the zone does, also in the middle of an hour", () => {
    // Moscow left summer time for good at 02:00 on 26 October 2014 (+04 → +03).
    expect(offsetMinutesAt(MOSCOW, utc(2014, 10, 25, 21, 59, 59))).toBe(240);
    expect(offsetMinutesAt(MOSCOW, utc(2014, 10, 25, 22))).toBe(180);
    // Lord Howe Island moves by half an hour at 02:00 local, 15:30 UTC: asked in any order, the
    // hour around it never answers with one offset for the whole hour.
    const change = utc(2026, 10, 3, 15, 30);
    for (const t of [change + 60_000, change - 60_000, change, change - 1000, change + 1799_000])
      expect(offsetMinutesAt("Australia/Lord_Howe", t), new Date(t).toISOString()).toBe(
        t < change ? 630 : 660,
      );
  });

  it("gives the platform's offset at any second, the zone's changes included, asked in any order", () => {
    // The platform's own answer, read another way: the zone's offset as "GMT+03:00".
    const named = (zone: string, t: number): number => {
      const name = new Intl.DateTimeFormat("en-US", { timeZone: zone, timeZoneName: "longOffset" })
        .formatToParts(new Date(t))
        .find((p) => p.type === "timeZoneName")?.value;
      const m = /GMT(?:([+-])(\d{2}):(\d{2}))?/.exec(name ?? "");
      if (!m) throw new Error(`no offset in ${name}`);
      return m[1] ? (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
    };
    const zones = [
      MOSCOW,
      "Europe/Samara",
      "Europe/Volgograd",
      "Asia/Kamchatka",
      "America/New_York",
      "Australia/Lord_Howe",
      "Africa/Casablanca",
    ];
    // Seconds around the zones' changes are the interesting ones: Moscow's 2011 and 2014,
    // Volgograd's 2018 and 2020, New York's and Lord Howe's every year, Casablanca's Ramadan.
    const near = [
      utc(2011, 3, 26, 23),
      utc(2014, 10, 25, 22),
      utc(2018, 10, 27, 23),
      utc(2020, 12, 26, 22),
      utc(2026, 3, 8, 7),
      utc(2026, 10, 3, 15, 30),
      utc(2026, 2, 15, 2),
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.oneof(
          fc.integer({ min: utc(1980, 1, 1), max: utc(2060, 1, 1) }),
          fc
            .tuple(fc.constantFrom(...near), fc.integer({ min: -3 * 86_400, max: 3 * 86_400 }))
            .map(([t, s]) => t + s * 1000),
        ),
        (zone, t) => {
          expect(offsetMinutesAt(zone, t)).toBe(named(zone, t));
        },
      ),
      { numRuns: 3000, seed: 20_261_207 },
    );
  });

  it("puts an instant on the civil day of the zone, not of UTC", () => {
    const instant = utc(2026, 3, 6, 13); // Friday 16:00 in Moscow, Saturday 01:00 in Kamchatka
    expect(dayOfInstant(MOSCOW, instant)).toBe(parseCivil("2026-03-06"));
    expect(dayOfInstant("Asia/Kamchatka", instant)).toBe(parseCivil("2026-03-07"));
  });

  it("starts a civil day at the zone's midnight", () => {
    const day = parseCivil("2026-03-07") as DayNumber;
    expect(startOfDay(MOSCOW, day)).toBe(utc(2026, 3, 6, 21));
    expect(startOfDay("Asia/Kamchatka", day)).toBe(utc(2026, 3, 6, 12));
    expect(startOfDay("America/New_York", day)).toBe(utc(2026, 3, 7, 5));
  });

  it("knows which zone names exist", () => {
    expect(isValidTimeZone(MOSCOW)).toBe(true);
    expect(isValidTimeZone("Asia/Kamchatka")).toBe(true);
    expect(isValidTimeZone("Mars/Olympus")).toBe(false);
    expect(isValidTimeZone("")).toBe(false);
  });
});
