// otklik regulation: the presets, a regulation as a readable table, and its linter.
import {
  compileSchedule,
  formatLocal,
  parseInstant,
  productionCalendar,
  WorkingTime,
} from "../domain/calendar/index.ts";
import type { Locale } from "../domain/i18n.ts";
import { lintRegulation } from "../domain/regulation/lint.ts";
import {
  actorName,
  clauseLabel,
  describeFinding,
  describeProblem,
  describeTerm,
  eventName,
  importanceName,
  reasonName,
  requirementName,
} from "../domain/regulation/messages.ts";
import { stageById, type Procedure, type Regulation } from "../domain/regulation/model.ts";
import { planPaths } from "../domain/regulation/plan.ts";
import { PRESETS } from "../domain/regulation/presets.ts";
import { IMPORTANCES, RegulationSchema, type Importance } from "../domain/regulation/schema.ts";
import { parseTerm } from "../domain/regulation/term.ts";
import { loadRegulation } from "../app/regulation-presets.ts";
import {
  localeOf,
  parseOptions,
  UsageError,
  withSubcommands,
  writeLine,
  type Command,
  type Io,
} from "./command.ts";
import { renderTable } from "./table.ts";

const HELP = `Использование:
  otklik regulation list                         встроенные регламенты (пресеты)
  otklik regulation show <пресет|файл> [--at <ISO 8601>] [--importance normal|high|fastTrack] [--json]
  otklik regulation lint <пресет|файл> [--json]  противоречия и пробелы; код выхода 1 при ошибках
  otklik regulation schema                       JSON Schema формата регламента
Общий параметр: --lang ru|en`;

/** A regulation named on the command line that is neither a preset nor a file that reads. */
export function unreadableRegulation(name: string, e: unknown): UsageError {
  const code = (e as NodeJS.ErrnoException).code;
  return new UsageError(
    code === "ENOENT"
      ? `нет пресета или файла «${name}»; пресеты: ${PRESETS.map((p) => p.name).join(", ")}`
      : `не удалось прочитать «${name}»: ${code ?? (e as Error).message}`,
    { cause: e },
  );
}

/** Parses the named regulation; prints its problems and returns undefined when it does not read. */
function load(name: string | undefined, io: Io, locale: Locale): Regulation | undefined {
  if (!name)
    throw new UsageError("нужен пресет или файл регламента; список: otklik regulation list");
  let loaded;
  try {
    loaded = loadRegulation(name);
  } catch (e) {
    throw unreadableRegulation(name, e);
  }
  if (loaded.ok) return loaded.regulation;
  writeLine(
    io.stderr,
    `${loaded.source}: ${locale === "ru" ? "регламент не читается" : "the regulation does not read"}`,
  );
  for (const p of loaded.problems) writeLine(io.stderr, `  ${describeProblem(p, locale)}`);
  return undefined;
}

/** The default schedule in the regulation's own zone: what the linter and previews count on. */
function defaultWorkingTime(regulation: Regulation): WorkingTime {
  const compiled = compileSchedule({ timeZone: regulation.timeZone });
  if (!compiled.ok) throw new Error("the default schedule does not compile");
  return new WorkingTime(productionCalendar(), compiled.schedule);
}

function stageRows(procedure: Procedure, locale: Locale): string[][] {
  const titleOf = (id: string): string | undefined => stageById(procedure, id)?.title;
  return procedure.stages.map((s) => {
    const own = s.term
      ? describeTerm(s.term.term, locale, titleOf)
      : locale === "ru"
        ? "в пределах общего срока"
        : "within the total";
    const variants = Object.entries(s.variants)
      .map(([imp, rule]) => {
        const from =
          rule.from && rule.from !== s.from
            ? locale === "ru"
              ? ` с момента «${eventName(rule.from, locale)}»`
              : ` from ${eventName(rule.from, locale)}`
            : "";
        return `${importanceName(imp as Importance, locale)}: ${describeTerm(rule.term, locale, titleOf)}${from}${rule.clause && rule.clause !== s.clause ? ` (${clauseLabel(rule.clause, locale)})` : ""}`;
      })
      .join("\n");
    const kind =
      s.kind === "total"
        ? locale === "ru"
          ? " [общий срок]"
          : " [total]"
        : s.kind === "window"
          ? locale === "ru"
            ? " [право, не обязанность]"
            : " [optional window]"
          : "";
    return [
      `${s.title}${kind}`,
      s.actor ? actorName(s.actor, locale) : "—",
      eventName(s.from, locale),
      s.until.map((e) => eventName(e, locale)).join(locale === "ru" ? " или " : " or "),
      variants ? `${own}\n${variants}` : own,
      s.clause ? clauseLabel(s.clause, locale) : "—",
    ];
  });
}

function ruleLines(procedure: Procedure, locale: Locale): string[] {
  const ru = locale === "ru";
  const at = (clause: string | undefined): string =>
    clause ? ` (${clauseLabel(clause, locale)})` : "";
  const lines: string[] = [];
  const p = procedure;
  if (p.interim)
    lines.push(
      (ru ? "Промежуточный ответ допускается" : "Interim answers allowed") +
        (p.interim.reasonRequired ? (ru ? ", с указанием причины" : ", with the reason") : "") +
        (p.interim.clarificationCountsAsInterim
          ? ru
            ? "; запрос (уточнение) автору считается так же"
            : "; a clarification request counts the same"
          : "") +
        at(p.interim.clause),
    );
  if (p.shortening)
    lines.push(
      `${ru ? "Сокращение срока" : "Shortening"} «${stageById(p, p.shortening.stage)?.title}»: ${actorName(p.shortening.by, locale)}${at(p.shortening.clause)}`,
    );
  if (p.extension) {
    const maximum = parseTerm(p.extension.maximum);
    lines.push(
      `${ru ? "Продление" : "Extension"}: ${ru ? "запрашивает" : "requested by"} ${actorName(p.extension.requestedBy, locale)}, ${ru ? "решает" : "decided by"} ${actorName(p.extension.decidedBy, locale)}, ${ru ? "не более" : "at most"} ${maximum ? describeTerm(maximum, locale) : p.extension.maximum}, ${p.extension.times} ${ru ? "раз" : "time(s)"}${at(p.extension.clause)}`,
    );
  }
  if (p.parts)
    lines.push(
      `${ru ? "Несколько исполнителей: ответственного определяет" : "Several executors: the lead is designated by"} ${actorName(p.parts.leadDesignatedBy, locale)}${at(p.parts.clause)}`,
    );
  if (p.repeats)
    lines.push(
      `${ru ? "Повторные сообщения — в то же подразделение" : "Repeats go to the same department"}${p.repeats.answerMustReport ? `; ${ru ? "ответ должен содержать" : "the answer must report"}: ${p.repeats.answerMustReport}` : ""}${at(p.repeats.clause)}`,
    );
  if (p.additionalControl)
    lines.push(
      `${ru ? "Дополнительный контроль до фактического решения ставит" : "Additional control set by"} ${actorName(p.additionalControl.by, locale)}${at(p.additionalControl.clause)}`,
    );
  if (p.notProcessable)
    lines.push(
      `${ru ? "Не подлежат обработке" : "Not processable"}: ${p.notProcessable.reasons.map((r) => reasonName(r, locale)).join(", ")}${at(p.notProcessable.clause)}`,
    );
  if (p.moderation)
    lines.push(
      `${ru ? "Модерация комментариев" : "Comment moderation"}${p.moderation.blacklist ? (ru ? ", «чёрный список»" : ", blacklist") : ""}${at(p.moderation.clause)}`,
    );
  if (p.publication) {
    const parts = [
      p.publication.accountChosenBy
        ? `${ru ? "аккаунт выбирает" : "account chosen by"} ${actorName(p.publication.accountChosenBy, locale)}`
        : "",
      p.publication.sameNetwork ? (ru ? "в той же сети" : "in the same network") : "",
      p.publication.ownAccountWithLinkWhenCommentingImpossible
        ? ru
          ? "если комментарий невозможен — со своего аккаунта со ссылкой"
          : "own account with a link when commenting is impossible"
        : "",
    ].filter(Boolean);
    lines.push(
      `${ru ? "Размещение" : "Publication"}: ${parts.join(", ")}${at(p.publication.clause)}`,
    );
  }
  if (p.answerRequirements)
    lines.push(
      `${ru ? "Требования к ответу" : "Answer requirements"}: ${p.answerRequirements.requires.map((r) => requirementName(r, locale)).join(", ")}${p.answerRequirements.plainLanguage ? (ru ? ", без канцеляризмов" : ", plain language") : ""}${at(p.answerRequirements.clause)}`,
    );
  if (p.citizenFeedback)
    lines.push(
      `${ru ? "Автор может подтвердить, оценить, прокомментировать, не согласиться" : "The author may confirm, rate, comment, reject"}${at(p.citizenFeedback.clause)}`,
    );
  if (p.escalation)
    lines.push(
      `${ru ? "Незамедлительный доклад" : "Immediate escalation"}: ${actorName(p.escalation.by, locale)} → ${actorName(p.escalation.to, locale)}: ${p.escalation.when.join("; ")}${at(p.escalation.clause)}`,
    );
  for (const r of p.reports ?? [])
    lines.push(
      `${ru ? "Отчёт" : "Report"}: ${r.title}, ${ru ? "ежеквартально" : "quarterly"}${r.dueDayOfNextPeriod ? (ru ? `, до ${r.dueDayOfNextPeriod} числа` : `, by day ${r.dueDayOfNextPeriod}`) : ""}${at(r.clause)}`,
    );
  return lines;
}

function notes(procedure: Procedure): string[] {
  const out: string[] = [];
  for (const s of procedure.stages) {
    if (s.note) out.push(`${s.title}: ${s.note}`);
    for (const v of Object.values(s.variants)) if (v.note) out.push(`${s.title}: ${v.note}`);
  }
  for (const key of [
    "interim",
    "shortening",
    "extension",
    "repeats",
    "additionalControl",
    "moderation",
    "answerRequirements",
  ] as const) {
    const note = procedure[key]?.note;
    if (note) out.push(`${key}: ${note}`);
  }
  return out;
}

/** Deadlines of the plainest complete path (no returns, no revisions) for a case opened at `at`. */
function previewRows(
  procedure: Procedure,
  importance: Importance,
  at: number,
  wt: WorkingTime,
  locale: Locale,
): string[][] | undefined {
  const paths = planPaths(procedure, importance, at, wt, { maxRepeat: 1 })
    .filter(
      (p) =>
        p.complete && !p.steps.some((s) => s.stage.kind === "total" || s.stage.kind === "window"),
    )
    .sort((a, b) => a.steps.length - b.steps.length);
  const path = paths[0];
  if (!path) return undefined;
  const rows = path.steps.map((s) => [
    s.stage.title,
    formatLocal(s.start, wt.timeZone, locale),
    s.deadline !== undefined ? formatLocal(s.deadline, wt.timeZone, locale) : "—",
  ]);
  if (path.totalDeadline !== undefined)
    rows.push([
      locale === "ru" ? "Общий срок" : "Total",
      formatLocal(at, wt.timeZone, locale),
      formatLocal(path.totalDeadline, wt.timeZone, locale),
    ]);
  return rows;
}

async function show(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseOptions(
    argv,
    {
      lang: { type: "string" },
      json: { type: "boolean" },
      at: { type: "string" },
      importance: { type: "string" },
    },
    true,
  );
  const locale = localeOf(values.lang);
  if (positionals.length !== 1) throw new UsageError("нужен один пресет или файл регламента");
  const importance = (values.importance ?? "normal") as Importance;
  if (!IMPORTANCES.includes(importance))
    throw new UsageError(`--importance: «${values.importance}» — нужно normal, high или fastTrack`);
  const regulation = load(positionals[0], io, locale);
  if (!regulation) return 1;
  const wt = defaultWorkingTime(regulation);
  let at: number | undefined;
  if (values.at !== undefined) {
    at = parseInstant(values.at, regulation.timeZone);
    if (at === undefined) throw new UsageError(`--at: «${values.at}» — не дата и время ISO 8601`);
  }
  if (values.json) {
    const { positions: _positions, ...plain } = regulation;
    writeLine(io.stdout, JSON.stringify(plain, null, 2));
    return 0;
  }
  const ru = locale === "ru";
  const out: string[] = [
    `${regulation.name} (${regulation.id}), ${regulation.timeZone}`,
    `${regulation.document.title}`,
    `${regulation.document.act}${regulation.document.status ? ` — ${regulation.document.status}` : ""}`,
    "",
    ru ? "Роли:" : "Roles:",
    ...Object.entries(regulation.roles).map(
      ([role, r]) =>
        `  ${actorName(role as never, locale)}: ${r.title}${r.clause ? ` (${clauseLabel(r.clause, locale)})` : ""}`,
    ),
  ];
  for (const procedure of regulation.procedures) {
    out.push(
      "",
      `${ru ? "Порядок" : "Procedure"} «${procedure.title}»${procedure.document ? ` (${procedure.document})` : ""}`,
      `${ru ? "Каналы" : "Channels"}: ${procedure.channels.join(", ")}; ${ru ? "важность" : "importance"}: ${procedure.importance.map((i) => importanceName(i, locale)).join(", ")}; ${ru ? "сроки — рабочее время, если не сказано иное" : "terms are working time unless stated"}`,
      "",
      renderTable(
        ru
          ? ["Этап", "Кто", "Начало срока", "Завершается", "Срок", "Пункт"]
          : ["Stage", "Who", "Clock starts at", "Ends with", "Term", "Clause"],
        stageRows(procedure, locale),
        [34, 14, 20, 22, 34, 14],
      ),
    );
    const rules = ruleLines(procedure, locale);
    if (rules.length) out.push("", ...rules.map((l) => `• ${l}`));
    const choices = notes(procedure);
    if (choices.length)
      out.push(
        "",
        ru
          ? "Выбор команды там, где документ молчит или неоднозначен:"
          : "Choices where the document is silent or ambiguous:",
        ...choices.map((l) => `  – ${l}`),
      );
    if (at !== undefined && procedure.importance.includes(importance)) {
      const rows = previewRows(procedure, importance, at, wt, locale);
      if (rows) {
        out.push(
          "",
          `${ru ? "Сроки для сообщения" : "Deadlines for a message"} ${formatLocal(at, wt.timeZone, locale)} (${importanceName(importance, locale)}; ${ru ? "каждый этап занимает весь свой срок, режим 9–18, обед 13–14" : "each stage takes its full term, 9–18 with a 13–14 break"}):`,
          renderTable(
            ru ? ["Этап", "Начало", "Срок"] : ["Stage", "Start", "Due"],
            rows,
            [44, 22, 22],
          ),
        );
      }
    }
  }
  writeLine(io.stdout, out.join("\n"));
  return 0;
}

async function lint(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseOptions(
    argv,
    { lang: { type: "string" }, json: { type: "boolean" } },
    true,
  );
  const locale = localeOf(values.lang);
  if (positionals.length !== 1) throw new UsageError("нужен один пресет или файл регламента");
  const regulation = load(positionals[0], io, locale);
  if (!regulation) return 1;
  const findings = lintRegulation(regulation, defaultWorkingTime(regulation));
  const errors = findings.filter((f) => f.severity === "error").length;
  if (values.json) {
    writeLine(io.stdout, JSON.stringify({ regulation: regulation.id, errors, findings }, null, 2));
  } else {
    for (const f of findings) writeLine(io.stdout, describeFinding(f, locale, regulation.timeZone));
    const warnings = findings.filter((f) => f.severity === "warning").length;
    writeLine(
      io.stdout,
      locale === "ru"
        ? `${regulation.id}: ошибок ${errors}, предупреждений ${warnings}, замечаний ${findings.length - errors - warnings}`
        : `${regulation.id}: ${errors} error(s), ${warnings} warning(s), ${findings.length - errors - warnings} note(s)`,
    );
  }
  return errors ? 1 : 0;
}

async function list(argv: string[], io: Io): Promise<number> {
  parseOptions(argv, {});
  for (const p of PRESETS) writeLine(io.stdout, `${p.name}\t${p.source}\t${p.place}`);
  return 0;
}

async function schema(argv: string[], io: Io): Promise<number> {
  parseOptions(argv, {});
  writeLine(io.stdout, JSON.stringify(RegulationSchema, null, 2));
  return 0;
}

export const regulation: Command = withSubcommands(
  "regulation",
  { list, show, lint, schema },
  HELP,
);
