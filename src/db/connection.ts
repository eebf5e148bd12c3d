// Opens the database: a PostgreSQL server when a URL is given, embedded PGlite otherwise.
import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { Kysely, PostgresDialect, sql } from "kysely";
import pg from "pg";
import { lockDataDir } from "./data-dir-lock.ts";
import { Listener } from "./listener.ts";
import { PGliteDialect } from "./pglite-dialect.ts";
import { preparingPool } from "./prepared-pool.ts";
import type { DB } from "./schema.ts";

export type Db = Kysely<DB>;

export interface Database {
  db: Db;
  kind: "postgres" | "pglite";
  /**
   * Calls back with each NOTIFY payload on a channel until the returned function is called, and
   * `onGap` when notices may have been missed (a PostgreSQL server's listening connection was lost
   * and opened again: db/listener.ts), and `onLost` each time it is lost or fails to open again.
   */
  listen(
    channel: string,
    onPayload: (payload: string) => void,
    onGap?: () => void,
    onLost?: (error: Error, retryInMs: number) => void,
  ): Promise<() => Promise<void>>;
  close(): Promise<void>;
  /** PGlite only: a tarball of the data directory (tests clone a migrated template from it). */
  dump?(): Promise<Blob>;
}

export type DatabaseOptions =
  { url: string; poolSize?: number } | { dataDir: string | null; loadDataDir?: Blob };

// int8 (counts, audit ids) as JavaScript numbers: they stay far below 2^53.
pg.types.setTypeParser(20, (v) => Number(v));

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if ("url" in options) {
    const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 10 });
    // An idle connection the server closed (restart, a dropped database) is already out of the
    // pool; without a listener its error event would end the process.
    pool.on("error", () => undefined);
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: preparingPool(pool) }) });
    const listener = new Listener(pool);
    return {
      db,
      kind: "postgres",
      listen: (channel, onPayload, onGap, onLost) =>
        listener.listen(channel, onPayload, onGap, onLost),
      close: () => db.destroy(),
    };
  }
  let unlock = () => {};
  if (options.dataDir) {
    mkdirSync(options.dataDir, { recursive: true });
    unlock = lockDataDir(options.dataDir);
  }
  let lite: PGlite;
  try {
    lite = await PGlite.create({
      ...(options.dataDir ? { dataDir: options.dataDir } : {}),
      ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
      parsers: { 20: (v: string) => Number(v) },
    });
  } catch (e) {
    unlock();
    throw e;
  }
  const db = new Kysely<DB>({ dialect: new PGliteDialect(lite) });
  return {
    db,
    kind: "pglite",
    async listen(channel, onPayload) {
      const stop = await lite.listen(channel, onPayload);
      return async () => {
        await stop();
      };
    },
    async close() {
      await db.destroy();
      await lite.close();
      unlock();
    },
    dump: () => lite.dumpDataDir("none"),
  };
}

/** Sends a NOTIFY inside the current transaction: delivered only if it commits. */
export async function notify(db: Db, channel: string, payload: unknown): Promise<void> {
  await sql`select pg_notify(${channel}, ${JSON.stringify(payload)})`.execute(db);
}
