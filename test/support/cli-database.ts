// A database for the CLI run as a subprocess: a PGlite data directory, or — when TEST_DATABASE_URL
// is set — a fresh PostgreSQL database cloned from the migrated template, passed as DATABASE_URL.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { loadConfig } from "../../src/config.ts";
import { openDatabase, type Database } from "../../src/db/connection.ts";
import { templateDatabaseName } from "./global-setup.ts";

export interface CliDatabase {
  /** Arguments that point a command at the database (`--data DIR` for PGlite). */
  args: string[];
  env: NodeJS.ProcessEnv;
  open(): Promise<Database>;
  drop(): Promise<void>;
}

export async function cliDatabase(label: string): Promise<CliDatabase> {
  const { DATABASE_URL: _ignored, ...base } = process.env;
  const config = loadConfig();
  const scratch = mkdtempSync(join(tmpdir(), `otklik-${label}-`));
  if (!config.testDatabaseUrl) {
    const dir = join(scratch, "data");
    return {
      args: ["--data", dir],
      env: base,
      open: () => openDatabase({ dataDir: dir }),
      drop: async () => rmSync(scratch, { recursive: true, force: true }),
    };
  }
  const admin = config.testDatabaseUrl;
  const name = `otklik_test_${randomBytes(6).toString("hex")}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(
    `create database ${pg.escapeIdentifier(name)} template ${pg.escapeIdentifier(templateDatabaseName())}`,
  );
  await client.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    // --data is ignored when DATABASE_URL names a server; passing it checks that it is.
    args: ["--data", join(scratch, "unused")],
    env: { ...base, DATABASE_URL: url.toString() },
    open: () => openDatabase({ url: url.toString(), poolSize: 2 }),
    async drop() {
      rmSync(scratch, { recursive: true, force: true });
      const again = new pg.Client({ connectionString: admin });
      await again.connect();
      await again.query(`drop database if exists ${pg.escapeIdentifier(name)} with (force)`);
      await again.end();
    },
  };
}

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

const ROOT = new URL("../../", import.meta.url);

/** Runs ./bin/otklik as a person would, with its own environment and, if given, standard input. */
export function otklik(
  args: string[],
  options: { env: NodeJS.ProcessEnv; input?: string },
): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn("./bin/otklik", args, { cwd: ROOT, env: options.env });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(options.input ?? "");
  });
}
