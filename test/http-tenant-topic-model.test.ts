// Each tenant's topic model learns from its curators' topic decisions: the retraining pass stores
// it with a version, registration uses it, and the admin page shows what it has learnt.
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runTopicModelPass } from "../src/jobs/topic-models.ts";
import { testDatabase } from "./support/database.ts";
import { seedTenant, type SeededTenant } from "./support/factories.ts";
import { signIn, testServer, TestClock, type Client } from "./support/http.ts";

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

async function register(curator: Client, text: string) {
  const res = await curator.post("/api/v1/cases", { channel: "vk", text });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

// This administration counts icicles over pavements as a danger to people, not housing upkeep.
const ICICLES = [
  "С крыши дома на Советской свисают огромные сосульки, опасно ходить",
  "Сосульки на крыше магазина на Набережной, кто будет сбивать?",
  "Над подъездом висят сосульки, вот-вот упадут на людей",
];
const SIMILAR = "На Советской с крыши висят сосульки над тротуаром, люди ходят под ними";

async function tenantWithCurator(): Promise<{ t: SeededTenant; curator: Client; admin: Client }> {
  const t = await seedTenant(db.db, "sobolevo");
  return {
    t,
    curator: await signIn(app, t.users.curator.login),
    admin: await signIn(app, t.users.admin.login),
  };
}

describe("a tenant's own topic model", () => {
  it("learns from its curators' corrections: a correction changes the suggestion for a similar new message", async () => {
    const { t, curator, admin } = await tenantWithCurator();
    const other = await tenantWithCurator();
    for (const text of ICICLES) {
      const c = await register(curator, text);
      expect(c.triage.topic.code).toBe("housing");
      const corrected = await curator.post(`/api/v1/cases/${c.id}/triage`, {
        expectedVersion: c.version,
        topic: "safety",
      });
      expect(corrected.statusCode, corrected.body).toBe(200);
    }
    // Not learnt yet: the shipped model still answers.
    expect((await register(curator, SIMILAR)).triage.topic.code).toBe("housing");
    expect((await admin.get("/api/v1/tenant/topic-model")).json()).toMatchObject({
      source: "shipped",
      corrections: 0,
      trainedAt: null,
      pending: 3,
    });

    const pass = await runTopicModelPass(db.db, clock.now);
    expect(pass.retrained).toContainEqual({ tenantId: t.tenantId, version: 1, corrections: 3 });

    const learnt = await register(curator, SIMILAR);
    expect(learnt.triage.topic).toMatchObject({
      code: "safety",
      name: "Безопасность и правопорядок",
    });
    // What it learnt is about icicles, not about everything.
    expect(
      (await register(curator, "В Соболево на улице Советской нет воды второй день")).triage.topic
        .code,
    ).toBe("water");
    // Another administration's model is its own.
    expect((await register(other.curator, SIMILAR)).triage.topic.code).toBe("housing");

    const state = (await admin.get("/api/v1/tenant/topic-model")).json();
    expect(state).toEqual({
      source: "tenant",
      version: 1,
      corrections: 3,
      trainedAt: new Date(clock.now).toISOString(),
      pending: 0,
    });

    // Nothing new to learn: the next pass leaves the model as it is.
    const again = await runTopicModelPass(db.db, clock.now);
    expect(again.retrained.map((r) => r.tenantId)).not.toContain(t.tenantId);
  });

  it("a curator changing their mind is learnt as the latest decision, in a new version", async () => {
    const { t, curator } = await tenantWithCurator();
    const c = await register(curator, ICICLES[0]!);
    let version = c.version;
    for (const topic of ["safety", "improvement"]) {
      const r = await curator.post(`/api/v1/cases/${c.id}/triage`, {
        expectedVersion: version,
        topic,
      });
      expect(r.statusCode, r.body).toBe(200);
      version = r.json().version;
      await runTopicModelPass(db.db, clock.now);
    }
    const row = await db.db
      .selectFrom("tenant_topic_models")
      .select(["version", "corrections"])
      .where("tenant_id", "=", t.tenantId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ version: 2, corrections: 1 });
  });
});
