import { describe, expect, it } from "vitest";
import { offeredDepartments } from "./departments.ts";

// A district as Purovsky is: structural departments for the whole territory, and territorial
// units serving their settlements for what is done on their streets.
const zhkh = { id: 1, topics: ["water", "heating"], settlements: [] };
const roads = { id: 2, topics: ["roads"], settlements: [] };
const purpe = { id: 3, topics: ["roads", "waste"], settlements: ["Пурпе", "Пурпе-1"] };
const urengoy = { id: 4, topics: ["roads", "waste"], settlements: ["Уренгой"] };
const all = [zhkh, roads, purpe, urengoy];

describe("departments offered for routing", () => {
  it("offers the unit serving the cases' settlement for its topic, the rest after", () => {
    expect(
      offeredDepartments(all, [
        { topic: "roads", settlement: "Пурпе" },
        { topic: "roads", settlement: "Пурпе" },
      ]),
    ).toEqual({
      topic: "roads",
      settlement: "Пурпе",
      first: [purpe],
      others: [zhkh, roads, urengoy],
    });
  });

  it("offers the whole territory's department where no unit serves the settlement", () => {
    expect(offeredDepartments(all, [{ topic: "roads", settlement: "Тарко-Сале" }])).toEqual({
      topic: "roads",
      settlement: null,
      first: [roads],
      others: [zhkh, purpe, urengoy],
    });
  });

  it("keeps a unit's settlement out of topics it is not in charge of", () => {
    expect(offeredDepartments(all, [{ topic: "water", settlement: "Пурпе" }])).toMatchObject({
      settlement: null,
      first: [zhkh],
    });
  });

  it("offers all in charge of the topic when the place is unknown", () => {
    expect(offeredDepartments(all, [{ topic: "roads", settlement: null }])).toEqual({
      topic: "roads",
      settlement: null,
      first: [roads, purpe, urengoy],
      others: [zhkh],
    });
  });

  it("offers the settlement's units when the topic is not chosen yet", () => {
    expect(offeredDepartments(all, [{ topic: null, settlement: "Уренгой" }])).toMatchObject({
      topic: null,
      settlement: "Уренгой",
      first: [urengoy],
    });
  });

  it("offers no group when the cases' topics and places differ or are unknown", () => {
    for (const cases of [
      [
        { topic: "roads", settlement: "Пурпе" },
        { topic: "water", settlement: "Уренгой" },
      ],
      [{ topic: null }],
      [{}],
    ])
      expect(offeredDepartments(all, cases)).toMatchObject({ first: [], others: all });
  });

  it("has no first group when no department is in charge of the topic", () => {
    expect(offeredDepartments(all, [{ topic: "education", settlement: "Пурпе" }])).toEqual({
      topic: "education",
      settlement: null,
      first: [],
      others: all,
    });
  });
});
