// Prints the server's OpenAPI document (built in memory, nothing listens): the source of the
// desk's API types (web/src/api/schema.d.ts, see openapi-types.ts).
import { loadConfig } from "../../src/config.ts";
import { openDatabase } from "../../src/db/connection.ts";
import { buildServer } from "../../src/http/server.ts";

export async function openApiDocument(): Promise<Record<string, unknown>> {
  const database = await openDatabase({ dataDir: null });
  const app = await buildServer({ database, config: loadConfig(), logger: false });
  try {
    await app.ready();
    const res = await app.inject({ method: "GET", url: "/api/openapi.json" });
    return res.json() as Record<string, unknown>;
  } finally {
    await app.close();
    await database.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`)
  process.stdout.write(`${JSON.stringify(await openApiDocument(), null, 2)}\n`);
