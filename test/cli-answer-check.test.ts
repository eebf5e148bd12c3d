// otklik answer-check through its Command function with in-memory streams (main.ts lists it later).
import { PassThrough, Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { answerCheck, makeAnswerCheck } from "../src/cli/answer-check.ts";
import { UsageError } from "../src/cli/command.ts";
import type { SpellChecker } from "../src/domain/triage/answer-quality.ts";

async function run(command: typeof answerCheck, argv: string[], stdin: string) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = "";
  let err = "";
  stdout.on("data", (chunk: Buffer) => (out += chunk.toString("utf8")));
  stderr.on("data", (chunk: Buffer) => (err += chunk.toString("utf8")));
  const code = await command(argv, { stdin: Readable.from([stdin]), stdout, stderr });
  return { code, out, err };
}

// Knows every word but one, so the output does not depend on the real dictionary.
const spell: SpellChecker = {
  correct: (w) => w.toLowerCase() !== "зосыпали",
  suggest: () => ["засыпали"],
};
const command = makeAnswerCheck(async () => spell);

const DRAFT =
  "Уважаемый заявитель! Доводим до вашего сведения, что яму у дома 5 зосыпали щебнем.\n" +
  "Асфальт положим в ближайшее время.";

describe("otklik answer-check", () => {
  it("prints the score and each finding in Russian with its place in the draft", async () => {
    const { code, out } = await run(command, ["--requires", "measures,dates,contacts"], DRAFT);
    expect(code).toBe(0);
    const lines = out.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^Оценка: \d+ из 100$/);
    expect(out).toContain(
      "Канцелярит: «Доводим до вашего сведения» (строка 1, знак 22) → сообщаем",
    );
    expect(out).toContain("Возможная ошибка в слове «зосыпали» (строка 1, знак 67) → засыпали");
    expect(out).toContain("Срок без срока: «в ближайшее время» (строка 2, знак 17)");
    expect(out).toContain("Нет сроков");
    expect(out).toContain("Нет контактов ответственного подразделения");
    expect(lines.at(-1)).toMatch(/^Итого снято \d+ из 100\.$/);
  });

  it("prints the result as JSON with --json", async () => {
    const { code, out } = await run(command, ["--json", "--requires", "contacts"], DRAFT);
    expect(code).toBe(0);
    const result = JSON.parse(out) as {
      score: number;
      findings: Array<{ code: string; penalty: number }>;
    };
    expect(result.score).toBe(100 - result.findings.reduce((sum, f) => sum + f.penalty, 0));
    expect(result.findings.map((f) => f.code)).toContain("noContacts");
  });

  it("counts an attached photo with --photo", async () => {
    const draft =
      "Яму у дома 5 на улице Мира засыпали 12 декабря, фото прилагаем, звоните: 3-22-11.";
    const without = await run(command, ["--requires", "photoRequired"], draft);
    expect(without.out).toContain("В тексте обещано фото, но оно не приложено");
    const withPhoto = await run(command, ["--requires", "photoRequired", "--photo"], draft);
    expect(withPhoto.out).toContain("Оценка: 100 из 100");
    expect(withPhoto.out).toContain("Замечаний нет.");
  });

  it("exits 0 even when the draft scores low: the score is information", async () => {
    const { code, out } = await run(command, ["--no-spelling"], "Принято.");
    expect(code).toBe(0);
    expect(out).toContain("Слишком короткий ответ: 1 слово");
  });

  it("does not load the dictionary with --no-spelling", async () => {
    let loaded = false;
    const lazy = makeAnswerCheck(async () => {
      loaded = true;
      return spell;
    });
    await run(lazy, ["--no-spelling"], DRAFT);
    expect(loaded).toBe(false);
  });

  it("refuses an unknown requirement, naming the allowed ones", async () => {
    await expect(run(command, ["--requires", "measures,fotos"], DRAFT)).rejects.toThrow(
      new UsageError(
        "неизвестные требования: «fotos»; допустимы: substance, measures, dates, contacts, photo, photoRequired, legalBasis",
      ),
    );
  });

  it("refuses an unknown option and an empty draft", async () => {
    await expect(run(command, ["--verbose"], DRAFT)).rejects.toBeInstanceOf(UsageError);
    await expect(run(command, [], "  \n")).rejects.toThrow(
      "пустой черновик: подайте текст ответа на стандартный ввод",
    );
  });

  it("checks spelling with the real Russian dictionary by default", async () => {
    const { code, out } = await run(
      answerCheck,
      [],
      "Здравствуйте! Яму у дома засыпали щебнем, асфальт положим до 15 мая. Фонари отремантировали.",
    );
    expect(code).toBe(0);
    expect(out).toContain("Возможная ошибка в слове «отремантировали»");
    expect(out).toContain("→ отремонтировали");
    expect(out).not.toContain("«засыпали»");
  }, 60_000);
});
