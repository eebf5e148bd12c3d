// A tenant's rules, parsed and compiled once and kept until the tenant changes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadTenantContext } from "../src/app/tenant-context.ts";
import { testDatabase } from "./support/database.ts";
import { seedTenant } from "./support/factories.ts";

let db: Awaited<ReturnType<typeof testDatabase>>;
beforeAll(async () => {
  db = await testDatabase();
});
afterAll(async () => {
  await db.drop();
});

describe("a tenant's context", () => {
  it("is built once for requests that arrive together, and again after the tenant changes", async () => {
    const t = await seedTenant(db.db, "sobolevo");
    const together = await Promise.all(
      Array.from({ length: 12 }, () => loadTenantContext(db.db, t.tenantId, 0.25)),
    );
    expect(new Set(together).size).toBe(1);
    expect(together[0]?.riskShare).toBe(0.25);
    expect(await loadTenantContext(db.db, t.tenantId, 0.25)).toBe(together[0]);

    await db.db
      .updateTable("tenants")
      .set({ settings: JSON.stringify({ riskShare: 0.4 }) })
      .where("id", "=", t.tenantId)
      .execute();
    const changed = await loadTenantContext(db.db, t.tenantId, 0.25);
    expect(changed).not.toBe(together[0]);
    expect(changed?.riskShare).toBe(0.4);
  });
});
