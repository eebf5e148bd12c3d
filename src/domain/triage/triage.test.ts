import { describe, expect, it } from "vitest";
import { BurstTracker } from "./bursts.ts";
import { PRESET_GAZETTEERS } from "./location.ts";
import { RepeatIndex } from "./repeats.ts";
import defaultModel from "./topic/default-model.json" with { type: "json" };
import type { TopicModel } from "./topic/model.ts";
import { triageMessage, type TriageContext } from "./triage.ts";

const HOUR = 3_600_000;
const T0 = Date.UTC(2024, 0, 15, 3);

function context(preset = "purovsky"): TriageContext {
  return {
    topicModel: defaultModel as TopicModel,
    gazetteer: PRESET_GAZETTEERS[preset]!,
    repeats: new RepeatIndex(),
    bursts: new BurstTracker(),
  };
}

describe("triage of one message", () => {
  it("gives a complaint its topic, place and importance, each with a reason in Russian", () => {
    const r = triageMessage(context(), {
      id: "1",
      text: "Здравствуйте! В Тарко-Сале на улице Мира д. 5 третий день нет горячей воды, дети моются из тазика.",
      author: "anna",
      postedAt: T0,
    });
    expect(r).toMatchObject({
      id: "1",
      topic: "water",
      location: { settlement: "Тарко-Сале", street: "улица Мира", house: "5" },
      importance: "high",
      notProcessable: null,
    });
    expect(r.repeatOf).toBeUndefined();
    expect(r.duplicateOf).toBeUndefined();
    expect(r.reasons.join("\n")).toMatch(/тема «Водоснабжение и водоотведение»/);
    expect(r.reasons.join("\n")).toMatch(/место: Тарко-Сале, улица Мира, д\. 5/);
    expect(r.reasons.join("\n")).toMatch(/затронуты дети/);
  });

  it("links a neighbour's message to the first one and the same author's next one as a repeat", () => {
    const ctx = context();
    triageMessage(ctx, {
      id: "1",
      text: "Нет горячей воды в доме Мира 5, Тарко-Сале",
      author: "anna",
      postedAt: T0,
    });
    const neighbour = triageMessage(ctx, {
      id: "2",
      text: "На Мира 5 опять без горячей воды, когда дадут?",
      author: "boris",
      postedAt: T0 + HOUR,
    });
    expect(neighbour.duplicateOf).toBe("1");
    const again = triageMessage(ctx, {
      id: "3",
      text: "Горячей воды так и нет, Мира 5. Сколько можно!",
      author: "anna",
      postedAt: T0 + 48 * HOUR,
    });
    expect(again.repeatOf).toBe("1");
    // The neighbours joined the same case: the repeat says it all.
    expect(again.duplicateOf).toBeUndefined();
    expect(again.reasons.join("\n")).toMatch(/повторное сообщение того же автора \(к 1\)/);
  });

  it("sets aside a threat with its reason and does not let later messages join it", () => {
    const ctx = context();
    const threat = triageMessage(ctx, {
      id: "t",
      text: "Если не дадите воду на Мира 5, я вас найду и убью",
      author: "x",
      postedAt: T0,
    });
    expect(threat.notProcessable).toBe("threat");
    expect(threat.reasons[0]).toMatch(/^не подлежит обработке: угроза/);
    const next = triageMessage(ctx, {
      id: "n",
      text: "Не дают воду на Мира 5",
      author: "y",
      postedAt: T0 + HOUR,
    });
    expect(next.duplicateOf).toBeUndefined();
  });

  it("raises importance and says so when a village suddenly writes about one problem", () => {
    const ctx = context();
    let last;
    for (let k = 0; k < 8; k++) {
      last = triageMessage(ctx, {
        id: `p${k}`,
        text:
          k % 2
            ? "В Халясавэе опять пропало электричество"
            : "Халясавэй без электричества, когда включат?",
        author: `u${k}`,
        postedAt: T0 + k * 5 * 60_000,
      });
    }
    expect(last!.topic).toBe("power");
    expect(last!.importance).toBe("high");
    expect(last!.burst).toMatchObject({ count: 8, place: "Халясавэй" });
    expect(last!.reasons.join("\n")).toMatch(
      /всплеск: За последний час 8 сообщений об электроснабжении в Халясавэе/,
    );
  });

  it("counts a widely shared post as high importance", () => {
    const r = triageMessage(context("krymsk"), {
      id: "r",
      text: "Когда в Крымске отремонтируют дорогу на Луначарского?",
      postedAt: T0,
      likes: 350,
      reposts: 40,
    });
    expect(r.importance).toBe("high");
    expect(r.location).toMatchObject({ settlement: "Крымск", street: "улица Луначарского" });
  });

  it("gives an empty message the fallback topic and no place", () => {
    const r = triageMessage(context("sobolevo"), { id: "e", text: "👍👍👍", postedAt: T0 });
    expect(r.topic).toBe("other");
    expect(r.location).toBeUndefined();
    expect(r.importance).toBe("normal");
  });
});
