// The topic model: its JSON shape and the features a message is read as (stems, stem pairs, letter n-grams).
import { prepareText } from "../similarity.ts";
import { stem } from "../stem.ts";

/** One topic of a tenant's rubricator (see rubricator.json). */
export interface RubricatorTopic {
  code: string;
  name: string;
  covers?: string;
}

export interface Rubricator {
  version?: number;
  topics: RubricatorTopic[];
}

export interface TopicModelOptions {
  /** Lengths of letter n-grams taken from each word (with word boundaries): typos and unseen forms still match. */
  charGrams: number[];
  /** Weight of a stem, a pair of neighbouring stems and a letter n-gram in the message vector. */
  groupWeights: { word: number; pair: number; char: number };
  /** Training: passes over the corpus, AdaGrad step, L2 penalty. */
  epochs: number;
  learningRate: number;
  l2: number;
  /** Features of fewer messages than this are not learnt; weights smaller than pruneBelow are not kept. */
  minCount: number;
  pruneBelow: number;
  /**
   * Naive Bayes beside the softmax: each feature's log-odds of a topic against the other topics
   * (own and complement counts, smoothed by bayesAlpha) are added with this weight to the softmax
   * weights, so the shipped model is still one linear table. 0 trains the softmax alone.
   */
  bayesWeight: number;
  bayesAlpha: number;
  /** Corrections: at most this many passes of plain gradient steps of this size over the corrections. */
  correctionPasses: number;
  correctionRate: number;
}

/**
 * A linear (softmax regression) model over the tenant's rubricator. JSON: `weights` maps a feature
 * ("w:вод" stem, "p:нет_вод" pair of stems, "c:вода" letter n-gram) to sparse pairs
 * [topicIndex, weight, topicIndex, weight, …].
 */
export interface TopicModel {
  format: "otklik-topic-linear";
  version: 1;
  topics: { code: string; name: string }[];
  options: TopicModelOptions;
  bias: number[];
  weights: Record<string, number[]>;
}

export const DEFAULT_OPTIONS: TopicModelOptions = {
  charGrams: [4],
  groupWeights: { word: 1, pair: 0, char: 0.25 },
  epochs: 10,
  learningRate: 0.5,
  l2: 1e-4,
  minCount: 3,
  pruneBelow: 0.5,
  bayesWeight: 0.3,
  bayesAlpha: 0.02,
  correctionPasses: 30,
  correctionRate: 1,
};

// Words that appear in messages about anything: greetings, pronouns, particles, prepositions, politeness.
const STOP_WORDS = new Set(
  (
    "и в во на не с со к ко по о об от до из за у а но же ли бы то что как так уже еще ещё " +
    "все всё вы мы я он она они оно его ее её их нас нам вас вам мне меня это этот эта эти " +
    "там тут здесь вот да нет или ни для при про без под над через когда где кто чем очень " +
    "просто даже только был была были быть есть будет будут который которая которые свой своя " +
    "наш наша наши наше ваш ваша здравствуйте добрый день вечер утро уважаемая уважаемый уважаемые " +
    "администрация администрации пожалуйста спасибо заранее ответьте помогите прошу просим"
  )
    .split(" ")
    .map(stem),
);

// Stems repeat across messages; a bounded memo keeps stemming off the hot path. Same input, same output.
const stemMemo = new Map<string, string>();
export function memoStem(word: string): string {
  let s = stemMemo.get(word);
  if (s === undefined) {
    s = stem(word);
    if (stemMemo.size > 100_000) stemMemo.clear();
    stemMemo.set(word, s);
  }
  return s;
}

export interface MessageWord {
  /** The word as normalized (lower case, ё → е, look-alike Latin letters read as Cyrillic). */
  word: string;
  stem: string;
}

/**
 * The words of a message that can carry a topic, normalized: no numbers (house numbers), no single
 * letters. The tokens are those of the message read once for all of triage (`prepareText`), so
 * training and classifying read a message exactly as the pipeline does.
 */
export function topicWords(text: string): string[] {
  return prepareText(text).tokens.filter(isTopicWord);
}

/** Whether a normalized token can carry a topic: longer than one letter and not a number. */
export function isTopicWord(word: string): boolean {
  return word.length > 1 && !isNumber(word);
}

function isNumber(word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

export function messageWords(text: string): MessageWord[] {
  return topicWords(text).map((word) => ({ word, stem: memoStem(word) }));
}

/** A word that appears in messages about anything ("не", "на", "здравствуйте"): never shown as a reason. */
export function isStopWord(w: MessageWord): boolean {
  return STOP_WORDS.has(w.stem);
}

/** Features of one word on its own: its stem and its letter n-grams; none for a stop word. */
export function wordFeatures(w: MessageWord, options: TopicModelOptions): string[] {
  if (STOP_WORDS.has(w.stem)) return [];
  const features = ["w:" + w.stem];
  const padded = " " + w.word + " ";
  for (const n of options.charGrams) {
    for (let j = 0; j + n <= padded.length; j++) features.push("c:" + padded.slice(j, j + n));
  }
  return features;
}

/** The pair feature of two neighbouring words ("не_гор", "нет_вод"); none when both are stop words other than "не". */
export function pairFeature(a: MessageWord, b: MessageWord): string | undefined {
  if (STOP_WORDS.has(a.stem) && STOP_WORDS.has(b.stem) && a.stem !== "не") return undefined;
  return "p:" + a.stem + "_" + b.stem;
}

export function groupWeight(feature: string, options: TopicModelOptions): number {
  const g = options.groupWeights;
  return feature[0] === "w" ? g.word : feature[0] === "p" ? g.pair : g.char;
}

/**
 * The message as a sparse vector: each feature's summed weight, divided by the root of the summed
 * squared weights of all occurrences, so long and short messages weigh alike. (Summing squares per
 * occurrence rather than per distinct feature lets the classifier compute it word by word from a cache.)
 */
export function messageVector(text: string, options: TopicModelOptions): Map<string, number> {
  return wordsVector(messageWords(text), options);
}

/** The vector of a message given as its words (see messageVector). */
export function wordsVector(words: MessageWord[], options: TopicModelOptions): Map<string, number> {
  const vector = new Map<string, number>();
  let squares = 0;
  const add = (feature: string): void => {
    const weight = groupWeight(feature, options);
    vector.set(feature, (vector.get(feature) ?? 0) + weight);
    squares += weight * weight;
  };
  const pairs = options.groupWeights.pair > 0;
  for (let i = 0; i < words.length; i++) {
    for (const f of wordFeatures(words[i]!, options)) add(f);
    const next = words[i + 1];
    if (pairs && next) {
      const pair = pairFeature(words[i]!, next);
      if (pair) add(pair);
    }
  }
  const norm = Math.sqrt(squares) || 1;
  for (const [f, v] of vector) vector.set(f, v / norm);
  return vector;
}
