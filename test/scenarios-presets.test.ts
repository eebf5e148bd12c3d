// Each preset's regulation, one case from registration to publication through the real use cases
// and database, with an injected clock: every deadline equals the regulation's, counted by hand.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actOnCase, type ActionRequest } from "../src/app/act-on-case.ts";
import { registerCase, type RegisterInput } from "../src/app/register-case.ts";
import { formatInstant } from "../src/domain/calendar/index.ts";
import type { PresetName } from "../src/domain/regulation/presets.ts";
import type { CaseState } from "../src/domain/workflow/case.ts";
import type { Actor } from "../src/domain/workflow/policy.ts";
import { addMembership } from "../src/app/users.ts";
import { membershipsOf } from "../src/db/people.ts";
import { testDatabase } from "./support/database.ts";
import { seedTenant, type SeededTenant } from "./support/factories.ts";

let db: Awaited<ReturnType<typeof testDatabase>>;
beforeAll(async () => {
  db = await testDatabase();
});
afterAll(async () => {
  await db.drop();
});

/** A case driven through the app layer; `due(stage)` reads the latest run's deadline in local time. */
async function scenario(preset: PresetName, offset: string) {
  const t: SeededTenant = await seedTenant(db.db, preset);
  const ctx = await t.ctx();
  const tz = ctx.tenant.time_zone;
  const at = (local: string) => Date.parse(`${local}:00${offset}`);
  let c: CaseState | undefined;
  const local = (ms: number | null | undefined) =>
    ms == null ? undefined : formatInstant(ms, tz).slice(0, 16);
  return {
    t,
    async register(input: Omit<RegisterInput, "detectedAt">, when: string) {
      const curator = await t.actor("curator");
      const r = await db.db
        .transaction()
        .execute((tx) =>
          registerCase(tx, ctx, curator, { ...input, detectedAt: at(when) }, at(when)),
        );
      if (!r.ok) throw new Error(`register refused: ${JSON.stringify(r)}`);
      c = r.case;
      return c;
    },
    async act(who: Actor | keyof SeededTenant["users"], request: ActionRequest, when: string) {
      const actor = typeof who === "string" ? await t.actor(who) : who;
      const r = await db.db
        .transaction()
        .execute((tx) =>
          actOnCase(tx, ctx, actor, c!.id, request, { now: at(when), expectedVersion: c!.version }),
        );
      if (!r.ok) throw new Error(`${request.action} refused: ${JSON.stringify(r)}`);
      c = r.case;
      return c;
    },
    due(stage: string) {
      return local(c!.stages.filter((s) => s.key === stage).at(-1)?.deadline);
    },
    status: () => c!.status,
    /** The curator's office also approves in this regulation: give the curator that role. */
    async curatorApproves() {
      await addMembership(
        db.db,
        t.tenantId,
        t.users.curator.id,
        "approver",
        null,
        null,
        Date.now(),
      );
      return {
        userId: t.users.curator.id,
        tenantId: t.tenantId,
        memberships: await membershipsOf(db.db, t.users.curator.id, t.tenantId),
      };
    },
  };
}

describe("purovsky (000): the moderator's 20 minutes and the executor's 1 h 10 min across 4 November", () => {
  it("follows п. 8 to п. 8.7 from a message on the short day before the holiday", async () => {
    const s = await scenario("purovsky", "+05:00");
    const moderator = await s.curatorApproves();
    await s.register(
      { channel: "vk", text: "На ул. Геологов в Тарко-Сале не убирают снег" },
      "2026-11-03T16:30",
    );
    expect(s.due("route")).toBe("2026-11-03T16:50"); // п. 8: 20 minutes
    await s.act(
      moderator,
      { action: "assign", departmentId: s.t.departments.a, userId: s.t.users.executorA.id },
      "2026-11-03T16:45",
    );
    expect(s.due("accept")).toBe("2026-11-03T16:55"); // п. 8: 10 minutes to accept
    // п. 8.2: 1 h 10 min — 15 minutes left of the short day (ends 17:00), then 5 November.
    expect(s.due("draft")).toBe("2026-11-05T09:55");
    await s.act("executorA", { action: "accept" }, "2026-11-03T16:50");
    await s.act(
      "executorA",
      {
        action: "saveDraft",
        kind: "final",
        text: "Снег на ул. Геологов уберут до 10:00 6 ноября.",
      },
      "2026-11-05T09:30",
    );
    await s.act("executorA", { action: "submitDraft" }, "2026-11-05T09:40");
    expect(s.due("approve")).toBe("2026-11-05T10:10"); // п. 8.4
    expect(s.due("publish")).toBe("2026-11-05T10:10"); // п. 8.7: from receipt of the draft
    await s.act(
      moderator,
      { action: "requestRevision", remarks: "Укажите телефон" },
      "2026-11-05T10:00",
    );
    expect(s.due("revise")).toBe("2026-11-05T10:20"); // п. 8.5: 20 minutes
    await s.act(
      "executorA",
      {
        action: "saveDraft",
        kind: "final",
        text: "Снег уберут до 10:00 6 ноября. Телефон: 2-15-40.",
      },
      "2026-11-05T10:10",
    );
    await s.act("executorA", { action: "submitDraft" }, "2026-11-05T10:15");
    expect(s.due("approve")).toBe("2026-11-05T10:45");
    await s.act(moderator, { action: "approve" }, "2026-11-05T10:30");
    await s.act(
      moderator,
      { action: "publish", url: "https://vk.com/wall-1_1" },
      "2026-11-05T10:35",
    );
    expect(s.status()).toBe("answered");
  });
});

describe("krymsk (001): 8 working hours across the New Year holidays", () => {
  it("follows пп. 6, 9–13 from a message on 30 December", async () => {
    const s = await scenario("krymsk", "+03:00");
    const curator = await s.curatorApproves();
    await s.register(
      { channel: "ok", text: "В Крымске на ул. Ленина нет света с утра" },
      "2026-12-30T15:00",
    );
    // п. 6: 8 working hours — 3 on 30 December, then 31 December (moved day off), 1–10 January off.
    expect(s.due("total")).toBe("2027-01-11T15:00");
    expect(s.due("route")).toBe("2026-12-30T15:30"); // п. 9
    await s.act(
      curator,
      { action: "assign", departmentId: s.t.departments.a, userId: s.t.users.executorA.id },
      "2026-12-30T15:20",
    );
    expect(s.due("draft")).toBe("2027-01-11T10:00"); // п. 10: 4 hours before the total
    await s.act(
      "executorA",
      {
        action: "saveDraft",
        kind: "final",
        text: "Электроснабжение восстановлено 11 января в 9:00.",
      },
      "2027-01-11T09:10",
    );
    await s.act("executorA", { action: "submitDraft" }, "2027-01-11T09:30");
    expect(s.due("approve")).toBe("2027-01-11T10:00"); // п. 11
    await s.act(curator, { action: "approve" }, "2027-01-11T09:50");
    expect(s.due("publish")).toBe("2027-01-11T10:20"); // п. 13: the executor posts in 30 minutes
    await s.act(
      "executorA",
      { action: "publish", url: "https://ok.ru/group/1/topic/2" },
      "2027-01-11T10:05",
    );
    expect(s.status()).toBe("answered");
  });
});

describe("bor (002): a return, a reassignment by the head and an interim answer", () => {
  it("follows пп. 6–11", async () => {
    const s = await scenario("bor", "+03:00");
    await s.register(
      { channel: "vk", text: "В Бору у дома 12 прорвало трубу" },
      "2026-11-20T16:00",
    );
    // п. 8: 12 working hours — 2 on Friday, 8 on Monday, 2 on Tuesday.
    expect(s.due("total")).toBe("2026-11-24T11:00");
    expect(s.due("route")).toBe("2026-11-24T11:00"); // п. 6: no term of its own, bounded by п. 8
    await s.act(
      "approver",
      { action: "assign", departmentId: s.t.departments.a, userId: s.t.users.executorA.id },
      "2026-11-23T09:30",
    );
    expect(s.due("returnWindow")).toBe("2026-11-23T10:00"); // п. 7
    expect(s.due("draft")).toBe("2026-11-23T16:30"); // п. 9: 6 working hours
    await s.act(
      "executorA",
      { action: "return", reason: "Трубы в ведении водоканала, не нашего сектора" },
      "2026-11-23T09:45",
    );
    expect(s.status()).toBe("returned");
    await s.act(
      "approver",
      { action: "assign", departmentId: s.t.departments.b, userId: s.t.users.executorB.id },
      "2026-11-23T10:30",
    );
    expect(s.due("draft")).toBe("2026-11-23T17:30");
    await s.act(
      "executorB",
      {
        action: "saveDraft",
        kind: "interim",
        text: "Заявка передана в водоканал, ремонт назначен на 25 ноября.",
      },
      "2026-11-23T11:00",
    );
    await s.act("executorB", { action: "submitDraft" }, "2026-11-23T11:10");
    await s.act("approver", { action: "approve" }, "2026-11-23T12:00");
    expect(s.due("publish")).toBe("2026-11-23T13:00"); // п. 10: one hour
    await s.act(
      "curator",
      { action: "publish", url: "https://vk.com/wall-2_5" },
      "2026-11-23T12:30",
    );
    expect(s.status()).toBe("interim");
    expect(s.due("final")).toBe("2026-12-02T18:00"); // п. 11: 7 working days
  });
});

describe("lyambir (003): across the May holidays, a revision and additional control", () => {
  it("follows пп. 11–13 and п. 9 разд. 3", async () => {
    const s = await scenario("lyambir", "+03:00");
    const office = await s.curatorApproves();
    await s.register(
      { channel: "vk", text: "В Лямбире на ул. Ленина яма на дороге" },
      "2026-05-08T15:00",
    );
    expect(s.due("route")).toBe("2026-05-08T17:00"); // п. 11: 2 hours; 8 May is a short day
    await s.act(
      office,
      { action: "assign", departmentId: s.t.departments.a, userId: s.t.users.executorA.id },
      "2026-05-08T16:30",
    );
    // п. 12: 8 hours — half an hour on 8 May, then 9–11 May off, 7.5 hours on 12 May.
    expect(s.due("draft")).toBe("2026-05-12T17:30");
    await s.act(
      "executorA",
      { action: "saveDraft", kind: "final", text: "Яму заделают до 20 мая." },
      "2026-05-12T10:00",
    );
    await s.act("executorA", { action: "submitDraft" }, "2026-05-12T10:30");
    expect(s.due("approve")).toBe("2026-05-12T11:30"); // п. 13
    await s.act(
      office,
      { action: "requestRevision", remarks: "Добавьте, кто отвечает" },
      "2026-05-12T11:00",
    );
    expect(s.due("revise")).toBe("2026-05-12T12:00"); // п. 13 абз. 2
    await s.act(
      "executorA",
      { action: "saveDraft", kind: "final", text: "Яму заделает МУП «Дорсервис» до 20 мая." },
      "2026-05-12T11:30",
    );
    await s.act("executorA", { action: "submitDraft" }, "2026-05-12T11:45");
    await s.act(office, { action: "approve" }, "2026-05-12T12:30");
    expect(s.due("publish")).toBe("2026-05-12T14:30"); // п. 6 разд. 3: one hour, lunch excluded
    await s.act(office, { action: "publish", url: "https://vk.com/wall-3_7" }, "2026-05-12T14:00");
    await s.act(
      office,
      { action: "setAdditionalControl", note: "Яма ещё не заделана" },
      "2026-05-12T15:00",
    );
    expect(s.status()).toBe("additionalControl");
    expect(s.due("controlReport")).toBe("2026-05-13T18:00"); // п. 9 разд. 3
    await s.act(
      "executorA",
      { action: "reportMeasures", text: "Яма заделана 13 мая" },
      "2026-05-13T12:00",
    );
    await s.act(office, { action: "resolve" }, "2026-05-14T10:00");
    expect(s.status()).toBe("answered");
  });
});

describe("sobolevo (004, приложение 2): a portal message in calendar days", () => {
  it("follows пп. 2.2, 2.5, 2.9", async () => {
    const s = await scenario("sobolevo", "+12:00");
    await s.register(
      {
        channel: "portal",
        text: "В Соболево на ул. Комсомольской не вывезли мусор",
        postedAt: Date.parse("2026-11-14T20:00:00+12:00"),
      },
      "2026-11-16T09:00",
    );
    expect(s.due("total")).toBe("2026-11-25T00:00"); // п. 2.5: 10 calendar days after the 14th
    expect(s.due("assign")).toBe("2026-11-15T00:00"); // п. 2.2: the day of posting
    await s.act(
      "curator",
      { action: "assign", departmentId: s.t.departments.a, userId: s.t.users.executorA.id },
      "2026-11-16T09:10",
    );
    expect(s.due("repeatCheck")).toBe("2026-11-17T18:00"); // п. 2.9: one working day
    await s.act(
      "executorA",
      { action: "saveDraft", kind: "final", text: "Мусор вывезен 18 ноября, фото приложено." },
      "2026-11-18T10:00",
    );
    await s.act(
      "executorA",
      { action: "publish", url: "https://kamgov.ru/sobolevo/messages/1" },
      "2026-11-18T10:05",
    );
    expect(s.status()).toBe("answered");
  });
});
