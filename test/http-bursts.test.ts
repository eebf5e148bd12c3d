// Bursts: the scheduler's bursts pass judges each topic and place against its own history and
// raises one escalation per burst, however many schedulers run at once; the overview lists them.
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runBurstPass } from "../src/jobs/bursts.ts";
import { testDatabase } from "./support/database.ts";
import { seedTenant, type SeededTenant } from "./support/factories.ts";
import { signIn, testServer, TestClock } from "./support/http.ts";

let db: Awaited<ReturnType<typeof testDatabase>>;
let app: FastifyInstance;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
// Monday 16 November 2026, 15:00 in Tarko-Sale (Asia/Yekaterinburg).
const NOW = Date.parse("2026-11-16T15:00:00+05:00");
const clock = new TestClock(NOW);
const options = { riskShare: 0.25 };

beforeAll(async () => {
  db = await testDatabase();
  app = await testServer(db, clock);
});
afterAll(async () => {
  await app.close();
  await db.drop();
});

const STREETS = ["Ленина", "Мира", "Геологов", "Победы", "Республики", "Юбилейная", "Строителей"];

async function register(t: SeededTenant, text: string, at: number, author: string) {
  await t.register({ channel: "vk", text, detectedAt: at, authorExternalId: author }, at);
}

/**
 * Two weeks of one or two messages a day about water in Tarko-Sale, then fourteen in the last six
 * hours: "За последние 6 часов 14 сообщений о водоснабжении в Тарко-Сале при обычных 1–2 в день".
 */
async function waterBurst(t: SeededTenant): Promise<void> {
  let n = 0;
  for (let day = 14; day >= 1; day--) {
    const perDay = day % 2 === 0 ? 2 : 1;
    for (let k = 0; k < perDay; k++) {
      const street = STREETS[n % STREETS.length]!;
      await register(
        t,
        `В Тарко-Сале на улице ${street} нет воды, из крана не течёт`,
        NOW - day * DAY - (3 + 4 * k) * HOUR,
        `id${++n}`,
      );
    }
  }
  for (let k = 0; k < 14; k++) {
    const street = STREETS[k % STREETS.length]!;
    await register(
      t,
      `Тарко-Сале, ${street}: опять нет холодной воды, когда дадут воду?`,
      NOW - 10 * 60_000 - k * 20 * 60_000,
      `id${++n}`,
    );
  }
}

const burstsOf = (tenantId: number) =>
  db.db.selectFrom("bursts").selectAll().where("tenant_id", "=", tenantId).execute();

describe("bursts of messages on one topic in one place", () => {
  it("a burst raises exactly one escalation even with two scheduler passes at once, with the figures in Russian", async () => {
    const t = await seedTenant(db.db, "purovsky");
    await waterBurst(t);

    const reports = await Promise.all([
      runBurstPass(db.db, NOW, options),
      runBurstPass(db.db, NOW, options),
    ]);
    expect(reports.reduce((n, r) => n + r.raised, 0)).toBe(1);

    const bursts = await burstsOf(t.tenantId);
    expect(bursts).toHaveLength(1);
    const [burst] = bursts;
    expect(burst).toMatchObject({ topic: "water", settlement: "Тарко-Сале" });
    expect(burst!.text).toBe(
      "За последние 6 часов 14 сообщений о водоснабжении в Тарко-Сале при обычных 1–2 в день (p < 0,0001)",
    );
    expect(burst).toMatchObject({ window_hours: 6, message_count: 14, baseline_days: 14 });

    // In-app notifications: once per person the escalation rule names (here the supervisor).
    const notices = await db.db
      .selectFrom("notifications")
      .select(["user_id", "kind", "case_id", "payload"])
      .where("tenant_id", "=", t.tenantId)
      .where("kind", "=", "burst")
      .execute();
    expect(notices.map((n) => n.user_id)).toEqual([t.users.supervisor.id]);
    expect(notices[0]).toMatchObject({ case_id: null, payload: { text: burst!.text } });
    expect(burst!.notified).toEqual([t.users.supervisor.id]);

    const audit = await db.db
      .selectFrom("audit_log")
      .select(["action", "case_id", "after"])
      .where("tenant_id", "=", t.tenantId)
      .where("action", "=", "burstRaised")
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ case_id: null, after: { text: burst!.text } });

    // An hour later it goes on: followed, not raised again.
    const later = await runBurstPass(db.db, NOW + HOUR, options);
    expect(later.raised).toBe(0);
    expect(await burstsOf(t.tenantId)).toHaveLength(1);

    // The supervisor's overview lists it; an executor may not read it.
    const supervisor = await signIn(app, t.users.supervisor.login);
    const list = await supervisor.get("/api/v1/bursts");
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().items).toEqual([
      expect.objectContaining({
        id: burst!.id,
        topic: "water",
        topicName: "Водоснабжение и водоотведение",
        settlement: "Тарко-Сале",
        text: burst!.text,
        notified: 1,
      }),
    ]);
    const executor = await signIn(app, t.users.executorA.login);
    expect((await executor.get("/api/v1/bursts")).statusCode).toBe(403);
    const mine = (await supervisor.get("/api/v1/notifications")).json();
    expect(mine.items[0]).toMatchObject({ kind: "burst", caseId: null });
  });

  it("a busy place at its usual rate raises nothing", async () => {
    const t = await seedTenant(db.db, "purovsky");
    let n = 0;
    // Five a day for ten days, and five today.
    for (let day = 10; day >= 0; day--)
      for (let k = 0; k < 5; k++)
        await register(
          t,
          `В Тарко-Сале на улице ${STREETS[k]!} нет воды`,
          NOW - day * DAY - (1 + k) * HOUR,
          `id${++n}`,
        );
    const report = await runBurstPass(db.db, NOW, options);
    expect(report.raised).toBe(0);
    expect(await burstsOf(t.tenantId)).toEqual([]);
  });
});
