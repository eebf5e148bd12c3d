// The desk end to end: the real server on a test database (port 0) serving the built web/dist,
// a tenant of the sobolevo preset, and headless Chromium (Debian's package) driven by
// playwright-core. Each test signs people in through the login page, as they would.
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { AddressInfo } from "node:net";
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Page,
} from "playwright-core";
import { expect } from "vitest";
import { build } from "vite";
import { loadConfig } from "../../src/config.ts";
import { buildServer } from "../../src/http/server.ts";
import { webPlugin } from "../../src/http/web.ts";
import { actOnCase, type ActionRequest } from "../../src/app/act-on-case.ts";
import { registerCase, type RegisterInput } from "../../src/app/register-case.ts";
import type { PresetName } from "../../src/domain/regulation/presets.ts";
import { testDatabase } from "../support/database.ts";
import { PASSWORD, seedTenant, type SeededTenant } from "../support/factories.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const DIST = join(ROOT, "web", "dist");
const SHOTS = join(ROOT, "test-results", "e2e");

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
  "--disable-sync",
];

/** Builds the desk unless web/dist is newer than every source file it is built from. */
async function ensureBuilt(): Promise<void> {
  const index = join(DIST, "index.html");
  if (existsSync(index) && !process.env.E2E_REBUILD) {
    const built = statSync(index).mtimeMs;
    const newest = (dir: string): number =>
      readdirSync(dir, { withFileTypes: true }).reduce((m, e) => {
        const p = join(dir, e.name);
        return Math.max(m, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
      }, 0);
    if (newest(join(ROOT, "web", "src")) <= built) return;
  }
  await build({ configFile: join(ROOT, "web", "vite.config.ts"), logLevel: "error" });
}

export type Who = keyof SeededTenant["users"];

export interface Desk {
  url: string;
  tenant: SeededTenant;
  browser: Browser;
  /** A signed-in page of one person (of the desk's tenant unless another is given). */
  signIn(who: Who, opts?: { phone?: boolean; tenant?: SeededTenant }): Promise<Page>;
  /** Another administration on the same server, of the given preset. */
  seed(preset: PresetName): Promise<SeededTenant>;
  register(
    input: Partial<RegisterInput> & { text: string },
  ): Promise<{ id: number; number: string }>;
  act(who: Who, caseId: number, request: ActionRequest): Promise<void>;
  shot(page: Page, name: string): Promise<void>;
  close(): Promise<void>;
}

export async function startDesk(testName: string): Promise<Desk> {
  await ensureBuilt();
  const database = await testDatabase();
  const app = await buildServer({ database, config: loadConfig(), logger: false });
  // The lead wires the plugin into buildServer; until then the test adds it.
  if (!app.hasRoute({ method: "GET", url: "/assets/*" })) await app.register(webPlugin);
  await app.listen({ port: 0, host: "127.0.0.1" });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const tenant = await seedTenant(database.db, "sobolevo", Date.now() - 86_400_000);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: CHROMIUM_ARGS,
  });
  const contexts: BrowserContext[] = [];
  mkdirSync(SHOTS, { recursive: true });

  return {
    url,
    tenant,
    browser,
    async signIn(who, opts = {}) {
      const context = await browser.newContext({
        viewport: opts.phone ? { width: 390, height: 844 } : { width: 1366, height: 900 },
        ...(opts.phone ? { isMobile: true, hasTouch: true } : {}),
        locale: "ru-RU",
      });
      // A screen that does not come in 10 s will not come: fail with the step that waited.
      context.setDefaultTimeout(10_000);
      contexts.push(context);
      const page = await context.newPage();
      await page.goto(url);
      await page.getByLabel("Логин").fill((opts.tenant ?? tenant).users[who].login);
      await page.getByLabel("Пароль").fill(PASSWORD);
      await page.getByRole("button", { name: "Войти" }).click();
      await page.getByRole("navigation", { name: "Разделы" }).waitFor();
      return page;
    },
    seed: (preset) => seedTenant(database.db, preset, Date.now() - 86_400_000),
    async register(input) {
      const ctx = await tenant.ctx();
      const actor = await tenant.actor("curator");
      const result = await database.db
        .transaction()
        .execute((tx) => registerCase(tx, ctx, actor, { channel: "vk", ...input }, Date.now()));
      if (!result.ok) throw new Error(`register: ${JSON.stringify(result)}`);
      return { id: result.case.id, number: result.case.number };
    },
    async act(who, caseId, request) {
      const ctx = await tenant.ctx();
      const actor = await tenant.actor(who);
      const result = await database.db
        .transaction()
        .execute((tx) => actOnCase(tx, ctx, actor, caseId, request, { now: Date.now() }));
      if (!result.ok) throw new Error(`${request.action}: ${JSON.stringify(result)}`);
    },
    async shot(page, name) {
      await page.screenshot({ path: join(SHOTS, `${testName}-${name}.png`), fullPage: true });
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => undefined);
      await browser.close();
      await app.close();
      await database.drop();
    },
  };
}

/** The case's status as the card's header shows it. */
export async function expectStatus(page: Page, text: string): Promise<void> {
  await page.locator(".page-head .status", { hasText: text }).waitFor();
  expect(await page.locator(".page-head .status").innerText()).toBe(text);
}

/**
 * Signs a person in through the login page in a browser context of the given options (a small
 * phone, a locale). The context closes with the desk's browser.
 */
export async function signInWith(
  desk: Desk,
  who: Who,
  options: BrowserContextOptions,
): Promise<Page> {
  const context = await desk.browser.newContext({ locale: "ru-RU", ...options });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  await page.goto(desk.url);
  await page.getByLabel("Логин").fill(desk.tenant.users[who].login);
  await page.getByLabel("Пароль").fill(PASSWORD);
  await page.getByRole("button", { name: "Войти" }).click();
  // Signed in: the sections appear (on a phone signing out is folded behind the person's button).
  await page.getByRole("navigation", { name: "Разделы" }).waitFor();
  return page;
}

/** One accessibility rule broken on a screen, as axe-core reports it. */
export interface AxeViolation {
  screen: string;
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

let axeSource: string | undefined;

/**
 * Runs axe-core (WCAG 2.x A and AA, and its best practices) on the page as it is now. axe is
 * evaluated through the DevTools protocol, not added as a <script>: the desk's CSP allows no
 * inline script, and axe must never reach the bundle.
 */
export async function axeViolations(page: Page, screen: string): Promise<AxeViolation[]> {
  axeSource ??= readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    type Result = {
      id: string;
      impact: string | null;
      help: string;
      nodes: Array<{ target: unknown[] }>;
    };
    const axe = (
      window as unknown as { axe: { run(o: object): Promise<{ violations: Result[] }> } }
    ).axe;
    const r = await axe.run({
      runOnly: {
        type: "tag",
        values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
      },
      resultTypes: ["violations"],
    });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((n) => n.target.map(String).join(" ")),
    }));
  });
  return violations.map((v) => ({ screen, ...v }));
}

/** Violations as lines a person can act on: screen, rule, impact, and the selectors. */
export function describeViolations(violations: readonly AxeViolation[]): string {
  return violations
    .map(
      (v) =>
        `[${v.screen}] ${v.id} (${v.impact ?? "?"}): ${v.help}\n    ${v.targets.join("\n    ")}`,
    )
    .join("\n");
}
