// Response serialization without a validator in the loop. fast-json-stringify writes "X or null"
// (`anyOf: [X, {type: null}]`, how TypeBox spells Nullable) by validating the value against X
// with ajv on every response — a whole stage object, date-time formats included — and compiles
// those validators on the first response of each shape (about 200 ms after a restart). Written as
// X's type with null added (`type: ["object", "null"]`, the same JSON Schema meaning) it is a
// `=== null` test. Only the serializer's copy changes: the OpenAPI document and request
// validation keep the schemas as written. A shared schema that may be null is copied in whole for
// the same reason.
import { SerializerSelector } from "@fastify/fast-json-stringify-compiler";

type Json = unknown;

type Schema = Record<string, Json>;
type Resolve = (ref: string) => Schema | undefined;

const isNullSchema = (s: Json): boolean =>
  typeof s === "object" && s !== null && (s as Schema).type === "null";

const isStringConstant = (s: Json): boolean =>
  typeof s === "object" &&
  s !== null &&
  typeof (s as Schema).const === "string" &&
  Object.keys(s).every((k) => k === "const" || k === "type" || k === "description");

/** The one JSON type a schema's values have, with a shared schema it names put in its place. */
function typed(s: Schema, resolve: Resolve): Schema | undefined {
  if (typeof s.type === "string") return s.type === "null" ? undefined : s;
  if (Array.isArray(s.enum) && s.enum.every((v) => typeof v === "string"))
    return { ...s, type: "string" };
  if (typeof s.$ref !== "string") return undefined;
  const target = resolve(s.$ref);
  if (!target || typeof target.type !== "string") return undefined;
  const { $id: _, ...inlined } = target;
  const { $ref: __, ...siblings } = s;
  return { ...inlined, ...siblings };
}

/** A copy of a schema where every "one typed schema or null" is that schema with null in its type. */
export function nullsAsTypes(schema: Json, resolve: Resolve = () => undefined): Json {
  if (Array.isArray(schema)) return schema.map((s) => nullsAsTypes(s, resolve));
  if (typeof schema !== "object" || schema === null) return schema;
  const out: Schema = {};
  for (const [key, value] of Object.entries(schema)) out[key] = nullsAsTypes(value, resolve);
  const options = out.anyOf;
  if (!Array.isArray(options)) return out;
  const { anyOf: _, ...siblings } = out;
  // Several string constants are a string to write.
  if (options.every(isStringConstant)) return { ...siblings, type: "string" };
  if (options.length !== 2) return out;
  const nullAt = options.findIndex(isNullSchema);
  const other = nullAt < 0 ? undefined : typed(options[1 - nullAt] as Schema, resolve);
  if (!other) return out;
  return { ...siblings, ...other, type: [other.type, "null"] };
}

type SerializerFactory = ReturnType<typeof SerializerSelector>;

/** Fastify's serializer factory (fast-json-stringify), given the rewritten schemas. */
export const buildSerializer: SerializerFactory = (externalSchemas, options) => {
  const shared = (externalSchemas ?? {}) as Record<string, Schema>;
  // References name a shared schema by its id ("CaseCard#"); those are already rewritten.
  const rewritten: Record<string, Schema> = {};
  const resolve: Resolve = (ref) => rewritten[ref.replace(/#$/, "")];
  for (const [id, schema] of Object.entries(shared))
    rewritten[id] = nullsAsTypes(schema, resolve) as Schema;
  const compile = SerializerSelector()(rewritten, options);
  return (route) => compile({ ...route, schema: nullsAsTypes(route.schema, resolve) });
};
