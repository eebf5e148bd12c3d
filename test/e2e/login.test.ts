// Every role signs in through the login page and lands where its day starts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDesk, type Desk, type Who } from "./desk.ts";

let desk: Desk;
beforeAll(async () => {
  desk = await startDesk("login");
}, 60_000);
afterAll(() => desk?.close());

const HOMES: Array<[Who, string, string, string]> = [
  ["curator", "Куратор", "/queue", "Очередь сообщений"],
  ["executorA", "Исполнитель (Отдел ЖКХ)", "/inbox", "Мои сообщения"],
  ["approver", "Согласующий", "/approval", "Проекты на согласовании"],
  ["supervisor", "Ответственное лицо", "/overview", "Обзор"],
  ["admin", "Администратор", "/admin", "Администрирование"],
];

describe("signing in", () => {
  it.each(HOMES)(
    "%s sees the tenant, the role and their start screen",
    async (who, role, path, heading) => {
      const page = await desk.signIn(who);
      await page.getByRole("heading", { level: 1, name: heading }).waitFor();
      expect(new URL(page.url()).pathname).toBe(path);
      await expect(page.locator(".tenant").innerText()).resolves.toContain(
        "Тестовая администрация",
      );
      await expect(page.locator(".roles").innerText()).resolves.toBe(role);
      await desk.shot(page, who);
    },
    30_000,
  );

  it("a wrong password is refused with a message and no session", async () => {
    const context = await desk.browser.newContext();
    const page = await context.newPage();
    await page.goto(desk.url);
    await page.getByLabel("Логин").fill(desk.tenant.users.curator.login);
    await page.getByLabel("Пароль").fill("wrong password");
    await page.getByRole("button", { name: "Войти" }).click();
    await expect(page.getByRole("alert").innerText()).resolves.toBe("Неверный логин или пароль");
    await desk.shot(page, "wrong-password");
    await context.close();
  }, 30_000);

  it("signing out in one tab shows the login in the other tab of the same browser", async () => {
    const first = await desk.signIn("curator");
    await first.getByRole("heading", { level: 1, name: "Очередь сообщений" }).waitFor();
    const second = await first.context().newPage();
    await second.goto(desk.url);
    await second.getByRole("heading", { level: 1, name: "Очередь сообщений" }).waitFor();
    await second.getByRole("button", { name: "Выйти" }).click();
    // No click in the first tab: its live stream hears that the session ended.
    await first.getByLabel("Пароль").waitFor();
  }, 30_000);

  it("the language switch turns the desk to English and back", async () => {
    const page = await desk.signIn("curator");
    await page.getByLabel("Язык").selectOption("en");
    await page.getByRole("heading", { level: 1, name: "Message queue" }).waitFor();
    await expect(page.getByRole("button", { name: "Sign out" }).isVisible()).resolves.toBe(true);
    await desk.shot(page, "english");
    await page.getByLabel("Language").selectOption("ru");
    await page.getByRole("heading", { level: 1, name: "Очередь сообщений" }).waitFor();
  }, 30_000);
});
