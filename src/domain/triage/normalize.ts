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
  shy: "",
  zwj: "",
  zwnj: "",
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

/**
 * Plain text of a message that may hold HTML: tags become spaces (line breaks for block
 * tags), scripts and styles vanish with their content, entities are decoded.
 */
export function stripMarkup(raw: string): string {
  return decodeEntities(
    raw
      .replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, " ")
      .replace(/<br\s*\/?>|<\/(p|div|li|h[1-6])\s*>/gi, "\n")
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

/** A word written in mixed scripts is read as Cyrillic; a wholly Latin word stays Latin. */
function unmaskWord(word: string): string {
  if (!CYRILLIC.test(word) || !(LATIN.test(word) || /\d/.test(word))) return word;
  let out = "";
  for (const ch of word) out += LATIN_TO_CYRILLIC[ch] ?? DIGIT_TO_CYRILLIC[ch] ?? ch;
  return out;
}

/**
 * Lower case, ё → е, no markup, no zero-width or control characters, emoji and symbols
 * as spaces, look-alike Latin letters inside Cyrillic words read as Cyrillic, single spaces.
 */
export function normalizeText(raw: string): string {
  const plain = stripMarkup(raw)
    .normalize("NFKC")
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
