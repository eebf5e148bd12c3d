import { describe, expect, it } from "vitest";
import { wordDiff } from "./diff.ts";

describe("word diff of two draft versions", () => {
  it("marks the words the executor changed and keeps the rest", () => {
    expect(wordDiff("Яма будет заделана в мае.", "Яма будет заделана до 20 мая.")).toEqual([
      { op: "same", text: "Яма будет заделана " },
      { op: "removed", text: "в мае." },
      { op: "added", text: "до 20 мая." },
    ]);
  });

  it("gives the new text back when the removed parts are dropped", () => {
    const before = "Уважаемый житель! Работы запланированы.";
    const after = "Уважаемая Анна! Работы выполнены 12 ноября, фото прилагаем.";
    const parts = wordDiff(before, after);
    expect(
      parts
        .filter((p) => p.op !== "removed")
        .map((p) => p.text)
        .join(""),
    ).toBe(after);
    expect(
      parts
        .filter((p) => p.op !== "added")
        .map((p) => p.text)
        .join(""),
    ).toBe(before);
  });

  it("shows an unchanged text as one unchanged part", () => {
    expect(wordDiff("один два", "один два")).toEqual([{ op: "same", text: "один два" }]);
  });
});
