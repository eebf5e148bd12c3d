// One message of the sobolevo regulation through the desk, as the people of 004 do it: the
// curator registers and routes it (п. 10), the executor accepts and drafts (п. 13), the head
// returns it for revision (пп. 14–15) and then approves, the executor hands it over and the
// curator publishes it (п. 16). Then: return as not competent (п. 11) and reassignment.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import type { ActionRequest } from "../../src/app/act-on-case.ts";
import { expectStatus, startDesk, type Desk, type Who } from "./desk.ts";

let desk: Desk;
beforeAll(async () => {
  desk = await startDesk("case-flow");
}, 60_000);
afterAll(() => desk?.close());

async function openFromList(page: Page, number: string): Promise<void> {
  await page.getByRole("link", { name: `№ ${number}` }).click();
  await page.getByRole("heading", { level: 1, name: `Сообщение № ${number}` }).waitFor();
}

describe("a case from registration to publication", () => {
  it("goes through routing, a draft, a revision loop, approval and publication", async () => {
    // The curator registers a message by hand and routes it to the housing department.
    const curator = await desk.signIn("curator");
    await curator.getByRole("button", { name: "Зарегистрировать" }).click();
    const register = curator.getByRole("dialog", { name: "Регистрация сообщения" });
    await register
      .getByLabel("Текст сообщения")
      .fill("Во дворе дома 5 по ул. Советской не горят фонари");
    await register.getByLabel("Ссылка на сообщение").fill("https://vk.com/wall-1_100");
    await register.getByLabel("Имя автора").fill("Анна Петрова");
    await register.getByRole("button", { name: "Зарегистрировать" }).click();
    const heading = curator.getByRole("heading", { level: 1, name: /^Сообщение № / });
    await heading.waitFor();
    const number = (await heading.innerText()).replace("Сообщение № ", "");
    await expectStatus(curator, "новое");
    // The routing stage runs with its clause: 30 minutes, п. 10.
    await expect(curator.locator(".stages").innerText()).resolves.toContain(
      "Направление в структурное подразделение",
    );
    await expect(curator.locator(".stages").innerText()).resolves.toContain("п. 10");
    await desk.shot(curator, "1-registered");

    await curator.getByRole("button", { name: "Назначить исполнителя" }).click();
    const route = curator.getByRole("dialog");
    await route.getByLabel("Подразделение").selectOption({ label: "Отдел ЖКХ" });
    const person = route.getByLabel("Сотрудник (необязательно)");
    const executorA = await person
      .locator("option", { hasText: "executorA" })
      .getAttribute("value");
    await person.selectOption(executorA as string);
    await route.getByRole("button", { name: "Направить" }).click();
    await expectStatus(curator, "назначено");
    await expect(curator.locator(".facts").innerText()).resolves.toContain("Отдел ЖКХ");
    await desk.shot(curator, "2-routed");

    // The executor finds it in the inbox, on a phone, accepts it and writes a draft.
    const executor = await desk.signIn("executorA", { phone: true });
    await openFromList(executor, number);
    await executor.getByRole("button", { name: "Принять в работу" }).click();
    await expectStatus(executor, "в работе");
    const first = "Уважаемая Анна! Фонари будут включены.";
    await executor.getByLabel("Текст ответа").fill(first);
    await executor.getByLabel("по существу вопроса").check();
    await desk.shot(executor, "3-draft-phone");
    await executor.getByRole("button", { name: "Направить проект на согласование" }).click();
    await expectStatus(executor, "на согласовании");

    // The head is told what waits for them, and returns it with remarks.
    const approver = await desk.signIn("approver");
    await approver.getByRole("button", { name: /^Уведомления/ }).click();
    const told = approver.getByRole("region", { name: "Уведомления" }).getByRole("listitem");
    await expect(told.filter({ hasText: number }).innerText()).resolves.toMatch(
      /Проект ответа ждёт согласования$/,
    );
    await approver.getByRole("button", { name: /^Уведомления/ }).click();
    // In a background tab the title says so too.
    await expect(approver.title()).resolves.toMatch(/^\(\d+\) Отклик$/);
    await openFromList(approver, number);
    await expect(approver.getByTestId("draft-text").innerText()).resolves.toBe(first);
    await approver.getByRole("button", { name: "Вернуть на доработку" }).click();
    const remarks = approver.getByRole("dialog");
    await remarks.getByLabel("Замечания для доработки").fill("Укажите срок и кто отвечает");
    await remarks.getByRole("button", { name: "Подтвердить" }).click();
    await expectStatus(approver, "на доработке");

    // The executor sees the remarks beside the draft, revises and submits again; the card
    // refreshes by itself (live updates), no reload.
    await expectStatus(executor, "на доработке");
    await expect(
      executor.getByRole("complementary", { name: "Замечания согласующего" }).innerText(),
    ).resolves.toContain("Укажите срок и кто отвечает");
    const second = "Уважаемая Анна! Фонари будут включены до 20 ноября, отвечает Отдел ЖКХ.";
    await executor.getByLabel("Текст ответа").fill(second);
    await executor.getByRole("button", { name: "Направить проект на согласование" }).click();
    await expectStatus(executor, "на согласовании");

    // The head sees what changed since the first version and approves.
    await expectStatus(approver, "на согласовании");
    const diff = approver.getByTestId("draft-diff");
    await expect(diff.locator("ins").allInnerTexts()).resolves.toEqual([
      "включены до 20 ноября, отвечает Отдел ЖКХ.",
    ]);
    await expect(diff.locator("del").allInnerTexts()).resolves.toEqual(["включены."]);
    await desk.shot(approver, "4-diff");
    await approver.getByRole("button", { name: "Согласовать" }).click();
    await expectStatus(approver, "согласовано");

    // The executor hands it to the curator, who publishes it and confirms with the link.
    await expectStatus(executor, "согласовано");
    await executor.getByRole("button", { name: "Передать ответ для размещения" }).click();
    await expectStatus(executor, "готово к размещению");

    await expectStatus(curator, "готово к размещению");
    await curator.getByRole("button", { name: "Разместить ответ" }).click();
    const publish = curator.getByRole("dialog", { name: "Размещение ответа" });
    await expect(publish.getByLabel("Текст ответа").inputValue()).resolves.toBe(second);
    await publish
      .getByLabel("Ссылка на размещённый ответ")
      .fill("https://vk.com/wall-1_100?reply=7");
    await desk.shot(curator, "5-publish");
    await publish.getByRole("button", { name: "Подтвердить" }).click();
    await expectStatus(curator, "ответ размещён");
    await expect(
      curator.getByRole("link", { name: "https://vk.com/wall-1_100?reply=7" }).isVisible(),
    ).resolves.toBe(true);
    await desk.shot(curator, "6-published");
    // The history lists every step, each said as what was done.
    const steps = await curator.locator(".timeline > li > div:first-child strong").allInnerTexts();
    expect(steps).toEqual([
      "Регистрация сообщения",
      "Назначение исполнителя",
      "Принятие в работу",
      "Сохранение проекта ответа",
      "Направление проекта на согласование",
      "Возврат на доработку",
      "Сохранение проекта ответа",
      "Направление проекта на согласование",
      "Согласование проекта",
      "Передача ответа для размещения",
      "Размещение ответа",
    ]);
  }, 90_000);

  it("an executor returns a case as not competent and the curator routes it to another department", async () => {
    const kase = await desk.register({ text: "В школе № 2 не работает столовая" });
    await desk.act("curator", kase.id, {
      action: "assign",
      departmentId: desk.tenant.departments.a,
    });

    const executorA = await desk.signIn("executorA");
    await openFromList(executorA, kase.number);
    await executorA
      .getByRole("button", { name: "Вернуть как не относящееся к компетенции" })
      .click();
    const dialog = executorA.getByRole("dialog");
    await dialog
      .getByLabel("Причина возврата (не по компетенции)")
      .fill("Школы — Управление образования");
    await dialog.getByRole("button", { name: "Подтвердить" }).click();
    // The case leaves the department: the executor is back in the inbox without it.
    await executorA.getByRole("heading", { level: 1, name: "Мои сообщения" }).waitFor();
    await expect(executorA.getByRole("link", { name: `№ ${kase.number}` }).count()).resolves.toBe(
      0,
    );

    // The returned case is back among the new and unrouted ones, and goes to education.
    const curator = await desk.signIn("curator");
    const row = curator.getByTestId("queue-row").filter({ hasText: kase.number });
    await expect(row.innerText()).resolves.toContain("возвращено исполнителем");
    await desk.shot(curator, "returned-in-queue");
    await openFromList(curator, kase.number);
    await expect(curator.locator(".notes").innerText()).resolves.toContain(
      "Школы — Управление образования",
    );
    await curator.getByRole("link", { name: "← К очереди" }).click();
    await row.getByRole("checkbox").check();
    await curator.getByRole("button", { name: "Направить выбранные" }).click();
    const route = curator.getByRole("dialog");
    await route.getByLabel("Подразделение").selectOption({ label: "Управление образования" });
    await route.getByRole("button", { name: "Направить" }).click();
    await curator.getByText("Направлено: 1").waitFor();

    const executorB = await desk.signIn("executorB");
    await openFromList(executorB, kase.number);
    await expectStatus(executorB, "назначено");
    await expect(executorB.locator(".facts").innerText()).resolves.toContain(
      "Управление образования",
    );
    await desk.shot(executorB, "reassigned");
  }, 60_000);

  it("an executor cannot open another department's case by its address", async () => {
    const kase = await desk.register({ text: "Яма на дороге у дома 3" });
    await desk.act("curator", kase.id, {
      action: "assign",
      departmentId: desk.tenant.departments.a,
    });
    const executorB = await desk.signIn("executorB");
    await executorB.goto(`${desk.url}/cases/${kase.id}`);
    await executorB
      .getByRole("heading", { level: 1, name: "Сообщение не найдено или недоступно вам" })
      .waitFor();
    await expect(executorB.getByText("Яма на дороге").count()).resolves.toBe(0);
    await desk.shot(executorB, "foreign-case");
  }, 30_000);

  it("the curator's answers to publish are those handed over: an approved one waits for the executor", async () => {
    const kase = await desk.register({ text: "Не вывезли мусор с ул. Лесной" });
    const steps: Array<[Who, ActionRequest]> = [
      ["curator", { action: "assign", departmentId: desk.tenant.departments.a }],
      ["executorA", { action: "accept" }],
      ["executorA", { action: "saveDraft", kind: "final", text: "Мусор вывезен 20 ноября." }],
      ["executorA", { action: "submitDraft" }],
      ["approver", { action: "approve" }],
    ];
    for (const [who, request] of steps) await desk.act(who, kase.id, request);
    const curator = await desk.signIn("curator");
    await curator.getByRole("link", { name: "К размещению" }).click();
    await curator.getByRole("heading", { name: "Ответы к размещению" }).waitFor();
    const link = curator.getByRole("link", { name: `№ ${kase.number}` });
    // Approved, the answer is the executor's to hand over (п. 13 of 004), not yet the curator's.
    await curator
      .locator(".page-head")
      .getByText(/^\d+ сообщени/)
      .waitFor();
    await expect(link.count()).resolves.toBe(0);
    await desk.act("executorA", kase.id, { action: "handOver" });
    await link.waitFor();
  }, 40_000);

  it("where executors publish (001), the curator has no list of answers to publish", async () => {
    const krymsk = await desk.seed("krymsk");
    const curator = await desk.signIn("curator", { tenant: krymsk });
    const sections = curator.getByRole("navigation", { name: "Разделы" });
    await sections.getByRole("link", { name: "Очередь" }).waitFor();
    await expect(sections.getByRole("link", { name: "К размещению" }).count()).resolves.toBe(0);
    // Come to it by its address, the list says why it is empty.
    await curator.goto(`${desk.url}/publication`);
    await curator
      .getByText(
        "По регламенту администрации ответы размещают исполнители: здесь ничего не ждёт вас.",
      )
      .waitFor();
  }, 30_000);
});
