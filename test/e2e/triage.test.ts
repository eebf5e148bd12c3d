// The curator takes triage's suggestions on the card in one click each, and decides on a message
// triage set aside as not processable.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDesk, type Desk } from "./desk.ts";

let desk: Desk;
beforeAll(async () => {
  desk = await startDesk("triage");
}, 60_000);
afterAll(() => desk?.close());

describe("triage suggestions on the card", () => {
  it("the curator accepts the suggested topic and location in one click each", async () => {
    const { id, number } = await desk.register({
      text: "В Соболево на улице Советской, д. 5 третий день нет воды",
    });
    const page = await desk.signIn("curator");
    await page.goto(`${desk.url}/cases/${id}`);
    await page.getByRole("heading", { level: 1, name: `Сообщение № ${number}` }).waitFor();
    const topic = page.getByTestId("triage-topic");
    await expect(topic.locator(".suggestion").innerText()).resolves.toContain(
      "Водоснабжение и водоотведение",
    );
    await expect(topic.locator(".suggestion").innerText()).resolves.toContain("«воды»");
    await expect(
      page.getByTestId("triage-importance").locator(".suggestion").innerText(),
    ).resolves.toContain("массовое отключение");
    await desk.shot(page, "1-suggested");

    await page
      .getByRole("button", { name: "Принять тему «Водоснабжение и водоотведение»" })
      .click();
    await topic.getByText("✓ как в подсказке · решение куратора сохранено").waitFor();
    await expect(page.getByLabel("Тема").inputValue()).resolves.toBe("water");

    await page
      .getByRole("button", { name: "Принять место «Соболево, улица Советская, д. 5»" })
      .click();
    const location = page.getByTestId("triage-location");
    await location.getByText("✓ как в подсказке · решение куратора сохранено").waitFor();
    await expect(page.getByLabel("Локация").inputValue()).resolves.toBe(
      "Соболево, улица Советская, д. 5",
    );
    await desk.shot(page, "2-accepted");
    // Typing a place by hand starts from the gazetteer's settlements.
    await expect(
      page
        .getByLabel("Локация")
        .evaluate((input) =>
          [...((input as HTMLInputElement).list?.options ?? [])].map((o) => o.value),
        ),
    ).resolves.toEqual(["Соболево", "Устьевое", "Крутогоровский"]);

    // The card as the server has it now: topic and location set, both decisions stored.
    const card = await page.evaluate(async (caseId) => {
      const res = await fetch(`/api/v1/cases/${caseId}`);
      return (await res.json()) as {
        topic: string;
        location: string;
        triage: { decided: string[] };
      };
    }, id);
    expect(card).toMatchObject({
      topic: "water",
      location: "Соболево, улица Советская, д. 5",
      settlement: "Соболево",
      triage: { decided: ["location", "topic"] },
    });
  }, 30_000);

  it("a message set aside as not processable waits in its tab; the curator puts it back", async () => {
    const { id, number } = await desk.register({
      text: "Вы там все дебилы и сволочи, ничего не делаете",
    });
    const page = await desk.signIn("curator");
    // The tab's own list: until it arrives the rows are the first tab's, about to be redrawn, and
    // a click on a row being replaced is lost.
    const listed = page.waitForResponse(
      (r) => r.url().includes("/api/v1/cases?") && r.url().includes("setAside=true"),
    );
    await page.getByRole("tab", { name: "Не подлежат обработке?" }).click();
    await listed;
    const row = page.getByTestId("queue-row").filter({ hasText: number });
    await expect(row.innerText()).resolves.toContain("не подлежит обработке?");
    await row.getByRole("link", { name: `№ ${number}` }).click();
    await page.getByRole("heading", { level: 1, name: `Сообщение № ${number}` }).waitFor();
    await expect(page.getByTestId("set-aside-reason").innerText()).resolves.toBe(
      "оскорбления: «дебилы», «сволочи»",
    );
    await desk.shot(page, "3-set-aside");
    await page.getByRole("button", { name: "Это обычное сообщение" }).click();
    await page.getByTestId("set-aside-reason").waitFor({ state: "detached" });
    await expect(page.locator(".page-head .status").innerText()).resolves.toBe("новое");
    const card = await page.evaluate(async (caseId) => {
      const res = await fetch(`/api/v1/cases/${caseId}`);
      return (await res.json()) as { setAside: string | null; triage: { decided: string[] } };
    }, id);
    expect(card).toMatchObject({ setAside: null, triage: { decided: ["notProcessable"] } });
  }, 30_000);
});
