import { describe, expect, it } from "vitest";
import { prepareText, termSimilarity, TermFrequencies, textTerms } from "./similarity.ts";

describe("text terms", () => {
  it("meet across inflection and drop function words and greetings", () => {
    expect(textTerms("Здравствуйте! Нет воды в доме")).toEqual(textTerms("воду, дом"));
  });

  it("keep numbers, so house 5 and house 7 differ", () => {
    expect(textTerms("дом 5")).not.toEqual(textTerms("дом 7"));
  });

  it("read '№5' as the number 5, not as the Latin 'no5' that Unicode folding makes of it", () => {
    expect(prepareText("котельная №5").tokens).toEqual(["котельная", "5"]);
    const address = prepareText("Мира, д. 3");
    expect([0, 1, 2].map((i) => address.isDotted(i))).toEqual([false, true, false]);
  });
});

describe("similarity", () => {
  it("is 1 for the same problem in other words forms and 0 for nothing in common", () => {
    expect(termSimilarity(textTerms("Нет горячей воды"), textTerms("горячая вода: нет её"))).toBe(
      1,
    );
    expect(termSimilarity(textTerms("Яма на дороге"), textTerms("Собаки во дворе"))).toBe(0);
  });

  it("weighs a shared rare word more than a shared common one", () => {
    const df = new TermFrequencies();
    for (let i = 0; i < 50; i++) df.add(textTerms(`вода ${i}`));
    df.add(textTerms("теплотрасса"));
    const rare = termSimilarity(
      textTerms("вода теплотрасса"),
      textTerms("теплотрасса лужа"),
      df.weight,
    );
    const common = termSimilarity(textTerms("вода теплотрасса"), textTerms("вода лужа"), df.weight);
    expect(rare).toBeGreaterThan(common);
  });
});
