import { describe, expect, it } from "vitest";
import { stem } from "./stem.ts";

const stems = (words: string): string[] => words.split(" ").map(stem);

describe("stem", () => {
  it("brings the cases of a noun to one stem, so 'нет воды' and 'вода ржавая' meet", () => {
    expect(new Set(stems("вода воды воде воду водой водах"))).toEqual(new Set(["вод"]));
    expect(new Set(stems("улица улицы улице улицу улицей улиц улицам"))).toEqual(new Set(["улиц"]));
  });

  it("brings the forms of an adjective to one stem, so street names match in any case", () => {
    expect(new Set(stems("советская советской советскую советские советских"))).toEqual(
      new Set(["советск"]),
    );
    expect(new Set(stems("холодные холодная холодных холодными"))).toEqual(new Set(["холодн"]));
  });

  it("removes verb endings and reflexive particles", () => {
    expect(stem("горит")).toBe("гор");
    expect(stem("отключили")).toBe("отключ");
    expect(stem("отключить")).toBe("отключ");
    expect(stem("ремонтируют")).toBe("ремонтир");
    expect(stem("собираются")).toBe("собира");
  });

  it("removes gerunds, participles and superlatives", () => {
    expect(stem("потеряв")).toBe("потеря");
    expect(stem("сославшись")).toBe("сосла");
    expect(stem("читающий")).toBe("чита");
    expect(stem("красивейший")).toBe("красив");
    expect(stem("важнейшие")).toBe("важн");
  });

  it("removes the derivational '-ость' only deep enough in the word", () => {
    expect(stem("безопасности")).toBe("безопасн");
    expect(stem("ответственность")).toBe("ответствен");
    // In a short word the ending is part of the root and stays.
    expect(stem("ценности")).toBe("ценност");
  });

  it("undoubles 'нн' at the end and drops a final soft sign", () => {
    expect(stem("длинный")).toBe("длин");
    expect(stem("отключенный")).toBe("отключен");
    expect(stem("бросать")).toBe("броса");
    expect(stem("мусорить")).toBe("мусор");
  });

  it("stems place names so that 'в Уренгое' and 'Пурпе' keep their recognisable root", () => {
    expect(stem("уренгое")).toBe("уренг");
    expect(stem("уренгой")).toBe("уренг");
    expect(stem("ленина")).toBe("ленин");
    expect(stem("тарко-сале")).toBe("тарко-сал");
  });

  it("leaves short words, Latin words and numbers as they are", () => {
    expect(stem("газ")).toBe("газ");
    expect(stem("в")).toBe("в");
    expect(stem("wifi")).toBe("wifi");
    expect(stem("112")).toBe("112");
    expect(stem("")).toBe("");
  });

  it("never makes a word longer and always returns a prefix of it", () => {
    const words = stems("подъезде отопления батареи контейнерная газификация собаки поликлиника");
    const originals =
      "подъезде отопления батареи контейнерная газификация собаки поликлиника".split(" ");
    words.forEach((s, i) => expect(originals[i]?.startsWith(s)).toBe(true));
  });
});
