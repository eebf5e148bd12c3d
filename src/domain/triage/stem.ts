// Russian stemming (the Snowball Russian algorithm), so that "воды", "воде" and "водой" meet as "вод".
//
// Implemented from the published description at snowballstem.org/algorithms/russian.
// Input: one lower-case word with ё already mapped to е (normalizeText does both).

const VOWELS = "аеиоуыэюя";

function isVowel(ch: string | undefined): boolean {
  return ch !== undefined && VOWELS.includes(ch);
}

/** Endings by length, so the longest match is found with a few set lookups rather than a scan. */
interface Endings {
  byLength: Set<string>[];
  maxLength: number;
}

function endings(list: string[]): Endings {
  const maxLength = Math.max(...list.map((e) => e.length));
  const byLength = Array.from({ length: maxLength + 1 }, () => new Set<string>());
  for (const e of list) byLength[e.length]!.add(e);
  return { byLength, maxLength };
}

// Group 1 endings count only after "а" or "я" (which stay); group 2 endings count anywhere.
const PERFECTIVE_GERUND_1 = ["в", "вши", "вшись"];
const PERFECTIVE_GERUND_2 = ["ив", "ивши", "ившись", "ыв", "ывши", "ывшись"];
const ADJECTIVE = endings([
  "ее",
  "ие",
  "ые",
  "ое",
  "ими",
  "ыми",
  "ей",
  "ий",
  "ый",
  "ой",
  "ем",
  "им",
  "ым",
  "ом",
  "его",
  "ого",
  "ему",
  "ому",
  "их",
  "ых",
  "ую",
  "юю",
  "ая",
  "яя",
  "ою",
  "ею",
]);
const PARTICIPLE_1 = ["ем", "нн", "вш", "ющ", "щ"];
const PARTICIPLE_2 = ["ивш", "ывш", "ующ"];
const REFLEXIVE = endings(["ся", "сь"]);
const VERB_1 = [
  "ла",
  "на",
  "ете",
  "йте",
  "ли",
  "й",
  "л",
  "ем",
  "н",
  "ло",
  "но",
  "ет",
  "ют",
  "ны",
  "ть",
  "ешь",
  "нно",
];
const VERB_2 = [
  "ила",
  "ыла",
  "ена",
  "ейте",
  "уйте",
  "ите",
  "или",
  "ыли",
  "ей",
  "уй",
  "ил",
  "ыл",
  "им",
  "ым",
  "ен",
  "ило",
  "ыло",
  "ено",
  "ят",
  "ует",
  "уют",
  "ит",
  "ыт",
  "ены",
  "ить",
  "ыть",
  "ишь",
  "ую",
  "ю",
];
const NOUN = endings([
  "а",
  "ев",
  "ов",
  "ие",
  "ье",
  "е",
  "иями",
  "ями",
  "ами",
  "еи",
  "ии",
  "и",
  "ией",
  "ей",
  "ой",
  "ий",
  "й",
  "иям",
  "ям",
  "ием",
  "ем",
  "ам",
  "ом",
  "о",
  "у",
  "ах",
  "иях",
  "ях",
  "ы",
  "ь",
  "ию",
  "ью",
  "ю",
  "ия",
  "ья",
  "я",
]);
const SUPERLATIVE = endings(["ейш", "ейше"]);
const DERIVATIONAL = endings(["ост", "ость"]);

interface Grouped {
  all: Endings;
  afterAOrYa: Set<string>;
}

function grouped(group1: string[], group2: string[]): Grouped {
  return { all: endings([...group1, ...group2]), afterAOrYa: new Set(group1) };
}

const PERFECTIVE_GERUND = grouped(PERFECTIVE_GERUND_1, PERFECTIVE_GERUND_2);
const PARTICIPLE = grouped(PARTICIPLE_1, PARTICIPLE_2);
const VERB = grouped(VERB_1, VERB_2);

/** The longest ending of `word` from `endings` that lies wholly at or after `from`. */
function longestEnding(word: string, from: number, list: Endings): string | undefined {
  for (let length = Math.min(list.maxLength, word.length - from); length >= 1; length--) {
    const ending = word.slice(word.length - length);
    if (list.byLength[length]!.has(ending)) return ending;
  }
  return undefined;
}

/**
 * Removes the longest ending of a two-group class. The algorithm takes the longest match
 * first and only then checks its condition: a group-1 ending not after "а"/"я" (inside RV)
 * means the class does not apply, not that a shorter ending is tried.
 */
function removeGrouped(word: string, rv: number, endings: Grouped): string | undefined {
  const ending = longestEnding(word, rv, endings.all);
  if (ending === undefined) return undefined;
  const rest = word.slice(0, word.length - ending.length);
  if (endings.afterAOrYa.has(ending)) {
    const before = rest[rest.length - 1];
    if (rest.length - 1 < rv || (before !== "а" && before !== "я")) return undefined;
  }
  return rest;
}

function removeAdjectival(word: string, rv: number): string | undefined {
  const adjective = longestEnding(word, rv, ADJECTIVE);
  if (adjective === undefined) return undefined;
  const rest = word.slice(0, word.length - adjective.length);
  // A participle suffix before the adjective ending goes too ("читающий" → "чита").
  return removeGrouped(rest, rv, PARTICIPLE) ?? rest;
}

function removeOne(word: string, rv: number, list: Endings): string | undefined {
  const ending = longestEnding(word, rv, list);
  return ending === undefined ? undefined : word.slice(0, word.length - ending.length);
}

/** RV starts after the first vowel; R2 is R1 of R1 (each: after the first consonant that follows a vowel). */
function regions(word: string): { rv: number; r2: number } {
  const n = word.length;
  let i = 0;
  while (i < n && !isVowel(word[i])) i++;
  const rv = Math.min(i + 1, n);
  const afterVowelConsonant = (start: number): number => {
    let j = start;
    while (j < n && !isVowel(word[j])) j++;
    while (j < n && isVowel(word[j])) j++;
    // Now at the first consonant after a vowel (or the end): the region starts after it.
    return Math.min(j + 1, n);
  };
  const r1 = afterVowelConsonant(0);
  const r2 = afterVowelConsonant(r1);
  return { rv, r2 };
}

/** The Snowball stem of one Russian word: lower case, ё as е. Words without Cyrillic pass unchanged. */
export function stem(word: string): string {
  const { rv, r2 } = regions(word);
  let w = word;

  // Step 1: a perfective gerund, or else (after an optional reflexive) an adjectival, verb or noun ending.
  const gerund = removeGrouped(w, rv, PERFECTIVE_GERUND);
  if (gerund !== undefined) {
    w = gerund;
  } else {
    w = removeOne(w, rv, REFLEXIVE) ?? w;
    w = removeAdjectival(w, rv) ?? removeGrouped(w, rv, VERB) ?? removeOne(w, rv, NOUN) ?? w;
  }

  // Step 2: a final "и".
  if (w.length - 1 >= rv && w.endsWith("и")) w = w.slice(0, -1);

  // Step 3: the derivational "ост"/"ость", only when it lies wholly in R2.
  w = removeOne(w, Math.max(r2, rv), DERIVATIONAL) ?? w;

  // Step 4: undouble "нн", or remove a superlative (then undouble "нн"), or remove a final "ь".
  const superlative = removeOne(w, rv, SUPERLATIVE);
  if (superlative !== undefined) w = superlative;
  if (w.length - 2 >= rv && w.endsWith("нн")) w = w.slice(0, -1);
  else if (superlative === undefined && w.length - 1 >= rv && w.endsWith("ь")) w = w.slice(0, -1);
  return w;
}
