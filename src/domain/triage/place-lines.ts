// A territory's places as people keep them: a list of settlements, each followed by its streets,
// pasted from a document or an address register export. The admin of a new district adds them to
// the gazetteer this way instead of writing its JSON by hand.
//
//   г. Тарко-Сале               a settlement: its kind before or after the name (г., пгт, п., с.,
//     ул. Ленина                д., ст-ца, х.; full words too), then its streets, indented, with a
//     пер. Школьный             bullet, or with their own kind (ул., пер., пр-кт, мкр., …)
//   с. Толька: Школьная, Лесная   or the streets after a colon, separated by commas
//   с. Красноселькуп (центр)    the administrative centre, where a street named alone is looked for
//
// Blank lines and lines starting with "#" are skipped. A line that is neither is a problem with
// its number; the rest is still read.
import type { Gazetteer, SettlementKind, StreetKind } from "./location.ts";

const SETTLEMENT_KINDS: ReadonlyArray<readonly [SettlementKind, readonly string[]]> = [
  ["город", ["г", "гор", "город"]],
  [
    "посёлок городского типа",
    [
      "пгт",
      "п.г.т",
      "п. г. т",
      "посёлок городского типа",
      "поселок городского типа",
      "рп",
      "р.п",
      "р. п",
      "рабочий посёлок",
      "рабочий поселок",
    ],
  ],
  ["посёлок", ["п", "пос", "посёлок", "поселок"]],
  ["село", ["с", "село"]],
  ["деревня", ["д", "дер", "деревня"]],
  ["станица", ["ст-ца", "ст", "станица"]],
  ["хутор", ["х", "хут", "хутор"]],
];

const STREET_KINDS: ReadonlyArray<readonly [StreetKind, readonly string[]]> = [
  ["улица", ["ул", "улица"]],
  ["проспект", ["пр-кт", "пр-т", "просп", "пр", "проспект"]],
  ["переулок", ["пер", "переулок"]],
  ["проезд", ["пр-д", "проезд"]],
  ["площадь", ["пл", "площадь"]],
  ["микрорайон", ["мкр", "мкрн", "мкр-н", "микрорайон"]],
  ["бульвар", ["б-р", "бул", "бульвар"]],
  ["набережная", ["наб", "набережная"]],
  ["шоссе", ["ш", "шоссе"]],
];

/** Longest abbreviation first, so "пгт" is not read as "п" followed by "гт". */
const byLength = <K>(table: ReadonlyArray<readonly [K, readonly string[]]>) =>
  table
    .flatMap(([kind, words]) =>
      // The word after the name, in lower case: "Школьный пер.", "Толька с".
      words.map((word) => ({
        kind,
        word,
        after: new RegExp(`\\s${word.replace(/\./g, "\\.")}\\.?$`),
      })),
    )
    .sort((a, b) => b.word.length - a.word.length);

const SETTLEMENT_WORDS = byLength(SETTLEMENT_KINDS);
const STREET_WORDS = byLength(STREET_KINDS);

const MAX_NAME = 200;
const CENTRE = /\s*\((административный\s+)?центр\)\s*$/i;

export interface PlacesStreet {
  name: string;
  kind?: StreetKind;
}

export interface PlacesSettlement {
  name: string;
  kind: SettlementKind;
  /** Marked "(центр)": the administrative centre. */
  centre?: boolean;
  streets: PlacesStreet[];
}

export type PlaceLineReason =
  /** Neither a settlement nor a street can be told: no kind, not under a settlement. */
  | "noKind"
  /** A street before any settlement. */
  | "streetWithoutSettlement"
  /** A colon (streets after it) or "(центр)" after what is not a settlement. */
  | "notASettlement"
  /** Only a kind, no name. */
  | "noName"
  | "tooLong";

export interface PlaceLineProblem {
  /** 1-based, as an editor numbers lines. */
  line: number;
  text: string;
  reason: PlaceLineReason;
}

export interface ParsedPlaces {
  settlements: PlacesSettlement[];
  problems: PlaceLineProblem[];
}

/** The same name however it is written: case, ё, spaces. */
export function placeKey(name: string): string {
  return name.toLowerCase().replace(/ё/g, "е").replace(/\s+/g, " ").trim();
}

type Kinded<K> = { kind: K | undefined; name: string };

/**
 * The kind written before ("ул. Ленина", "с.Толька", "Площадь Победы") or, in lower case, after
 * ("Школьный пер.", "Толька с.") the name; "Новый Посёлок" keeps its name.
 */
function kindOf<K>(
  text: string,
  words: ReadonlyArray<{ kind: K; word: string; after: RegExp }>,
): Kinded<K> {
  const lower = text.toLowerCase();
  for (const { kind, word } of words) {
    if (!lower.startsWith(word)) continue;
    if (lower === word) return { kind, name: "" };
    // "ул. Ленина", "ул Ленина", "с.Толька"; not "Советская" (с + оветская).
    const gap = /^(\.\s*|\s+)/.exec(text.slice(word.length));
    if (gap) return { kind, name: text.slice(word.length + gap[0].length) };
  }
  for (const { kind, after } of words) {
    const m = after.exec(text);
    if (m) return { kind, name: text.slice(0, m.index) };
  }
  return { kind: undefined, name: text };
}

const clean = (name: string) =>
  name
    .replace(/\s+/g, " ")
    .replace(/^[\s,;]+|[\s,;.]+$/g, "")
    .trim();

/** Reads the list; what it cannot read comes back as problems with line numbers. */
export function parsePlaceLines(text: string): ParsedPlaces {
  const settlements: PlacesSettlement[] = [];
  const problems: PlaceLineProblem[] = [];
  const byKey = new Map<string, PlacesSettlement>();
  let current: PlacesSettlement | null = null;

  const settlementNamed = (name: string, kind: SettlementKind, centre: boolean) => {
    const key = placeKey(name);
    let s = byKey.get(key);
    if (!s) {
      s = { name, kind, streets: [] };
      byKey.set(key, s);
      settlements.push(s);
    }
    if (centre) s.centre = true;
    return s;
  };
  // A city's list runs to thousands of streets: each settlement's are looked up by key.
  const streetKeys = new Map<PlacesSettlement, Set<string>>();
  const addStreet = (s: PlacesSettlement, street: PlacesStreet) => {
    const keys = streetKeys.get(s) ?? new Set<string>();
    streetKeys.set(s, keys);
    const key = placeKey(street.name);
    if (keys.has(key)) return;
    keys.add(key);
    s.streets.push(street);
  };

  text.split(/\r\n|\r|\n/).forEach((raw, i) => {
    const line = i + 1;
    const trimmed = raw.trim();
    if (!trimmed || trimmed.startsWith("#")) return;
    const problem = (reason: PlaceLineReason) => problems.push({ line, text: trimmed, reason });
    // A list's numbering or bullet; it, or an indent, makes the line belong to the one above.
    const marker = /^(\d+[.)]\s+|[-–—•*·]\s*)/.exec(trimmed);
    const nested = /^\s/.test(raw) || (marker !== null && !/^\d/.test(marker[0]));
    const body = marker ? trimmed.slice(marker[0].length) : trimmed;
    const colon = body.indexOf(":");
    let head = colon >= 0 ? body.slice(0, colon) : body;
    const centre = CENTRE.exec(head);
    if (centre) head = head.slice(0, centre.index);

    const asSettlement = kindOf(clean(head), SETTLEMENT_WORDS);
    if (colon >= 0 && asSettlement.kind === undefined) return problem("notASettlement");
    if (asSettlement.kind !== undefined) {
      const name = clean(asSettlement.name);
      if (!name) return problem("noName");
      if (name.length > MAX_NAME) return problem("tooLong");
      current = settlementNamed(name, asSettlement.kind, centre !== null);
      if (colon < 0) return;
      const streets = body.slice(colon + 1).split(/[,;]/);
      for (const item of streets) {
        const street = kindOf(clean(item), STREET_WORDS);
        const streetName = clean(street.name);
        if (!streetName) continue;
        if (streetName.length > MAX_NAME) {
          problem("tooLong");
          continue;
        }
        addStreet(
          current,
          street.kind ? { name: streetName, kind: street.kind } : { name: streetName },
        );
      }
      return;
    }
    if (centre) return problem("notASettlement");
    const street = kindOf(clean(head), STREET_WORDS);
    if (street.kind === undefined && !nested) return problem("noKind");
    if (!current) return problem("streetWithoutSettlement");
    const name = clean(street.name);
    if (!name) return problem("noName");
    if (name.length > MAX_NAME) return problem("tooLong");
    addStreet(current, street.kind ? { name, kind: street.kind } : { name });
  });
  return { settlements, problems };
}

export interface PlacesAdded {
  gazetteer: Gazetteer;
  added: { settlements: number; streets: number };
  /** Already in the gazetteer (by name or another name of it, whatever the case or ё). */
  present: { settlements: number; streets: number };
}

/**
 * Adds the places to the gazetteer: new settlements after the ones it has, new streets after its
 * streets. A settlement it already holds keeps its entry (kind, other names) and gets the new
 * streets; nothing is removed or changed.
 */
export function addPlaces(gazetteer: Gazetteer, places: PlacesSettlement[]): PlacesAdded {
  const settlements = [...gazetteer.settlements];
  const streets = [...gazetteer.streets];
  const added = { settlements: 0, streets: 0 };
  const present = { settlements: 0, streets: 0 };
  const settlementByKey = new Map<string, string>();
  for (const s of settlements)
    for (const n of [s.name, ...(s.aliases ?? [])])
      if (!settlementByKey.has(placeKey(n))) settlementByKey.set(placeKey(n), s.name);
  const streetKeys = new Set(
    streets.flatMap((st) =>
      [st.name, ...(st.aliases ?? [])].map((n) => `${st.settlement}\u0000${placeKey(n)}`),
    ),
  );
  // The gazetteer lists centres first: a form two places share is the first one's.
  const centresFirst = [...places].sort(
    (a, b) => Number(b.centre ?? false) - Number(a.centre ?? false),
  );
  for (const place of centresFirst) {
    let name = settlementByKey.get(placeKey(place.name));
    if (name === undefined) {
      name = place.name;
      settlements.push({ name, kind: place.kind, ...(place.centre ? { centre: true } : {}) });
      settlementByKey.set(placeKey(name), name);
      added.settlements++;
    } else present.settlements++;
    for (const street of place.streets) {
      const key = `${name}\u0000${placeKey(street.name)}`;
      if (streetKeys.has(key)) {
        present.streets++;
        continue;
      }
      streetKeys.add(key);
      streets.push({
        name: street.name,
        ...(street.kind ? { kind: street.kind } : {}),
        settlement: name,
      });
      added.streets++;
    }
  }
  return { gazetteer: { ...gazetteer, settlements, streets }, added, present };
}
