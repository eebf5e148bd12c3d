import { describe, expect, it } from "vitest";
import { RepeatIndex, type RepeatEntry } from "./repeats.ts";
import { textTerms } from "./similarity.ts";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T0 = Date.UTC(2024, 0, 15, 6);

function entry(
  id: string,
  author: string,
  text: string,
  at: number,
  extra: Partial<RepeatEntry> = {},
): RepeatEntry {
  return { id, author, postedAt: at, terms: textTerms(text), ...extra };
}

/** An index with some unrelated traffic, so that term weights look like a real community's. */
function indexWithNoise(): RepeatIndex {
  const index = new RepeatIndex();
  const noise = [
    "Когда отремонтируют дорогу на Ленина, ямы огромные",
    "Не вывозят мусор с контейнерной площадки третий день",
    "Бродячие собаки во дворе школы",
    "Спасибо за новую детскую площадку",
    "Автобус до Пурпе опять не пришёл",
    "Нет света на Геологов с утра",
  ];
  for (let i = 0; i < 60; i++) {
    index.add(
      entry(`n${i}`, `noise${i}`, noise[i % noise.length]!, T0 - 20 * DAY + i * HOUR, {
        topic: "other",
      }),
    );
  }
  return index;
}

const water = {
  topic: "water",
  location: { settlement: "Тарко-Сале", street: "улица Мира", house: "5" },
};

describe("repeats: the same author about the same problem", () => {
  it("finds the earlier message of the same person about the same flat", () => {
    const index = indexWithNoise();
    index.add(
      entry("a1", "anna", "Нет горячей воды в доме Мира 5, управляющая компания молчит", T0, water),
    );
    const r = index.findRepeat({
      author: "anna",
      postedAt: T0 + 5 * DAY,
      terms: textTerms("Опять нет горячей воды, Мира 5, сколько можно"),
      ...water,
    });
    expect(r).toMatchObject({ id: "a1", matchedId: "a1" });
    expect(r!.reasons[0]).toMatch(/текст совпадает|то же место/);
  });

  it("names the first message of the case when the person writes a third time", () => {
    const index = indexWithNoise();
    index.add(entry("a1", "anna", "Нет горячей воды в доме Мира 5", T0, water));
    index.add(
      entry("a2", "anna", "Снова нет горячей воды, Мира 5", T0 + DAY, { ...water, repeatOf: "a1" }),
    );
    expect(
      index.findRepeat({
        author: "anna",
        postedAt: T0 + 2 * DAY,
        terms: textTerms("Горячей воды так и нет, Мира 5"),
        ...water,
      })?.id,
    ).toBe("a1");
  });

  it("does not call a message about another problem of the same person a repeat", () => {
    const index = indexWithNoise();
    index.add(entry("a1", "anna", "Нет горячей воды в доме Мира 5", T0, water));
    const r = index.findRepeat({
      author: "anna",
      postedAt: T0 + DAY,
      topic: "roads",
      terms: textTerms("Яма на дороге у остановки"),
    });
    expect(r).toBeUndefined();
  });

  it("does not call the same complaint about another house a repeat", () => {
    const index = indexWithNoise();
    index.add(entry("a1", "anna", "Нет горячей воды в доме", T0, water));
    const other = {
      topic: "water",
      location: { settlement: "Тарко-Сале", street: "улица Ленина", house: "12" },
    };
    expect(
      index.findRepeat({
        author: "anna",
        postedAt: T0 + DAY,
        terms: textTerms("Нет горячей воды в доме"),
        ...other,
      }),
    ).toBeUndefined();
  });

  it("forgets a repeat after the 30-day window", () => {
    const index = indexWithNoise();
    index.add(entry("a1", "anna", "Нет горячей воды в доме Мира 5", T0, water));
    expect(
      index.findRepeat({
        author: "anna",
        postedAt: T0 + 31 * DAY,
        terms: textTerms("Нет горячей воды в доме Мира 5"),
        ...water,
      }),
    ).toBeUndefined();
  });

  it("does not take another person's message for a repeat", () => {
    const index = indexWithNoise();
    index.add(entry("a1", "anna", "Нет горячей воды в доме Мира 5", T0, water));
    expect(
      index.findRepeat({
        author: "boris",
        postedAt: T0 + DAY,
        terms: textTerms("Нет горячей воды в доме Мира 5"),
        ...water,
      }),
    ).toBeUndefined();
  });
});

describe("duplicates: other authors about the same problem and place", () => {
  it("joins a neighbour's message about the same outage to the first one", () => {
    const index = indexWithNoise();
    index.add(entry("a1", "anna", "Нет горячей воды в доме Мира 5", T0, water));
    index.add(
      entry("b1", "boris", "На Мира 5 опять без горячей воды", T0 + HOUR, {
        ...water,
        duplicateOf: "a1",
      }),
    );
    const d = index.findDuplicate({
      author: "vera",
      postedAt: T0 + 2 * HOUR,
      terms: textTerms("Мира 5: горячей воды нет с утра"),
      ...water,
    });
    expect(d?.id).toBe("a1");
  });

  it("does not join the same words about another settlement", () => {
    const index = indexWithNoise();
    index.add(
      entry("a1", "anna", "Нет воды второй день", T0, {
        topic: "water",
        location: { settlement: "Пурпе" },
      }),
    );
    const d = index.findDuplicate({
      author: "boris",
      postedAt: T0 + HOUR,
      topic: "water",
      location: { settlement: "Ханымей" },
      terms: textTerms("Нет воды второй день"),
    });
    expect(d).toBeUndefined();
  });

  it("does not join messages older than the 3-day window", () => {
    const index = indexWithNoise();
    index.add(entry("a1", "anna", "Нет горячей воды в доме Мира 5", T0, water));
    expect(
      index.findDuplicate({
        author: "boris",
        postedAt: T0 + 4 * DAY,
        terms: textTerms("Нет горячей воды в доме Мира 5"),
        ...water,
      }),
    ).toBeUndefined();
  });

  it("does not call a person's own earlier message a duplicate", () => {
    const index = indexWithNoise();
    index.add(entry("a1", "anna", "Нет горячей воды в доме Мира 5", T0, water));
    expect(
      index.findDuplicate({
        author: "anna",
        postedAt: T0 + HOUR,
        terms: textTerms("Нет горячей воды в доме Мира 5"),
        ...water,
      }),
    ).toBeUndefined();
  });

  it("does not join a different problem in the same street", () => {
    const index = indexWithNoise();
    index.add(entry("a1", "anna", "Нет горячей воды в доме Мира 5", T0, water));
    const roads = { topic: "roads", location: { settlement: "Тарко-Сале", street: "улица Мира" } };
    expect(
      index.findDuplicate({
        author: "boris",
        postedAt: T0 + HOUR,
        terms: textTerms("Яма на дороге на Мира, машины бьют колёса"),
        ...roads,
      }),
    ).toBeUndefined();
  });

  it("ignores messages posted after the one being checked", () => {
    const index = indexWithNoise();
    index.add(entry("a1", "anna", "Нет горячей воды в доме Мира 5", T0 + DAY, water));
    expect(
      index.findDuplicate({
        author: "boris",
        postedAt: T0,
        terms: textTerms("Нет горячей воды в доме Мира 5"),
        ...water,
      }),
    ).toBeUndefined();
  });
});

it("keeps the first version when an id is added twice", () => {
  const index = new RepeatIndex();
  index.add(entry("a1", "anna", "Нет воды", T0));
  index.add(entry("a1", "anna", "Совсем другое", T0));
  expect(index.size).toBe(1);
});

it("sized for a few messages, answers as the full-size index when given thousands", () => {
  const texts = [
    "Нет воды в доме на улице Мира",
    "Не вывозят мусор с контейнерной площадки",
    "Яма на дороге у школы номер",
    "Не горят фонари во дворе дома",
    "Течёт крыша в подъезде дома",
  ];
  const streets = ["улица Мира", "улица Ленина", "улица Геологов", "улица Школьная"];
  const small = new RepeatIndex({ expectedEntries: 16 });
  const full = new RepeatIndex();
  const entries = Array.from({ length: 3_000 }, (_, i) =>
    entry(`m${i}`, `author${i % 700}`, `${texts[i % 5]!} ${i % 37}`, T0 + i * 10 * 60_000, {
      topic: `t${i % 5}`,
      location: { settlement: `s${i % 3}`, street: streets[i % 4]!, house: String(i % 9) },
    }),
  );
  const answers = (index: RepeatIndex) =>
    entries.map((e) => {
      const { id: _id, ...rest } = e;
      const q = { ...rest, postedAt: e.postedAt + 60_000 };
      const found = [index.findRepeat(q)?.id, index.findDuplicate(q)?.id];
      index.add(e);
      return found;
    });
  const fromFull = answers(full);
  expect(answers(small)).toEqual(fromFull);
  expect(fromFull.filter(([r, d]) => r ?? d).length).toBeGreaterThan(1_000);
  expect(small.size).toBe(3_000);
});
