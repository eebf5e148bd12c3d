import { describe, expect, it } from "vitest";
import { RecentMap } from "./recent-map.ts";

describe("RecentMap", () => {
  it("lets the least recently used entry go when it grows past its limit", () => {
    const m = new RecentMap<string, number>(2);
    m.set("a", 1);
    m.set("b", 2);
    expect(m.get("a")).toBe(1); // "b" is now the least recently used
    m.set("c", 3);
    expect(m.size).toBe(2);
    expect(m.get("b")).toBeUndefined();
    expect(m.get("a")).toBe(1);
    expect(m.get("c")).toBe(3);
  });

  it("replacing a value keeps one entry and makes it the most recent", () => {
    const m = new RecentMap<string, number>(2);
    m.set("a", 1);
    m.set("b", 2);
    m.set("a", 10);
    m.set("c", 3);
    expect(m.peek("a")).toBe(10);
    expect(m.peek("b")).toBeUndefined();
  });

  it("peek does not save an entry from going", () => {
    const m = new RecentMap<string, number>(2);
    m.set("a", 1);
    m.set("b", 2);
    expect(m.peek("a")).toBe(1);
    m.set("c", 3);
    expect(m.peek("a")).toBeUndefined();
  });

  it("refuses a limit below one", () => {
    expect(() => new RecentMap(0)).toThrow(RangeError);
  });
});
