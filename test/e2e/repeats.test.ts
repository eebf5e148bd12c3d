// The curator sees a suspected repeat in the queue, opens the card, follows the link to the
// earlier case, and confirms the repeat in one click: linked and routed to the earlier department.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDesk, type Desk } from "./desk.ts";

let desk: Desk;
beforeAll(async () => {
  desk = await startDesk("repeats");
}, 60_000);
afterAll(() => desk?.close());

const author = {
  authorName: "Мария Иванова",
  authorExternalId: "id5550123",
  authorUrl: "https://vk.com/id5550123",
};

describe("a repeat suggestion on the card", () => {
  it("the curator confirms a repeat in one click: linked to the earlier case and routed to its department", async () => {
    const first = await desk.register({
      text: "В Соболево на улице Советской, д. 5 в квартире нет отопления, батареи холодные",
      detectedAt: Date.now() - 3 * 86_400_000,
      ...author,
    });
    await desk.act("curator", first.id, {
      action: "assign",
      departmentId: desk.tenant.departments.a,
      userId: null,
    });
    const again = await desk.register({
      text: "Опять нет отопления в квартире на Советской, д. 5, батареи холодные",
      ...author,
    });

    const page = await desk.signIn("curator");
    const row = page.getByTestId("queue-row").filter({ hasText: again.number });
    await expect(row.getByTestId("suspected-badge").innerText()).resolves.toContain("повтор?");
    await row.getByRole("link", { name: `№ ${again.number}` }).click();

    const suggestion = page.getByTestId("link-suggestion-repeat");
    await suggestion.getByText("Похоже на повторное сообщение того же автора").waitFor();
    const link = suggestion.getByTestId("link-suggestion-repeat-case");
    await expect(link.innerText()).resolves.toBe(`№ ${first.number}`);
    await expect(link.getAttribute("href")).resolves.toBe(`/cases/${first.id}`);
    await expect(suggestion.innerText()).resolves.toContain("исполнитель: Отдел ЖКХ");
    await desk.shot(page, "1-suggested");

    await suggestion
      .getByRole("button", { name: "Да, повтор: связать и направить в «Отдел ЖКХ»" })
      .click();
    await page.getByText("Решение сохранено").waitFor();
    await suggestion.waitFor({ state: "detached" });
    await desk.shot(page, "2-confirmed");

    const card = await page.evaluate(async (caseId) => {
      const res = await fetch(`/api/v1/cases/${caseId}`);
      return (await res.json()) as {
        status: string;
        department: { id: number } | null;
        suspected: string | null;
        linked: { repeatOf: { id: number } | null };
      };
    }, again.id);
    expect(card).toMatchObject({
      status: "assigned",
      department: { id: desk.tenant.departments.a },
      suspected: null,
      linked: { repeatOf: { id: first.id } },
    });

    // The link leads to the earlier case, which now lists this one among its repeats.
    await page.goto(`${desk.url}/cases/${first.id}`);
    await page.getByRole("heading", { level: 1, name: `Сообщение № ${first.number}` }).waitFor();
    await page.getByRole("link", { name: `№ ${again.number}` }).waitFor();
  }, 40_000);
});
