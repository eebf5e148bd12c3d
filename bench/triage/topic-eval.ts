// Topic evaluation on real appeals nobody on the team wrote («Наш Санкт-Петербург», mapped to the
// rubricator by nash-spb-mapping.ts), with natural's BayesClassifier trained on the same corpus beside ours.
//   npm run bench:topic
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";
import { normalizeText } from "../../src/domain/triage/normalize.ts";
import { prepareText } from "../../src/domain/triage/similarity.ts";
import { classifyTopic } from "../../src/domain/triage/topic/classify.ts";
import type {
  Rubricator,
  TopicModel,
  TopicModelOptions,
} from "../../src/domain/triage/topic/model.ts";
import defaultModel from "../../src/domain/triage/topic/default-model.json" with { type: "json" };
import { trainTopicModel } from "../../src/domain/triage/topic/train.ts";
import { readCorpus } from "../../scripts/triage/train-topic-model.ts";
import { nashSpbTopic } from "./nash-spb-mapping.ts";

// natural ships TypeScript sources that do not compile under our settings; only what is used here is typed.
interface NaturalBayes {
  addDocument(text: string, label: string): void;
  train(): void;
  classify(text: string): string;
}
// natural loads dotenv, which prints advertising tips to stdout unless told to be quiet.
process.env.DOTENV_CONFIG_QUIET ??= "true";
const natural = createRequire(import.meta.url)("natural") as {
  BayesClassifier: new (stemmer: unknown) => NaturalBayes;
  PorterStemmerRu: unknown;
};

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const DATA =
  process.env.NASH_SPB_CSV ??
  join(ROOT, "..", "shared", "data", "nash-spb", "nash_spb_appeals_sample.csv");
const OUT = join(ROOT, "bench", "results", "topic-eval.json");

/** RFC 4180 CSV: quoted fields may hold commas, quotes and line breaks. */
export function parseCsv(text: string): Record<string, string>[] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else if (c !== "\r") field += c;
  }
  if (field || row.length) rows.push([...row, field]);
  const [header, ...body] = rows;
  if (!header) return [];
  return body.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ""])));
}

/** Topics with fewer evaluated messages than this have an F1 that one message swings by points. */
const RELIABLE_SUPPORT = 30;

interface Scores {
  /** Over the topics that have at least RELIABLE_SUPPORT evaluated messages. */
  macroF1: number;
  /** Over every topic present in the evaluation data, however few its messages. */
  macroF1AllTopics: number;
  accuracy: number;
  perTopic: Record<string, { precision: number; recall: number; f1: number; support: number }>;
  /** confusion[true][predicted] */
  confusion: Record<string, Record<string, number>>;
}

/** Per-topic scores and macro-F1 (a topic absent from the evaluation data has no recall to measure). */
function score(truth: string[], predicted: string[], topics: string[]): Scores {
  const confusion: Record<string, Record<string, number>> = {};
  for (const t of topics) confusion[t] = Object.fromEntries(topics.map((p) => [p, 0]));
  truth.forEach((t, i) => {
    const row = confusion[t]!;
    row[predicted[i]!] = (row[predicted[i]!] ?? 0) + 1;
  });
  const present = topics.filter((t) => truth.includes(t));
  const perTopic: Scores["perTopic"] = {};
  for (const t of present) {
    const tp = confusion[t]![t] ?? 0;
    const support = Object.values(confusion[t]!).reduce((a, b) => a + b, 0);
    const predictedAs = topics.reduce((a, x) => a + (confusion[x]![t] ?? 0), 0);
    const precision = predictedAs ? tp / predictedAs : 0;
    const recall = support ? tp / support : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    perTopic[t] = { precision, recall, f1, support };
  }
  const mean = (ts: string[]): number => ts.reduce((a, t) => a + perTopic[t]!.f1, 0) / ts.length;
  const reliable = present.filter((t) => perTopic[t]!.support >= RELIABLE_SUPPORT);
  const accuracy = truth.filter((t, i) => t === predicted[i]).length / truth.length;
  return {
    macroF1: mean(reliable),
    macroF1AllTopics: mean(present),
    accuracy,
    perTopic,
    confusion,
  };
}

/** Messages per second, measured over at least `minMs` of repeated passes. */
function speed<T>(texts: T[], classify: (text: T) => unknown, minMs = 2000): number {
  for (const t of texts.slice(0, 500)) classify(t); // warm-up: JIT and model compilation
  let done = 0;
  const start = performance.now();
  while (performance.now() - start < minMs) {
    for (const t of texts) classify(t);
    done += texts.length;
  }
  return done / ((performance.now() - start) / 1000);
}

const pct = (x: number): string => (x * 100).toFixed(1).padStart(5);

function main(): void {
  const model = defaultModel as unknown as TopicModel;
  const topics = model.topics.map((t) => t.code);
  const rows = parseCsv(readFileSync(DATA, "utf8"));

  const excluded: Record<string, number> = {};
  const items: { text: string; topic: string }[] = [];
  for (const r of rows) {
    const topic = nashSpbTopic(r.category ?? "", r.reason ?? "");
    const text = (r.text ?? "").trim();
    if (topic === null || !text) {
      const key = `${r.category} / ${r.reason}${text ? "" : " (пустой текст)"}`;
      excluded[key] = (excluded[key] ?? 0) + 1;
    } else items.push({ text, topic });
  }
  const truth = items.map((i) => i.topic);
  const texts = items.map((i) => i.text);

  const oursPredicted = texts.map((t) => classifyTopic(model, t).topic);
  const ours = score(truth, oursPredicted, topics);
  // The corpus was revised after looking at aggregate errors on the even rows only; the odd rows
  // were never looked at, so their figure is the unbiased one.
  const odd = <T>(xs: T[]): T[] => xs.filter((_, i) => i % 2 === 1);
  const oursHeldOut = score(odd(truth), odd(oursPredicted), topics);
  const oursSpeed = speed(texts, (t) => classifyTopic(model, t));
  const normalizeSpeed = speed(texts, normalizeText);
  // In triage the message is read once (prepareText) for every step; this is what topic adds then.
  const prepared = texts.map(prepareText);
  const oursPreparedSpeed = speed(prepared, (p) => classifyTopic(model, p));

  // natural's BayesClassifier with its Russian Porter stemmer, trained on the same corpus.
  const bayes = new natural.BayesClassifier(natural.PorterStemmerRu);
  for (const { text, topic } of readCorpus()) bayes.addDocument(text, topic);
  const trainStart = performance.now();
  bayes.train();
  const naturalTrainMs = performance.now() - trainStart;
  const theirsPredicted = texts.map((t) => bayes.classify(t));
  const theirs = score(truth, theirsPredicted, topics);
  const theirsHeldOut = score(odd(truth), odd(theirsPredicted), topics);
  const naturalSpeed = speed(texts.slice(0, 2000), (t) => bayes.classify(t));

  const result = {
    data: DATA,
    rows: rows.length,
    evaluated: items.length,
    excluded,
    reliableSupport: RELIABLE_SUPPORT,
    ours: {
      ...ours,
      heldOutHalf: { macroF1: oursHeldOut.macroF1, macroF1AllTopics: oursHeldOut.macroF1AllTopics },
      messagesPerSecond: Math.round(oursSpeed),
      normalizeTextMessagesPerSecond: Math.round(normalizeSpeed),
      preparedMessagesPerSecond: Math.round(oursPreparedSpeed),
      modelBytes: Buffer.byteLength(JSON.stringify(model)),
    },
    natural: {
      macroF1: theirs.macroF1,
      macroF1AllTopics: theirs.macroF1AllTopics,
      heldOutHalf: {
        macroF1: theirsHeldOut.macroF1,
        macroF1AllTopics: theirsHeldOut.macroF1AllTopics,
      },
      accuracy: theirs.accuracy,
      perTopic: theirs.perTopic,
      messagesPerSecond: Math.round(naturalSpeed),
      trainMs: Math.round(naturalTrainMs),
    },
    node: process.version,
  };
  mkdirSync(dirname(OUT), { recursive: true });
  writeFileSync(OUT, JSON.stringify(result, null, 2) + "\n");

  const excludedCount = Object.values(excluded).reduce((a, b) => a + b, 0);
  console.log(
    `«Наш Санкт-Петербург»: ${rows.length} обращений, оценено ${items.length}, исключено ${excludedCount}`,
  );
  console.log("");
  console.log("тема          поддержка  точность  полнота     F1   | natural F1");
  for (const [t, s] of Object.entries(ours.perTopic).sort((a, b) => b[1].support - a[1].support)) {
    const n = theirs.perTopic[t]!;
    console.log(
      `${t.padEnd(13)} ${String(s.support).padStart(9)}  ${pct(s.precision)}%   ${pct(s.recall)}%  ${pct(s.f1)}%  | ${pct(n.f1)}%`,
    );
  }
  console.log("");
  const fmt = (x: number): string => Math.round(x).toLocaleString("ru-RU");
  console.log("                                          наш     natural");
  const line = (label: string, a: number, b: number): void =>
    console.log(`${label.padEnd(40)} ${pct(a)}%   ${pct(b)}%`);
  line(`macro-F1, темы от ${RELIABLE_SUPPORT} сообщений`, ours.macroF1, theirs.macroF1);
  line("macro-F1, все темы", ours.macroF1AllTopics, theirs.macroF1AllTopics);
  line(
    `macro-F1 на нечётных строках (от ${RELIABLE_SUPPORT})`,
    oursHeldOut.macroF1,
    theirsHeldOut.macroF1,
  );
  line(
    "macro-F1 на нечётных строках (все)",
    oursHeldOut.macroF1AllTopics,
    theirsHeldOut.macroF1AllTopics,
  );
  line("доля верных (accuracy)", ours.accuracy, theirs.accuracy);
  console.log(
    `скорость классификации: наш ${fmt(oursSpeed)} сообщ./с (из них normalizeText один — ${fmt(normalizeSpeed)} сообщ./с; ` +
      `уже прочитанных в конвейере сообщений — ${fmt(oursPreparedSpeed)} сообщ./с), ` +
      `natural ${fmt(naturalSpeed)} сообщ./с (одно ядро, ${process.version})`,
  );
  console.log("");
  const present = Object.keys(ours.perTopic);
  const predictedCols = topics.filter((p) => present.some((t) => (ours.confusion[t]![p] ?? 0) > 0));
  console.log("матрица ошибок (строки — верная тема, столбцы — предсказанная):");
  console.log("".padEnd(12) + predictedCols.map((p) => p.slice(0, 6).padStart(7)).join(""));
  for (const t of present) {
    console.log(
      t.padEnd(12) +
        predictedCols.map((p) => String(ours.confusion[t]![p] ?? 0).padStart(7)).join(""),
    );
  }
  console.log(`\nРезультаты: ${OUT}`);
}

/**
 * The iteration mode (`npm run bench:topic -- --even`): scores on the even rows only — the only
 * rows anyone looks at while changing the corpus or the model — and prints their per-topic figures
 * and confusion counts, never a text. With `--train` it first trains a model in memory from
 * corpus/topics.jsonl (TOPIC_OPTIONS may hold JSON overrides of the training options), so a
 * candidate is measured without touching the shipped model. The odd rows are not scored here.
 */
function even(train: boolean): void {
  let model = defaultModel as unknown as TopicModel;
  if (train) {
    const rubricator = JSON.parse(
      readFileSync(join(ROOT, "src", "domain", "triage", "rubricator.json"), "utf8"),
    ) as Rubricator;
    const overrides = JSON.parse(process.env.TOPIC_OPTIONS ?? "{}") as Partial<TopicModelOptions>;
    model = trainTopicModel(readCorpus(process.env.TOPIC_CORPUS), rubricator, overrides);
    console.log(
      `модель обучена в памяти: ${Object.keys(model.weights).length} признаков, ${Math.round(Buffer.byteLength(JSON.stringify(model)) / 1024)} КБ`,
    );
  }
  const topics = model.topics.map((t) => t.code);
  const items: { text: string; topic: string; reason: string }[] = [];
  for (const r of parseCsv(readFileSync(DATA, "utf8"))) {
    const topic = nashSpbTopic(r.category ?? "", r.reason ?? "");
    const text = (r.text ?? "").trim();
    if (topic !== null && text) items.push({ text, topic, reason: r.reason ?? "" });
  }
  const evens = items.filter((_, i) => i % 2 === 0);
  const truth = evens.map((i) => i.topic);
  const suggestions = evens.map((i) => classifyTopic(model, i.text));
  const predicted = suggestions.map((x) => x.topic);
  const s = score(truth, predicted, topics);
  console.log(`чётные строки: ${evens.length}`);
  for (const [t, x] of Object.entries(s.perTopic).sort((a, b) => b[1].support - a[1].support)) {
    console.log(
      `${t.padEnd(13)} ${String(x.support).padStart(6)}  P ${pct(x.precision)}  R ${pct(x.recall)}  F1 ${pct(x.f1)}`,
    );
  }
  console.log(
    `macro-F1 (от ${RELIABLE_SUPPORT}) ${pct(s.macroF1)}%, все темы ${pct(s.macroF1AllTopics)}%, accuracy ${pct(s.accuracy)}%`,
  );
  const present = Object.keys(s.perTopic);
  const cols = topics.filter((p) => present.some((t) => (s.confusion[t]![p] ?? 0) > 0));
  console.log("".padEnd(12) + cols.map((p) => p.slice(0, 6).padStart(7)).join(""));
  for (const t of present) {
    console.log(
      t.padEnd(12) + cols.map((p) => String(s.confusion[t]![p] ?? 0).padStart(7)).join(""),
    );
  }
  // Errors counted by the portal's reason (a label, not a text): which sub-themes are weak.
  const byReason = new Map<string, { n: number; wrong: Record<string, number> }>();
  evens.forEach((item, i) => {
    const key = `${item.topic} ← ${item.reason.slice(0, 70)}`;
    const r = byReason.get(key) ?? { n: 0, wrong: {} };
    r.n++;
    if (predicted[i] !== item.topic) r.wrong[predicted[i]!] = (r.wrong[predicted[i]!] ?? 0) + 1;
    byReason.set(key, r);
  });
  const errors = (r: { wrong: Record<string, number> }): number =>
    Object.values(r.wrong).reduce((a, b) => a + b, 0);
  console.log("\nошибки по причинам портала (чётные строки):");
  for (const [key, r] of [...byReason].sort((a, b) => errors(b[1]) - errors(a[1])).slice(0, 40)) {
    const where = Object.entries(r.wrong)
      .sort((a, b) => b[1] - a[1])
      .map(([t, k]) => `${t} ${k}`)
      .join(", ");
    console.log(`${String(errors(r)).padStart(4)}/${String(r.n).padEnd(4)} ${key}: ${where}`);
  }
  // The words that decided the largest confusions, counted over all their messages (no text shown).
  const cells = new Map<string, Map<string, number>>();
  evens.forEach((item, i) => {
    if (predicted[i] === item.topic) return;
    const key = `${item.topic} → ${predicted[i]}`;
    const words = cells.get(key) ?? new Map<string, number>();
    for (const w of suggestions[i]!.words) words.set(w, (words.get(w) ?? 0) + 1);
    cells.set(key, words);
  });
  console.log("\nрешившие слова в крупных ошибках (чётные строки, суммарно):");
  const sizes = new Map<string, number>();
  evens.forEach((item, i) => {
    if (predicted[i] !== item.topic) {
      const key = `${item.topic} → ${predicted[i]}`;
      sizes.set(key, (sizes.get(key) ?? 0) + 1);
    }
  });
  for (const [key, n] of [...sizes].sort((a, b) => b[1] - a[1]).slice(0, 14)) {
    const top = [...cells.get(key)!]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 14)
      .map(([w, k]) => `${w} ${k}`)
      .join(", ");
    console.log(`${String(n).padStart(4)} ${key}: ${top}`);
  }
}

/**
 * `npm run bench:topic -- --overlap`: how many corpus messages equal an evaluation text after
 * normalization (the corpus must not contain the evaluation data). Prints the corpus's own
 * messages that do, so that their fragments can be reworded; never an evaluation text otherwise.
 */
function overlap(): void {
  const evaluation = new Set<string>();
  for (const r of parseCsv(readFileSync(DATA, "utf8"))) {
    const text = (r.text ?? "").trim();
    if (text) evaluation.add(normalizeText(text));
  }
  const corpus = readCorpus(process.env.TOPIC_CORPUS);
  const equal = corpus.filter((m) => evaluation.has(normalizeText(m.text)));
  console.log(`корпус: ${corpus.length} сообщений, совпадают с текстом оценки: ${equal.length}`);
  for (const m of equal) console.log(`  ${m.topic}: ${m.text}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (process.argv.includes("--overlap")) overlap();
  else if (process.argv.includes("--even")) even(process.argv.includes("--train"));
  else main();
}
