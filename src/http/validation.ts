// Validates every input against its TypeBox schema and reports every bad field, not the first.
import type { FastifySchemaCompiler } from "fastify";
import type { TSchema } from "typebox";
import { Compile } from "typebox/compile";
import { Value } from "typebox/value";
import { fieldProblems, type FieldProblem } from "../domain/validation.ts";

/**
 * One problem per field: a nullable value of the wrong type fails every branch of its union, and
 * the person needs to hear it once. The most specific problem is kept.
 */
function onePerField(problems: FieldProblem[]): FieldProblem[] {
  const byPath = new Map<string, FieldProblem>();
  for (const p of problems) {
    const seen = byPath.get(p.path);
    if (!seen || seen.code === "badValue") byPath.set(p.path, p);
  }
  return [...byPath.values()];
}

/**
 * Fastify's validator: query strings and path parameters are converted from text first
 * ("10" → 10); bodies are taken as sent, so a string where a number belongs is an error.
 */
export const validatorCompiler: FastifySchemaCompiler<TSchema> = ({ schema, httpPart }) => {
  const compiled = Compile(schema);
  return (value: unknown) => {
    const input = httpPart === "body" ? value : Value.Convert(schema, value);
    if (compiled.Check(input)) return { value: input };
    return {
      error: onePerField(fieldProblems(schema, input)).map((p) => ({
        keyword: p.code,
        instancePath: p.path,
        schemaPath: "",
        params: p.params,
        message: p.code,
      })),
    };
  };
};
