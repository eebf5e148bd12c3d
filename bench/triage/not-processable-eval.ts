// Evaluates the not-processable detector on real text nobody on the team wrote: recall on toxic comments, false flags on neutral text and on citizens' appeals, and speed.
//
// Data is read from ../shared/data at run time and never copied into the repository:
//   russe-detox/dev.tsv — 800 toxic Russian comments with human neutral rewrites (RUSSE-2022,
//     Dementieva et al.; openrail++), every toxic comment should be flagged;
//   nash-spb/nash_spb_appeals_sample.csv — 12,658 appeals to «Наш Санкт-Петербург», none
//     of which should be (they passed the portal's moderation).
// Usage: npm run bench:not-processable [-- --data <dir>] [--show <n>]
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { detectNotProcessable } from "../../src/domain/triage/not-processable.ts";

const here = dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({
  options: {
    data: { type: "string", default: resolve(here, "../../../shared/data") },
    show: { type: "string", default: "25" },
  },
});
const dataDir = values.data;
const show = Number(values.show);

/** RFC 4180 CSV: quoted fields may hold commas, doubled quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += ch;
  }
  if (field || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

function loadDetox(): { toxic: string[]; neutral: string[] } {
  const lines = readFileSync(join(dataDir, "russe-detox/dev.tsv"), "utf8").split("\n");
  const header = (lines.shift() ?? "").split("\t");
  const toxicAt = header.indexOf("toxic_comment");
  const neutralAt = header
    .map((h, i) => (h.startsWith("neutral_comment") ? i : -1))
    .filter((i) => i >= 0);
  const toxic: string[] = [];
  const neutral: string[] = [];
  for (const line of lines) {
    if (!line.trim()) continue;
    const cells = line.split("\t");
    toxic.push(cells[toxicAt] ?? "");
    for (const i of neutralAt) if (cells[i]?.trim()) neutral.push(cells[i] as string);
  }
  return { toxic, neutral };
}

function loadAppeals(): string[] {
  const rows = parseCsv(
    readFileSync(join(dataDir, "nash-spb/nash_spb_appeals_sample.csv"), "utf8"),
  );
  const header = rows.shift() ?? [];
  const textAt = header.indexOf("text");
  return rows.filter((r) => r.length === header.length).map((r) => r[textAt] ?? "");
}

interface SetResult {
  name: string;
  texts: number;
  flagged: number;
  rate: number;
  byReason: Record<string, number>;
  target: string;
  met: boolean | null;
}

/** `target`: least recall for toxic text, most false flags for clean text; null: for reference. */
function run(name: string, texts: string[], wantFlagged: boolean, target: number | null) {
  const flagged: Array<{ text: string; reason: string; evidence: string[] }> = [];
  const missed: string[] = [];
  const byReason: Record<string, number> = { obscene: 0, threat: 0, insult: 0 };
  for (const text of texts) {
    const v = detectNotProcessable(text);
    if (v.reason) {
      byReason[v.reason] = (byReason[v.reason] ?? 0) + 1;
      flagged.push({ text, reason: v.reason, evidence: v.evidence });
    } else missed.push(text);
  }
  const rate = flagged.length / texts.length;
  const result: SetResult = {
    name,
    texts: texts.length,
    flagged: flagged.length,
    rate,
    byReason,
    target:
      target === null
        ? "справочно"
        : wantFlagged
          ? `полнота ≥ ${target}`
          : `ложные ≤ ${(target * 100).toFixed(0)}%`,
    met: target === null ? null : wantFlagged ? rate >= target : rate <= target,
  };
  return { result, flagged, missed };
}

/** Every k-th item, so a sample is spread over the file and the same on every run. */
function spread<T>(items: T[], n: number): T[] {
  if (items.length <= n) return items;
  const step = items.length / n;
  return Array.from({ length: n }, (_, i) => items[Math.floor(i * step)] as T);
}

const clip = (s: string, n = 160) => {
  const one = s.replace(/\s+/g, " ").trim();
  return one.length > n ? `${one.slice(0, n)}…` : one;
};

const { toxic, neutral } = loadDetox();
const appeals = loadAppeals();

const toxicRun = run("russe-detox: токсичные комментарии", toxic, true, 0.9);
const neutralRun = run("russe-detox: нейтральные переписывания", neutral, false, null);
const appealsRun = run("Наш Санкт-Петербург: обращения", appeals, false, 0.01);

// Speed: every text of the three sets, several rounds after a warm-up, best round counted.
const all = [...toxic, ...neutral, ...appeals];
const chars = all.reduce((n, t) => n + t.length, 0);
function timeRound(texts: string[]): number {
  const t0 = performance.now();
  for (const t of texts) detectNotProcessable(t);
  return (performance.now() - t0) / 1000;
}
timeRound(all);
const rounds = Array.from({ length: 5 }, () => timeRound(all));
const best = Math.min(...rounds);
const shortTexts = [...toxic, ...neutral];
timeRound(shortTexts);
const bestShort = Math.min(...Array.from({ length: 5 }, () => timeRound(shortTexts)));
const speed = {
  messages: all.length,
  averageChars: Math.round(chars / all.length),
  messagesPerSecond: Math.round(all.length / best),
  charsPerSecond: Math.round(chars / best),
  shortMessagesPerSecond: Math.round(shortTexts.length / bestShort),
  shortAverageChars: Math.round(shortTexts.reduce((n, t) => n + t.length, 0) / shortTexts.length),
};

const sets = [toxicRun.result, neutralRun.result, appealsRun.result];
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
console.log("\nНе подлежат обработке: оценка на реальных текстах\n");
console.log(
  `${"набор".padEnd(42)} ${"текстов".padStart(8)} ${"отмечено".padStart(9)} ${"доля".padStart(7)}  ${"мат/угр/оск".padEnd(13)} цель`,
);
for (const s of sets) {
  const reasons = `${s.byReason.obscene}/${s.byReason.threat}/${s.byReason.insult}`;
  console.log(
    `${s.name.padEnd(42)} ${String(s.texts).padStart(8)} ${String(s.flagged).padStart(9)} ${pct(s.rate).padStart(7)}  ${reasons.padEnd(13)} ${s.target} ${s.met === null ? "" : s.met ? "✓" : "✗"}`,
  );
}
console.log(
  `\nСкорость на одном ядре (лучший из 5 проходов): ${speed.messagesPerSecond.toLocaleString("ru-RU")} сообщений/с ` +
    `на всех ${speed.messages} текстах (средняя длина — ${speed.averageChars} зн.), ` +
    `${speed.shortMessagesPerSecond.toLocaleString("ru-RU")} сообщений/с на комментариях ` +
    `(средняя длина — ${speed.shortAverageChars} зн.), ${(speed.charsPerSecond / 1e6).toFixed(1)} млн зн./с.`,
);

console.log(
  `\nПропущенные токсичные комментарии (${toxicRun.missed.length}, показано до ${show}):`,
);
for (const t of spread(toxicRun.missed, show)) console.log(`  − ${clip(t)}`);
console.log(
  `\nОтмеченные нейтральные переписывания (${neutralRun.flagged.length}, показано до ${show}):`,
);
for (const f of spread(neutralRun.flagged, show))
  console.log(`  + [${f.reason}: ${f.evidence.join(", ")}] ${clip(f.text)}`);
console.log(`\nОтмеченные обращения (${appealsRun.flagged.length}, показано до ${show}):`);
for (const f of spread(appealsRun.flagged, show))
  console.log(`  + [${f.reason}: ${f.evidence.join(", ")}] ${clip(f.text)}`);

const out = resolve(here, "../results/not-processable.json");
mkdirSync(dirname(out), { recursive: true });
writeFileSync(
  out,
  `${JSON.stringify(
    {
      sets,
      speed,
      missedToxic: toxicRun.missed.length,
      flaggedNeutral: neutralRun.flagged.map((f) => ({ reason: f.reason, evidence: f.evidence })),
      flaggedAppeals: appealsRun.flagged.map((f) => ({ reason: f.reason, evidence: f.evidence })),
    },
    null,
    2,
  )}\n`,
);
console.log(`\nРезультаты: ${out}`);
