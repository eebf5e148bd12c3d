// Is the administration ready to work its regulation? What an admin setting up a district (or
// checking one on a Monday) must see at once: a role the regulation needs that nobody holds, a
// department nobody can accept work in, topics nobody is in charge of, no production calendar for
// the year. Each finding names the admin's section that mends it.
import type { Regulation } from "../regulation/model.ts";
import { resolveAssignee, type Absence } from "./absence.ts";
import { ACTIONS, POLICY, type Action, type Role } from "./policy.ts";

export interface ReadinessInput {
  regulation: Regulation;
  /** Active people's roles; executors with their department. */
  holders: ReadonlyArray<{ userId: number; role: Role; departmentId: number | null }>;
  /** Absences touching now. */
  absences: readonly Absence[];
  departments: ReadonlyArray<{
    id: number;
    name: string;
    kind: string;
    active: boolean;
    topics: readonly string[];
    settlements: readonly string[];
  }>;
  /** The rubricator's topics. */
  topics: ReadonlyArray<{ code: string; name: string }>;
  gazetteer: "tenant" | "preset" | "none";
  /** Active accounts in the networks. */
  accounts: number;
  /** Years of the production calendar the desk counts in now that were not loaded. */
  calendarNotLoaded: readonly number[];
  now: number;
}

export type ReadinessSection = "users" | "departments" | "calendar" | "gazetteer" | "accounts";

export type ReadinessFinding =
  /** The regulation gives these actions to a role no active person holds. */
  | { kind: "roleNotHeld"; role: Role; actions: Action[] }
  | { kind: "noDepartments" }
  /** Cases routed there cannot be accepted: no executor works in it. */
  | { kind: "departmentWithoutExecutors"; departmentId: number; name: string }
  /** Every executor of the department is away now with no substitute at work. */
  | { kind: "departmentAway"; departmentId: number; name: string }
  /** Topics of the rubricator no active department is in charge of: routing offers everyone. */
  | { kind: "topicsWithoutDepartment"; topics: string[] }
  /** A territorial unit or settlement administration that names no settlement. */
  | { kind: "unitWithoutSettlements"; departmentId: number; name: string }
  | { kind: "noGazetteer" }
  | { kind: "calendarNotLoaded"; years: number[] }
  /** No account in the networks: answers are posted by hand and confirmed with their link. */
  | { kind: "noAccounts" };

export type ReadinessLevel = "blocker" | "warning";

export const READINESS: Record<
  ReadinessFinding["kind"],
  { level: ReadinessLevel; section: ReadinessSection }
> = {
  roleNotHeld: { level: "blocker", section: "users" },
  noDepartments: { level: "blocker", section: "departments" },
  departmentWithoutExecutors: { level: "blocker", section: "users" },
  departmentAway: { level: "warning", section: "users" },
  topicsWithoutDepartment: { level: "warning", section: "departments" },
  unitWithoutSettlements: { level: "warning", section: "departments" },
  noGazetteer: { level: "warning", section: "gazetteer" },
  calendarNotLoaded: { level: "warning", section: "calendar" },
  noAccounts: { level: "warning", section: "accounts" },
};

const TERRITORIAL = new Set(["territorial", "settlement"]);

/** The roles the regulation gives work to, with that work, in the order of the policy's actions. */
export function rolesAtWork(regulation: Regulation): Map<Role, Action[]> {
  const out = new Map<Role, Action[]>();
  for (const action of ACTIONS) {
    const rule = POLICY[action];
    for (const p of regulation.procedures) {
      if (rule.available && !rule.available(p)) continue;
      for (const role of rule.roles(p)) {
        const list = out.get(role) ?? [];
        if (!list.includes(action)) list.push(action);
        out.set(role, list);
      }
    }
  }
  return out;
}

type Holding = { role: Role; departmentId: number | null };

/**
 * What a change of people (a person switched off, a role taken away) would leave with nobody:
 * roles the regulation gives work to, and the executors of open departments — held before the
 * change and not after it.
 */
export function leftWithNobody(
  regulation: Regulation,
  before: readonly Holding[],
  after: readonly Holding[],
  openDepartments: ReadonlySet<number>,
): { roles: Array<{ role: Role; actions: Action[] }>; departments: number[] } {
  const roles = [...rolesAtWork(regulation)]
    .filter(([r]) => before.some((h) => h.role === r) && !after.some((h) => h.role === r))
    .map(([role, actions]) => ({ role, actions }));
  const staffed = (list: readonly Holding[]) =>
    new Set(
      list.flatMap((h) =>
        h.role === "executor" && h.departmentId !== null ? [h.departmentId] : [],
      ),
    );
  const now = staffed(after);
  const departments = [...staffed(before)].filter((d) => openDepartments.has(d) && !now.has(d));
  return { roles, departments };
}

/** What stands between the administration and its regulation's work: blockers first. */
export function readinessOf(input: ReadinessInput): ReadinessFinding[] {
  const findings: ReadinessFinding[] = [];
  const held = new Set(input.holders.map((h) => h.role));
  for (const [role, actions] of rolesAtWork(input.regulation))
    if (!held.has(role)) findings.push({ kind: "roleNotHeld", role, actions });

  const active = input.departments.filter((d) => d.active);
  if (active.length === 0) findings.push({ kind: "noDepartments" });
  for (const d of active) {
    const executors = input.holders.filter((h) => h.role === "executor" && h.departmentId === d.id);
    if (executors.length === 0)
      findings.push({ kind: "departmentWithoutExecutors", departmentId: d.id, name: d.name });
    else if (executors.every((e) => !resolveAssignee(e.userId, input.absences, input.now).ok))
      findings.push({ kind: "departmentAway", departmentId: d.id, name: d.name });
  }
  if (active.length > 0) {
    const covered = new Set(active.flatMap((d) => d.topics));
    const orphans = input.topics.filter((t) => !covered.has(t.code)).map((t) => t.name);
    if (orphans.length) findings.push({ kind: "topicsWithoutDepartment", topics: orphans });
  }
  for (const d of active)
    if (TERRITORIAL.has(d.kind) && d.settlements.length === 0)
      findings.push({ kind: "unitWithoutSettlements", departmentId: d.id, name: d.name });
  if (input.gazetteer === "none") findings.push({ kind: "noGazetteer" });
  if (input.calendarNotLoaded.length)
    findings.push({ kind: "calendarNotLoaded", years: [...input.calendarNotLoaded] });
  if (input.accounts === 0) findings.push({ kind: "noAccounts" });

  const rank = (f: ReadinessFinding) => (READINESS[f.kind].level === "blocker" ? 0 : 1);
  return findings
    .map((f, i) => [f, i] as const)
    .sort((a, b) => rank(a[0]) - rank(b[0]) || a[1] - b[1])
    .map(([f]) => f);
}
