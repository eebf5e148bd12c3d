// otklik serve: the desk's HTTP server with its scheduler, until SIGINT or SIGTERM.
import type { Config } from "../config.ts";
import type { Database } from "../db/connection.ts";
import { migrateToLatest } from "../db/migrate.ts";
import { buildServer } from "../http/server.ts";
import { startScheduler } from "../jobs/scheduler.ts";
import { parseOptions, UsageError, writeLine, type Command, type Io } from "./command.ts";
import { cliConfig, dataOverride, describeDatabase, openConfiguredDatabase } from "./database.ts";

export const SERVE_OPTIONS = {
  data: { type: "string" },
  port: { type: "string" },
  host: { type: "string" },
} as const;

/** The command line's --data, --port and --host over the environment's configuration. */
export function serveConfig(values: { data?: string; port?: string; host?: string }): Config {
  const overrides: Partial<Config> = dataOverride(values.data);
  if (values.port !== undefined) {
    const port = Number(values.port);
    if (!/^\d+$/.test(values.port) || port > 65535)
      throw new UsageError(`«--port ${values.port}»: нужен номер порта от 0 до 65535`);
    overrides.port = port;
  }
  if (values.host !== undefined) {
    if (!values.host.trim()) throw new UsageError("параметру «--host» нужен адрес");
    overrides.host = values.host;
  }
  return cliConfig(overrides);
}

/** Resolves on the first SIGINT or SIGTERM; a second one ends the process the default way. */
function shutdownSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const on = (signal: NodeJS.Signals) => {
      process.off("SIGINT", on);
      process.off("SIGTERM", on);
      resolve(signal);
    };
    process.once("SIGINT", on);
    process.once("SIGTERM", on);
  });
}

/**
 * Serves an open, migrated database until a signal: the HTTP server and the scheduler, then a
 * graceful stop — requests in flight finish, the scheduler's pass ends, the database closes.
 * `banner` is printed for people once the server listens.
 */
export async function runServer(
  config: Config,
  database: Database,
  io: Io,
  banner: (url: string) => string[] = (url) => [`Отклик работает: ${url}`],
): Promise<number> {
  // One pino logger, Fastify's, writing JSON lines to the command's standard output.
  const app = await buildServer({
    database,
    config,
    clock: Date.now,
    logger: { level: config.logLevel, stream: io.stdout },
  });
  const logger = app.log;
  const address = await app.listen({ port: config.port, host: config.host });
  const url = config.port === 0 ? address : `http://${config.host}:${config.port}`;
  const scheduler = startScheduler({
    database,
    config,
    clock: Date.now,
    logger: logger.child({ job: "scheduler" }),
  });
  logger.info({ url, database: describeDatabase(config) }, "otklik serving");
  for (const line of banner(url)) writeLine(io.stderr, line);
  const signal = await shutdownSignal();
  logger.info({ signal }, "otklik stopping");
  await scheduler.stop();
  await app.close();
  await database.close();
  logger.info("otklik stopped");
  return 0;
}

export const serve: Command = async (argv, io) => {
  const { values } = parseOptions(argv, SERVE_OPTIONS);
  const config = serveConfig(values);
  const database = await openConfiguredDatabase(config);
  try {
    await migrateToLatest(database.db);
  } catch (e) {
    await database.close();
    throw e;
  }
  return runServer(config, database, io);
};
