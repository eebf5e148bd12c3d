// The admin in the browser: creates a user whose generated password is shown once (and works),
// gives and takes roles, and edits the regulation with the parser's problems shown at their line.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDesk, type Desk } from "./desk.ts";

let desk: Desk;
beforeAll(async () => {
  desk = await startDesk("admin");
}, 60_000);
afterAll(() => desk?.close());

describe("the admin", () => {
  it("creates a user with a generated password, who can sign in; gives and takes a role", async () => {
    const page = await desk.signIn("admin");
    await page.getByRole("link", { name: "Пользователи" }).click();
    const form = page.getByRole("form", { name: "Новый пользователь" });
    await form.getByLabel("Логин").fill("new-executor");
    await form.getByLabel("ФИО").fill("Новый Исполнитель");
    await form.getByLabel("Роль").selectOption({ label: "Исполнитель" });
    await form.getByLabel("Подразделение").selectOption({ label: "Отдел ЖКХ" });
    await form.getByRole("button", { name: "Создать" }).click();

    const dialog = page.getByRole("dialog", { name: "Пароль создан" });
    const password = await dialog.getByTestId("generated-password").innerText();
    expect(password).toMatch(/^[a-zA-Z2-9]{16}$/);
    await desk.shot(page, "1-password");
    await dialog.getByRole("button", { name: "Отмена" }).click();
    await dialog.waitFor({ state: "detached" });
    // Shown once: nowhere on the page any more.
    await expect(page.getByText(password).count()).resolves.toBe(0);

    const row = page.getByTestId("users").getByRole("row", { name: /Новый Исполнитель/ });
    await expect(row.innerText()).resolves.toContain("Исполнитель (Отдел ЖКХ)");
    await row.getByLabel("Роль для Новый Исполнитель").selectOption({ label: "Исполнитель" });
    await row
      .getByLabel("Подразделение для Новый Исполнитель")
      .selectOption({ label: "Управление образования" });
    await row.getByRole("button", { name: "Дать роль" }).click();
    await row.getByText("Исполнитель (Управление образования)").waitFor();
    await row
      .getByRole("button", { name: "Снять роль «Исполнитель (Отдел ЖКХ)» с Новый Исполнитель" })
      .click();
    await row.getByText("Исполнитель (Отдел ЖКХ)").waitFor({ state: "detached" });
    await desk.shot(page, "2-roles");

    // The new person signs in with the password that was shown.
    const context = await desk.browser.newContext({ locale: "ru-RU" });
    try {
      const own = await context.newPage();
      await own.goto(desk.url);
      await own.getByLabel("Логин").fill("new-executor");
      await own.getByLabel("Пароль").fill(password);
      await own.getByRole("button", { name: "Войти" }).click();
      await own.getByRole("button", { name: "Выйти" }).waitFor();
      await expect(own.locator("header").innerText()).resolves.toContain("Новый Исполнитель");
      await expect(own.locator("header").innerText()).resolves.toContain("Управление образования");
    } finally {
      await context.close();
    }
  }, 40_000);

  it("edits the regulation: a term that does not read is shown at its line; a good text saves", async () => {
    const page = await desk.signIn("admin");
    await page.goto(`${desk.url}/admin/regulation`);
    const editor = page.getByLabel("Текст регламента (YAML)");
    await editor.waitFor();
    const original = await editor.inputValue();
    const lines = original.split("\n");
    const at = lines.findIndex((l) => /term: 30m\s*$/.test(l));
    expect(at).toBeGreaterThan(0);
    const broken = [...lines];
    broken[at] = (broken[at] as string).replace("30m", "полчаса");
    await editor.fill(broken.join("\n"));

    const line = at + 1;
    const problems = page.getByTestId("regulation-problems");
    await problems.getByRole("button", { name: `Перейти к строке ${line}` }).waitFor();
    await expect(problems.innerText()).resolves.toContain("непонятный срок «полчаса»");
    const marked = page.locator(".gutter-line.gutter-error", {
      hasText: new RegExp(`^● ${line}$`),
    });
    await expect(marked.getAttribute("title")).resolves.toContain("непонятный срок «полчаса»");
    await expect(
      page.getByRole("button", { name: "Сохранить регламент" }).isDisabled(),
    ).resolves.toBe(true);
    await problems.getByRole("button", { name: `Перейти к строке ${line}` }).click();
    const selected = await editor.evaluate((el: HTMLTextAreaElement) =>
      el.value.slice(el.selectionStart, el.selectionEnd),
    );
    expect(selected).toContain("term: полчаса");
    await desk.shot(page, "3-regulation-error");

    await editor.fill(`${original.trimEnd()}\n# Правка администратора: проверено\n`);
    await problems.getByText("Текст читается без ошибок").waitFor();
    await page.getByRole("button", { name: "Сохранить регламент" }).click();
    await page.getByText("Регламент сохранён").waitFor();
    const saved = await page.evaluate(async () =>
      (await fetch("/api/v1/tenant/regulation")).json(),
    );
    expect(saved.text).toContain("# Правка администратора: проверено");
    // The linter's findings of the saved text are listed with their lines.
    await page.getByRole("heading", { name: "Замечания линтера" }).waitFor();
    await desk.shot(page, "4-regulation-saved");
  }, 40_000);

  it("gives a department its topics, kind and settlements, closes another; routing offers the one in charge first", async () => {
    const page = await desk.signIn("admin");
    await page.goto(`${desk.url}/admin/departments`);
    const table = page.getByTestId("departments");
    await table.getByRole("button", { name: "Изменить: Отдел ЖКХ" }).click();
    const form = page.getByRole("form", { name: "Подразделение «Отдел ЖКХ»" });
    const name = form.getByLabel("Название");
    // Opened from its row, the form is ready to type in.
    await expect(name.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await name.fill("Управление ЖКХ");
    await form.getByLabel("Вид").selectOption({ label: "территориальный орган" });
    await form.getByLabel("Водоснабжение и водоотведение").check();
    // A territorial unit names the settlements it serves, from the gazetteer.
    const settlements = form.getByRole("group", { name: "Населённые пункты" });
    await settlements.getByLabel("Устьевое").check();
    await form.getByRole("button", { name: "Сохранить" }).click();
    await form.waitFor({ state: "detached" });
    const row = table.getByRole("row", { name: /Управление ЖКХ/ });
    await expect(row.innerText()).resolves.toMatch(
      /территориальный орган\s+Водоснабжение и водоотведение\s+Устьевое/,
    );
    await expect(
      table.getByRole("row", { name: /Управление образования/ }).innerText(),
    ).resolves.toContain("вся территория");
    await table
      .getByRole("row", { name: /Управление образования/ })
      .getByRole("button", { name: "Упразднить" })
      .click();
    await table.getByRole("row", { name: /Управление образования \(упразднено\)/ }).waitFor();
    await desk.shot(page, "5-departments");
    const stored = await page.evaluate(async () => (await fetch("/api/v1/departments")).json());
    expect(stored).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          name: "Управление ЖКХ",
          kind: "territorial",
          topics: ["water"],
          settlements: ["Устьевое"],
          active: true,
        }),
        expect.objectContaining({ name: "Управление образования", active: false }),
      ]),
    );

    // The curator routes a message about water in Устьевое: the unit in charge of the topic there
    // is chosen already, and the closed department is not offered.
    const kase = await desk.register({
      text: "Нет воды на ул. Советской третий день",
      topic: "water",
      locationText: "Устьевое, ул. Советская",
    });
    const curator = await desk.signIn("curator");
    await curator.goto(`${desk.url}/cases/${kase.id}`);
    await curator.getByRole("button", { name: "Назначить исполнителя" }).click();
    const select = curator.getByRole("dialog").getByLabel("Подразделение");
    await expect.poll(() => select.inputValue()).toBe(String(desk.tenant.departments.a));
    const groups = await select
      .locator("optgroup")
      .evaluateAll((list) =>
        list.map((g) => [
          g.getAttribute("label"),
          [...g.querySelectorAll("option")].map((o) => o.textContent),
        ]),
      );
    expect(groups).toEqual([
      ["Устьевое, тема «Водоснабжение и водоотведение»", ["Управление ЖКХ"]],
    ]);
    await desk.shot(curator, "6-route-by-topic");
  }, 40_000);

  it("adds settlements and streets to the gazetteer from a list; a message there then names its place", async () => {
    const page = await desk.signIn("admin");
    await page.goto(`${desk.url}/admin/gazetteer`);
    await expect(page.getByTestId("gazetteer-source").innerText()).resolves.toMatch(
      /Справочник шаблона/,
    );
    const lines = page.getByLabel("Населённые пункты и улицы");
    await lines.fill(
      [
        "с. Ича",
        "  ул. Школьная",
        "  пер. Рыбацкий",
        "с. Устьевое: Новая",
        "Соболевский район",
      ].join("\n"),
    );
    await page.getByRole("button", { name: "Добавить в справочник" }).click();
    const result = page.getByTestId("gazetteer-lines-result");
    await expect(result.innerText()).resolves.toContain(
      "Добавлено: 1 населённый пункт, 3 улицы; уже были в справочнике: 1 пункт, 0 улиц.",
    );
    await expect(result.innerText()).resolves.toContain(
      "Строка 5 «Соболевский район»: не указан тип",
    );
    // The line it could not read stays to be mended; the rest is in the text to save.
    await expect(lines.inputValue()).resolves.toBe("Соболевский район");
    await page.getByText("Есть несохранённые изменения").waitFor();
    await desk.shot(page, "7-gazetteer-lines");
    await page.getByRole("button", { name: "Сохранить справочник" }).click();
    await expect
      .poll(() => page.getByTestId("gazetteer-source").innerText())
      .toMatch(/Справочник администрации/);
    const ichaRow = page.getByTestId("gazetteer-settlements").getByRole("row", { name: /^Ича/ });
    await expect(ichaRow.innerText()).resolves.toMatch(/Ича\s+село\s+2/);
    const saved = await page.evaluate(async () => (await fetch("/api/v1/tenant/gazetteer")).json());
    expect(saved.source).toBe("tenant");
    expect(saved.gazetteer.streets).toEqual(
      expect.arrayContaining([
        { name: "Школьная", kind: "улица", settlement: "Ича" },
        { name: "Рыбацкий", kind: "переулок", settlement: "Ича" },
        { name: "Новая", settlement: "Устьевое" },
      ]),
    );

    // A message from Ича now names its settlement, which routing and the queue's filter use.
    const kase = await desk.register({ text: "Нет света на ул. Школьной", locationText: "в Иче" });
    const curator = await desk.signIn("curator");
    const card = await curator.evaluate(
      async (id) => (await fetch(`/api/v1/cases/${id}`)).json(),
      kase.id,
    );
    expect(card).toMatchObject({ settlement: "Ича" });
  }, 40_000);

  it("lands on the administration's readiness: what to mend, with a link to where", async () => {
    const page = await desk.signIn("admin");
    await page.goto(`${desk.url}/admin`);
    await expect(page.getByTestId("readiness-state").innerText()).resolves.toBe(
      "Всё, что нужно для работы по регламенту, есть.",
    );
    const list = page.getByTestId("readiness");
    const topics = list.getByRole("listitem").filter({ hasText: "Темы, за которые" });
    await expect(topics.innerText()).resolves.toMatch(/^стоит проверить: /);
    // The topic given to a department earlier is not among them.
    await expect(topics.innerText()).resolves.toContain("Дороги и тротуары");
    await expect(topics.innerText()).resolves.not.toContain("Водоснабжение");
    await desk.shot(page, "8-readiness");

    // The only approver leaves: approving answers is the regulation's and nobody's now.
    await page.goto(`${desk.url}/admin/users`);
    await page
      .getByTestId("users")
      .getByRole("row", { name: /^approver \d+/ })
      .getByRole("button", { name: "Отключить" })
      .click();
    // The desk says what this leaves with nobody before doing it.
    const confirm = page.getByRole("dialog", { name: "Работу по регламенту некому будет делать" });
    await expect(confirm.innerText()).resolves.toMatch(
      /Ни у кого не останется роли «Согласующий», а по регламенту он: .*согласовать/,
    );
    await desk.shot(page, "9-confirm-uncovered");
    await confirm.getByRole("button", { name: "Всё равно отключить" }).click();
    await page
      .getByTestId("users")
      .getByText(/approver \d+ \(отключён\)/)
      .waitFor();
    await page.goto(`${desk.url}/admin`);
    await expect(page.getByTestId("readiness-state").innerText()).resolves.toMatch(
      /^Работать по регламенту пока нельзя/,
    );
    const first = list.getByRole("listitem").first();
    await expect(first.innerText()).resolves.toMatch(
      /^нужно: Нет ни одного активного пользователя с ролью «Согласующий»\. По регламенту он: .*согласовать/,
    );
    await first.getByRole("link", { name: "Исправить: Пользователи" }).click();
    await page.waitForURL(/\/admin\/users$/);
  }, 40_000);
});
