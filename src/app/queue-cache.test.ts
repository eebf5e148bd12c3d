import { describe, expect, it } from "vitest";
import { QueueCache } from "./queue-cache.ts";

/** A page read that the test finishes by hand, counting how often the database was asked. */
function reads() {
  const pending: Array<(page: string) => void> = [];
  let count = 0;
  const read = (): Promise<string> => {
    count++;
    return new Promise((resolve) => pending.push(resolve));
  };
  return {
    read,
    get count() {
      return count;
    },
    finish(page: string) {
      pending.shift()?.(page);
    },
  };
}

describe("queue pages kept between changes", () => {
  it("reads a page once for readers who ask at the same time, and keeps it for later ones", async () => {
    const cache = new QueueCache<string>({ limit: 10, maxAgeMs: 5_000, clock: () => 0 });
    const db = reads();
    const first = cache.page(1, "open", db.read);
    const second = cache.page(1, "open", db.read);
    db.finish("page v1");
    expect(await first).toBe("page v1");
    expect(await second).toBe("page v1");
    expect(await cache.page(1, "open", db.read)).toBe("page v1");
    expect(db.count).toBe(1);
    expect(cache.stats).toEqual({ hits: 2, reads: 1 });
  });

  it("reads again after the tenant changes, even a page whose read was under way at the change", async () => {
    const cache = new QueueCache<string>({ limit: 10, maxAgeMs: 5_000, clock: () => 0 });
    const db = reads();
    const before = cache.page(1, "open", db.read);
    // The write commits while the page is being read: that read may not hold it.
    cache.changed(1);
    db.finish("page before the write");
    expect(await before).toBe("page before the write");
    const after = cache.page(1, "open", db.read);
    db.finish("page after the write");
    expect(await after).toBe("page after the write");
    expect(db.count).toBe(2);
  });

  it("reads every tenant's pages again when notices were missed, a read under way included", async () => {
    const cache = new QueueCache<string>({ limit: 10, maxAgeMs: 5_000, clock: () => 0 });
    const db = reads();
    const kept = cache.page(1, "open", db.read);
    db.finish("tenant 1");
    await kept;
    const underWay = cache.page(2, "open", db.read);
    cache.changedAll();
    db.finish("tenant 2, read before");
    await underWay;
    const again = [cache.page(1, "open", db.read), cache.page(2, "open", db.read)];
    db.finish("tenant 1, again");
    db.finish("tenant 2, again");
    expect(await Promise.all(again)).toEqual(["tenant 1, again", "tenant 2, again"]);
    expect(db.count).toBe(4);
  });

  it("keeps the pages of other tenants and other filters apart", async () => {
    const cache = new QueueCache<string>({ limit: 10, maxAgeMs: 5_000, clock: () => 0 });
    const db = reads();
    const pages = [cache.page(1, "open", db.read), cache.page(2, "open", db.read)];
    const mine = cache.page(1, "mine", db.read);
    db.finish("tenant 1");
    db.finish("tenant 2");
    db.finish("tenant 1, mine");
    expect(await Promise.all([...pages, mine])).toEqual(["tenant 1", "tenant 2", "tenant 1, mine"]);
    cache.changed(2);
    expect(await cache.page(1, "open", db.read)).toBe("tenant 1");
    const again = cache.page(2, "open", db.read);
    db.finish("tenant 2 again");
    expect(await again).toBe("tenant 2 again");
    expect(db.count).toBe(4);
  });

  it("reads a page again once it is older than the time drawn for it, between half and all of the longest", async () => {
    let now = 0;
    const draws = [0.999_999, 0];
    const cache = new QueueCache<string>({
      limit: 10,
      maxAgeMs: 10_000,
      clock: () => now,
      random: () => draws.shift() ?? 0,
    });
    const db = reads();
    const first = cache.page(1, "open", db.read);
    db.finish("old");
    await first;
    now = 9_999;
    expect(await cache.page(1, "open", db.read)).toBe("old");
    now = 10_000;
    const fresh = cache.page(1, "open", db.read);
    db.finish("new");
    expect(await fresh).toBe("new");
    // Drawn at the start of its range: kept for half of the longest.
    now = 14_999;
    expect(await cache.page(1, "open", db.read)).toBe("new");
    now = 15_000;
    const again = cache.page(1, "open", db.read);
    db.finish("newer");
    expect(await again).toBe("newer");
  });

  it("does not keep a failed read: the next reader asks the database again", async () => {
    const cache = new QueueCache<string>({ limit: 10, maxAgeMs: 5_000, clock: () => 0 });
    await expect(cache.page(1, "open", () => Promise.reject(new Error("gone")))).rejects.toThrow(
      "gone",
    );
    expect(await cache.page(1, "open", () => Promise.resolve("back"))).toBe("back");
  });

  it("holds no more pages than its limit, dropping the least recently used", async () => {
    const cache = new QueueCache<string>({ limit: 2, maxAgeMs: 5_000, clock: () => 0 });
    let count = 0;
    const read = (page: string) => () => {
      count++;
      return Promise.resolve(page);
    };
    await cache.page(1, "a", read("a"));
    await cache.page(1, "b", read("b"));
    await cache.page(1, "a", read("a"));
    await cache.page(1, "c", read("c"));
    expect(count).toBe(3);
    await cache.page(1, "a", read("a"));
    expect(count).toBe(3);
    await cache.page(1, "b", read("b"));
    expect(count).toBe(4);
  });
});
