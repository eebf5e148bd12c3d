// A queue page written from kept rows (src/http/queue-page-bytes.ts) is, byte for byte, what the
// route's schema serializer writes for the same rows, for every reader and at every moment: each
// reader gets their own actions and the risks at the moment they ask, however many readers the
// page is kept for.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { entryItem, readyPage, type Reader, type ReadyPage } from "../src/app/case-view.ts";
import { listCases } from "../src/db/queue.ts";
import { pageBytes } from "../src/http/queue-page-bytes.ts";
import { CasePage } from "../src/http/routes/cases.schema.ts";
import { SHARED_SCHEMAS } from "../src/http/schemas.ts";
import { buildSerializer } from "../src/http/serializer.ts";
import { testDatabase } from "./support/database.ts";
import { seedTenant, type SeededTenant } from "./support/factories.ts";

let db: Awaited<ReturnType<typeof testDatabase>>;
let t: SeededTenant;
const registeredAt = Date.parse("2026-11-16T10:00:00+03:00");

const writePage = buildSerializer(
  Object.fromEntries(Object.entries(SHARED_SCHEMAS).map(([id, s]) => [id, { ...s, $id: id }])),
)({ method: "GET", url: "/api/v1/cases", httpStatus: "200", schema: CasePage }) as (
  page: unknown,
) => string;

/** The page as the serializer writes it from objects made for this reader now. */
const written = (reader: Reader, page: ReadyPage) =>
  writePage({
    items: page.entries.map((e) => entryItem(reader, e)),
    total: page.total,
    limit: 50,
    offset: 0,
  });

interface Row {
  id: number;
  risk: string;
  stage: { risk: string } | null;
  allowedActions: string[];
}

beforeAll(async () => {
  db = await testDatabase();
  t = await seedTenant(db.db, "sobolevo");
  for (const text of ["Не вывозят мусор с улицы Школьной", "Яма на дороге у дома 5", "Нет света"])
    await t.register({ channel: "vk", text }, registeredAt);
});
afterAll(() => db.drop());

describe("a queue page written from kept rows", () => {
  it("is what the schema's serializer writes, with each reader's actions and the risks of the moment", async () => {
    const ctx = await t.ctx();
    const page = readyPage(await listCases(db.db, { tenantId: t.tenantId }, "deadline", 50, 0));
    expect(page.entries).toHaveLength(3);
    const curator = await t.actor("curator");
    const supervisor = await t.actor("supervisor");
    const readers: Array<[string, Reader]> = [
      ["curator at once", { ctx, actor: curator, now: registeredAt + 60_000 }],
      ["supervisor at once", { ctx, actor: supervisor, now: registeredAt + 60_000 }],
      // Past the term of the first stage: the same kept rows, now overdue.
      ["curator a day later", { ctx, actor: curator, now: registeredAt + 86_400_000 }],
      ["curator at once, again", { ctx, actor: curator, now: registeredAt + 60_000 }],
    ];
    const rows = new Map<string, Row[]>();
    for (const [who, reader] of readers) {
      const bytes = pageBytes(reader, page, 50, 0).toString("utf8");
      expect(bytes, who).toBe(written(reader, page));
      rows.set(who, (JSON.parse(bytes) as { items: Row[] }).items);
    }
    const at = (who: string) => rows.get(who) as Row[];
    expect(at("curator at once").every((r) => r.allowedActions.includes("assign"))).toBe(true);
    expect(at("supervisor at once").some((r) => r.allowedActions.includes("assign"))).toBe(false);
    expect(at("curator at once").every((r) => r.stage?.risk === "none")).toBe(true);
    expect(at("curator a day later").every((r) => r.stage?.risk === "overdue")).toBe(true);
    expect(at("curator at once, again")).toEqual(at("curator at once"));
  });
});
