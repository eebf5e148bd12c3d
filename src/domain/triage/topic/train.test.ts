import { describe, expect, it } from "vitest";
import { classifyTopic } from "./classify.ts";
import type { Rubricator, TopicModel } from "./model.ts";
import { applyCorrections, trainTopicModel, type LabelledMessage } from "./train.ts";
import defaultModel from "./default-model.json" with { type: "json" };

const model = defaultModel as unknown as TopicModel;

const SMALL_RUBRICATOR: Rubricator = {
  topics: [
    { code: "water", name: "Водоснабжение" },
    { code: "roads", name: "Дороги" },
    { code: "other", name: "Прочее" },
  ],
};

// A tiny corpus in which each topic's words repeat, as a tenant's own would.
const SMALL_CORPUS: LabelledMessage[] = [
  ...[
    "нет воды третий день",
    "опять нет воды в доме",
    "вода ржавая из крана",
    "воды нет с утра",
    "слабый напор воды",
  ].map((text) => ({ text, topic: "water" })),
  ...[
    "яма на дороге",
    "дорогу не чистят",
    "ямы на дороге по Мира",
    "отремонтируйте дорогу",
    "гололёд на дороге",
  ].map((text) => ({ text, topic: "roads" })),
  ...[
    "спасибо за праздник",
    "когда концерт в клубе",
    "интернет плохой",
    "часы приёма главы",
    "спасибо за ёлку",
  ].map((text) => ({ text, topic: "other" })),
];

describe("trainTopicModel", () => {
  it("learns a tenant's topics from labelled messages and applies them to new ones", () => {
    const m = trainTopicModel(SMALL_CORPUS, SMALL_RUBRICATOR, { minCount: 1, pruneBelow: 0 });
    expect(classifyTopic(m, "У нас снова нет воды").topic).toBe("water");
    expect(classifyTopic(m, "Огромная яма на дороге у школы").topic).toBe("roads");
    expect(classifyTopic(m, "Спасибо за концерт!").topic).toBe("other");
  });

  it("gives the same model for the same corpus, so the shipped model can be rebuilt exactly", () => {
    const a = trainTopicModel(SMALL_CORPUS, SMALL_RUBRICATOR, { minCount: 1 });
    const b = trainTopicModel(SMALL_CORPUS, SMALL_RUBRICATOR, { minCount: 1 });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });

  it("produces plain JSON that classifies the same after a round trip through storage", () => {
    const m = trainTopicModel(SMALL_CORPUS, SMALL_RUBRICATOR, { minCount: 1, pruneBelow: 0 });
    const stored = JSON.parse(JSON.stringify(m)) as TopicModel;
    expect(classifyTopic(stored, "вода ржавая")).toEqual(classifyTopic(m, "вода ржавая"));
  });

  it("adds naive Bayes beside the softmax by default, and trains the softmax alone when asked", () => {
    const both = trainTopicModel(SMALL_CORPUS, SMALL_RUBRICATOR, { minCount: 1, pruneBelow: 0 });
    const alone = trainTopicModel(SMALL_CORPUS, SMALL_RUBRICATOR, {
      minCount: 1,
      pruneBelow: 0,
      bayesWeight: 0,
    });
    expect(both.options.bayesWeight).toBeGreaterThan(0);
    expect(both.weights).not.toEqual(alone.weights);
    for (const m of [both, alone]) {
      expect(classifyTopic(m, "Опять нет воды").topic).toBe("water");
      expect(classifyTopic(m, "Яма на дороге у школы").topic).toBe("roads");
    }
  });

  it("refuses a corpus message whose topic is not in the rubricator", () => {
    expect(() => trainTopicModel([{ text: "нет газа", topic: "gas" }], SMALL_RUBRICATOR)).toThrow(
      /gas/,
    );
  });
});

describe("applyCorrections", () => {
  const boatStation = "Кто будет чистить лодочную станцию? Всё заросло";

  it("learns a curator's correction: the same message and a similar one get the corrected topic", () => {
    expect(classifyTopic(model, boatStation).topic).not.toBe("improvement");
    const tenant = applyCorrections(model, [{ text: boatStation, topic: "improvement" }]);
    expect(classifyTopic(tenant, boatStation).topic).toBe("improvement");
    expect(classifyTopic(tenant, "Лодочная станция заросла, когда почистят?").topic).toBe(
      "improvement",
    );
  });

  it("keeps what the model knew: one correction does not move unrelated messages", () => {
    const tenant = applyCorrections(model, [{ text: boatStation, topic: "improvement" }]);
    for (const text of [
      "Третий день нет воды на Советской",
      "в подъезде не горит свет",
      "Стая бродячих собак у школы",
      "Ямы на дороге по Гагарина",
    ]) {
      expect(classifyTopic(tenant, text).topic).toBe(classifyTopic(model, text).topic);
    }
  });

  it("adds a topic the tenant put into its rubricator after the model was trained", () => {
    const corrections = [
      { text: "Когда откроют избирательный участок в клубе?", topic: "elections" },
      { text: "Где голосовать на выборах главы поселения?", topic: "elections" },
    ];
    const tenant = applyCorrections(model, corrections);
    expect(tenant.topics.map((t) => t.code)).toContain("elections");
    expect(classifyTopic(tenant, "Где избирательный участок на выборах?").topic).toBe("elections");
  });

  it("rebuilds the same tenant model from the same stored corrections", () => {
    const corrections = [
      { text: boatStation, topic: "improvement" },
      { text: "Сосед сверху сверлит по ночам", topic: "other" },
    ];
    expect(JSON.stringify(applyCorrections(model, corrections))).toBe(
      JSON.stringify(applyCorrections(model, corrections)),
    );
  });

  it("leaves the model as it was when there is nothing to learn", () => {
    expect(applyCorrections(model, [])).toBe(model);
    expect(
      classifyTopic(applyCorrections(model, [{ text: "👍", topic: "water" }]), "👍").topic,
    ).toBe("other");
  });

  it("does not change the model it was given", () => {
    const before = JSON.stringify(model);
    applyCorrections(model, [{ text: boatStation, topic: "improvement" }]);
    expect(JSON.stringify(model)).toBe(before);
  });
});
