// Messages that are not answered (002 п. 14, 004 п. 21): мат, threats, insults — found with the fragments that show it.
import { stripMarkup } from "./normalize.ts";
import {
  INSULT,
  INSULT_INSIDE,
  OBSCENE_INSIDE,
  OBSCENE,
  ORDINARY,
  THREAT,
  THREAT_PAIRS,
} from "./not-processable-lexicon.ts";

export type NotProcessableReason = "obscene" | "threat" | "insult";

export interface NotProcessableMatch {
  reason: NotProcessableReason;
  /** The fragment as the author wrote it (markup removed). */
  fragment: string;
  /** Offsets of the fragment in the text without markup. */
  start: number;
  end: number;
}

export interface NotProcessableVerdict {
  /** The gravest reason found: a threat outweighs мат, мат outweighs an insult. */
  reason: NotProcessableReason | null;
  /** The matched fragments, each once, in order of appearance. */
  evidence: string[];
  matches: NotProcessableMatch[];
}

// ---------------------------------------------------------------------------------------
// Reading a message the way a disguise means it to be read.

const enum Kind {
  Separator = 0,
  Cyrillic = 1,
  Latin = 2,
  Digit = 3,
  Mask = 4, // "*", "#": a hidden letter or several
  Dot = 5, // "." and "…": a mask inside a word ("бл..ть"), punctuation elsewhere
  Skip = 6, // soft hyphen, zero-width and combining characters: invisible, part of the word
  LetterSign = 7, // "@" for "а", "$" for "с", "!" for "и" — only between letters
}

const TABLE_SIZE = 0x500;
const KIND = new Uint8Array(TABLE_SIZE);
const LOWER = new Uint16Array(TABLE_SIZE);
const MASK_CODE = 0x2a; // "*"
const SPACE = 0x20;

(function fillTables() {
  for (let c = 0x430; c <= 0x44f; c++) {
    KIND[c] = Kind.Cyrillic;
    LOWER[c] = c;
    KIND[c - 0x20] = Kind.Cyrillic; // А–Я
    LOWER[c - 0x20] = c;
  }
  for (const c of [0x451, 0x401]) {
    KIND[c] = Kind.Cyrillic; // ё, Ё read as е
    LOWER[c] = 0x435;
  }
  for (let c = 0x61; c <= 0x7a; c++) {
    KIND[c] = Kind.Latin;
    LOWER[c] = c;
    KIND[c - 0x20] = Kind.Latin;
    LOWER[c - 0x20] = c;
  }
  for (let c = 0x30; c <= 0x39; c++) {
    KIND[c] = Kind.Digit;
    LOWER[c] = c;
  }
  // Greek letters that pass for Cyrillic ones
  const greek: Record<string, string> = {
    α: "а",
    ο: "о",
    ε: "е",
    ρ: "р",
    χ: "х",
    κ: "к",
    τ: "т",
    υ: "у",
    ν: "в",
    Α: "а",
    Ο: "о",
    Ε: "е",
    Ρ: "р",
    Χ: "х",
    Κ: "к",
    Τ: "т",
    Υ: "у",
    Β: "в",
    Μ: "м",
    Η: "н",
  };
  for (const [g, cyr] of Object.entries(greek)) {
    KIND[g.charCodeAt(0)] = Kind.Cyrillic;
    LOWER[g.charCodeAt(0)] = cyr.charCodeAt(0);
  }
  KIND[0x2a] = Kind.Mask;
  KIND[0x23] = Kind.Mask;
  KIND[0x2e] = Kind.Dot;
  KIND[0xad] = Kind.Skip;
  for (let c = 0x300; c <= 0x36f; c++) KIND[c] = Kind.Skip;
  KIND[0x306] = Kind.Skip; // combining breve: "и" + "̆" is "й", close enough for a root
  KIND[0x40] = Kind.LetterSign;
  LOWER[0x40] = 0x430; // @ → а
  KIND[0x24] = Kind.LetterSign;
  LOWER[0x24] = 0x441; // $ → с
  KIND[0x21] = Kind.LetterSign;
  LOWER[0x21] = 0x438; // ! → и
})();

function kindOf(c: number): Kind {
  if (c < TABLE_SIZE) return KIND[c] as Kind;
  if (c === 0x2026) return Kind.Dot;
  if ((c >= 0x200b && c <= 0x200f) || c === 0x2060 || c === 0xfeff) return Kind.Skip;
  return Kind.Separator;
}

const cp = (s: string) => s.charCodeAt(0);

/** Latin and digits inside a Cyrillic word, read by their look ("xyй", "CYKA", "6ля", "п0шел"). */
const LOOKALIKE = new Map<number, number>(
  Object.entries({
    a: "а",
    b: "б",
    c: "с",
    d: "д",
    e: "е",
    f: "ф",
    g: "д",
    h: "н",
    i: "и",
    j: "й",
    k: "к",
    l: "л",
    m: "м",
    n: "п",
    o: "о",
    p: "р",
    q: "д",
    r: "г",
    s: "с",
    t: "т",
    u: "и",
    v: "в",
    w: "ш",
    x: "х",
    y: "у",
    z: "з",
    "0": "о",
    "1": "и",
    "3": "з",
    "4": "ч",
    "6": "б",
    "9": "я",
  }).map(([k, v]) => [cp(k), cp(v)]),
);

/** Latin read by its sound, for transliterated words ("pizdec", "blyat", "nahuy", "suka"). */
const TRANSLIT_PAIRS: Array<[string, string]> = [
  ["shch", "щ"],
  ["sch", "щ"],
  ["ch", "ч"],
  ["sh", "ш"],
  ["zh", "ж"],
  ["kh", "х"],
  ["ts", "ц"],
  ["ya", "я"],
  ["ja", "я"],
  ["yu", "ю"],
  ["ju", "ю"],
  ["yo", "е"],
  ["jo", "е"],
  ["ye", "е"],
];
const TRANSLIT_SINGLE: Record<string, string> = {
  a: "а",
  b: "б",
  c: "ц",
  d: "д",
  e: "е",
  f: "ф",
  g: "г",
  h: "х",
  i: "и",
  j: "й",
  k: "к",
  l: "л",
  m: "м",
  n: "н",
  o: "о",
  p: "п",
  q: "к",
  r: "р",
  s: "с",
  t: "т",
  u: "у",
  v: "в",
  w: "в",
  x: "х",
  z: "з",
  "'": "ь",
  "0": "о",
  "1": "и",
  "3": "з",
  "4": "ч",
  "6": "б",
  "9": "я",
};
const VOWELS = new Set("аеиоуыэюя");

function transliterate(latin: string): string {
  let out = "";
  for (let i = 0; i < latin.length;) {
    const pair = TRANSLIT_PAIRS.find(([l]) => latin.startsWith(l, i));
    if (pair) {
      out += pair[1];
      i += pair[0].length;
      continue;
    }
    const ch = latin[i] as string;
    if (ch === "y") out += VOWELS.has(out[out.length - 1] ?? "") ? "й" : "ы";
    else out += TRANSLIT_SINGLE[ch] ?? ch;
    i++;
  }
  return out;
}

/** "бляяяя" → "бля", "ссука" → "сука": stretched letters carry emphasis, not meaning. */
export function collapseRepeats(word: string): string {
  let out = "";
  let prev = "";
  for (const ch of word) {
    if (ch !== prev) out += ch;
    prev = ch;
  }
  return out;
}

interface Reading {
  /** Space-separated words: Cyrillic letters only, lower case, repeats collapsed. */
  text: string;
  words: string[];
  /** For each word of `text`: its offset there and its span in the source. */
  wordAt: number[];
  srcStart: number[];
  srcEnd: number[];
  /** Words with masks ("х*й", "бл..ть"), "*" for each hidden run of letters. */
  masked: Array<{ word: string; start: number; end: number }>;
}

const JOIN_GAP = /^[\s.\-_,/|\\·•*]{1,3}$/;
// URLs and e-mail addresses carry Latin letters that are not words of the message.
const LINKS = /\b(?:https?:\/\/|www\.)\S+|[\w.+-]+@[\w-]+\.[\w.-]+/gi;

const isLower = (c: number) =>
  (c >= 0x430 && c <= 0x44f) || c === 0x451 || (c >= 0x61 && c <= 0x7a);
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;

/** Reads one message word by word; a class so that no closures are made per message. */
class Reader {
  readonly words: string[] = [];
  readonly srcStart: number[] = [];
  readonly srcEnd: number[] = [];
  readonly masked: Reading["masked"] = [];
  private readonly extras: Array<{ word: string; start: number; end: number }> = [];

  // the word being read: its characters and where each stands in the source
  private buf = new Uint16Array(64);
  private pos = new Int32Array(64);
  private len = 0;
  private readonly breaks: number[] = []; // positions in buf of masks and of signs read as letters
  private start = -1;
  // true while the word reads as its own lower case: no ё, Greek, hidden characters or repeats
  private plain = true;
  private hasLat = false;
  private starMask = false;
  private dotRuns = 0;
  private dotPlausible = true;
  private letters = 0;
  private digits = 0;
  private adjacentDigits = false;

  // a run of short pieces of one word spaced out ("б л я", "пи з д е ц"), with their places
  private run: string[] = [];
  private runStarts: number[] = [];
  private runEnd = -1;

  constructor(private readonly src: string) {}

  read(): Reading {
    const src = this.src;
    const n = src.length;
    for (let i = 0; i < n; i++) {
      const c = src.charCodeAt(i);
      let kind = kindOf(c);
      if (kind === Kind.Skip) {
        this.plain = false;
        continue;
      }
      if (kind === Kind.Dot || kind === Kind.LetterSign) {
        // inside a word only: a letter before and a letter after
        let j = i;
        if (kind === Kind.Dot) while (j + 1 < n && kindOf(src.charCodeAt(j + 1)) === Kind.Dot) j++;
        const next = j + 1 < n ? src.charCodeAt(j + 1) : SPACE;
        const nextKind = kindOf(next);
        const inside =
          this.letters > 0 &&
          this.buf[this.len - 1] !== MASK_CODE &&
          (nextKind === Kind.Cyrillic || nextKind === Kind.Latin);
        if (!inside) {
          kind = Kind.Separator;
        } else if (kind === Kind.Dot) {
          const last = this.breaks[this.breaks.length - 1];
          const piece = this.len - (last === undefined ? 0 : last + 1);
          if (!isLower(next) || piece > 3) this.dotPlausible = false;
          this.dotRuns++;
          this.breaks.push(this.len);
          this.append(MASK_CODE, i);
          i = j;
          continue;
        }
      }
      switch (kind) {
        case Kind.Cyrillic:
          this.letters++;
          break;
        case Kind.Latin:
          this.hasLat = true;
          this.letters++;
          break;
        case Kind.LetterSign:
          this.breaks.push(this.len);
          this.letters++;
          break;
        case Kind.Mask:
          this.starMask = true;
          if (this.len > 0 && this.buf[this.len - 1] === MASK_CODE) continue;
          this.breaks.push(this.len);
          break;
        case Kind.Digit:
          this.digits++;
          if (this.start >= 0 && isDigit(src.charCodeAt(i - 1))) this.adjacentDigits = true;
          break;
        default:
          this.finish(i);
          continue;
      }
      if (this.start < 0) this.start = i;
      const code = kind === Kind.Digit || kind === Kind.Mask ? c : (LOWER[c] as number);
      if (
        this.plain &&
        ((this.len > 0 && code === this.buf[this.len - 1]) ||
          (c >= 0x370 && c < 0x400) ||
          c === 0x451 ||
          c === 0x401)
      ) {
        this.plain = false;
      }
      this.append(code, i);
    }
    this.finish(n);
    this.closeRun();

    for (const x of this.extras) this.push(x.word, x.start, x.end);
    const wordAt: number[] = [];
    let offset = 0;
    for (const w of this.words) {
      wordAt.push(offset);
      offset += w.length + 1;
    }
    return {
      text: this.words.join(" "),
      words: this.words,
      wordAt,
      srcStart: this.srcStart,
      srcEnd: this.srcEnd,
      masked: this.masked,
    };
  }

  private append(code: number, at: number): void {
    if (this.len === this.buf.length) {
      const buf = new Uint16Array(this.len * 2);
      buf.set(this.buf);
      this.buf = buf;
      const pos = new Int32Array(this.len * 2);
      pos.set(this.pos);
      this.pos = pos;
    }
    this.buf[this.len] = code;
    this.pos[this.len] = at;
    this.len++;
  }

  private push(word: string, s: number, e: number): void {
    this.words.push(word);
    this.srcStart.push(s);
    this.srcEnd.push(e);
  }

  private extra(word: string, start: number, end: number): void {
    this.extras.push({ word, start, end });
  }

  private joinRun(word: string, s: number, e: number): void {
    if (this.run.length > 0 && !JOIN_GAP.test(this.src.slice(this.runEnd, s))) this.closeRun();
    this.run.push(word);
    this.runStarts.push(s);
    this.runEnd = e;
  }

  /**
   * Joins the run into candidate words: from each piece to the end of the run ("ну вы б л я"
   * holds "бля"), when at least three pieces are single letters — two-letter words side
   * by side are ordinary speech ("у её бы").
   */
  private closeRun(): void {
    const run = this.run;
    if (run.length >= 3) {
      for (let i = 0; i + 3 <= run.length; i++) {
        let singles = 0;
        for (let k = i; k < run.length; k++) if ((run[k] as string).length === 1) singles++;
        if (singles < 3) break;
        const tail = run.slice(i);
        if (singles === tail.length || tail.length >= 4) {
          this.extra(collapseRepeats(tail.join("")), this.runStarts[i] as number, this.runEnd);
        }
      }
    }
    if (run.length > 0) {
      this.run = [];
      this.runStarts = [];
    }
  }

  private reset(): void {
    this.len = 0;
    this.plain = true;
    if (this.breaks.length > 0) this.breaks.length = 0;
    this.hasLat = this.starMask = this.adjacentDigits = false;
    this.dotPlausible = true;
    this.dotRuns = this.letters = this.digits = 0;
    this.start = -1;
  }

  private finish(end: number): void {
    if (this.start < 0) return;
    const s = this.start;
    const { pos, breaks } = this;
    if (this.letters === 0) {
      this.reset();
      this.closeRun();
      return;
    }
    if (breaks.length === 0 && !this.hasLat && this.digits === 0) {
      // the common case: a Cyrillic word
      const word = this.plain
        ? this.src.slice(s, end).toLowerCase()
        : collapseRepeats(String.fromCharCode(...this.buf.subarray(0, this.len)));
      this.push(word, s, end);
      if (word.length <= 2) this.joinRun(word, s, end);
      else this.closeRun();
      this.reset();
      return;
    }
    const buf = Array.from(this.buf.subarray(0, this.len));
    // Digits stand for letters only in a word that is mostly letters ("п1здец", "бл9ть"),
    // not in a licence plate or a flat number ("Е643УХ98", "5а").
    const digitsAreLetters = !this.adjacentDigits && this.digits < this.letters;
    let mapped = "";
    for (const c of buf) {
      const letter = c < 0x40 && c !== MASK_CODE && !digitsAreLetters ? c : LOOKALIKE.get(c);
      mapped += String.fromCharCode(letter ?? c);
    }
    // The pieces between masks and signs are words in their own right ("сад.бля",
    // "мразь!вот" lack a space), each with its own place in the source.
    const pieces: string[] = [];
    let from = 0;
    for (const at of [...breaks, buf.length]) {
      if (at > from) {
        const piece = collapseRepeats(mapped.slice(from, at));
        pieces.push(piece);
        this.push(piece, pos[from] as number, (pos[at - 1] as number) + 1);
      }
      from = at + 1;
    }
    const whole = collapseRepeats(mapped);
    if (breaks.length > 0) {
      if (!this.starMask && this.dotRuns === 0) {
        this.extra(whole, s, end); // "ху!ня"
      } else if (whole[0] !== "*") {
        const visible = pieces.reduce((k, p) => k + p.length, 0);
        // Masking that leaves one letter ("х..", "б***") is what Roskomnadzor allows. A dot
        // is mostly an abbreviation's ("наб.Фонтанки", "кап.ремонт", "У.К"): it masks only
        // a short word with a lower-case letter after it ("бл..ть", "п.здец").
        const plausible = this.starMask
          ? visible >= 2
          : this.dotPlausible &&
            this.dotRuns === 1 &&
            visible >= 3 &&
            (pieces[1]?.length ?? 9) <= 4;
        if (plausible) this.masked.push({ word: whole, start: s, end });
      }
      // "х.у.й", "б*л*я": letters spelt out one by one
      if (pieces.length >= 3 && pieces.every((p) => p.length === 1)) {
        this.extra(collapseRepeats(pieces.join("")), s, end);
      }
    }
    if (this.hasLat && !this.starMask && this.dotRuns === 0) {
      const sounded = collapseRepeats(transliterate(String.fromCharCode(...buf)));
      if (sounded !== whole) this.extra(sounded, s, end);
    }
    if (breaks.length === 0 && whole.length <= 2) this.joinRun(whole, s, end);
    else this.closeRun();
    this.reset();
  }
}

// ---------------------------------------------------------------------------------------
// Word lists compiled into regular expressions shaped as tries: one left-to-right pass,
// no backtracking beyond a word.

interface TrieNode {
  next: Map<string, TrieNode>;
  exact: boolean;
  stem: boolean;
}

const LETTER = "[а-я]";

function compileTrie(entries: string[], wordEnd: string, stemEnd: string): string {
  const root: TrieNode = { next: new Map(), exact: false, stem: false };
  for (const raw of entries) {
    const stem = raw.endsWith("*");
    const key = normalizeEntry(stem ? raw.slice(0, -1) : raw);
    let node = root;
    for (const ch of key) {
      let child = node.next.get(ch);
      if (!child) {
        child = { next: new Map(), exact: false, stem: false };
        node.next.set(ch, child);
      }
      node = child;
    }
    if (stem) node.stem = true;
    else node.exact = true;
  }
  const emit = (node: TrieNode): string => {
    if (node.stem) return stemEnd;
    const parts = [...node.next].map(([ch, child]) => ch + emit(child));
    if (node.exact) parts.push(wordEnd);
    return parts.length === 1 ? (parts[0] as string) : `(?:${parts.join("|")})`;
  };
  return emit(root);
}

function normalizeEntry(entry: string): string {
  return collapseRepeats(entry.toLowerCase().replace(/ё/g, "е"));
}

/** Finds entries in running text, each match spanning whole words. */
function inText(entries: string[]): RegExp {
  // "(?:^| )" rather than a look-behind: a leading literal lets the engine skip to the
  // next space instead of trying every position
  return new RegExp(`(?:^| )${compileTrie(entries, `(?!${LETTER})`, `${LETTER}*`)}`, "g");
}

/** Finds entries anywhere inside words ("политпидорасы"); the match is widened to the word. */
function insideWords(entries: string[]): RegExp {
  return new RegExp(compileTrie(entries, "", ""), "g");
}

/** Whether one word is an entry. */
function wholeWord(entries: string[]): RegExp {
  return new RegExp(`^${compileTrie(entries, "$", "")}`);
}

const SEARCHES: Array<[NotProcessableReason, RegExp, boolean]> = [
  ["threat", inText(THREAT), false],
  ["obscene", inText(OBSCENE), false],
  ["obscene", insideWords(OBSCENE_INSIDE), true],
  ["insult", inText(INSULT), false],
  ["insult", insideWords(INSULT_INSIDE), true],
];
const OBSCENE_WORD = wholeWord(OBSCENE);
const INSULT_WORD = wholeWord(INSULT.filter((e) => !e.includes(" ")));
const ORDINARY_WORD = wholeWord(ORDINARY);
const PAIR_VERBS = inText(THREAT_PAIRS.flatMap((p) => p.verbs));
const OBJECTS_OF_VERB = new Map<string, Array<Set<string>>>();
for (const { verbs, objects } of THREAT_PAIRS) {
  const set = new Set(objects.map(normalizeEntry));
  for (const verb of verbs) {
    const key = normalizeEntry(verb);
    OBJECTS_OF_VERB.set(key, [...(OBJECTS_OF_VERB.get(key) ?? []), set]);
  }
}

/** Word indices of a threat made of a verb and its object next to it, or null. */
function pairAround(
  words: string[],
  verb: string,
  first: number,
  last: number,
): [number, number] | null {
  const sets = OBJECTS_OF_VERB.get(verb) ?? [];
  const isObject = (i: number) =>
    i >= 0 && i < words.length && sets.some((set) => set.has(words[i] as string));
  if (isObject(first - 1)) return [first - 1, last];
  if (words[first - 1] !== "не" && isObject(first - 2)) return [first - 2, last];
  if (isObject(last + 1)) return [first, last + 1];
  if (words[last + 1] !== "не" && isObject(last + 2)) return [first, last + 2];
  return null;
}

const GRAVITY: Record<NotProcessableReason, number> = { threat: 3, obscene: 2, insult: 1 };

// What a mask may hide: any one letter, or a piece of a root ("п*ц" is "п-изде-ц").
const FILLERS = [
  ..."абвгдежзийклмнопрстуфхцчшщъыьэюя",
  ...["уй", "уе", "уя", "из", "зд", "изд", "изде", "зде", "ля", "ляд", "лят", "яд", "ят"],
  ...["еб", "ба", "ук", "ер", "ид", "идор", "идар", "ан", "ал", "уд", "ра", "ов"],
];

/** Reads a masked word by trying what each mask could hide; at most two masks. */
function maskedReason(word: string): NotProcessableReason | null {
  const pieces = word.split("*");
  if (pieces.length > 3) return null;
  let found: NotProcessableReason | null = null;
  const fill = (i: number, sofar: string): boolean => {
    if (i === pieces.length - 1) {
      const candidate = sofar + pieces[i];
      if (ORDINARY_WORD.test(candidate)) return false;
      // whole words only: a root made up of what the masks hide would be invented, not read
      if (OBSCENE_WORD.test(candidate)) found = "obscene";
      else if (INSULT_WORD.test(candidate)) found = "insult";
      return found !== null;
    }
    return FILLERS.some((f) => fill(i + 1, sofar + pieces[i] + f));
  };
  fill(0, "");
  return found;
}

/** Index of the word that holds offset `at` of the reading's text. */
function wordIndex(wordAt: number[], at: number): number {
  let lo = 0;
  let hi = wordAt.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((wordAt[mid] as number) <= at) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

const MARKUP = /[<&]/;
const MASKED_LIMIT = 16;

/**
 * Whether a message must be set aside unanswered, and why: obscene language (мат by its
 * roots, through inflection, prefixes and disguises), threats to life, health or property
 * and intent to harm, insults and abuse of officials and people.
 */
export function detectNotProcessable(text: string): NotProcessableVerdict {
  let src = MARKUP.test(text) ? stripMarkup(text) : text;
  if (src.includes("@") || src.includes("http") || src.includes("www.")) {
    src = src.replace(LINKS, (link) => " ".repeat(link.length));
  }
  const reading = new Reader(src).read();
  const matches: NotProcessableMatch[] = [];
  const add = (reason: NotProcessableReason, start: number, end: number) => {
    if (!matches.some((m) => m.start === start && m.end === end)) {
      matches.push({ reason, fragment: src.slice(start, end), start, end });
    }
  };

  const t = reading.text;
  for (const [reason, re, inside] of SEARCHES) {
    re.lastIndex = 0;
    for (let m = re.exec(t); m; m = re.exec(t)) {
      let from = t.charCodeAt(m.index) === SPACE ? m.index + 1 : m.index;
      let to = m.index + m[0].length;
      if (inside) {
        while (from > 0 && t.charCodeAt(from - 1) !== SPACE) from--;
        while (to < t.length && t.charCodeAt(to) !== SPACE) to++;
      }
      if (reason !== "threat" && ORDINARY_WORD.test(t.slice(from, to))) continue;
      const first = wordIndex(reading.wordAt, from);
      const last = wordIndex(reading.wordAt, to - 1);
      add(reason, reading.srcStart[first] as number, reading.srcEnd[last] as number);
    }
  }
  PAIR_VERBS.lastIndex = 0;
  for (let m = PAIR_VERBS.exec(t); m; m = PAIR_VERBS.exec(t)) {
    const from = t.charCodeAt(m.index) === SPACE ? m.index + 1 : m.index;
    const to = m.index + m[0].length;
    const first = wordIndex(reading.wordAt, from);
    const last = wordIndex(reading.wordAt, to - 1);
    const pair = pairAround(reading.words, t.slice(from, to), first, last);
    if (pair) add("threat", reading.srcStart[pair[0]] as number, reading.srcEnd[pair[1]] as number);
  }
  // Each masked word costs up to a few thousand guesses; a message of nothing but masks
  // must not cost seconds, and a handful is all a curator needs to see.
  for (const w of reading.masked.slice(0, MASKED_LIMIT)) {
    const reason = maskedReason(w.word);
    if (reason) add(reason, w.start, w.end);
  }
  if (matches.length === 0) return { reason: null, evidence: [], matches };

  matches.sort((a, b) => a.start - b.start || b.end - a.end);
  let reason: NotProcessableReason = "insult";
  const evidence: string[] = [];
  let coveredTo = -1; // a fragment inside an earlier one adds nothing to read ("урою" in "вас урою")
  for (const m of matches) {
    if (GRAVITY[m.reason] > GRAVITY[reason]) reason = m.reason;
    if (m.end <= coveredTo) continue;
    coveredTo = m.end;
    if (!evidence.includes(m.fragment)) evidence.push(m.fragment);
  }
  return { reason, evidence, matches };
}
