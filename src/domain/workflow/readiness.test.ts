import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Regulation } from "../regulation/model.ts";
import { parseRegulation } from "../regulation/parse.ts";
import type { PresetName } from "../regulation/presets.ts";
import { leftWithNobody, readinessOf, rolesAtWork, type ReadinessInput } from "./readiness.ts";

function preset(name: PresetName): Regulation {
  const r = parseRegulation(
    readFileSync(new URL(`../regulation/presets/${name}.yaml`, import.meta.url), "utf8"),
  );
  if (!r.ok) throw new Error(`${name} does not parse`);
  return r.regulation;
}

const NOW = Date.UTC(2026, 11, 8, 6);
const HOUR = 3_600_000;
const WATER = { code: "water", name: "Водоснабжение" };
const ROADS = { code: "roads", name: "Дороги" };

/** Sobolevo set up in full: every role held, two departments in charge of both topics. */
function ready(): ReadinessInput {
  return {
    regulation: preset("sobolevo"),
    holders: [
      { userId: 1, role: "curator", departmentId: null },
      { userId: 2, role: "approver", departmentId: null },
      { userId: 3, role: "supervisor", departmentId: null },
      { userId: 4, role: "executor", departmentId: 10 },
      { userId: 5, role: "executor", departmentId: 10 },
      { userId: 6, role: "executor", departmentId: 20 },
    ],
    absences: [],
    departments: [
      { id: 10, name: "ЖКХ", kind: "structural", active: true, topics: ["water"], settlements: [] },
      {
        id: 20,
        name: "Администрация Устьевого",
        kind: "settlement",
        active: true,
        topics: ["roads"],
        settlements: ["Устьевое"],
      },
    ],
    topics: [WATER, ROADS],
    gazetteer: "preset",
    accounts: 1,
    calendarNotLoaded: [],
    now: NOW,
  };
}

describe("is the administration ready to work its regulation", () => {
  it("finds nothing when every role is held and every department can take work", () => {
    expect(readinessOf(ready())).toEqual([]);
  });

  it("names a role the regulation gives work to and nobody holds, with that work", () => {
    const input = ready();
    input.holders = input.holders.filter((h) => h.role !== "approver");
    const [finding, ...rest] = readinessOf(input);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ kind: "roleNotHeld", role: "approver" });
    expect(finding).toHaveProperty("actions", expect.arrayContaining(["approve"]));
  });

  it("follows the regulation: Krymsk's executors publish, Purovsky's curators do", () => {
    expect(rolesAtWork(preset("krymsk")).get("executor")).toContain("publish");
    expect(rolesAtWork(preset("krymsk")).get("curator")).not.toContain("publish");
    expect(rolesAtWork(preset("purovsky")).get("curator")).toContain("publish");
    // Only regulations with an escalation give work to a supervisor.
    expect(rolesAtWork(preset("sobolevo")).get("supervisor")).toContain("escalate");
  });

  it("names a department nobody can accept work in, and one whose people are all away", () => {
    const input = ready();
    input.holders = input.holders.filter((h) => h.departmentId !== 20);
    input.absences = [
      { userId: 4, startsAt: NOW - HOUR, endsAt: NOW + 48 * HOUR, substituteId: 5 },
      { userId: 5, startsAt: NOW - HOUR, endsAt: NOW + HOUR, substituteId: null },
    ];
    expect(readinessOf(input)).toEqual([
      { kind: "departmentWithoutExecutors", departmentId: 20, name: "Администрация Устьевого" },
      { kind: "departmentAway", departmentId: 10, name: "ЖКХ" },
    ]);
    // Back at work in two hours: the department can take work again.
    expect(readinessOf({ ...input, now: NOW + 2 * HOUR })).toEqual([
      { kind: "departmentWithoutExecutors", departmentId: 20, name: "Администрация Устьевого" },
    ]);
  });

  it("a new district: no people, no departments, no gazetteer, no accounts — blockers first", () => {
    const kinds = readinessOf({
      ...ready(),
      holders: [],
      departments: [],
      gazetteer: "none",
      accounts: 0,
      calendarNotLoaded: [2027],
    }).map((f) => f.kind);
    expect(kinds).toEqual([
      "roleNotHeld",
      "roleNotHeld",
      "roleNotHeld",
      "roleNotHeld",
      "noDepartments",
      "noGazetteer",
      "calendarNotLoaded",
      "noAccounts",
    ]);
  });

  it("names topics nobody is in charge of, and a territorial unit that names no settlement", () => {
    const input = ready();
    input.departments = [
      ...input.departments.map((d) => (d.id === 20 ? { ...d, topics: [], settlements: [] } : d)),
      // A closed department counts for nothing.
      {
        id: 30,
        name: "Упразднённый отдел",
        kind: "structural",
        active: false,
        topics: ["roads"],
        settlements: [],
      },
    ];
    expect(readinessOf(input)).toEqual([
      { kind: "topicsWithoutDepartment", topics: ["Дороги"] },
      { kind: "unitWithoutSettlements", departmentId: 20, name: "Администрация Устьевого" },
    ]);
  });
});

describe("what a change of people would leave with nobody", () => {
  const regulation = preset("sobolevo");
  const staff = ready().holders.map(({ role, departmentId }) => ({ role, departmentId }));
  const open = new Set([10, 20]);

  it("the only approver switched off: approving is nobody's", () => {
    const after = staff.filter((h) => h.role !== "approver");
    const left = leftWithNobody(regulation, staff, after, open);
    expect(left.roles.map((r) => r.role)).toEqual(["approver"]);
    expect(left.roles[0]!.actions).toContain("approve");
    expect(left.departments).toEqual([]);
  });

  it("one of two executors of a department leaves: nothing; the only one: the department", () => {
    const oneOfTwo = staff.filter((h, i) => !(h.departmentId === 10 && i === 3));
    expect(leftWithNobody(regulation, staff, oneOfTwo, open)).toEqual({
      roles: [],
      departments: [],
    });
    const only = staff.filter((h) => h.departmentId !== 20);
    expect(leftWithNobody(regulation, staff, only, open)).toEqual({ roles: [], departments: [20] });
    // A closed department is nobody's concern.
    expect(leftWithNobody(regulation, staff, only, new Set([10]))).toEqual({
      roles: [],
      departments: [],
    });
  });

  it("a role nobody held before is readiness's to name, not this change's", () => {
    const noSupervisor = staff.filter((h) => h.role !== "supervisor");
    const after = noSupervisor.filter((h) => h.role !== "curator");
    expect(leftWithNobody(regulation, noSupervisor, after, open).roles.map((r) => r.role)).toEqual([
      "curator",
    ]);
  });
});
