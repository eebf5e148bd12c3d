// Text as it comes from networks and portals, made comparable: markup, entities, look-alike letters, case.

const NAMED_ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
  laquo: "«",
  raquo: "»",
  mdash: "—",
  ndash: "–",
  hellip: "…",
  bull: "•",
  middot: "·",
  shy: "",
  zwj: "",
  zwnj: "",
  lrm: "",
  rlm: "",
  thinsp: " ",
  ensp: " ",
  emsp: " ",
  lsquo: "‘",
  rsquo: "’",
  sbquo: "‚",
  ldquo: "“",
  rdquo: "”",
  bdquo: "„",
  minus: "−",
  hyphen: "‐",
  times: "×",
  divide: "÷",
  deg: "°",
  plusmn: "±",
  copy: "©",
  reg: "®",
  trade: "™",
  euro: "€",
  sect: "§",
  para: "¶",
  numero: "№",
  frac12: "½",
  frac14: "¼",
  frac34: "¾",
};

/** Decodes HTML character references (named, decimal, hexadecimal). Unknown names stay as written. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref[0] === "#") {
      const code =
        ref[1] === "x" || ref[1] === "X" ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff
        ? String.fromCodePoint(code)
        : " ";
    }
    return NAMED_ENTITIES[ref.toLowerCase()] ?? whole;
  });
}

// Inline formatting does not break a word when rendered: "<b>Пиз</b>дец" reads as one word.
const INLINE_TAG = /<\/?(?:b|i|u|s|em|strong|mark|small|sub|sup|span|font|ins|del)\b[^>]*>/gi;

/**
 * Plain text of a message that may hold HTML: inline formatting tags vanish, other tags
 * become spaces (line breaks for block tags), scripts and styles vanish with their content,
 * entities are decoded.
 */
export function stripMarkup(raw: string): string {
  if (!raw.includes("<")) return decodeEntities(raw);
  return decodeEntities(
    raw
      .replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, " ")
      .replace(/<br\s*\/?>|<\/(p|div|li|h[1-6])\s*>/gi, "\n")
      .replace(INLINE_TAG, "")
      .replace(/<[^>]*>/g, " "),
  );
}

// Latin letters that look like Cyrillic ones, used to disguise words ("xлeб", "CKOPO").
const LATIN_TO_CYRILLIC: Record<string, string> = {
  a: "а",
  b: "в",
  c: "с",
  e: "е",
  h: "н",
  k: "к",
  m: "м",
  o: "о",
  p: "р",
  t: "т",
  x: "х",
  y: "у",
  u: "и",
  r: "г",
  n: "п",
};
const DIGIT_TO_CYRILLIC: Record<string, string> = { "0": "о", "3": "з", "4": "ч", "6": "б" };

const CYRILLIC = /[а-яё]/;
const LATIN = /[a-z]/;
// A digit stands for a letter only between two letters ("п0ртал"); "3-й", "4-х", "5а" are numbers.
const DIGIT_IN_WORD = /(?<=\p{L})[0346](?=\p{L})/gu;

/** A word written in mixed scripts is read as Cyrillic; a wholly Latin word stays Latin. */
function unmaskWord(word: string): string {
  if (!CYRILLIC.test(word) || !(LATIN.test(word) || /\d/.test(word))) return word;
  let out = "";
  for (const ch of word) out += LATIN_TO_CYRILLIC[ch] ?? ch;
  return out.replace(DIGIT_IN_WORD, (d) => DIGIT_TO_CYRILLIC[d] ?? d);
}

// Latin capitals (and the few small letters) that pass for Cyrillic ones: a word made only of
// them in a Russian message is a Russian word typed in the wrong layout or disguised ("CKOPO").
const LOOKALIKE_UPPER = /^[ABCEHKMOPTXY]+$/;
const LOOKALIKE_ANY = /^[ABCEHKMOPTXYaceopxyk]+$/;
const UPPER_TO_CYRILLIC: Record<string, string> = {
  A: "а",
  B: "в",
  C: "с",
  E: "е",
  H: "н",
  K: "к",
  M: "м",
  O: "о",
  P: "р",
  T: "т",
  X: "х",
  Y: "у",
};

/** True when the text has at least as many Cyrillic letters as Latin ones. */
function mostlyCyrillic(text: string): boolean {
  const cyr = text.match(/[а-яё]/gi)?.length ?? 0;
  const lat = text.match(/[a-z]/gi)?.length ?? 0;
  return cyr > 0 && cyr >= lat;
}

/** "CKOPO" → "СКОРО" inside Russian text; other Latin words are left alone. */
function unmaskLatinWords(text: string): string {
  if (!/[A-Za-z]/.test(text) || !mostlyCyrillic(text)) return text;
  return text.replace(/\b[A-Za-z]{2,}\b/g, (word) => {
    const whole =
      LOOKALIKE_UPPER.test(word) || (LOOKALIKE_ANY.test(word) && /[A-Z]/.test(word[0] ?? ""));
    if (!whole || !/[A-Z]/.test(word)) return word;
    let out = "";
    for (const ch of word) out += UPPER_TO_CYRILLIC[ch] ?? LATIN_TO_CYRILLIC[ch] ?? ch;
    return out;
  });
}

/**
 * Lower case, ё → е, no markup, no zero-width or control characters, emoji and symbols
 * as spaces, look-alike Latin letters inside Cyrillic words (and whole words of look-alike
 * capitals in Russian text) read as Cyrillic, single spaces.
 */
export function normalizeText(raw: string): string {
  const plain = unmaskLatinWords(stripMarkup(raw).normalize("NFKC"))
    .toLowerCase()
    .replace(/ё/g, "е")
    .replace(/[\u200b-\u200f\u2060\ufeff\u00ad]/g, "")
    .replace(/[^\p{L}\p{N}\s\-.,!?:;()"'«»%№/@#]/gu, " ");
  return plain
    .split(/(\s+)/)
    .map((w) => (w.trim() ? unmaskWord(w) : w))
    .join("")
    .replace(/\s+/g, " ")
    .trim();
}

/** Words of normalized text: letters and digits, hyphenated words kept whole ("тарко-сале"). */
export function tokenize(normalized: string): string[] {
  return normalized.match(/[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/gu) ?? [];
}
