// Where the cores go during a measurement: PostgreSQL's processes serving the bench's database,
// the desk's server process, the clients — read from /proc, so other jobs on a shared machine do
// not count as ours. Linux only; elsewhere the figures are left at zero.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import pg from "pg";

const TICK_MS = (() => {
  try {
    return 1000 / Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim());
  } catch {
    return 10;
  }
})();

/** CPU time (user + system) a process has used so far, in ms; null when it is gone. */
export function processCpuMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name (which may hold spaces) start at the last ")".
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return null;
  }
}

function machineTicks(): { busy: number; total: number } {
  try {
    const cpu = (readFileSync("/proc/stat", "utf8").split("\n")[0] ?? "")
      .trim()
      .split(/\s+/)
      .slice(1)
      .map(Number);
    const total = cpu.slice(0, 8).reduce((a, b) => a + b, 0);
    return { busy: total - (cpu[3] ?? 0) - (cpu[4] ?? 0), total };
  } catch {
    return { busy: 0, total: 0 };
  }
}

export interface CpuFigures {
  seconds: number;
  /** Cores busy on average, whole machine (other jobs included). */
  machine: number;
  /** Cores busy on average: PostgreSQL serving our database (backends, WAL writer, checkpointer). */
  postgres: number;
  /** The desk's server process (or pgbench's client). */
  server: number;
  /** This process: the bench's clients (or the app-layer run). */
  clients: number;
}

/**
 * Samples the CPU of PostgreSQL's processes for one database, and of other processes, every 250 ms:
 * a connection that closes within the window still counts up to its last sample.
 */
export class CpuSampler {
  private readonly first = new Map<number, number>();
  private readonly last = new Map<number, number>();
  private timer: NodeJS.Timeout | undefined;
  private started = 0;
  private machine0 = machineTicks();
  private own0 = process.cpuUsage();
  private admin: pg.Client | undefined;

  constructor(
    private readonly url: string,
    private readonly database: string,
    private readonly otherPids: () => number[],
  ) {}

  private async pids(): Promise<number[]> {
    const r = await (this.admin as pg.Client).query<{ pid: number }>(
      `select pid from pg_stat_activity
       where pid <> pg_backend_pid()
         and (datname = $1 or backend_type in ('walwriter', 'checkpointer', 'background writer'))`,
      [this.database],
    );
    return [...r.rows.map((x) => x.pid), ...this.otherPids()];
  }

  private async sample(initial: boolean): Promise<void> {
    for (const pid of await this.pids()) {
      const ms = processCpuMs(pid);
      if (ms === null) continue;
      // A process born during the window spent all its CPU time in it.
      if (!this.first.has(pid)) this.first.set(pid, initial ? ms : 0);
      this.last.set(pid, ms);
    }
  }

  async start(): Promise<void> {
    this.admin = new pg.Client({ connectionString: `${this.url}/postgres` });
    await this.admin.connect();
    await this.sample(true);
    this.started = performance.now();
    this.machine0 = machineTicks();
    this.own0 = process.cpuUsage();
    this.timer = setInterval(() => void this.sample(false).catch(() => undefined), 250);
  }

  async stop(serverPids: number[]): Promise<CpuFigures> {
    clearInterval(this.timer);
    await this.sample(false);
    const seconds = (performance.now() - this.started) / 1000;
    const own = process.cpuUsage(this.own0);
    const m = machineTicks();
    const cores = (m.total - this.machine0.total) / Math.max(1, seconds * (1000 / TICK_MS));
    let postgres = 0;
    let server = 0;
    for (const [pid, last] of this.last) {
      const used = last - (this.first.get(pid) ?? last);
      if (serverPids.includes(pid)) server += used;
      else postgres += used;
    }
    await this.admin?.end();
    const busyShare =
      m.total > this.machine0.total
        ? (m.busy - this.machine0.busy) / (m.total - this.machine0.total)
        : 0;
    return {
      seconds,
      machine: busyShare * cores,
      postgres: postgres / 1000 / seconds,
      server: server / 1000 / seconds,
      clients: (own.user + own.system) / 1e6 / seconds,
    };
  }
}
