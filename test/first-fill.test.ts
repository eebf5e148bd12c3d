// The first filling of an empty database (the demo of the first `npm start`) is whole or done again.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fillFirst } from "../src/cli/database.ts";
import { testDatabase } from "./support/database.ts";
import { seedTenant } from "./support/factories.ts";

let db: Awaited<ReturnType<typeof testDatabase>>;
beforeAll(async () => {
  db = await testDatabase();
});
afterAll(async () => {
  await db.drop();
});

const tenants = async () =>
  (await db.db.selectFrom("tenants").select("slug").orderBy("id").execute()).map((t) => t.slug);

describe("the first filling of a database", () => {
  it("interrupted, is wiped and done again at the next start; finished, is left alone", async () => {
    let restarts = 0;
    const onRestart = () => restarts++;
    // A filling stopped halfway: one administration written, the second never.
    const stopped = fillFirst(
      db,
      async () => {
        await seedTenant(db.db, "sobolevo");
        throw new Error("Ctrl+C");
      },
      onRestart,
    );
    await expect(stopped).rejects.toThrow("Ctrl+C");
    const [halfMade] = await tenants();
    expect(halfMade).toMatch(/^sobolevo-/);

    const filled = await fillFirst(
      db,
      async () => {
        await seedTenant(db.db, "bor");
        await seedTenant(db.db, "sobolevo");
        return "whole";
      },
      onRestart,
    );
    expect(filled).toBe("whole");
    expect(restarts).toBe(1);
    const whole = await tenants();
    expect(whole).toHaveLength(2);
    expect(whole).not.toContain(halfMade);
    // The half-made administration's people went with it.
    const logins = (await db.db.selectFrom("users").select("login").execute()).map((u) => u.login);
    expect(logins.some((l) => l.endsWith(halfMade!))).toBe(false);
    expect(logins.some((l) => l.endsWith(whole[1]!))).toBe(true);

    const again = await fillFirst(
      db,
      async () => {
        throw new Error("a finished filling is not done twice");
      },
      onRestart,
    );
    expect(again).toBeUndefined();
    expect(await tenants()).toEqual(whole);
    expect(restarts).toBe(1);
  });
});
