// The linter: the real contradictions of 001 and 004, silence on the consistent presets, and each
// kind of finding on a small regulation written for it.
import { describe, expect, it } from "vitest";
import { loadPreset, presetText } from "../../app/regulation-presets.ts";
import { workingTimeFor } from "../calendar/index.ts";
import { lintRegulation, type LintFinding } from "./lint.ts";
import { parseRegulation } from "./parse.ts";
import type { PresetName } from "./presets.ts";

/** 1-based number of the first line of `text` containing `needle` (after `after`, when given). */
function lineOf(text: string, needle: string, after?: string): number {
  const lines = text.split("\n");
  const from = after === undefined ? 0 : lines.findIndex((l) => l.includes(after));
  const i = lines.findIndex((l, k) => k >= from && l.includes(needle));
  if (i < 0 || from < 0) throw new Error(`no line with ${needle}`);
  return i + 1;
}

function lintText(text: string): LintFinding[] {
  const parsed = parseRegulation(text);
  if (!parsed.ok) throw new Error(`does not parse: ${JSON.stringify(parsed.problems)}`);
  return lintRegulation(
    parsed.regulation,
    workingTimeFor({ timeZone: parsed.regulation.timeZone }),
  );
}

function lintPreset(name: PresetName): LintFinding[] {
  const loaded = loadPreset(name);
  if (!loaded.ok) throw new Error(`${name} does not parse`);
  return lintRegulation(
    loaded.regulation,
    workingTimeFor({ timeZone: loaded.regulation.timeZone }),
  );
}

const errors = (findings: LintFinding[]): LintFinding[] =>
  findings.filter((f) => f.severity === "error");

/** Clause labels as separate numbers: ["10", "9, 14"] → ["10", "9", "14"]. */
const clauseNumbers = (f: LintFinding): string[] =>
  f.clauses.flatMap((c) => c.split(/\s*,\s*/)).map((c) => c.trim());

interface Crafted {
  stages: string;
  roles?: string;
  importance?: string;
  rules?: string;
}

/** A small regulation in Moscow; `stages` are YAML list items indented by six spaces. */
function crafted({ stages, roles, importance, rules }: Crafted): string {
  return `format: otklik/regulation@1
id: crafted
name: Проверочная администрация
document:
  title: Проверочный порядок
  act: Постановление от 12.01.2026 № 1
timeZone: Europe/Moscow
caseNumberPrefix: ПРВ
roles:
${
  roles ??
  `  curator:
    title: Куратор
  executor:
    title: Исполнитель`
}
procedures:
  - id: social
    title: Сообщения
    channels: [vk]
    importance: [${importance ?? "normal"}]
    startsAt: detected
    stages:
${stages}${rules ?? ""}`;
}

const TOTAL_8H = `      - id: total
        kind: total
        title: Ответ
        actor: executor
        from: detected
        until: [published]
        term: 8h
        clause: "1"
`;

const ROUTE_30M = `      - id: route
        title: Направление исполнителю
        actor: curator
        from: detected
        until: [assigned]
        term: 30m
        clause: "2"
`;

const ANSWER_4H = `      - id: answer
        title: Подготовка и размещение ответа
        actor: executor
        from: assigned
        until: [published]
        term: 4h
        clause: "3"
`;

describe("the linter on the five presets", () => {
  it("finds the contradiction of 001 (krymsk): for high importance the draft due «за 4 часа» before the 4-hour term leaves no time, naming clauses 10 and 14 and the line of the draft's term", () => {
    const found = errors(lintPreset("krymsk"));
    expect(found).toHaveLength(1);
    const [f] = found as [LintFinding];
    expect(f).toMatchObject({ code: "noTimeLeft", stage: "draft", importance: "high" });
    expect(clauseNumbers(f)).toEqual(expect.arrayContaining(["10", "14"]));
    expect(f.line).toBe(lineOf(presetText("krymsk"), "term: 4h before total"));
    // The example shows the draft due no later than the moment it could start.
    expect(f.example?.deadline).toBeLessThanOrEqual(f.example?.stageStart ?? -Infinity);
  });

  it("does not object to the same «за 4 часа» rule of 001 at normal importance, where the total is 8 hours", () => {
    expect(lintPreset("krymsk").filter((f) => f.importance === "normal")).toEqual([]);
  });

  it("finds the contradiction of 004 (sobolevo): with importance «высокая» the draft due 4 hours before a 4-hour total leaves no time, naming clauses 13 and 10", () => {
    const found = errors(lintPreset("sobolevo"));
    expect(found).toHaveLength(1);
    const [f] = found as [LintFinding];
    expect(f).toMatchObject({
      code: "noTimeLeft",
      procedure: "social",
      stage: "draft",
      importance: "high",
    });
    expect(clauseNumbers(f)).toEqual(expect.arrayContaining(["13", "10"]));
    expect(f.line).toBe(lineOf(presetText("sobolevo"), "term: 4h before total"));
  });

  it.each(["purovsky", "bor", "lyambir"] as const)(
    "finds nothing of severity error in %s",
    (name) => {
      expect(errors(lintPreset(name))).toEqual([]);
    },
  );

  it("notes that high importance in 003 (lyambir) changes no term, on the line of the importance list", () => {
    const notes = lintPreset("lyambir").filter((f) => f.code === "importanceChangesNothing");
    expect(notes).toEqual([
      expect.objectContaining({
        severity: "info",
        importance: "high",
        line: lineOf(presetText("lyambir"), "importance: [normal, high]"),
      }),
    ]);
  });
});

describe("the linter on small regulations written for each finding", () => {
  it("finds nothing in a regulation whose terms fit the total and whose stages all have an actor and a clause", () => {
    expect(lintText(crafted({ stages: TOTAL_8H + ROUTE_30M + ANSWER_4H }))).toEqual([]);
  });

  it("reports stage terms that add up to more than the total, with the chain, how much over, and the total's line", () => {
    const text = crafted({
      stages: `      - id: total
        kind: total
        title: Ответ
        actor: executor
        from: detected
        until: [published]
        term: 2h
        clause: "1"
      - id: route
        title: Направление исполнителю
        actor: curator
        from: detected
        until: [assigned]
        term: 1h
        clause: "2"
      - id: draft
        title: Проект ответа
        actor: executor
        from: assigned
        until: [draftSubmitted]
        term: 1h30m
        clause: "3"
      - id: publish
        title: Размещение ответа
        actor: curator
        from: draftSubmitted
        until: [published]
        term: 30m
        clause: "4"
`,
    });
    const found = lintText(text).filter((f) => f.code === "stagesExceedTotal");
    expect(found).toHaveLength(1);
    const [f] = found as [LintFinding];
    // 1 h + 1 h 30 min + 30 min = 3 h against a 2-hour total, on every sample day.
    expect(f).toMatchObject({ severity: "error", importance: "normal" });
    expect(f.params.minutesOver).toBe(60);
    expect(f.params.chain).toMatch(/Направление.*Проект.*Размещение/);
    expect(f.clauses).toEqual(["1", "2", "3", "4"]);
    expect(f.line).toBe(lineOf(text, "term: 2h"));
  });

  it("reports a term «before» the total that leaves no time, naming both clauses", () => {
    const text = crafted({
      stages: `      - id: total
        kind: total
        title: Ответ
        actor: executor
        from: detected
        until: [published]
        term: 2h
        clause: "1"
      - id: route
        title: Направление исполнителю
        actor: curator
        from: detected
        until: [assigned]
        term: 30m
        clause: "2"
      - id: draft
        title: Проект ответа
        actor: executor
        from: assigned
        until: [published]
        term: 2h before total
        clause: "3"
`,
    });
    const found = lintText(text).filter((f) => f.code === "noTimeLeft");
    expect(found).toEqual([
      expect.objectContaining({
        severity: "error",
        stage: "draft",
        clauses: ["3", "1"],
        line: lineOf(text, "term: 2h before total"),
      }),
    ]);
  });

  it("reports a stage with nobody responsible, on the stage's line", () => {
    const text = crafted({
      stages:
        TOTAL_8H +
        ROUTE_30M +
        `      - id: answer
        title: Подготовка и размещение ответа
        from: assigned
        until: [published]
        term: 4h
        clause: "3"
`,
    });
    expect(lintText(text)).toEqual([
      expect.objectContaining({
        severity: "error",
        code: "missingActor",
        stage: "answer",
        clauses: ["3"],
        line: lineOf(text, "- id: answer"),
      }),
    ]);
  });

  it("reports an actor the roles do not describe, on the stage's line", () => {
    const text = crafted({
      stages: TOTAL_8H + ROUTE_30M + ANSWER_4H.replace("actor: executor", "actor: approver"),
    });
    expect(lintText(text)).toEqual([
      expect.objectContaining({
        severity: "error",
        code: "actorNotDescribed",
        stage: "answer",
        params: expect.objectContaining({ actor: "approver" }),
        line: lineOf(text, "- id: answer"),
      }),
    ]);
  });

  it("reports an actor of a procedure rule the roles do not describe", () => {
    const text = crafted({
      stages: TOTAL_8H + ROUTE_30M + ANSWER_4H,
      rules: `    shortening:
      by: approver
      stage: total
      clause: "5"
`,
    });
    expect(lintText(text)).toEqual([
      expect.objectContaining({
        severity: "error",
        code: "actorNotDescribed",
        clauses: ["5"],
        params: expect.objectContaining({ actor: "approver", title: "shortening" }),
        line: lineOf(text, "by: approver"),
      }),
    ]);
  });

  it("reports a stage whose starting event nothing produces as unreachable, on its line", () => {
    const text = crafted({
      stages:
        TOTAL_8H +
        ROUTE_30M +
        ANSWER_4H +
        `      - id: part
        title: Часть ответа соисполнителя
        actor: executor
        from: partSubmitted
        until: [draftSubmitted]
        term: 2h
        clause: "4"
`,
    });
    expect(lintText(text)).toEqual([
      expect.objectContaining({
        severity: "error",
        code: "unreachableStage",
        stage: "part",
        params: expect.objectContaining({ event: "partSubmitted" }),
        line: lineOf(text, "- id: part"),
      }),
    ]);
  });

  it("warns about a stage with no term when the procedure has no total, but not when a total bounds it", () => {
    const unbounded = crafted({
      stages:
        ROUTE_30M +
        `      - id: answer
        title: Подготовка и размещение ответа
        actor: executor
        from: assigned
        until: [published]
        clause: "3"
`,
    });
    expect(lintText(unbounded)).toEqual([
      expect.objectContaining({
        severity: "warning",
        code: "noDeadline",
        stage: "answer",
        line: lineOf(unbounded, "- id: answer"),
      }),
    ]);
    const bounded = crafted({
      stages:
        TOTAL_8H +
        ROUTE_30M +
        `      - id: answer
        title: Подготовка и размещение ответа
        actor: executor
        from: assigned
        until: [published]
        clause: "3"
`,
    });
    expect(lintText(bounded)).toEqual([]);
  });

  it("warns about a stage that cites no clause, and only notes it when a note explains the choice", () => {
    const text = crafted({
      stages:
        TOTAL_8H +
        ROUTE_30M.replace(`        clause: "2"\n`, "") +
        ANSWER_4H.replace(
          `        clause: "3"\n`,
          "        note: Документ молчит; принят срок по аналогии.\n",
        ),
    });
    const found = lintText(text).filter((f) => f.code === "noClause");
    expect(found).toEqual([
      expect.objectContaining({
        severity: "warning",
        stage: "route",
        line: lineOf(text, "- id: route"),
      }),
      expect.objectContaining({
        severity: "info",
        stage: "answer",
        line: lineOf(text, "- id: answer"),
      }),
    ]);
  });

  it("notes an importance that changes no term", () => {
    const text = crafted({ stages: TOTAL_8H + ROUTE_30M + ANSWER_4H, importance: "normal, high" });
    expect(lintText(text)).toEqual([
      expect.objectContaining({
        severity: "info",
        code: "importanceChangesNothing",
        importance: "high",
        line: lineOf(text, "importance: [normal, high]"),
      }),
    ]);
  });

  it("puts errors before warnings and notes", () => {
    const text = crafted({
      stages:
        ROUTE_30M.replace(`        clause: "2"\n`, "") +
        `      - id: answer
        title: Подготовка и размещение ответа
        from: assigned
        until: [published]
        clause: "3"
`,
      importance: "normal, high",
    });
    expect(lintText(text).map((f) => `${f.severity} ${f.code}`)).toEqual([
      "error missingActor",
      "warning noClause",
      "warning noDeadline",
      "info importanceChangesNothing",
    ]);
  });
});
