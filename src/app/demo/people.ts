// The demo's staff: one login per person and role, with readable passwords from the seed.
import type { Role } from "../../domain/workflow/policy.ts";
import { ADMINISTRATIONS, type DemoAdministration } from "./administrations.ts";
import { Random } from "./random.ts";

/** One line of `otklik demo --json`: the external contract. */
export interface DemoUser {
  tenant: string;
  login: string;
  password: string;
  role: Role;
  /** The executor's department; null for tenant-wide roles. */
  department: string | null;
}

export interface DemoPerson extends DemoUser {
  fullName: string;
  /** Every role the person holds (the curator also approves where the regulation says so). */
  roles: Role[];
  departmentKey: string | null;
}

// Words of the territories, in Latin letters so that any keyboard types them.
const WORDS = [
  "kedr",
  "sopka",
  "losos",
  "tundra",
  "vulkan",
  "zaliv",
  "sosna",
  "bereza",
  "rechka",
  "olen",
  "sever",
  "kamchatka",
  "yamal",
  "kuban",
  "moksha",
  "lada",

  "ryabina",
  "polyana",
  "tayga",
];

function password(random: Random): string {
  return `${random.pick(WORDS)}-${random.pick(WORDS)}-${random.int(10, 99)}`;
}

/** Everyone the demo creates, in a fixed order; the same seed gives the same logins and passwords. */
export function demoPeople(seed: string): DemoPerson[] {
  const random = new Random(seed).fork("passwords");
  const people: DemoPerson[] = [];
  for (const a of ADMINISTRATIONS) people.push(...administrationPeople(a, random));
  return people;
}

function administrationPeople(a: DemoAdministration, random: Random): DemoPerson[] {
  const person = (
    key: string,
    role: Role,
    fullName: string,
    extra: Partial<Pick<DemoPerson, "roles" | "department" | "departmentKey">> = {},
  ): DemoPerson => ({
    tenant: a.slug,
    login: `${a.slug}.${key}`,
    password: password(random),
    role,
    department: extra.department ?? null,
    fullName,
    roles: extra.roles ?? [role],
    departmentKey: extra.departmentKey ?? null,
  });
  const out: DemoPerson[] = [
    person("curator", "curator", a.curator, {
      roles: a.curatorApproves ? ["curator", "approver"] : ["curator"],
    }),
    person("approver", "approver", a.approver),
    person("supervisor", "supervisor", a.supervisor),
    person("admin", "admin", a.admin),
  ];
  for (const d of a.departments)
    d.executors.forEach((fullName, i) =>
      out.push(
        person(i === 0 ? d.key : `${d.key}${i + 1}`, "executor", fullName, {
          department: d.name,
          departmentKey: d.key,
        }),
      ),
    );
  return out;
}
