import { describe, expect, it } from "vitest";
import { matchLocation, PRESET_GAZETTEERS, type Gazetteer } from "./location.ts";
import { addPlaces, parsePlaceLines } from "./place-lines.ts";

const empty: Gazetteer = {
  preset: "",
  territory: "Красноселькупский район",
  settlements: [],
  streets: [],
  landmarks: [],
};

describe("a list of places as people keep it", () => {
  it("reads settlements with their kinds and the streets under them", () => {
    const { settlements, problems } = parsePlaceLines(
      [
        "с. Красноселькуп",
        "  ул. Советская",
        "  пер. Школьный",
        "  Полярная",
        "\tмкр. Северный",
        "пгт Уренгой",
        "- ул. Геологов",
        "• пр-кт Мира",
        "Толька с.",
        "  Школьный пер.",
        "п.г.т. Тазовский",
        "д.Ивановка",
        "ст-ца Варениковская",
        "х. Светлый Путь",
        "г. Тарко-Сале",
        "",
        "# centres come first",
      ].join("\n"),
    );
    expect(problems).toEqual([]);
    expect(settlements).toEqual([
      {
        name: "Красноселькуп",
        kind: "село",
        streets: [
          { name: "Советская", kind: "улица" },
          { name: "Школьный", kind: "переулок" },
          { name: "Полярная" },
          { name: "Северный", kind: "микрорайон" },
        ],
      },
      {
        name: "Уренгой",
        kind: "посёлок городского типа",
        streets: [
          { name: "Геологов", kind: "улица" },
          { name: "Мира", kind: "проспект" },
        ],
      },
      { name: "Толька", kind: "село", streets: [{ name: "Школьный", kind: "переулок" }] },
      { name: "Тазовский", kind: "посёлок городского типа", streets: [] },
      { name: "Ивановка", kind: "деревня", streets: [] },
      { name: "Варениковская", kind: "станица", streets: [] },
      { name: "Светлый Путь", kind: "хутор", streets: [] },
      { name: "Тарко-Сале", kind: "город", streets: [] },
    ]);
  });

  it("reads streets after a colon, and a settlement named twice once", () => {
    const { settlements, problems } = parsePlaceLines(
      "1. с. Толька: ул. Лесная, Школьная; пер. Почтовый\n2. село Толька: Лесная, Речная",
    );
    expect(problems).toEqual([]);
    expect(settlements).toEqual([
      {
        name: "Толька",
        kind: "село",
        streets: [
          { name: "Лесная", kind: "улица" },
          { name: "Школьная" },
          { name: "Почтовый", kind: "переулок" },
          { name: "Речная" },
        ],
      },
    ]);
  });

  it("does not take a name's first letter for a kind", () => {
    // "Советская" starts with "с", "Пролетарская" with "пр", "Старая" with "ст".
    const { settlements, problems } = parsePlaceLines(
      "п. Пурпе\n  Советская\n  Пролетарская\n  Старая Ладога\n  Школьная",
    );
    expect(problems).toEqual([]);
    expect(settlements[0]!.streets.map((s) => s)).toEqual([
      { name: "Советская" },
      { name: "Пролетарская" },
      { name: "Старая Ладога" },
      { name: "Школьная" },
    ]);
  });

  it("names each line it cannot read and reads the rest", () => {
    const { settlements, problems } = parsePlaceLines(
      [
        "ул. Ленина", // 1: no settlement yet
        "Пуровский район", // 2: neither kind nor under a settlement
        "с. Толька",
        "  ул. Лесная",
        "Толька: Лесная", // 5: before the colon, no settlement kind
        "с. ", // 6: a kind without a name
        `с. ${"Я".repeat(201)}`, // 7
      ].join("\n"),
    );
    expect(problems).toEqual([
      { line: 1, text: "ул. Ленина", reason: "streetWithoutSettlement" },
      { line: 2, text: "Пуровский район", reason: "noKind" },
      { line: 5, text: "Толька: Лесная", reason: "notASettlement" },
      { line: 6, text: "с.", reason: "noName" },
      { line: 7, text: `с. ${"Я".repeat(201)}`, reason: "tooLong" },
    ]);
    expect(settlements).toEqual([
      { name: "Толька", kind: "село", streets: [{ name: "Лесная", kind: "улица" }] },
    ]);
  });
});

describe("adding the places to a gazetteer", () => {
  it("gives a new district's gazetteer what triage needs to find a street in a settlement", () => {
    const before = matchLocation(empty, "В Тольке на ул. Почтовой третий день нет света");
    // Unknown: no settlement, the street only as the message wrote it.
    expect(before).toMatchObject({ street: "улица Почтовой" });
    expect(before?.settlement).toBeUndefined();
    const { settlements } = parsePlaceLines(
      "с. Красноселькуп\n  ул. Советская\nс. Толька\n  ул. Почтовая",
    );
    const { gazetteer, added, present } = addPlaces(empty, settlements);
    expect(added).toEqual({ settlements: 2, streets: 2 });
    expect(present).toEqual({ settlements: 0, streets: 0 });
    const match = matchLocation(gazetteer, "В Тольке на ул. Почтовой третий день нет света");
    expect(match).toMatchObject({ settlement: "Толька", street: "улица Почтовая" });
  });

  it("puts the settlement marked as the centre first, where a street named alone is looked for", () => {
    const list = (centre: string) =>
      parsePlaceLines(
        `с. Толька\n  ул. Советская\nс. Красноселькуп${centre}\n  ул. Советская\n  ул. Полярная`,
      ).settlements;
    const message = "На ул. Советской третий день нет света";
    const plain = addPlaces(empty, list("")).gazetteer;
    const marked = addPlaces(empty, list(" (центр)")).gazetteer;
    expect(matchLocation(plain, message)?.settlement).toBe("Толька");
    expect(marked.settlements).toEqual([
      { name: "Красноселькуп", kind: "село", centre: true },
      { name: "Толька", kind: "село" },
    ]);
    expect(matchLocation(marked, message)?.settlement).toBe("Красноселькуп");
    expect(parsePlaceLines("ул. Лесная (центр)").problems[0]?.reason).toBe("notASettlement");
  });

  it("keeps what the gazetteer holds and adds only what it lacks", () => {
    const purovsky = PRESET_GAZETTEERS.purovsky!;
    const tarko = purovsky.settlements.find((s) => s.name === "Тарко-Сале")!;
    const knownStreet = purovsky.streets.find((s) => s.settlement === "Тарко-Сале")!;
    const { settlements } = parsePlaceLines(
      [
        // Another name of Тарко-Сале, its known street in another case, and a new one.
        `г. ${tarko.aliases![0]!.toUpperCase()}`,
        `  ул. ${knownStreet.name.toLowerCase()}`,
        "  ул. Новостроек",
        "с. Халясавей", // another name of Халясавэй
        "п. Новый Посёлок",
      ].join("\n"),
    );
    const { gazetteer, added, present } = addPlaces(purovsky, settlements);
    expect(present.settlements).toBe(2);
    expect(added.settlements).toBe(1);
    expect(present.streets).toBe(1);
    expect(added.streets).toBe(1);
    expect(gazetteer.settlements.slice(0, purovsky.settlements.length)).toEqual(
      purovsky.settlements,
    );
    expect(gazetteer.streets.slice(0, purovsky.streets.length)).toEqual(purovsky.streets);
    expect(gazetteer.streets.at(-1)).toEqual({
      name: "Новостроек",
      kind: "улица",
      settlement: "Тарко-Сале",
    });
    expect(gazetteer.settlements.at(-1)).toEqual({ name: "Новый Посёлок", kind: "посёлок" });
    // No name twice: the server refuses a gazetteer that has one.
    const names = gazetteer.settlements.map((s) => s.name);
    expect(new Set(names).size).toBe(names.length);
    const streets = gazetteer.streets.map((s) => `${s.settlement}/${s.name}`);
    expect(new Set(streets).size).toBe(streets.length);
  });
});
