import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actOnCase } from "../src/app/act-on-case.ts";
import { registerCase } from "../src/app/register-case.ts";
import { Rollback } from "../src/app/results.ts";
import { testDatabase } from "./support/database.ts";
import { seedTenant } from "./support/factories.ts";

let db: Awaited<ReturnType<typeof testDatabase>>;
beforeAll(async () => {
  db = await testDatabase();
});
afterAll(async () => {
  await db.drop();
});

describe("a decision whose case row was not written", () => {
  // Under the row lock every use case takes, the version cannot move between the read and the
  // write. A trigger that drops the case's update stands in for the write finding it moved: the
  // decision's statement still writes its stages, audit entry and notifications beside it.
  it("is thrown, so a caller outside HTTP cannot commit the trail of a decision that lost", async () => {
    const t = await seedTenant(db.db, "sobolevo");
    const ctx = await t.ctx();
    const curator = await t.actor("curator");
    const now = Date.parse("2026-11-16T10:00:00+12:00");
    const reg = await db.db
      .transaction()
      .execute((tx) => registerCase(tx, ctx, curator, { channel: "vk", text: "Нет воды" }, now));
    if (!reg.ok) throw new Error("registration");
    const caseId = reg.case.id;
    const trail = async () => {
      const count = (table: "audit_log" | "notifications" | "case_stages") =>
        db.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<string>().as("n"))
          .where("case_id", "=", caseId)
          .executeTakeFirstOrThrow()
          .then((r) => Number(r.n));
      return {
        audit: await count("audit_log"),
        notifications: await count("notifications"),
        stages: await count("case_stages"),
      };
    };
    const assign = () =>
      db.db
        .transaction()
        .execute((tx) =>
          actOnCase(
            tx,
            ctx,
            curator,
            caseId,
            { action: "assign", departmentId: t.departments.a, userId: t.users.executorA.id },
            { now: now + 60_000 },
          ),
        );
    const before = await trail();

    await sql`create function otklik_test_drop_update() returns trigger language plpgsql
      as $$ begin return null; end $$`.execute(db.db);
    await sql`create trigger otklik_test_drop_update before update on cases
      for each row when (old.id = ${sql.lit(caseId)}) execute function otklik_test_drop_update()`.execute(
      db.db,
    );
    try {
      const refused = await assign().then(
        (result) => result,
        (error: unknown) => error,
      );
      expect(refused).toBeInstanceOf(Rollback);
      expect((refused as Rollback).failure).toEqual({
        ok: false,
        kind: "conflict",
        currentVersion: reg.case.version,
      });
      expect(await trail()).toEqual(before);
    } finally {
      await sql`drop trigger otklik_test_drop_update on cases`.execute(db.db);
      await sql`drop function otklik_test_drop_update()`.execute(db.db);
    }

    const assigned = await assign();
    expect(assigned.ok && assigned.case.status).toBe("assigned");
    const after = await trail();
    expect(after.audit).toBe(before.audit + 1);
    expect(after.stages).toBeGreaterThan(before.stages);
  });
});
