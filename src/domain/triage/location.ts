// Where a message is about: the tenant's settlements, streets and landmarks, found through Russian inflection and abbreviations.
import { normalizeText, tokenize } from "./normalize.ts";
import { prepareText, stemOf, type PreparedText } from "./similarity.ts";
import bor from "./gazetteers/bor.json" with { type: "json" };
import krymsk from "./gazetteers/krymsk.json" with { type: "json" };
import lyambir from "./gazetteers/lyambir.json" with { type: "json" };
import purovsky from "./gazetteers/purovsky.json" with { type: "json" };
import sobolevo from "./gazetteers/sobolevo.json" with { type: "json" };

export type SettlementKind =
  "город" | "посёлок городского типа" | "посёлок" | "село" | "деревня" | "станица" | "хутор";

export interface SettlementEntry {
  name: string;
  kind: SettlementKind;
  /** "в Уренгое": how a sentence says "in" this place, for messages such as burst reports. */
  in?: string;
  /** The administrative centre: a street named without a settlement is looked for here first. */
  centre?: boolean;
  /** Other spellings and short names people use ("Тарко", "Т-Сале"). */
  aliases?: string[];
  /** The name is also an ordinary word ("Бор", "Южный"): it counts only written with a capital or after "д.", "пос.", "село"… */
  ambiguous?: boolean;
  /** false: membership in the territory not verified by the gazetteer's author. */
  known?: boolean;
  /** Words that, written before the name, make it another place ("Новый" before "Уренгой" is a city outside the district). */
  notAfter?: string[];
}

export type StreetKind =
  | "улица"
  | "проспект"
  | "переулок"
  | "проезд"
  | "площадь"
  | "микрорайон"
  | "бульвар"
  | "набережная"
  | "шоссе";

export interface StreetEntry {
  name: string;
  kind?: StreetKind;
  settlement: string;
  aliases?: string[];
  /** The name is also an ordinary word ("Мира", "Победы"): lower-case "на мира" is not taken for the street. */
  common?: boolean;
  /** false: a typical name, not checked against the address register. */
  known?: boolean;
}

export interface LandmarkEntry {
  name: string;
  /** Absent for kinds of objects every settlement has (школа, котельная): they take the settlement of the message. */
  settlement?: string;
  aliases?: string[];
}

export interface Gazetteer {
  preset: string;
  territory: string;
  note?: string;
  settlements: SettlementEntry[];
  streets: StreetEntry[];
  landmarks: LandmarkEntry[];
}

export interface LocationMatch {
  settlement?: string;
  street?: string;
  house?: string;
  landmark?: string;
  /** The words of the message that named the place (normalized), pieces far apart joined by "…". */
  text: string;
  /** 0..1: how sure the match is (a settlement after "п.", a street after "ул." or with a house number score higher). */
  score: number;
}

/** The gazetteers shipped with the five regulation presets, by preset name. */
export const PRESET_GAZETTEERS: Readonly<Record<string, Gazetteer>> = {
  purovsky: purovsky as Gazetteer,
  krymsk: krymsk as Gazetteer,
  bor: bor as Gazetteer,
  lyambir: lyambir as Gazetteer,
  sobolevo: sobolevo as Gazetteer,
};

// ---------------------------------------------------------------------------------------------
// Inflection. Place names are few and known in the nominative, so every form they take in a
// sentence is generated once and looked up exactly; this is more reliable for proper names
// than stemming the message (Snowball reads "Уренгой" as an adjective and "Уренгоя" as a noun).

const ADJ_MASC = ["ый", "ий", "ой", "ого", "его", "ому", "ему", "ым", "им", "ом", "ем"];
const ADJ_NEUT = ["ое", "ее", "ого", "его", "ому", "ему", "ым", "им", "ом", "ем"];

/** The forms one word of a place name takes in the six cases (a superset: extra forms are harmless). */
export function wordForms(word: string): string[] {
  const hyphen = word.lastIndexOf("-");
  if (hyphen > 0) {
    const head = word.slice(0, hyphen + 1);
    return wordForms(word.slice(hyphen + 1)).map((f) => head + f);
  }
  const forms = new Set<string>([word]);
  const add = (stemPart: string, endings: string[]) => {
    for (const e of endings) forms.add(stemPart + e);
  };
  const cut = (n: number) => word.slice(0, word.length - n);
  if (/\d/.test(word) || word.length < 3) return [...forms];
  if (word.endsWith("ая")) add(cut(2), ["ая", "ой", "ую", "ою"]);
  else if (word.endsWith("яя")) add(cut(2), ["яя", "ей", "юю", "ею"]);
  else if (/[ыио]й$/.test(word)) {
    add(cut(2), ADJ_MASC);
    // "Уренгой", "Ханымей" are nouns: the stem keeps the vowel.
    add(cut(1), ["й", "я", "ю", "ем", "е"]);
  } else if (/(ое|ее)$/.test(word)) add(cut(2), ADJ_NEUT);
  else if (word.endsWith("ье")) add(cut(2), ["ье", "ья", "ью", "ьем"]);
  else if (/[ыи]е$/.test(word)) add(cut(2), ["ые", "ых", "ым", "ыми", "ие", "их", "им", "ими"]);
  else if (word.endsWith("а")) add(cut(1), ["а", "ы", "и", "е", "у", "ой", "ою"]);
  else if (word.endsWith("я")) add(cut(1), ["я", "и", "е", "ю", "ей", "ею"]);
  else if (word.endsWith("ь")) add(cut(1), ["ь", "я", "ю", "ем", "е", "и", "ью"]);
  else if (word.endsWith("й")) add(cut(1), ["й", "я", "ю", "ем", "е"]);
  else if (word.endsWith("о")) add(cut(1), ["о", "а", "у", "ом", "е"]);
  else if (/[иы]$/.test(word)) add(cut(1), ["и", "ы", "ах", "ях", "ам", "ям", "ов", "ей"]);
  else if (/[еэую]$/.test(word)) {
    // Borrowed names in -е (Пурпе, Тарко-Сале) do not decline.
  } else add(word, ["а", "у", "ом", "е"]);
  return [...forms];
}

/** Every form of a name of several words: each word in each of its forms (the sets are small). */
function phraseForms(words: string[], inflect: boolean): string[] {
  let out = [""];
  for (const w of words) {
    const forms = inflect ? wordForms(w) : [w];
    const next: string[] = [];
    for (const prefix of out) for (const f of forms) next.push(prefix ? `${prefix} ${f}` : f);
    out = next;
  }
  return out;
}

function words(name: string): string[] {
  return tokenize(normalizeText(name));
}

/** Street names in the genitive ("Ленина", "Мира", "Демьяна Бедного") do not change; adjectival ones do. */
function streetInflects(name: string): boolean {
  return /(ая|яя|ый|ий|ой|ое)$/.test(normalizeText(name));
}

// ---------------------------------------------------------------------------------------------
// Cue words, normalized (ё → е, no dots).

const SETTLEMENT_CUES: ReadonlySet<string> = new Set(
  (
    "г гор город города городе городу пгт рп п пос поселок поселка поселке поселку поселком " +
    "с село села селе селу селом д дер деревня деревни деревне деревню деревней ст ст-ца станица станицы " +
    "станице станицу станицей х хут хутор хутора хуторе хутору"
  ).split(" "),
);

const STREET_MARKERS: ReadonlyMap<string, StreetKind> = new Map<string, StreetKind>([
  ...["ул", "улица", "улицы", "улице", "улицу", "улицей"].map((w) => [w, "улица"] as const),
  ...["пр", "пр-т", "пр-кт", "просп", "проспект", "проспекта", "проспекте", "проспекту"].map(
    (w) => [w, "проспект"] as const,
  ),
  ...["пер", "переулок", "переулка", "переулке", "переулку"].map((w) => [w, "переулок"] as const),
  ...["проезд", "проезда", "проезде", "пр-д"].map((w) => [w, "проезд"] as const),
  ...["пл", "площадь", "площади"].map((w) => [w, "площадь"] as const),
  ...["мкр", "мкр-н", "микрорайон", "микрорайона", "микрорайоне"].map(
    (w) => [w, "микрорайон"] as const,
  ),
  ...["б-р", "бульвар", "бульвара", "бульваре"].map((w) => [w, "бульвар"] as const),
  ...["наб"].map((w) => [w, "набережная"] as const),
  ...["шоссе"].map((w) => [w, "шоссе"] as const),
]);

// "на Ленина", "по Первомайской", "возле Геологов": a preposition before a street name.
const STREET_PREPOSITIONS: ReadonlySet<string> = new Set(
  "на по с со у около возле вдоль до от напротив угол углу перекресток пересечение между".split(
    " ",
  ),
);

const HOUSE_MARKERS: ReadonlySet<string> = new Set(["д", "дом", "дома", "доме", "домом", "домах"]);

// "на Мира 3 дня нет воды": a number followed by one of these is not a house number.
const NOT_AFTER_HOUSE: ReadonlySet<string> = new Set(
  (
    "день дня дней сутки суток час часа часов минут минуты мин недели недель неделю месяц месяца месяцев " +
    "год года лет раз раза человек чел градус градуса градусов руб рублей тыс тысяч шт штук семей семьи квартир"
  ).split(" "),
);

const HOUSE_NUMBER = /^\d{1,4}[а-я]?$/;

// ---------------------------------------------------------------------------------------------
// The index of one gazetteer.

interface Index {
  settlements: Map<string, SettlementEntry>;
  settlementWords: number;
  streets: Map<string, StreetEntry[]>;
  streetWords: number;
  landmarks: Map<string, LandmarkEntry>;
  landmarkWords: number;
  /** First words of every settlement and street form: most words of a message stop here. */
  firstWords: Set<string>;
  landmarkFirstStems: Set<string>;
  bySettlementName: Map<string, SettlementEntry>;
  notAfter: Map<SettlementEntry, Set<string>>;
}

const INDEXES = new WeakMap<Gazetteer, Index>();

function buildIndex(g: Gazetteer): Index {
  const index: Index = {
    settlements: new Map(),
    settlementWords: 1,
    streets: new Map(),
    streetWords: 1,
    landmarks: new Map(),
    landmarkWords: 1,
    firstWords: new Set(),
    landmarkFirstStems: new Set(),
    bySettlementName: new Map(),
    notAfter: new Map(),
  };
  for (const s of g.settlements) {
    index.bySettlementName.set(s.name, s);
    if (s.notAfter?.length)
      index.notAfter.set(s, new Set(s.notAfter.flatMap((w) => words(w).flatMap(wordForms))));
    for (const name of [s.name, ...(s.aliases ?? [])]) {
      const w = words(name);
      if (w.length === 0) continue;
      index.settlementWords = Math.max(index.settlementWords, w.length);
      for (const form of phraseForms(w, true)) {
        // The first entry keeps a form two places share; the gazetteer lists centres first.
        if (!index.settlements.has(form)) index.settlements.set(form, s);
        index.firstWords.add(form.split(" ")[0]!);
      }
    }
  }
  for (const st of g.streets) {
    for (const name of [st.name, ...(st.aliases ?? [])]) {
      const w = words(name);
      if (w.length === 0) continue;
      index.streetWords = Math.max(index.streetWords, w.length);
      for (const form of phraseForms(w, streetInflects(name))) {
        const list = index.streets.get(form) ?? [];
        if (!list.includes(st)) list.push(st);
        index.streets.set(form, list);
        index.firstWords.add(form.split(" ")[0]!);
      }
    }
  }
  for (const l of g.landmarks) {
    for (const name of [l.name, ...(l.aliases ?? [])]) {
      const stems = words(name).map(stemOf);
      if (stems.length === 0) continue;
      index.landmarkWords = Math.max(index.landmarkWords, stems.length);
      const key = stems.join(" ");
      // A settlement's own object ("Тарко-Салинская ЦРБ") wins over a kind of object with the same words.
      const existing = index.landmarks.get(key);
      if (!existing || (!existing.settlement && l.settlement)) index.landmarks.set(key, l);
      index.landmarkFirstStems.add(stems[0]!);
    }
  }
  return index;
}

function indexOf(g: Gazetteer): Index {
  let index = INDEXES.get(g);
  if (!index) {
    index = buildIndex(g);
    INDEXES.set(g, index);
  }
  return index;
}

// ---------------------------------------------------------------------------------------------
// Matching.

interface SettlementHit {
  entry: SettlementEntry;
  start: number;
  end: number;
  cue: boolean;
}

interface StreetHit {
  entries: StreetEntry[] | undefined;
  /** For a street the gazetteer does not know: its name as written after "ул.". */
  written?: string;
  kind: StreetKind;
  start: number;
  end: number;
  strong: boolean;
}

interface LandmarkHit {
  entry: LandmarkEntry;
  name: string;
  start: number;
  end: number;
}

/** Words written with a capital letter in the original text ("в Бору" is a village, "в бору" a pine forest). */
function capitalized(raw: string): Set<string> {
  const out = new Set<string>();
  for (const m of raw.matchAll(/(?<![\p{L}\p{N}])\p{Lu}[\p{L}-]*/gu)) {
    out.add(m[0].toLowerCase().replace(/ё/g, "е"));
  }
  return out;
}

function houseAt(
  tokens: string[],
  j: number,
  requireMarker: boolean,
): { house: string; end: number } | undefined {
  let k = j;
  let marked = false;
  if (k < tokens.length && HOUSE_MARKERS.has(tokens[k]!)) {
    k++;
    marked = true;
  }
  if (requireMarker && !marked) return undefined;
  const t = tokens[k];
  if (t === undefined || !HOUSE_NUMBER.test(t)) return undefined;
  const after = tokens[k + 1];
  if (after !== undefined && NOT_AFTER_HOUSE.has(after)) return undefined;
  // "5 корпус 2", "12 к 1"
  const housing = tokens[k + 1] === "к" || tokens[k + 1] === "корп" || tokens[k + 1] === "корпус";
  if (housing && tokens[k + 2] !== undefined && /^\d{1,2}$/.test(tokens[k + 2]!)) {
    return { house: `${t} корп. ${tokens[k + 2]}`, end: k + 3 };
  }
  return { house: t, end: k + 1 };
}

function capitalize(word: string): string {
  return word
    .split("-")
    .map((p) => (p ? p[0]!.toUpperCase() + p.slice(1) : p))
    .join("-");
}

/** A street the gazetteer does not list, read from the word after "ул." in its nominative where that is easy. */
function writtenStreetName(word: string, kind: StreetKind, marker: string): string {
  let w = word;
  // "по улице Сибирской" → "Сибирская"; "в переулке Школьном" → "Школьный".
  if (kind === "улица" && marker !== "ул" && /(ой|ую)$/.test(w) && w.length > 4)
    w = `${w.slice(0, -2)}ая`;
  else if (kind === "улица" && marker !== "ул" && /(ей|юю)$/.test(w) && w.length > 4)
    w = `${w.slice(0, -2)}яя`;
  else if (kind === "переулок" && /ом$/.test(w) && w.length > 4) w = `${w.slice(0, -2)}ый`;
  return capitalize(w);
}

const ABBREVIATED_MARKERS: ReadonlySet<string> = new Set([
  "ул",
  "пр",
  "пр-т",
  "пр-кт",
  "просп",
  "пер",
  "пр-д",
  "пл",
  "мкр",
  "мкр-н",
  "б-р",
  "наб",
]);

const NOT_A_STREET_NAME: ReadonlySet<string> = new Set([
  "д",
  "дом",
  "и",
  "в",
  "на",
  "не",
  "нет",
  "где",
  "там",
]);

/**
 * Finds the place a message is about in the tenant's gazetteer: the settlement, the street
 * and house, and a landmark, through inflection ("в Уренгое", "Лямбире", "Варениковской")
 * and abbreviations ("п. Пурпе", "ул. Мира д. 5", "с. Лямбирь"). Undefined when nothing is found.
 * The gazetteer's index is built on first use and kept for the next messages.
 */
export function matchLocation(
  gazetteer: Gazetteer,
  text: string | PreparedText,
): LocationMatch | undefined {
  const prepared = typeof text === "string" ? prepareText(text) : text;
  const index = indexOf(gazetteer);
  const tokens = prepared.tokens;
  let caps: Set<string> | undefined;
  const isCapitalized = (word: string) => (caps ??= capitalized(prepared.raw)).has(word);

  const settlementHits: SettlementHit[] = [];
  const streetHits: StreetHit[] = [];
  const landmarkHits: LandmarkHit[] = [];

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const previous = i > 0 ? tokens[i - 1]! : "";

    if (index.firstWords.has(token)) {
      // Settlements: the longest name starting here.
      for (let n = Math.min(index.settlementWords, tokens.length - i); n >= 1; n--) {
        const key = n === 1 ? token : tokens.slice(i, i + n).join(" ");
        const entry = index.settlements.get(key);
        if (!entry) continue;
        if (index.notAfter.get(entry)?.has(previous)) break;
        const cue = SETTLEMENT_CUES.has(previous);
        // "с южной стороны" is not "с. Южный": for a name that is also a word, a one-letter cue needs its dot.
        const sureCue = cue && (previous.length > 1 || prepared.isDotted(i - 1));
        if (entry.ambiguous && !sureCue && !isCapitalized(token)) break;
        settlementHits.push({ entry, start: i, end: i + n, cue });
        break;
      }
      // Streets from the gazetteer.
      for (let n = Math.min(index.streetWords, tokens.length - i); n >= 1; n--) {
        const key = n === 1 ? token : tokens.slice(i, i + n).join(" ");
        const entries = index.streets.get(key);
        if (!entries) continue;
        const marker = STREET_MARKERS.get(previous);
        const numbered = houseAt(tokens, i + n, false) !== undefined;
        const common = entries.some((e) => e.common) || streetInflects(entries[0]!.name);
        const prepositioned =
          STREET_PREPOSITIONS.has(previous) && (!common || isCapitalized(token));
        if (!marker && !numbered && !prepositioned) break;
        streetHits.push({
          entries,
          kind: marker ?? entries[0]!.kind ?? "улица",
          start: marker ? i - 1 : i,
          end: i + n,
          strong: marker !== undefined || numbered,
        });
        break;
      }
    }

    // A street the gazetteer does not know, right after "ул.", "переулок", "мкр"…
    const markerKind = STREET_MARKERS.get(token);
    const next = tokens[i + 1];
    // A full word ("проезд закрыт", "на улице холодно") needs a capital letter after it; "ул." does not.
    if (
      markerKind &&
      next !== undefined &&
      !NOT_A_STREET_NAME.has(next) &&
      !index.streets.has(next) &&
      ((/^\p{L}{3,}$/u.test(next) &&
        !SETTLEMENT_CUES.has(next) &&
        (ABBREVIATED_MARKERS.has(token) || isCapitalized(next))) ||
        (markerKind === "микрорайон" && /^\d{1,2}$/.test(next)))
    ) {
      streetHits.push({
        entries: undefined,
        written: writtenStreetName(next, markerKind, token),
        kind: markerKind,
        start: i,
        end: i + 2,
        strong: true,
      });
    }

    // Landmarks, by stems ("в первой школе" = "первая школа").
    {
      const first = prepared.stems[i]!;
      if (index.landmarkFirstStems.has(first)) {
        for (let n = Math.min(index.landmarkWords, tokens.length - i); n >= 1; n--) {
          const key = n === 1 ? first : prepared.stems.slice(i, i + n).join(" ");
          const entry = index.landmarks.get(key);
          if (!entry) continue;
          let name = entry.name;
          let end = i + n;
          // "котельная № 3", "школа 5": a kind of object with its number.
          const num = tokens[end];
          if (
            !entry.settlement &&
            num !== undefined &&
            /^\d{1,3}$/.test(num) &&
            !NOT_AFTER_HOUSE.has(tokens[end + 1] ?? "")
          ) {
            name = `${name} № ${num}`;
            end++;
          }
          landmarkHits.push({ entry, name, start: i, end });
          break;
        }
      }
    }
  }

  return assemble(index, prepared, settlementHits, streetHits, landmarkHits);
}

function assemble(
  index: Index,
  prepared: PreparedText,
  settlementHits: SettlementHit[],
  streetHits: StreetHit[],
  landmarkHits: LandmarkHit[],
): LocationMatch | undefined {
  const tokens = prepared.tokens;
  const spans: Array<[number, number]> = [];
  let score = 0;
  let settlement: SettlementEntry | undefined;
  let house: string | undefined;

  // The settlement: one named after "п.", "село"… before one named bare; otherwise the first.
  const settlementHit = settlementHits.find((h) => h.cue) ?? settlementHits[0];
  if (settlementHit) {
    settlement = settlementHit.entry;
    score = settlementHit.cue ? 0.8 : 0.7;
    spans.push([
      settlementHit.cue ? settlementHit.start - 1 : settlementHit.start,
      settlementHit.end,
    ]);
    // "д. Бор, д. 12": villages are often addressed without streets.
    const h = houseAt(tokens, settlementHit.end, true);
    if (h) {
      house = h.house;
      spans.push([settlementHit.end, h.end]);
    }
  }

  let street: string | undefined;
  const streetHit =
    streetHits.find((h) => h.strong && h.entries) ??
    streetHits.find((h) => h.entries) ??
    streetHits[0];
  if (streetHit) {
    let entry: StreetEntry | undefined;
    if (streetHit.entries) {
      entry = settlement
        ? streetHit.entries.find((e) => e.settlement === settlement!.name)
        : (streetHit.entries.find((e) => index.bySettlementName.get(e.settlement)?.centre) ??
          streetHit.entries[0]);
      entry ??= streetHit.entries[0]!;
    }
    const kind = entry?.kind ?? streetHit.kind;
    street = `${kind} ${entry?.name ?? streetHit.written}`;
    if (!settlement && entry) {
      // A street named alone is taken to be in the settlement the gazetteer lists it for.
      settlement = index.bySettlementName.get(entry.settlement);
      score = 0.5;
    }
    score += streetHit.strong ? 0.15 : 0.1;
    if (!entry) score -= 0.05;
    spans.push([streetHit.start, streetHit.end]);
    const h = houseAt(tokens, streetHit.end, false);
    if (h) {
      house = h.house;
      score += 0.05;
      spans.push([streetHit.end, h.end]);
    }
  }

  let landmark: string | undefined;
  // A named object of another settlement than the one the message names is not this place's
  // ("первая школа" of Тарко-Сале in a message about Ханымей): a kind of object is taken instead.
  const landmarkHit = landmarkHits.find(
    (h) => !h.entry.settlement || !settlement || h.entry.settlement === settlement.name,
  );
  if (landmarkHit) {
    const own = landmarkHit.entry.settlement;
    {
      landmark = landmarkHit.name;
      if (!settlement && own) {
        settlement = index.bySettlementName.get(own);
        score = 0.5;
      } else if (!settlement && !street) {
        score = 0.3;
      } else {
        score += 0.05;
      }
      spans.push([landmarkHit.start, landmarkHit.end]);
    }
  }

  if (!settlement && !street && !landmark) return undefined;
  const match: LocationMatch = {
    text: fragment(tokens, spans),
    score: Math.round(Math.min(1, score) * 100) / 100,
  };
  if (settlement) match.settlement = settlement.name;
  if (street) match.street = street;
  if (house) match.house = house;
  if (landmark) match.landmark = landmark;
  return match;
}

/** The matched words in text order; pieces more than three words apart are joined by "…". */
function fragment(tokens: string[], spans: Array<[number, number]>): string {
  const sorted = spans
    .map(([a, b]) => [Math.max(0, a), b] as [number, number])
    .sort((x, y) => x[0] - y[0]);
  const merged: Array<[number, number]> = [];
  for (const s of sorted) {
    const last = merged[merged.length - 1];
    if (last && s[0] <= last[1] + 3) last[1] = Math.max(last[1], s[1]);
    else merged.push([s[0], s[1]]);
  }
  return merged.map(([a, b]) => tokens.slice(a, b).join(" ")).join(" … ");
}

/** How a sentence says "in" a settlement of the gazetteer ("в Уренгое"), for reports. */
export function inSettlement(gazetteer: Gazetteer, name: string): string {
  const entry = gazetteer.settlements.find((s) => s.name === name);
  return entry?.in ?? `в н. п. ${name}`;
}
