import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compiledOnce } from "../src/db/compiled-once.ts";
import type { Tx } from "../src/db/cases.ts";
import { testDatabase } from "./support/database.ts";
import { seedTenant } from "./support/factories.ts";

let db: Awaited<ReturnType<typeof testDatabase>>;

beforeAll(async () => {
  db = await testDatabase();
});
afterAll(async () => {
  await db.drop();
});

describe("statements compiled once", () => {
  it("are built once and answer each run with that run's values", async () => {
    const a = await seedTenant(db.db, "sobolevo");
    const b = await seedTenant(db.db, "krymsk");
    let built = 0;
    const departments = compiledOnce((tx: Tx, args: { tenantId: number; name: string }) => {
      built++;
      return tx
        .selectFrom("departments")
        .select(["id", "tenant_id"])
        .where("tenant_id", "=", args.tenantId)
        .where("name", "<>", args.name)
        .orderBy("id");
    });
    const ofA = await departments(db.db, { tenantId: a.tenantId, name: "" });
    const ofB = await departments(db.db, { tenantId: b.tenantId, name: "" });
    expect(ofA.map((d) => d.id)).toEqual(
      expect.arrayContaining([a.departments.a, a.departments.b]),
    );
    expect(ofA.every((d) => d.tenant_id === a.tenantId)).toBe(true);
    expect(ofB.map((d) => d.id)).toEqual(
      expect.arrayContaining([b.departments.a, b.departments.b]),
    );
    expect(ofB.every((d) => d.tenant_id === b.tenantId)).toBe(true);
    expect(built).toBe(1);
  });

  it("refuses an argument that shapes the statement instead of being one of its values", async () => {
    const shaped = compiledOnce((tx: Tx, args: { onlyActive: boolean }) => {
      const q = tx.selectFrom("users").select("id");
      return args.onlyActive ? q.where("active", "=", true) : q;
    });
    await expect(shaped(db.db, { onlyActive: false })).rejects.toThrow(
      "onlyActive must be values of the statement",
    );
  });
});
