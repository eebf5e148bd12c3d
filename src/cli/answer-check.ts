// otklik answer-check: scores a draft answer read from standard input and lists what to fix.
import { loadRussianSpelling } from "../app/spelling.ts";
import {
  checkAnswer,
  REQUIREMENTS,
  type AnswerCheck,
  type Requirement,
  type SpellChecker,
} from "../domain/triage/answer-quality.ts";
import { parseOptions, readAll, UsageError, writeLine, type Command } from "./command.ts";

const USAGE = [
  "Использование: otklik answer-check [--requires measures,dates,contacts] [--photo] [--json] [--no-spelling] < черновик.txt",
  "",
  "Оценивает проект ответа гражданину (0–100) и перечисляет замечания:",
  "канцелярит, орфография, длина, и есть ли в ответе то, чего требует регламент.",
  "",
  `  --requires     что должно быть в ответе, через запятую: ${REQUIREMENTS.join(", ")}`,
  "                 (по умолчанию substance — ответ по существу)",
  "  --photo        к ответу приложено фото или видео",
  "  --json         вывод в JSON",
  "  --no-spelling  не проверять орфографию (словарь загружается несколько секунд)",
].join("\n");

function parseRequirements(value: string | undefined): Requirement[] | undefined {
  if (value === undefined) return undefined;
  const items = value
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = items.filter((s) => !(REQUIREMENTS as readonly string[]).includes(s));
  if (unknown.length > 0) {
    throw new UsageError(
      `неизвестные требования: ${unknown.map((s) => `«${s}»`).join(", ")}; допустимы: ${REQUIREMENTS.join(", ")}`,
    );
  }
  return items as Requirement[];
}

/** "строка 2, знак 15" for an offset in the draft. */
function place(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  const column = offset - before.lastIndexOf("\n");
  return `строка ${line}, знак ${column}`;
}

function render(text: string, result: AnswerCheck): string[] {
  const lines = [`Оценка: ${result.score} из 100`];
  if (result.findings.length === 0) {
    lines.push("Замечаний нет.");
    return lines;
  }
  lines.push("", "Замечания:");
  for (const f of result.findings) {
    const where = f.span ? ` (${place(text, f.span.start)})` : "";
    const advice = f.suggestion ? ` → ${f.suggestion}` : "";
    lines.push(`  −${String(f.penalty).padEnd(3)} ${f.message}${where}${advice}`);
  }
  const total = result.findings.reduce((sum, f) => sum + f.penalty, 0);
  lines.push("", `Итого снято ${total} из 100.`);
  return lines;
}

/** The command, with the spelling dictionary injectable so tests need not load it. */
export function makeAnswerCheck(loadSpelling: () => Promise<SpellChecker>): Command {
  return async (argv, io) => {
    const { values } = parseOptions(argv, {
      requires: { type: "string" },
      photo: { type: "boolean", default: false },
      json: { type: "boolean", default: false },
      "no-spelling": { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    });
    if (values.help) {
      writeLine(io.stdout, USAGE);
      return 0;
    }
    const requires = parseRequirements(values.requires);
    const text = await readAll(io.stdin);
    if (!text.trim()) {
      throw new UsageError("пустой черновик: подайте текст ответа на стандартный ввод");
    }
    const spell = values["no-spelling"] ? undefined : await loadSpelling();
    const result = checkAnswer(text, {
      ...(requires ? { requires } : {}),
      hasPhoto: values.photo,
      ...(spell ? { spell } : {}),
    });
    if (values.json) writeLine(io.stdout, JSON.stringify(result, null, 2));
    else for (const line of render(text, result)) writeLine(io.stdout, line);
    // the score is information for the executor, not a failure of the command
    return 0;
  };
}

export const answerCheck: Command = makeAnswerCheck(loadRussianSpelling);
