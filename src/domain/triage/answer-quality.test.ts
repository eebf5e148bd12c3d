import { describe, expect, it } from "vitest";
import { checkAnswer, wordForm, type SpellChecker } from "./answer-quality.ts";

// A tiny dictionary standing in for Hunspell: the domain only asks correct() and suggest().
function fakeSpell(known: string[], suggestions: Record<string, string[]> = {}): SpellChecker {
  const words = new Set(known);
  return {
    correct: (w) => words.has(w.toLowerCase()),
    suggest: (w) => suggestions[w.toLowerCase()] ?? [],
  };
}

const GOOD =
  "Здравствуйте, Анна! Яму у дома 5 на улице Мира засыпали щебнем 12 декабря. " +
  "Асфальт положим до 15 мая, когда потеплеет. Если яма появится снова, звоните в отдел ЖКХ: 8 (41536) 3-22-11.";

const BUREAUCRATIC =
  "Уважаемый заявитель! Доводим до вашего сведения, что в настоящее время в рамках муниципальной " +
  "программы осуществляется ремонт данного участка дороги. В связи с вышеизложенным работы " +
  "будут выполнены в ближайшее время.";

describe("checkAnswer", () => {
  it("gives a plain answer with measures, a date and a phone full marks", () => {
    const result = checkAnswer(GOOD, { requires: ["substance", "measures", "dates", "contacts"] });
    expect(result.findings).toEqual([]);
    expect(result.score).toBe(100);
  });

  it("finds bureaucratese with plainer words and the place of each", () => {
    const result = checkAnswer(BUREAUCRATIC);
    const found = result.findings.filter((f) => f.code === "bureaucratese");
    expect(found.map((f) => f.fragment)).toEqual([
      "заявитель",
      "Доводим до вашего сведения",
      "в настоящее время",
      "в рамках",
      "осуществляется",
      "данного",
      "В связи с вышеизложенным",
    ]);
    const now = found.find((f) => f.fragment === "в настоящее время");
    expect(now?.suggestion).toBe("сейчас");
    expect(BUREAUCRATIC.slice(now?.span?.start, now?.span?.end)).toBe("в настоящее время");
  });

  it("names a vague term and a promise without a date", () => {
    const codes = checkAnswer(BUREAUCRATIC).findings.map((f) => f.code);
    expect(codes).toContain("vagueTerm");
    expect(codes).toContain("planWithoutDate");
  });

  it("explains its score: 100 minus the penalties of the findings", () => {
    const result = checkAnswer(BUREAUCRATIC, { requires: ["measures", "contacts"] });
    const taken = result.findings.reduce((sum, f) => sum + f.penalty, 0);
    expect(result.score).toBe(100 - taken);
    expect(result.score).toBeLessThan(70);
  });

  it("stops taking points for bureaucratese at a cap but still lists every case", () => {
    const text = Array.from({ length: 12 }, () => "Данный вопрос осуществляется.").join(" ");
    const found = checkAnswer(text).findings.filter((f) => f.code === "bureaucratese");
    expect(found).toHaveLength(24);
    expect(found.reduce((sum, f) => sum + f.penalty, 0)).toBe(24);
  });

  it("does not take «данные» (data) or «согласование» for bureaucratese", () => {
    const text =
      "Ваши данные мы передали в управляющую компанию, согласование проекта закончили вчера, " +
      "ремонт крыши начнут до 1 июня.";
    expect(checkAnswer(text).findings.map((f) => f.fragment)).toEqual([]);
  });

  it("calls a reply that only passes the message on a formal reply", () => {
    const result = checkAnswer(
      "Добрый день. Ваше обращение принято и направлено в управляющую компанию для рассмотрения.",
    );
    expect(result.findings.map((f) => f.code)).toContain("formalReply");
  });

  it("asks for what was done when the regulation requires measures", () => {
    const text = "Добрый день. Мы знаем о проблеме с освещением на улице Ленина и разбираемся.";
    const result = checkAnswer(text, { requires: ["measures"] });
    expect(result.findings.map((f) => f.code)).toEqual(["noMeasures"]);
  });

  it.each([
    "Фонари на улице Ленина отремонтировали вчера вечером, свет есть.",
    "Протечка на крыше дома 7 устранена, кровлю над третьим подъездом перекрыли заново.",
    "Вывоз мусора с площадки на Советской выполнен, контейнеры промыли.",
    "Специалисты выехали на место, сломанную лавочку заменили на новую.",
  ])("sees measures taken in: %s", (text) => {
    const codes = checkAnswer(text, { requires: ["measures"] }).findings.map((f) => f.code);
    expect(codes).not.toContain("noMeasures");
  });

  it.each([
    "Ремонт закончим до 15 декабря, работы идут по графику у дома номер три.",
    "Трубу заменят в течение недели, воду на это время не отключат совсем.",
    "Мастер придёт 12.03.2025 с утра и проверит счётчик в квартире.",
    "Светофор установят в III квартале, проект уже согласован с ГИБДД.",
    "Детскую площадку построят в 2026 году, деньги заложены в бюджет района.",
    "Бригада приедет завтра и уберёт упавшее дерево с тротуара у школы.",
  ])("sees a date or term in: %s", (text) => {
    const codes = checkAnswer(text, { requires: ["dates"] }).findings.map((f) => f.code);
    expect(codes).not.toContain("noDates");
  });

  it.each([
    "Подробности можно узнать по телефону отдела благоустройства в рабочее время.",
    "Пишите нам на почту gkh@sobolevo.ru, ответим в течение дня на любой вопрос.",
    "Приходите в администрацию по адресу: ул. Советская, 9, каб. 12, в приёмные часы.",
    "Звоните диспетчеру: +7 (41536) 3-22-11, он примет заявку круглосуточно.",
  ])("sees contacts in: %s", (text) => {
    const codes = checkAnswer(text, { requires: ["contacts"] }).findings.map((f) => f.code);
    expect(codes).not.toContain("noContacts");
  });

  it("asks for contacts when the regulation requires them and there are none", () => {
    const codes = checkAnswer(GOOD.replace(/,? звоните.*$/, "."), {
      requires: ["contacts"],
    }).findings.map((f) => f.code);
    expect(codes).toEqual(["noContacts"]);
  });

  it("notices a photo promised in the text but not attached", () => {
    const text = `${GOOD} Фото результата прилагаем.`;
    const without = checkAnswer(text);
    expect(without.findings.map((f) => f.code)).toEqual(["photoPromised"]);
    expect(without.findings[0]?.fragment).toBe("Фото результата прилагаем");
    expect(checkAnswer(text, { hasPhoto: true }).findings).toEqual([]);
  });

  it("requires a photo under the portal's rules unless the answer says it is impossible", () => {
    expect(checkAnswer(GOOD, { requires: ["photoRequired"] }).findings.map((f) => f.code)).toEqual([
      "noPhoto",
    ]);
    const explained = `${GOOD} Фото сделать невозможно: работы под снегом.`;
    expect(checkAnswer(explained, { requires: ["photoRequired"] }).findings).toEqual([]);
    expect(checkAnswer(GOOD, { requires: ["photoRequired"], hasPhoto: true }).findings).toEqual([]);
  });

  it("asks lightly for a photo where the regulation wants one if possible", () => {
    const [finding] = checkAnswer(GOOD, { requires: ["photo"] }).findings;
    expect(finding?.code).toBe("noPhoto");
    expect(finding?.penalty).toBeLessThan(10);
  });

  it("looks for the legal basis when it is required", () => {
    const withLaw = `${GOOD} Так решено по постановлению администрации № 123 от 01.02.2025.`;
    expect(checkAnswer(withLaw, { requires: ["legalBasis"] }).findings).toEqual([]);
    expect(checkAnswer(GOOD, { requires: ["legalBasis"] }).findings.map((f) => f.code)).toEqual([
      "noLegalBasis",
    ]);
  });

  it("calls a one-line answer too short to say anything", () => {
    const result = checkAnswer("Спасибо, разберёмся.");
    expect(result.findings.map((f) => f.code)).toContain("tooShort");
    expect(result.findings[0]?.message).toBe("Слишком короткий ответ: 2 слова");
  });

  it("calls an answer too long for a social network past the limit", () => {
    const long = `${GOOD} `.repeat(6);
    expect(checkAnswer(long).findings.map((f) => f.code)).toContain("tooLong");
    expect(checkAnswer(long, { maxLength: 5000 }).findings.map((f) => f.code)).not.toContain(
      "tooLong",
    );
  });

  it("finds a sentence too long to read in a feed", () => {
    const sentence = `Сообщаем, что ${"работы по ремонту дороги и тротуара ".repeat(7)}продолжаются.`;
    expect(checkAnswer(sentence).findings.map((f) => f.code)).toContain("longSentence");
  });

  it("reports misspelt words with suggestions from the checker, skipping names and numbers", () => {
    const spell = fakeSpell(
      ["яму", "у", "дома", "на", "улице", "засыпали", "декабря", "щебнем", "в", "пятницу"],
      { зосыпали: ["засыпали"] },
    );
    const text = "Яму у дома 5 на улице Соболева зосыпали щебнем 12 декабря, в пятницу, в пятницу.";
    const spelling = checkAnswer(text, { spell }).findings.filter((f) => f.code === "spelling");
    expect(spelling).toEqual([
      {
        code: "spelling",
        message: "Возможная ошибка в слове «зосыпали»",
        span: { start: text.indexOf("зосыпали"), end: text.indexOf("зосыпали") + 8 },
        fragment: "зосыпали",
        suggestion: "засыпали",
        penalty: 3,
      },
    ]);
  });

  it("finds a missing space after a comma and a space before one", () => {
    const text = "Ремонт закончили вчера ,воду дали,трубы заменили до 5 мая полностью.";
    const found = checkAnswer(text).findings.filter((f) => f.code === "punctuation");
    expect(found.map((f) => f.message)).toEqual([
      "Пробел перед знаком препинания",
      "Нет пробела после знака препинания",
    ]);
  });

  it("never scores below zero", () => {
    const text = `${BUREAUCRATIC} `.repeat(5);
    const result = checkAnswer(text, {
      requires: ["measures", "dates", "contacts", "photoRequired", "legalBasis"],
    });
    expect(result.score).toBe(0);
  });
});

describe("wordForm", () => {
  it("agrees a Russian noun with a number", () => {
    expect(
      [1, 2, 5, 11, 21, 22, 25].map((n) => `${n} ${wordForm(n, ["слово", "слова", "слов"])}`),
    ).toEqual(["1 слово", "2 слова", "5 слов", "11 слов", "21 слово", "22 слова", "25 слов"]);
  });
});
