// Does a queue of 500 cases scroll smoothly? The built desk in headless Chromium, the API answered
// by synthetic data (so only the browser is measured), the list scrolled top to bottom and back
// at a steady speed while every frame's time is recorded. Run after `npm run build`.
import { readFileSync } from "node:fs";
import { extname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const CASES = Number(process.env.CASES ?? 500);
const root = fileURLToPath(new URL("../../", import.meta.url));
const dist = join(root, "web", "dist");
const ORIGIN = "http://desk.bench";
// The list is scrolled at 3,000 px/s (a fast flick) to the end and back, one step per frame, and
// each frame's duration is recorded as the browser reports it.

const TYPES: Record<string, string> = {
  ".js": "text/javascript",
  ".css": "text/css",
  ".html": "text/html",
};

const STAGES = [
  { key: "route", title: "Направление в структурное подразделение", term: "30m", clause: "10" },
  {
    key: "draft",
    title: "Проект ответа на согласование Главе",
    term: "4h before total",
    clause: "13",
  },
  { key: "approve", title: "Согласование проекта ответа Главой", term: "1h", clause: "14" },
];
const STATUSES = ["new", "assigned", "inProgress", "onApproval"] as const;

function syntheticCases(n: number, now: number) {
  return Array.from({ length: n }, (_, i) => {
    const stage = STAGES[i % STAGES.length] as (typeof STAGES)[number];
    const deadline = new Date(now + ((i % 40) - 10) * 6 * 60_000).toISOString();
    return {
      id: i + 1,
      number: `СОБ-2026-${String(i + 1).padStart(6, "0")}`,
      status: STATUSES[i % STATUSES.length],
      importance: i % 7 === 0 ? "high" : "normal",
      topic: "roads",
      location: "с. Соболево, ул. Комсомольская",
      channel: i % 2 ? "vk" : "ok",
      summary: `Сообщение ${i + 1}: во дворе дома ${i % 50} яма на дороге, машины не могут проехать, просим отремонтировать как можно скорее`,
      department: i % 3 ? { id: 1, name: "Отдел ЖКХ" } : null,
      executor: i % 3 ? { id: 2, name: "Иванова А. П." } : null,
      openedAt: new Date(now - 3_600_000).toISOString(),
      closedAt: null,
      stage: { ...stage, actor: "curator", deadline, risk: i % 40 < 10 ? "overdue" : "none" },
      deadline,
      risk: i % 40 < 10 ? "overdue" : i % 40 < 14 ? "atRisk" : "none",
      version: 1,
      allowedActions: ["assign", "triage"],
    };
  });
}

// Runs in the page. A string, because the TypeScript loader decorates functions with helpers
// that do not exist in the browser.
const SCROLL = `(async () => {
  const el = document.querySelector('[data-testid="queue-scroller"]');
  const max = el.scrollHeight - el.clientHeight;
  const frames = [];
  let maxRows = 0;
  await new Promise((resolve) => {
    let last = performance.now();
    let direction = 1;
    const step = (t) => {
      const dt = t - last;
      frames.push(dt);
      last = t;
      el.scrollTop += direction * 3 * Math.max(dt, 1);
      maxRows = Math.max(maxRows, el.querySelectorAll('[data-testid="queue-row"]').length);
      if (direction === 1 && el.scrollTop >= max - 1) direction = -1;
      else if (direction === -1 && el.scrollTop <= 0) return resolve();
      requestAnimationFrame(step);
    };
    requestAnimationFrame(step);
  });
  return { frames: frames.slice(1), height: el.scrollHeight, maxRows };
})()`;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
  ],
});
try {
  const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  const now = Date.now();
  const cases = syntheticCases(CASES, now);
  await page.route(`${ORIGIN}/**`, async (route) => {
    const url = new URL(route.request().url());
    const json = (body: unknown) =>
      route.fulfill({ contentType: "application/json", body: JSON.stringify(body) });
    if (url.pathname === "/api/v1/auth/me")
      return json({
        user: { id: 9, login: "curator", fullName: "Куратор Бенчмарка" },
        tenant: { id: 1, slug: "bench", name: "Соболевский район", timeZone: "Asia/Kamchatka" },
        roles: [{ role: "curator", department: null }],
        may: ["registerCase"],
        absences: [],
        csrfToken: "x",
      });
    if (url.pathname === "/api/v1/cases") {
      const limit = Number(url.searchParams.get("limit") ?? 50);
      const offset = Number(url.searchParams.get("offset") ?? 0);
      return json({ items: cases.slice(offset, offset + limit), total: cases.length });
    }
    if (url.pathname === "/api/v1/events") return route.abort();
    if (url.pathname.startsWith("/api/")) return json({ items: [] });
    const file = url.pathname.startsWith("/assets/") ? url.pathname : "/index.html";
    return route.fulfill({
      contentType: TYPES[extname(file)] ?? "application/octet-stream",
      body: readFileSync(join(dist, file)),
    });
  });

  await page.goto(`${ORIGIN}/queue?tab=all`);
  await page.waitForSelector('[data-testid="queue-row"]');

  const result = (await page.evaluate(SCROLL)) as {
    frames: number[];
    height: number;
    maxRows: number;
  };
  const sorted = [...result.frames].sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 10) / 10;
  const total = result.frames.reduce((s, f) => s + f, 0);
  const report = {
    cases: CASES,
    frames: result.frames.length,
    scrolledPx: (result.height - 900) * 2,
    seconds: round(total / 1000),
    meanFps: round(result.frames.length / (total / 1000)),
    p50ms: round(percentile(sorted, 50)),
    p95ms: round(percentile(sorted, 95)),
    p99ms: round(percentile(sorted, 99)),
    maxMs: round(sorted[sorted.length - 1] ?? 0),
    over50ms: result.frames.filter((f) => f > 50).length,
    rowsInDomMax: result.maxRows,
  };
  console.log(JSON.stringify(report, null, 2));
} finally {
  await browser.close();
}
