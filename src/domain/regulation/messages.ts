// Everything the regulation module says to people, in Russian and English.
import { formatDuration, pluralRu, type Locale } from "../i18n.ts";
import { formatLocal } from "../calendar/time-zone.ts";
import type { LintFinding } from "./lint.ts";
import type { SourceProblem } from "./parse.ts";
import type { Actor, CaseEvent, Importance } from "./schema.ts";
import { parseTerm, type Term } from "./term.ts";

const ACTOR_NAMES: Record<Actor, Record<Locale, string>> = {
  curator: { ru: "Куратор", en: "Curator" },
  executor: { ru: "Исполнитель", en: "Executor" },
  approver: { ru: "Согласующий", en: "Approver" },
  supervisor: { ru: "Ответственное должностное лицо", en: "Supervisor" },
  system: { ru: "Система", en: "System" },
  citizen: { ru: "Автор сообщения", en: "Author" },
};

const EVENT_NAMES: Record<CaseEvent, Record<Locale, string>> = {
  posted: { ru: "размещение сообщения", en: "message posted" },
  detected: { ru: "выявление", en: "detection" },
  assigned: { ru: "назначение исполнителя", en: "assignment" },
  accepted: { ru: "принятие в работу", en: "acceptance" },
  returned: { ru: "возврат не по компетенции", en: "return as not competent" },
  partRequested: { ru: "запрос части ответа у соисполнителя", en: "part requested" },
  partSubmitted: { ru: "получение части ответа", en: "part received" },
  draftSubmitted: { ru: "поступление проекта ответа", en: "draft received" },
  revisionRequested: { ru: "возврат на доработку", en: "returned for revision" },
  approved: { ru: "согласование", en: "approval" },
  handedOver: { ru: "передача ответа для размещения", en: "handed over for publication" },
  published: { ru: "размещение ответа", en: "answer published" },
  interimPublished: { ru: "размещение промежуточного ответа", en: "interim answer published" },
  rejectedByCitizen: { ru: "несогласие автора с ответом", en: "answer rejected by the author" },
  repeatReceived: { ru: "поступление повторного сообщения", en: "repeat received" },
  additionalControlSet: {
    ru: "постановка на дополнительный контроль",
    en: "additional control set",
  },
  additionalControlReported: { ru: "доклад о мерах", en: "measures reported" },
  escalated: { ru: "доклад Главе", en: "escalation" },
};

const IMPORTANCE_NAMES: Record<Importance, Record<Locale, string>> = {
  normal: { ru: "обычная", en: "normal" },
  high: { ru: "высокая", en: "high" },
  fastTrack: { ru: "фаст-трек", en: "fast track" },
};

const REASON_NAMES: Record<string, Record<Locale, string>> = {
  threat: { ru: "угрозы жизни, здоровью, имуществу", en: "threats to life, health or property" },
  harmIntent: { ru: "намерение причинить вред", en: "intent to harm" },
  obscene: { ru: "нецензурная брань", en: "obscene language" },
  insult: { ru: "оскорбления", en: "insults" },
};

const REQUIREMENT_NAMES: Record<string, Record<Locale, string>> = {
  substance: { ru: "по существу вопроса", en: "to the point" },
  measures: { ru: "принятые меры", en: "measures taken" },
  dates: { ru: "конкретные сроки", en: "dates or terms" },
  contacts: { ru: "контакты ответственных", en: "contacts" },
  photo: { ru: "фото или видео (по возможности)", en: "photo or video when available" },
  photoRequired: { ru: "подтверждающие фотоматериалы обязательно", en: "photo evidence required" },
  legalBasis: { ru: "ссылки на правовые акты", en: "legal basis" },
};

export const reasonName = (r: string, locale: Locale): string => REASON_NAMES[r]?.[locale] ?? r;
export const requirementName = (r: string, locale: Locale): string =>
  REQUIREMENT_NAMES[r]?.[locale] ?? r;

export const actorName = (a: Actor, locale: Locale): string => ACTOR_NAMES[a][locale];
export const eventName = (e: CaseEvent, locale: Locale): string => EVENT_NAMES[e][locale];
export const importanceName = (i: Importance, locale: Locale): string =>
  IMPORTANCE_NAMES[i][locale];

/** "п. 8.2" / "cl. 8.2"; several clauses as "пп. 10, 14". */
export function clauseLabel(clauses: string | readonly string[], locale: Locale): string {
  const list = typeof clauses === "string" ? [clauses] : [...clauses];
  if (!list.length) return "";
  const several = list.length > 1 || /[,–-]/.test(list[0] as string);
  const prefix = locale === "ru" ? (several ? "пп." : "п.") : "cl.";
  return `${prefix} ${list.join(", ")}`;
}

/** A term as people say it. `stageTitle` names the stage a "before" term refers to. */
export function describeTerm(
  term: Term,
  locale: Locale,
  stageTitle?: (id: string) => string | undefined,
): string {
  switch (term.basis) {
    case "workingMinutes":
      return formatDuration(term.minutes, locale);
    case "workingDays":
      return locale === "ru"
        ? `${term.days} ${pluralRu(term.days, "рабочий день", "рабочих дня", "рабочих дней")}`
        : `${term.days} working day${term.days === 1 ? "" : "s"}`;
    case "calendarDays":
      if (term.days === 0) return locale === "ru" ? "в тот же день" : "the same day";
      return locale === "ru"
        ? `${term.days} ${pluralRu(term.days, "календарный день", "календарных дня", "календарных дней")}`
        : `${term.days} calendar day${term.days === 1 ? "" : "s"}`;
    case "before": {
      const title = stageTitle?.(term.stage) ?? term.stage;
      return locale === "ru"
        ? `за ${formatDuration(term.minutes, locale)} до срока «${title}»`
        : `${formatDuration(term.minutes, locale)} before the deadline of “${title}”`;
    }
    case "immediately":
      return locale === "ru" ? "незамедлительно" : "immediately";
  }
}

const q = (s: string | number | undefined): string => `«${s ?? ""}»`;

/** A problem found while reading a regulation file, as one line. */
export function describeProblem(p: SourceProblem, locale: Locale): string {
  const at =
    locale === "ru"
      ? `строка ${p.line}, столбец ${p.column}`
      : `line ${p.line}, column ${p.column}`;
  const where = p.path ? ` (${p.path})` : "";
  const ru: Record<SourceProblem["code"], () => string> = {
    yamlSyntax: () => `ошибка синтаксиса YAML: ${p.params.message}`,
    required: () => `нет обязательного поля ${q(p.params.field)}`,
    unknownField: () => `неизвестное поле ${q(p.params.field)}`,
    wrongType: () =>
      p.params.expected === "string"
        ? 'ожидается текст (номер пункта пишите в кавычках: "8.10")'
        : `неверный тип значения, ожидается ${p.params.expected}`,
    notOneOf: () => `недопустимое значение ${q(p.params.value)}; допустимы: ${p.params.allowed}`,
    badTerm: () =>
      `непонятный срок ${q(p.params.value)}; примеры: 30m, 1h10m, 8h, 7 working days, 10 calendar days, 4h before total`,
    badValue: () => `недопустимое значение ${q(p.params.value)}`,
    tooFew: () => `нужно не меньше ${p.params.limit} элемента`,
    duplicateId: () => `идентификатор ${q(p.params.id)} уже использован`,
    unknownStage: () => `ссылка на несуществующий этап ${q(p.params.stage)}`,
    unknownTimeZone: () =>
      `неизвестный часовой пояс ${q(p.params.value)} (нужно имя IANA, например Europe/Moscow)`,
    importanceNotInProcedure: () =>
      `вариант для важности ${q(p.params.importance)}, которой нет в списке importance порядка`,
    channelInTwoProcedures: () =>
      `канал ${q(p.params.channel)} уже относится к порядку ${q(p.params.other)}`,
    severalTotals: () => "в порядке больше одного этапа kind: total",
  };
  const en: Record<SourceProblem["code"], () => string> = {
    yamlSyntax: () => `YAML syntax error: ${p.params.message}`,
    required: () => `missing required field “${p.params.field}”`,
    unknownField: () => `unknown field “${p.params.field}”`,
    wrongType: () =>
      p.params.expected === "string"
        ? 'text expected (quote clause numbers: "8.10")'
        : `wrong type, expected ${p.params.expected}`,
    notOneOf: () => `“${p.params.value}” is not allowed; use one of: ${p.params.allowed}`,
    badTerm: () =>
      `unreadable term “${p.params.value}”; e.g. 30m, 1h10m, 8h, 7 working days, 10 calendar days, 4h before total`,
    badValue: () => `invalid value “${p.params.value}”`,
    tooFew: () => `at least ${p.params.limit} item(s) needed`,
    duplicateId: () => `id “${p.params.id}” is used twice`,
    unknownStage: () => `refers to a stage that does not exist: “${p.params.stage}”`,
    unknownTimeZone: () =>
      `unknown time zone “${p.params.value}” (use an IANA name such as Europe/Moscow)`,
    importanceNotInProcedure: () =>
      `variant for importance “${p.params.importance}”, which the procedure does not list`,
    channelInTwoProcedures: () =>
      `channel “${p.params.channel}” already belongs to procedure “${p.params.other}”`,
    severalTotals: () => "more than one stage of kind: total in a procedure",
  };
  return `${at}${where}: ${(locale === "ru" ? ru : en)[p.code]()}`;
}

const SEVERITY: Record<LintFinding["severity"], Record<Locale, string>> = {
  error: { ru: "ошибка", en: "error" },
  warning: { ru: "предупреждение", en: "warning" },
  info: { ru: "замечание", en: "note" },
};

/** A linter finding as one paragraph, with its clauses and a concrete example. */
export function describeFinding(f: LintFinding, locale: Locale, timeZone: string): string {
  const p = f.params;
  const when = (t: number | undefined): string =>
    t === undefined ? "" : formatLocal(t, timeZone, locale);
  const imp = f.importance ? importanceName(f.importance, locale) : "";
  const term = (text: unknown, reference?: unknown): string => {
    const parsed = parseTerm(String(text ?? ""));
    return parsed
      ? describeTerm(parsed, locale, () =>
          reference === undefined ? undefined : String(reference),
        )
      : String(text ?? "");
  };
  const ru = (): string => {
    switch (f.code) {
      case "noTimeLeft":
        return (
          `этап ${q(p.title)} при важности ${q(imp)}: срок ${q(term(p.term, p.reference))}` +
          (p.reference ? ` при сроке этапа ${q(p.reference)} ${term(p.referenceTerm)}` : "") +
          ` не оставляет времени (${formatDuration(Number(p.minutesLeft), "ru")}). Например, сообщение выявлено ${when(f.example?.start)}: ` +
          `этап может начаться ${when(f.example?.stageStart)}, а его срок — ${when(f.example?.deadline)}.`
        );
      case "stagesExceedTotal":
        return (
          `при важности ${q(imp)} сроки этапов в сумме больше общего срока ${p.total} на ${formatDuration(Number(p.minutesOver), "ru")}: ` +
          `${p.chain}. Например, сообщение выявлено ${when(f.example?.start)}: общий срок ${when(f.example?.totalDeadline)}, ` +
          `а этапы заканчиваются ${when(f.example?.finish)}.`
        );
      case "missingActor":
        return `у этапа ${q(p.title)} не указан ответственный (actor)`;
      case "actorNotDescribed":
        return `ответственный ${q(p.actor)} в ${q(p.title)}: регламент не говорит, кто это (нет в roles)`;
      case "unreachableStage":
        return `этап ${q(p.title)} недостижим: событие ${q(p.event)}, с которого он начинается, не наступает ни после одного этапа`;
      case "noDeadline":
        return `у этапа ${q(p.title)} нет срока, и общего срока в порядке нет`;
      case "noClause":
        return `у этапа ${q(p.title)} нет ссылки на пункт документа (правило принято командой — см. note)`;
      case "importanceChangesNothing":
        return `важность ${q(imp)} не меняет ни одного срока`;
    }
  };
  const en = (): string => {
    switch (f.code) {
      case "noTimeLeft":
        return (
          `stage “${p.title}” at ${imp} importance: the term “${term(p.term, p.reference)}”` +
          (p.reference ? ` with “${p.reference}” at ${term(p.referenceTerm)}` : "") +
          ` leaves no time (${formatDuration(Number(p.minutesLeft), "en")}). E.g. a message detected ${when(f.example?.start)}: ` +
          `the stage can start ${when(f.example?.stageStart)} but is due ${when(f.example?.deadline)}.`
        );
      case "stagesExceedTotal":
        return (
          `at ${imp} importance the stage terms add up to more than the total ${p.total}, by ${formatDuration(Number(p.minutesOver), "en")}: ` +
          `${p.chain}. E.g. detected ${when(f.example?.start)}: total due ${when(f.example?.totalDeadline)}, stages end ${when(f.example?.finish)}.`
        );
      case "missingActor":
        return `stage “${p.title}” has nobody responsible (actor)`;
      case "actorNotDescribed":
        return `“${p.actor}” in “${p.title}”: the regulation does not say who that is (not in roles)`;
      case "unreachableStage":
        return `stage “${p.title}” is unreachable: its starting event “${p.event}” never happens`;
      case "noDeadline":
        return `stage “${p.title}” has no term and the procedure has no total term`;
      case "noClause":
        return `stage “${p.title}” cites no clause (a rule chosen by the team — see its note)`;
      case "importanceChangesNothing":
        return `importance “${imp}” changes no term`;
    }
  };
  const head = `${SEVERITY[f.severity][locale]}${f.line ? (locale === "ru" ? `, строка ${f.line}` : `, line ${f.line}`) : ""}`;
  const clauses = f.clauses.length ? ` [${clauseLabel(f.clauses, locale)}]` : "";
  return `${head}${clauses}, ${f.procedure}: ${locale === "ru" ? ru() : en()}`;
}
