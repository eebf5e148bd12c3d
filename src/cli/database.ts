// What the database commands share: the configuration with the command line's overrides, and the
// database it names — a PostgreSQL server (DATABASE_URL) or embedded PGlite in a data directory.
import { ConfigError, loadConfig, type Config } from "../config.ts";
import { openDatabase, type Database } from "../db/connection.ts";
import { DataDirInUse } from "../db/data-dir-lock.ts";
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
  try {
    return await openDatabase({ dataDir: config.dataDir });
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
