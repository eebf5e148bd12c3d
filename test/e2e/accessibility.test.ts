// The desk with axe-core: every role signs in and each of its main screens — login, queues, the
// case card, drafting, review, overview, administration, the dialogs — has no serious or critical
// accessibility violation (WCAG 2.x A/AA and axe's best practices), in Russian and in English.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import {
  axeViolations,
  describeViolations,
  startDesk,
  type AxeViolation,
  type Desk,
} from "./desk.ts";

let desk: Desk;
beforeAll(async () => {
  desk = await startDesk("accessibility");
}, 60_000);
afterAll(() => desk?.close());

const BLOCKING = new Set(["serious", "critical"]);

/** Collects a role's violations screen by screen; the test fails once, listing them all. */
function audit() {
  const found: AxeViolation[] = [];
  return {
    async check(page: Page, screen: string) {
      // The screen settles: no loading line, no pending fetch redraw.
      await page.locator(".page-loading").waitFor({ state: "detached" });
      await page.waitForTimeout(300);
      found.push(...(await axeViolations(page, screen)));
    },
    expectClean() {
      const blocking = found.filter((v) => BLOCKING.has(v.impact ?? ""));
      const minor = found.filter((v) => !BLOCKING.has(v.impact ?? ""));
      if (minor.length) console.info(`moderate and minor:\n${describeViolations(minor)}`);
      expect(blocking, `serious or critical:\n${describeViolations(blocking)}`).toEqual([]);
    },
  };
}

async function openCase(page: Page, id: number, number: string): Promise<void> {
  await page.goto(`${desk.url}/cases/${id}`);
  await page.getByRole("heading", { level: 1, name: `Сообщение № ${number}` }).waitFor();
}

let routed: { id: number; number: string };
let inWork: { id: number; number: string };
let onApproval: { id: number; number: string };
let fresh: { id: number; number: string };
let repeat: { id: number; number: string };
let setAside: { id: number; number: string };

const DAY = 86_400_000;

beforeAll(async () => {
  const a = desk.tenant.departments.a;
  fresh = await desk.register({
    text: "В Соболево на улице Советской, д. 5 третий день нет воды",
    authorName: "Анна Петрова",
    url: "https://vk.com/wall-1_100",
  });
  // Overdue for days, a suspected repeat and a message set aside: every badge and colour.
  await desk.register({ text: "Не горят фонари у школы", detectedAt: Date.now() - 10 * DAY });
  const author = {
    authorName: "Мария Иванова",
    authorExternalId: "id5550123",
    authorUrl: "https://vk.com/id5550123",
  };
  const first = await desk.register({
    text: "В Соболево на улице Советской, д. 5 в квартире нет отопления, батареи холодные",
    detectedAt: Date.now() - 3 * DAY,
    ...author,
  });
  await desk.act("curator", first.id, { action: "assign", departmentId: a });
  repeat = await desk.register({
    text: "Опять нет отопления в квартире на Советской, д. 5, батареи холодные",
    ...author,
  });
  setAside = await desk.register({ text: "Вы там все дебилы и сволочи, ничего не делаете" });
  routed = await desk.register({ text: "Яма на дороге у дома 3" });
  await desk.act("curator", routed.id, { action: "assign", departmentId: a });
  inWork = await desk.register({ text: "Не вывозят мусор во дворе" });
  await desk.act("curator", inWork.id, { action: "assign", departmentId: a });
  await desk.act("executorA", inWork.id, { action: "accept" });
  await desk.act("executorA", inWork.id, {
    action: "saveDraft",
    kind: "final",
    text: "Первый вариант ответа",
  });
  await desk.act("executorA", inWork.id, { action: "submitDraft" });
  await desk.act("approver", inWork.id, {
    action: "requestRevision",
    remarks: "Укажите срок",
  });
  onApproval = await desk.register({ text: "Прорыв трубы, затопило подвал" });
  await desk.act("curator", onApproval.id, { action: "assign", departmentId: a });
  await desk.act("executorA", onApproval.id, { action: "accept" });
  await desk.act("executorA", onApproval.id, {
    action: "saveDraft",
    kind: "final",
    text: "Трубу заменят.",
  });
  await desk.act("executorA", onApproval.id, { action: "submitDraft" });
  await desk.act("approver", onApproval.id, { action: "requestRevision", remarks: "Когда?" });
  await desk.act("executorA", onApproval.id, {
    action: "saveDraft",
    kind: "final",
    text: "Трубу заменят до 20 ноября.",
  });
  await desk.act("executorA", onApproval.id, { action: "submitDraft" });
  await desk.act("supervisor", onApproval.id, { action: "escalate", note: "Социально значимое" });
}, 60_000);

describe("accessibility of the desk (axe-core)", () => {
  it("the login page, in Russian and in English, with an error shown", async () => {
    const a = audit();
    const context = await desk.browser.newContext({ locale: "ru-RU" });
    try {
      const page = await context.newPage();
      await page.goto(desk.url);
      await page.getByLabel("Логин").waitFor();
      await a.check(page, "login");
      await page.getByLabel("Логин").fill("nobody");
      await page.getByLabel("Пароль").fill("wrong password");
      await page.getByRole("button", { name: "Войти" }).click();
      await page.getByRole("alert").waitFor();
      await a.check(page, "login-error");
      await page.getByLabel("Язык").selectOption("en");
      await page.getByRole("heading", { level: 1, name: "Sign in to Otklik" }).waitFor();
      await expect(page.locator("html").getAttribute("lang")).resolves.toBe("en");
      await a.check(page, "login-en");
    } finally {
      await context.close();
    }
    a.expectClean();
  }, 40_000);

  it("the curator's queue, card, dialogs and notifications", async () => {
    const a = audit();
    const page = await desk.signIn("curator");
    await page.getByRole("heading", { level: 1, name: "Очередь сообщений" }).waitFor();
    await page.getByTestId("queue-row").first().waitFor();
    await a.check(page, "queue");
    await page.getByRole("tab", { name: /Все открытые/ }).click();
    await page.getByTestId("queue-row").first().waitFor();
    await a.check(page, "queue-all");
    await page.getByRole("tab", { name: "Не подлежат обработке?" }).click();
    await page.getByTestId("queue-row").filter({ hasText: setAside.number }).waitFor();
    await a.check(page, "queue-set-aside");

    await page.getByRole("button", { name: "Зарегистрировать" }).click();
    await page.getByRole("dialog", { name: "Регистрация сообщения" }).waitFor();
    await a.check(page, "register-dialog");
    await page.keyboard.press("Escape");
    await page.getByRole("dialog").waitFor({ state: "detached" });

    await page.getByRole("button", { name: /^Уведомления/ }).click();
    await a.check(page, "notifications");
    await page.getByRole("button", { name: /^Уведомления/ }).click();

    await openCase(page, fresh.id, fresh.number);
    await page.getByTestId("triage-topic").waitFor();
    await a.check(page, "case-new");
    await page.getByRole("button", { name: "Назначить исполнителя" }).click();
    await page.getByRole("dialog").getByLabel("Подразделение").waitFor();
    await a.check(page, "route-dialog");
    await page.keyboard.press("Escape");
    await page.getByRole("dialog").waitFor({ state: "detached" });

    await openCase(page, repeat.id, repeat.number);
    await page.getByTestId("link-suggestion-repeat").waitFor();
    await a.check(page, "case-suspected-repeat");
    await openCase(page, setAside.id, setAside.number);
    await page.getByTestId("set-aside-reason").waitFor();
    await a.check(page, "case-set-aside");
    await openCase(page, onApproval.id, onApproval.number);
    await a.check(page, "case-on-approval");

    await page.getByLabel("Язык").selectOption("en");
    await page.getByRole("heading", { level: 1, name: `Case No. ${onApproval.number}` }).waitFor();
    await expect(page.locator("html").getAttribute("lang")).resolves.toBe("en");
    await a.check(page, "case-en");
    await page.goto(`${desk.url}/queue`);
    await page.getByRole("heading", { level: 1, name: "Message queue" }).waitFor();
    await a.check(page, "queue-en");
    await page.getByLabel("Language").selectOption("ru");
    a.expectClean();
  }, 90_000);

  it("the executor's inbox, a routed card, and drafting after a revision", async () => {
    const a = audit();
    const page = await desk.signIn("executorA");
    await page.getByRole("heading", { level: 1, name: "Мои сообщения" }).waitFor();
    await page.getByTestId("queue-row").first().waitFor();
    await a.check(page, "inbox");
    await openCase(page, routed.id, routed.number);
    await page.getByRole("button", { name: "Принять в работу" }).waitFor();
    await a.check(page, "case-routed");
    await page.getByRole("button", { name: "Принять в работу" }).click();
    await page.getByLabel("Текст ответа").waitFor();
    await page.getByLabel("Текст ответа").fill("Уважаемая Анна! Яму заделают.");
    await a.check(page, "drafting");
    await page.getByRole("button", { name: "Вернуть как не относящееся к компетенции" }).click();
    await page.getByRole("dialog").waitFor();
    await a.check(page, "return-dialog");
    await page.keyboard.press("Escape");
    await page.getByRole("dialog").waitFor({ state: "detached" });

    await openCase(page, inWork.id, inWork.number);
    await page.getByRole("complementary", { name: "Замечания согласующего" }).waitFor();
    await a.check(page, "drafting-revision");
    a.expectClean();
  }, 60_000);

  it("the approver's drafts, the review with the diff, and the remarks dialog", async () => {
    const a = audit();
    const page = await desk.signIn("approver");
    await page.getByRole("heading", { level: 1, name: "Проекты на согласовании" }).waitFor();
    await page.getByTestId("queue-row").first().waitFor();
    await a.check(page, "approval");
    await openCase(page, onApproval.id, onApproval.number);
    await page.getByTestId("draft-diff").waitFor();
    await a.check(page, "review");
    await page.getByRole("button", { name: "Вернуть на доработку" }).click();
    await page.getByRole("dialog").getByLabel("Замечания для доработки").waitFor();
    await a.check(page, "remarks-dialog");
    await page.keyboard.press("Escape");
    a.expectClean();
  }, 60_000);

  it("the supervisor's overview and queue", async () => {
    const a = audit();
    const page = await desk.signIn("supervisor");
    await page.getByRole("heading", { level: 1, name: "Обзор" }).waitFor();
    await page.getByTestId("figure-open").waitFor();
    await page.getByTestId("escalations").waitFor();
    await a.check(page, "overview");
    await page.getByRole("link", { name: "Очередь" }).first().click();
    await page.getByRole("heading", { level: 1, name: "Очередь сообщений" }).waitFor();
    await a.check(page, "supervisor-queue");
    a.expectClean();
  }, 60_000);

  it("every section of the administration", async () => {
    const a = audit();
    const page = await desk.signIn("admin");
    for (const section of [
      "departments",
      "users",
      "absences",
      "regulation",
      "calendar",
      "rubricator",
      "gazetteer",
      "accounts",
    ]) {
      await page.goto(`${desk.url}/admin/${section}`);
      await page.getByRole("heading", { level: 1, name: "Администрирование" }).waitFor();
      await a.check(page, `admin-${section}`);
    }
    a.expectClean();
  }, 90_000);
});
