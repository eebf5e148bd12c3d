// One process at a time in an embedded database's folder: PGlite has no server to share it, and two
// writers would corrupt it. The folder holds a lock file with the owner's process id; a lock left
// by a process that is gone (killed, crashed) is taken over.
import { readFileSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";

export const LOCK_FILE = "otklik.lock";

/** The data folder is open in another living process. */
export class DataDirInUse extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(`data directory ${dataDir} is in use by process ${pid}`);
    this.name = "DataDirInUse";
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The living process that holds the folder's lock, if any (a lock of a process that is gone is none). */
export function lockOwner(dataDir: string): number | null {
  let text: string;
  try {
    text = readFileSync(path.join(dataDir, LOCK_FILE), "utf8");
  } catch {
    return null;
  }
  const owner = Number.parseInt(text, 10);
  return Number.isInteger(owner) && alive(owner) ? owner : null;
}

/** Takes the folder's lock for this process; returns its release. */
export function lockDataDir(dataDir: string): () => void {
  const file = path.join(dataDir, LOCK_FILE);
  for (let attempt = 0; ; attempt++) {
    try {
      writeFileSync(file, `${process.pid}\n`, { flag: "wx" });
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST" || attempt > 0) throw e;
      const owner = lockOwner(dataDir);
      if (owner !== null) throw new DataDirInUse(dataDir, owner);
      unlinkSync(file);
    }
  }
  const release = () => {
    process.off("exit", release);
    try {
      if (Number.parseInt(readFileSync(file, "utf8"), 10) === process.pid) unlinkSync(file);
    } catch {
      // Already gone.
    }
  };
  process.on("exit", release);
  return release;
}
