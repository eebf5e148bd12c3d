// The embedded database's folder is opened by one process at a time: a second `otklik serve` on the
// same folder stops with a clear message instead of corrupting it, and a lock left by a process
// that is gone does not keep the desk from starting.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { openDatabase } from "../src/db/connection.ts";
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
