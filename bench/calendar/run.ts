// Deadline arithmetic per second on one core, and where a general-purpose business-hours
// library (moment-business-time) answers differently on the same inputs, and why.
//
//   npm run bench            (or npm run bench:calendar)
//
// Prints a table and writes bench/results/calendar.json.
import { mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import moment from "moment-timezone";
import "moment-business-time";
import {
  FEDERAL_YEARS,
  ProductionCalendar,
  dayNumberOf,
  formatCivil,
  formatInstant,
  parseInstant,
  startOfDay,
  workingTimeFor,
  type DayInfo,
  type WorkingTime,
  type YearFile,
} from "../../src/domain/calendar/index.ts";
import laborCode from "../../src/domain/calendar/data/holidays.json" with { type: "json" };

declare module "moment" {
  interface Moment {
    addWorkingTime(amount: number, unit: "minutes" | "days"): Moment;
    workingDiff(other: Moment, unit: "minutes", precise: boolean): number;
    lastWorkingTime(): Moment;
  }
}

const TIME_ZONE = "Europe/Moscow";
const MINUTE = 60_000;
/** Inputs per operation for our engine (looped over while timing). */
const OUR_INPUTS = 100_000;
/** The library is about a thousand times slower: it gets the first inputs of the same lists. */
const LIBRARY_INPUTS = Number(process.argv[2] ?? 5_000);
/** The second year is not timed; it is there because 2026 has no working Saturdays. */
const LIBRARY_INPUTS_2024 = Math.min(LIBRARY_INPUTS, 3_000);

// ---------------------------------------------------------------------------------------
// Inputs: a seeded generator, so every run and every machine gets the same ones.

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

interface Inputs {
  year: number;
  /** Starts on the minute, anywhere in the year (nights and weekends included, as messages come). */
  starts: Float64Array;
  /** 10–960 working minutes. */
  minutes: Int32Array;
  /** 1–20 working days. */
  days: Int32Array;
  /** Ends of measured spans: 0–14 calendar days after the start, on the minute. */
  ends: Float64Array;
}

function makeInputs(year: number, count: number, seed: number): Inputs {
  const random = mulberry32(seed);
  const from = startOfDay(TIME_ZONE, dayNumberOf(year, 1, 1));
  const to = startOfDay(TIME_ZONE, dayNumberOf(year + 1, 1, 1));
  const minutesInYear = (to - from) / MINUTE;
  const inputs: Inputs = {
    year,
    starts: new Float64Array(count),
    minutes: new Int32Array(count),
    days: new Int32Array(count),
    ends: new Float64Array(count),
  };
  for (let i = 0; i < count; i++) {
    const start = from + Math.floor(random() * minutesInYear) * MINUTE;
    inputs.starts[i] = start;
    inputs.minutes[i] = 10 + Math.floor(random() * 951);
    inputs.days[i] = 1 + Math.floor(random() * 20);
    inputs.ends[i] = start + Math.floor(random() * 14 * 24 * 60) * MINUTE;
  }
  return inputs;
}

// ---------------------------------------------------------------------------------------
// Timing.

interface Speed {
  opsPerSecond: number;
  /** Of the rounds, the slowest and the fastest. */
  range: [number, number];
  rounds: number;
  operations: number;
}

let sink = 0;

/** Median ops/s over rounds of at least `roundMs`, after a warm-up pass. */
function measure(count: number, op: (i: number) => number, rounds = 7, roundMs = 250): Speed {
  for (let i = 0; i < count; i++) sink += op(i);
  const rates: number[] = [];
  let operations = 0;
  for (let r = 0; r < rounds; r++) {
    let done = 0;
    const t0 = performance.now();
    let elapsed: number;
    do {
      for (let i = 0; i < count; i++) sink += op(i);
      done += count;
      elapsed = performance.now() - t0;
    } while (elapsed < roundMs);
    rates.push((done / elapsed) * 1000);
    operations += done;
  }
  rates.sort((a, b) => a - b);
  return {
    opsPerSecond: rates[Math.floor(rates.length / 2)] as number,
    range: [rates[0] as number, rates[rates.length - 1] as number],
    rounds,
    operations,
  };
}

/** One timed pass (for the slow library), returning its answers too. */
function timedPass(count: number, op: (i: number) => number): { speed: Speed; answers: number[] } {
  const answers: number[] = [];
  const t0 = performance.now();
  for (let i = 0; i < count; i++) answers.push(op(i));
  const elapsed = performance.now() - t0;
  const rate = (count / elapsed) * 1000;
  return {
    speed: { opsPerSecond: rate, range: [rate, rate], rounds: 1, operations: count },
    answers,
  };
}

// ---------------------------------------------------------------------------------------
// The library, configured like our default schedule with the fixed federal holidays.

const HOURS = ["09:00:00", "13:00:00", "14:00:00", "18:00:00"];
// The Labour Code's fixed dates as the library's recurring holidays ("*-MM-DD"), so a term
// that runs from December 2026 into January 2027 meets the New Year holidays too.
const LIBRARY_HOLIDAYS = laborCode.holidays.map((h) => `*-${h.date}`);
moment.updateLocale("en", {
  workinghours: { 0: null, 1: HOURS, 2: HOURS, 3: HOURS, 4: HOURS, 5: HOURS, 6: null },
  holidays: LIBRARY_HOLIDAYS,
} as moment.LocaleSpecification);

const library = {
  addWorkingMinutes: (start: number, n: number): number =>
    moment.tz(start, TIME_ZONE).addWorkingTime(n, "minutes").valueOf(),
  // Its day arithmetic keeps the time of day; the deadline is the close of that day.
  addWorkingDays: (start: number, n: number): number =>
    moment.tz(start, TIME_ZONE).addWorkingTime(n, "days").endOf("day").lastWorkingTime().valueOf(),
  workingMinutesBetween: (a: number, b: number): number =>
    moment.tz(b, TIME_ZONE).workingDiff(moment.tz(a, TIME_ZONE), "minutes", true),
};

// ---------------------------------------------------------------------------------------
// Why answers differ: our engine on calendars that know only some of what the real one knows.

const federalFiles = new Map(FEDERAL_YEARS.map((f) => [f.year, f]));

type Feature = "movedDaysOff" | "workingSaturdays" | "shortDays";
const FEATURES: Feature[] = ["movedDaysOff", "workingSaturdays", "shortDays"];
type Reason = Feature | "library" | "combination";
const REASON_LABEL: Record<Reason, string> = {
  movedDaysOff: "moved days off",
  workingSaturdays: "working Saturdays",
  shortDays: "short days",
  library: "library bug",
  combination: "combination",
};
const FEATURE_TEXT: Record<Reason, string> = {
  movedDaysOff: "moved days off (decree transfers and ст. 112) — it counts them as working days",
  workingSaturdays: "working Saturdays by decree — it counts them as days off",
  shortDays: "short pre-holiday days (ст. 95) — it runs them to 18:00",
  combination: "only several of these together explain it",
  library:
    "its own workingDiff: a span ending before 14:00 (in the morning or the lunch break) loses the minutes from its end to 14:00 — 10:00→11:00 on one day comes out as −120",
};

/** Our engine on the given federal years with only some features kept (none: the library's view). */
function ourEngineKnowing(features: Feature[], years: number[]): WorkingTime {
  const keep = new Set(features);
  const files: YearFile[] = years.map((year) => {
    const file = federalFiles.get(year) as YearFile;
    return {
      year,
      transfers: keep.has("movedDaysOff") ? file.transfers : [],
      workingWeekends: keep.has("workingSaturdays") ? file.workingWeekends : [],
      shortDays: keep.has("shortDays") ? file.shortDays : [],
      paidNonWorkingDays: [],
    };
  });
  return workingTimeFor({ timeZone: TIME_ZONE }, new ProductionCalendar({ years: files }));
}

type OperationName = keyof typeof library;
const OPERATIONS: OperationName[] = [
  "addWorkingMinutes",
  "addWorkingDays",
  "workingMinutesBetween",
];

interface Difference {
  operation: OperationName;
  start: string;
  /** Working minutes or working days; for workingMinutesBetween, the end of the span. */
  term: number | string;
  ours: string | number;
  theirs: string | number;
  /** Working minutes by which their deadline is late (+) or early (−); for spans, theirs − ours. */
  offByMinutes: number;
  reasons: Reason[];
  /** The special days the computation crossed. */
  days: string[];
}

function run(op: OperationName, engine: WorkingTime, inputs: Inputs, i: number): number {
  const start = inputs.starts[i] as number;
  if (op === "addWorkingMinutes")
    return engine.addWorkingMinutes(start, inputs.minutes[i] as number);
  if (op === "addWorkingDays") return engine.addWorkingDays(start, inputs.days[i] as number);
  return engine.workingMinutesBetween(start, inputs.ends[i] as number);
}

function runLibrary(op: OperationName, inputs: Inputs, i: number): number {
  const start = inputs.starts[i] as number;
  if (op === "addWorkingMinutes")
    return library.addWorkingMinutes(start, inputs.minutes[i] as number);
  if (op === "addWorkingDays") return library.addWorkingDays(start, inputs.days[i] as number);
  return library.workingMinutesBetween(start, inputs.ends[i] as number);
}

function describeSpecialDays(engine: WorkingTime, from: number, to: number): string[] {
  const out: string[] = [];
  for (let d = engine.dayOf(from); d <= engine.dayOf(to); d++) {
    const info: DayInfo = engine.calendar.day(d);
    const what =
      info.kind === "transferredDayOff"
        ? `moved day off (${info.name})`
        : info.kind === "short"
          ? info.workingWeekend
            ? "short working Saturday"
            : "short day"
          : info.workingWeekend
            ? "working Saturday"
            : undefined;
    if (what) out.push(`${formatCivil(d)} ${what}`);
  }
  return out;
}

interface Comparison {
  year: number;
  inputs: number;
  speed?: Record<OperationName, Speed>;
  differing: Record<OperationName, number>;
  byReason: Record<string, number>;
  differences: Difference[];
}

function compare(inputs: Inputs, count: number, timed: boolean): Comparison {
  const years = [inputs.year, inputs.year + 1];
  const ours = workingTimeFor({ timeZone: TIME_ZONE });
  const naive = ourEngineKnowing([], years);
  const single = new Map(FEATURES.map((f) => [f, ourEngineKnowing([f], years)]));
  const iso = (t: number): string => formatInstant(t, TIME_ZONE);
  const comparison: Comparison = {
    year: inputs.year,
    inputs: count,
    differing: { addWorkingMinutes: 0, addWorkingDays: 0, workingMinutesBetween: 0 },
    byReason: {},
    differences: [],
  };
  const speed = {} as Record<OperationName, Speed>;
  for (const op of OPERATIONS) {
    const { speed: s, answers } = timedPass(count, (i) => runLibrary(op, inputs, i));
    speed[op] = s;
    for (let i = 0; i < count; i++) {
      const theirs = answers[i] as number;
      const our = run(op, ours, inputs, i);
      if (theirs === our) continue;
      const start = inputs.starts[i] as number;
      const naiveAnswer = run(op, naive, inputs, i);
      // The library's own arithmetic is wrong where it disagrees with our engine on its own
      // view of the calendar; each feature is a reason where adding it alone changes our answer.
      const reasons: Difference["reasons"] = naiveAnswer !== theirs ? ["library"] : [];
      if (our !== naiveAnswer) {
        const features = FEATURES.filter(
          (f) => run(op, single.get(f) as WorkingTime, inputs, i) !== naiveAnswer,
        );
        reasons.push(...(features.length ? features : (["combination"] as const)));
      }
      const span = op === "workingMinutesBetween";
      const last = span ? (inputs.ends[i] as number) : Math.max(our, theirs);
      comparison.differences.push({
        operation: op,
        start: iso(start),
        term:
          op === "addWorkingMinutes"
            ? (inputs.minutes[i] as number)
            : op === "addWorkingDays"
              ? (inputs.days[i] as number)
              : iso(inputs.ends[i] as number),
        ours: span ? our : iso(our),
        theirs: span ? theirs : iso(theirs),
        offByMinutes: span ? theirs - our : ours.workingMinutesBetween(our, theirs),
        reasons,
        days: describeSpecialDays(ours, start, last),
      });
      comparison.differing[op]++;
      const key = reasons.join(" + ");
      comparison.byReason[`${op}: ${key}`] = (comparison.byReason[`${op}: ${key}`] ?? 0) + 1;
    }
  }
  if (timed) comparison.speed = speed;
  return comparison;
}

// ---------------------------------------------------------------------------------------

const require = createRequire(import.meta.url);
const versionOf = (name: string): string =>
  (require(`${name}/package.json`) as { version: string }).version;

const cpus = os.cpus();
const machine = {
  cpu: cpus[0]?.model.trim() ?? "unknown",
  cores: cpus.length,
  memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  platform: `${os.platform()} ${os.release()} ${os.arch()}`,
  node: process.version,
  /** Other work on the machine skews the figures: the 1-minute load average at the start. */
  loadAverage: Number(os.loadavg()[0]?.toFixed(2)),
};

const t0 = performance.now();
const ours = workingTimeFor({ timeZone: TIME_ZONE });
const compileMs = performance.now() - t0;

const inputs2026 = makeInputs(2026, OUR_INPUTS, 2026);
const ourSpeed: Record<OperationName, Speed> = {
  addWorkingMinutes: measure(OUR_INPUTS, (i) => run("addWorkingMinutes", ours, inputs2026, i)),
  addWorkingDays: measure(OUR_INPUTS, (i) => run("addWorkingDays", ours, inputs2026, i)),
  workingMinutesBetween: measure(OUR_INPUTS, (i) =>
    run("workingMinutesBetween", ours, inputs2026, i),
  ),
};

const primary = compare(inputs2026, LIBRARY_INPUTS, true);
const secondary = compare(makeInputs(2024, LIBRARY_INPUTS_2024, 2024), LIBRARY_INPUTS_2024, false);

// Our engine's answer to the anchor, so a reader can see the run counted what the tests expect.
const anchorStart = parseInstant("2026-03-06T17:30:00+03:00", TIME_ZONE) as number;
const anchor = formatInstant(ours.addWorkingMinutes(anchorStart, 480), TIME_ZONE);
const anchorTheirs = formatInstant(library.addWorkingMinutes(anchorStart, 480), TIME_ZONE);

const fmt = (n: number): string => Math.round(n).toLocaleString("en-US");
const pad = (s: string, n: number): string => s.padEnd(n);
const padL = (s: string, n: number): string => s.padStart(n);

console.log(`Calendar benchmark — ${new Date().toISOString()}`);
console.log(
  `machine: ${machine.cpu} (${machine.cores} cores, ${machine.memoryGiB} GiB), ${machine.platform}`,
);
console.log(
  `node ${machine.node}; one core (single thread); load average at start ${machine.loadAverage}`,
);
console.log(
  `library: moment-business-time ${versionOf("moment-business-time")}, moment ${versionOf("moment")}, moment-timezone ${versionOf("moment-timezone")}`,
);
console.log(`our timeline for 2020–2027 compiled in ${compileMs.toFixed(0)} ms (${TIME_ZONE})`);
console.log("");
console.log(
  `${pad("operation (2026 inputs)", 26)}${padL("ours ops/s", 14)}${padL("(min–max)", 26)}${padL("library ops/s", 16)}${padL("ratio", 9)}${padL("differ", 16)}`,
);
for (const op of OPERATIONS) {
  const o = ourSpeed[op];
  const l = primary.speed![op];
  console.log(
    `${pad(op, 26)}${padL(fmt(o.opsPerSecond), 14)}${padL(`${fmt(o.range[0])}–${fmt(o.range[1])}`, 26)}${padL(fmt(l.opsPerSecond), 16)}${padL(`${fmt(o.opsPerSecond / l.opsPerSecond)}×`, 9)}${padL(`${primary.differing[op]} / ${primary.inputs}`, 16)}`,
  );
}
console.log("");
console.log(`anchor 2026-03-06T17:30+03:00 + 480 min: ours ${anchor}, library ${anchorTheirs}`);
for (const c of [primary, secondary]) {
  console.log("");
  console.log(`Where the library differs, ${c.year} inputs (${c.inputs} per operation), by why:`);
  const groups = Object.entries(c.byReason).sort(
    ([a, x], [b, y]) => a.split(": ")[0]!.localeCompare(b.split(": ")[0]!) || y - x,
  );
  for (const [key, count] of groups) {
    const [op, reasons] = key.split(": ") as [string, string];
    const labels = reasons.split(" + ").map((r) => REASON_LABEL[r as Reason]);
    const example = c.differences.find((d) => `${d.operation}: ${d.reasons.join(" + ")}` === key);
    console.log(`  ${padL(String(count), 5)}  ${pad(op, 22)} ${labels.join(" + ")}`);
    if (example)
      console.log(
        `${" ".repeat(31)}e.g. (${example.start}, ${example.term}) → ours ${example.ours}, theirs ${example.theirs}` +
          (example.days.length ? ` [${example.days.join(", ")}]` : ""),
      );
  }
}
console.log("");
console.log("Why:");
for (const reason of Object.keys(REASON_LABEL) as Reason[])
  console.log(`  ${pad(REASON_LABEL[reason], 20)} ${FEATURE_TEXT[reason]}`);
console.log("");

const result = {
  date: new Date().toISOString(),
  command: "npm run bench",
  machine,
  timeZone: TIME_ZONE,
  compileMs,
  anchor: { ours: anchor, library: anchorTheirs },
  ours: { inputs: OUR_INPUTS, speed: ourSpeed },
  library: {
    name: "moment-business-time",
    versions: {
      "moment-business-time": versionOf("moment-business-time"),
      moment: versionOf("moment"),
      "moment-timezone": versionOf("moment-timezone"),
    },
    config: { workinghours: "Mon–Fri 09:00–13:00, 14:00–18:00", holidays: LIBRARY_HOLIDAYS },
    speed: primary.speed,
  },
  reasons: FEATURE_TEXT,
  comparisons: [primary, secondary],
};
const outDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "results");
mkdirSync(outDir, { recursive: true });
writeFileSync(path.join(outDir, "calendar.json"), `${JSON.stringify(result, null, 2)}\n`);
console.log(
  `written: bench/results/calendar.json (${primary.differences.length + secondary.differences.length} differing inputs listed)`,
);
if (sink === 42) console.log(""); // keeps the timed results alive
