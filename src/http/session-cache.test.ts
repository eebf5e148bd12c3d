import { describe, expect, it } from "vitest";
import { SessionCache } from "./session-cache.ts";

function setUp(limit = 10) {
  let now = 0;
  const cache = new SessionCache<string>({ limit, maxAgeMs: 1_000, clock: () => now });
  const reads: string[] = [];
  const read = (token: string, found = true) =>
    cache.get(token, async () => {
      reads.push(token);
      return found ? `session of ${token}` : undefined;
    });
  return { cache, reads, read, step: (ms: number) => (now += ms) };
}

describe("SessionCache", () => {
  it("answers from a read made less than its age ago, and reads again after", async () => {
    const { read, reads, step, cache } = setUp();
    expect(await read("a")).toBe("session of a");
    step(999);
    expect(await read("a")).toBe("session of a");
    expect(reads).toEqual(["a"]);
    step(1);
    await read("a");
    expect(reads).toEqual(["a", "a"]);
    expect(cache.stats).toEqual({ hits: 1, reads: 2 });
  });

  it("reads every session again after a change", async () => {
    const { read, reads, cache } = setUp();
    await read("a");
    await read("b");
    cache.changed();
    await read("a");
    await read("b");
    expect(reads).toEqual(["a", "b", "a", "b"]);
  });

  it("does not keep a read that began before a change", async () => {
    const { cache, reads, read } = setUp();
    let finish: (s: string) => void = () => undefined;
    const pending = cache.get("a", () => new Promise<string>((resolve) => (finish = resolve)));
    cache.changed();
    finish("the session as it was");
    expect(await pending).toBe("the session as it was");
    await read("a");
    expect(reads).toEqual(["a"]);
  });

  it("does not keep a session that was not found", async () => {
    const { read, reads } = setUp();
    expect(await read("unknown", false)).toBeUndefined();
    expect(await read("unknown")).toBe("session of unknown");
    expect(reads).toEqual(["unknown", "unknown"]);
  });

  it("forgets one session on demand, the others stay", async () => {
    const { cache, read, reads } = setUp();
    await read("a");
    await read("b");
    cache.forget("a");
    await read("a");
    await read("b");
    expect(reads).toEqual(["a", "b", "a"]);
  });

  it("keeps the most recently used sessions up to its limit", async () => {
    const { read, reads } = setUp(2);
    await read("a");
    await read("b");
    await read("a");
    await read("c");
    await read("a");
    await read("b");
    expect(reads).toEqual(["a", "b", "c", "b"]);
  });
});
