// How the server hands out the desk: assets cached for a year under hashed names, index.html for
// every page address and never cached, API addresses left to the API.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Fastify from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { webPlugin } from "../../src/http/web.ts";

const root = mkdtempSync(join(tmpdir(), "otklik-web-"));
const app = Fastify({ logger: false });

beforeAll(async () => {
  mkdirSync(join(root, "assets"));
  writeFileSync(
    join(root, "index.html"),
    '<!doctype html><script src="/assets/index-abc123.js"></script>',
  );
  writeFileSync(
    join(root, "assets", "index-abc123.js"),
    `console.info(${JSON.stringify("x".repeat(4000))});`,
  );
  await app.register(webPlugin, { root });
});
afterAll(() => app.close());

describe("serving the built desk", () => {
  it("sends a hashed asset compressed, with a year's immutable cache", async () => {
    const res = await app.inject({
      url: "/assets/index-abc123.js",
      headers: { "accept-encoding": "gzip, deflate, br" },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("text/javascript; charset=utf-8");
    expect(res.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(res.headers["content-encoding"]).toBe("br");
  });

  it("answers a page address of the app with index.html, never cached, under a strict CSP", async () => {
    const res = await app.inject({ url: "/cases/42?tab=all" });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("/assets/index-abc123.js");
    expect(res.headers["cache-control"]).toBe("no-cache");
    expect(res.headers["content-security-policy"]).toContain("script-src 'self'");
  });

  it("leaves unknown API addresses, missing files and escapes from the assets folder as 404", async () => {
    for (const url of [
      "/api/v1/nothing",
      "/assets/missing.js",
      "/assets/..%2f..%2fetc%2fpasswd",
      "/favicon.ico",
    ])
      expect((await app.inject({ url })).statusCode, url).toBe(404);
  });

  it("serves a new build made under the running server: the new index.html and its new assets", async () => {
    // A file asked for before it was built is found once it is there.
    expect((await app.inject({ url: "/assets/index-def456.js" })).statusCode).toBe(404);
    writeFileSync(join(root, "assets", "index-def456.js"), "console.info('new');");
    writeFileSync(
      join(root, "index.html"),
      '<!doctype html><script src="/assets/index-def456.js"></script><!-- the next build -->',
    );
    const page = await app.inject({ url: "/" });
    expect(page.body).toContain("/assets/index-def456.js");
    expect((await app.inject({ url: "/assets/index-def456.js" })).statusCode).toBe(200);
  });
});
