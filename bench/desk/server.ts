// The desk's HTTP server in a process of its own, so that the bench sees its memory and CPU apart
// from the clients'. Started by run.ts: `node --import tsx bench/desk/server.ts URL POOL`.
import { loadConfig } from "../../src/config.ts";
import { openDatabase } from "../../src/db/connection.ts";
import { buildServer } from "../../src/http/server.ts";
import { statementsSent } from "./statements.ts";

const [url, pool] = process.argv.slice(2);
if (!url || !process.send) throw new Error("usage: run by bench/desk/run.ts with an IPC channel");
const database = await openDatabase({ url, poolSize: Number(pool ?? 10) });
const config = loadConfig({ DATABASE_URL: url, LOG_LEVEL: "silent" });
const app = await buildServer({ database, config, logger: false });
// How long the server itself took over each queue page, from its parsed request to its answer
// written: set beside the clients' latencies, it tells a tail inside the server from one outside.
let served: number[] = [];
app.addHook("onResponse", async (request, reply) => {
  if (request.method === "GET" && request.routeOptions.url === "/api/v1/cases")
    served.push(reply.elapsedTime);
});
const percentiles = (values: number[]) => {
  const sorted = Float64Array.from(values).sort();
  const at = (q: number) => sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)] ?? 0;
  return { count: sorted.length, p50: at(0.5), p99: at(0.99) };
};
await app.listen({ host: "127.0.0.1", port: 0 });
const address = app.server.address();
if (!address || typeof address === "string") throw new Error("no port");
process.send({ kind: "listening", port: address.port });

process.on("message", (m: { kind: string }) => {
  if (m.kind === "usage") {
    const cpu = process.cpuUsage();
    process.send?.({
      kind: "usage",
      // resourceUsage().maxRSS is in kilobytes: the peak resident set of this process so far.
      maxRssBytes: process.resourceUsage().maxRSS * 1024,
      rssBytes: process.memoryUsage().rss,
      cpuMs: (cpu.user + cpu.system) / 1000,
      statements: statementsSent(),
      queuePages: { ...app.queuePages.stats },
      // Queue pages since the last report.
      queueServed: percentiles(served),
    });
    served = [];
  } else if (m.kind === "close") {
    void app
      .close()
      .then(() => database.close())
      .then(() => process.exit(0));
  }
});
