// The tenant's gazetteer: settlements, streets and landmarks of its territory, which triage reads
// to suggest a case's location. Members read it; the admin replaces it.
import Type, { type Static } from "typebox";
import type { Gazetteer } from "../../domain/triage/location.ts";
import { gazetteerOf, setGazetteer } from "../../app/gazetteer.ts";
import {
  authOf,
  fail,
  inTransaction,
  tenantContextOf,
  type App,
  type HttpEnv,
} from "../context.ts";
import { Nullable, responses } from "../schemas.ts";

const Name = Type.String({ minLength: 1, maxLength: 200 });
const Aliases = Type.Optional(Type.Array(Name, { maxItems: 50 }));

export const GazetteerSchema = Type.Object(
  {
    preset: Type.String({ maxLength: 64 }),
    territory: Type.String({ minLength: 1, maxLength: 300 }),
    note: Type.Optional(Type.String({ maxLength: 2000 })),
    settlements: Type.Array(
      Type.Object(
        {
          name: Name,
          kind: Type.Enum([
            "город",
            "посёлок городского типа",
            "посёлок",
            "село",
            "деревня",
            "станица",
            "хутор",
          ]),
          in: Type.Optional(Type.String({ maxLength: 200, description: "«в Соболево»" })),
          centre: Type.Optional(Type.Boolean()),
          aliases: Aliases,
          ambiguous: Type.Optional(Type.Boolean()),
          known: Type.Optional(Type.Boolean()),
          notAfter: Type.Optional(Type.Array(Name, { maxItems: 20 })),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 2000 },
    ),
    streets: Type.Array(
      Type.Object(
        {
          name: Name,
          kind: Type.Optional(
            Type.Enum([
              "улица",
              "проспект",
              "переулок",
              "проезд",
              "площадь",
              "микрорайон",
              "бульвар",
              "набережная",
              "шоссе",
            ]),
          ),
          settlement: Name,
          aliases: Aliases,
          common: Type.Optional(Type.Boolean()),
          known: Type.Optional(Type.Boolean()),
        },
        { additionalProperties: false },
      ),
      { maxItems: 20_000 },
    ),
    landmarks: Type.Array(
      Type.Object(
        { name: Name, settlement: Type.Optional(Name), aliases: Aliases },
        { additionalProperties: false },
      ),
      { maxItems: 5000 },
    ),
  },
  { additionalProperties: false },
);

// The schema and the domain's type must describe the same thing.
const agrees: Static<typeof GazetteerSchema> extends Gazetteer ? true : false = true;
void agrees;

const TenantGazetteerSchema = Type.Object({
  source: Type.Enum(["tenant", "preset", "none"], {
    description: "The tenant's own, the preset's (until the admin saves one), or none",
  }),
  gazetteer: Nullable(GazetteerSchema),
});

/** Strips undefined optionals the way JSON does, so stored and answered documents are alike. */
const plain = (g: Gazetteer): Gazetteer => JSON.parse(JSON.stringify(g)) as Gazetteer;

export async function gazetteerRoutes(app: App, env: HttpEnv): Promise<void> {
  app.get(
    "/tenant/gazetteer",
    {
      schema: {
        tags: ["tenant"],
        summary: "Справочник мест: населённые пункты, улицы, объекты — для подсказки локации",
        response: responses({ 200: TenantGazetteerSchema }),
      },
    },
    async (request) => {
      const ctx = await tenantContextOf(env.db, env, authOf(request));
      return gazetteerOf(ctx.tenant);
    },
  );

  app.put(
    "/tenant/gazetteer",
    {
      bodyLimit: 5 * 1024 * 1024,
      schema: {
        tags: ["tenant"],
        summary: "Заменить справочник мест (администратор)",
        description:
          "Validated against the schema (every bad field named), then for names given twice and " +
          "streets or landmarks of settlements the gazetteer does not hold (422 with each).",
        body: GazetteerSchema,
        response: responses({ 200: TenantGazetteerSchema }),
      },
    },
    async (request, reply) => {
      const auth = authOf(request);
      const gazetteer = plain(request.body);
      const result = await inTransaction(env.db, (tx) =>
        setGazetteer(tx, auth.actor, gazetteer, env.now(), request.id),
      );
      return result.ok ? { source: "tenant" as const, gazetteer } : fail(request, reply, result);
    },
  );
}
