// The embedded database (PGlite), as `npm start` and the tests use it: how long the first start's
// demo takes to make, and what the desk's statements cost through our dialect (each statement
// prepared once per text) against PGlite's own `query` (parsed, planned and described each time),
// the reference, on the same database in the same run.
//
//   npm run bench:embedded [-- --cases 200 --rounds 5]
//
// Prints a table and writes bench/results/embedded.json.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { Kysely, type CompiledQuery } from "kysely";
import { seedDemo } from "../../src/app/demo/seed.ts";
import { caseWithDetails } from "../../src/db/case-details.ts";
import { loadCase, type Tx } from "../../src/db/cases.ts";
import { migrateToLatest } from "../../src/db/migrate.ts";
import { PGliteDialect } from "../../src/db/pglite-dialect.ts";
import { listCases } from "../../src/db/queue.ts";
import type { DB } from "../../src/db/schema.ts";

const { values } = parseArgs({
  options: { cases: { type: "string", default: "200" }, rounds: { type: "string", default: "5" } },
});
const CASES = Number(values.cases);
const ROUNDS = Number(values.rounds);
const NOW = Date.parse("2026-11-20T12:00:00+03:00");

const dir = mkdtempSync(path.join(os.tmpdir(), "otklik-embedded-bench-"));

// 1. The first start's demo, as `otklik demo` makes it: through our dialect, then through PGlite's
// own query (maxPrepared 0), each into a new folder.
async function demoSeconds(maxPrepared?: number): Promise<number> {
  const folder = path.join(dir, `demo-${maxPrepared ?? "ours"}`);
  const started = performance.now();
  const lite = await PGlite.create({ dataDir: folder, parsers: { 20: (v: string) => Number(v) } });
  const db = new Kysely<DB>({ dialect: new PGliteDialect(lite, maxPrepared) });
  await migrateToLatest(db);
  await seedDemo(db, { now: NOW });
  const seconds = (performance.now() - started) / 1000;
  await db.destroy();
  await lite.close();
  return seconds;
}
const demoOurs = await demoSeconds();
const demoPglite = await demoSeconds(0);
const dataDir = path.join(dir, "demo-ours");

// 2. The same statements both ways on the demo's database.
const lite = await PGlite.create({ dataDir, parsers: { 20: (v: string) => Number(v) } });
const ours = new Kysely<DB>({ dialect: new PGliteDialect(lite) });
let captured: CompiledQuery | undefined;
const recorder = new Kysely<DB>({
  dialect: new PGliteDialect(lite),
  log: (e) => {
    if (e.level === "query") captured = e.query;
  },
});
const cases = await ours
  .selectFrom("cases")
  .select(["id", "tenant_id"])
  .orderBy("id")
  .limit(CASES)
  .execute();

type Run = (tx: Tx, c: { id: number; tenant_id: number }) => Promise<unknown>;
const STATEMENTS: [string, Run][] = [
  ["a case for a decision (loadCase)", (tx, c) => loadCase(tx, c.tenant_id, c.id, false)],
  ["a card (caseWithDetails)", (tx, c) => caseWithDetails(tx, c.tenant_id, c.id)],
  [
    "a queue page of 50 open cases",
    (tx, c) => listCases(tx, { tenantId: c.tenant_id }, "deadline", 50, 0),
  ],
];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const rows: { statement: string; ours: number; pglite: number }[] = [];
for (const [name, run] of STATEMENTS) {
  // Each case's statement as compiled, to send through PGlite's own query as well.
  const compiled: CompiledQuery[] = [];
  for (const c of cases) {
    await run(recorder as unknown as Tx, c);
    compiled.push(captured!);
  }
  const oursMs: number[] = [];
  const theirsMs: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    let t = performance.now();
    for (const c of cases) await run(ours as unknown as Tx, c);
    oursMs.push((performance.now() - t) / cases.length);
    t = performance.now();
    for (const q of compiled) await lite.query(q.sql, [...q.parameters], { rowMode: "object" });
    theirsMs.push((performance.now() - t) / compiled.length);
  }
  rows.push({ statement: name, ours: median(oursMs), pglite: median(theirsMs) });
}
await ours.destroy();
await lite.close();
rmSync(dir, { recursive: true, force: true });

const cpu = os.cpus()[0]?.model.trim() ?? "unknown CPU";
console.log(`Machine: ${cpu}, ${os.cpus().length} cores; Node ${process.version}`);
console.log(
  `Load average at start of the statements: ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(", ")}`,
);
console.log(
  `The demo (five administrations, three weeks of cases): ${demoOurs.toFixed(1)} s; through PGlite's query ${demoPglite.toFixed(1)} s`,
);
console.log(`Statements over the demo's first ${cases.length} cases, median of ${ROUNDS} rounds:`);
console.log(
  `${"statement".padEnd(36)} ${"ours, ms".padStart(9)} ${"PGlite query, ms".padStart(17)} ${"ratio".padStart(6)}`,
);
for (const r of rows)
  console.log(
    `${r.statement.padEnd(36)} ${r.ours.toFixed(2).padStart(9)} ${r.pglite.toFixed(2).padStart(17)} ${(r.pglite / r.ours).toFixed(1).padStart(5)}×`,
  );
const results = fileURLToPath(new URL("../results/", import.meta.url));
mkdirSync(results, { recursive: true });
writeFileSync(
  path.join(results, "embedded.json"),
  JSON.stringify(
    { at: new Date().toISOString(), cpu, demoSeconds, cases: cases.length, rounds: ROUNDS, rows },
    null,
    2,
  ),
);
