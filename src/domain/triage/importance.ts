// Whether a message deserves the shortened term of high importance (001, 004: 4 hours instead of 8), and why.
import type { LocationMatch } from "./location.ts";
import { prepareText, type PreparedText } from "./similarity.ts";

export type Importance = "normal" | "high";

export interface ReachSignals {
  likes?: number;
  reposts?: number;
  comments?: number;
}

export interface ImportanceAssessment {
  importance: Importance;
  /** Why, in Russian, one line per signal found; empty for normal importance. */
  reasons: string[];
}

export interface ImportanceOptions {
  /** Reach over which a post is socially significant (004 п. 6: "сообщения, набравшие большое количество откликов"). */
  reach?: { likes: number; reposts: number; comments: number };
  /** The place found in the message: an outage named with a street or house is a mass outage. */
  location?: LocationMatch;
}

/** Reach thresholds for municipal communities of a few thousand subscribers. */
export const DEFAULT_REACH = { likes: 100, reposts: 20, comments: 30 } as const;

// Patterns run on normalized text (lower case, ё → е) with punctuation set apart, so that
// every word stands between spaces: a pattern starts with a space and ends before one. (\b
// knows only Latin letters, and lookbehind at every position costs more than the rest.)
const B = " ";
const E = "(?= )";
const re = (body: string) => new RegExp(`${B}(?:${body})${E}`, "gu");

/** " нет , воды с утра ! ": words and punctuation marks, each between single spaces. */
function spaced(normalized: string): string {
  // normalizeText leaves only letters, digits, spaces, hyphens and these marks.
  return ` ${normalized.replace(/[.,!?:;()"'«»%№/@#]/g, " $& ").replace(/ {2,}/g, " ")} `;
}

const EMERGENCY = re(
  [
    "пожар(?:а|е|ом|у|ы|ов)?",
    "возгорани\\p{L}*",
    "задымлени\\p{L}*",
    "горит (?:дом|квартира|здание|лес|трава|баня|гараж|сарай|подъезд|машина|автомобиль|свалка|мусор)\\p{L}*",
    "прорыв\\p{L}*",
    "прорвал\\p{L}*",
    "порыв (?:трубы|водовода|теплотрассы|сетей)",
    "обрушени\\p{L}*",
    "обрушил\\p{L}*",
    "рухнул\\p{L}*",
    "обвал\\p{L}*",
    "паводк\\p{L}*",
    "паводок",
    "наводнени\\p{L}*",
    "подтоплени\\p{L}*",
    "подтопил\\p{L}*",
    "затопил\\p{L}* (?:улиц|дорог|дом|дворы|огород|подвал|поселок|село)\\p{L}*",
    "разлив\\p{L}* реки",
    "дтп",
    "авари(?:я|и|ю|ей)",
    "взрыв\\p{L}*",
    "утечк\\p{L}* газа",
  ].join("|"),
);

const DANGER = re(
  [
    "угроз\\p{L}* (?:для )?(?:жизни|здоровью|здоровья|жизням)",
    "опасн\\p{L}* для (?:жизни|здоровья|людей|детей)",
    "опасно",
    "смертельно\\p{L}*",
    "погиб\\p{L}*",
    "гибел\\p{L}*",
    "пострадал\\p{L}*",
    "травм(?!пункт)\\p{L}*",
    "покусал\\p{L}*",
    "укусил\\p{L}*",
    "напал\\p{L}*",
    "нападают",
    "бешенств\\p{L}*",
    "оголенн\\p{L}* провод\\p{L}*",
    "провод\\p{L}* (?:висит|висят|оборван\\p{L}*|лежит|лежат|на земле|искрит)",
    "искрит",
    "открыт\\p{L}* люк\\p{L}*",
    "люк\\p{L}* без крышки",
    "запах газа",
    "пахнет газом",
    "угар\\p{L}*",
    "отравил\\p{L}*",
    "отравлени\\p{L}*",
    "скорая (?:не|так и не) (?:приехала|едет|доехала|приезжает)",
    "умер(?:ла|ли|ло)?",
    "умира\\p{L}*",
    "при смерти",
    "задыха\\p{L}*",
    "сосульк\\p{L}*",
    "упал\\p{L}* (?:дерево|столб|ветка|крыша|балкон)",
    "грозит обрушением",
    "аварийн\\p{L}* состояни\\p{L}*",
    "люди падают",
    "без лекарств\\p{L}*",
    "нет инсулина",
  ].join("|"),
);

const CHILDREN = re(
  [
    "ребен(?:ок|ка|ку|ком|ке)",
    "дет(?:и|ей|ям|ьми|ях)",
    "детишк\\p{L}*",
    "малыш\\p{L}*",
    "младен\\p{L}*",
    "грудн\\p{L}* (?:реб\\p{L}*|дет\\p{L}*)",
    "грудничк\\p{L}*",
    "новорожденн\\p{L}*",
    "школьник\\p{L}*",
    "учени(?:к|ки|ков|кам|ками|ках)",
    "воспитанник\\p{L}*",
    "детск\\p{L}* сад\\p{L}*",
    "детсад\\p{L}*",
    "садик\\p{L}*",
  ].join("|"),
);

// With children, a risk or hardship makes the message high; a question about a kindergarten
// place does not.
const RISK = re(
  [
    "опасн\\p{L}*",
    "страшно",
    "боимся",
    "холодн\\p{L}*",
    "холодно",
    "мерзн\\p{L}*",
    "замерза\\p{L}*",
    "без присмотра",
    "проезж\\p{L}* част\\p{L}*",
    "по трассе",
    "обочин\\p{L}*",
    "темно",
    "без освещени\\p{L}*",
    "гололед\\p{L}*",
    "скользко",
    "бродяч\\p{L}* собак\\p{L}*",
    "стая собак",
    "собаки",
    "яма",
    "ямы",
    "провал\\p{L}*",
    "болеют",
    "заболел\\p{L}*",
    "отравил\\p{L}*",
    "плесень",
    "грибок",
    "крыса\\p{L}*",
    "нет воды",
    "нет света",
    "нет отоплени\\p{L}*",
    "без воды",
    "без света",
    "без отоплени\\p{L}*",
    "не работает",
    "сломан\\p{L}*",
    "торчат",
    "ржав\\p{L}*",
    "приходится",
    "вынуждены",
  ].join("|"),
);

// Exact forms, not prefixes: "светофор", "водитель" and "газон" are not utilities.
const UTILITY =
  "(?:(?:горяч\\p{L}* |холодн\\p{L}* )?вод(?:а|ы|е|у|ой)|водоснабжени\\p{L}*|свет(?:а|у|ом)?|электричеств\\p{L}*|электроэнерги\\p{L}*|электроснабжени\\p{L}*|" +
  "отоплени\\p{L}*|тепл(?:о|а)|теплоснабжени\\p{L}*|газ(?:а|у)?|газоснабжени\\p{L}*|канализаци\\p{L}*)";

const OUTAGE = new RegExp(
  `${B}(?:` +
    [
      `(?:нет|нету|без|отключ\\p{L}*|отсутству\\p{L}*|пропал\\p{L}*|перебои с|не дают|не подают|вырубил\\p{L}*)(?: \\p{L}+){0,3} ${UTILITY}`,
      `${UTILITY}(?: \\p{L}+){0,2} (?:нет|нету|отключ\\p{L}*|отсутству\\p{L}*|пропал\\p{L}*|не дают|не подают)`,
      "батаре\\p{L}* (?:холодн\\p{L}*|ледян\\p{L}*)",
      "холодн\\p{L}* батаре\\p{L}*",
      "замерза\\p{L}*",
      "мерзнем",
    ].join("|") +
    `)${E}`,
  "gu",
);

// How wide the outage is: a street, a house, a settlement, many people.
const SCOPE = re(
  [
    "(?:вс(?:я|ю|ей|е|ем|его|ех|ему)|весь|целый|целой|целом) (?:улиц\\p{L}*|дом\\p{L}*|поселок\\p{L}*|поселк\\p{L}*|сел\\p{L}*|деревн\\p{L}*|микрорайон\\p{L}*|район\\p{L}*|город\\p{L}*|квартал\\p{L}*|подъезд\\p{L}*|станиц\\p{L}*|хутор\\p{L}*)",
    "(?:на|по) (?:улиц\\p{L}*|ул)",
    "в (?:доме|домах|подъезде|поселке|селе|деревне|станице|микрорайоне|общежитии)",
    "несколько домов",
    "(?:весь|всем|у всех|все) (?:жител\\p{L}*|дома|соседи)",
    "жители",
    "полпоселка",
    "пол поселка",
    "половин\\p{L}* (?:поселка|села|улицы|города|домов)",
    "дом(?:а|е)? (?:no ?)?\\d+",
    "д \\d+",
  ].join("|"),
);

// How long: "третий день", "вторые сутки", "неделю" — a day without heat in Ямал is a danger.
const LONG = re(
  [
    "(?:второй|третий|четвертый|пятый|который|\\d+-?й) день",
    "(?:вторые|третьи|\\d+) сут(?:ок|ки)",
    "(?:\\d+|два|три|четыре|пять|несколько) (?:дня|дней|суток)",
    "(?:целую |уже )?неделю",
    "с (?:понедельника|вторника|среды|четверга|пятницы|субботы|воскресенья|прошлой недели)",
  ].join("|"),
);

const NEGATIONS: ReadonlySet<string> = new Set([
  "не",
  "нет",
  "без",
  "никакой",
  "никакого",
  "никаких",
]);

function firstMatch(pattern: RegExp, text: string, negatable: boolean): string | undefined {
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    // The next search starts at this match's closing space, which may open the next word.
    pattern.lastIndex = m.index + m[0].length;
    if (negatable && negated(text, m.index, m.index + m[0].length)) continue;
    return m[0].slice(1);
  }
  return undefined;
}

/** "не было пожара", "без угрозы", "пожара нет", "пожара не было": the word is there, the event is not. */
function negated(text: string, start: number, end: number): boolean {
  const before = text
    .slice(Math.max(0, start - 24), start)
    .split(" ")
    .filter((w) => w && w !== ",")
    .slice(-2);
  if (before.some((w) => NEGATIONS.has(w))) return true;
  // "пожара нет" is negated, "пожар, нет воды" is not: the comma stands between.
  const after = text
    .slice(end, end + 12)
    .split(" ")
    .filter(Boolean)[0];
  return after === "нет" || after === "не";
}

function plural(n: number, one: string, few: string, many: string): string {
  const mod10 = n % 10;
  const mod100 = n % 100;
  if (mod10 === 1 && mod100 !== 11) return one;
  if (mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14)) return few;
  return many;
}

/**
 * Reads a message for what makes it urgent: danger to life or health, children at risk, a
 * mass outage (no heat, water, power or gas for a street, a house, a settlement, or for days),
 * an emergency (fire, burst pipe, collapse, flood, road accident), or a wide reach.
 */
export function assessImportance(
  text: string | PreparedText,
  signals: ReachSignals = {},
  options: ImportanceOptions = {},
): ImportanceAssessment {
  const normalized = spaced((typeof text === "string" ? prepareText(text) : text).normalized);
  const reasons: string[] = [];

  const emergency = firstMatch(EMERGENCY, normalized, true);
  if (emergency) reasons.push(`чрезвычайная ситуация: «${emergency}»`);

  const danger = firstMatch(DANGER, normalized, true);
  if (danger) reasons.push(`угроза жизни или здоровью: «${danger}»`);

  const outage = firstMatch(OUTAGE, normalized, false);
  if (outage) {
    const scope = firstMatch(SCOPE, normalized, false);
    const place = options.location?.street ?? options.location?.house;
    const long = firstMatch(LONG, normalized, false);
    if (scope) reasons.push(`массовое отключение: «${outage}» — «${scope}»`);
    else if (place)
      reasons.push(`массовое отключение: «${outage}» — ${options.location!.street ?? "дом"}`);
    else if (long) reasons.push(`длительное отключение: «${outage}» — «${long}»`);
  }

  const child = firstMatch(CHILDREN, normalized, false);
  if (child) {
    const risk = emergency ?? danger ?? outage ?? firstMatch(RISK, normalized, true);
    if (risk) reasons.push(`затронуты дети: «${child}» — «${risk}»`);
  }

  const reach = options.reach ?? DEFAULT_REACH;
  const wide: string[] = [];
  if ((signals.likes ?? 0) >= reach.likes) {
    wide.push(
      `${signals.likes} ${plural(signals.likes!, "отметка", "отметки", "отметок")} «Нравится»`,
    );
  }
  if ((signals.reposts ?? 0) >= reach.reposts) {
    wide.push(`${signals.reposts} ${plural(signals.reposts!, "репост", "репоста", "репостов")}`);
  }
  if ((signals.comments ?? 0) >= reach.comments) {
    wide.push(
      `${signals.comments} ${plural(signals.comments!, "комментарий", "комментария", "комментариев")}`,
    );
  }
  if (wide.length) reasons.push(`широкий охват: ${wide.join(", ")}`);

  return { importance: reasons.length ? "high" : "normal", reasons };
}
