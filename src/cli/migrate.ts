// otklik migrate: brings the database schema up to date.
import { migrateToLatest } from "../db/migrate.ts";
import { parseOptions, writeLine, type Command } from "./command.ts";
import { cliConfig, dataOverride, describeDatabase, openConfiguredDatabase } from "./database.ts";

export const migrate: Command = async (argv, io) => {
  const { values } = parseOptions(argv, { data: { type: "string" } });
  const config = cliConfig(dataOverride(values.data));
  const database = await openConfiguredDatabase(config);
  try {
    const result = await migrateToLatest(database.db);
    const applied = (result.results ?? []).filter((r) => r.status === "Success");
    writeLine(
      io.stdout,
      applied.length
        ? `Применены миграции (${describeDatabase(config)}):\n${applied.map((r) => `  ${r.migrationName}`).join("\n")}`
        : `Схема базы данных актуальна (${describeDatabase(config)}).`,
    );
    return 0;
  } finally {
    await database.close();
  }
};
