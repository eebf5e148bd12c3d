// Notices of the database (LISTEN/NOTIFY) keep reaching a server after its listening connection is
// lost: on a PostgreSQL server the connection is opened again and its listeners are told of the gap
// (src/db/listener.ts). Before, the lost connection's error ended the whole process.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "./support/database.ts";

let db: Awaited<ReturnType<typeof testDatabase>>;

beforeAll(async () => {
  db = await testDatabase();
});
afterAll(async () => {
  await db.drop();
});

const notify = (channel: string, payload: string) =>
  sql`select pg_notify(${channel}, ${payload})`.execute(db.db);

/** Waits until `done` holds, 5 s at most. */
async function until(done: () => boolean): Promise<void> {
  const began = performance.now();
  while (!done() && performance.now() - began < 5_000)
    await new Promise((resolve) => setTimeout(resolve, 20));
}

describe("listening to the database", () => {
  it("delivers each channel's notices to its listeners until they stop", async () => {
    const got: string[] = [];
    const stopA = await db.listen("otklik_test_a", (p) => got.push(`a:${p}`));
    const stopB = await db.listen("otklik_test_b", (p) => got.push(`b:${p}`));
    await notify("otklik_test_a", "1");
    await notify("otklik_test_b", "2");
    await until(() => got.length === 2);
    expect(got.sort()).toEqual(["a:1", "b:2"]);
    await stopA();
    await notify("otklik_test_a", "3");
    await notify("otklik_test_b", "4");
    await until(() => got.length === 3);
    expect(got.sort()).toEqual(["a:1", "b:2", "b:4"]);
    await stopB();
  });

  it("survives a lost connection: it says so, listens again and tells of the gap", async () => {
    // An embedded database lives in the process: there is no connection to lose.
    if (db.kind !== "postgres") return;
    const got: string[] = [];
    let gaps = 0;
    const losses: Array<{ message: string; retryInMs: number }> = [];
    const stop = await db.listen(
      "otklik_test_loss",
      (p) => got.push(p),
      () => gaps++,
      (error, retryInMs) => losses.push({ message: error.message, retryInMs }),
    );
    await notify("otklik_test_loss", "before");
    await until(() => got.length === 1);
    // As a restart or an administrator would: the listening backend is ended.
    const ended = await sql<{ n: number }>`
      select count(pg_terminate_backend(pid))::int as n from pg_stat_activity
      where datname = current_database() and query like 'listen %'`.execute(db.db);
    expect(ended.rows[0]?.n).toBe(1);
    await until(() => gaps === 1);
    expect(gaps).toBe(1);
    // Told once, with the administrator's reason and the first pause, before listening again.
    expect(losses).toEqual([
      { message: expect.stringMatching(/terminat/i) as unknown as string, retryInMs: 500 },
    ]);
    await notify("otklik_test_loss", "after");
    await until(() => got.length === 2);
    expect(got).toEqual(["before", "after"]);
    await stop();
  });
});
