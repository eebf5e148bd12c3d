// The supervisor's overview in the browser shows the figures the server counts: open, overdue and
// at-risk cases, stages, departments, escalations, and today's timeliness.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDesk, type Desk } from "./desk.ts";

let desk: Desk;
beforeAll(async () => {
  desk = await startDesk("overview");
}, 60_000);
afterAll(() => desk?.close());

const DAY = 86_400_000;

describe("the supervisor's overview", () => {
  it("shows the server's figures: totals, stages, departments, escalations, timeliness", async () => {
    // Detected ten days ago: its 30-minute routing term is long past, whatever the hour now.
    const late = await desk.register({
      text: "Не вывозят мусор во дворе",
      detectedAt: Date.now() - 10 * DAY,
    });
    const lateRouted = await desk.register({
      text: "Разбита дорога у школы",
      detectedAt: Date.now() - 10 * DAY,
    });
    const fresh = await desk.register({
      text: "Не горят фонари на Советской",
      locationText: "Устьевое, ул. Советская",
    });
    const escalated = await desk.register({ text: "Прорыв трубы, затопило подвал" });
    // Routed now: one ten days late, one on time — today's timeliness is one of two.
    for (const c of [lateRouted, fresh])
      await desk.act("curator", c.id, {
        action: "assign",
        departmentId: desk.tenant.departments.a,
      });
    await desk.act("supervisor", escalated.id, { action: "escalate", note: "Социально значимое" });

    const page = await desk.signIn("supervisor");
    await page.getByRole("link", { name: "Обзор" }).first().click();
    await page.getByRole("heading", { level: 1, name: "Обзор" }).waitFor();
    const figure = (id: string) => page.getByTestId(`figure-${id}`).locator(".figure-value");
    await figure("open").waitFor();
    await expect(figure("open").innerText()).resolves.toBe("4");

    const api = await page.evaluate(async () => (await fetch("/api/v1/reports/overview")).json());
    await expect(figure("overdue").innerText()).resolves.toBe(String(api.totals.overdue));
    await expect(figure("at-risk").innerText()).resolves.toBe(String(api.totals.atRisk));
    expect(api.totals.overdue).toBeGreaterThanOrEqual(1);
    expect(api.timeliness.today).toMatchObject({ due: 2, onTime: 1, share: 0.5 });
    await expect(figure("today").innerText()).resolves.toBe("50%");
    await expect(page.getByTestId("figure-today").innerText()).resolves.toContain("в срок 1 из 2");

    // Per stage: the routing stage, two open, the late one overdue.
    const route = page
      .getByTestId("by-stage")
      .getByRole("row", { name: /Направление в структурное подразделение/ });
    await expect(route.locator("td").allInnerTexts()).resolves.toEqual(["2", "‼ 1", "0"]);
    // By department: Отдел ЖКХ holds the two routed ones.
    const housing = page.getByTestId("by-department").getByRole("row", { name: /Отдел ЖКХ/ });
    await expect(housing.locator("td").first().innerText()).resolves.toBe("2");
    const timeliness = page
      .getByTestId("timeliness-by-department")
      .getByRole("row", { name: /Отдел ЖКХ/ });
    await expect(timeliness.innerText()).resolves.toContain("50% — 1 из 2 в срок");
    // By settlement: Устьевое's one case, and the three whose place is not known, last.
    const places = page.getByTestId("by-settlement");
    await expect(
      places
        .getByRole("row", { name: /Устьевое/ })
        .locator("td")
        .first()
        .innerText(),
    ).resolves.toBe("1");
    await expect(places.locator("tbody tr").last().innerText()).resolves.toMatch(
      /^место не определено\s+3/,
    );

    // The escalation is listed and leads to the card.
    const escalations = page.getByTestId("escalations");
    await escalations.getByRole("link", { name: `№ ${escalated.number}` }).waitFor();
    await expect(escalations.innerText()).resolves.toContain("Прорыв трубы");
    await expect(escalations.innerText()).resolves.not.toContain(late.number);
    await desk.shot(page, "overview");
    await escalations.getByRole("link", { name: `№ ${escalated.number}` }).click();
    await page
      .getByRole("heading", { level: 1, name: `Сообщение № ${escalated.number}` })
      .waitFor();
  }, 40_000);

  it("an executor is not offered the overview and is refused it", async () => {
    const page = await desk.signIn("executorA");
    await expect(page.getByRole("link", { name: "Обзор" }).count()).resolves.toBe(0);
    await page.goto(`${desk.url}/overview`);
    await page.getByRole("alert").waitFor();
    await expect(page.getByRole("alert").innerText()).resolves.toContain(
      "Ваши роли не позволяют: смотреть сводку",
    );
  }, 30_000);
});
