import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMembership, createUser } from "../src/app/users.ts";
import { testDatabase } from "./support/database.ts";
import { PASSWORD, seedTenant } from "./support/factories.ts";
import { signIn, testServer, TestClock } from "./support/http.ts";

let db: Awaited<ReturnType<typeof testDatabase>>;
let app: FastifyInstance;
const clock = new TestClock(Date.parse("2026-11-16T10:00:00+12:00"));

beforeAll(async () => {
  db = await testDatabase();
  app = await testServer(db, clock);
});
afterAll(async () => {
  await app.close();
  await db.drop();
});

describe("optimistic concurrency", () => {
  it("two curators assigning the same case at once: one wins, the other gets 409 with a clear message", async () => {
    const t = await seedTenant(db.db, "sobolevo");
    const second = await createUser(
      db.db,
      {
        login: `second-curator-${t.slug}`.slice(0, 60),
        password: PASSWORD,
        fullName: "Второй куратор",
      },
      null,
      clock.now,
    );
    if (!second.ok) throw new Error("user");
    await addMembership(db.db, t.tenantId, second.id, "curator", null, null, clock.now);
    const first = await signIn(app, t.users.curator.login);
    const other = await signIn(app, `second-curator-${t.slug}`.slice(0, 60));
    const created = (
      await first.post("/api/v1/cases", { channel: "vk", text: "Нет света" })
    ).json();

    const [a, b] = await Promise.all([
      first.post(`/api/v1/cases/${created.id}/actions/assign`, {
        expectedVersion: created.version,
        departmentId: t.departments.a,
      }),
      other.post(`/api/v1/cases/${created.id}/actions/assign`, {
        expectedVersion: created.version,
        departmentId: t.departments.b,
      }),
    ]);
    const statuses = [a.statusCode, b.statusCode].sort();
    expect(statuses).toEqual([200, 409]);
    const winner = a.statusCode === 200 ? a : b;
    const loser = a.statusCode === 200 ? b : a;
    expect(loser.headers["content-type"]).toMatch(/^application\/problem\+json/);
    expect(loser.json()).toMatchObject({
      type: "urn:otklik:problem:conflict",
      status: 409,
      title: "Карточку уже изменил другой пользователь: обновите её",
      currentVersion: created.version + 1,
    });

    const won = winner.json().case;
    const row = await db.db
      .selectFrom("cases")
      .select(["version", "department_id", "status"])
      .where("id", "=", created.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({
      version: created.version + 1,
      department_id: won.department.id,
      status: "assigned",
    });
    const audit = await db.db
      .selectFrom("audit_log")
      .select("action")
      .where("case_id", "=", created.id)
      .where("action", "=", "assign")
      .execute();
    expect(audit).toHaveLength(1);
    const notified = await db.db
      .selectFrom("notifications")
      .select("kind")
      .where("case_id", "=", created.id)
      .where("kind", "=", "assign")
      .execute();
    expect(notified).toHaveLength(1);
  });
});

describe("case numbers", () => {
  it("messages registered at once in one administration get consecutive numbers, none twice, each with its trail", async () => {
    const t = await seedTenant(db.db, "sobolevo");
    const second = await createUser(
      db.db,
      { login: `numbers-${t.slug}`.slice(0, 60), password: PASSWORD, fullName: "Второй куратор" },
      null,
      clock.now,
    );
    if (!second.ok) throw new Error("user");
    await addMembership(db.db, t.tenantId, second.id, "curator", null, null, clock.now);
    const curator = await signIn(app, t.users.curator.login);
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        curator.post("/api/v1/cases", { channel: "vk", text: `Яма на дороге, сообщение ${i}` }),
      ),
    );
    expect(answers.map((a) => a.statusCode)).toEqual(Array(12).fill(201));
    const cards = answers.map((a) => a.json() as { id: number; number: string });
    const numbers = cards.map((c) => c.number).sort();
    expect(numbers).toEqual(
      Array.from({ length: 12 }, (_, i) => `СОБ-2026-${String(i + 1).padStart(6, "0")}`),
    );
    const ids = cards.map((c) => c.id);
    const audit = await db.db
      .selectFrom("audit_log")
      .select(["case_id", "action"])
      .where("case_id", "in", ids)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(Array(12).fill("register"));
    expect(new Set(audit.map((a) => a.case_id)).size).toBe(12);
    // The second curator is told of each, by the case's own number.
    const told = await db.db
      .selectFrom("notifications")
      .innerJoin("cases", "cases.id", "notifications.case_id")
      .select(["cases.number", "notifications.payload", "notifications.kind"])
      .where("notifications.user_id", "=", second.id)
      .execute();
    expect(told).toHaveLength(12);
    for (const n of told)
      expect(n).toMatchObject({ kind: "triage", payload: { number: n.number } });
    const messages = await db.db
      .selectFrom("messages")
      .select("case_id")
      .where("case_id", "in", ids)
      .execute();
    expect(messages).toHaveLength(12);
  });

  it("the same post registered by several people at once makes one case; the others are told which", async () => {
    const t = await seedTenant(db.db, "sobolevo");
    const curator = await signIn(app, t.users.curator.login);
    const answers = await Promise.all(
      Array.from({ length: 8 }, () =>
        curator.post("/api/v1/cases", {
          channel: "vk",
          text: "Во дворе не горят фонари",
          externalId: "wall-77_501",
        }),
      ),
    );
    const created = answers.filter((a) => a.statusCode === 201);
    expect(created).toHaveLength(1);
    const id = created[0]!.json().id as number;
    for (const refused of answers.filter((a) => a.statusCode !== 201)) {
      expect(refused.statusCode).toBe(422);
      expect(refused.json().errors).toEqual([
        expect.objectContaining({ field: "externalId", code: "alreadyRegistered" }),
      ]);
      expect(refused.json().errors[0].message).toContain(String(id));
    }
    const cases = await db.db
      .selectFrom("cases")
      .select(["id", "number"])
      .where("tenant_id", "=", t.tenantId)
      .execute();
    expect(cases).toEqual([{ id, number: "СОБ-2026-000001" }]);
  });

  it("a number belongs to the year of detection in the administration's zone, and a refused registration takes none", async () => {
    const t = await seedTenant(db.db, "sobolevo");
    const curator = await signIn(app, t.users.curator.login);
    const register = (detectedAt: string, externalId: string) =>
      curator.post("/api/v1/cases", {
        channel: "vk",
        text: "Не вывозят мусор",
        externalId,
        detectedAt,
      });
    // 23:50 on 31 December in Kamchatka is already 2026 in Moscow and still 2025 here.
    const late = await register("2025-12-31T23:50:00+12:00", "wall-1_1");
    const early = await register("2026-01-01T00:10:00+12:00", "wall-1_2");
    expect(late.json().number).toBe("СОБ-2025-000001");
    expect(early.json().number).toBe("СОБ-2026-000001");
    // The same post again is refused, and the refusal leaves the counter as it was.
    const again = await register("2026-01-02T10:00:00+12:00", "wall-1_2");
    expect(again.statusCode).toBe(422);
    const next = await register("2026-01-02T10:00:00+12:00", "wall-1_3");
    expect(next.json().number).toBe("СОБ-2026-000002");
  });

  it("a sequence past six digits grows a digit instead of repeating a number", async () => {
    const t = await seedTenant(db.db, "sobolevo");
    const curator = await signIn(app, t.users.curator.login);
    await db.db
      .insertInto("case_counters")
      .values({ tenant_id: t.tenantId, year: 2026, last: 999_998 })
      .execute();
    const numbers = [];
    for (const text of ["Яма у школы", "Яма у больницы"])
      numbers.push((await curator.post("/api/v1/cases", { channel: "vk", text })).json().number);
    expect(numbers).toEqual(["СОБ-2026-999999", "СОБ-2026-1000000"]);
  });
});
