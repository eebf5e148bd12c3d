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

type Loose = Record<string, unknown>;
const mapOf = (v: unknown): Loose =>
  typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Loose) : {};
const listOf = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const textOf = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);

/**
 * Checks that hold across fields: ids, references, zones. They run on a document the schema may
 * have rejected, so that every problem is listed at once; parts of the wrong shape are skipped
 * (the schema reports them).
 */
function crossChecks(doc: unknown, positions: ReadonlyMap<string, Position>): SourceProblem[] {
  const problems: SourceProblem[] = [];
  const push = (
    path: string,
    code: SourceProblem["code"],
    params: SourceProblem["params"],
    preferKey = false,
  ): void => {
    const pos = positionFor(positions, path, preferKey);
    problems.push({ path, line: pos.line, column: pos.column, code, params });
  };
  const root = mapOf(doc);
  const timeZone = textOf(root.timeZone);
  if (timeZone !== undefined && !isValidTimeZone(timeZone))
    push("/timeZone", "unknownTimeZone", { value: timeZone });
  const procedureIds = new Set<string>();
  const channelOwner = new Map<string, string>();
  listOf(root.procedures).forEach((procedure, pi) => {
    const p = mapOf(procedure);
    const base = `/procedures/${pi}`;
    const id = textOf(p.id);
    if (id !== undefined) {
      if (procedureIds.has(id)) push(`${base}/id`, "duplicateId", { id });
      procedureIds.add(id);
    }
    listOf(p.channels).forEach((c, ci) => {
      if (typeof c !== "string") return;
      const owner = channelOwner.get(c);
      if (owner)
        push(`${base}/channels/${ci}`, "channelInTwoProcedures", { channel: c, other: owner });
      else channelOwner.set(c, id ?? String(pi));
    });
    const stages = listOf(p.stages).map(mapOf);
    const stageIds = new Set<string>();
    stages.forEach((s, si) => {
      const sid = textOf(s.id);
      if (sid === undefined) return;
      if (stageIds.has(sid)) push(`${base}/stages/${si}/id`, "duplicateId", { id: sid });
      stageIds.add(sid);
    });
    if (stages.filter((s) => s.kind === "total").length > 1)
      push(`${base}/stages`, "severalTotals", {});
    const checkTerm = (value: unknown, path: string): void => {
      const text = textOf(value);
      if (text === undefined) return;
      const term = parseTerm(text);
      if (!term) push(path, "badTerm", { value: text });
      else if (term.basis === "before" && !stageIds.has(term.stage))
        push(path, "unknownStage", { stage: term.stage });
    };
    const importances = listOf(p.importance);
    stages.forEach((s, si) => {
      checkTerm(s.term, `${base}/stages/${si}/term`);
      const variants = mapOf(s.variants);
      for (const importance of ["high", "fastTrack"] as const) {
        if (!(importance in variants)) continue;
        checkTerm(
          mapOf(variants[importance]).term,
          `${base}/stages/${si}/variants/${importance}/term`,
        );
        if (Array.isArray(p.importance) && !importances.includes(importance as Importance)) {
          push(
            `${base}/stages/${si}/variants/${importance}`,
            "importanceNotInProcedure",
            { importance },
            true,
          );
        }
      }
    });
    for (const key of ["shortening", "extension"] as const) {
      if (!(key in p)) continue;
      const rule = mapOf(p[key]);
      const stage = textOf(rule.stage);
      if (stage !== undefined && !stageIds.has(stage))
        push(`${base}/${key}/stage`, "unknownStage", { stage });
      const termField = key === "shortening" ? "minimum" : "maximum";
      checkTerm(rule[termField], `${base}/${key}/${termField}`);
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
  const schema = schemaProblems(value, positions);
  // Every problem at once: cross-field ones too, but not twice for a place the schema named.
  const cross = crossChecks(value, positions).filter((c) => !schema.some((p) => p.path === c.path));
  if (schema.length || cross.length)
    return { ok: false, problems: sortProblems([...schema, ...cross]) };
  const document = value as RegulationDocument;
  const procedures: Procedure[] = document.procedures.map((p) => ({
    ...p,
    stages: p.stages.map(buildStage),
  }));
  return { ok: true, regulation: { ...document, procedures, positions } };
}

function sortProblems(problems: SourceProblem[]): SourceProblem[] {
  return problems.sort((a, b) => a.line - b.line || a.column - b.column);
}
