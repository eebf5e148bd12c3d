// How much JavaScript a browser downloads before the desk is usable: the entry chunk and every
// chunk it imports statically (what index.html preloads), gzipped; lazy pages listed apart.
// Builds web/dist first unless --no-build. Budget: 250 KB gzipped of initial JavaScript.
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const BUDGET_KB = 250;
const root = fileURLToPath(new URL("../../", import.meta.url));
const dist = join(root, "web", "dist");

if (!process.argv.includes("--no-build"))
  execFileSync("npx", ["vite", "build", "--config", "web/vite.config.ts", "--logLevel", "error"], {
    cwd: root,
    stdio: "inherit",
  });

const html = readFileSync(join(dist, "index.html"), "utf8");
const referenced = (pattern: RegExp) => [...html.matchAll(pattern)].map((m) => m[1] as string);
const entry = referenced(/<script[^>]+src="\/([^"]+\.js)"/g);
const preloaded = referenced(/<link[^>]+rel="modulepreload"[^>]+href="\/([^"]+\.js)"/g);
const css = referenced(/<link[^>]+rel="stylesheet"[^>]+href="\/([^"]+\.css)"/g);
const initial = new Set([...entry, ...preloaded]);

const kb = (n: number) => Math.round((n / 1024) * 10) / 10;
const sizeOf = (file: string) => {
  const body = readFileSync(join(dist, file));
  return { raw: body.length, gzip: gzipSync(body, { level: 9 }).length };
};

const rows: Array<{ file: string; kind: string; raw: number; gzip: number }> = [];
for (const f of readdirSync(join(dist, "assets"))) {
  const file = `assets/${f}`;
  const kind = f.endsWith(".css")
    ? css.includes(file)
      ? "initial css"
      : "lazy css"
    : initial.has(file)
      ? "initial js"
      : "lazy js";
  rows.push({ file, kind, ...sizeOf(file) });
}
rows.sort((a, b) => a.kind.localeCompare(b.kind) || b.gzip - a.gzip);

const sum = (kind: string, key: "raw" | "gzip") =>
  rows.filter((r) => r.kind === kind).reduce((s, r) => s + r[key], 0);
const initialJs = sum("initial js", "gzip");

console.log("| file | kind | raw KB | gzip KB |");
console.log("| --- | --- | ---: | ---: |");
for (const r of rows) console.log(`| ${r.file} | ${r.kind} | ${kb(r.raw)} | ${kb(r.gzip)} |`);
console.log(
  `\ninitial JavaScript: ${kb(sum("initial js", "raw"))} KB raw, ${kb(initialJs)} KB gzipped ` +
    `(budget ${BUDGET_KB} KB); initial CSS ${kb(sum("initial css", "gzip"))} KB gzipped; ` +
    `lazy JavaScript ${kb(sum("lazy js", "gzip"))} KB gzipped`,
);
if (initialJs > BUDGET_KB * 1024) {
  console.error(`over budget by ${kb(initialJs - BUDGET_KB * 1024)} KB`);
  process.exit(1);
}
