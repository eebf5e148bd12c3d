// Queue pages kept between changes. Every browser of a tenant reads its list again on each live
// event, so the curators of a tenant ask for the same few pages at the same moment, and again on
// the next event. A page is read once per change of the tenant's cases and shared: requests that
// come while it is being read wait for that read, later ones take it until the tenant changes.
//
// What is kept is the database's page (rows and count), not a response: each reader's actions
// and the risks at the current time are worked out per request from it. The HTTP layer keeps each
// row written as JSON beside it, once per such variant (http/queue-page-bytes.ts).
//
// A tenant changes when this process has served a write of its (synchronously, before the answer
// leaves, so a person always sees their own action) or when a NOTIFY of any process says so (the
// scheduler, another server process). A page read that began before a change is never taken after
// it. What changes without a NOTIFY (a department renamed through another process) is read again
// after `maxAgeMs` at the latest; each page is kept for a random time between half of that and all
// of it, so the pages read together at a start do not all expire and go to the database together.
import { RecentMap } from "./recent-map.ts";

interface Entry<P> {
  /** The tenant's change count when the read began. */
  generation: number;
  /** When the page stops being kept, on the monotonic clock. */
  expiresAt: number;
  page: Promise<P>;
}

export interface QueueCacheOptions {
  /** Pages kept in all, the least recently used going first. */
  limit: number;
  /** The longest a page is kept, in milliseconds, whatever happens. */
  maxAgeMs: number;
  /** A monotonic clock in milliseconds (tests step it). */
  clock?: () => number;
  /** Uniform in [0, 1): where between half and all of `maxAgeMs` a page expires. */
  random?: () => number;
}

export interface QueueCacheStats {
  /** Pages answered from a read already made or under way. */
  hits: number;
  /** Pages read from the database. */
  reads: number;
}

export class QueueCache<P> {
  private readonly generations = new Map<number, number>();
  private readonly pages: RecentMap<string, Entry<P>>;
  private readonly clock: () => number;
  private readonly random: () => number;
  readonly stats: QueueCacheStats = { hits: 0, reads: 0 };

  constructor(private readonly options: QueueCacheOptions) {
    this.pages = new RecentMap(options.limit);
    this.clock = options.clock ?? (() => performance.now());
    this.random = options.random ?? Math.random;
  }

  /** Any tenant's cases may have changed (notices were missed): no page kept so far is taken. */
  changedAll(): void {
    this.pages.clear();
  }

  /** The tenant's cases changed: every page of it kept so far, or being read, is out of date. */
  changed(tenantId: number): void {
    this.generations.set(tenantId, (this.generations.get(tenantId) ?? 0) + 1);
  }

  /**
   * The page of `tenantId` named by `key` (which must name everything the page depends on:
   * filter, reader's scope, sort, limit, offset): kept, or read by `read` now.
   */
  page(tenantId: number, key: string, read: () => Promise<P>): Promise<P> {
    const name = `${tenantId}\u0000${key}`;
    const generation = this.generations.get(tenantId) ?? 0;
    const now = this.clock();
    const kept = this.pages.get(name);
    if (kept && kept.generation === generation && now < kept.expiresAt) {
      this.stats.hits++;
      return kept.page;
    }
    this.stats.reads++;
    const keptFor = this.options.maxAgeMs * (0.5 + 0.5 * this.random());
    const entry: Entry<P> = { generation, expiresAt: now + keptFor, page: read() };
    this.pages.set(name, entry);
    // A failed read is not kept: the next request tries again (those waiting get the error).
    entry.page.catch(() => {
      if (this.pages.peek(name) === entry) this.pages.delete(name);
    });
    return entry.page;
  }
}
