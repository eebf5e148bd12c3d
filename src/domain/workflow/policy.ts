// One table of who may take which action on a case in which state. Routes check it, every case
// the API returns carries the actions it allows, and the authorization tests are generated from it.
import type { Procedure } from "../regulation/model.ts";
import type { Actor as StageActor, CaseEvent } from "../regulation/schema.ts";
import { isClosed, type CaseState, type CaseStatus } from "./case.ts";

export const ROLES = ["curator", "executor", "approver", "supervisor", "admin"] as const;
export type Role = (typeof ROLES)[number];

export interface Membership {
  role: Role;
  /** The department an executor works in; null for tenant-wide roles. */
  departmentId: number | null;
}

/** Who is acting: a user of a tenant with their roles there. */
export interface Actor {
  userId: number;
  tenantId: number;
  memberships: readonly Membership[];
}

export const ACTIONS = [
  "triage",
  "assign",
  "accept",
  "return",
  "saveDraft",
  "submitDraft",
  "approve",
  "requestRevision",
  "handOver",
  "publish",
  "markNotProcessable",
  "markDuplicate",
  "linkRepeat",
  "setAdditionalControl",
  "reportMeasures",
  "resolve",
  "requestPart",
  "submitPart",
  "designateLead",
  "shortenTerm",
  "requestExtension",
  "decideExtension",
  "escalate",
] as const;
export type Action = (typeof ACTIONS)[number];

const OPEN: readonly CaseStatus[] = [
  "new",
  "returned",
  "assigned",
  "inProgress",
  "onApproval",
  "revision",
  "approved",
  "readyToPublish",
  "interim",
  "rework",
  "additionalControl",
];
const WORKING: readonly CaseStatus[] = [
  "assigned",
  "inProgress",
  "revision",
  "interim",
  "rework",
  "additionalControl",
];

/** Otklik roles that play a stage actor of the regulation ("system" work falls to curators). */
function rolesFor(actor: StageActor | undefined): Role[] {
  switch (actor) {
    case "curator":
    case "system":
      return ["curator"];
    case "executor":
      return ["executor"];
    case "approver":
      return ["approver"];
    case "supervisor":
      return ["supervisor"];
    default:
      return [];
  }
}

/** Roles of the stages that end with an event; `fallback` when the regulation has none. */
function actorsEnding(p: Procedure, event: CaseEvent, fallback: Role[]): Role[] {
  const roles = new Set<Role>();
  for (const s of p.stages)
    if (s.kind !== "total" && s.until.includes(event))
      for (const r of rolesFor(s.actor)) roles.add(r);
  return roles.size ? [...roles] : fallback;
}

export const needsApproval = (p: Procedure): boolean =>
  p.stages.some((s) => s.until.includes("approved"));
export const hasHandOver = (p: Procedure): boolean =>
  p.stages.some((s) => s.until.includes("handedOver"));

interface Rule {
  /** Statuses in which the action can be taken. */
  statuses: (p: Procedure) => readonly CaseStatus[];
  roles: (p: Procedure) => readonly Role[];
  /** "department": an executor only on cases of their department (or where it co-executes). */
  scope: "tenant" | "department";
  /** The regulation has the feature at all. */
  available?: (p: Procedure) => boolean;
  /** Further conditions on the case itself. */
  when?: (c: CaseState, p: Procedure) => boolean;
}

export const POLICY: Record<Action, Rule> = {
  triage: { statuses: () => OPEN, roles: () => ["curator"], scope: "tenant" },
  assign: {
    statuses: () => ["new", "returned", "assigned", "inProgress", "rework"],
    roles: (p) => actorsEnding(p, "assigned", ["curator"]),
    scope: "tenant",
  },
  accept: { statuses: () => ["assigned"], roles: () => ["executor"], scope: "department" },
  return: {
    statuses: () => ["assigned", "inProgress"],
    roles: () => ["executor"],
    scope: "department",
    available: (p) => p.stages.some((s) => s.until.includes("returned")),
    // Only while the stage that allows returning runs (a window closes at its deadline).
    when: (c, p) =>
      c.stages.some(
        (s) =>
          s.status === "open" &&
          p.stages.some((r) => r.id === s.key && r.until.includes("returned")),
      ),
  },
  saveDraft: {
    statuses: () => [...WORKING, "onApproval"],
    roles: () => ["executor"],
    scope: "department",
  },
  submitDraft: {
    statuses: () => WORKING,
    roles: () => ["executor"],
    scope: "department",
    available: needsApproval,
    when: (c) => c.draft?.status === "editing" || c.draft?.status === "returned",
  },
  approve: {
    statuses: () => ["onApproval"],
    roles: (p) => actorsEnding(p, "approved", ["approver"]),
    scope: "tenant",
    available: needsApproval,
  },
  requestRevision: {
    statuses: () => ["onApproval"],
    roles: (p) => actorsEnding(p, "revisionRequested", ["approver"]),
    scope: "tenant",
    available: needsApproval,
  },
  handOver: {
    statuses: () => ["approved"],
    roles: (p) => actorsEnding(p, "handedOver", ["executor"]),
    scope: "department",
    available: hasHandOver,
  },
  publish: {
    // Without approval (the portal) the executor publishes the draft he wrote.
    statuses: (p) =>
      !needsApproval(p) ? WORKING : hasHandOver(p) ? ["readyToPublish"] : ["approved"],
    roles: (p) => actorsEnding(p, "published", ["curator"]),
    scope: "department",
    when: (c, p) =>
      needsApproval(p)
        ? c.draft?.status === "approved"
        : c.draft?.status === "editing" || c.draft?.status === "returned",
  },
  markNotProcessable: {
    statuses: () => ["new", "returned", "assigned", "inProgress"],
    roles: () => ["curator"],
    scope: "tenant",
  },
  // Another author wrote about a problem already in a case: this case closes and its messages join
  // that one (the glossary's duplicate cluster). Decided at triage, before anyone drafts an answer.
  markDuplicate: {
    statuses: () => ["new", "returned", "assigned", "inProgress"],
    roles: () => ["curator"],
    scope: "tenant",
  },
  linkRepeat: { statuses: () => OPEN, roles: () => ["curator", "executor"], scope: "department" },
  setAdditionalControl: {
    statuses: () => [...OPEN, "answered" as const].filter((s) => s !== "additionalControl"),
    roles: (p) => rolesFor(p.additionalControl?.by ?? "curator"),
    scope: "tenant",
    available: (p) => p.additionalControl !== undefined,
  },
  reportMeasures: {
    statuses: () => ["additionalControl"],
    roles: () => ["executor"],
    scope: "department",
    available: (p) => p.additionalControl !== undefined,
  },
  resolve: {
    statuses: () => ["additionalControl"],
    roles: (p) => rolesFor(p.additionalControl?.by ?? "curator"),
    scope: "tenant",
    available: (p) => p.additionalControl !== undefined,
  },
  requestPart: {
    statuses: () => ["assigned", "inProgress", "revision", "interim"],
    roles: (p) => ["executor", ...rolesFor(p.parts?.leadDesignatedBy)],
    scope: "department",
    available: (p) => p.parts !== undefined,
  },
  submitPart: {
    statuses: () => ["assigned", "inProgress", "revision", "onApproval", "interim"],
    roles: () => ["executor"],
    scope: "department",
    available: (p) => p.parts !== undefined,
    when: (c) =>
      c.coExecutors.some(
        (x) => !x.lead && x.partRequestedAt !== null && x.partSubmittedAt === null,
      ),
  },
  designateLead: {
    statuses: () => ["assigned", "inProgress", "revision"],
    roles: (p) => rolesFor(p.parts?.leadDesignatedBy ?? "approver"),
    scope: "tenant",
    available: (p) => p.parts !== undefined,
    when: (c) => c.coExecutors.length > 0,
  },
  shortenTerm: {
    statuses: () => OPEN,
    roles: (p) => rolesFor(p.shortening?.by),
    scope: "tenant",
    available: (p) => p.shortening !== undefined,
  },
  requestExtension: {
    statuses: () => WORKING,
    roles: (p) => rolesFor(p.extension?.requestedBy),
    scope: "department",
    available: (p) => p.extension !== undefined,
    when: (c, p) => c.extensionsUsed < (p.extension?.times ?? 0),
  },
  decideExtension: {
    statuses: () => OPEN,
    roles: (p) => rolesFor(p.extension?.decidedBy),
    scope: "tenant",
    available: (p) => p.extension !== undefined,
  },
  escalate: {
    statuses: () => OPEN,
    roles: (p) => [...new Set<Role>([...rolesFor(p.escalation?.by ?? "curator"), "supervisor"])],
    scope: "tenant",
    when: (c) => c.escalatedAt === null,
  },
};

/** Departments in which the actor may act as an executor on this case. */
function inScope(actor: Actor, c: CaseState): boolean {
  const departments = actor.memberships
    .filter((m) => m.role === "executor")
    .map((m) => m.departmentId);
  return (
    (c.departmentId !== null && departments.includes(c.departmentId)) ||
    c.coExecutors.some((x) => departments.includes(x.departmentId))
  );
}

export function hasRole(actor: Actor, role: Role): boolean {
  return actor.memberships.some((m) => m.role === role);
}

/** Whether the actor may see the case at all. Another tenant's case is invisible. */
export function canSee(
  actor: Actor,
  c: Pick<CaseState, "tenantId" | "departmentId" | "coExecutors">,
): boolean {
  if (actor.tenantId !== c.tenantId) return false;
  if (actor.memberships.some((m) => m.role !== "executor")) return true;
  return inScope(actor, c as CaseState);
}

/** Whether the actor's roles could ever take the action under this procedure (status aside). */
export function mayEver(actor: Actor, action: Action, p: Procedure): boolean {
  const rule = POLICY[action];
  if (rule.available && !rule.available(p)) return false;
  return rule.roles(p).some((r) => hasRole(actor, r));
}

/** What the rules say under one procedure, whatever the case: worked out once per procedure. */
interface ProcedureRules {
  roles: Record<Action, readonly Role[]>;
  /** The actions the procedure has at all that a case in the status could take, in ACTIONS order. */
  byStatus: ReadonlyMap<CaseStatus, readonly Action[]>;
}

// Procedures are values a tenant's context holds for as long as its rules stay the same; a queue
// page asks about every action of each of its rows.
const rulesByProcedure = new WeakMap<Procedure, ProcedureRules>();

function rulesOf(p: Procedure): ProcedureRules {
  let rules = rulesByProcedure.get(p);
  if (!rules) {
    const roles = {} as Record<Action, readonly Role[]>;
    const byStatus = new Map<CaseStatus, Action[]>();
    for (const action of ACTIONS) {
      const rule = POLICY[action];
      roles[action] = rule.roles(p);
      if (rule.available && !rule.available(p)) continue;
      for (const status of rule.statuses(p)) {
        if (isClosed(status) && action !== "setAdditionalControl") continue;
        const list = byStatus.get(status) ?? [];
        list.push(action);
        byStatus.set(status, list);
      }
    }
    rules = { roles, byStatus };
    rulesByProcedure.set(p, rules);
  }
  return rules;
}

/** Whether the actor may take the action on the case now. */
export function may(actor: Actor, action: Action, c: CaseState, p: Procedure): boolean {
  if (!rulesOf(p).byStatus.get(c.status)?.includes(action)) return false;
  return allowedNow(actor, action, c, p);
}

/** The rest of `may` for an action the procedure allows in the case's status. */
function allowedNow(actor: Actor, action: Action, c: CaseState, p: Procedure): boolean {
  const rule = POLICY[action];
  if (rule.when && !rule.when(c, p)) return false;
  const roles = rulesOf(p).roles[action].filter((r) => hasRole(actor, r));
  if (!roles.length) return false;
  if (rule.scope === "department" && roles.every((r) => r === "executor")) return inScope(actor, c);
  return true;
}

/** The actions the actor may take on the case now: what the UI shows as buttons. */
/**
 * The statuses in which a person with these roles may publish an answer under one of the
 * procedures: what their list of answers to publish shows. Empty where others publish.
 */
export function publishingStatuses(
  roles: readonly Role[],
  procedures: readonly Procedure[],
): CaseStatus[] {
  const statuses = new Set<CaseStatus>();
  for (const p of procedures)
    if (POLICY.publish.roles(p).some((r) => roles.includes(r)))
      for (const s of POLICY.publish.statuses(p)) statuses.add(s);
  return [...statuses];
}

export function allowedActions(actor: Actor, c: CaseState, p: Procedure): Action[] {
  if (!canSee(actor, c)) return [];
  const candidates = rulesOf(p).byStatus.get(c.status) ?? [];
  return candidates.filter((a) => allowedNow(actor, a, c, p));
}

/** Work on the tenant itself rather than on one case. */
export const TENANT_ACTIONS = [
  "registerCase",
  "manageDepartments",
  "manageUsers",
  "manageAbsences",
  "manageAccounts",
  "editRegulation",
  "loadCalendar",
  "editRubricator",
  "editGazetteer",
  "viewReports",
] as const;
export type TenantAction = (typeof TENANT_ACTIONS)[number];

/** Who may do each piece of tenant work. Reading the tenant's settings is open to all its members. */
export const TENANT_POLICY: Record<TenantAction, readonly Role[]> = {
  registerCase: ["curator"],
  manageDepartments: ["admin"],
  manageUsers: ["admin"],
  manageAbsences: ["admin"],
  manageAccounts: ["admin"],
  editRegulation: ["admin"],
  loadCalendar: ["admin"],
  editRubricator: ["admin"],
  editGazetteer: ["admin"],
  // The overview counts the whole tenant's cases: not for an executor, who sees one department.
  viewReports: ["supervisor", "approver", "curator"],
};

export function mayOnTenant(actor: Actor, action: TenantAction): boolean {
  return TENANT_POLICY[action].some((r) => hasRole(actor, r));
}

/**
 * How much of a message's author a role sees: the people who answer see the name and the
 * profile; the approver, who reads the answer, the name; supervisors and admins neither.
 */
export type AuthorDetails = "full" | "name" | "none";
export const AUTHOR_DETAILS: Record<Role, AuthorDetails> = {
  curator: "full",
  executor: "full",
  approver: "name",
  supervisor: "none",
  admin: "none",
};

/** The most a person with several roles sees of authors. */
export function authorDetailsFor(actor: Pick<Actor, "memberships">): AuthorDetails {
  const seen = new Set(actor.memberships.map((m) => AUTHOR_DETAILS[m.role]));
  return seen.has("full") ? "full" : seen.has("name") ? "name" : "none";
}
