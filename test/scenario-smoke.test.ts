import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actOnCase } from "../src/app/act-on-case.ts";
import { registerCase } from "../src/app/register-case.ts";
import { formatInstant } from "../src/domain/calendar/index.ts";
import { testDatabase } from "./support/database.ts";
import { seedTenant } from "./support/factories.ts";

let db: Awaited<ReturnType<typeof testDatabase>>;
beforeAll(async () => {
  db = await testDatabase();
});
afterAll(async () => {
  await db.drop();
});

describe("a sobolevo case from registration to publication", () => {
  it("goes through every stage with the regulation's deadlines", async () => {
    const t = await seedTenant(db.db, "sobolevo");
    const ctx = await t.ctx();
    const tz = "Asia/Kamchatka";
    const at = (s: string) => Date.parse(s);
    const curator = await t.actor("curator");
    const executor = await t.actor("executorA");
    const approver = await t.actor("approver");
    const reg = await db.db.transaction().execute((tx) =>
      registerCase(
        tx,
        ctx,
        curator,
        {
          channel: "vk",
          text: "Нет воды на ул. Советской",
          detectedAt: at("2026-11-16T10:00:00+12:00"),
        },
        at("2026-11-16T10:00:00+12:00"),
      ),
    );
    expect(reg.ok).toBe(true);
    if (!reg.ok) return;
    const c = reg.case;
    expect(c.number).toMatch(/^СОБ-2026-\d{6}$/);
    const due = (key: string, cc = c) => {
      const s = cc.stages.find(
        (x) => x.key === key && (x.status === "open" || x.status === "waiting"),
      );
      return s?.deadline ? formatInstant(s.deadline, tz) : undefined;
    };
    expect(due("route")).toBe("2026-11-16T10:30:00+12:00");
    expect(due("total")).toBe("2026-11-17T10:00:00+12:00");
    const act = (actor: typeof curator, req: Parameters<typeof actOnCase>[4], when: string) =>
      db.db.transaction().execute((tx) => actOnCase(tx, ctx, actor, c.id, req, { now: at(when) }));
    const r1 = await act(
      curator,
      { action: "assign", departmentId: t.departments.a, userId: t.users.executorA.id },
      "2026-11-16T10:20:00+12:00",
    );
    expect(r1.ok).toBe(true);
    if (!r1.ok) return;
    expect(due("draft", r1.case)).toBe("2026-11-16T15:00:00+12:00");
    const r2 = await act(
      executor,
      { action: "saveDraft", kind: "final", text: "Подача воды восстановлена." },
      "2026-11-16T11:00:00+12:00",
    );
    expect(r2.ok).toBe(true);
    const r3 = await act(executor, { action: "submitDraft" }, "2026-11-16T11:30:00+12:00");
    expect(r3.ok && r3.case.status).toBe("onApproval");
    const r4 = await act(
      approver,
      { action: "requestRevision", remarks: "Укажите срок" },
      "2026-11-16T12:00:00+12:00",
    );
    expect(r4.ok && due("revise", r4.case)).toBe("2026-11-16T13:00:00+12:00");
    const r5 = await act(
      executor,
      { action: "saveDraft", kind: "final", text: "Подача воды восстановлена 16 ноября в 12:00." },
      "2026-11-16T14:10:00+12:00",
    );
    expect(r5.ok).toBe(true);
    const r6 = await act(executor, { action: "submitDraft" }, "2026-11-16T14:15:00+12:00");
    expect(r6.ok).toBe(true);
    const r7 = await act(approver, { action: "approve" }, "2026-11-16T14:30:00+12:00");
    expect(r7.ok && due("handOver", r7.case)).toBe("2026-11-16T15:30:00+12:00");
    const r8 = await act(executor, { action: "handOver" }, "2026-11-16T14:40:00+12:00");
    expect(r8.ok && r8.case.status).toBe("readyToPublish");
    const r9 = await act(
      curator,
      { action: "publish", url: "https://vk.com/wall-1_2?reply=3" },
      "2026-11-16T14:50:00+12:00",
    );
    expect(r9.ok && r9.case.status).toBe("answered");
    const audit = await db.db
      .selectFrom("audit_log")
      .select("action")
      .where("case_id", "=", c.id)
      .orderBy("id")
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      "register",
      "assign",
      "saveDraft",
      "submitDraft",
      "requestRevision",
      "saveDraft",
      "submitDraft",
      "approve",
      "handOver",
      "publish",
    ]);
  });
});
