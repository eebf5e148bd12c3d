import { describe, expect, it } from "vitest";
import { segmentsOf, webHref } from "./text-links.ts";

describe("links in a citizen's message", () => {
  it("turns an https address into a link and leaves the sentence's full stop as text", () => {
    expect(segmentsOf("Смотрите https://vk.com/wall-1_2. Спасибо")).toEqual([
      { kind: "text", text: "Смотрите " },
      { kind: "link", text: "https://vk.com/wall-1_2", href: "https://vk.com/wall-1_2" },
      { kind: "text", text: ". Спасибо" },
    ]);
  });

  it("keeps javascript: and data: addresses as plain text", () => {
    const text = 'javascript:alert(1) <a href="javascript:alert(2)">x</a> data:text/html,<b>';
    expect(segmentsOf(text)).toEqual([{ kind: "text", text }]);
  });

  it("accepts only http and https as a link target", () => {
    expect(webHref("javascript:alert(1)")).toBeNull();
    expect(webHref("JAVASCRIPT:alert(1)")).toBeNull();
    expect(webHref("vbscript:x")).toBeNull();
    expect(webHref("http://example.org/a b")).toBe("http://example.org/a%20b");
  });
});
