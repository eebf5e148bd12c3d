import { PGlite } from "@electric-sql/pglite";
import { Kysely, sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PGliteDialect } from "./pglite-dialect.ts";

interface Db {
  notes: { id: number; body: string; tags: string[]; at: Date; meta: unknown };
}

let lite: PGlite;
let db: Kysely<Db>;
const statements = async () =>
  (
    await lite.query<{ name: string }>("select name from pg_prepared_statements order by name")
  ).rows.map((r) => r.name);

beforeAll(async () => {
  lite = await PGlite.create();
  // Three statements kept at most, so that the oldest is seen to go.
  db = new Kysely<Db>({ dialect: new PGliteDialect(lite, 3) });
  await sql`create table notes (id int primary key, body text not null, tags text[] not null,
    at timestamptz not null, meta jsonb)`.execute(db);
});
afterAll(async () => {
  await db.destroy();
  await lite.close();
});

const byId = (id: number) => db.selectFrom("notes").selectAll().where("id", "=", id);

describe("statements prepared once in the embedded database", () => {
  it("give each run its own parameters and types back", async () => {
    const at = new Date("2026-12-07T10:00:00Z");
    for (const [id, body] of [
      [1, "первая"],
      [2, "вторая"],
    ] as const)
      await db
        .insertInto("notes")
        .values({ id, body, tags: ["a", `b${id}`], at, meta: JSON.stringify({ id }) })
        .execute();
    expect(await byId(2).executeTakeFirst()).toEqual({
      id: 2,
      body: "вторая",
      tags: ["a", "b2"],
      at,
      meta: { id: 2 },
    });
    expect((await byId(1).executeTakeFirst())?.body).toBe("первая");
    // One statement per text, whatever the values.
    expect((await statements()).length).toBe(2);
  });

  it("leave the session usable after a failed statement, in and out of a transaction", async () => {
    const duplicate = db
      .insertInto("notes")
      .values({ id: 1, body: "x", tags: [], at: new Date(), meta: null })
      .execute();
    await expect(duplicate).rejects.toThrow(/duplicate key/);
    await expect(
      db.transaction().execute(async (tx) => {
        await tx.updateTable("notes").set({ body: "изменена" }).where("id", "=", 2).execute();
        await tx
          .selectFrom("notes")
          .select(sql`1 / (id - id)`.as("boom"))
          .execute();
      }),
    ).rejects.toThrow(/division by zero/);
    // The failed transaction's change is gone; the statements prepared in it still run.
    expect((await byId(2).executeTakeFirst())?.body).toBe("вторая");
    expect(
      await db
        .selectFrom("notes")
        .select("id")
        .where("body", "like", "%ая")
        .orderBy("id")
        .execute(),
    ).toEqual([{ id: 1 }, { id: 2 }]);
  });

  it("keep at most the set number, closing the oldest", async () => {
    for (let n = 1; n <= 5; n++)
      await db
        .selectFrom("notes")
        .select(sql<number>`${n}::int`.as(`n${n}`))
        .where("id", "=", 1)
        .execute();
    expect((await statements()).length).toBe(3);
    // A statement closed for room is prepared again when it comes back.
    expect((await byId(1).executeTakeFirst())?.body).toBe("первая");
  });

  it("are shared by every Kysely over the same database, without clashing names", async () => {
    const shared = await PGlite.create();
    const [one, two] = [1, 2].map(() => new Kysely<Db>({ dialect: new PGliteDialect(shared) }));
    // A text of its own per call: each is prepared under a new name, by one or the other.
    const fresh = (k: Kysely<Db>, n: number) =>
      sql<{ m: number }>`select ${sql.raw(String(n))} + ${100}::int as m`.execute(k);
    try {
      for (let n = 1; n <= 6; n++)
        expect((await fresh(n % 2 ? one! : two!, n)).rows).toEqual([{ m: n + 100 }]);
    } finally {
      await shared.close();
    }
  });
});
