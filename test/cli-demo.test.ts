// `otklik demo` as an external contract: the real ./bin/otklik run as a subprocess, twice.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyPassword } from "../src/app/users.ts";
import { ROLES } from "../src/domain/workflow/policy.ts";
import { cliDatabase, otklik, type CliDatabase, type Run } from "./support/cli-database.ts";

const NOW = "2026-11-18T12:00:00+03:00";
const TENANTS = ["purovsky", "krymsk", "bor", "lyambir", "sobolevo"];
// Replaying three weeks of five administrations takes a while on a busy machine.
const SEEDING = 600_000;

interface DemoUser {
  tenant: string;
  login: string;
  password: string;
  role: string;
  department: string | null;
}

let target: CliDatabase;
let first: Run;
let users: DemoUser[];

beforeAll(async () => {
  target = await cliDatabase("demo");
  first = await otklik(["demo", ...target.args, "--json", "--now", NOW], { env: target.env });
  users = first.code === 0 ? (JSON.parse(first.stdout) as { users: DemoUser[] }).users : [];
}, SEEDING);
afterAll(async () => {
  await target.drop();
});

const counts = async () => {
  const database = await target.open();
  try {
    const row = async (table: "tenants" | "cases" | "users" | "audit_log" | "notifications") =>
      Number(
        (
          await database.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );
    return {
      tenants: await row("tenants"),
      cases: await row("cases"),
      users: await row("users"),
      audit: await row("audit_log"),
      notifications: await row("notifications"),
    };
  } finally {
    await database.close();
  }
};

describe("otklik demo --json", () => {
  it("prints every demo login with its password, role and department", () => {
    expect(first.code).toBe(0);
    expect(Object.keys(JSON.parse(first.stdout))).toEqual(["users"]);
    for (const u of users) {
      expect(Object.keys(u).sort()).toEqual(["department", "login", "password", "role", "tenant"]);
      expect(TENANTS).toContain(u.tenant);
      expect(ROLES).toContain(u.role);
      expect(u.password.length).toBeGreaterThanOrEqual(10);
      if (u.role === "executor") expect(typeof u.department).toBe("string");
      else expect(u.department).toBeNull();
    }
    expect(new Set(users.map((u) => u.login)).size).toBe(users.length);
    for (const tenant of TENANTS) {
      const mine = users.filter((u) => u.tenant === tenant);
      for (const role of ["curator", "approver", "supervisor", "admin"])
        expect(
          mine.filter((u) => u.role === role),
          `${tenant} ${role}`,
        ).toHaveLength(1);
      const departments = new Set(
        mine.filter((u) => u.role === "executor").map((u) => u.department),
      );
      expect(departments.size, tenant).toBeGreaterThanOrEqual(2);
    }
  });

  it("creates the five administrations with cases in every stage, some overdue and some at risk", async () => {
    const database = await target.open();
    try {
      const db = database.db;
      const tenants = await db.selectFrom("tenants").select(["slug", "name"]).execute();
      expect(tenants.map((t) => t.slug).sort()).toEqual([...TENANTS].sort());
      const rows = await db
        .selectFrom("cases")
        .innerJoin("tenants", "tenants.id", "cases.tenant_id")
        .select(["tenants.slug", "cases.status", "cases.risk", "cases.channel"])
        .execute();
      expect(rows.length).toBeGreaterThanOrEqual(200);
      const statuses = new Set(rows.map((r) => r.status));
      for (const status of [
        "new",
        "assigned",
        "inProgress",
        "onApproval",
        "revision",
        "approved",
        "interim",
        "answered",
        "notProcessable",
        "returned",
      ])
        expect(statuses, status).toContain(status);
      expect(rows.some((r) => r.slug === "lyambir" && r.status === "additionalControl")).toBe(true);
      expect(rows.some((r) => r.slug === "sobolevo" && r.status === "readyToPublish")).toBe(true);
      expect(rows.some((r) => r.slug === "sobolevo" && r.channel === "portal")).toBe(true);
      expect(rows.some((r) => r.risk === "overdue")).toBe(true);
      expect(rows.some((r) => r.risk === "atRisk")).toBe(true);
      for (const slug of TENANTS)
        expect(rows.filter((r) => r.slug === slug).length, slug).toBeGreaterThanOrEqual(30);

      // The scheduler ran through the weeks: its warnings are in the audit log, by nobody.
      const warnings = await db
        .selectFrom("audit_log")
        .select(["actor_id"])
        .where("action", "in", ["overdue", "atRisk"])
        .execute();
      expect(warnings.length).toBeGreaterThan(0);
      expect(warnings.every((w) => w.actor_id === null)).toBe(true);
      expect(await db.selectFrom("absences").select("substitute_id").execute()).not.toHaveLength(0);

      // The printed password is the one that logs in.
      const curator = users.find((u) => u.tenant === "sobolevo" && u.role === "curator");
      const stored = await db
        .selectFrom("users")
        .select("password_hash")
        .where("login", "=", curator?.login ?? "")
        .executeTakeFirstOrThrow();
      expect(await verifyPassword(stored.password_hash, curator?.password ?? "")).toBe(true);
    } finally {
      await database.close();
    }
  });

  it(
    "run again, prints the same logins and creates nothing",
    async () => {
      const before = await counts();
      const again = await otklik(["demo", ...target.args, "--json", "--now", NOW], {
        env: target.env,
      });
      expect(again.code).toBe(0);
      expect(JSON.parse(again.stdout)).toEqual({ users });
      expect(await counts()).toEqual(before);
    },
    SEEDING,
  );
});

describe("otklik demo with bad arguments", () => {
  it.each([
    [["--now", "вчера"]],
    [["--now", "2031-01-01T00:00:00Z"]],
    [["--color"]],
    [["--data"]],
    [["extra"]],
  ])(
    "%j ends with one line of error and exit code 2",
    async (args) => {
      const run = await otklik(["demo", ...args], { env: target.env });
      expect(run.code).toBe(2);
      expect(run.stdout).toBe("");
      expect(run.stderr).toMatch(/^otklik demo: [^\n]+\n$/);
    },
    60_000,
  );
});
