// What the database commands share: the configuration with the command line's overrides, and the
// database it names — a PostgreSQL server (DATABASE_URL) or embedded PGlite in a data directory.
import { existsSync, readdirSync, renameSync, rmdirSync, rmSync } from "node:fs";
import path from "node:path";
import { sql } from "kysely";
import { ConfigError, loadConfig, type Config } from "../config.ts";
import { openDatabase, type Database } from "../db/connection.ts";
import { DataDirInUse, lockOwner } from "../db/data-dir-lock.ts";
import {
  FILL_LOCK,
  fillState,
  markFillFinished,
  markFillStarted,
  wipeUnfinishedFill,
} from "../db/first-fill.ts";
import { UsageError } from "./command.ts";

/** The configuration; its problems become one usage error (exit 2). */
export function cliConfig(overrides: Partial<Config> = {}): Config {
  try {
    return loadConfig(process.env, overrides);
  } catch (e) {
    if (e instanceof ConfigError) throw new UsageError(e.problems.join("; "), { cause: e });
    throw e;
  }
}

export async function openConfiguredDatabase(config: Config): Promise<Database> {
  if (config.databaseUrl) return openDatabase({ url: config.databaseUrl });
  return openEmbedded(config.dataDir);
}

async function openEmbedded(dataDir: string): Promise<Database> {
  try {
    return await openDatabase({ dataDir });
  } catch (e) {
    if (e instanceof DataDirInUse)
      throw new UsageError(
        `папка данных ${e.dataDir} занята процессом ${e.pid} (встроенную базу открывает один ` +
          "процесс): остановите его или укажите другую папку --data",
        { cause: e },
      );
    throw e;
  }
}

/** Whether the embedded database's folder holds a database already (PostgreSQL's PG_VERSION). */
function holdsDatabase(dataDir: string): boolean {
  return existsSync(path.join(dataDir, "PG_VERSION"));
}

/**
 * Creates a new embedded database whole or not at all: `fill` works on a folder beside the target
 * (DIR.creating), which takes the target's name only after `fill` has finished. A first start
 * interrupted halfway (Ctrl+C while the demo is being made) leaves no half-filled desk behind; the
 * next one discards the leftover and begins again. The target may exist only as an empty folder.
 * Nothing is done, and undefined returned, for a server or a folder that holds a database already.
 */
export async function createEmbedded<T>(
  config: Pick<Config, "databaseUrl" | "dataDir">,
  fill: (database: Database) => Promise<T>,
): Promise<T | undefined> {
  if (config.databaseUrl) return undefined;
  const target = path.resolve(config.dataDir);
  if (holdsDatabase(target)) return undefined;
  if (existsSync(target) && readdirSync(target).length > 0)
    throw new UsageError(
      `папка ${target} не пуста, но базы в ней нет: укажите пустую или новую папку --data`,
    );
  const creating = `${target}.creating`;
  const owner = lockOwner(creating);
  if (owner !== null) throw new UsageError(`папку ${creating} заполняет процесс ${owner}`);
  rmSync(creating, { recursive: true, force: true });
  const database = await openEmbedded(creating);
  let result: T;
  try {
    result = await fill(database);
  } finally {
    await database.close();
  }
  if (existsSync(target)) rmdirSync(target);
  renameSync(creating, target);
  return result;
}

/** What a start says when it finds the demo of an earlier start half-made. */
export const RESTART_NOTICE =
  "Прошлое заполнение базы демо было прервано: удаляю то, что оно успело записать, и начинаю заново.";

/**
 * Fills an empty database whole, on a PostgreSQL server as on an embedded one that exists already:
 * the start and the end of the filling are marked, and a filling that was interrupted (Ctrl+C in
 * the first `npm start`) is wiped and done again at the next start, `onRestart` told first. On a
 * server, processes starting together take turns (an advisory lock held by one connection).
 * Nothing is done, and undefined returned, for a database that holds anything else.
 */
export async function fillFirst<T>(
  database: Database,
  fill: (database: Database) => Promise<T>,
  onRestart: () => void,
): Promise<T | undefined> {
  const run = async (): Promise<T | undefined> => {
    const state = await fillState(database.db);
    if (state === "filled") return undefined;
    if (state === "interrupted") {
      onRestart();
      await wipeUnfinishedFill(database.db);
    }
    await markFillStarted(database.db, Date.now());
    const result = await fill(database);
    await markFillFinished(database.db, Date.now());
    return result;
  };
  // PGlite has one connection, and its folder one process (data-dir-lock.ts): no turns to take.
  if (database.kind === "pglite") return run();
  return database.db.connection().execute(async (session) => {
    await sql`select pg_advisory_lock(${FILL_LOCK})`.execute(session);
    try {
      return await run();
    } finally {
      await sql`select pg_advisory_unlock(${FILL_LOCK})`.execute(session);
    }
  });
}

/** Where the data is, for people: the server's address without the password, or the folder. */
export function describeDatabase(config: Config): string {
  if (!config.databaseUrl) return `встроенная PostgreSQL (PGlite) в ${config.dataDir}`;
  const url = new URL(config.databaseUrl);
  url.password = "";
  return `PostgreSQL ${url.host}${url.pathname}`;
}

/** --data DIR, when given. */
export function dataOverride(data: string | undefined): Partial<Config> {
  if (data === undefined) return {};
  if (!data.trim()) throw new UsageError("параметру «--data» нужен путь к папке");
  return { dataDir: data };
}
