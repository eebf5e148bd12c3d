// Queue pages are kept between changes (src/app/queue-cache.ts): a person sees their own action at
// once, a change made through another server process as soon as its NOTIFY arrives, and never a
// page kept for someone who may see more.
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "./support/database.ts";
import { seedTenant, type SeededTenant } from "./support/factories.ts";
import { signIn, testServer, TestClock, type Client } from "./support/http.ts";

let db: Awaited<ReturnType<typeof testDatabase>>;
let first: FastifyInstance;
let second: FastifyInstance;
let t: SeededTenant;
const clock = new TestClock(Date.parse("2026-11-16T10:00:00+03:00"));

beforeAll(async () => {
  db = await testDatabase();
  // Two servers over one database, as two processes behind a balancer.
  first = await testServer(db, clock);
  second = await testServer(db, clock);
  t = await seedTenant(db.db, "sobolevo");
});
afterAll(async () => {
  await first.close();
  await second.close();
  await db.drop();
});

interface Item {
  id: number;
  status: string;
  version: number;
  department: { id: number } | null;
}

async function queue(who: Client, url = "/api/v1/cases?limit=50"): Promise<Item[]> {
  const res = await who.get(url);
  expect(res.statusCode).toBe(200);
  return (res.json() as { items: Item[] }).items;
}

async function register(who: Client, text: string): Promise<{ id: number; version: number }> {
  const res = await who.post("/api/v1/cases", { channel: "vk", text });
  expect(res.statusCode).toBe(201);
  return res.json();
}

async function assign(who: Client, c: { id: number; version: number }, departmentId: number) {
  const res = await who.post(`/api/v1/cases/${c.id}/actions/assign`, {
    expectedVersion: c.version,
    departmentId,
  });
  expect(res.statusCode).toBe(200);
}

const statusOf = (items: Item[], id: number) => items.find((i) => i.id === id)?.status;

describe("queue pages kept between changes", () => {
  it("show a person's own action at once, and another process's change when its NOTIFY arrives", async () => {
    const here = await signIn(first, t.users.curator.login);
    const there = await signIn(second, t.users.curator.login);
    const a = await register(here, "Не вывозят мусор с улицы Школьной");
    const b = await register(here, "Яма на дороге у дома 5");
    expect(statusOf(await queue(here), a.id)).toBe("new");
    expect(statusOf(await queue(here), b.id)).toBe("new");

    await assign(here, a, t.departments.a);
    expect(statusOf(await queue(here), a.id)).toBe("assigned");

    // The other process changes a case; this one learns of it from the database's NOTIFY, long
    // before a kept page would be read again for its age (5 to 10 s).
    await assign(there, b, t.departments.b);
    const began = performance.now();
    let seen = statusOf(await queue(here), b.id);
    while (seen !== "assigned" && performance.now() - began < 2_500) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      seen = statusOf(await queue(here), b.id);
    }
    expect(seen).toBe("assigned");
  });

  it("never give an executor a page kept for a curator or for another department", async () => {
    const curator = await signIn(first, t.users.curator.login);
    const inA = await register(curator, "Нет воды в доме 7");
    const inB = await register(curator, "Не горят фонари в парке");
    await assign(curator, inA, t.departments.a);
    await assign(curator, inB, t.departments.b);

    const all = await queue(curator);
    expect(all.map((i) => i.id)).toEqual(expect.arrayContaining([inA.id, inB.id]));
    const executorA = await queue(await signIn(first, t.users.executorA.login));
    const executorB = await queue(await signIn(first, t.users.executorB.login));
    expect(executorA.map((i) => i.id)).toContain(inA.id);
    expect(executorA.map((i) => i.id)).not.toContain(inB.id);
    expect(executorA.every((i) => i.department?.id === t.departments.a)).toBe(true);
    expect(executorB.map((i) => i.id)).toContain(inB.id);
    expect(executorB.every((i) => i.department?.id === t.departments.b)).toBe(true);
  });
});
