import { describe, expect, it } from "vitest";
import { prepareText } from "../similarity.ts";
import { classifyTopic } from "./classify.ts";
import type { TopicModel } from "./model.ts";
import defaultModel from "./default-model.json" with { type: "json" };
import rubricator from "../rubricator.json" with { type: "json" };

const model = defaultModel as unknown as TopicModel;
const topicOf = (text: string): string => classifyTopic(model, text).topic;

describe("classifyTopic with the default model", () => {
  it("knows every topic of the default rubricator", () => {
    expect(model.topics.map((t) => t.code)).toEqual(rubricator.topics.map((t) => t.code));
  });

  it("files a water outage under water and names the word that decided it", () => {
    const s = classifyTopic(model, "Третий день нет воды на Советской");
    expect(s.topic).toBe("water");
    expect(s.words).toContain("воды");
    expect(s.score).toBeGreaterThan(0.5);
  });

  it("tells a dark stairwell (housing) from a power cut (power) from dark streets (improvement)", () => {
    expect(topicOf("в подъезде не горит свет")).toBe("housing");
    expect(topicOf("Дома нет света с утра, холодильник потёк")).toBe("power");
    expect(topicOf("На улице Ленина не горят фонари")).toBe("improvement");
  });

  it.each([
    ["Батареи холодные, в квартире 15 градусов, дети болеют", "heating"],
    ["Когда проведут газ в Лямбирь? Топим дровами", "gas"],
    ["Ямы на дороге по Гагарина, вчера колесо пробил", "roads"],
    ["Мусор не вывозят вторую неделю, баки переполнены", "waste"],
    ["Во дворе сломаны качели, детям негде играть", "improvement"],
    ["Автобус до райцентра опять не пришёл, ждали час на морозе", "transport"],
    ["Записаться к терапевту невозможно, в регистратуре трубку не берут", "health"],
    ["Очередь в детский сад не двигается, ребёнку уже три года", "education"],
    ["Пособие на ребёнка не пришло, как жить?", "social"],
    ["Горит сухая трава у домов на Лесной, огонь подходит к заборам", "safety"],
    ["Стая бродячих собак у школы, дети боятся ходить", "animals"],
    ["В реку сливают отходы, рыба дохнет", "ecology"],
    ["Спасибо администрации за праздник на День посёлка!", "other"],
    ["Крыша течёт, у соседей на пятом этаже потолок мокрый", "housing"],
  ])("files «%s» under %s", (text, topic) => {
    expect(topicOf(text)).toBe(topic);
  });

  it("reads messages in capitals, with Latin look-alike letters and with HTML as the plain message", () => {
    expect(topicOf("ТРЕТИЙ ДЕНЬ НЕТ ВОДЫ!!! СКОЛЬКО МОЖНО")).toBe("water");
    // "вoды нa Coвeтcкoй" with Latin o, a, C, e, c
    expect(topicOf("Нет вoды нa Coвeтcкoй")).toBe("water");
    expect(topicOf("<p>Мусор не вывозят &laquo;уже неделю&raquo;<br>баки полные</p>")).toBe(
      "waste",
    );
  });

  it("still understands a message written with typos", () => {
    expect(topicOf("кантейнеры переполнены мусар ни вывазят")).toBe("waste");
    expect(topicOf("батареи халодные атапление не работает")).toBe("heating");
  });

  it("gives a message with nothing to go on (only emoji, empty) to 'other' with a low score", () => {
    for (const text of ["👍👍", "", "   ", "12 34"]) {
      const s = classifyTopic(model, text);
      expect(s.topic).toBe("other");
      expect(s.score).toBeLessThan(0.2);
      expect(s.words).toEqual([]);
      expect(s.alternatives).toEqual([]);
    }
  });

  it("does not let house numbers decide: the same complaint at another address gets the same suggestion", () => {
    expect(classifyTopic(model, "Нет воды в доме 5 по Мира")).toEqual(
      classifyTopic(model, "Нет воды в доме 48 по Мира"),
    );
  });

  it("offers alternatives below the suggested topic, best first, never the topic itself", () => {
    const s = classifyTopic(model, "Сосед сверху сверлит по ночам, спать невозможно");
    expect(s.alternatives.length).toBeGreaterThan(0);
    expect(s.alternatives.map((a) => a.topic)).not.toContain(s.topic);
    const scores = [s.score, ...s.alternatives.map((a) => a.score)];
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(scores.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(1.001);
  });

  it("names only words of the message, without prepositions or particles", () => {
    const s = classifyTopic(model, "Пособие на ребёнка не пришло");
    expect(s.words.length).toBeGreaterThan(0);
    for (const w of s.words) expect("пособие на ребенка не пришло".split(" ")).toContain(w);
    expect(s.words).not.toContain("на");
    expect(s.words).not.toContain("не");
  });

  // Borders a city desk meets every day, where the object decides, not the verb.
  it.each([
    ["На фасаде нашего дома соседи самовольно повесили кондиционер, гудит всю ночь", "housing"],
    ["Над магазином висит незаконная вывеска, разрешения нет", "other"],
    ["Крышка люка на проезжей части провалилась, машины бьют колёса", "roads"],
    ["Во дворе открыт люк, крышки нет, ребёнок может упасть", "safety"],
    ["Стену дома исписали граффити, просьба закрасить", "improvement"],
    ["Рекламный щит у остановки разбит, висит оторванный баннер", "other"],
    ["В парадной течёт труба холодной воды, лужа на площадке", "water"],
    ["Водосточная труба оторвана, вода льётся по фасаду", "housing"],
  ])("%s → %s", (text, topic) => {
    expect(topicOf(text)).toBe(topic);
  });

  it("reads a message the triage pipeline has already prepared exactly as its raw text", () => {
    for (const text of [
      "Третий день нет воды на Советской, д. №12",
      "<p>В ПАРАДНОЙ НЕ ГОРИТ СВЕТ</p>",
      "Яма на дороге 🙄",
    ]) {
      expect(classifyTopic(model, prepareText(text))).toEqual(classifyTopic(model, text));
    }
  });
});
