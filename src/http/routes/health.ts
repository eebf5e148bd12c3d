// GET /api/health: the server answers and its database does too.
import { sql } from "kysely";
import Type from "typebox";
import { fail, type App, type HttpEnv } from "../context.ts";
import { responses } from "../schemas.ts";

export async function healthRoutes(app: App, env: HttpEnv): Promise<void> {
  app.get(
    "/api/health",
    {
      schema: {
        tags: ["health"],
        summary: "Сервер и база данных отвечают",
        response: responses({
          200: Type.Object({
            status: Type.Literal("ok"),
            database: Type.Enum(["postgres", "pglite"]),
          }),
        }),
      },
    },
    async (request, reply) => {
      try {
        await sql`select 1`.execute(env.db);
      } catch (err) {
        request.log.error({ err }, "database does not answer");
        return fail(request, reply, { ok: false, kind: "unavailable", reason: "database" });
      }
      return { status: "ok" as const, database: env.database.kind };
    },
  );
}
