// A photo attached to a draft reaches the server without the camera's GPS position: the draft
// editor re-encodes it in the browser, and the server strips it again whatever a client sends.
// The stored file still decodes in the browser.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { DEVICE, jpegWithGps, pngWithGps, XMP_MARK } from "../support/images.ts";
import { startDesk, type Desk } from "./desk.ts";

let desk: Desk;
beforeAll(async () => {
  desk = await startDesk("attachments");
}, 60_000);
afterAll(() => desk?.close());

/** The stored file as the browser reads it: its bytes (as latin1 text) and its decoded size. */
function readStored(page: Page, url: string) {
  return page.evaluate(async (u) => {
    const res = await fetch(u, { credentials: "same-origin" });
    const blob = await res.blob();
    const bytes = new Uint8Array(await blob.arrayBuffer());
    const bitmap = await createImageBitmap(blob);
    return {
      status: res.status,
      type: res.headers.get("content-type"),
      nosniff: res.headers.get("x-content-type-options"),
      text: Array.from(bytes, (b) => String.fromCharCode(b)).join(""),
      width: bitmap.width,
      height: bitmap.height,
    };
  }, url);
}

describe("attaching a photo to a draft", () => {
  it("the photo's GPS Exif never reaches the stored file, and the file decodes", async () => {
    const { id, number } = await desk.register({ text: "Яма на дороге у дома 3" });
    await desk.act("curator", id, {
      action: "assign",
      departmentId: desk.tenant.departments.a,
      userId: desk.tenant.users.executorA.id,
    });
    await desk.act("executorA", id, { action: "accept" });

    const page = await desk.signIn("executorA");
    await page.goto(`${desk.url}/cases/${id}`);
    await page.getByRole("heading", { level: 1, name: `Сообщение № ${number}` }).waitFor();
    await page.getByLabel("Текст ответа").fill("Яму засыпали 20 ноября, фото прилагаем.");
    await page.getByLabel("Прикрепить файлы").setInputFiles([
      { name: "gps-photo.jpg", mimeType: "image/jpeg", buffer: jpegWithGps() },
      { name: "план.png", mimeType: "image/png", buffer: pngWithGps() },
    ]);
    const editor = page.locator(".draft-editor");
    const photo = editor.getByRole("link", { name: "gps-photo.jpg" });
    await photo.waitFor();
    const plan = editor.getByRole("link", { name: "план.png" });
    await plan.waitFor();
    await desk.shot(page, "1-attached");

    for (const link of [photo, plan]) {
      const url = (await link.getAttribute("href")) as string;
      expect(url).toMatch(/^\/api\/v1\/attachments\/[0-9a-f-]{36}$/);
      const stored = await readStored(page, url);
      expect(stored).toMatchObject({ status: 200, nosniff: "nosniff", width: 4, height: 3 });
      expect(stored.text).not.toContain("Exif");
      expect(stored.text).not.toContain(DEVICE);
      expect(stored.text).not.toContain(XMP_MARK);
    }

    // Saved with the draft and shown to the approver.
    await page.getByRole("button", { name: "Направить проект на согласование" }).click();
    await page.locator(".page-head .status", { hasText: "на согласовании" }).waitFor();
    const approver = await desk.signIn("approver");
    await approver.goto(`${desk.url}/cases/${id}`);
    await approver.locator(".draft-review").getByRole("link", { name: "gps-photo.jpg" }).waitFor();
    await desk.shot(approver, "2-review");
  }, 40_000);

  it("the server strips Exif itself when a client sends the camera's file as it is", async () => {
    const page = await desk.signIn("curator");
    const bytes = Array.from(jpegWithGps());
    const answer = await page.evaluate(async (data) => {
      const me = await (await fetch("/api/v1/auth/me")).json();
      const res = await fetch("/api/v1/attachments", {
        method: "POST",
        headers: {
          "content-type": "image/jpeg",
          "x-file-name": encodeURIComponent("с телефона.jpg"),
          "x-csrf-token": me.csrfToken,
        },
        body: new Uint8Array(data),
      });
      return { status: res.status, body: await res.json() };
    }, bytes);
    expect(answer.status).toBe(201);
    expect(answer.body.removed).toEqual([
      "JPEG APP1 Exif",
      "JPEG APP1 XMP",
      "JPEG APP13 IPTC",
      "JPEG COM (comment)",
    ]);
    const stored = await readStored(page, answer.body.url);
    expect(stored).toMatchObject({ status: 200, type: "image/jpeg", width: 4, height: 3 });
    expect(stored.text).not.toContain(DEVICE);

    // Something that is not a photo is refused with the field named.
    const refused = await page.evaluate(async () => {
      const me = await (await fetch("/api/v1/auth/me")).json();
      const res = await fetch("/api/v1/attachments", {
        method: "POST",
        headers: { "content-type": "image/svg+xml", "x-csrf-token": me.csrfToken },
        body: "<svg onload=alert(1)>",
      });
      return { status: res.status, body: await res.json() };
    });
    expect(refused.status).toBe(415);
    expect(refused.body.errors[0].field).toBe("Content-Type");
  }, 30_000);
});
