import { describe, expect, it } from "vitest";
import { byTopic } from "./departments.ts";

const zhkh = { id: 1, topics: ["water", "heating"] };
const roads = { id: 2, topics: ["roads"] };
const settlement = { id: 3, topics: ["roads", "waste"] };
const all = [zhkh, roads, settlement];

describe("departments offered for routing", () => {
  it("puts those in charge of the cases' topic first, the rest after, each in its order", () => {
    expect(byTopic(all, [{ topic: "roads" }, { topic: "roads" }])).toEqual({
      topic: "roads",
      first: [roads, settlement],
      others: [zhkh],
    });
  });

  it("offers no group when the cases' topics differ or one has none", () => {
    for (const cases of [[{ topic: "roads" }, { topic: "water" }], [{ topic: null }], [{}]])
      expect(byTopic(all, cases)).toMatchObject({ first: [], others: all });
  });

  it("has no first group when no department is in charge of the topic", () => {
    expect(byTopic(all, [{ topic: "education" }])).toEqual({
      topic: "education",
      first: [],
      others: all,
    });
  });
});
