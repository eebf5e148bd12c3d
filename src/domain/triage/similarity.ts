// Text features for telling whether two messages are about the same problem: stems without function words, overlap weighted by rarity.
import { normalizeText, tokenize } from "./normalize.ts";
import { stem } from "./stem.ts";

const WORD = /[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/gu;

// NFKC turns "№" into "No": "№3" arrives as "no3", "№ 3" as "no" and "3".
const NUMERO = /^no\d*$/;

/** A message read once and shared by every triage step, so the text is normalized, split and stemmed one time. */
export class PreparedText {
  readonly normalized: string;
  /** Words as `tokenize` gives them, with "№" read back from what NFKC makes of it. */
  readonly tokens: string[];
  private stemList: string[] | undefined;
  private dots: Set<number> | undefined;

  /** `raw`: the text as it came, for the steps that need its capital letters. */
  constructor(readonly raw: string) {
    this.normalized = normalizeText(raw);
    const tokens = tokenize(this.normalized);
    this.tokens = this.normalized.includes("no") ? readNumero(tokens) : tokens;
  }

  /** The Snowball stem of every token (numbers as they are), computed on first use. */
  get stems(): string[] {
    return (this.stemList ??= this.tokens.map((t) => (/^\d/.test(t) ? t : stemOf(t))));
  }

  /** Whether token i is followed by a dot ("с." in "с. Лямбирь"); computed on first use, which is rare. */
  isDotted(i: number): boolean {
    if (!this.dots) {
      this.dots = new Set();
      let k = 0;
      for (const m of this.normalized.matchAll(WORD)) {
        if (m[0] === "no") continue;
        if (this.normalized[m.index + m[0].length] === ".") this.dots.add(k);
        k++;
      }
    }
    return this.dots.has(i);
  }
}

function readNumero(tokens: string[]): string[] {
  const out: string[] = [];
  for (const t of tokens) {
    if (!NUMERO.test(t)) out.push(t);
    else if (t !== "no") out.push(t.slice(2));
  }
  return out;
}

export function prepareText(raw: string): PreparedText {
  return new PreparedText(raw);
}

// Messages repeat the same words (вода, отопление, улица) millions of times: stemming each
// occurrence again would be most of the cost of triage, so stems are remembered. The cache is
// bounded and cleared when full, which keeps memory flat on an endless stream.
const STEM_CACHE = new Map<string, string>();
const STEM_CACHE_LIMIT = 200_000;

/** The Snowball stem of a normalized word, remembered between calls. */
export function stemOf(word: string): string {
  let s = STEM_CACHE.get(word);
  if (s === undefined) {
    if (STEM_CACHE.size >= STEM_CACHE_LIMIT) STEM_CACHE.clear();
    s = stem(word);
    STEM_CACHE.set(word, s);
  }
  return s;
}

// Function words and politeness formulas: they say nothing about which problem a message is about.
const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    "и в во не что он на я с со как а то все всё она так его но да ты к у же вы за бы по только ее её мне было вот от " +
    "меня еще ещё нет о об из ему теперь когда даже ну вдруг ли если уже или ни быть был него до вас нибудь опять уж вам " +
    "ведь там потом себя ничего ей может они тут где есть надо ней для мы тебя их чем была сам чтоб без будто чего раз " +
    "тоже себе под будет ж тогда кто этот того потому этого какой совсем ним здесь этом один почти мой тем чтобы нее " +
    "сейчас были куда зачем всех никогда можно при наконец два об другой хоть после над больше тот через эти нас про " +
    "всего них какая много разве три эту моя впрочем хорошо свою этой перед иногда лучше чуть том нельзя такой им более " +
    "всегда конечно всю между это этим эта весь вся наш наша наши ваш ваша также либо пожалуйста здравствуйте " +
    "добрый день вечер утро спасибо уважаемые уважаемая уважаемый подскажите скажите прошу просим " +
    "очень просто вообще который которая которые которых"
  )
    .split(" ")
    .map((w) => w.replace(/ё/g, "е")),
);

/**
 * The terms of a message for comparison: stems of its words without function words and
 * one-letter words, numbers kept (a house number tells two problems apart), unique and sorted.
 */
export function textTerms(text: string | PreparedText): string[] {
  const prepared = typeof text === "string" ? prepareText(text) : text;
  const { tokens, stems } = prepared;
  const terms = new Set<string>();
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (STOP_WORDS.has(token)) continue;
    if (token.length < 2 && !/\d/.test(token)) continue;
    terms.add(stems[i]!);
  }
  return [...terms].sort();
}

/** How much a shared term says: rare terms much, common ones little (smoothed inverse document frequency). */
export function idfWeight(documentFrequency: number, documents: number): number {
  return Math.log((documents + 1) / (documentFrequency + 1)) + 1;
}

/**
 * Weighted Jaccard similarity of two sorted term lists: the weight of the shared terms over
 * the weight of all terms of both, from 0 (nothing shared) to 1 (the same terms).
 */
export function termSimilarity(
  a: readonly string[],
  b: readonly string[],
  weight: (term: string) => number = () => 1,
): number {
  let i = 0;
  let j = 0;
  let shared = 0;
  let all = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      const w = weight(x);
      shared += w;
      all += w;
      i++;
      j++;
    } else if (x < y) {
      all += weight(x);
      i++;
    } else {
      all += weight(y);
      j++;
    }
  }
  for (; i < a.length; i++) all += weight(a[i]!);
  for (; j < b.length; j++) all += weight(b[j]!);
  return all === 0 ? 0 : shared / all;
}

/** Document frequencies of terms over a collection, for weighting comparisons outside an index. */
export class TermFrequencies {
  private readonly counts = new Map<string, number>();
  private documents = 0;

  add(terms: readonly string[]): void {
    this.documents++;
    for (const t of terms) this.counts.set(t, (this.counts.get(t) ?? 0) + 1);
  }

  weight = (term: string): number => idfWeight(this.counts.get(term) ?? 0, this.documents);
}

/**
 * Thresholds of text similarity, calibrated on the ParaPhraser headline pairs (bench/triage):
 * `strong` alone says "the same problem" (precision 0.90 there); `same` does when the topic
 * agrees too (the best F1 there, 0.79); `weak` does only when the topic and the street, house
 * or village agree as well (recall 0.99 there).
 */
export const SIMILARITY_THRESHOLDS = { strong: 0.5, same: 0.35, weak: 0.15 } as const;
