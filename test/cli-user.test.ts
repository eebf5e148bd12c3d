// `otklik tenant` and `otklik user add` as an external contract: the real ./bin/otklik run as a
// subprocess, setting up a new administration as a deployment's operator would.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createDepartment } from "../src/app/tenants.ts";
import { verifyPassword } from "../src/app/users.ts";
import { migrateToLatest } from "../src/db/migrate.ts";
import { cliDatabase, otklik, type CliDatabase, type Run } from "./support/cli-database.ts";

// Each run starts Node, compiles the sources and opens the database.
vi.setConfig({ testTimeout: 60_000 });

let target: CliDatabase;
let made: Run;
const tenant = (args: string[]) => otklik(["tenant", ...args, ...target.args], { env: target.env });
beforeAll(async () => {
  target = await cliDatabase("user");
  made = await tenant([
    "add",
    "--slug",
    "sobolevo",
    "--name",
    "Администрация Соболевского муниципального района",
    "--regulation",
    "sobolevo",
  ]);
  // The admin would add departments at the desk; here straight into the database.
  const database = await target.open();
  await migrateToLatest(database.db);
  await database.db.transaction().execute(async (tx) => {
    const t = await tx
      .selectFrom("tenants")
      .select("id")
      .where("slug", "=", "sobolevo")
      .executeTakeFirstOrThrow();
    await createDepartment(tx, t.id, { name: "Отдел по социальным вопросам" }, null, Date.now());
  });
  await database.close();
});
afterAll(async () => {
  await target.drop();
});

const add = (args: string[], input?: string) =>
  otklik(["user", "add", ...target.args, ...args], {
    env: target.env,
    ...(input !== undefined ? { input } : {}),
  });

async function account(login: string) {
  const database = await target.open();
  try {
    return await database.db
      .selectFrom("users")
      .innerJoin("memberships", "memberships.user_id", "users.id")
      .leftJoin("departments", "departments.id", "memberships.department_id")
      .select(["users.full_name", "users.password_hash", "memberships.role", "departments.name"])
      .where("users.login", "=", login)
      .execute();
  } finally {
    await database.close();
  }
}

describe("otklik tenant", () => {
  it("adds an administration with a preset's regulation, which the list then shows", async () => {
    expect(made).toMatchObject({ code: 0, stderr: "" });
    expect(made.stdout).toContain("Администрация «sobolevo» добавлена");
    expect(made.stdout).toContain("номера СОБ-");
    expect(made.stdout).toContain("справочник мест пресета sobolevo");
    // What to do next is said in the command to type.
    expect(made.stdout).toContain("otklik user add --tenant sobolevo --role admin");
    const list = await tenant(["list", "--json"]);
    expect(list.code).toBe(0);
    expect(JSON.parse(list.stdout)).toEqual([
      {
        slug: "sobolevo",
        name: "Администрация Соболевского муниципального района",
        timeZone: "Asia/Kamchatka",
        prefix: "СОБ",
        preset: "sobolevo",
      },
    ]);
  });

  it("refuses a second administration with the same case numbers (exit 1) and a regulation that is not there (exit 2)", async () => {
    const neighbour = (regulation: string) =>
      tenant([
        "add",
        "--slug",
        "ust-bolsheretsk",
        "--name",
        "Администрация Усть-Большерецкого района",
        "--regulation",
        regulation,
      ]);
    const twin = await neighbour("sobolevo");
    expect(twin.code).toBe(1);
    expect(twin.stderr).toMatch(/^otklik tenant: [^\n]*СОБ[^\n]*sobolevo[^\n]*--prefix\n$/);
    const nowhere = await neighbour("regulation-of-nowhere.yaml");
    expect(nowhere.code).toBe(2);
    expect(nowhere.stderr).toMatch(/^otklik tenant: [^\n]*regulation-of-nowhere\.yaml[^\n]*\n$/);
    const list = await tenant(["list", "--json"]);
    expect(JSON.parse(list.stdout).map((t: { slug: string }) => t.slug)).toEqual(["sobolevo"]);
  });
});

describe("otklik user add", () => {
  it("adds an executor of a department, whose password then logs in", async () => {
    const run = await add([
      "--login",
      "ivanova",
      "--password",
      "sopka-kedr-2026",
      "--name",
      "Иванова Анна Петровна",
      "--tenant",
      "sobolevo",
      "--role",
      "executor",
      "--department",
      "отдел по социальным вопросам",
    ]);
    expect(run).toMatchObject({ code: 0, stderr: "" });
    expect(run.stdout).toContain("ivanova");
    const rows = await account("ivanova");
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      full_name: "Иванова Анна Петровна",
      role: "executor",
      name: "Отдел по социальным вопросам",
    });
    expect(await verifyPassword(rows[0]!.password_hash, "sopka-kedr-2026")).toBe(true);
  });

  it("reads the password from standard input with --password-stdin", async () => {
    const run = await add(
      [
        "--login",
        "petrov",
        "--password-stdin",
        "--name",
        "Петров Олег",
        "--tenant",
        "sobolevo",
        "--role",
        "supervisor",
      ],
      "tundra-losos-77\n",
    );
    expect(run.code).toBe(0);
    const rows = await account("petrov");
    expect(rows.map((r) => [r.role, r.name])).toEqual([["supervisor", null]]);
    expect(await verifyPassword(rows[0]!.password_hash, "tundra-losos-77")).toBe(true);
  });

  it("refuses a login that is taken, with exit code 1", async () => {
    const run = await add([
      "--login",
      "ivanova",
      "--password",
      "another-pass-1",
      "--name",
      "Другая",
      "--tenant",
      "sobolevo",
      "--role",
      "curator",
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^otklik user: [^\n]*ivanova[^\n]*\n$/);
  });

  const base = ["--login", "someone", "--name", "Кто-то", "--tenant", "sobolevo"];
  it.each([
    ["an unknown role", [...base, "--password", "long-enough-1", "--role", "mayor"]],
    [
      "an executor without a department",
      [...base, "--password", "long-enough-1", "--role", "executor"],
    ],
    [
      "a department the administration does not have",
      [
        ...base,
        "--password",
        "long-enough-1",
        "--role",
        "executor",
        "--department",
        "Отдел кадров",
      ],
    ],
    [
      "an administration that does not exist",
      [
        "--login",
        "x-user",
        "--name",
        "X",
        "--tenant",
        "nowhere",
        "--password",
        "long-enough-1",
        "--role",
        "admin",
      ],
    ],
    ["a short password", [...base, "--password", "short", "--role", "admin"]],
    ["no password", [...base, "--role", "admin"]],
    [
      "a missing name",
      [
        "--login",
        "someone",
        "--tenant",
        "sobolevo",
        "--password",
        "long-enough-1",
        "--role",
        "admin",
      ],
    ],
    [
      "an unknown option",
      [...base, "--password", "long-enough-1", "--role", "admin", "--email", "a@b.c"],
    ],
  ])("refuses %s with one line of error and exit code 2", async (_what, args) => {
    const run = await add(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^otklik user: [^\n]+\n$/);
    expect(await account("someone")).toEqual([]);
  });
});
