// How good a draft answer to a citizen is (000 п. 8.1, 004 п. 23): plain words, spelling, length, and the substance the regulation asks for.

/** What a regulation may require an answer to hold. */
export type Requirement =
  | "substance" // по существу, not a formal reply (000 п. 8.1)
  | "measures" // what was done or is being done (000 п. 8.1 "о принятых мерах")
  | "dates" // concrete terms (000 п. 8.1 "с указанием конкретных сроков")
  | "contacts" // phones, e-mail, addresses of the responsible unit (000 п. 8.1)
  | "photo" // photo or video where possible (000 п. 8.1 "по возможности")
  | "photoRequired" // photo evidence unless impossible (004, приложение 2)
  | "legalBasis"; // the law or act the answer relies on

export const REQUIREMENTS: readonly Requirement[] = [
  "substance",
  "measures",
  "dates",
  "contacts",
  "photo",
  "photoRequired",
  "legalBasis",
];

/** A spelling dictionary, passed in: the domain loads no files (see src/app/spelling.ts). */
export interface SpellChecker {
  correct(word: string): boolean;
  suggest(word: string): string[];
}

export interface AnswerCheckOptions {
  /** What the answer must hold; by default only substance, which every regulation asks for. */
  requires?: readonly Requirement[];
  /** Whether a photo or video is attached to the draft. */
  hasPhoto?: boolean;
  spell?: SpellChecker;
  /** Longest answer that still suits a social network, in characters. */
  maxLength?: number;
}

export type FindingCode =
  | "bureaucratese"
  | "vagueTerm"
  | "spelling"
  | "punctuation"
  | "longSentence"
  | "tooShort"
  | "tooLong"
  | "formalReply"
  | "noMeasures"
  | "planWithoutDate"
  | "noDates"
  | "noContacts"
  | "noPhoto"
  | "photoPromised"
  | "noLegalBasis";

export interface Finding {
  code: FindingCode;
  /** What is wrong, in Russian, for the executor. */
  message: string;
  /** Where in the draft; null when the finding is about something missing from it. */
  span: { start: number; end: number } | null;
  /** The words found, as written. */
  fragment?: string;
  /** What to write instead or add. */
  suggestion?: string;
  /** Points this finding takes from 100. */
  penalty: number;
}

export interface AnswerCheck {
  /** 100 minus the findings' penalties, never below 0. */
  score: number;
  findings: Finding[];
}

// ---------------------------------------------------------------------------------------
// Канцелярит: words an answer in a social network should not use (000 п. 8.1, 004 п. 23),
// each with a plainer way to say it. "*" ends a stem; phrases match through any spacing.

const BUREAUCRATESE: Array<[string, string]> = [
  ["в связи с вышеизложенным", "поэтому"],
  ["вышеизложенн*", "сказанное, это"],
  ["вышеуказанн*", "этот, названный"],
  ["вышеназванн*", "этот"],
  ["нижеследующ*", "такой, вот что"],
  ["довожу до вашего сведения", "сообщаю"],
  ["доводим до вашего сведения", "сообщаем"],
  ["доводим до сведения", "сообщаем"],
  ["сообщаем следующее", "начните сразу с сути"],
  ["сообщаю следующее", "начните сразу с сути"],
  ["настоящим сообщаем", "сообщаем"],
  ["информируем", "сообщаем"],
  ["уведомляем", "сообщаем"],
  ["в целях", "чтобы, для"],
  ["с целью", "чтобы"],
  ["осуществл*", "назовите само действие: «ремонтируем», «вывозим»"],
  ["производится", "идёт, делаем"],
  ["производятся", "идут, делаем"],
  ["производство работ", "работа, ремонт"],
  ["проведение работ", "работа, ремонт"],
  ["проведения работ", "работы, ремонта"],
  ["выполнение работ", "назовите работу: ремонт, уборка"],
  ["выполнения работ", "назовите работу: ремонта, уборки"],
  ["данный", "этот"],
  ["данная", "эта"],
  ["данное", "это"],
  ["данного", "этого"],
  ["данной", "этой"],
  ["данному", "этому"],
  ["данном", "этом"],
  ["данную", "эту"],
  ["в рамках", "по, во время"],
  ["согласно", "по, как сказано в"],
  ["в соответствии с", "по"],
  ["на основании", "по"],
  ["в настоящее время", "сейчас"],
  ["на сегодняшний день", "сейчас"],
  ["на текущий момент", "сейчас"],
  ["имеет место", "есть, бывает"],
  ["имело место", "было"],
  ["в связи с тем, что", "потому что, так как"],
  ["в связи с тем что", "потому что, так как"],
  ["ввиду", "из-за"],
  ["вследствие", "из-за"],
  ["по причине", "из-за"],
  ["посредством", "через, с помощью"],
  ["во избежание", "чтобы не"],
  ["в случае", "если"],
  ["в обязательном порядке", "обязательно"],
  ["в установленном порядке", "как положено — или просто уберите"],
  ["по вопросу", "о, про"],
  ["по факту", "о, после"],
  ["в части", "о, что касается"],
  ["в отношении", "о, для"],
  ["в адрес", "вам, в"],
  ["в ходе", "во время, при"],
  ["по результатам", "после"],
  ["является", "это, — (тире)"],
  ["являются", "это, — (тире)"],
  ["надлежащ*", "хороший, исправный, как нужно"],
  ["ненадлежащ*", "плохой, неисправный"],
  ["не представляется возможным", "не можем"],
  ["подлежит", "нужно, будет"],
  ["денежные средства", "деньги"],
  ["денежных средств", "денег"],
  ["за счет средств", "на деньги"],
  ["мероприяти*", "назовите, что именно сделано"],
  ["на территории", "в"],
  ["заявител*", "вы"],
  ["принять меры", "скажите, что именно сделаете"],
  ["приняты меры", "скажите, что именно сделано"],
  ["будут приняты меры", "скажите, что именно и когда сделаете"],
  ["ваше обращение рассмотрено", "начните с сути: что сделано или будет сделано"],
];

// Terms that name no term at all (000 п. 8.1 asks for concrete ones).
const VAGUE_TERMS: Array<[string, string]> = [
  ["в ближайшее время", "назовите дату: «до 20 декабря»"],
  ["в кратчайшие сроки", "назовите дату: «до 20 декабря»"],
  ["в кратчайший срок", "назовите дату: «до 20 декабря»"],
  ["в установленные сроки", "назовите срок"],
  ["в установленный срок", "назовите срок"],
  ["по мере возможности", "назовите срок или условие"],
  ["при наличии финансирования", "скажите, когда решится вопрос с деньгами"],
  ["в перспективе", "назовите год или квартал"],
];

const BUREAUCRATESE_PENALTY = 3;
const BUREAUCRATESE_CAP = 24;
const VAGUE_PENALTY = 5;
const SPELLING_PENALTY = 3;
const SPELLING_CAP = 15;
const SUGGEST_LIMIT = 10;
const PUNCTUATION_PENALTY = 1;
const PUNCTUATION_CAP = 5;
const LONG_SENTENCE_WORDS = 30;
const LONG_SENTENCE_PENALTY = 3;
const LONG_SENTENCE_CAP = 9;
const MIN_WORDS = 8;
const DEFAULT_MAX_LENGTH = 1000;

const L = "\\p{L}";

/** "в связи с тем, что" → a pattern for any case, any spacing, е for ё, whole words. */
function phrasePattern(entry: string): string {
  const stem = entry.endsWith("*");
  const words = (stem ? entry.slice(0, -1) : entry).split(" ");
  const body = words
    .map((w) =>
      w
        .replace(/,/g, ",?")
        .replace(/[её]/g, "[её]")
        .replace(/[.?+()]/g, (ch) => `\\${ch}`),
    )
    .join("\\s+");
  return `(?<!${L})${body}${stem ? `${L}*` : `(?!${L})`}`;
}

function compileList(list: Array<[string, string]>): Array<[RegExp, string]> {
  // longer entries first, so that "в связи с вышеизложенным" wins over "вышеизложенн*"
  return [...list]
    .sort((a, b) => b[0].length - a[0].length)
    .map(([entry, suggestion]) => [new RegExp(phrasePattern(entry), "giu"), suggestion]);
}

const BUREAUCRATESE_RE = compileList(BUREAUCRATESE);
const VAGUE_RE = compileList(VAGUE_TERMS);

// ---------------------------------------------------------------------------------------
// What the answer holds.

// Verbs of work done to the world, after an optional prefix, in the past or as a short
// participle: "отремонтировали", "устранена", "выполнен", "вывезли", "установлены".
const MEASURE_STEMS = [
  "ремонтир",
  "устран",
  "выполн",
  "замен",
  "убра",
  "убран",
  "вывез",
  "установ",
  "провед",
  "провел",
  "восстанов",
  "очищ",
  "очист",
  "засып",
  "подсып",
  "подключ",
  "почин",
  "покраш",
  "покрас",
  "демонтир",
  "смонтир",
  "монтир",
  "расчищ",
  "расчист",
  "вычищ",
  "вычист",
  "обработ",
  "спил",
  "скош",
  "покош",
  "асфальтир",
  "залат",
  "откача",
  "промы",
  "прочищ",
  "прочист",
  "задела",
  "утепл",
  "благоустро",
  "высаж",
  "посаж",
  "высади",
  "посади",
  "налаж",
  "налади",
  "отрегулир",
  "включ",
  "запущ",
  "запусти",
  "возобнов",
  "доставл",
  "достави",
  "заверш",
  "законч",
  "начат",
  "выезжа",
  "выеха",
  "осмотре",
  "обследова",
  "провер",
  "выдан",
  "выда",
  "составл",
  "состави",
  "привлеч",
  "закрыл",
  "закрыт",
  "огорож",
  "огороди",
  "укрепл",
  "закрепл",
  "заклее",
  "покрыт",
  "вставл",
  "встави",
  "сдела",
  "собра",
  "собран",
  "снес",
  "снят",
  "сня",
  "удал",
  "ликвидир",
  "оборудова",
  "построе",
  "постро",
  "отлов",
  "отлови",
  "эвакуир",
  "перенес",
  "передела",
];
const MEASURE_PREFIXES = [
  "",
  "от",
  "вы",
  "за",
  "у",
  "по",
  "про",
  "пере",
  "на",
  "с",
  "раз",
  "рас",
  "о",
  "об",
  "под",
  "вос",
  "в",
  "из",
  "до",
  "при",
];
const MEASURE_RE = new RegExp(
  `^(?:${MEASURE_PREFIXES.join("|")})(?:${MEASURE_STEMS.join("|")})\\p{L}*(?:л|ла|ло|ли|н|на|но|ны|т|та|то|ты|лись|лась|лся|лось)$`,
  "u",
);
const PLAN_RE = /(?<!\p{L})(?:буд(?:ет|ут)|планиру(?:ется|ем|ются)|запланирован\p{L}*)(?!\p{L})/iu;

const MONTHS =
  "январ\\p{L}*|феврал\\p{L}*|март\\p{L}*|апрел\\p{L}*|ма[йяею]|июн\\p{L}*|июл\\p{L}*|август\\p{L}*|сентябр\\p{L}*|октябр\\p{L}*|ноябр\\p{L}*|декабр\\p{L}*";
const DATE_RES: RegExp[] = [
  /\b\d{1,2}[./]\d{1,2}(?:[./]\d{2,4})?\b/u, // 15.12, 15.12.2025
  new RegExp(`(?<!\\p{L})\\d{1,2}\\s+(?:${MONTHS})(?!\\p{L})`, "iu"), // 15 декабря
  new RegExp(`(?<!\\p{L})(?:в|до|к|с|по)\\s+(?:${MONTHS})(?!\\p{L})`, "iu"), // в декабре
  /(?<!\p{L})(?:в\s+течение|за)\s+(?:\d+\s+)?(?:\p{L}+\s+)?(?:дн[яей]|день|недел\p{L}*|месяц\p{L}*|час\p{L}*|суток|лет|год\p{L}*)(?!\p{L})/iu,
  /(?<!\p{L})(?:в\s+срок\s+до|не\s+позднее|до\s+конца)(?!\p{L})/iu,
  /(?<!\p{L})(?:завтра|послезавтра|сегодня)(?!\p{L})/iu,
  /(?<!\p{L})на\s+(?:этой|следующей|будущей)\s+неделе(?!\p{L})/iu,
  /(?<!\p{L})в\s+(?:I{1,3}|IV|[1-4]|перв\p{L}*|втор\p{L}*|трет\p{L}*|четв[её]рт\p{L}*)\s+квартал\p{L}*/iu,
  /(?<!\d)(?:19|20)\d{2}\s*(?:г\.|год\p{L}*)/iu, // 2025 год
  /(?<!\p{L})(?:до|к|с)\s+\d{1,2}(?::\d{2})?\s*(?:час\p{L}*|ч\.)/iu,
];

const CONTACT_RES: RegExp[] = [
  /(?:\+7|(?<!\d)8)[\s(-]*\d{3,5}[\s)-]*\d{1,3}[\s-]*\d{2}[\s-]*\d{2}(?!\d)/u, // +7 (41536) 3-22-11
  /(?<!\d)\d{1,3}-\d{2}-\d{2}(?!\d)/u, // 3-22-11
  /[\w.+-]+@[\w-]+\.[\w.-]+/u, // e-mail
  /(?<!\p{L})(?:тел\.|телефон\p{L}*|e-?mail|эл\.\s*почт\p{L}*|электронн\p{L}*\s+почт\p{L}*|по\s+адресу|каб\.|кабинет\p{L}*|приемн\p{L}*|приёмн\p{L}*)/iu,
  /(?<!\p{L})(?:ул\.|улица|пр-т|проспект|пер\.|д\.\s*\d)/iu,
  /https?:\/\/\S+|(?<!\p{L})(?:vk\.com|ok\.ru|t\.me|gosuslugi\.ru)\S*/iu,
];

const LEGAL_RE =
  /(?<!\p{L})(?:федеральн\p{L}*\s+закон\p{L}*|закон\p{L}*|\d+-ФЗ|ФЗ|постановлени\p{L}*|распоряжени\p{L}*|приказ\p{L}*|решени\p{L}*\s+(?:думы|совета|собрания)|кодекс\p{L}*|ЖК\s+РФ|КоАП|СанПиН|ГОСТ|СНиП|СП\s+\d|правил\p{L}*\s+благоустройств\p{L}*|правил\p{L}*\s+содержани\p{L}*|стать\p{L}*\s+\d+|ст\.\s*\d+|п\.\s*\d+|пункт\p{L}*\s+\d+)(?!\p{L})/u;

const PHOTO_PROMISE_RE =
  /(?<!\p{L})(?:фото\p{L}*|фотографи\p{L}*|фотоотч[её]т\p{L}*|видео\p{L}*|снимк\p{L}*)\s+(?:\p{L}+\s+)?(?:прилага\p{L}*|прилож\p{L}*|прикреп\p{L}*|прикладыва\p{L}*)|(?:прилагаем|прикладываем|прикрепляем|прилагаю)\s+(?:\p{L}+\s+)?(?:фото\p{L}*|фотографи\p{L}*|фотоотч[её]т\p{L}*|видео\p{L}*|снимк\p{L}*)|(?<!\p{L})(?:на|см\.?)\s+фото(?!\p{L})/iu;
const PHOTO_IMPOSSIBLE_RE =
  /(?<!\p{L})(?:фото\p{L}*\s+(?:сделать\s+)?невозможн\p{L}*|невозможно\s+(?:сделать\s+|приложить\s+)?фото\p{L}*|без\s+фото)(?!\p{L})/iu;

// Formulas of a formal reply ("отписка"): the message was received, passed on, considered.
const FORMAL_RE =
  /(?<!\p{L})(?:обращени\p{L}*\s+(?:\p{L}+\s+)?(?:принят\p{L}*|направлен\p{L}*|передан\p{L}*|зарегистрирован\p{L}*|рассмотрен\p{L}*)|информаци\p{L}*\s+(?:принят\p{L}*\s+к\s+сведению|передан\p{L}*|направлен\p{L}*)|взят\p{L}*\s+на\s+контроль|вопрос\s+(?:прорабатывается|находится\s+на\s+рассмотрении)|ведется\s+работа|ведётся\s+работа)/iu;

// ---------------------------------------------------------------------------------------

const WORD_RE = /[\p{L}\d]+(?:-[\p{L}\d]+)*/gu;

function words(text: string): Array<{ word: string; start: number }> {
  return [...text.matchAll(WORD_RE)].map((m) => ({ word: m[0], start: m.index }));
}

function findList(
  text: string,
  list: Array<[RegExp, string]>,
  taken: Array<[number, number]>,
): Array<{ start: number; end: number; fragment: string; suggestion: string }> {
  const found: Array<{ start: number; end: number; fragment: string; suggestion: string }> = [];
  for (const [re, suggestion] of list) {
    re.lastIndex = 0;
    for (const m of text.matchAll(re)) {
      const start = m.index;
      const end = start + m[0].length;
      if (taken.some(([s, e]) => start < e && end > s)) continue;
      taken.push([start, end]);
      found.push({ start, end, fragment: m[0], suggestion });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

/** Penalties that stop growing at a cap: the findings past it are still listed, at 0. */
function capped(count: number, each: number, cap: number): number[] {
  let left = cap;
  return Array.from({ length: count }, () => {
    const p = Math.min(each, left);
    left -= p;
    return p;
  });
}

function checkSpelling(text: string, spell: SpellChecker): Finding[] {
  const seen = new Set<string>();
  const wrong: Array<{ word: string; start: number }> = [];
  for (const w of words(text)) {
    // Names (capitalised), abbreviations, numbers and Latin are not the dictionary's business.
    if (!/^[а-яё]{3,}(?:-[а-яё]+)*$/u.test(w.word)) continue;
    const key = w.word.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    const parts = w.word.split("-");
    if (parts.every((p) => spell.correct(p)) || spell.correct(w.word)) continue;
    wrong.push(w);
  }
  const penalties = capped(wrong.length, SPELLING_PENALTY, SPELLING_CAP);
  return wrong.map((w, i) => {
    // suggesting is slow (a dictionary search per word): a page of typos gets the first ones
    const suggestions = i < SUGGEST_LIMIT ? spell.suggest(w.word).slice(0, 3) : [];
    return {
      code: "spelling" as const,
      message: `Возможная ошибка в слове «${w.word}»`,
      span: { start: w.start, end: w.start + w.word.length },
      fragment: w.word,
      ...(suggestions.length > 0 ? { suggestion: suggestions.join(", ") } : {}),
      penalty: penalties[i] as number,
    };
  });
}

function checkPunctuation(text: string): Finding[] {
  const found: Array<{ start: number; end: number; message: string; suggestion: string }> = [];
  for (const m of text.matchAll(/\s+[,.;:!?](?![.\d])/gu)) {
    found.push({
      start: m.index,
      end: m.index + m[0].length,
      message: "Пробел перед знаком препинания",
      suggestion: m[0].trim(),
    });
  }
  for (const m of text.matchAll(/(?<=\p{Ll})[,;:](?=\p{L})|(?<=\p{Ll})[.!?](?=\p{Lu}\p{Ll})/gu)) {
    found.push({
      start: m.index,
      end: m.index + 1,
      message: "Нет пробела после знака препинания",
      suggestion: `${m[0]} `,
    });
  }
  found.sort((a, b) => a.start - b.start);
  const penalties = capped(found.length, PUNCTUATION_PENALTY, PUNCTUATION_CAP);
  return found.map((f, i) => ({
    code: "punctuation" as const,
    message: f.message,
    span: { start: f.start, end: f.end },
    fragment: text.slice(f.start, f.end),
    suggestion: f.suggestion,
    penalty: penalties[i] as number,
  }));
}

function checkSentences(text: string): Finding[] {
  const long: Array<{ start: number; end: number; count: number }> = [];
  for (const m of text.matchAll(/[^.!?\n]+[.!?]*/gu)) {
    const count = words(m[0]).length;
    if (count > LONG_SENTENCE_WORDS) {
      const lead = m[0].length - m[0].trimStart().length;
      long.push({ start: m.index + lead, end: m.index + m[0].trimEnd().length, count });
    }
  }
  const penalties = capped(long.length, LONG_SENTENCE_PENALTY, LONG_SENTENCE_CAP);
  return long.map((s, i) => ({
    code: "longSentence" as const,
    message: `Длинное предложение: ${s.count} слов — в соцсети его не дочитают`,
    span: { start: s.start, end: s.end },
    suggestion: `Разбейте на предложения до ${LONG_SENTENCE_WORDS} слов`,
    penalty: penalties[i] as number,
  }));
}

const missing = (
  code: FindingCode,
  message: string,
  suggestion: string,
  penalty: number,
): Finding => ({ code, message, span: null, suggestion, penalty });

/**
 * Checks a draft answer to a citizen: bureaucratese with plainer words, vague terms,
 * spelling (through the checker passed in) and punctuation, length, and whether it holds
 * what the regulation requires. The score is 100 minus the penalties of the findings.
 */
export function checkAnswer(text: string, opts: AnswerCheckOptions = {}): AnswerCheck {
  const requires = new Set(opts.requires ?? ["substance"]);
  const findings: Finding[] = [];
  const taken: Array<[number, number]> = [];

  const vague = findList(text, VAGUE_RE, taken);
  for (const v of vague) {
    findings.push({
      code: "vagueTerm",
      message: `Срок без срока: «${v.fragment}»`,
      span: { start: v.start, end: v.end },
      fragment: v.fragment,
      suggestion: v.suggestion,
      penalty: VAGUE_PENALTY,
    });
  }
  const bureau = findList(text, BUREAUCRATESE_RE, taken);
  const bureauPenalties = capped(bureau.length, BUREAUCRATESE_PENALTY, BUREAUCRATESE_CAP);
  bureau.forEach((b, i) => {
    findings.push({
      code: "bureaucratese",
      message: `Канцелярит: «${b.fragment}»`,
      span: { start: b.start, end: b.end },
      fragment: b.fragment,
      suggestion: b.suggestion,
      penalty: bureauPenalties[i] as number,
    });
  });

  if (opts.spell) findings.push(...checkSpelling(text, opts.spell));
  findings.push(...checkPunctuation(text));
  findings.push(...checkSentences(text));

  const wordCount = words(text).length;
  const maxLength = opts.maxLength ?? DEFAULT_MAX_LENGTH;
  if (wordCount < MIN_WORDS) {
    findings.push(
      missing(
        "tooShort",
        `Слишком короткий ответ: ${wordCount} ${wordForm(wordCount, ["слово", "слова", "слов"])}`,
        "Скажите по существу: что сделано, в какой срок, куда обращаться",
        30,
      ),
    );
  } else if (text.trim().length > maxLength) {
    findings.push(
      missing(
        "tooLong",
        `Длинный для соцсети ответ: ${text.trim().length} знаков при норме до ${maxLength}`,
        "Оставьте суть: что сделано, срок, контакт; подробности — по ссылке или телефону",
        text.trim().length > 2 * maxLength ? 20 : 10,
      ),
    );
  }

  const tokens = words(text).map((w) => w.word.toLowerCase().replace(/ё/g, "е"));
  const hasMeasures = tokens.some((w) => MEASURE_RE.test(w));
  const hasDates = DATE_RES.some((re) => re.test(text));
  const planned = PLAN_RE.test(text) && hasMeasures;

  if (requires.has("substance") && FORMAL_RE.test(text) && !hasMeasures && !hasDates) {
    findings.push(
      missing(
        "formalReply",
        "Похоже на отписку: обращение «принято» или «передано», но что будет сделано — не сказано",
        "Напишите, что сделано или будет сделано и когда",
        25,
      ),
    );
  }
  if (requires.has("measures") && !hasMeasures) {
    findings.push(
      missing(
        "noMeasures",
        "Не сказано, какие меры приняты",
        "Назовите сделанное: «отремонтировали», «вывезли», «заменили лампы»",
        20,
      ),
    );
  }
  if (planned && !hasDates) {
    findings.push(
      missing(
        "planWithoutDate",
        "Обещание без срока: сказано, что будет сделано, но не когда",
        "Добавьте срок: «до 20 декабря», «в течение недели»",
        10,
      ),
    );
  } else if (requires.has("dates") && !hasDates) {
    findings.push(
      missing(
        "noDates",
        "Нет сроков",
        "Назовите дату или срок: «до 15 декабря», «в течение 10 дней»",
        15,
      ),
    );
  }
  if (requires.has("contacts") && !CONTACT_RES.some((re) => re.test(text))) {
    findings.push(
      missing(
        "noContacts",
        "Нет контактов ответственного подразделения",
        "Добавьте телефон, адрес или электронную почту",
        10,
      ),
    );
  }
  const photoPromise = PHOTO_PROMISE_RE.exec(text);
  if (photoPromise && !opts.hasPhoto) {
    findings.push({
      code: "photoPromised",
      message: "В тексте обещано фото, но оно не приложено",
      span: { start: photoPromise.index, end: photoPromise.index + photoPromise[0].length },
      fragment: photoPromise[0],
      suggestion: "Приложите фото или уберите упоминание",
      penalty: 15,
    });
  } else if (!opts.hasPhoto && !PHOTO_IMPOSSIBLE_RE.test(text)) {
    if (requires.has("photoRequired")) {
      findings.push(
        missing(
          "noPhoto",
          "Нет фото: регламент требует фотоподтверждения, если оно возможно",
          "Приложите фото результата или объясните, почему его нет",
          20,
        ),
      );
    } else if (requires.has("photo")) {
      findings.push(
        missing(
          "noPhoto",
          "Нет фото или видео (по возможности их прикладывают)",
          "Приложите фото результата",
          5,
        ),
      );
    }
  }
  if (requires.has("legalBasis") && !LEGAL_RE.test(text)) {
    findings.push(
      missing(
        "noLegalBasis",
        "Нет ссылки на закон или акт, на котором основан ответ",
        "Назовите документ: «по постановлению администрации № 123 от 01.02.2025»",
        10,
      ),
    );
  }

  findings.sort((a, b) => (a.span?.start ?? Infinity) - (b.span?.start ?? Infinity));
  const penalty = findings.reduce((sum, f) => sum + f.penalty, 0);
  return { score: Math.max(0, 100 - penalty), findings };
}

/** Russian plural: 1 слово, 2 слова, 5 слов. */
export function wordForm(n: number, forms: [string, string, string]): string {
  const mod100 = n % 100;
  const mod10 = n % 10;
  if (mod100 >= 11 && mod100 <= 14) return forms[2];
  if (mod10 === 1) return forms[0];
  if (mod10 >= 2 && mod10 <= 4) return forms[1];
  return forms[2];
}
