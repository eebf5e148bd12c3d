// An executor answers from a phone (375×667, touch): opens the case from the inbox, accepts it,
// writes the draft and submits it — the page never scrolls sideways and every button is big
// enough for a finger (at least 40 px high).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import {
  axeViolations,
  describeViolations,
  expectStatus,
  signInWith,
  startDesk,
  type AxeViolation,
  type Desk,
} from "./desk.ts";

let desk: Desk;
beforeAll(async () => {
  desk = await startDesk("phone");
}, 60_000);
afterAll(() => desk?.close());

const PHONE = {
  viewport: { width: 375, height: 667 },
  screen: { width: 375, height: 667 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
};
const MIN_BUTTON_PX = 40;

/** What a thumb would suffer on this screen: sideways scroll and buttons too small to hit. */
async function phoneProblems(page: Page, screen: string): Promise<string[]> {
  await page.waitForTimeout(300);
  const found = await page.evaluate(
    ({ min, width }) => {
      const problems: string[] = [];
      const root = document.scrollingElement as HTMLElement;
      // A phone's browser zooms out to fit a page wider than the screen, and innerWidth grows
      // with it: the screen's own width is the measure too.
      const screenWidth = Math.min(innerWidth, width);
      if (root.scrollWidth > screenWidth) {
        // Name the culprits: the innermost elements whose right edge is past the screen.
        const wide = [...document.querySelectorAll<HTMLElement>("body *")]
          .filter((el) => el.getBoundingClientRect().right > screenWidth + 1)
          .filter((el) => !el.closest(".visually-hidden"))
          .filter(
            (el) =>
              ![...el.children].some((c) => c.getBoundingClientRect().right > screenWidth + 1),
          )
          .slice(0, 6)
          .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join(".")}`);
        problems.push(
          `scrolls sideways: ${root.scrollWidth} > ${screenWidth} (${wide.join(", ")})`,
        );
      }
      // A word cut in two across lines (a squeezed table column) reads as two words. A run of
      // letters longer than any word (a pasted link, a hostile message) may wrap where it must.
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      const cut = new Set<string>();
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent ?? "";
        for (const m of text.matchAll(/[\p{L}\p{N}]{2,}/gu)) {
          if (m[0].length > 24) continue;
          const range = document.createRange();
          range.setStart(node, m.index);
          range.setEnd(node, m.index + m[0].length);
          const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
          if (tops.size > 1) cut.add(m[0]);
        }
      }
      if (cut.size) problems.push(`words cut across lines: ${[...cut].slice(0, 6).join(", ")}`);
      // A row of a list is as high as the list says (VirtualList): what runs past it is cut off.
      for (const row of document.querySelectorAll<HTMLElement>(".vrow")) {
        const bottom = row.getBoundingClientRect().bottom;
        const past = [...row.querySelectorAll<HTMLElement>("*")].find(
          (el) => el.getBoundingClientRect().bottom > bottom + 1,
        );
        if (past) problems.push(`a list row cut off: «${row.innerText.split("\n")[0]}»`);
      }
      for (const b of document.querySelectorAll<HTMLElement>("button, [role=tab], summary")) {
        const r = b.getBoundingClientRect();
        if (r.width === 0 && r.height === 0) continue; // not shown
        if (b.closest(".visually-hidden")) continue;
        if (r.height < min)
          problems.push(
            `button «${(b.getAttribute("aria-label") ?? b.innerText).trim()}» ${Math.round(r.height)} px high`,
          );
      }
      return problems;
    },
    { min: MIN_BUTTON_PX, width: PHONE.viewport.width },
  );
  return found.map((p) => `[${screen}] ${p}`);
}

describe("an executor on a phone", () => {
  it("opens the case, accepts it, writes a draft and submits it without sideways scroll", async () => {
    const kase = await desk.register({
      text: "Во дворе дома 5 по ул. Советской не горят фонари, очень длинное слово: https://vk.com/wall-1_100?reply=7&thread=1234567890abcdefghijklmnopqrstuvwxyz",
      authorName: "Анна Петрова",
      authorUrl: "https://vk.com/id5550123",
      url: "https://vk.com/wall-1_100",
    });
    await desk.act("curator", kase.id, {
      action: "assign",
      departmentId: desk.tenant.departments.a,
    });
    // Another in the inbox, from the monitoring service, urgent and days late: its first line
    // holds more and wraps.
    const late = await desk.register({
      text: "Третий день нет воды в доме 7 по ул. Советской, в управляющей компании трубку не берут, в аварийной службе говорят ждать. Когда дадут воду?",
      channel: "monitoring",
      importance: "high",
      detectedAt: Date.now() - 3 * 86_400_000,
    });
    await desk.act("curator", late.id, {
      action: "assign",
      departmentId: desk.tenant.departments.a,
    });
    const page = await signInWith(desk, "executorA", PHONE);
    const problems: string[] = [];

    await page.getByRole("heading", { level: 1, name: "Мои сообщения" }).waitFor();
    await page.getByTestId("queue-row").filter({ hasText: kase.number }).waitFor();
    problems.push(...(await phoneProblems(page, "inbox")));
    // The filters fold away: the case is on the first screen, not below five selects.
    const row = await page.getByTestId("queue-row").first().boundingBox();
    expect(row && row.y + 40).toBeLessThanOrEqual(PHONE.viewport.height);
    // The header is one row of brand, tenant, alerts and the person's button, and the nav: the
    // person, the language and signing out open under that button.
    const nav = await page.getByRole("navigation", { name: "Разделы" }).boundingBox();
    expect(nav && nav.y + nav.height).toBeLessThanOrEqual(160);
    await expect(page.getByRole("button", { name: "Выйти" }).isVisible()).resolves.toBe(false);
    const person = page.getByRole("button", { name: "executorA 1" });
    await person.tap();
    await page.getByRole("button", { name: "Выйти" }).waitFor();
    await page.getByLabel("Язык").waitFor();
    problems.push(...(await phoneProblems(page, "inbox-account")));
    await person.tap();
    await page.getByRole("button", { name: "Выйти" }).waitFor({ state: "hidden" });
    await desk.shot(page, "1-inbox");
    await page.getByRole("button", { name: "Фильтры" }).tap();
    await page.getByLabel("Тема").waitFor();
    problems.push(...(await phoneProblems(page, "inbox-filters")));
    await page.getByRole("button", { name: "Фильтры" }).tap();
    await page.getByLabel("Тема").waitFor({ state: "hidden" });

    await page.getByRole("link", { name: `№ ${kase.number}` }).tap();
    await page.getByRole("heading", { level: 1, name: `Сообщение № ${kase.number}` }).waitFor();
    await expectStatus(page, "назначено");
    problems.push(...(await phoneProblems(page, "card")));
    await desk.shot(page, "2-card");

    // The actions come first on a phone: accepting needs no scrolling.
    const accept = page.getByRole("button", { name: "Принять в работу" });
    const box = await accept.boundingBox();
    expect(box && box.y + box.height).toBeLessThanOrEqual(PHONE.viewport.height);
    await accept.tap();
    await expectStatus(page, "в работе");

    await page.getByLabel("Текст ответа").tap();
    await page
      .getByLabel("Текст ответа")
      .fill("Уважаемая Анна! Фонари во дворе дома 5 будут включены до 20 ноября.");
    await page.getByLabel("по существу вопроса").tap();
    problems.push(...(await phoneProblems(page, "drafting")));
    // axe at the phone's size too: targets big enough and apart (WCAG 2.5.8), nothing hidden.
    const axe: AxeViolation[] = await axeViolations(page, "drafting-phone");
    const blocking = axe.filter((v) => v.impact === "serious" || v.impact === "critical");
    problems.push(...(blocking.length ? [describeViolations(blocking)] : []));
    await desk.shot(page, "3-draft");

    await page.getByRole("button", { name: "Направить проект на согласование" }).tap();
    await expectStatus(page, "на согласовании");
    problems.push(...(await phoneProblems(page, "submitted")));
    await desk.shot(page, "4-submitted");

    expect(problems, problems.join("\n")).toEqual([]);
  }, 60_000);
});
