// Checks a value against a JSON Schema (TypeBox) and names every bad field, not the first.
import type { TSchema } from "typebox";
import { Errors } from "typebox/schema";

export interface FieldProblem {
  /** JSON pointer to the field ("/procedures/0/term"); "" for the whole value. */
  path: string;
  code:
    | "required"
    | "unknownField"
    | "wrongType"
    | "notOneOf"
    | "badFormat"
    | "badValue"
    | "tooFew"
    | "tooMany";
  params: Record<string, string | number>;
}

interface SchemaError {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
}

function segmentsOf(path: string): string[] {
  return path === ""
    ? []
    : path
        .slice(1)
        .split("/")
        .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
}

export function valueAt(root: unknown, path: string): unknown {
  let v = root;
  for (const s of segmentsOf(path)) v = (v as Record<string, unknown> | undefined)?.[s];
  return v;
}

const shown = (v: unknown): string =>
  typeof v === "string" ? v : (JSON.stringify(v) ?? "undefined");

/** One problem per place, the most specific kept; union noise dropped. */
export function fieldProblems(schema: TSchema, value: unknown): FieldProblem[] {
  const [, errors] = Errors(schema, value) as unknown as [boolean, SchemaError[]];
  const byPath = new Map<string, SchemaError[]>();
  for (const e of errors) {
    if (e.keyword === "boolean") continue; // the twin of an additionalProperties error
    const list = byPath.get(e.instancePath) ?? [];
    list.push(e);
    byPath.set(e.instancePath, list);
  }
  const deeper = (path: string): boolean =>
    [...byPath.keys()].some((p) => p !== path && p.startsWith(`${path}/`));
  const problems: FieldProblem[] = [];
  for (const [path, list] of byPath) {
    const push = (code: FieldProblem["code"], params: FieldProblem["params"], at = path): void => {
      problems.push({ path: at, code, params });
    };
    const consts = list.filter((e) => e.keyword === "const");
    for (const e of list) {
      switch (e.keyword) {
        case "required":
          for (const field of (e.params.requiredProperties as string[] | undefined) ?? [])
            push("required", { field }, `${path}/${field}`);
          break;
        case "additionalProperties":
          for (const field of (e.params.additionalProperties as string[] | undefined) ?? [])
            push("unknownField", { field }, `${path}/${field}`);
          break;
        case "type":
          push("wrongType", { expected: String(e.params.type) });
          break;
        case "pattern":
        case "format":
          push("badFormat", { value: shown(valueAt(value, path)) });
          break;
        case "enum":
          push("notOneOf", {
            value: shown(valueAt(value, path)),
            allowed: ((e.params.allowedValues as unknown[] | undefined) ?? [])
              .map(String)
              .join(", "),
          });
          break;
        case "minItems":
        case "minLength":
          push("tooFew", { limit: Number(e.params.limit ?? 1) });
          break;
        case "maxItems":
        case "maxLength":
          push("tooMany", { limit: Number(e.params.limit ?? 0) });
          break;
        case "anyOf":
          if (consts.length) {
            push("notOneOf", {
              value: shown(valueAt(value, path)),
              allowed: consts.map((c) => String(c.params.allowedValue)).join(", "),
            });
          } else if (!deeper(path)) push("badValue", { value: shown(valueAt(value, path)) });
          break;
        case "const":
          if (!list.some((x) => x.keyword === "anyOf")) {
            push("notOneOf", {
              value: shown(valueAt(value, path)),
              allowed: String(e.params.allowedValue),
            });
          }
          break;
        default:
          push("badValue", { value: shown(valueAt(value, path)) });
      }
    }
  }
  return problems;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; problems: FieldProblem[] };

export function check<T>(schema: TSchema, value: unknown): Checked<T> {
  const problems = fieldProblems(schema, value);
  return problems.length ? { ok: false, problems } : { ok: true, value: value as T };
}

/** A field problem as people read it: "/timeZone: нет обязательного поля «timeZone»". */
export function describeFieldProblem(p: FieldProblem, locale: "ru" | "en"): string {
  const v = p.params;
  const ru: Record<FieldProblem["code"], string> = {
    required: `нет обязательного поля «${v.field}»`,
    unknownField: `неизвестное поле «${v.field}»`,
    wrongType: `неверный тип значения, ожидается ${v.expected}`,
    notOneOf: `недопустимое значение «${v.value}»; допустимы: ${v.allowed}`,
    badFormat: `неверный формат «${v.value}»`,
    badValue: `недопустимое значение «${v.value}»`,
    tooFew: `слишком мало (нужно не меньше ${v.limit})`,
    tooMany: `слишком много (не больше ${v.limit})`,
  };
  const en: Record<FieldProblem["code"], string> = {
    required: `missing required field “${v.field}”`,
    unknownField: `unknown field “${v.field}”`,
    wrongType: `wrong type, expected ${v.expected}`,
    notOneOf: `“${v.value}” is not allowed; use one of: ${v.allowed}`,
    badFormat: `bad format “${v.value}”`,
    badValue: `invalid value “${v.value}”`,
    tooFew: `too few (at least ${v.limit})`,
    tooMany: `too many (at most ${v.limit})`,
  };
  return `${p.path || "/"}: ${(locale === "ru" ? ru : en)[p.code]}`;
}
