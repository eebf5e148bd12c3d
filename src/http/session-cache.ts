// Signed-in people's sessions kept for a moment. Every authenticated request needs its session
// with the person's roles in the tenant and the key of the tenant's rules; read from the database
// each time, that one statement was a quarter of the server's time over a queue page answered from
// kept rows. A browser asks several things at once (the queue, its counts, the notifications)
// and again on each live event, so a session read a moment ago is usually still good.
//
// A kept session is never trusted longer than `maxAgeMs`, and every kept session goes at once:
// - when this process has served any write (before the answer leaves, so a person signed out, a
//   role taken away or a tenant switched in this process counts from the next request);
// - when the database says anything a session is made of changed, from any process (a NOTIFY on
//   the access channel, sent by triggers: migration 2026-12-07T1600-access-changes-notify).
// A read that began before such a change is not kept after it. Sessions not found are not kept,
// and whether a kept session has expired is still checked on every request (authenticate).
import { RecentMap } from "../app/recent-map.ts";

export interface SessionCacheOptions {
  /** Sessions kept in all, the least recently used going first. */
  limit: number;
  /** The longest a session is kept, in milliseconds, whatever happens. */
  maxAgeMs: number;
  /** A monotonic clock in milliseconds (tests step it). */
  clock?: () => number;
}

export interface SessionCacheStats {
  /** Requests answered with a kept session. */
  hits: number;
  /** Sessions read from the database. */
  reads: number;
}

interface Entry<S> {
  session: S;
  /** When the read began, on the monotonic clock. */
  readAt: number;
}

export class SessionCache<S> {
  private generation = 0;
  private readonly entries: RecentMap<string, Entry<S>>;
  private readonly clock: () => number;
  readonly stats: SessionCacheStats = { hits: 0, reads: 0 };

  constructor(private readonly options: SessionCacheOptions) {
    this.entries = new RecentMap(options.limit);
    this.clock = options.clock ?? (() => performance.now());
  }

  /** Something a session is made of may have changed: every kept session is read again. */
  changed(): void {
    this.generation++;
    this.entries.clear();
  }

  /** Drops one session (its row was just written by this process). */
  forget(tokenHash: string): void {
    this.entries.delete(tokenHash);
  }

  /** The session of `tokenHash`: kept, or read by `read` now (and kept if found). */
  async get(tokenHash: string, read: () => Promise<S | undefined>): Promise<S | undefined> {
    const now = this.clock();
    const kept = this.entries.get(tokenHash);
    if (kept && now - kept.readAt < this.options.maxAgeMs) {
      this.stats.hits++;
      return kept.session;
    }
    this.stats.reads++;
    const generation = this.generation;
    const session = await read();
    if (session === undefined || generation !== this.generation) this.entries.delete(tokenHash);
    else this.entries.set(tokenHash, { session, readAt: now });
    return session;
  }
}
