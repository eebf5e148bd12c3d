// otklik demo: the five seed administrations with weeks of cases, and the logins to try them.
import { DEFAULT_DEMO_SEED, seedDemo } from "../app/demo/seed.ts";
import type { DemoUser } from "../app/demo/people.ts";
import { migrateToLatest } from "../db/migrate.ts";
import { parseOptions, UsageError, writeLine, type Command } from "./command.ts";
import type { Database } from "../db/connection.ts";
import {
  cliConfig,
  createEmbedded,
  fillFirst,
  RESTART_NOTICE,
  dataOverride,
  describeDatabase,
  openConfiguredDatabase,
} from "./database.ts";
import { renderTable } from "./table.ts";

const ROLE_NAMES: Record<DemoUser["role"], string> = {
  curator: "куратор",
  executor: "исполнитель",
  approver: "согласующий",
  supervisor: "ответственное лицо",
  admin: "администратор",
};

// The production calendar covers 2020–2027; the demo replays the three weeks before `now`.
const EARLIEST = Date.parse("2020-02-01T00:00:00Z");
const LATEST = Date.parse("2027-12-31T00:00:00Z");

/** The demo logins as a table for the terminal. */
export function renderDemoUsers(users: readonly DemoUser[]): string {
  return renderTable(
    ["Администрация", "Роль", "Логин", "Пароль", "Подразделение"],
    users.map((u) => [u.tenant, ROLE_NAMES[u.role], u.login, u.password, u.department ?? "—"]),
    [13, 20, 32, 24, 60],
  );
}

/** --now: an ISO 8601 instant inside the production calendar's years. */
export function parseNow(text: string | undefined): number {
  if (text === undefined) return Date.now();
  const t = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(text)
    ? Date.parse(text)
    : NaN;
  if (Number.isNaN(t))
    throw new UsageError(
      `«--now ${text}»: нужна дата ISO 8601, например 2026-11-18T12:00:00+03:00`,
    );
  if (t < EARLIEST || t > LATEST)
    throw new UsageError(`«--now ${text}»: производственный календарь есть на 2020–2027 годы`);
  return t;
}

export const demo: Command = async (argv, io) => {
  const { values } = parseOptions(argv, {
    data: { type: "string" },
    json: { type: "boolean" },
    now: { type: "string" },
  });
  const now = parseNow(values.now);
  const config = cliConfig(dataOverride(values.data));
  const fill = async (database: Database) => {
    await migrateToLatest(database.db);
    const started = performance.now();
    const result = await seedDemo(database.db, {
      now,
      seed: DEFAULT_DEMO_SEED,
      riskShare: config.riskShare,
      onProgress: (line) => writeLine(io.stderr, line),
    });
    return { ...result, seconds: ((performance.now() - started) / 1000).toFixed(1) };
  };
  // A new embedded folder is made whole or not at all (see createEmbedded).
  let result = await createEmbedded(config, fill);
  if (!result) {
    const database = await openConfiguredDatabase(config);
    try {
      await migrateToLatest(database.db);
      // An empty database is filled whole (fillFirst); one with administrations gets the missing.
      result =
        (await fillFirst(database, fill, () => writeLine(io.stderr, RESTART_NOTICE))) ??
        (await fill(database));
    } finally {
      await database.close();
    }
  }
  if (values.json) {
    writeLine(io.stdout, JSON.stringify({ users: result.users }));
    return 0;
  }
  writeLine(
    io.stdout,
    result.created.length
      ? `Демо создано (${describeDatabase(config)}): ${result.created.join(", ")} — ${result.simulation?.cases ?? 0} сообщений, ${result.simulation?.actions ?? 0} действий, ${result.seconds} с.`
      : `Демо уже есть (${describeDatabase(config)}): ${result.existing.join(", ")}.`,
  );
  writeLine(io.stdout, "");
  writeLine(io.stdout, renderDemoUsers(result.users));
  return 0;
};
