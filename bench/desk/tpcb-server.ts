// pgbench's TPC-B transaction served over HTTP by the barest Node server: node:http, one pool of
// pg connections, no framework, no session, no validation, a one-field JSON answer. Driven by the
// same clients as the desk, it shows what HTTP and Node cost on this machine before any of the
// desk's own work: the ceiling for "transitions per second ÷ pgbench's TPS" (run.ts).
// Started by run.ts: `node --import tsx bench/desk/tpcb-server.ts URL POOL SCALE`.
import http from "node:http";
import pg from "pg";

const [url, pool, scaleArg] = process.argv.slice(2);
if (!url || !process.send) throw new Error("usage: run by bench/desk/run.ts with an IPC channel");
const scale = Number(scaleArg ?? 1);
const connections = new pg.Pool({ connectionString: url, max: Number(pool ?? 10) });

const between = (low: number, high: number) => low + Math.floor(Math.random() * (high - low + 1));

/** pgbench's built-in "tpcb-like" script, statement for statement. */
async function transaction(): Promise<number> {
  const aid = between(1, 100_000 * scale);
  const bid = between(1, scale);
  const tid = between(1, 10 * scale);
  const delta = between(-5000, 5000);
  const c = await connections.connect();
  try {
    await c.query("BEGIN");
    await c.query({
      name: "account",
      text: "UPDATE pgbench_accounts SET abalance = abalance + $1 WHERE aid = $2",
      values: [delta, aid],
    });
    const balance = await c.query<{ abalance: number }>({
      name: "balance",
      text: "SELECT abalance FROM pgbench_accounts WHERE aid = $1",
      values: [aid],
    });
    await c.query({
      name: "teller",
      text: "UPDATE pgbench_tellers SET tbalance = tbalance + $1 WHERE tid = $2",
      values: [delta, tid],
    });
    await c.query({
      name: "branch",
      text: "UPDATE pgbench_branches SET bbalance = bbalance + $1 WHERE bid = $2",
      values: [delta, bid],
    });
    await c.query({
      name: "history",
      text:
        "INSERT INTO pgbench_history (tid, bid, aid, delta, mtime) " +
        "VALUES ($1, $2, $3, $4, CURRENT_TIMESTAMP)",
      values: [tid, bid, aid, delta],
    });
    await c.query("END");
    return balance.rows[0]?.abalance ?? 0;
  } catch (error) {
    await c.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    c.release();
  }
}

const server = http.createServer((request, response) => {
  request.resume();
  request.on("end", () => {
    transaction().then(
      (balance) => {
        const body = JSON.stringify({ balance });
        response.writeHead(200, {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(body),
        });
        response.end(body);
      },
      (error: unknown) => {
        const body = JSON.stringify({ error: String(error) });
        response.writeHead(500, {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(body),
        });
        response.end(body);
      },
    );
  });
});

server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("no port");
  process.send?.({ kind: "listening", port: address.port });
});

process.on("message", (m: { kind: string }) => {
  if (m.kind === "close") server.close(() => void connections.end().then(() => process.exit(0)));
});
