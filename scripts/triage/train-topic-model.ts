// Trains the default topic model from corpus/topics.jsonl and writes src/domain/triage/topic/default-model.json.
//   npm run train:topic
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Rubricator } from "../../src/domain/triage/topic/model.ts";
import { trainTopicModel, type LabelledMessage } from "../../src/domain/triage/topic/train.ts";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const CORPUS = join(ROOT, "corpus", "topics.jsonl");
const RUBRICATOR = join(ROOT, "src", "domain", "triage", "rubricator.json");
const OUT = join(ROOT, "src", "domain", "triage", "topic", "default-model.json");

export function readCorpus(path = CORPUS): LabelledMessage[] {
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((line) => line.trim())
    .map((line, i) => {
      const row = JSON.parse(line) as Partial<LabelledMessage>;
      if (typeof row.text !== "string" || typeof row.topic !== "string") {
        throw new Error(`${path}:${i + 1}: a line needs "text" and "topic"`);
      }
      return { text: row.text, topic: row.topic };
    });
}

export function trainDefaultModel(corpus = readCorpus()) {
  const rubricator = JSON.parse(readFileSync(RUBRICATOR, "utf8")) as Rubricator;
  return trainTopicModel(corpus, rubricator);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const corpus = readCorpus();
  const model = trainDefaultModel(corpus);
  const json = JSON.stringify(model);
  writeFileSync(OUT, json + "\n");
  console.log(
    `Модель обучена на ${corpus.length} сообщениях: ${Object.keys(model.weights).length} признаков, ` +
      `${Math.round(Buffer.byteLength(json) / 1024)} КБ → ${OUT}`,
  );
}
