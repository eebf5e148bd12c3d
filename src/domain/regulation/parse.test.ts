// Reading a regulation file: what a mistake in it looks like to the person who made it — the
// line, the column, the field, and every mistake at once.
import { describe, expect, it } from "vitest";
import { describeProblem } from "./messages.ts";
import { parseRegulation, type SourceProblem } from "./parse.ts";

const VALID = `format: otklik/regulation@1
id: test
name: Проверочная администрация
document:
  title: Проверочный порядок
  act: Постановление от 12.01.2026 № 1
timeZone: Europe/Moscow
caseNumberPrefix: ПРВ
roles:
  curator:
    title: Куратор
  executor:
    title: Исполнитель
procedures:
  - id: social
    title: Сообщения
    channels: [vk, ok]
    importance: [normal, high]
    startsAt: detected
    stages:
      - id: total
        kind: total
        title: Ответ
        actor: executor
        from: detected
        until: [published, interimPublished]
        term: 8h
        clause: "6"
        variants:
          high:
            term: 4h
            clause: "14"
      - id: route
        title: Направление исполнителю
        actor: curator
        from: detected
        until: [assigned]
        term: 30m
        clause: "9"
      - id: draft
        title: Проект ответа
        actor: executor
        from: assigned
        until: [draftSubmitted]
        term: 4h before total
        clause: "10"
      - id: final
        title: Окончательный ответ
        actor: executor
        from: interimPublished
        until: [published]
        term: 7 working days
        clause: "15"
`;

/** `text` with `from` (which must occur exactly once) replaced by `to`. */
function edit(text: string, from: string, to: string): string {
  const first = text.indexOf(from);
  if (first < 0 || text.indexOf(from, first + 1) >= 0)
    throw new Error(`"${from}" must occur exactly once`);
  return text.slice(0, first) + to + text.slice(first + from.length);
}

/** 1-based line and column of the only occurrence of `needle` in `text`. */
function where(text: string, needle: string): { line: number; column: number } {
  const i = text.indexOf(needle);
  if (i < 0 || text.indexOf(needle, i + 1) >= 0)
    throw new Error(`"${needle}" must occur exactly once`);
  const before = text.slice(0, i).split("\n");
  return { line: before.length, column: (before[before.length - 1] as string).length + 1 };
}

function problemsOf(text: string): SourceProblem[] {
  const parsed = parseRegulation(text);
  if (parsed.ok) throw new Error("expected the text not to read");
  return parsed.problems;
}

describe("parseRegulation", () => {
  it("reads a regulation without mistakes, with its terms parsed and where each stage sits", () => {
    const parsed = parseRegulation(VALID);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    const [total, route, draft, final] = parsed.regulation.procedures[0]!.stages;
    expect(total).toMatchObject({
      kind: "total",
      term: { term: { basis: "workingMinutes", minutes: 480 }, text: "8h", clause: "6" },
      variants: { high: { term: { basis: "workingMinutes", minutes: 240 }, clause: "14" } },
    });
    expect(route).toMatchObject({
      kind: "task",
      term: { term: { basis: "workingMinutes", minutes: 30 } },
    });
    expect(draft?.term?.term).toEqual({ basis: "before", minutes: 240, stage: "total" });
    expect(final?.term?.term).toEqual({ basis: "workingDays", days: 7 });
    expect(parsed.regulation.positions?.get("/procedures/0/stages/2")).toEqual(
      where(VALID, "id: draft"),
    );
  });

  it("points an unknown field at its key and names it", () => {
    const text = edit(VALID, `        clause: "9"\n`, `        clause: "9"\n        colour: red\n`);
    expect(problemsOf(text)).toEqual([
      {
        path: "/procedures/0/stages/1/colour",
        code: "unknownField",
        params: { field: "colour" },
        ...where(text, "colour"),
      },
    ]);
  });

  it("points a missing required field at the stage that lacks it and names the field", () => {
    const text = edit(VALID, "        from: assigned\n", "");
    expect(problemsOf(text)).toEqual([
      {
        path: "/procedures/0/stages/2/from",
        code: "required",
        params: { field: "from" },
        ...where(text, "id: draft"),
      },
    ]);
  });

  it("points an unreadable term («30 minuts») at its value and quotes it", () => {
    const text = edit(VALID, "term: 30m", "term: 30 minuts");
    const problems = problemsOf(text);
    expect(problems).toEqual([
      {
        path: "/procedures/0/stages/1/term",
        code: "badTerm",
        params: { value: "30 minuts" },
        ...where(text, "30 minuts"),
      },
    ]);
    const { line, column } = where(text, "30 minuts");
    expect(describeProblem(problems[0]!, "en")).toBe(
      `line ${line}, column ${column} (/procedures/0/stages/1/term): unreadable term “30 minuts”; e.g. 30m, 1h10m, 8h, 7 working days, 10 calendar days, 4h before total`,
    );
  });

  it("points a value outside its list at the value and lists what is allowed", () => {
    const text = edit(VALID, "actor: curator", "actor: moderator");
    const problems = problemsOf(text);
    expect(problems).toEqual([
      {
        path: "/procedures/0/stages/1/actor",
        code: "notOneOf",
        params: {
          value: "moderator",
          allowed: "curator, executor, approver, supervisor, system, citizen",
        },
        ...where(text, "moderator"),
      },
    ]);
    expect(describeProblem(problems[0]!, "ru")).toContain(
      "недопустимое значение «moderator»; допустимы: curator, executor",
    );
  });

  it("reports YAML syntax errors — an unquoted colon in a title and a repeated key — each at its place", () => {
    let text = edit(VALID, "title: Проект ответа", "title: Проект ответа: первый вариант");
    text = edit(
      text,
      "    title: Исполнитель\n",
      "    title: Исполнитель\n    title: Исполнители\n",
    );
    const problems = problemsOf(text);
    expect(problems.map((p) => [p.code, p.line, p.column])).toEqual([
      ["yamlSyntax", where(text, "title: Исполнители").line, 5],
      [
        "yamlSyntax",
        where(text, "Проект ответа: первый").line,
        where(text, "Проект ответа: первый").column,
      ],
    ]);
    expect(problems[0]!.params.message).toMatch(/unique/);
  });

  it("rejects a clause written as a number (8.10 would read as 8.1) and asks for quotes", () => {
    const text = edit(VALID, `clause: "9"`, "clause: 8.10");
    const problems = problemsOf(text);
    expect(problems).toEqual([
      {
        path: "/procedures/0/stages/1/clause",
        code: "wrongType",
        params: { expected: "string" },
        ...where(text, "8.10"),
      },
    ]);
    expect(describeProblem(problems[0]!, "en")).toContain('quote clause numbers: "8.10"');
  });

  it("points a «before» term naming a stage that does not exist at the term and names the stage", () => {
    const text = edit(VALID, "term: 4h before total", "term: 4h before totl");
    expect(problemsOf(text)).toEqual([
      {
        path: "/procedures/0/stages/2/term",
        code: "unknownStage",
        params: { stage: "totl" },
        ...where(text, "4h before totl"),
      },
    ]);
  });

  it("points an unknown time zone at its value", () => {
    const text = edit(VALID, "timeZone: Europe/Moscow", "timeZone: Europe/Moskva");
    expect(problemsOf(text)).toEqual([
      {
        path: "/timeZone",
        code: "unknownTimeZone",
        params: { value: "Europe/Moskva" },
        ...where(text, "Europe/Moskva"),
      },
    ]);
  });

  it("points a variant for an importance the procedure does not list at the variant's key", () => {
    const text = edit(VALID, "importance: [normal, high]", "importance: [normal]");
    expect(problemsOf(text)).toEqual([
      {
        path: "/procedures/0/stages/0/variants/high",
        code: "importanceNotInProcedure",
        params: { importance: "high" },
        ...where(text, "high:"),
      },
    ]);
  });

  it("points a stage id used twice at the second one", () => {
    const text = edit(VALID, "id: final", "id: route");
    const second = where(text, "id: route\n        title: Окончательный");
    expect(problemsOf(text)).toEqual([
      {
        path: "/procedures/0/stages/3/id",
        code: "duplicateId",
        params: { id: "route" },
        line: second.line,
        column: second.column + "id: ".length,
      },
    ]);
  });

  it("lists every problem of a file at once, in the order of its lines, not only the first", () => {
    let text = VALID;
    text = edit(text, "timeZone: Europe/Moscow", "timeZone: Europe/Moskva");
    text = edit(text, "importance: [normal, high]", "importance: [normal]");
    text = edit(text, "term: 30m", "term: 30 minuts");
    text = edit(text, `clause: "9"`, "clause: 9");
    text = edit(text, "actor: curator", "actor: moderator");
    text = edit(text, "term: 4h before total", "term: 4h before totl");
    text = edit(text, "id: final", "id: draft\n        colour: red");
    text = edit(text, "        from: interimPublished\n", "");
    const problems = problemsOf(text);
    const at = (needle: string, shift = 0): string => {
      const { line, column } = where(text, needle);
      return `${line}:${column + shift}`;
    };
    const lastStage = "id: draft\n        colour";
    expect(problems.map((p) => `${p.line}:${p.column} ${p.code} ${p.path}`)).toEqual([
      `${at("Europe/Moskva")} unknownTimeZone /timeZone`,
      `${at("high:")} importanceNotInProcedure /procedures/0/stages/0/variants/high`,
      `${at("moderator")} notOneOf /procedures/0/stages/1/actor`,
      `${at("30 minuts")} badTerm /procedures/0/stages/1/term`,
      `${at("clause: 9\n", "clause: ".length)} wrongType /procedures/0/stages/1/clause`,
      `${at("4h before totl")} unknownStage /procedures/0/stages/2/term`,
      `${at(lastStage)} required /procedures/0/stages/3/from`,
      `${at(lastStage, "id: ".length)} duplicateId /procedures/0/stages/3/id`,
      `${at("colour")} unknownField /procedures/0/stages/3/colour`,
    ]);
  });

  it("gives a file that is not a mapping one problem at its start", () => {
    expect(problemsOf("- just\n- a list\n")).toEqual([
      { path: "", code: "wrongType", params: { expected: "object" }, line: 1, column: 1 },
    ]);
  });
});
