// `otklik regulation` as an external contract: the real ./bin/otklik run as a subprocess.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it, vi } from "vitest";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

// Each run starts Node and compiles the sources; on a busy machine that can take seconds.
vi.setConfig({ testTimeout: 30_000 });

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function otklik(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile("./bin/otklik", args, { cwd: ROOT }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

const lines = (text: string): string[] => text.split("\n").filter((l) => l !== "");

const scratch = mkdtempSync(join(tmpdir(), "otklik-cli-regulation-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("otklik regulation list", () => {
  it("prints the five presets, one a line, each with the number of its document", async () => {
    const run = await otklik("regulation", "list");
    expect(run.code).toBe(0);
    expect(lines(run.stdout).map((l) => l.split("\t").slice(0, 2))).toEqual([
      ["purovsky", "000"],
      ["krymsk", "001"],
      ["bor", "002"],
      ["lyambir", "003"],
      ["sobolevo", "004"],
    ]);
  });
});

describe("otklik regulation show", () => {
  it("prints sobolevo as a table of stages with their terms and clauses, both appendices", async () => {
    const run = await otklik("regulation", "show", "sobolevo");
    expect(run.code).toBe(0);
    const out = run.stdout;
    expect(out).toMatch(/Этап\s+Кто\s+Начало срока\s+Завершается\s+Срок\s+Пункт/);
    // Appendix 1: the routing, the total and its high variant, the draft, the co-executors' parts.
    expect(out).toMatch(/Направление в структурное\s.*30 мин\s+п\. 10/);
    expect(out).toMatch(/8 ч\s+п\. 12/);
    expect(out).toContain("высокая: 4 ч (п. 10)");
    expect(out).toMatch(/за 4 ч до срока .*\s+п\. 13/);
    expect(out).toMatch(/2 ч\s+п\. 19 пп\. 3/);
    expect(out).toMatch(/7 рабочих дней\s+п\. 17/);
    // Appendix 2: the portal, in calendar days, with the extension in words.
    expect(out).toContain("(приложение 2)");
    expect(out).toMatch(/10 календарных дней\s+п\. 2\.5/);
    expect(out).toMatch(/1 рабочий день\s+п\. 2\.9/);
    expect(out).toContain("не более 8 календарных дней, 1 раз (п. 2.5)");
  });

  it("previews the deadlines of a krymsk incident detected on Friday 16:00", async () => {
    const run = await otklik("regulation", "show", "krymsk", "--at", "2026-11-20T16:00:00+03:00");
    expect(run.code).toBe(0);
    const preview = run.stdout.slice(run.stdout.indexOf("Сроки для сообщения"));
    expect(preview).toMatch(/Проект ответа[\s\S]*пн 23\.11\.2026 11:00/);
    expect(preview).toMatch(/Общий срок\s+пт 20\.11\.2026 16:00\s+пн 23\.11\.2026 16:00/);
  });
});

describe("otklik regulation lint", () => {
  it("fails on krymsk and names clauses 10 and 14 of its high-importance contradiction", async () => {
    const run = await otklik("regulation", "lint", "krymsk");
    expect(run.code).toBe(1);
    const errors = lines(run.stdout).filter((l) => l.startsWith("ошибка"));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/пп\. 10\b.*\b14\b/);
    expect(errors[0]).toContain("«высокая»");
  });

  it("passes purovsky with exit code 0", async () => {
    const run = await otklik("regulation", "lint", "purovsky");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("purovsky: ошибок 0");
  });

  it("lists every problem of a broken file with its line and column and exits non-zero", async () => {
    const text = readFileSync(join(ROOT, "src/domain/regulation/presets/bor.yaml"), "utf8")
      .replace("term: 6h", "term: 6 hourz")
      .replace("timeZone: Europe/Moscow", "timeZone: Europe/Moskva");
    const path = join(scratch, "bor-broken.yaml");
    writeFileSync(path, text);
    const lineOf = (needle: string): number =>
      text.split("\n").findIndex((l) => l.includes(needle)) + 1;
    const run = await otklik("regulation", "lint", path);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    const problems = lines(run.stderr).slice(1);
    expect(problems).toEqual([
      expect.stringContaining(`строка ${lineOf("Europe/Moskva")}, столбец 11 (/timeZone)`),
      expect.stringContaining(`строка ${lineOf("6 hourz")}, столбец 15`),
    ]);
    expect(problems[1]).toContain("«6 hourz»");
  });
});
