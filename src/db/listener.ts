// NOTIFY channels of a PostgreSQL server, all on one connection of the pool, held while any channel
// is listened to. The connection can be lost at any time: the server restarts, fails over, or an
// administrator ends the backend. Lost, it is opened again (after 0.5 s, then up to 10 s apart)
// and listens to its channels again, and each listener is told of the gap: what was notified in
// between is gone, so whatever it keeps from notices must be taken as changed.
import pg from "pg";

interface Handler {
  onPayload: (payload: string) => void;
  onGap: () => void;
  onLost: (error: Error, retryInMs: number) => void;
}

const FIRST_RETRY_MS = 500;
const LAST_RETRY_MS = 10_000;

export class Listener {
  private readonly handlers = new Map<string, Set<Handler>>();
  /** The connection, or its opening; undefined while there is none. */
  private current: Promise<pg.PoolClient> | undefined;
  private retryMs = 0;
  private retry: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly pool: pg.Pool) {}

  /**
   * Calls `onPayload` with each NOTIFY payload on `channel`, `onLost` each time the connection is
   * lost or cannot be opened again (with the wait before the next try), and `onGap` once it listens
   * again, until the returned function is called. Fails when no connection opens.
   */
  async listen(
    channel: string,
    onPayload: (payload: string) => void,
    onGap: () => void = () => undefined,
    onLost: (error: Error, retryInMs: number) => void = () => undefined,
  ): Promise<() => Promise<void>> {
    const handler = { onPayload, onGap, onLost };
    let set = this.handlers.get(channel);
    const fresh = !set;
    if (!set) this.handlers.set(channel, (set = new Set()));
    set.add(handler);
    try {
      const client = await this.connection();
      // LISTEN twice is no error: a connection opened meanwhile already listens to every channel.
      if (fresh) await client.query(`listen ${pg.escapeIdentifier(channel)}`);
    } catch (e) {
      this.forget(channel, handler);
      throw e;
    }
    return async () => {
      if (!this.forget(channel, handler)) return;
      const client = await this.current?.catch(() => undefined);
      await client?.query(`unlisten ${pg.escapeIdentifier(channel)}`).catch(() => undefined);
      if (this.handlers.size) return;
      clearTimeout(this.retry);
      this.retry = undefined;
      if (client && this.current) {
        this.current = undefined;
        // Closed rather than given back: the pool would hand it out with these handlers on it.
        client.release(true);
      }
    };
  }

  /** Removes a handler; true when its channel has no other. */
  private forget(channel: string, handler: Handler): boolean {
    const set = this.handlers.get(channel);
    if (!set?.delete(handler) || set.size) return false;
    this.handlers.delete(channel);
    return true;
  }

  private connection(): Promise<pg.PoolClient> {
    this.current ??= this.open().catch((e: unknown) => {
      this.current = undefined;
      throw e;
    });
    return this.current;
  }

  private async open(): Promise<pg.PoolClient> {
    const client = await this.pool.connect();
    let lost = false;
    const onLost = (err: Error) => {
      if (lost) return;
      lost = true;
      // Only the connection in use is looked after: one released on purpose is no loss.
      void this.current?.then(
        (c) => {
          if (c !== client) return;
          this.current = undefined;
          client.release(true);
          this.reopen(err);
        },
        () => undefined,
      );
    };
    client.on("error", onLost);
    client.on("end", () => onLost(new Error("the listening connection was closed")));
    client.on("notification", (n) => {
      if (n.payload === undefined) return;
      for (const h of this.handlers.get(n.channel) ?? []) h.onPayload(n.payload);
    });
    try {
      for (const channel of this.handlers.keys())
        await client.query(`listen ${pg.escapeIdentifier(channel)}`);
    } catch (e) {
      lost = true;
      client.release(true);
      throw e;
    }
    return client;
  }

  private reopen(error: Error): void {
    if (!this.handlers.size || this.retry) return;
    this.retryMs = Math.min(LAST_RETRY_MS, this.retryMs ? this.retryMs * 2 : FIRST_RETRY_MS);
    for (const set of this.handlers.values()) for (const h of set) h.onLost(error, this.retryMs);
    this.retry = setTimeout(() => {
      this.retry = undefined;
      if (!this.handlers.size) return;
      this.connection().then(
        () => {
          this.retryMs = 0;
          for (const set of this.handlers.values()) for (const h of set) h.onGap();
        },
        (err: unknown) => this.reopen(err instanceof Error ? err : new Error(String(err))),
      );
    }, this.retryMs);
    // A process that has nothing else to do may end while waiting to listen again.
    this.retry.unref();
  }
}
