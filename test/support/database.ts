// A database of its own for a test file: a clone of the migrated template, on PGlite by default
// or on the PostgreSQL server named by TEST_DATABASE_URL.
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import pg from "pg";
import { loadConfig } from "../../src/config.ts";
import { openDatabase, type Database } from "../../src/db/connection.ts";
import { pgliteTemplatePath, templateDatabaseName } from "./global-setup.ts";

export async function testDatabase(): Promise<Database & { drop(): Promise<void> }> {
  const config = loadConfig();
  if (config.testDatabaseUrl) {
    const name = `otklik_test_${randomBytes(6).toString("hex")}`;
    const admin = new pg.Client({ connectionString: config.testDatabaseUrl });
    await admin.connect();
    await admin.query(
      `create database ${pg.escapeIdentifier(name)} template ${pg.escapeIdentifier(templateDatabaseName())}`,
    );
    await admin.end();
    const url = new URL(config.testDatabaseUrl);
    url.pathname = `/${name}`;
    const db = await openDatabase({ url: url.toString(), poolSize: 8 });
    return {
      ...db,
      async drop() {
        await db.close();
        const again = new pg.Client({ connectionString: config.testDatabaseUrl as string });
        await again.connect();
        await again.query(`drop database if exists ${pg.escapeIdentifier(name)} with (force)`);
        await again.end();
      },
    };
  }
  const tar = readFileSync(pgliteTemplatePath());
  const db = await openDatabase({ dataDir: null, loadDataDir: new Blob([tar]) });
  return { ...db, drop: () => db.close() };
}
