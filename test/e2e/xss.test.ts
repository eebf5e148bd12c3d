// A message is shown as it was written and nothing in it runs: the author and the text are
// script payloads, and the desk must show them as plain text.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDesk, type Desk } from "./desk.ts";

let desk: Desk;
beforeAll(async () => {
  desk = await startDesk("xss");
}, 60_000);
afterAll(() => desk?.close());

const AUTHOR = `<img src=x onerror="window.__xss='author'">`;
const TEXT = [
  `<img src=x onerror="window.__xss='img'">`,
  `<svg onload="window.__xss='svg'"></svg>`,
  `<script>window.__xss='script'</script>`,
  `<a href="javascript:window.__xss='a'">нажми</a>`,
  `javascript:window.__xss='bare'`,
  `Подробнее: https://example.org/news?id=1`,
].join("\n");

describe("a message with script payloads", () => {
  it("is shown as text and nothing in it runs", async () => {
    const kase = await desk.register({
      text: TEXT,
      authorName: AUTHOR,
      url: "https://vk.com/wall-1_5",
    });
    const page = await desk.signIn("curator");
    const dialogs: string[] = [];
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    // The queue shows the summary as text too.
    const row = page.getByTestId("queue-row").filter({ hasText: kase.number });
    await expect(row.innerText()).resolves.toContain(`<img src=x onerror="window.__xss='img'">`);

    await page.goto(`${desk.url}/cases/${kase.id}`);
    const message = page.getByTestId("message");
    await message.waitFor();
    await expect(page.getByTestId("author-name").innerText()).resolves.toBe(AUTHOR);
    const shown = await message.locator(".message-text").innerText();
    for (const line of TEXT.split("\n")) expect(shown).toContain(line);

    // No element came from the message: only the explicit link for the https address.
    await expect(message.locator("img, svg, script").count()).resolves.toBe(0);
    const links = await message
      .locator("a")
      .evaluateAll((as) =>
        as.map((a) => ({ href: a.getAttribute("href"), rel: a.getAttribute("rel") })),
      );
    expect(links).toEqual([
      { href: "https://vk.com/wall-1_5", rel: "noopener noreferrer nofollow" },
      { href: "https://example.org/news?id=1", rel: "noopener noreferrer nofollow" },
    ]);
    // Clicking the place where the javascript: link would be does nothing either.
    await message.getByText(`<a href="javascript:window.__xss='a'">нажми</a>`).click();
    await expect(
      page.evaluate(() => (window as unknown as { __xss?: string }).__xss),
    ).resolves.toBeUndefined();
    expect(dialogs).toEqual([]);
    await desk.shot(page, "card");
  }, 30_000);
});
