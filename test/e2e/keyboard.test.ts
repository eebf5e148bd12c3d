// A curator works the queue and the case card with the keyboard alone: Tab moves through the page
// with the focus always visible, the arrows choose a case in the list, Enter opens it, Escape
// closes a dialog and gives the focus back, and a case is routed without touching the mouse.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Locator, Page } from "playwright-core";
import { expectStatus, startDesk, type Desk } from "./desk.ts";

let desk: Desk;
beforeAll(async () => {
  desk = await startDesk("keyboard");
}, 60_000);
afterAll(() => desk?.close());

interface Focused {
  tag: string;
  id: string;
  name: string;
  /** A focus ring a sighted person can see: an outline of 2 px or more. */
  visible: boolean;
}

async function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return { tag: "body", id: "", name: "", visible: false };
    const style = getComputedStyle(el);
    const labelled = el.getAttribute("aria-labelledby");
    const name =
      el.getAttribute("aria-label") ??
      (labelled ? (document.getElementById(labelled)?.innerText ?? "") : "");
    return {
      tag: el.tagName.toLowerCase(),
      id: el.id,
      name: (name || el.innerText || "").trim(),
      visible: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2,
    };
  });
}

const hasFocus = (l: Locator): Promise<boolean> =>
  l.evaluate((el) => el === document.activeElement);

/** Presses Tab (or Shift+Tab) until `want` holds, checking every stop on the way shows its focus. */
async function tabTo(
  page: Page,
  want: (f: Focused) => boolean,
  { back = false, max = 40 } = {},
): Promise<Focused> {
  const seen: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(back ? "Shift+Tab" : "Tab");
    const f = await focused(page);
    seen.push(`${f.tag}#${f.id} «${f.name.slice(0, 40)}»`);
    expect(f.visible, `focus not visible on ${seen.at(-1)}`).toBe(true);
    if (want(f)) return f;
  }
  throw new Error(`not reached in ${max} presses; stops:\n${seen.join("\n")}`);
}

describe("the curator with the keyboard alone", () => {
  it("chooses a case in the queue, opens it, routes it and goes back to the queue", async () => {
    const earlier = await desk.register({ text: "Не горят фонари у школы" });
    const kase = await desk.register({ text: "Во дворе дома 5 по ул. Советской разбита дорога" });
    const page = await desk.signIn("curator");
    await page.getByRole("heading", { level: 1, name: "Очередь сообщений" }).waitFor();
    await page.getByTestId("queue-row").filter({ hasText: kase.number }).waitFor();
    await page.getByTestId("queue-row").filter({ hasText: earlier.number }).waitFor();

    // A screen opens with the focus on its content, after the header; the header is behind.
    await expect(focused(page)).resolves.toMatchObject({ tag: "main" });
    await tabTo(page, (f) => f.name === "Очередь", { back: true });
    await tabTo(page, (f) => f.name === "Зарегистрировать");

    // The tabs are one stop; the arrows switch them (and back).
    await tabTo(page, (f) => f.name.startsWith("Новые и не направленные"));
    await page.keyboard.press("ArrowRight");
    await expect(focused(page)).resolves.toMatchObject({ id: "queue-tab-all" });
    await page.keyboard.press("ArrowLeft");
    await expect(focused(page)).resolves.toMatchObject({ id: "queue-tab-unrouted" });

    // On through the filters to the list; the arrows choose a case, the row shows it.
    await tabTo(page, (f) => f.id === "queue-panel");
    const active = page.locator(".qrow-active");
    for (let i = 0; i < 10 && !(await active.innerText()).includes(kase.number); i++)
      await page.keyboard.press("ArrowDown");
    await expect(active.innerText()).resolves.toContain(kase.number);
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { level: 1, name: `Сообщение № ${kase.number}` }).waitFor();

    // The routing dialog opens with the focus inside; Escape closes it and gives the focus back.
    await tabTo(page, (f) => f.name === "Назначить исполнителя");
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog", { name: `Направить исполнителю: № ${kase.number}` });
    await dialog.waitFor();
    await expect(hasFocus(dialog.getByLabel("Подразделение"))).resolves.toBe(true);
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached" });
    await expect(
      hasFocus(page.getByRole("button", { name: "Назначить исполнителя" })),
    ).resolves.toBe(true);

    // Again, and this time route it: the arrow picks the department, Tab reaches the button.
    await page.keyboard.press("Enter");
    await dialog.waitFor();
    await page.keyboard.press("ArrowDown");
    await expect(dialog.getByLabel("Подразделение").inputValue()).resolves.toBe(
      String(desk.tenant.departments.a),
    );
    await tabTo(page, (f) => f.name === "Направить");
    await page.keyboard.press("Enter");
    await dialog.waitFor({ state: "detached" });
    await expectStatus(page, "назначено");
    // The focus is back where the person was (a curator may route again), not lost to the page.
    await expect(
      hasFocus(page.getByRole("button", { name: "Назначить исполнителя" })),
    ).resolves.toBe(true);

    // Back to the queue: the routed case is no longer among the new and unrouted ones.
    await tabTo(page, (f) => f.name === "← К очереди", { back: true });
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { level: 1, name: "Очередь сообщений" }).waitFor();
    await page.getByTestId("queue-row").filter({ hasText: earlier.number }).waitFor();
    await expect(
      page.getByTestId("queue-row").filter({ hasText: kase.number }).count(),
    ).resolves.toBe(0);
    await desk.shot(page, "queue-after");
  }, 60_000);
});
