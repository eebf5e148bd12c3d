// Runs once before the suite: migrates a template database that every test file clones.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync, existsSync, renameSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { loadConfig } from "../../src/config.ts";
import { openDatabase } from "../../src/db/connection.ts";
import { migrateToLatest } from "../../src/db/migrate.ts";

const MIGRATIONS = new URL("../../src/db/migrations/", import.meta.url);

/** Changes whenever a migration changes, so a stale template is never reused. */
export function migrationsHash(): string {
  const h = createHash("sha1");
  for (const f of readdirSync(MIGRATIONS).sort())
    h.update(f).update(readFileSync(new URL(f, MIGRATIONS)));
  return h.digest("hex").slice(0, 12);
}

export function pgliteTemplatePath(): string {
  return join(tmpdir(), `otklik-template-${migrationsHash()}.tar`);
}

export const templateDatabaseName = (): string => `otklik_template_${migrationsHash()}`;

export default async function setup(): Promise<void> {
  const config = loadConfig();
  if (config.testDatabaseUrl) {
    const admin = new pg.Client({ connectionString: config.testDatabaseUrl });
    await admin.connect();
    const name = templateDatabaseName();
    await admin.query("select pg_advisory_lock(424242)");
    try {
      const exists = await admin.query("select 1 from pg_database where datname = $1", [name]);
      if (!exists.rowCount) {
        await admin.query(`create database ${pg.escapeIdentifier(name)}`);
        const url = new URL(config.testDatabaseUrl);
        url.pathname = `/${name}`;
        const db = await openDatabase({ url: url.toString(), poolSize: 1 });
        try {
          await migrateToLatest(db.db);
        } catch (e) {
          // A half-migrated template would be cloned by every later run: it goes.
          await db.close();
          await admin.query(`drop database ${pg.escapeIdentifier(name)} with (force)`);
          throw e;
        }
        await db.close();
      }
    } finally {
      await admin.query("select pg_advisory_unlock(424242)");
      await admin.end();
    }
    return;
  }
  const path = pgliteTemplatePath();
  if (existsSync(path)) return;
  const db = await openDatabase({ dataDir: null });
  await migrateToLatest(db.db);
  const dump = await db.dump!();
  await db.close();
  const partial = `${path}.${process.pid}`;
  writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
  renameSync(partial, path);
}
