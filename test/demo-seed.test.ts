// The demo seed through the use cases: deterministic, and every case with its real history.
import { afterAll, describe, expect, it } from "vitest";
import { seedDemo } from "../src/app/demo/seed.ts";
import type { Db } from "../src/db/connection.ts";
import { testDatabase } from "./support/database.ts";

const NOW = Date.parse("2026-11-18T12:00:00+03:00");
const databases: Awaited<ReturnType<typeof testDatabase>>[] = [];
afterAll(async () => {
  for (const d of databases) await d.drop();
});

async function seeded() {
  const database = await testDatabase();
  databases.push(database);
  const result = await seedDemo(database.db, { now: NOW, scale: 0.15 });
  return { db: database.db, result };
}

/** What a person sees of the desk: every case with its clocks, and how much history it has. */
async function desk(db: Db) {
  const cases = await db
    .selectFrom("cases")
    .innerJoin("tenants", "tenants.id", "cases.tenant_id")
    .select([
      "tenants.slug",
      "cases.number",
      "cases.status",
      "cases.risk",
      "cases.summary",
      "cases.next_deadline",
      "cases.opened_at",
    ])
    .orderBy("cases.number")
    .execute();
  const audit = await db
    .selectFrom("audit_log")
    .select(["action", "at"])
    .where("case_id", "is not", null)
    .orderBy("at")
    .orderBy("action")
    .execute();
  return { cases, audit };
}

describe("the demo seed", () => {
  it("gives the same desk for the same seed and moment", async () => {
    const a = await seeded();
    const b = await seeded();
    expect(a.result.simulation?.refusals).toEqual([]);
    expect(a.result.users).toEqual(b.result.users);
    expect(await desk(a.db)).toEqual(await desk(b.db));
  }, 600_000);

  it("registers every case before acting on it, and acts no later than now", async () => {
    const { db } = databases[0] ? { db: databases[0].db } : await seeded();
    const { cases, audit } = await desk(db);
    expect(cases.length).toBeGreaterThan(20);
    expect(audit.every((e) => e.at.getTime() <= NOW)).toBe(true);
    const firsts = await db
      .selectFrom("audit_log")
      .select(["case_id", (eb) => eb.fn.min("id").as("first")])
      .where("case_id", "is not", null)
      .groupBy("case_id")
      .execute();
    const actions = await db
      .selectFrom("audit_log")
      .select("action")
      .where(
        "id",
        "in",
        firsts.map((f) => Number(f.first)),
      )
      .execute();
    expect(new Set(actions.map((a) => a.action))).toEqual(new Set(["register"]));
  });
});
