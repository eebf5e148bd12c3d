import { describe, expect, it } from "vitest";
import { decodeEntities, normalizeText, stripMarkup, tokenize } from "./normalize.ts";

describe("decodeEntities", () => {
  it("decodes named, decimal and hexadecimal references as a VK post carries them", () => {
    expect(decodeEntities("&laquo;Тепло&raquo; &amp; вода &#8470;5 &#x2014; срочно")).toBe(
      "«Тепло» & вода №5 — срочно",
    );
  });

  it("decodes typographic quotes, spaces and signs that editors put into portal texts", () => {
    expect(decodeEntities("&bdquo;Ремонт&ldquo; до&nbsp;15&thinsp;декабря, &minus;25&deg;")).toBe(
      "„Ремонт“ до 15 декабря, −25°",
    );
  });

  it("leaves an unknown name and a bare ampersand as written", () => {
    expect(decodeEntities("ООО «Рога &copyright; Копыта» & Ко")).toBe(
      "ООО «Рога &copyright; Копыта» & Ко",
    );
  });
});

describe("stripMarkup", () => {
  it("turns block tags into line breaks and drops scripts with their content", () => {
    const text = stripMarkup("<p>Нет воды</p><script>alert(1)</script><div>ул. Мира, 5</div>");
    expect(text).not.toContain("alert");
    const lines = text.split("\n").map((line) => line.trim());
    expect(lines.filter(Boolean)).toEqual(["Нет воды", "ул. Мира, 5"]);
  });
});

describe("normalizeText", () => {
  it("lower-cases, reads ё as е and keeps single spaces", () => {
    expect(normalizeText("  Ёлка   на площади  НЕ горит!  ")).toBe("елка на площади не горит!");
  });

  it("reads Latin look-alike letters inside a Cyrillic word as Cyrillic", () => {
    expect(normalizeText("Нет xлeбa в магазине")).toBe("нет хлеба в магазине");
  });

  it("reads a word of Latin look-alike capitals in Russian text as the Russian word", () => {
    expect(normalizeText("CKOPO зима, а крыша течёт")).toBe("скоро зима, а крыша течет");
    expect(normalizeText("Звонили в MTC")).toBe("звонили в мтс");
  });

  it("leaves English words in English text and Latin names alone", () => {
    expect(normalizeText("Hope you are well")).toBe("hope you are well");
    expect(normalizeText("Пишу в Telegram и WhatsApp")).toBe("пишу в telegram и whatsapp");
  });

  it("reads a digit between letters as the letter it imitates", () => {
    expect(normalizeText("На п0ртале нет ответа")).toBe("на портале нет ответа");
  });

  it("keeps numbers with endings as numbers", () => {
    expect(normalizeText("3-й подъезд 4-х этажного дома, кв. 5а")).toBe(
      "3-й подъезд 4-х этажного дома, кв. 5а",
    );
  });

  it("drops zero-width characters and soft hyphens hidden inside words", () => {
    expect(normalizeText("от\u200bопление и во\u00adда")).toBe("отопление и вода");
  });

  it("turns emoji and markup into spaces and decodes entities", () => {
    expect(normalizeText("<b>Яма</b>😡😡 на&nbsp;Ленина")).toBe("яма на ленина");
  });
});

describe("tokenize", () => {
  it("keeps hyphenated place names whole and drops punctuation", () => {
    expect(tokenize(normalizeText("В Тарко-Сале, на ул. Мира 5, нет света!"))).toEqual([
      "в",
      "тарко-сале",
      "на",
      "ул",
      "мира",
      "5",
      "нет",
      "света",
    ]);
  });
});
