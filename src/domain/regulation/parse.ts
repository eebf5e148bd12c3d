// Reads a regulation from YAML (or JSON) text, reporting every problem with its line and column.
import {
  isMap,
  isSeq,
  LineCounter,
  parseDocument,
  type Document,
  type Node as YamlNode,
} from "yaml";
import { isValidTimeZone } from "../calendar/time-zone.ts";
import type { Position, Procedure, Regulation, Stage, TermRule } from "./model.ts";
import {
  IMPORTANCES,
  RegulationSchema,
  type Importance,
  type RegulationDocument,
  type StageDocument,
} from "./schema.ts";
import { parseTerm } from "./term.ts";
import { fieldProblems } from "../validation.ts";

export interface SourceProblem {
  /** JSON pointer into the document ("/procedures/0/stages/1/term"). */
  path: string;
  line: number;
  column: number;
  code:
    | "yamlSyntax"
    | "required"
    | "unknownField"
    | "wrongType"
    | "notOneOf"
    | "badTerm"
    | "badValue"
    | "tooFew"
    | "duplicateId"
    | "unknownStage"
    | "unknownTimeZone"
    | "importanceNotInProcedure"
    | "channelInTwoProcedures"
    | "severalTotals";
  params: Record<string, string | number>;
}

export type ParseResult =
  { ok: true; regulation: Regulation } | { ok: false; problems: SourceProblem[] };

function pointer(segments: Array<string | number>): string {
  return segments.map((s) => `/${String(s).replace(/~/g, "~0").replace(/\//g, "~1")}`).join("");
}

function segmentsOf(path: string): string[] {
  return path === ""
    ? []
    : path
        .slice(1)
        .split("/")
        .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
}

/** Positions of every node, by JSON pointer, so problems found later can name their line. */
function positionsOf(doc: Document, lines: LineCounter): Map<string, Position> {
  const out = new Map<string, Position>();
  const at = (offset: number): Position => {
    const p = lines.linePos(offset);
    return { line: p.line, column: p.col };
  };
  const walk = (node: unknown, segments: Array<string | number>): void => {
    const n = node as YamlNode | null;
    if (n && n.range) out.set(pointer(segments), at(n.range[0]));
    if (isMap(n)) {
      for (const pair of n.items) {
        const key = (pair.key as { value?: unknown } | null)?.value;
        if (key === undefined) continue;
        const child = [...segments, String(key)];
        const keyNode = pair.key as YamlNode | null;
        if (keyNode?.range) out.set(`${pointer(child)}#key`, at(keyNode.range[0]));
        walk(pair.value, child);
      }
    } else if (isSeq(n)) {
      n.items.forEach((item, i) => walk(item, [...segments, i]));
    }
  };
  walk(doc.contents, []);
  return out;
}

function positionFor(
  positions: ReadonlyMap<string, Position>,
  path: string,
  preferKey = false,
): Position {
  let segments = segmentsOf(path);
  if (preferKey) {
    const key = positions.get(`${path}#key`);
    if (key) return key;
  }
  for (;;) {
    const p = positions.get(pointer(segments));
    if (p) return p;
    if (!segments.length) return { line: 1, column: 1 };
    segments = segments.slice(0, -1);
  }
}

/** Schema problems of the document, placed at their lines. */
function schemaProblems(value: unknown, positions: ReadonlyMap<string, Position>): SourceProblem[] {
  return fieldProblems(RegulationSchema, value).map((p) => {
    const isKey = p.code === "unknownField";
    const isTerm = p.code === "badFormat" && /\/(term|maximum|minimum)$/.test(p.path);
    const pos = positionFor(
      positions,
      p.code === "required" ? p.path.replace(/\/[^/]*$/, "") : p.path,
      isKey,
    );
    const code: SourceProblem["code"] = isTerm
      ? "badTerm"
      : p.code === "badFormat"
        ? "badValue"
        : p.code === "tooMany"
          ? "badValue"
          : p.code;
    return { path: p.path, line: pos.line, column: pos.column, code, params: p.params };
  });
}

function termRule(
  text: string,
  clause: string | undefined,
  note: string | undefined,
): TermRule | undefined {
  const term = parseTerm(text);
  if (!term) return undefined;
  return {
    term,
    text,
    ...(clause !== undefined ? { clause } : {}),
    ...(note !== undefined ? { note } : {}),
  };
}

function buildStage(doc: StageDocument): Stage {
  const variants: Stage["variants"] = {};
  for (const importance of IMPORTANCES) {
    const v = doc.variants?.[importance as "high" | "fastTrack"];
    if (!v) continue;
    const rule = termRule(v.term, v.clause ?? doc.clause, v.note);
    if (rule) variants[importance] = v.from ? { ...rule, from: v.from } : rule;
  }
  const term = doc.term === undefined ? undefined : termRule(doc.term, doc.clause, undefined);
  return {
    id: doc.id,
    title: doc.title,
    ...(doc.actor ? { actor: doc.actor } : {}),
    from: doc.from,
    until: doc.until,
    kind: doc.kind ?? "task",
    ...(term ? { term } : {}),
    variants,
    ...(doc.clause !== undefined ? { clause: doc.clause } : {}),
    ...(doc.note !== undefined ? { note: doc.note } : {}),
  };
}

/** Checks that hold across fields: ids, references, zones. */
function crossChecks(
  doc: RegulationDocument,
  positions: ReadonlyMap<string, Position>,
): SourceProblem[] {
  const problems: SourceProblem[] = [];
  const push = (
    path: string,
    code: SourceProblem["code"],
    params: SourceProblem["params"],
  ): void => {
    const pos = positionFor(positions, path);
    problems.push({ path, line: pos.line, column: pos.column, code, params });
  };
  if (!isValidTimeZone(doc.timeZone)) push("/timeZone", "unknownTimeZone", { value: doc.timeZone });
  const procedureIds = new Set<string>();
  const channelOwner = new Map<string, string>();
  doc.procedures.forEach((p, pi) => {
    const base = `/procedures/${pi}`;
    if (procedureIds.has(p.id)) push(`${base}/id`, "duplicateId", { id: p.id });
    procedureIds.add(p.id);
    p.channels.forEach((c, ci) => {
      const owner = channelOwner.get(c);
      if (owner)
        push(`${base}/channels/${ci}`, "channelInTwoProcedures", { channel: c, other: owner });
      else channelOwner.set(c, p.id);
    });
    const stageIds = new Set<string>();
    p.stages.forEach((s, si) => {
      if (stageIds.has(s.id)) push(`${base}/stages/${si}/id`, "duplicateId", { id: s.id });
      stageIds.add(s.id);
    });
    if (p.stages.filter((s) => s.kind === "total").length > 1)
      push(`${base}/stages`, "severalTotals", {});
    const checkTerm = (text: string | undefined, path: string): void => {
      if (text === undefined) return;
      const term = parseTerm(text);
      if (!term) push(path, "badTerm", { value: text });
      else if (term.basis === "before" && !stageIds.has(term.stage))
        push(path, "unknownStage", { stage: term.stage });
    };
    p.stages.forEach((s, si) => {
      checkTerm(s.term, `${base}/stages/${si}/term`);
      for (const importance of ["high", "fastTrack"] as const) {
        const v = s.variants?.[importance];
        if (!v) continue;
        checkTerm(v.term, `${base}/stages/${si}/variants/${importance}/term`);
        if (!p.importance.includes(importance as Importance)) {
          push(`${base}/stages/${si}/variants/${importance}`, "importanceNotInProcedure", {
            importance,
          });
        }
      }
    });
    for (const key of ["shortening", "extension"] as const) {
      const rule = p[key];
      if (rule && !stageIds.has(rule.stage))
        push(`${base}/${key}/stage`, "unknownStage", { stage: rule.stage });
    }
  });
  return problems;
}

export function parseRegulation(text: string): ParseResult {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) {
    return {
      ok: false,
      problems: doc.errors.map((e) => {
        const pos = lines.linePos(e.pos[0]);
        return {
          path: "",
          line: pos.line,
          column: pos.col,
          code: "yamlSyntax",
          params: { message: e.message.split("\n")[0] ?? "" },
        };
      }),
    };
  }
  const positions = positionsOf(doc, lines);
  const value: unknown = doc.toJS();
  const problems = schemaProblems(value, positions);
  if (problems.length) return { ok: false, problems: sortProblems(problems) };
  const document = value as RegulationDocument;
  const cross = crossChecks(document, positions);
  if (cross.length) return { ok: false, problems: sortProblems(cross) };
  const procedures: Procedure[] = document.procedures.map((p) => ({
    ...p,
    stages: p.stages.map(buildStage),
  }));
  return { ok: true, regulation: { ...document, procedures, positions } };
}

function sortProblems(problems: SourceProblem[]): SourceProblem[] {
  return problems.sort((a, b) => a.line - b.line || a.column - b.column);
}
