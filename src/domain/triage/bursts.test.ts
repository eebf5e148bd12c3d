import { describe, expect, it } from "vitest";
import { BurstTracker, describeBurst, poissonTail } from "./bursts.ts";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T0 = Date.UTC(2024, 1, 1);

/** Four weeks of one or two messages a day about water in Тарко-Сале, at midday. */
function quietMonth(tracker: BurstTracker): number {
  for (let d = 0; d < 28; d++) {
    const n = d % 3 === 0 ? 2 : 1;
    for (let k = 0; k < n; k++)
      tracker.record("water", "Тарко-Сале", T0 + d * DAY + (12 + k) * HOUR);
  }
  return T0 + 28 * DAY;
}

describe("bursts", () => {
  it("signals fourteen messages in six hours against the usual one or two a day, with the figures", () => {
    const tracker = new BurstTracker();
    const today = quietMonth(tracker);
    for (let k = 0; k < 14; k++)
      tracker.record("water", "Тарко-Сале", today + 6 * HOUR + k * 20 * 60_000);
    const signal = tracker.check("water", "Тарко-Сале", today + 11 * HOUR)!;
    expect(signal).toMatchObject({ count: 14, baseline: { days: 27 } });
    expect(signal.windowHours).toBeLessThanOrEqual(6);
    expect(signal.pValue).toBeLessThan(0.001);
    expect(describeBurst({ ...signal, windowHours: 6 }, "в Тарко-Сале")).toMatch(
      /^За последние 6 часов 14 сообщений о водоснабжении в Тарко-Сале при обычных 1–2 в день \(p/,
    );
  });

  it("does not signal an ordinary day", () => {
    const tracker = new BurstTracker();
    const today = quietMonth(tracker);
    tracker.record("water", "Тарко-Сале", today + 9 * HOUR);
    tracker.record("water", "Тарко-Сале", today + 15 * HOUR);
    expect(tracker.check("water", "Тарко-Сале", today + 16 * HOUR)).toBeUndefined();
  });

  it("does not signal a few messages, however quiet the place usually is", () => {
    const tracker = new BurstTracker();
    for (let k = 0; k < 4; k++) tracker.record("roads", "Самбург", T0 + 40 * DAY + k * HOUR);
    expect(tracker.check("roads", "Самбург", T0 + 40 * DAY + 4 * HOUR)).toBeUndefined();
  });

  it("does not signal a place that is always busy on the topic", () => {
    const tracker = new BurstTracker();
    for (let d = 0; d < 28; d++)
      for (let h = 0; h < 24; h += 2)
        tracker.record("roads", "Тарко-Сале", T0 + d * DAY + h * HOUR);
    for (let k = 0; k < 6; k++)
      tracker.record("roads", "Тарко-Сале", T0 + 28 * DAY + 10 * HOUR + k * 300_000);
    expect(tracker.check("roads", "Тарко-Сале", T0 + 28 * DAY + 11 * HOUR)).toBeUndefined();
  });

  it("takes into account messages that arrive late for earlier days", () => {
    const tracker = new BurstTracker();
    const today = quietMonth(tracker);
    for (let k = 0; k < 14; k++)
      tracker.record("water", "Тарко-Сале", today + 6 * HOUR + k * 20 * 60_000);
    expect(tracker.check("water", "Тарко-Сале", today + 11 * HOUR)).toBeDefined();
    // An import of last month's portal messages: forty a day were usual after all.
    for (let d = 1; d <= 27; d++) {
      for (let k = 0; k < 40; k++)
        tracker.record("water", "Тарко-Сале", today - d * DAY + (k % 24) * HOUR);
    }
    expect(tracker.check("water", "Тарко-Сале", today + 11 * HOUR)).toBeUndefined();
  });

  it("keeps topics and places apart", () => {
    const tracker = new BurstTracker();
    const today = quietMonth(tracker);
    for (let k = 0; k < 14; k++) tracker.record("water", "Тарко-Сале", today + k * 10 * 60_000);
    expect(tracker.check("water", "Пурпе", today + 3 * HOUR)).toBeUndefined();
    expect(tracker.check("heating", "Тарко-Сале", today + 3 * HOUR)).toBeUndefined();
  });

  it("signals a sudden rise in a village with no history, saying so", () => {
    const tracker = new BurstTracker();
    for (let k = 0; k < 8; k++) tracker.record("power", "Халясавэй", T0 + k * 15 * 60_000);
    const signal = tracker.check("power", "Халясавэй", T0 + 2 * HOUR)!;
    expect(describeBurst(signal, "в Халясавэе")).toMatch(
      /8 сообщений об электроснабжении в Халясавэе без истории/,
    );
  });
});

it("computes the Poisson tail exactly for small means", () => {
  expect(poissonTail(0, 2)).toBe(1);
  expect(poissonTail(1, 2)).toBeCloseTo(1 - Math.exp(-2), 12);
  expect(poissonTail(3, 1)).toBeCloseTo(1 - Math.exp(-1) * (1 + 1 + 0.5), 12);
});
