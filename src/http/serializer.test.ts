import Type, { type TSchema } from "typebox";
import { describe, expect, it } from "vitest";
import { buildSerializer, nullsAsTypes } from "./serializer.ts";

const Nullable = (t: TSchema) => Type.Union([t, Type.Null()]);

const Stage = Type.Object({
  key: Type.String(),
  deadline: Nullable(Type.String({ format: "date-time" })),
  risk: Nullable(Type.Enum(["none", "atRisk", "overdue"])),
});
const Card = Type.Object({ id: Type.Integer(), stage: Nullable(Stage) });
const Response = Type.Object({
  case: Nullable(Type.Unsafe(Type.Ref("Card#"))),
  where: Type.Union([Type.Literal("body"), Type.Literal("query")]),
  note: Nullable(Type.String()),
});

const serializerOf = (schema: unknown) =>
  buildSerializer({ Card: { ...Card, $id: "Card" } })({
    method: "POST",
    url: "/x",
    httpStatus: "200",
    schema,
  });

describe("response serializer", () => {
  const stringify = serializerOf(Response);

  it("writes what JSON.stringify writes, null or not, at every level", () => {
    const values = [
      { case: null, where: "body", note: null },
      { case: { id: 7, stage: null }, where: "query", note: "текст" },
      {
        case: { id: 7, stage: { key: "draft", deadline: null, risk: null } },
        where: "body",
        note: null,
      },
      {
        case: {
          id: 8,
          stage: { key: "route", deadline: "2026-12-07T09:00:00.000Z", risk: "overdue" },
        },
        where: "query",
        note: "<b>не HTML</b>",
      },
    ];
    for (const v of values) expect(JSON.parse(stringify(v))).toEqual(v);
  });

  it("leaves out fields the schema does not name, inside a shared schema too", () => {
    const out = JSON.parse(
      stringify({ case: { id: 1, stage: null, secret: "x" }, where: "body", note: null, extra: 1 }),
    );
    expect(out).toEqual({ case: { id: 1, stage: null }, where: "body", note: null });
  });

  it("refuses a value of neither the type nor null instead of writing it", () => {
    expect(() => stringify({ case: { id: 1, stage: "draft" }, where: "body", note: null })).toThrow(
      TypeError,
    );
  });

  it("rewrites a copy: the schema the OpenAPI document shows keeps its anyOf", () => {
    const before = JSON.stringify(Response);
    const rewritten = nullsAsTypes(Response) as { properties: Record<string, unknown> };
    expect(JSON.stringify(Response)).toBe(before);
    expect(rewritten.properties.note).toEqual({ type: ["string", "null"] });
    expect(rewritten.properties.where).toEqual({ type: "string" });
  });
});
