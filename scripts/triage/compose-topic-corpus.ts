// Composes corpus/topics.jsonl, the training corpus of the topic classifier, from the team's
// hand-written fragments (topic-corpus-phrases.ts): realistic resident messages in many styles.
//
// Deterministic (a fixed seed), so the corpus in the repository is exactly what this script writes:
//   node --import tsx scripts/triage/compose-topic-corpus.ts [perTopic=2400]
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  CLOSERS,
  FORMAL_FRAMES,
  GENERIC_MIDDLES,
  NAMES,
  OPENERS,
  PLACES,
  STREETS,
  TOPIC_PHRASES,
} from "./topic-corpus-phrases.ts";
import { CITY_CLOSERS, CITY_PHRASES, CITY_STREETS } from "./topic-corpus-city.ts";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
// TOPIC_CORPUS_SEED and TOPIC_CORPUS_OUT compose other draws elsewhere, to see how much a figure
// depends on the draw rather than on the fragments; the shipped corpus uses the defaults.
const OUT = process.env.TOPIC_CORPUS_OUT ?? join(ROOT, "corpus", "topics.jsonl");
const PER_TOPIC = Number(process.argv[2] ?? 2400);

// mulberry32: a small seeded generator, so reruns give the same corpus.
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = seeded(Number(process.env.TOPIC_CORPUS_SEED ?? 20260611));
const chance = (p: number): boolean => random() < p;
function pick<T>(items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error("pick from an empty list");
  return item;
}
const int = (lo: number, hi: number): number => lo + Math.floor(random() * (hi - lo + 1));

const SINCE = [
  "третий день",
  "вторую неделю",
  "уже неделю",
  "с понедельника",
  "с утра",
  "вторые сутки",
  "уже месяц",
  "с прошлой пятницы",
  "4 дня",
  "который день",
  "с самого утра",
  "с ночи",
  "уже полгода",
  "с осени",
  "пятый день",
  "с выходных",
  "давно",
  "уже две недели",
];

function street(): { name: string; on: string } {
  return pick(STREETS);
}
function houseNumber(): string {
  return `${int(1, 48)}${chance(0.15) ? pick(["а", "б", "/1", "к2"]) : ""}`;
}

const SLOTS: Record<string, () => string> = {
  onStreet: () => {
    const s = street();
    return pick([
      `на ул. ${s.on}`,
      `на улице ${s.on}`,
      `на ${s.on}`,
      `на ${s.on}`,
      `на ул.${s.on}`,
      `в районе дома ${houseNumber()} по ул. ${s.on}`,
      `на ${s.on} ${houseNumber()}`,
      `у нас ${pick(PLACES).in} на ${s.on}`,
      `${pick(PLACES).in}`,
      "у нас",
      "в нашем районе",
    ]);
  },
  poStreet: () => {
    const s = street();
    return pick([`по ул. ${s.on}`, `по улице ${s.on}`, `по ${s.on}`, `на ${s.on}`]);
  },
  inPlace: () =>
    chance(0.8)
      ? pick(PLACES).in
      : pick(["у нас в деревне", "у нас", "в нашем селе", "в посёлке", "в районе"]),
  house: () => {
    const s = street();
    return pick([
      `в доме ${houseNumber()} по ул. ${s.on}`,
      "в нашем доме",
      `в д. ${houseNumber()}`,
      `в доме №${houseNumber()} на ${s.on}`,
      `в многоквартирном доме по адресу ул. ${s.name}, ${houseNumber()}`,
      `в пятиэтажке на ${s.on}`,
      "у нас в доме",
      `в доме ${houseNumber()} ${pick(PLACES).in}`,
      `${s.name} ${houseNumber()}:`,
    ]);
  },
  since: () => pick(SINCE),
  street: () => street().name,
  streetOn: () => street().on,
  n: () => houseNumber(),
  flat: () => String(int(1, 120)),
  placeName: () => pick(PLACES).name,
  name: () => pick(NAMES),
  // A big city's addresses: house, building and letter numbers on streets and avenues.
  cityHouse: () => {
    const s = pick(CITY_STREETS);
    return pick([
      `дома ${houseNumber()} по ${s}`,
      `дома ${houseNumber()} корп. ${int(1, 4)} по ${s}`,
      `дома по адресу ${s}, д. ${houseNumber()}`,
      `д. ${houseNumber()} по ${s}`,
      `дома ${houseNumber()}, лит. А, по ${s}`,
      `дома ${houseNumber()}, корпус ${int(1, 4)}, литера А, по ${s}`,
      `многоквартирного дома по адресу ${s}, ${houseNumber()}`,
      "нашего дома",
      "нашего дома",
      `дома №${houseNumber()}`,
    ]);
  },
  cityStreet: () => {
    const s = pick(CITY_STREETS);
    return pick([
      `на ${s}`,
      `у дома ${houseNumber()} по ${s}`,
      `напротив дома ${houseNumber()} по ${s}`,
      `на ${s} у д. ${houseNumber()}`,
      `по адресу ${s}, ${houseNumber()}`,
      `на пересечении ${s} и ${pick(CITY_STREETS)}`,
      "у нас",
      "возле нашего дома",
      "",
    ]);
  },
  parad: () =>
    pick([
      "в парадной",
      `в парадной №${int(1, 8)}`,
      `в ${int(1, 6)}-й парадной`,
      "в нашей парадной",
      `в парадной дома ${houseNumber()} по ${pick(CITY_STREETS)}`,
      `в подъезде №${int(1, 8)}`,
      "в подъезде",
    ]),
};

/** Fills [a|b] alternatives and {slot}s. */
function expand(template: string): string {
  return template
    .replace(/\[([^\]]*)\]/g, (_, alts: string) => pick(alts.split("|")))
    .replace(/\{(\w+)\}/g, (whole, slot: string) => SLOTS[slot]?.() ?? whole)
    .replace(/\s+([,.!?:])/g, "$1")
    .replace(/,\s*([.!?]|$)/g, "$1")
    .replace(/\s{2,}/g, " ")
    .trim();
}

const capitalise = (s: string): string => (s ? s[0]!.toUpperCase() + s.slice(1) : s);
// Lower-cases the first letter unless the word is an abbreviation ("ФАП", "УК").
const uncapitalise = (s: string): string =>
  s.length > 1 && s[1] === s[1]!.toLowerCase() ? s[0]!.toLowerCase() + s.slice(1) : s;
function sentence(s: string): string {
  const text = capitalise(s.trim());
  return /[.!?:]$/.test(text) ? text : text + pick([".", ".", "!", "", "!!", "..."]);
}

const ADDRESSES = [
  "Адрес: ул. {street}, д. {n}.",
  "{street} {n}.",
  "ул. {street}, дом {n}, {placeName}.",
  "Пишу {inPlace}, ул. {street}.",
  "Район дома {n} по ул. {street}.",
  "{placeName}, {street} {n}",
  "Мы живём {inPlace}, на улице {streetOn}.",
  "Наш адрес {placeName}, ул. {street} {n}, кв. {flat}.",
];

/** The share of messages written by city residents, for the topics that have city fragments. */
const CITY_SHARE = 0.5;

function compose(topic: string): string {
  const city = CITY_PHRASES[topic];
  const phrases = city && chance(CITY_SHARE) ? city : TOPIC_PHRASES[topic]!;
  const shape = random();
  if (shape < 0.18) {
    const short = pick(phrases.short);
    return chance(0.2) ? `${expand(pick(OPENERS))} ${short}` : short;
  }
  let core = expand(pick(phrases.core));
  // Formal frames wrap statements, not questions or requests that are formal already.
  const framable = !core.includes("?") && !/^(Прошу|Просьба|Необходим|Требуе|Требую)/.test(core);
  if (framable && chance(0.12)) {
    const frame = pick(FORMAL_FRAMES);
    const inner = core.replace(/[.!?]+$/, "");
    core = expand(
      frame.replace("{core}", frame.startsWith("{core}") ? inner : uncapitalise(inner)),
    );
  }
  const parts: string[] = [];
  if (chance(0.45)) {
    const opener = expand(pick(OPENERS));
    parts.push(opener);
    // After "Глава," or "Вопрос:" the sentence goes on in lower case.
    const first = sentence(core);
    parts.push(/[,:]$/.test(opener) ? uncapitalise(first) : first);
  } else {
    parts.push(sentence(core));
  }
  // Thanks and congratulations do not end with complaints about inaction.
  const glad = /спасиб|благодар|поздрав|молодц/i.test(core);
  if (shape > 0.6) {
    const details = [...phrases.detail];
    for (let i = int(1, 2); i > 0 && details.length > 0; i--) {
      const [detail] = details.splice(Math.floor(random() * details.length), 1);
      parts.push(sentence(expand(detail!)));
    }
    if (!glad && chance(0.5)) parts.push(expand(pick(GENERIC_MIDDLES)));
  } else if (!glad && chance(0.2)) {
    parts.push(expand(pick(GENERIC_MIDDLES)));
  }
  const cityStyle = phrases === city;
  if (chance(0.5))
    parts.push(
      glad
        ? pick(["Спасибо!", "Так держать!", "Хорошего дня!"])
        : expand(pick(cityStyle && chance(0.6) ? CITY_CLOSERS : CLOSERS)),
    );
  // Addresses come with messages on every topic; without this, "дом" and "улица" would hint at a topic.
  if (chance(0.25)) {
    const address = expand(pick(ADDRESSES));
    if (chance(0.5)) parts.push(address);
    else parts.unshift(address);
  }
  return parts.join(" ");
}

// Typos residents make: a dropped, doubled or swapped letter, an unstressed vowel confused.
const VOWEL_SWAPS: Record<string, string> = { о: "а", а: "о", е: "и", и: "е" };
function typo(word: string): string {
  if (word.length < 4) return word;
  const i = int(1, word.length - 2);
  switch (int(0, 3)) {
    case 0:
      return word.slice(0, i) + word.slice(i + 1);
    case 1:
      return word.slice(0, i) + word[i] + word.slice(i);
    case 2:
      return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
    default: {
      const ch = word[i]!;
      return VOWEL_SWAPS[ch] ? word.slice(0, i) + VOWEL_SWAPS[ch] + word.slice(i + 1) : word;
    }
  }
}

const COLLOQUIAL: [RegExp, string][] = [
  [/подъезд/g, "подьезд"],
  [/сейчас/g, "щас"],
  [/вообще/g, "ваще"],
  [/что/g, "што"],
  [/пожалуйста/g, "пожалуйсто"],
  [/когда/g, "када"],
  [/ё/g, "е"],
];
const EMOJI_GLAD = ["🙏", "👍", "👏", "❤️", "😊", "🎉", "💐"];
const EMOJI = ["😡", "😤", "😢", "🙏", "❗", "‼️", "😱", "🙄", "🤦‍♀️", "😠", "😭", "🤬", "❓", "👎"];
// Latin letters that look like Cyrillic: people (and bots) mix them in.
const LOOKALIKE: Record<string, string> = {
  а: "a",
  е: "e",
  о: "o",
  р: "p",
  с: "c",
  х: "x",
  у: "y",
  к: "k",
};

// In St Petersburg and around it an entrance of a block of flats is "парадная": the same message
// in that city's words, for every topic alike.
const PARADNAYA: [RegExp, string][] = [
  [/подъезда(?![а-яё])/g, "парадной"],
  [/подъезду(?![а-яё])/g, "парадной"],
  [/подъездом(?![а-яё])/g, "парадной"],
  [/подъезде(?![а-яё])/g, "парадной"],
  [/подъездов(?![а-яё])/g, "парадных"],
  [/подъездам(?![а-яё])/g, "парадным"],
  [/подъездах(?![а-яё])/g, "парадных"],
  [/подъезды(?![а-яё])/g, "парадные"],
  [/подъезд(?![а-яё])/g, "парадная"],
  [/Подъезд(?![а-яё])/g, "Парадная"],
];

function styled(text: string): string {
  let t = text;
  if (chance(0.3)) for (const [from, to] of PARADNAYA) t = t.replace(from, to);
  if (chance(0.25)) for (const [from, to] of COLLOQUIAL) if (chance(0.5)) t = t.replace(from, to);
  if (chance(0.15)) {
    const words = t.split(" ");
    for (let n = int(1, 3); n > 0; n--) {
      const i = int(0, words.length - 1);
      words[i] = typo(words[i]!);
    }
    t = words.join(" ");
  }
  const caseRoll = random();
  if (caseRoll < 0.22) t = t.toLowerCase();
  else if (caseRoll < 0.28) t = t.toUpperCase();
  if (chance(0.15)) t = t.replace(/[.,:;«»"]/g, "").replace(/!+/g, chance(0.5) ? "" : "!!!");
  if (chance(0.08)) t = t.replace(/\?/g, "???").replace(/!$/, "!!!");
  if (chance(0.16)) {
    const glad = /спасиб|благодар|молодц|поздрав/i.test(t);
    const emoji = Array.from({ length: int(1, 3) }, () => pick(glad ? EMOJI_GLAD : EMOJI)).join("");
    t = chance(0.7) ? `${t} ${emoji}` : `${emoji} ${t}`;
  }
  if (chance(0.04)) t += " ))";
  if (chance(0.03)) {
    t = t
      .split(" ")
      .map((w) =>
        chance(0.3) ? [...w].map((c) => (chance(0.5) ? (LOOKALIKE[c] ?? c) : c)).join("") : w,
      )
      .join(" ");
  }
  if (chance(0.04)) {
    t = `<p>${t.replace(/\. /g, ".<br>").replace(/"/g, "&quot;").replace(/«|»/g, "&quot;")}</p>`;
  }
  if (chance(0.04))
    t = `${pick(["#", "@"])}${pick(["администрация", "глава_района", "ЖКХ", "жалоба"])} ${t}`;
  return t;
}

const lines: string[] = [];
for (const topic of Object.keys(TOPIC_PHRASES)) {
  const seen = new Set<string>();
  let attempts = 0;
  while (seen.size < PER_TOPIC && attempts < PER_TOPIC * 50) {
    attempts++;
    const text = styled(compose(topic));
    if (seen.has(text)) continue;
    seen.add(text);
    lines.push(JSON.stringify({ text, topic }));
  }
}
// Shuffle so that the file reads like a day's feed rather than sixteen blocks.
for (let i = lines.length - 1; i > 0; i--) {
  const j = Math.floor(random() * (i + 1));
  [lines[i], lines[j]] = [lines[j]!, lines[i]!];
}
mkdirSync(dirname(OUT), { recursive: true });
writeFileSync(OUT, lines.join("\n") + "\n");
console.log(`Записано ${lines.length} сообщений в ${OUT}`);
