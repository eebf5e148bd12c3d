// Serves the browser desk (web/dist, built by `npm run build`): hashed assets cached for a year,
// index.html for every other page address and never cached, so a deploy reaches browsers at once.
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants as zlib, gzipSync } from "node:zlib";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";

export interface WebOptions {
  /** The built desk; web/dist beside the sources by default. */
  root?: string;
}

const DEFAULT_ROOT = fileURLToPath(new URL("../../web/dist/", import.meta.url));

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".webp": "image/webp",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".json": "application/json; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
};
const COMPRESSIBLE = new Set([".html", ".js", ".css", ".svg", ".json", ".txt"]);

/**
 * The desk renders citizens' messages, so a script that slipped through would run with the
 * curator's session: the policy allows scripts and styles from the server only, and no framing.
 */
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob: https:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

interface Asset {
  body: Buffer;
  gzip?: Buffer;
  br?: Buffer;
  type: string;
  /** The file's modification time and size when it was read. */
  stamp: string;
}

/**
 * Files are read and compressed once. Hashed assets never change under a name; `recheck` (for
 * index.html, the one name a new build rewrites) compares the file's time and size on each use,
 * so a `npm run build` under a running server is served at once. A file not there is looked for
 * again next time (built after the server started).
 */
async function load(
  cache: Map<string, Asset>,
  file: string,
  recheck = false,
): Promise<Asset | null> {
  const cached = cache.get(file);
  if (cached && !recheck) return cached;
  try {
    const info = await stat(file);
    if (!info.isFile()) return null;
    const stamp = `${info.mtimeMs}:${info.size}`;
    if (cached?.stamp === stamp) return cached;
    const body = await readFile(file);
    const ext = extname(file);
    const asset: Asset = { body, type: TYPES[ext] ?? "application/octet-stream", stamp };
    if (COMPRESSIBLE.has(ext) && body.length > 1024) {
      asset.gzip = gzipSync(body, { level: 9 });
      asset.br = brotliCompressSync(body, {
        params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: body.length },
      });
    }
    cache.set(file, asset);
    return asset;
  } catch {
    return null;
  }
}

function send(request: FastifyRequest, reply: FastifyReply, asset: Asset, cacheControl: string) {
  const accepts = String(request.headers["accept-encoding"] ?? "");
  reply
    .header("content-type", asset.type)
    .header("cache-control", cacheControl)
    .header("x-content-type-options", "nosniff")
    .header("vary", "accept-encoding");
  if (asset.br && /\bbr\b/.test(accepts))
    return reply.header("content-encoding", "br").send(asset.br);
  if (asset.gzip && /\bgzip\b/.test(accepts))
    return reply.header("content-encoding", "gzip").send(asset.gzip);
  return reply.send(asset.body);
}

export async function webPlugin(app: FastifyInstance, options: WebOptions = {}): Promise<void> {
  const root = normalize(options.root ?? DEFAULT_ROOT);
  const cache = new Map<string, Asset>();

  const page = async (request: FastifyRequest, reply: FastifyReply) => {
    const index = await load(cache, join(root, "index.html"), true);
    if (!index) {
      return reply
        .code(503)
        .header("content-type", "text/plain; charset=utf-8")
        .header("cache-control", "no-store")
        .send(
          "The desk is not built: run `npm run build`.\nРабочее место не собрано: выполните `npm run build`.",
        );
    }
    reply
      .header("content-security-policy", CSP)
      .header("referrer-policy", "no-referrer")
      .header("x-frame-options", "DENY");
    return send(request, reply, index, "no-cache");
  };

  // Pages and files of the desk are not part of the API: kept out of the OpenAPI document.
  const hidden = { schema: { hide: true } };
  app.get("/assets/*", hidden, async (request, reply) => {
    const rest = (request.params as { "*": string })["*"];
    const file = normalize(join(root, "assets", rest));
    // normalize() resolves "..": a path that leaves the assets folder is not ours to serve.
    if (!file.startsWith(join(root, "assets") + sep)) return reply.callNotFound();
    const asset = await load(cache, file);
    if (!asset) return reply.callNotFound();
    // Vite puts a content hash in every asset name: a changed file is a new address.
    return send(request, reply, asset, "public, max-age=31536000, immutable");
  });

  app.get("/", hidden, page);
  app.get("/*", hidden, async (request, reply) => {
    const path = request.url.split("?")[0] ?? "/";
    // Unknown API addresses and files stay 404 (problem+json from the server's own handler);
    // any other address is a page of the single-page app.
    if (path.startsWith("/api/") || path === "/api" || extname(path) !== "")
      return reply.callNotFound();
    return page(request, reply);
  });
}
