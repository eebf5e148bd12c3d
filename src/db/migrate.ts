// Applies the migrations in src/db/migrations, in the order of their dated names.
import { readdirSync } from "node:fs";
import { Migrator, type Migration, type MigrationProvider, type MigrationResultSet } from "kysely";
import type { Db } from "./connection.ts";

const DIR = new URL("./migrations/", import.meta.url);

class FolderProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    const out: Record<string, Migration> = {};
    const files = readdirSync(DIR)
      .filter((f) => /^\d{4}-\d{2}-\d{2}T\d{4}-[\w-]+\.ts$/.test(f))
      .sort();
    for (const file of files) {
      out[file.replace(/\.ts$/, "")] = (await import(new URL(file, DIR).href)) as Migration;
    }
    return out;
  }
}

export async function migrateToLatest(db: Db): Promise<MigrationResultSet> {
  const migrator = new Migrator({ db, provider: new FolderProvider() });
  const result = await migrator.migrateToLatest();
  if (result.error)
    throw result.error instanceof Error ? result.error : new Error(String(result.error));
  return result;
}
