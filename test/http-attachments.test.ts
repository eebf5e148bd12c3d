// Attachments through the API: photos stored without their metadata whatever the client sent,
// only JPEG, PNG, WebP and PDF whose bytes match the declared type, read back by the tenant only.
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { crc32 } from "../src/app/image-metadata.ts";
import { testDatabase } from "./support/database.ts";
import { seedTenant, type SeededTenant } from "./support/factories.ts";
import { signIn, testServer, TestClock, type Client } from "./support/http.ts";
import {
  DEVICE,
  holds,
  jpegWithGps,
  PLAIN_JPEG,
  PLAIN_WEBP,
  plainPng,
  pngWithGps,
  webpWithGps,
  XMP_MARK,
} from "./support/images.ts";

let db: Awaited<ReturnType<typeof testDatabase>>;
let app: FastifyInstance;
const clock = new TestClock(Date.parse("2026-11-16T10:00:00+12:00"));
let own: SeededTenant;
let foreign: SeededTenant;
let executor: Client;
let stranger: Client;

beforeAll(async () => {
  db = await testDatabase();
  app = await testServer(db, clock);
  own = await seedTenant(db.db, "sobolevo");
  foreign = await seedTenant(db.db, "sobolevo");
  executor = await signIn(app, own.users.executorA.login);
  stranger = await signIn(app, foreign.users.curator.login);
});
afterAll(async () => {
  await app.close();
  await db.drop();
});

function upload(c: Client, type: string, bytes: Uint8Array | string, name?: string) {
  return app.inject({
    method: "POST",
    url: "/api/v1/attachments",
    headers: {
      cookie: c.cookie,
      "x-csrf-token": c.csrf,
      "content-type": type,
      ...(name !== undefined ? { "x-file-name": encodeURIComponent(name) } : {}),
    },
    payload: typeof bytes === "string" ? bytes : Buffer.from(bytes),
  });
}

const read = (c: Client, url: string) =>
  app.inject({ method: "GET", url, headers: { cookie: c.cookie } });

describe("uploading a photo", () => {
  it("a JPEG with GPS Exif is stored without it and still reads as the same picture", async () => {
    const res = await upload(executor, "image/jpeg", jpegWithGps(), "Фото двора.jpg");
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({
      kind: "photo",
      name: "Фото двора.jpg",
      contentType: "image/jpeg",
      removed: ["JPEG APP1 Exif", "JPEG APP1 XMP", "JPEG APP13 IPTC", "JPEG COM (comment)"],
    });
    expect(body.url).toMatch(/^\/api\/v1\/attachments\/[0-9a-f-]{36}$/);
    expect(res.headers.location).toBe(body.url);

    const file = await read(executor, body.url);
    expect(file.statusCode).toBe(200);
    expect(file.headers["content-type"]).toBe("image/jpeg");
    expect(file.headers["x-content-type-options"]).toBe("nosniff");
    expect(file.headers["content-disposition"]).toMatch(/^inline; /);
    expect(file.headers["content-disposition"]).toContain(
      `filename*=UTF-8''${encodeURIComponent("Фото двора.jpg")}`,
    );
    expect(file.rawPayload.equals(PLAIN_JPEG)).toBe(true);
    expect(holds(file.rawPayload, "Exif")).toBe(false);
    expect(holds(file.rawPayload, DEVICE)).toBe(false);
    expect([...file.rawPayload.subarray(0, 2)]).toEqual([0xff, 0xd8]);
    expect([...file.rawPayload.subarray(-2)]).toEqual([0xff, 0xd9]);

    // What lies in the database has no metadata either.
    const row = await db.db
      .selectFrom("attachments")
      .select(["data", "tenant_id", "size", "removed"])
      .where("id", "=", body.id)
      .executeTakeFirstOrThrow();
    expect(row.tenant_id).toBe(own.tenantId);
    expect(Buffer.from(row.data).equals(PLAIN_JPEG)).toBe(true);
    expect(row.size).toBe(PLAIN_JPEG.length);
  });

  it("a PNG loses eXIf, text and tIME chunks, and every chunk left has a valid CRC", async () => {
    const res = await upload(executor, "image/png", pngWithGps(), "plan.png");
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().removed).toEqual([
      "PNG eXIf",
      "PNG tEXt",
      "PNG iTXt",
      "PNG zTXt",
      "PNG tIME",
    ]);
    const file = (await read(executor, res.json().url)).rawPayload;
    expect(file.equals(plainPng())).toBe(true);
    for (let i = 8; i < file.length;) {
      const length = file.readUInt32BE(i);
      expect(crc32(file.subarray(i + 4, i + 8 + length))).toBe(file.readUInt32BE(i + 8 + length));
      i += 12 + length;
    }
    expect(holds(file, XMP_MARK)).toBe(false);
  });

  it("a WebP loses its EXIF and XMP chunks", async () => {
    const res = await upload(executor, "image/webp", webpWithGps());
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ removed: ["WebP EXIF", "WebP XMP"], name: "file.webp" });
    expect((await read(executor, res.json().url)).rawPayload.equals(PLAIN_WEBP)).toBe(true);
  });

  it("a PDF is offered for download, not shown", async () => {
    const pdf = "%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n";
    const res = await upload(executor, "application/pdf", pdf, "../../etc/Акт\u0000.pdf");
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ kind: "document", name: "Акт.pdf", removed: [] });
    const file = await read(executor, res.json().url);
    expect(file.headers["content-disposition"]).toMatch(/^attachment; filename="_+\.pdf"/);
    expect(file.body).toBe(pdf);
  });
});

describe("refusing what is not a photo or a PDF", () => {
  it("another type is 415 naming the Content-Type header", async () => {
    for (const type of ["image/gif", "image/svg+xml", "text/html", "application/json"]) {
      const res = await upload(executor, type, type === "application/json" ? "{}" : "GIF89a");
      expect(res.statusCode, type).toBe(415);
      expect(res.headers["content-type"]).toContain("application/problem+json");
      expect(res.json().errors).toEqual([
        expect.objectContaining({
          field: "Content-Type",
          in: "header",
          code: "unsupportedMediaType",
        }),
      ]);
    }
  });

  it("bytes that are not of the declared type are 422 naming the body", async () => {
    const res = await upload(executor, "image/png", PLAIN_JPEG);
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([
      expect.objectContaining({ field: "body", code: "contentNotOfType" }),
    ]);
    const html = await upload(executor, "image/jpeg", "<html><script>alert(1)</script>");
    expect(html.statusCode).toBe(422);
  });

  it("a damaged image is refused rather than stored", async () => {
    const res = await upload(executor, "image/jpeg", PLAIN_JPEG.subarray(0, 400));
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0]).toMatchObject({ field: "body", code: "unreadableFile" });
  });

  it("an empty body and a file over 10 MB are refused", async () => {
    expect((await upload(executor, "image/jpeg", "")).statusCode).toBe(422);
    const big = Buffer.alloc(10 * 1024 * 1024 + 1, 0);
    big.set(PLAIN_JPEG.subarray(0, 4));
    const res = await upload(executor, "image/jpeg", big);
    expect(res.statusCode).toBe(413);
    expect(res.json().detail).toContain("10240");
  });

  it("nothing refused is stored", async () => {
    const n = await db.db
      .selectFrom("attachments")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("tenant_id", "=", own.tenantId)
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(4);
  });

  it("other routes still take JSON only", async () => {
    const res = await executor.request("POST", "/api/v1/cases", "GIF89a", {
      "content-type": "image/jpeg",
    });
    expect(res.statusCode).toBe(415);
  });
});

describe("reading a file", () => {
  it("another tenant's file is not found, and an unknown id is not found", async () => {
    const res = await upload(executor, "image/jpeg", PLAIN_JPEG);
    const url = res.json().url as string;
    expect((await read(stranger, url)).statusCode).toBe(404);
    expect(
      (
        await read(
          executor,
          url.replace(/.$/, (c) => (c === "0" ? "1" : "0")),
        )
      ).statusCode,
    ).toBe(404);
    expect((await read(executor, "/api/v1/attachments/1")).statusCode).toBe(400);
  });

  it("needs a session, and uploading needs the CSRF token", async () => {
    const res = await app.inject({
      method: "GET",
      url: "/api/v1/attachments/00000000-0000-4000-8000-000000000000",
    });
    expect(res.statusCode).toBe(401);
    const noCsrf = await app.inject({
      method: "POST",
      url: "/api/v1/attachments",
      headers: { cookie: executor.cookie, "content-type": "image/jpeg" },
      payload: PLAIN_JPEG,
    });
    expect(noCsrf.statusCode).toBe(403);
  });
});

describe("a draft with an uploaded photo", () => {
  it("takes the file's address as an attachment and shows it on the card", async () => {
    const photo = (await upload(executor, "image/jpeg", jpegWithGps(), "after.jpg")).json();
    const curator = await signIn(app, own.users.curator.login);
    const created = await curator.post("/api/v1/cases", { channel: "vk", text: "Яма у дома 3" });
    const id = created.json().id as number;
    let version = created.json().version as number;
    const assigned = await curator.post(`/api/v1/cases/${id}/actions/assign`, {
      expectedVersion: version,
      departmentId: own.departments.a,
      userId: own.users.executorA.id,
    });
    version = assigned.json().case.version;
    const accepted = await executor.post(`/api/v1/cases/${id}/actions/accept`, {
      expectedVersion: version,
    });
    version = accepted.json().case.version;
    const saved = await executor.post(`/api/v1/cases/${id}/actions/saveDraft`, {
      expectedVersion: version,
      kind: "final",
      text: "Яму засыпали 20 ноября, фото прилагаем.",
      attachments: [{ kind: photo.kind, url: photo.url, name: photo.name }],
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().case.drafts[0].attachments).toEqual([
      { kind: "photo", url: photo.url, name: "after.jpg" },
    ]);
    const wrong = await executor.post(`/api/v1/cases/${id}/actions/saveDraft`, {
      expectedVersion: saved.json().case.version,
      kind: "final",
      text: "Ответ",
      attachments: [{ kind: "photo", url: "/api/v1/cases/1" }],
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors[0].field).toBe("attachments.0.url");
  });
});

describe("who may read a file", () => {
  let curator: Client;
  let executorB: Client;
  let supervisor: Client;
  beforeAll(async () => {
    curator = await signIn(app, own.users.curator.login);
    executorB = await signIn(app, own.users.executorB.login);
    supervisor = await signIn(app, own.users.supervisor.login);
  });

  /** A refusal must not differ from an id that does not exist: ids cannot be probed. */
  async function expectNotFound(c: Client, url: string) {
    const res = await read(c, url);
    expect(res.statusCode, url).toBe(404);
    const unknown = await read(c, "/api/v1/attachments/00000000-0000-4000-8000-000000000000");
    const strip = (b: Record<string, unknown>) => ({ ...b, instance: null, requestId: null });
    expect(strip(res.json())).toEqual(strip(unknown.json()));
    expect(res.rawPayload.includes(PLAIN_JPEG.subarray(0, 64))).toBe(false);
  }

  async function registered(text: string, url: string): Promise<{ id: number; version: number }> {
    const res = await curator.post("/api/v1/cases", {
      channel: "vk",
      text,
      attachments: [{ kind: "photo", url }],
    });
    expect(res.statusCode, res.body).toBe(201);
    return { id: res.json().id, version: res.json().version };
  }

  async function assign(c: { id: number; version: number }, departmentId: number) {
    const res = await curator.post(`/api/v1/cases/${c.id}/actions/assign`, {
      expectedVersion: c.version,
      departmentId,
    });
    expect(res.statusCode, res.body).toBe(200);
    return { id: c.id, version: res.json().case.version as number };
  }

  it("a file no case refers to yet is read by its uploader only: anyone else in the tenant gets 404", async () => {
    const url = (await upload(executor, "image/jpeg", PLAIN_JPEG)).json().url as string;
    expect((await read(executor, url)).statusCode).toBe(200);
    for (const other of [curator, supervisor, executorB]) await expectNotFound(other, url);
  });

  it("a file in a draft is read by whoever may see the case, not by another department's executor", async () => {
    const created = await registered("Сломана скамейка", "https://vk.com/photo-1_2");
    let c = await assign(created, own.departments.a);
    const accepted = await executor.post(`/api/v1/cases/${c.id}/actions/accept`, {
      expectedVersion: c.version,
    });
    c = { id: c.id, version: accepted.json().case.version };
    const photo = (await upload(executor, "image/jpeg", PLAIN_JPEG, "скамейка.jpg")).json();
    await expectNotFound(curator, photo.url);
    const saved = await executor.post(`/api/v1/cases/${c.id}/actions/saveDraft`, {
      expectedVersion: c.version,
      kind: "final",
      text: "Скамейку починили, фото прилагаем.",
      attachments: [{ kind: "photo", url: photo.url, name: photo.name }],
    });
    expect(saved.statusCode, saved.body).toBe(200);
    for (const reader of [executor, curator, supervisor])
      expect((await read(reader, photo.url)).statusCode).toBe(200);
    await expectNotFound(executorB, photo.url);
    await expectNotFound(stranger, photo.url);
  });

  it("a file of a registered message follows its case: read by the department it is assigned to", async () => {
    const url = (await upload(curator, "image/jpeg", PLAIN_JPEG)).json().url as string;
    const created = await registered("Яма на дороге, фото", url);
    expect((await read(curator, url)).statusCode).toBe(200);
    expect((await read(supervisor, url)).statusCode).toBe(200);
    await expectNotFound(executor, url);
    await expectNotFound(executorB, url);
    await assign(created, own.departments.b);
    expect((await read(executorB, url)).statusCode).toBe(200);
    await expectNotFound(executor, url);
  });

  it("a file is attached only by someone who may read it: another's file is refused, naming the field", async () => {
    const url = (await upload(executor, "image/jpeg", PLAIN_JPEG)).json().url as string;
    const before = await db.db
      .selectFrom("cases")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    const refused = await curator.post("/api/v1/cases", {
      channel: "vk",
      text: "Чужое фото",
      attachments: [
        { kind: "photo", url: "https://vk.com/photo-1_3" },
        { kind: "photo", url },
      ],
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().errors).toMatchObject([
      { field: "attachments.1.url", code: "noSuchFile" },
    ]);
    const after = await db.db
      .selectFrom("cases")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    await expectNotFound(curator, url);

    const created = await registered("Скамейка во дворе", "https://vk.com/photo-1_4");
    const c = await assign(created, own.departments.b);
    const accepted = await executorB.post(`/api/v1/cases/${c.id}/actions/accept`, {
      expectedVersion: c.version,
    });
    const draft = await executorB.post(`/api/v1/cases/${c.id}/actions/saveDraft`, {
      expectedVersion: accepted.json().case.version,
      kind: "final",
      text: "Ответ с чужим фото",
      attachments: [{ kind: "photo", url }],
    });
    expect(draft.statusCode).toBe(422);
    expect(draft.json().errors).toMatchObject([{ field: "attachments.0.url", code: "noSuchFile" }]);
    await expectNotFound(executorB, url);
  });
});

describe("a PDF's metadata", () => {
  it("the author and the program are overwritten before the file is stored; the length stays", async () => {
    const pdf =
      "%PDF-1.4\n1 0 obj<< /Author (Ivanova M. P.) /Producer (Microsoft Word) >>endobj\n" +
      "trailer<< /Info 1 0 R >>\n%%EOF\n";
    const res = await upload(executor, "application/pdf", pdf, "Акт.pdf");
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ kind: "document", removed: ["Info"] });
    const file = await read(executor, res.json().url);
    expect(file.body).not.toContain("Ivanova");
    expect(file.body).not.toContain("Microsoft");
    expect(file.body.length).toBe(pdf.length);
  });
});
