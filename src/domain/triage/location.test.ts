import { describe, expect, it } from "vitest";
import { matchLocation, PRESET_GAZETTEERS, wordForms, type Gazetteer } from "./location.ts";

const purovsky = PRESET_GAZETTEERS.purovsky!;
const krymsk = PRESET_GAZETTEERS.krymsk!;
const bor = PRESET_GAZETTEERS.bor!;
const lyambir = PRESET_GAZETTEERS.lyambir!;
const sobolevo = PRESET_GAZETTEERS.sobolevo!;

describe("settlements through inflection and abbreviations", () => {
  it.each([
    [purovsky, "В Тарко-Сале третий день нет горячей воды", "Тарко-Сале"],
    [purovsky, "Когда в Уренгое починят дорогу?", "Уренгой"],
    [purovsky, "п. Пурпе, нет света с утра", "Пурпе"],
    [purovsky, "пгт Уренгой, опять отключили отопление", "Уренгой"],
    [purovsky, "Жители Ханымея просят вернуть автобус", "Ханымей"],
    [purovsky, "в Тарко опять не чистят дороги", "Тарко-Сале"],
    [lyambir, "с. Лямбирь, не вывозят мусор", "Лямбирь"],
    [lyambir, "В Лямбире нет газа", "Лямбирь"],
    [lyambir, "В Большой Елховке третий день без воды", "Большая Елховка"],
    [krymsk, "В Крымске опять затопило подвал", "Крымск"],
    [krymsk, "ст-ца Варениковская, когда отремонтируют мост", "Варениковская"],
    [krymsk, "в Нижнебаканской нет воды", "Нижнебаканская"],
    [bor, "В Боре нет света", "Бор"],
    [bor, "В Бору третий день без воды", "Бор"],
    [bor, "Жители Бора просят", "Бор"],
    [sobolevo, "В Устьевом нет связи", "Устьевое"],
    [sobolevo, "из Соболева не уехать", "Соболево"],
  ])("finds the settlement in «%s»", (g: Gazetteer, text: string, settlement: string) => {
    expect(matchLocation(g, text)?.settlement).toBe(settlement);
  });

  it("reads Latin look-alike letters and CAPS as the same name", () => {
    expect(matchLocation(purovsky, "В ПУPПE НЕТ ВОДЫ")?.settlement).toBe("Пурпе");
  });

  it("does not take the city Новый Уренгой, outside the district, for the settlement Уренгой", () => {
    expect(matchLocation(purovsky, "Рейс из Нового Уренгоя опять задержали")).toBeUndefined();
  });

  it("does not take a pine forest for the village Бор when it is written in lower case", () => {
    expect(matchLocation(bor, "гуляли в сосновом бору, всё в мусоре")).toBeUndefined();
  });

  it("does not take 'с южной стороны' for the settlement Южный", () => {
    expect(matchLocation(krymsk, "с южной стороны дома течёт крыша")).toBeUndefined();
  });

  it("takes a name that is also a word when a settlement word with its dot comes first", () => {
    expect(matchLocation(krymsk, "пос. южный, нет воды")?.settlement).toBe("Южный");
  });

  it("scores a settlement named after its kind higher than a bare name", () => {
    const bare = matchLocation(purovsky, "в Пурпе нет воды")!;
    const kinded = matchLocation(purovsky, "в пос. Пурпе нет воды")!;
    expect(kinded.score).toBeGreaterThan(bare.score);
  });

  it("generates the cases of a masculine noun in -й", () => {
    expect(wordForms("ханымей")).toEqual(
      expect.arrayContaining(["ханымея", "ханымее", "ханымеем"]),
    );
  });
});

describe("streets and houses", () => {
  it("finds the street and house after 'по улице … д.'", () => {
    expect(matchLocation(purovsky, "По улице Мира д. 5 не убирают снег")).toMatchObject({
      settlement: "Тарко-Сале",
      street: "улица Мира",
      house: "5",
    });
  });

  it("finds 'ул. Мира' and 'на Ленина' in the district centre when no settlement is named", () => {
    expect(matchLocation(purovsky, "ул. Мира, яма на дороге")).toMatchObject({
      settlement: "Тарко-Сале",
      street: "улица Мира",
    });
    expect(matchLocation(purovsky, "на ленина опять прорыв")).toMatchObject({
      street: "улица Ленина",
    });
  });

  it("keeps the street of the settlement the message names", () => {
    expect(matchLocation(krymsk, "ст. Варениковская, ул. Ленина 10")).toMatchObject({
      settlement: "Варениковская",
      street: "улица Ленина",
      house: "10",
    });
  });

  it("declines adjectival street names: 'на Первомайской'", () => {
    expect(matchLocation(purovsky, "На Первомайской не горят фонари")?.street).toBe(
      "улица Первомайская",
    );
  });

  it("reads a street the gazetteer does not list after 'ул.' or 'улице'", () => {
    expect(matchLocation(purovsky, "В Тарко-Сале на улице Сибирской 12 прорыв")).toMatchObject({
      settlement: "Тарко-Сале",
      street: "улица Сибирская",
      house: "12",
    });
  });

  it("does not take ordinary words for streets: 'мир', 'на улице холодно', 'проезд закрыт'", () => {
    expect(matchLocation(purovsky, "с миру по нитке соберём, мира всем")).toBeUndefined();
    expect(matchLocation(purovsky, "проезд закрыт, на улице холодно")).toBeUndefined();
  });

  it("does not read '3 дня' after a street as a house number", () => {
    const m = matchLocation(purovsky, "на Мира 3 дня нет воды")!;
    expect(m.street).toBe("улица Мира");
    expect(m.house).toBeUndefined();
  });

  it("reads a village address without a street: 'д. Бор, д. 12'", () => {
    expect(matchLocation(bor, "д. Бор, д. 12 — не вывозят мусор")).toMatchObject({
      settlement: "Бор",
      house: "12",
    });
  });

  it("gives the matched words as the fragment", () => {
    expect(matchLocation(sobolevo, "Соболево, ул. Советская 23, течёт крыша")?.text).toBe(
      "соболево ул советская 23",
    );
  });
});

describe("landmarks", () => {
  it("places the district hospital in its settlement", () => {
    expect(matchLocation(purovsky, "В ЦРБ нет талонов к терапевту")).toMatchObject({
      settlement: "Тарко-Сале",
      landmark: "Тарко-Салинская ЦРБ",
    });
  });

  it("gives a kind of object its number and the settlement of the message", () => {
    expect(matchLocation(purovsky, "п. Пурпе, котельная №3 не работает")).toMatchObject({
      settlement: "Пурпе",
      landmark: "котельная № 3",
    });
  });

  it("does not put another settlement's named school into the message's settlement", () => {
    expect(matchLocation(purovsky, "в Ханымее в первой школе холодно")).toMatchObject({
      settlement: "Ханымей",
      landmark: "школа",
    });
  });
});

it("finds nothing in a message about no place", () => {
  expect(matchLocation(lyambir, "Спасибо за ответ, всё сделали быстро")).toBeUndefined();
});
