// The embedded database's folder is opened by one process at a time: a second `otklik serve` on the
// same folder stops with a clear message instead of corrupting it, and a lock left by a process
// that is gone does not keep the desk from starting.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { createEmbedded } from "../src/cli/database.ts";
import { UsageError } from "../src/cli/command.ts";
import { sql } from "kysely";
import { openDatabase, type Database } from "../src/db/connection.ts";
import { DataDirInUse, LOCK_FILE } from "../src/db/data-dir-lock.ts";
import { otklik } from "./support/cli-database.ts";

vi.setConfig({ testTimeout: 60_000 });

const scratch = mkdtempSync(join(tmpdir(), "otklik-lock-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("the embedded database's folder", () => {
  it("is refused to a second opener while the first has it, and free again once closed", async () => {
    const dir = join(scratch, "a");
    const first = await openDatabase({ dataDir: dir });
    await expect(openDatabase({ dataDir: dir })).rejects.toEqual(
      new DataDirInUse(dir, process.pid),
    );
    await first.close();
    const again = await openDatabase({ dataDir: dir });
    await again.close();
  });

  it("is taken over from a process that is gone", async () => {
    const dir = join(scratch, "b");
    const gone = spawnSync(process.execPath, ["-e", "process.exit(0)"]).pid;
    await (await openDatabase({ dataDir: dir })).close();
    writeFileSync(join(dir, LOCK_FILE), `${gone}\n`);
    // Opening would reject with DataDirInUse if the dead process's lock still counted.
    const database = await openDatabase({ dataDir: dir });
    await database.close();
  });

  it("makes a second server on it stop with a message saying which process holds it", async () => {
    const dir = join(scratch, "c");
    const held = await openDatabase({ dataDir: dir });
    try {
      const { DATABASE_URL: _server, ...env } = process.env;
      const run = await otklik(["serve", "--data", dir, "--port", "0"], { env });
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`занята процессом ${process.pid}`);
    } finally {
      await held.close();
    }
  });
});

describe("a new embedded database made by the first start", () => {
  // What the first start puts in (the demo, in life); a table of its own keeps the test short.
  const put = async (database: Database, what: string): Promise<void> => {
    await sql`create table made (what text)`.execute(database.db);
    await sql`insert into made values (${what})`.execute(database.db);
  };
  const made = async (dir: string): Promise<string[]> => {
    const database = await openDatabase({ dataDir: dir });
    try {
      const { rows } = await sql<{ what: string }>`select what from made`.execute(database.db);
      return rows.map((r) => r.what);
    } finally {
      await database.close();
    }
  };

  it("leaves nothing half-made when stopped halfway, and the next start begins again", async () => {
    const dir = join(scratch, "first-start");
    await expect(
      createEmbedded({ databaseUrl: null, dataDir: dir }, async (database) => {
        await put(database, "half");
        throw new Error("stopped halfway");
      }),
    ).rejects.toThrow("stopped halfway");
    expect(existsSync(dir)).toBe(false);

    await createEmbedded({ databaseUrl: null, dataDir: dir }, (database) => put(database, "whole"));
    expect(await made(dir)).toEqual(["whole"]);
    expect(existsSync(`${dir}.creating`)).toBe(false);
  });

  it("is not made over a folder that another process is still filling, nor over files", async () => {
    const dir = join(scratch, "busy");
    mkdirSync(`${dir}.creating`, { recursive: true });
    writeFileSync(join(`${dir}.creating`, LOCK_FILE), `${process.pid}\n`);
    const fill = vi.fn(async () => {});
    await expect(createEmbedded({ databaseUrl: null, dataDir: dir }, fill)).rejects.toThrow(
      UsageError,
    );

    const notes = join(scratch, "notes");
    mkdirSync(notes);
    writeFileSync(join(notes, "todo.txt"), "не база");
    await expect(createEmbedded({ databaseUrl: null, dataDir: notes }, fill)).rejects.toThrow(
      /не пуста/,
    );
    expect(fill).not.toHaveBeenCalled();
  });
});
