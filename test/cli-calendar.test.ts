// `otklik calendar` as an external contract: the real ./bin/otklik run as a subprocess.
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

const scratch = mkdtempSync(join(tmpdir(), "otklik-cli-calendar-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("otklik calendar year", () => {
  it("prints 2026 as JSON with 247 working days and 1972 working hours on the default schedule", async () => {
    const run = await otklik("calendar", "year", "2026", "--json");
    expect(run.code).toBe(0);
    const year = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(year).toMatchObject({ year: 2026, workingDays: 247, workingHours: 1972 });
  });
});

describe("otklik calendar add", () => {
  it("adds 480 working minutes from Friday 17:30 across the moved day off of 9 March: one line, Tuesday 17:30", async () => {
    const run = await otklik(
      "calendar",
      "add",
      "--from",
      "2026-03-06T17:30:00+03:00",
      "--working-minutes",
      "480",
      "--tz",
      "Europe/Moscow",
    );
    expect(run).toEqual({ code: 0, stdout: "2026-03-10T17:30:00+03:00\n", stderr: "" });
  });

  it("adds working days: one working day after Friday 6 March ends with Tuesday 10 March", async () => {
    const run = await otklik(
      "calendar",
      "add",
      "--from",
      "2026-03-06T17:30:00+03:00",
      "--working-days",
      "1",
      "--tz",
      "Europe/Moscow",
    );
    expect(run).toEqual({ code: 0, stdout: "2026-03-10T18:00:00+03:00\n", stderr: "" });
  });

  it("adds calendar days in the zone given, ending at local midnight whatever the holidays", async () => {
    const run = await otklik(
      "calendar",
      "add",
      "--from",
      "2026-12-30T10:00:00+12:00",
      "--calendar-days",
      "3",
      "--tz",
      "Asia/Kamchatka",
    );
    expect(run).toEqual({ code: 0, stdout: "2027-01-03T00:00:00+12:00\n", stderr: "" });
  });
});

describe.concurrent("otklik calendar with bad arguments", () => {
  it.for<[string, string[]]>([
    [
      "an unknown option",
      ["add", "--form", "2026-03-06T17:30:00+03:00", "--working-minutes", "480"],
    ],
    ["a missing --from", ["add", "--working-minutes", "480"]],
    [
      "two terms at once",
      [
        "add",
        "--from",
        "2026-03-06T17:30:00+03:00",
        "--working-minutes",
        "480",
        "--working-days",
        "1",
      ],
    ],
    [
      "a date that does not exist",
      ["add", "--from", "2026-02-30T10:00:00+03:00", "--working-days", "1"],
    ],
    [
      "an unknown time zone",
      ["add", "--from", "2026-03-06T17:30:00", "--working-days", "1", "--tz", "Europe/Moskva"],
    ],
    ["an unknown subcommand", ["subtract", "--from", "2026-03-06T17:30:00+03:00"]],
  ])("exits with 2 and one line on stderr for %s", async ([, args], { expect }) => {
    const run = await otklik("calendar", ...args);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(lines(run.stderr)).toHaveLength(1);
    expect(run.stderr.endsWith("\n")).toBe(true);
  });
});

describe("otklik calendar check", () => {
  it("accepts the shipped 2026 year file and prints its norms", async () => {
    const run = await otklik("calendar", "check", "src/domain/calendar/data/2026.json");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("2026: 247 / 118; 1972 / 1774.4 / 1181.6");
  });

  it("rejects a year file with an impossible date and a norm that does not add up, naming both", async () => {
    const year = JSON.parse(
      readFileSync(join(ROOT, "src/domain/calendar/data/2026.json"), "utf8"),
    ) as { shortDays: string[]; expected: { workingDays: number } };
    year.shortDays.push("02-30");
    year.expected.workingDays = 246;
    const path = join(scratch, "2026-broken.json");
    writeFileSync(path, JSON.stringify(year));
    const run = await otklik("calendar", "check", path);
    expect(run.code).toBe(1);
    const out = lines(run.stdout);
    expect(out).toHaveLength(2);
    expect(out.some((l) => l.includes("shortDays") && l.includes("02-30"))).toBe(true);
    expect(out.some((l) => l.includes("expected.workingDays") && l.includes("246"))).toBe(true);
  });
});
