// otklik triage through its Command function with in-memory streams (main.ts lists it later).
import { PassThrough, Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { UsageError } from "../src/cli/command.ts";
import { triage } from "../src/cli/triage.ts";

async function run(argv: string[], lines: string[]) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = "";
  let err = "";
  stdout.on("data", (chunk: Buffer) => (out += chunk.toString("utf8")));
  stderr.on("data", (chunk: Buffer) => (err += chunk.toString("utf8")));
  const code = await triage(argv, { stdin: Readable.from([lines.join("\n")]), stdout, stderr });
  const results = out
    .trimEnd()
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  return { code, results, err };
}

const CONTRACT_KEYS = [
  "id",
  "topic",
  "topicScore",
  "location",
  "importance",
  "notProcessable",
  "repeatOf",
  "duplicateOf",
  "reasons",
];

describe("otklik triage", () => {
  it("answers every message with one line in input order, holding only the contract's fields", async () => {
    const { code, results, err } = await run(
      ["--tenant", "purovsky"],
      [
        JSON.stringify({
          id: "a",
          text: "В Уренгое нет света с утра",
          author: "1",
          postedAt: "2024-01-15T08:00:00+05:00",
        }),
        JSON.stringify({ id: "b", text: "Яма на дороге у школы в Пурпе", network: "vk", likes: 3 }),
        JSON.stringify({ id: "c", text: "Спасибо за ёлку на площади!" }),
      ],
    );
    expect(code).toBe(0);
    expect(err).toBe("");
    expect(results.map((r) => r.id)).toEqual(["a", "b", "c"]);
    for (const r of results) {
      expect(CONTRACT_KEYS).toEqual(expect.arrayContaining(Object.keys(r)));
      expect(typeof r.topic).toBe("string");
      expect(typeof r.topicScore).toBe("number");
      expect(["normal", "high"]).toContain(r.importance);
      expect(r.notProcessable).toBeNull();
      expect(Array.isArray(r.reasons)).toBe(true);
    }
    expect(results[0]).toMatchObject({ topic: "power", location: { settlement: "Уренгой" } });
    expect(results[2]!.location).toBeUndefined();
  });

  it("names earlier ids of the run for repeats and duplicates, keeping numeric ids numbers", async () => {
    const { results } = await run(
      ["--tenant", "purovsky"],
      [
        JSON.stringify({
          id: 101,
          text: "Нет горячей воды в доме Мира 5, Тарко-Сале",
          author: "anna",
          postedAt: 1705287600,
        }),
        JSON.stringify({
          id: 102,
          text: "На Мира 5 опять без горячей воды",
          author: "boris",
          postedAt: 1705291200,
        }),
        JSON.stringify({
          id: 103,
          text: "Горячей воды так и нет, Мира 5",
          author: "anna",
          postedAt: 1705460400,
        }),
      ],
    );
    expect(results[1]).toMatchObject({ id: 102, duplicateOf: 101 });
    expect(results[2]).toMatchObject({ id: 103, repeatOf: 101 });
  });

  it("skips a bad line with an error naming its number, and goes on", async () => {
    const { code, results, err } = await run(
      ["--tenant", "bor"],
      [
        JSON.stringify({ id: "1", text: "В Бору нет воды" }),
        "{это не json",
        JSON.stringify({ text: "без номера" }),
        JSON.stringify({ id: "4", text: "д. Бор, д. 12: не вывозят мусор", likes: -1 }),
        JSON.stringify({ id: "5", text: "Не вывозят мусор в Бору" }),
      ],
    );
    expect(code).toBe(0);
    expect(results.map((r) => r.id)).toEqual(["1", "5"]);
    expect(err).toMatch(/строка 2 пропущена: не JSON/);
    expect(err).toMatch(/строка 3 пропущена: нет «id»/);
    expect(err).toMatch(/строка 4 пропущена: «likes» должно быть неотрицательным числом/);
  });

  it("marks an obscene message as not processable", async () => {
    const { results } = await run(
      ["--tenant", "lyambir"],
      [JSON.stringify({ id: "m", text: "Когда уже почините дорогу, бл*дь!" })],
    );
    expect(results[0]).toMatchObject({ notProcessable: "obscene" });
  });

  it("refuses an unknown tenant and a missing one as usage errors", async () => {
    await expect(run(["--tenant", "moscow"], [])).rejects.toThrow(UsageError);
    await expect(run([], [])).rejects.toThrow(/--tenant/);
  });
});
