// The desk under load: workflow transitions per second and the curator's queue page latency under
// concurrent clients, at a small and a large history, with pgbench's TPC-B on the same server in
// the same run as the reference (issue 3). pgbench's own transaction is also served over HTTP by a
// bare Node server (tpcb-server.ts) to the same clients: what HTTP and Node cost before any of the
// desk's work, the ceiling of "transitions ÷ pgbench's TPS" on the machine.
//
//   npm run bench:desk                      sizes 10,000 and 1,000,000 cases, 32 clients, 20 s each
//   npm run bench:desk -- --sizes 10000 --seconds 5 --explain
//
// Options:
//   --sizes N,N,…       cases in the database per run (default 10000,1000000)
//   --clients N         concurrent clients for every measurement (default 32)
//   --seconds N         length of each measurement, and of pgbench -T (default 20); the paced
//                       queue runs (25 / 50 / 75 % of the back-to-back page rate) take half each
//   --warmup N          untimed seconds before each HTTP measurement (default 3)
//   --solo N            seconds of one client alone after each HTTP measurement: the latency
//                       without queueing behind the others (default 5; 0 skips)
//   --tenants N         administrations, one per preset in turn (default 5); the queue is per tenant
//   --open N            open cases per tenant, the same at every size (default 400)
//   --templates N       closed cases per tenant walked through the app, cloned into history (default 16)
//   --pool N            connections of the server's pool and of the app-layer run (default 10, the
//                       server's default)
//   --scale N           pgbench -i -s (default 10)
//   --url URL           the PostgreSQL server (default postgres://postgres@127.0.0.1:5432); the bench
//                       creates and drops the databases otklik_bench and otklik_bench_pgbench there
//   --explain           print the EXPLAIN (ANALYZE, BUFFERS) plans of the queue queries
//   --keep              keep otklik_bench (of the last size) for a look afterwards
//   --no-pgbench        skip the references (pgbench, and pgbench's transaction over HTTP)
//
// Prints a table and writes bench/results/desk.json. The server runs in a child process
// (bench/desk/server.ts) so its peak RSS and CPU are its own; the clients, the server and
// PostgreSQL share the machine's cores.
import { execFileSync, fork, spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "kysely";
import pg from "pg";
import { openDatabase, type Database } from "../../src/db/connection.ts";
import { migrateToLatest } from "../../src/db/migrate.ts";
import { moveCasesInApp, type AppWorker } from "./app-layer.ts";
import { statementsSent } from "./statements.ts";
import { CpuSampler, type CpuFigures } from "./cpu.ts";
import { explainQueues, type PlanReport, type QueueQuery } from "./explain.ts";
import { cloneHistory, type HistoryReport } from "./history.ts";
import {
  DeskClient,
  loadCards,
  moveCases,
  paceQueues,
  readQueues,
  registerBurst,
  statsOf,
  type QueueReader,
  type Stats,
  type TransitionResult,
  type Worker,
} from "./load.ts";
import {
  contextOf,
  inParallel,
  PASSWORD,
  seedOpenSet,
  seedPeople,
  seedTemplates,
  type BenchTenant,
} from "./seed.ts";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const RESULTS = path.join(HERE, "..", "results", "desk.json");
const DAY = 86_400_000;
/** Words people look for in the queue: frequent ones and a street. */
const WORDS = ["мусор", "яма", "освещение", "снег", "Береговая", "светофор"];

interface Options {
  sizes: number[];
  clients: number;
  seconds: number;
  warmup: number;
  solo: number;
  tenants: number;
  open: number;
  templates: number;
  pool: number;
  scale: number;
  url: string;
  explain: boolean;
  keep: boolean;
  pgbench: boolean;
}

function parseOptions(argv: string[]): Options {
  const o: Options = {
    sizes: [10_000, 1_000_000],
    clients: 32,
    seconds: 20,
    warmup: 3,
    solo: 5,
    tenants: 5,
    open: 400,
    templates: 16,
    pool: 10,
    scale: 10,
    url: "postgres://postgres@127.0.0.1:5432",
    explain: false,
    keep: false,
    pgbench: true,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    const int = () => {
      const n = Number(value().replace(/[_,]/g, ""));
      if (!Number.isInteger(n) || n < 0) throw new Error(`${a}: a whole number`);
      return n;
    };
    if (a === "--sizes")
      o.sizes = value()
        .split(/[,;]/)
        .map((s) => Number(s.replace(/_/g, "")));
    else if (a === "--clients") o.clients = int();
    else if (a === "--seconds") o.seconds = int();
    else if (a === "--warmup") o.warmup = int();
    else if (a === "--solo") o.solo = int();
    else if (a === "--tenants") o.tenants = int();
    else if (a === "--open") o.open = int();
    else if (a === "--templates") o.templates = int();
    else if (a === "--pool") o.pool = int();
    else if (a === "--scale") o.scale = int();
    else if (a === "--url") o.url = value().replace(/\/+$/, "");
    else if (a === "--explain") o.explain = true;
    else if (a === "--keep") o.keep = true;
    else if (a === "--no-pgbench") o.pgbench = false;
    else throw new Error(`unknown option ${a} (see the top of bench/desk/run.ts)`);
  }
  if (o.sizes.some((s) => !Number.isInteger(s) || s <= 0))
    throw new Error("--sizes: whole numbers");
  return o;
}

const log = (line: string) => console.log(line);
const fmt = (n: number, digits = 0) =>
  n.toLocaleString("en", { minimumFractionDigits: digits, maximumFractionDigits: digits });

async function admin<T>(url: string, run: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: `${url}/postgres` });
  await c.connect();
  try {
    return await run(c);
  } finally {
    await c.end();
  }
}

async function freshDatabase(url: string, name: string): Promise<void> {
  await admin(url, async (c) => {
    await c.query(`drop database if exists ${name} with (force)`);
    await c.query(`create database ${name}`);
  });
}

interface Usage {
  maxRssBytes: number;
  rssBytes: number;
  cpuMs: number;
  statements: number;
  /** Queue pages answered from a kept read, and pages read from the database (queue-cache.ts). */
  queuePages: { hits: number; reads: number };
  /** The server's own time over the queue pages since its last report, in ms. */
  queueServed: { count: number; p50: number; p99: number };
}

/** The share of pages answered from a kept read between two readings of the server's usage. */
const keptShare = (before: Usage, after: Usage): number => {
  const hits = after.queuePages.hits - before.queuePages.hits;
  const reads = after.queuePages.reads - before.queuePages.reads;
  return hits / Math.max(1, hits + reads);
};

interface ServerProcess {
  port: number;
  pid: number;
  usage(): Promise<Usage>;
  close(): Promise<void>;
}

async function startServer(url: string, pool: number): Promise<ServerProcess> {
  const child: ChildProcess = fork(path.join(HERE, "server.ts"), [url, String(pool)], {
    // DESK_CPU_PROF=DIR writes the server's CPU profile (.cpuprofile) there when it closes;
    // DESK_SERVER_FLAGS passes Node's flags to the server, e.g. "--trace-gc".
    execArgv: [
      "--import",
      "tsx",
      ...(process.env.DESK_CPU_PROF
        ? ["--cpu-prof", `--cpu-prof-dir=${process.env.DESK_CPU_PROF}`]
        : []),
      ...(process.env.DESK_SERVER_FLAGS?.split(/\s+/).filter(Boolean) ?? []),
    ],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once("message", (m: { kind: string; port: number }) => resolve(m.port));
    child.once("exit", (code) => reject(new Error(`server exited with ${code}`)));
  });
  return {
    port,
    pid: child.pid as number,
    usage: () =>
      new Promise((resolve) => {
        child.once("message", (m: Usage) => resolve(m));
        child.send({ kind: "usage" });
      }),
    close: () =>
      new Promise((resolve) => {
        child.once("exit", () => resolve());
        child.send({ kind: "close" });
      }),
  };
}

interface TransitionFigures {
  transitions: Stats;
  registrations: Stats;
  byAction: Record<string, Stats>;
  conflicts: number;
  refusals: number;
  errors: number;
  /** Statements sent to PostgreSQL per write (transition or registration), BEGIN/COMMIT included. */
  statementsPerWrite: number;
  cpu: CpuFigures;
  /** CPU ms per write (transition or registration): PostgreSQL, the server, the clients. */
  cpuMsPerWrite: { postgres: number; server: number; clients: number };
}

function figuresOf(r: TransitionResult, statements: number, cpu: CpuFigures): TransitionFigures {
  const writes = Math.max(1, r.latencies.length + r.registrations.length);
  const per = (cores: number) => (cores * cpu.seconds * 1000) / writes;
  return {
    statementsPerWrite: statements / writes,
    cpu,
    cpuMsPerWrite: {
      postgres: per(cpu.postgres),
      server: per(cpu.server),
      clients: per(cpu.clients),
    },
    transitions: statsOf(r.latencies, r.seconds),
    registrations: statsOf(r.registrations, r.seconds),
    byAction: Object.fromEntries(
      Object.entries(r.byAction).map(([k, v]) => [k, statsOf(v, r.seconds)]),
    ),
    conflicts: r.conflicts,
    refusals: r.refusals,
    errors: r.errors,
  };
}

interface PgbenchFigures {
  tps: number;
  latencyMs: number;
  transactions: number;
  command: string;
  cpu: CpuFigures;
  /** CPU ms per transaction: PostgreSQL, and pgbench's own client. */
  cpuMsPerTransaction: { postgres: number; client: number };
}

async function runPgbench(o: Options): Promise<PgbenchFigures> {
  const db = "otklik_bench_pgbench";
  const [host, port] = (/\/\/(?:[^@]*@)?([^:/]+)(?::(\d+))?/.exec(o.url) ?? []).slice(1);
  const user = /\/\/([^@:]+)(?::[^@]*)?@/.exec(o.url)?.[1] ?? "postgres";
  const conn = ["-h", host ?? "127.0.0.1", "-p", port ?? "5432", "-U", user];
  const bin = pgbenchBinary();
  execFileSync(bin, [...conn, "-i", "-q", "-s", String(o.scale), db], { stdio: "pipe" });
  await admin(o.url, (a) =>
    a
      .query(`vacuum analyze`)
      .then(() => undefined)
      .catch(() => undefined),
  );
  const args = [...conn, "-c", String(o.clients), "-j", "2", "-T", String(o.seconds), db];
  let child: ChildProcess | undefined;
  const sampler = new CpuSampler(o.url, db, () => (child?.pid ? [child.pid] : []));
  await sampler.start();
  const text = await new Promise<string>((resolve, reject) => {
    child = spawn(bin, args, { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout?.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr?.on("data", (d: Buffer) => (out += d.toString()));
    child.on("exit", (code) => (code === 0 ? resolve(out) : reject(new Error(`pgbench: ${out}`))));
  });
  const cpu = await sampler.stop(child?.pid ? [child.pid] : []);
  const tps = Number(/tps = ([\d.]+) \(without initial connection time\)/.exec(text)?.[1] ?? NaN);
  const transactions = Number(
    /number of transactions actually processed: (\d+)/.exec(text)?.[1] ?? NaN,
  );
  const per = (cores: number) => (cores * cpu.seconds * 1000) / transactions;
  return {
    tps,
    latencyMs: Number(/latency average = ([\d.]+) ms/.exec(text)?.[1] ?? NaN),
    transactions,
    command: `pgbench -c ${o.clients} -j 2 -T ${o.seconds} (scale ${o.scale}, TPC-B)`,
    cpu,
    cpuMsPerTransaction: { postgres: per(cpu.postgres), client: per(cpu.server) },
  };
}

interface HttpTpcbFigures {
  tps: number;
  latency: Stats;
  errors: number;
  cpu: CpuFigures;
  /** CPU ms per transaction: PostgreSQL, the bare server, the clients. */
  cpuMsPerTransaction: { postgres: number; server: number; clients: number };
}

/**
 * pgbench's transaction over HTTP (tpcb-server.ts): the same clients as the desk's, back to back,
 * against the barest Node server, on pgbench's tables right after pgbench ran on them.
 */
async function runHttpTpcb(o: Options): Promise<HttpTpcbFigures> {
  const db = "otklik_bench_pgbench";
  const child = fork(
    path.join(HERE, "tpcb-server.ts"),
    [`${o.url}/${db}`, String(o.pool), String(o.scale)],
    { execArgv: ["--import", "tsx"], stdio: ["ignore", "inherit", "inherit", "ipc"] },
  );
  const port = await new Promise<number>((resolve, reject) => {
    child.once("message", (m: { kind: string; port: number }) => resolve(m.port));
    child.once("exit", (code) => reject(new Error(`tpcb server exited with ${code}`)));
  });
  const clients = Array.from({ length: o.clients }, () => new DeskClient(port));
  const drive = async (seconds: number) => {
    const latencies: number[] = [];
    let errors = 0;
    const until = performance.now() + seconds * 1000;
    await Promise.all(
      clients.map(async (client) => {
        while (performance.now() < until) {
          const r = await client.request("POST", "/tpcb", {});
          if (r.status === 200) latencies.push(r.ms);
          else if (++errors <= 3) console.error(`tpcb: ${r.status} ${JSON.stringify(r.body)}`);
        }
      }),
    );
    return { latencies, errors };
  };
  try {
    if (o.warmup) await drive(o.warmup);
    const sampler = new CpuSampler(o.url, db, () => [child.pid as number]);
    await sampler.start();
    const t0 = performance.now();
    const run = await drive(o.seconds);
    const seconds = (performance.now() - t0) / 1000;
    const cpu = await sampler.stop([child.pid as number]);
    const per = (cores: number) => (cores * cpu.seconds * 1000) / Math.max(1, run.latencies.length);
    return {
      tps: run.latencies.length / seconds,
      latency: statsOf(run.latencies, seconds),
      errors: run.errors,
      cpu,
      cpuMsPerTransaction: {
        postgres: per(cpu.postgres),
        server: per(cpu.server),
        clients: per(cpu.clients),
      },
    };
  } finally {
    for (const c of clients) c.close();
    await new Promise<void>((resolve) => {
      child.once("exit", () => resolve());
      child.send({ kind: "close" });
    });
  }
}

function pgbenchBinary(): string {
  try {
    execFileSync("pgbench", ["--version"], { stdio: "pipe" });
    return "pgbench";
  } catch {
    return "/usr/lib/postgresql/15/bin/pgbench";
  }
}

/** Shares of the back-to-back page rate at which the readers are paced. */
const PACED_SHARES = [0.25, 0.5, 0.75];

interface PacedQueue {
  share: number;
  rate: number;
  errors: number;
  stats: Stats;
}

interface MixedFigures {
  readers: number;
  writers: number;
  queue: Stats;
  transitions: Stats;
  /** Pages answered from a kept read. */
  keptShare: number;
}

interface BurstFigures {
  /** Registrations back to back into one administration by all the clients. */
  registrations: Stats;
  errors: number;
  statementsPerRegistration: number;
  cpuMsPerRegistration: { postgres: number; server: number };
}

interface SizeResult {
  cases: number;
  openCases: number;
  openByStatus: Record<string, number>;
  overdueOpen: number;
  databaseBytes: number;
  rows: Record<string, number>;
  seedSeconds: Record<string, number>;
  history: HistoryReport;
  plans: Array<Omit<PlanReport, "plan" | "statement">>;
  queue: {
    all: Stats;
    byKind: Record<string, Stats>;
    errors: number;
    /** One client alone: the page's own latency. */
    solo: Stats | null;
    /** The 32 readers opening pages at a share of the back-to-back rate (paceQueues). */
    paced: PacedQueue[];
    statementsPerPage: number;
    /** The server's own time per page (request parsed → answer written). */
    served: { count: number; p50: number; p99: number };
    cpu: CpuFigures;
    cpuMsPerPage: { postgres: number; server: number };
    /** Pages answered from a kept read (queue-cache.ts). */
    keptShare: number;
    /** Half of the clients reading while the other half move cases. */
    mixed: MixedFigures;
  };
  http: TransitionFigures;
  /** One client alone over HTTP: a transition's own latency. */
  httpSolo: Stats | null;
  burst: BurstFigures;
  app: TransitionFigures;
  serverPeakRssBytes: number;
  pgbench: PgbenchFigures | null;
  /** pgbench's transaction served over HTTP by a bare Node server (tpcb-server.ts). */
  httpTpcb: HttpTpcbFigures | null;
}

async function seed(o: Options, size: number, url: string, database: Database) {
  const db = database.db;
  const seconds: Record<string, number> = {};
  const timed = async <T>(label: string, run: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    const r = await run();
    seconds[label] = (performance.now() - t0) / 1000;
    log(`  ${label}: ${seconds[label].toFixed(1)} s`);
    return r;
  };
  const now = Date.now();
  const perTenant = Math.floor(size / o.tenants);
  const history = perTenant - o.open - o.templates;
  if (history < 0)
    throw new Error(
      `${size} cases cannot hold ${o.tenants} × (${o.open} open + ${o.templates} templates)`,
    );
  await timed("migrate", () => migrateToLatest(db));
  const tenants = await timed("people", () => seedPeople(db, { tenants: o.tenants, now }));
  const templates = await timed("templates (app)", () =>
    inParallel(
      o.tenants,
      tenants.map((t) => () => seedTemplates(db, t, o.templates)),
    ),
  );
  const historyReport = await timed("history (SQL)", () =>
    cloneHistory(
      url,
      tenants.map((t, i) => ({
        tenantId: t.id,
        prefix: t.prefix,
        count: history,
        templates: templates[i] as number[],
      })),
      now - 4 * 365 * DAY,
      now - 30 * DAY,
      log,
    ),
  );
  const openByStatus = await timed("open set (app)", () =>
    seedOpenSet(db, tenants, o.open, now, 8),
  );
  await timed("vacuum analyze", () => sql`vacuum (analyze)`.execute(db));
  return { tenants, seconds, historyReport, openByStatus };
}

async function measureSize(o: Options, size: number): Promise<SizeResult> {
  log(`\n== ${fmt(size)} cases ==`);
  const dbName = "otklik_bench";
  const url = `${o.url}/${dbName}`;
  await freshDatabase(o.url, dbName);
  const database = await openDatabase({ url, poolSize: 8 });
  const db = database.db;
  try {
    const { tenants, seconds, historyReport, openByStatus } = await seed(o, size, url, database);
    const counts = await sql<{ cases: number; open: number; overdue: number; bytes: number }>`
      select (select count(*) from cases)::int as cases,
             (select count(*) from cases where closed_at is null)::int as open,
             (select count(*) from cases where closed_at is null and risk = 'overdue')::int as overdue,
             pg_database_size(current_database()) as bytes`.execute(db);
    const c = counts.rows[0] as { cases: number; open: number; overdue: number; bytes: number };
    const rows = Object.fromEntries(
      (
        await sql<{ relname: string; n: number }>`
          select relname, n_live_tup::bigint as n from pg_stat_user_tables order by n_live_tup desc`.execute(
          db,
        )
      ).rows.map((r) => [r.relname, Number(r.n)]),
    );
    log(
      `  ${fmt(c.cases)} cases (${fmt(c.open)} open, ${fmt(c.overdue)} of them overdue), ` +
        `database ${(Number(c.bytes) / 2 ** 30).toFixed(2)} GiB`,
    );

    // The plans of the queue's queries on this data.
    const t0 = tenants[0] as BenchTenant;
    const executor = t0.executors[0] as BenchTenant["executors"][number];
    const queries: QueueQuery[] = [
      { name: "all open", filter: { tenantId: t0.id } },
      { name: "overdue", filter: { tenantId: t0.id, overdue: true } },
      { name: "department", filter: { tenantId: t0.id, departmentId: executor.departmentId } },
      { name: "text 'мусор'", filter: { tenantId: t0.id, text: "мусор" } },
      { name: "text 'Береговая'", filter: { tenantId: t0.id, text: "Береговая" } },
      {
        name: "executor's departments",
        filter: { tenantId: t0.id, departmentsOnly: [executor.departmentId] },
      },
      { name: "mine", filter: { tenantId: t0.id, executorId: executor.userId } },
      {
        name: "archive (not in the mix)",
        filter: { tenantId: t0.id, closed: true },
        sort: "-closed",
      },
    ];
    const plans = await explainQueues(url, queries);
    for (const p of plans) {
      log(
        `  plan ${p.name.padEnd(40)} ${p.ms.toFixed(2).padStart(8)} ms  ` +
          `index: ${p.indexes.join(", ") || "—"}${p.seqScans.length ? `  SEQ SCAN: ${p.seqScans.join(", ")}` : ""}`,
      );
      if (o.explain) log(`\n${p.statement}\n${p.plan}\n`);
    }

    // (a) the queue, over HTTP.
    const server = await startServer(url, o.pool);
    const readers: QueueReader[] = [];
    for (let i = 0; i < o.clients; i++) {
      const t = tenants[i % tenants.length] as BenchTenant;
      const asExecutor = i % 4 === 3;
      const person = asExecutor
        ? (t.executors[
            Math.floor(i / tenants.length) % t.executors.length
          ] as BenchTenant["executors"][number])
        : (t.curators[i % t.curators.length] as BenchTenant["curators"][number]);
      const client = new DeskClient(server.port);
      await client.signIn(person.login, PASSWORD);
      readers.push({
        client,
        role: asExecutor ? "executor" : "curator",
        departments: t.staffing.departments,
        words: WORDS,
      });
    }
    if (o.warmup) await readQueues(readers, o.warmup);
    let usage = await server.usage();
    let sampler = new CpuSampler(o.url, dbName, () => [server.pid]);
    await sampler.start();
    let statementsBefore = usage.statements;
    const queue = await readQueues(readers, o.seconds);
    const queueCpu = await sampler.stop([server.pid]);
    const queueUsage = await server.usage();
    const queueKept = keptShare(usage, queueUsage);
    usage = queueUsage;
    const queueStatements =
      (usage.statements - statementsBefore) / Math.max(1, queue.latencies.length);
    const soloQueue = o.solo
      ? statsOf((await readQueues(readers.slice(0, 1), o.solo)).latencies, o.solo)
      : null;
    const queueStats = statsOf(queue.latencies, queue.seconds);
    // The same readers at a pace: pages arriving at a share of what they drew back to back.
    const paced: PacedQueue[] = [];
    for (const [j, share] of PACED_SHARES.entries()) {
      const rate = share * queueStats.perSecond;
      const seconds = Math.max(5, o.seconds / 2);
      const run = await paceQueues(readers, rate, seconds, 7_000 + j);
      paced.push({ share, rate, errors: run.errors, stats: statsOf(run.latencies, run.seconds) });
    }
    log(
      `  queue: ${fmt(queueStats.perSecond)} pages/s, p50 ${queueStats.p50.toFixed(1)} ms, ` +
        `p99 ${queueStats.p99.toFixed(1)} ms, ${(queueKept * 100).toFixed(0)} % from kept reads; ` +
        `in the server p50 ${queueUsage.queueServed.p50.toFixed(1)} ms, p99 ${queueUsage.queueServed.p99.toFixed(1)} ms`,
    );

    // (b) transitions, over HTTP: each worker its own share of its tenant's open cases.
    const workers: Worker[] = [];
    const shares = await openShares(database, tenants, o.clients);
    for (let i = 0; i < o.clients; i++) {
      const t = tenants[i % tenants.length] as BenchTenant;
      const client = new DeskClient(server.port);
      await client.signIn(t.duty.login, PASSWORD);
      workers.push({
        client,
        staffing: t.staffing,
        cases: (shares[i] as number[]).map((id) => ({
          id,
          version: 0,
          status: "",
          allowed: [],
          last: null,
        })),
      });
    }
    await Promise.all(workers.map((w) => loadCards(w)));
    if (o.warmup) await moveCases(workers, o.warmup);
    usage = await server.usage();
    sampler = new CpuSampler(o.url, dbName, () => [server.pid]);
    await sampler.start();
    statementsBefore = usage.statements;
    const moved = await moveCases(workers, o.seconds);
    const httpCpu = await sampler.stop([server.pid]);
    usage = await server.usage();
    const movedStatements = usage.statements - statementsBefore;
    const soloMoved = o.solo ? await moveCases(workers.slice(0, 1), o.solo) : null;
    // (a2) the queue while cases move: half of the clients read pages back to back, the other half
    // move cases, so every page kept for a tenant is soon out of date.
    const half = Math.max(1, Math.floor(o.clients / 2));
    const mixedBefore = await server.usage();
    const [mixedQueue, mixedMoved] = await Promise.all([
      readQueues(readers.slice(0, half), o.seconds / 2),
      moveCases(workers.slice(0, half), o.seconds / 2),
    ]);
    const mixed: MixedFigures = {
      readers: half,
      writers: half,
      queue: statsOf(mixedQueue.latencies, mixedQueue.seconds),
      transitions: statsOf(mixedMoved.latencies, mixedMoved.seconds),
      keptShare: keptShare(mixedBefore, await server.usage()),
    };
    log(
      `  queue while cases move: ${fmt(mixed.queue.perSecond)} pages/s, p99 ${mixed.queue.p99.toFixed(1)} ms, ` +
        `${(mixed.keptShare * 100).toFixed(0)} % from kept reads; ${fmt(mixed.transitions.perSecond)} transitions/s`,
    );
    for (const r of readers) r.client.close();
    for (const w of workers) w.client.close();
    // (b2) a burst of registrations into one administration, as a channel importing posts: every
    // registration of a tenant takes the next number of its one counter.
    const burstTenant = tenants[0] as BenchTenant;
    const registrars: DeskClient[] = [];
    for (let i = 0; i < o.clients; i++) {
      const client = new DeskClient(server.port);
      await client.signIn(burstTenant.duty.login, PASSWORD);
      registrars.push(client);
    }
    if (o.warmup) await registerBurst(registrars, o.warmup);
    const burstBefore = await server.usage();
    const burstSampler = new CpuSampler(o.url, dbName, () => [server.pid]);
    await burstSampler.start();
    const burstRun = await registerBurst(registrars, o.seconds / 2);
    const burstCpu = await burstSampler.stop([server.pid]);
    usage = await server.usage();
    for (const c of registrars) c.close();
    const burstCount = Math.max(1, burstRun.latencies.length);
    const burst: BurstFigures = {
      registrations: statsOf(burstRun.latencies, burstRun.seconds),
      errors: burstRun.errors,
      statementsPerRegistration: (usage.statements - burstBefore.statements) / burstCount,
      cpuMsPerRegistration: {
        postgres: (burstCpu.postgres * burstCpu.seconds * 1000) / burstCount,
        server: (burstCpu.server * burstCpu.seconds * 1000) / burstCount,
      },
    };
    log(
      `  registrations into one administration: ${fmt(burst.registrations.perSecond)}/s, ` +
        `p50 ${burst.registrations.p50.toFixed(1)} ms, p99 ${burst.registrations.p99.toFixed(1)} ms, ` +
        `${burst.statementsPerRegistration.toFixed(1)} statements each, ${burst.errors} errors`,
    );
    const http = figuresOf(moved, movedStatements, httpCpu);
    log(
      `  transitions (HTTP): ${fmt(http.transitions.perSecond)}/s, p50 ${http.transitions.p50.toFixed(1)} ms, ` +
        `p99 ${http.transitions.p99.toFixed(1)} ms, ${http.conflicts} conflicts, ${http.errors} errors`,
    );
    const serverPeakRssBytes = usage.maxRssBytes;
    await server.close();

    // (c) transitions through the application layer, no HTTP.
    const appDatabase = await openDatabase({ url, poolSize: o.pool });
    let app: TransitionFigures;
    try {
      const appShares = await openShares(appDatabase, tenants, o.clients);
      const appWorkers: AppWorker[] = [];
      for (let i = 0; i < o.clients; i++) {
        const t = tenants[i % tenants.length] as BenchTenant;
        appWorkers.push({
          actor: t.dutyActor,
          ctx: await contextOf(appDatabase.db, t.id),
          staffing: t.staffing,
          caseIds: appShares[i] as number[],
        });
      }
      const appSampler = new CpuSampler(o.url, dbName, () => []);
      await appSampler.start();
      const before = statementsSent();
      const appMoved = await moveCasesInApp(appDatabase.db, appWorkers, o.seconds);
      const appCpu = await appSampler.stop([]);
      app = figuresOf(appMoved, statementsSent() - before, appCpu);
    } finally {
      await appDatabase.close();
    }
    log(
      `  transitions (app):  ${fmt(app.transitions.perSecond)}/s, p50 ${app.transitions.p50.toFixed(1)} ms, ` +
        `p99 ${app.transitions.p99.toFixed(1)} ms, ${app.conflicts} conflicts`,
    );

    let pgbench: PgbenchFigures | null = null;
    let httpTpcb: HttpTpcbFigures | null = null;
    if (o.pgbench) {
      await freshDatabase(o.url, "otklik_bench_pgbench");
      pgbench = await runPgbench(o);
      log(`  pgbench TPC-B: ${fmt(pgbench.tps)} tps, latency ${pgbench.latencyMs.toFixed(1)} ms`);
      httpTpcb = await runHttpTpcb(o);
      log(
        `  pgbench's transaction over HTTP: ${fmt(httpTpcb.tps)} tps, ` +
          `p50 ${httpTpcb.latency.p50.toFixed(1)} ms, ${httpTpcb.errors} errors`,
      );
      await admin(o.url, (a) =>
        a.query("drop database if exists otklik_bench_pgbench with (force)"),
      );
    }

    return {
      cases: c.cases,
      openCases: c.open,
      openByStatus,
      overdueOpen: c.overdue,
      databaseBytes: Number(c.bytes),
      rows,
      seedSeconds: seconds,
      history: historyReport,
      plans: plans.map(({ plan: _p, statement: _s, ...rest }) => rest),
      queue: {
        all: queueStats,
        byKind: Object.fromEntries(
          Object.entries(queue.byKind).map(([k, v]) => [k, statsOf(v, queue.seconds)]),
        ),
        errors: queue.errors,
        solo: soloQueue,
        paced,
        statementsPerPage: queueStatements,
        keptShare: queueKept,
        served: queueUsage.queueServed,
        mixed,
        cpu: queueCpu,
        cpuMsPerPage: {
          postgres:
            (queueCpu.postgres * queueCpu.seconds * 1000) / Math.max(1, queue.latencies.length),
          server: (queueCpu.server * queueCpu.seconds * 1000) / Math.max(1, queue.latencies.length),
        },
      },
      http,
      httpSolo: soloMoved ? statsOf(soloMoved.latencies, soloMoved.seconds) : null,
      burst,
      app,
      serverPeakRssBytes,
      pgbench,
      httpTpcb,
    };
  } finally {
    await database.close();
  }
}

/** Open cases of each tenant dealt out to the clients working for it (id modulo their number). */
async function openShares(
  database: Database,
  tenants: BenchTenant[],
  clients: number,
): Promise<number[][]> {
  const shares: number[][] = Array.from({ length: clients }, () => []);
  for (const [ti, t] of tenants.entries()) {
    const mine = Array.from({ length: clients }, (_, i) => i).filter(
      (i) => i % tenants.length === ti,
    );
    const open = await database.db
      .selectFrom("cases")
      .select("id")
      .where("tenant_id", "=", t.id)
      .where("closed_at", "is", null)
      .orderBy("id")
      .execute();
    for (const [k, row] of open.entries()) shares[mine[k % mine.length] as number]?.push(row.id);
  }
  return shares;
}

async function machine(url: string) {
  const versions = await admin(url, async (c) => {
    const v = await c.query<{ version: string }>("select version()");
    const s = await c.query<{ name: string; value: string }>(
      `select name, current_setting(name) as value from pg_settings where name in
       ('shared_buffers', 'max_connections', 'synchronous_commit', 'work_mem', 'max_wal_size', 'fsync')`,
    );
    return {
      postgres: v.rows[0]?.version ?? "",
      settings: Object.fromEntries(s.rows.map((r) => [r.name, r.value])),
    };
  });
  let pgbench: string;
  try {
    pgbench = execFileSync(pgbenchBinary(), ["--version"], { encoding: "utf8" }).trim();
  } catch {
    pgbench = "not found";
  }
  return {
    cpu: os.cpus()[0]?.model ?? "unknown",
    cores: os.cpus().length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    ...versions,
    pgbench,
    loadAverageAtStart: os.loadavg(),
  };
}

function printTable(results: Array<{ size: number; r: SizeResult }>): void {
  const ms = (n: number) => n.toFixed(1);
  const pct = (x: Stats) => `${ms(x.p50)} / ${ms(x.p95)} / ${ms(x.p99)}`;
  const row = (label: string, cell: (r: SizeResult, size: number) => string) => [
    label,
    ...results.map(({ r, size }) => cell(r, size)),
  ];
  const rows: string[][] = [
    row("cases", (_, size) => fmt(size)),
    row("database", (r) => `${(r.databaseBytes / 2 ** 30).toFixed(2)} GiB`),
    row("open cases (overdue)", (r) => `${fmt(r.openCases)} (${fmt(r.overdueOpen)})`),
    row("queue pages/s", (r) => fmt(r.queue.all.perSecond)),
    row("  p50 / p95 / p99 ms", (r) => pct(r.queue.all)),
    row("  one client alone, p50 / p95 / p99", (r) => (r.queue.solo ? pct(r.queue.solo) : "—")),
    ...PACED_SHARES.map((share, j) =>
      row(`  paced at ${share * 100} %: pages/s, p50 / p99`, (r) => {
        const p = r.queue.paced[j];
        return p ? `${fmt(p.stats.perSecond)}, ${ms(p.stats.p50)} / ${ms(p.stats.p99)}` : "—";
      }),
    ),
    row("  pages from kept reads", (r) => `${(r.queue.keptShare * 100).toFixed(0)} %`),
    row(
      "  in the server: p50 / p99 ms",
      (r) => `${r.queue.served.p50.toFixed(1)} / ${r.queue.served.p99.toFixed(1)}`,
    ),
    row("  while cases move: pages/s, p50 / p99", (r) => {
      const m = r.queue.mixed;
      return `${fmt(m.queue.perSecond)}, ${ms(m.queue.p50)} / ${ms(m.queue.p99)}`;
    }),
    row("    kept reads / transitions/s", (r) => {
      const m = r.queue.mixed;
      return `${(m.keptShare * 100).toFixed(0)} % / ${fmt(m.transitions.perSecond)}`;
    }),
    row("  statements per page", (r) => r.queue.statementsPerPage.toFixed(1)),
    row(
      "  CPU ms per page (pg / server)",
      (r) => `${ms(r.queue.cpuMsPerPage.postgres)} / ${ms(r.queue.cpuMsPerPage.server)}`,
    ),
    row("transitions/s, HTTP", (r) => fmt(r.http.transitions.perSecond)),
    row("  p50 / p95 / p99 ms", (r) => pct(r.http.transitions)),
    row("  one client alone, p50 / p95 / p99", (r) => (r.httpSolo ? pct(r.httpSolo) : "—")),
    row("  + registrations/s", (r) => fmt(r.http.registrations.perSecond)),
    row("  409 conflicts / errors", (r) => `${r.http.conflicts} / ${r.http.errors}`),
    row("  statements per write", (r) => r.http.statementsPerWrite.toFixed(1)),
    row(
      "  CPU ms per write (pg / server)",
      (r) => `${ms(r.http.cpuMsPerWrite.postgres)} / ${ms(r.http.cpuMsPerWrite.server)}`,
    ),
    row("registrations/s into one administration", (r) => fmt(r.burst.registrations.perSecond)),
    row("  p50 / p95 / p99 ms", (r) => pct(r.burst.registrations)),
    row("  statements per registration", (r) => r.burst.statementsPerRegistration.toFixed(1)),
    row(
      "  CPU ms per registration (pg / server)",
      (r) =>
        `${ms(r.burst.cpuMsPerRegistration.postgres)} / ${ms(r.burst.cpuMsPerRegistration.server)}`,
    ),
    row("transitions/s, app layer", (r) => fmt(r.app.transitions.perSecond)),
    row("  p50 / p95 / p99 ms", (r) => pct(r.app.transitions)),
    row("  statements per write", (r) => r.app.statementsPerWrite.toFixed(1)),
    row(
      "  CPU ms per write (pg / app)",
      (r) => `${ms(r.app.cpuMsPerWrite.postgres)} / ${ms(r.app.cpuMsPerWrite.clients)}`,
    ),
    row("pgbench TPC-B tps", (r) => (r.pgbench ? fmt(r.pgbench.tps) : "—")),
    row("  CPU ms per txn (pg / pgbench)", (r) =>
      r.pgbench
        ? `${r.pgbench.cpuMsPerTransaction.postgres.toFixed(2)} / ${r.pgbench.cpuMsPerTransaction.client.toFixed(2)}`
        : "—",
    ),
    row("HTTP transitions ÷ pgbench tps", (r) =>
      r.pgbench ? (r.http.transitions.perSecond / r.pgbench.tps).toFixed(3) : "—",
    ),
    row("pgbench's transaction over HTTP, tps", (r) => (r.httpTpcb ? fmt(r.httpTpcb.tps) : "—")),
    row("  CPU ms per txn (pg / server)", (r) =>
      r.httpTpcb
        ? `${r.httpTpcb.cpuMsPerTransaction.postgres.toFixed(2)} / ${r.httpTpcb.cpuMsPerTransaction.server.toFixed(2)}`
        : "—",
    ),
    row("  ÷ pgbench tps (the ceiling over HTTP)", (r) =>
      r.pgbench && r.httpTpcb ? (r.httpTpcb.tps / r.pgbench.tps).toFixed(3) : "—",
    ),
    row("server peak RSS", (r) => `${fmt(r.serverPeakRssBytes / 2 ** 20)} MiB`),
    row("cores busy, machine / ours: queue", (r) => busy(r.queue.cpu)),
    row("  HTTP transitions", (r) => busy(r.http.cpu)),
    row("  app layer", (r) => busy(r.app.cpu)),
    row("  pgbench", (r) => (r.pgbench ? busy(r.pgbench.cpu) : "—")),
    row("  pgbench's transaction over HTTP", (r) => (r.httpTpcb ? busy(r.httpTpcb.cpu) : "—")),
  ];
  const widths = rows[0]?.map((_, k) => Math.max(...rows.map((x) => (x[k] ?? "").length))) ?? [];
  log("");
  for (const x of rows)
    log(
      x
        .map((cell, k) => (k === 0 ? cell.padEnd(widths[k] ?? 0) : cell.padStart(widths[k] ?? 0)))
        .join("   "),
    );
}

const busy = (c: CpuFigures) =>
  `${c.machine.toFixed(2)} / ${(c.postgres + c.server + c.clients).toFixed(2)}`;

async function main(): Promise<void> {
  const o = parseOptions(process.argv.slice(2));
  const m = await machine(o.url);
  log(
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB; Node ${m.node}; ${m.postgres.split(" on ")[0]}`,
  );
  log(`Load average at start: ${m.loadAverageAtStart.map((x) => x.toFixed(2)).join(", ")}`);
  log(`Options: ${JSON.stringify(o)}`);
  const results: Array<{ size: number; r: SizeResult }> = [];
  for (const size of o.sizes) results.push({ size, r: await measureSize(o, size) });
  printTable(results);
  if (!o.keep)
    await admin(o.url, (a) => a.query("drop database if exists otklik_bench with (force)"));
  mkdirSync(path.dirname(RESULTS), { recursive: true });
  writeFileSync(
    RESULTS,
    JSON.stringify(
      {
        date: new Date().toISOString(),
        machine: { ...m, loadAverageAtEnd: os.loadavg() },
        options: o,
        sizes: results,
      },
      null,
      2,
    ),
  );
  log(`\nWrote ${path.relative(process.cwd(), RESULTS)}`);
}

await main();
