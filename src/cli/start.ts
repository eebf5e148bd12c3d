// otklik start (npm start): the demo on first run, then the server, with the URL and the logins.
import { DEFAULT_DEMO_SEED, demoUsersIn, seedDemo } from "../app/demo/seed.ts";
import { migrateToLatest } from "../db/migrate.ts";
import { parseOptions, writeLine, type Command } from "./command.ts";
import type { DemoUser } from "../app/demo/people.ts";
import type { Database } from "../db/connection.ts";
import {
  createEmbedded,
  describeDatabase,
  fillFirst,
  openConfiguredDatabase,
  RESTART_NOTICE,
} from "./database.ts";
import { renderDemoUsers } from "./demo.ts";
import { runServer, SERVE_OPTIONS, serveConfig } from "./serve.ts";

export const start: Command = async (argv, io) => {
  const { values } = parseOptions(argv, SERVE_OPTIONS);
  const config = serveConfig(values);
  const firstRun = async (database: Database): Promise<DemoUser[]> => {
    writeLine(io.stderr, `Первый запуск (${describeDatabase(config)}): создаю демо.`);
    const started = performance.now();
    const result = await seedDemo(database.db, {
      now: Date.now(),
      riskShare: config.riskShare,
      onProgress: (line) => writeLine(io.stderr, line),
    });
    writeLine(
      io.stderr,
      `Демо готово: ${result.simulation?.cases ?? 0} сообщений за ${((performance.now() - started) / 1000).toFixed(1)} с.`,
    );
    return result.users;
  };
  // A new embedded folder is made whole before it takes its name, so stopping the first start
  // halfway leaves nothing half-made; the next start begins again.
  let users = await createEmbedded(config, async (database) => {
    await migrateToLatest(database.db);
    return firstRun(database);
  });
  const database = await openConfiguredDatabase(config);
  try {
    await migrateToLatest(database.db);
    // Only an empty database gets the demo, made whole (fillFirst): a desk with real
    // administrations is left alone.
    users ??=
      (await fillFirst(database, firstRun, () => writeLine(io.stderr, RESTART_NOTICE))) ??
      (await demoUsersIn(database.db, DEFAULT_DEMO_SEED));
  } catch (e) {
    await database.close();
    throw e;
  }
  return runServer(config, database, io, (url) => [
    "",
    `Отклик работает: ${url}`,
    ...(users.length
      ? [
          "",
          "Демо-входы (пароли только для демонстрации; смените их, если сервер виден из сети):",
          renderDemoUsers(users),
        ]
      : []),
    "",
    "Остановить: Ctrl+C",
  ]);
};
