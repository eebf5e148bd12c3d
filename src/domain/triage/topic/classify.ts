// Classifying a message into a topic of the tenant's rubricator, with a score and the words that decided it.
import { prepareText } from "../similarity.ts";
import {
  groupWeight,
  isStopWord,
  isTopicWord,
  memoStem,
  wordFeatures,
  type MessageWord,
  type TopicModel,
} from "./model.ts";

export interface TopicSuggestion {
  /** Topic code from the rubricator. */
  topic: string;
  /** The model's probability of this topic, 0..1. */
  score: number;
  /** The message's words that pushed it towards this topic rather than the runner-up, strongest first. */
  words: string[];
  /** The other likely topics, best first. */
  alternatives: { topic: string; score: number }[];
}

/** What one word adds to the scores, before the message's length is divided out. */
interface WordEvidence {
  word: MessageWord;
  stop: boolean;
  scores: Float64Array;
  /** Sum of squared feature weights of this word's features (for the message norm). */
  squares: number;
  known: boolean;
  /** Weights of the pairs this word starts, by the next word's stem. */
  pairsAfter: Map<string, Float64Array> | undefined;
}

interface CompiledModel {
  codes: string[];
  bias: Float64Array;
  weights: Map<string, Float64Array>;
  /** Pair weights by first stem, then second stem: no string is built per pair when classifying. */
  pairs: Map<string, Map<string, Float64Array>>;
  words: Map<string, WordEvidence>;
  fallback: number;
}

// Compiling turns the JSON into typed arrays once per model object, not once per message.
const compiled = new WeakMap<TopicModel, CompiledModel>();

function compile(model: TopicModel): CompiledModel {
  const cached = compiled.get(model);
  if (cached) return cached;
  const n = model.topics.length;
  const weights = new Map<string, Float64Array>();
  const pairs = new Map<string, Map<string, Float64Array>>();
  for (const [feature, sparse] of Object.entries(model.weights)) {
    const dense = new Float64Array(n);
    for (let i = 0; i + 1 < sparse.length; i += 2) dense[sparse[i]!] = sparse[i + 1]!;
    weights.set(feature, dense);
    if (feature.startsWith("p:")) {
      // "p:" + first + "_" + second; stems hold no "_" (tokenize keeps letters, digits, hyphens).
      const [first, second] = feature.slice(2).split("_") as [string, string];
      let after = pairs.get(first);
      if (!after) pairs.set(first, (after = new Map()));
      after.set(second, dense);
    }
  }
  const other = model.topics.findIndex((t) => t.code === "other");
  const result: CompiledModel = {
    codes: model.topics.map((t) => t.code),
    bias: Float64Array.from({ length: n }, (_, t) => model.bias[t] ?? 0),
    weights,
    pairs,
    words: new Map(),
    fallback: other >= 0 ? other : 0,
  };
  compiled.set(model, result);
  return result;
}

// A word's stem and letter n-grams give the same evidence wherever the word appears, so it is
// computed once per distinct word and model (bounded, so a flood of unique words cannot grow it).
const WORD_CACHE_LIMIT = 200_000;

function wordEvidence(m: CompiledModel, model: TopicModel, word: string): WordEvidence {
  let e = m.words.get(word);
  if (e) return e;
  const n = m.codes.length;
  const w: MessageWord = { word, stem: memoStem(word) };
  const scores = new Float64Array(n);
  let squares = 0;
  let known = false;
  for (const feature of wordFeatures(w, model.options)) {
    const weight = groupWeight(feature, model.options);
    squares += weight * weight;
    const lw = m.weights.get(feature);
    if (!lw) continue;
    known = true;
    for (let t = 0; t < n; t++) scores[t]! += weight * lw[t]!;
  }
  e = { word: w, stop: isStopWord(w), scores, squares, known, pairsAfter: m.pairs.get(w.stem) };
  if (m.words.size >= WORD_CACHE_LIMIT) m.words.clear();
  m.words.set(word, e);
  return e;
}

const MAX_WORDS = 5;
const MAX_ALTERNATIVES = 3;

/** A message as the triage pipeline has already read it: its normalized tokens (see `prepareText`). */
export interface ReadMessage {
  readonly tokens: readonly string[];
}

/**
 * Suggests a topic for a message: its raw text, or the message already read by the pipeline
 * (`prepareText`), so that triage normalizes and splits each message once. A message with no word
 * the model knows (empty, only emoji, another language) goes to "other" with a low score, for the
 * curator to decide.
 */
export function classifyTopic(model: TopicModel, message: string | ReadMessage): TopicSuggestion {
  const m = compile(model);
  const n = m.codes.length;
  const tokens = (typeof message === "string" ? prepareText(message) : message).tokens;
  // Evidence of each word and of the pair it starts, kept to explain the decision afterwards.
  const evidence: WordEvidence[] = [];
  for (const word of tokens) if (isTopicWord(word)) evidence.push(wordEvidence(m, model, word));
  const pairs: (Float64Array | undefined)[] = new Array(evidence.length);
  const raw = new Float64Array(n);
  let squares = 0;
  let known = false;
  const pairWeight = model.options.groupWeights.pair;
  const withPairs = pairWeight > 0;
  for (let i = 0; i < evidence.length; i++) {
    const e = evidence[i]!;
    squares += e.squares;
    known ||= e.known;
    for (let t = 0; t < n; t++) raw[t]! += e.scores[t]!;
    const next = evidence[i + 1];
    // The same rule as pairFeature: a pair of two stop words counts only after "не".
    if (withPairs && next && !(e.stop && next.stop && e.word.stem !== "не")) {
      squares += pairWeight * pairWeight;
      const pw = e.pairsAfter?.get(next.word.stem);
      if (pw) {
        known = true;
        pairs[i] = pw;
        for (let t = 0; t < n; t++) raw[t]! += pairWeight * pw[t]!;
      }
    }
  }
  if (!known) {
    return { topic: m.codes[m.fallback]!, score: round(1 / n), words: [], alternatives: [] };
  }

  const norm = Math.sqrt(squares) || 1;
  const scores = new Float64Array(n);
  let top = 0;
  for (let t = 0; t < n; t++) {
    scores[t] = m.bias[t]! + raw[t]! / norm;
    if (scores[t]! > scores[top]!) top = t;
  }
  let sum = 0;
  for (let t = 0; t < n; t++) sum += Math.exp(scores[t]! - scores[top]!);
  const prob = (t: number): number => round(Math.exp(scores[t]! - scores[top]!) / sum);
  const order = ranked(scores, 1 + MAX_ALTERNATIVES);
  const runnerUp = order[1] ?? top;

  const alternatives: { topic: string; score: number }[] = [];
  for (const t of order.slice(1)) {
    const score = prob(t);
    if (score >= 0.01) alternatives.push({ topic: m.codes[t]!, score });
  }
  return {
    topic: m.codes[top]!,
    score: prob(top),
    words: decisiveWords(evidence, pairs, pairWeight, top, runnerUp),
    alternatives,
  };
}

/**
 * The words that decided: those that scored the winner above the runner-up, strongest first. A
 * pair's part is shared by its two words ("не горит" helps "горит"); a word written twice counts
 * twice; words that go with any topic ("не", "на") are not shown.
 */
function decisiveWords(
  evidence: WordEvidence[],
  pairs: (Float64Array | undefined)[],
  pairWeight: number,
  top: number,
  runnerUp: number,
): string[] {
  const margin = new Float64Array(evidence.length + 1);
  for (let i = 0; i < evidence.length; i++) {
    const e = evidence[i]!;
    margin[i]! += e.scores[top]! - e.scores[runnerUp]!;
    const pw = pairs[i];
    if (pw) {
      const half = (pairWeight * (pw[top]! - pw[runnerUp]!)) / 2;
      margin[i]! += half;
      margin[i + 1]! += half;
    }
  }
  // Messages are short: merging repeated words in a small array beats a map.
  const words: string[] = [];
  const totals: number[] = [];
  for (let i = 0; i < evidence.length; i++) {
    const e = evidence[i]!;
    if (e.stop) continue;
    const k = words.indexOf(e.word.word);
    if (k >= 0) totals[k]! += margin[i]!;
    else {
      words.push(e.word.word);
      totals.push(margin[i]!);
    }
  }
  const chosen: number[] = [];
  for (let k = 0; k < words.length; k++) {
    if (totals[k]! <= 0) continue;
    let i = chosen.length;
    while (i > 0 && totals[chosen[i - 1]!]! < totals[k]!) i--;
    if (i < MAX_WORDS) {
      chosen.splice(i, 0, k);
      if (chosen.length > MAX_WORDS) chosen.pop();
    }
  }
  return chosen.map((k) => words[k]!);
}

function ranked(scores: Float64Array, k: number): number[] {
  const out: number[] = [];
  for (let t = 0; t < scores.length; t++) {
    let i = out.length;
    while (i > 0 && scores[out[i - 1]!]! < scores[t]!) i--;
    if (i < k) {
      out.splice(i, 0, t);
      if (out.length > k) out.pop();
    }
  }
  return out;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
