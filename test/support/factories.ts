// Builds tenants, departments, users and cases in a line, each test with a tenant of its own.
import type { Db } from "../../src/db/connection.ts";
import { membershipsOf } from "../../src/db/people.ts";
import { loadTenantContext, type TenantContext } from "../../src/app/tenant-context.ts";
import { registerCase, type RegisterInput } from "../../src/app/register-case.ts";
import { createDepartment, createTenant } from "../../src/app/tenants.ts";
import { addMembership, createUser, hashPassword } from "../../src/app/users.ts";
import type { PresetName } from "../../src/domain/regulation/presets.ts";
import type { CaseState } from "../../src/domain/workflow/case.ts";
import type { Actor, Role } from "../../src/domain/workflow/policy.ts";

export const PASSWORD = "correct horse battery";
let passwordHash: Promise<string> | undefined;
let counter = 0;

export interface SeededTenant {
  tenantId: number;
  slug: string;
  ctx: () => Promise<TenantContext>;
  departments: { a: number; b: number };
  users: Record<
    "curator" | "executorA" | "executorB" | "approver" | "supervisor" | "admin",
    { id: number; login: string }
  >;
  actor(who: keyof SeededTenant["users"]): Promise<Actor>;
  /** Registers a message as the tenant's curator, in a transaction of its own; throws if refused. */
  register(input: RegisterInput, now: number): Promise<CaseState>;
}

/** A tenant from a preset with two departments and one user per role (executors in both). */
export async function seedTenant(
  db: Db,
  preset: PresetName,
  now = Date.parse("2026-11-16T00:00:00Z"),
): Promise<SeededTenant> {
  passwordHash ??= hashPassword(PASSWORD);
  const hash = await passwordHash;
  const n = ++counter;
  const slug = `${preset}-${n}-${process.pid}`;
  return db.transaction().execute(async (tx) => {
    const t = await createTenant(
      tx,
      { slug, name: `Тестовая администрация ${n}`, preset },
      null,
      now,
    );
    if (!t.ok) throw new Error(`tenant: ${JSON.stringify(t)}`);
    const a = await createDepartment(tx, t.id, { name: "Отдел ЖКХ" }, null, now);
    const b = await createDepartment(tx, t.id, { name: "Управление образования" }, null, now);
    const make = async (key: string, roles: Array<[Role, number | null]>) => {
      const login = `${key.toLowerCase()}-${slug}`.slice(0, 60);
      const u = await createUser(
        tx,
        { login, passwordHash: hash, fullName: `${key} ${n}` },
        null,
        now,
      );
      if (!u.ok) throw new Error(`user: ${JSON.stringify(u)}`);
      for (const [role, dept] of roles) await addMembership(tx, t.id, u.id, role, dept, null, now);
      return { id: u.id, login };
    };
    const users = {
      curator: await make("curator", [["curator", null]]),
      executorA: await make("executorA", [["executor", a]]),
      executorB: await make("executorB", [["executor", b]]),
      approver: await make("approver", [["approver", null]]),
      supervisor: await make("supervisor", [["supervisor", null]]),
      admin: await make("admin", [["admin", null]]),
    };
    const seeded: SeededTenant = {
      tenantId: t.id,
      slug,
      departments: { a, b },
      users,
      ctx: async () => (await loadTenantContext(db, t.id, 0.25)) as TenantContext,
      actor: async (who) => ({
        userId: users[who].id,
        tenantId: t.id,
        memberships: await membershipsOf(db, users[who].id, t.id),
      }),
      async register(input, at) {
        const ctx = await seeded.ctx();
        const curator = await seeded.actor("curator");
        const r = await db.transaction().execute((tx) => registerCase(tx, ctx, curator, input, at));
        if (!r.ok) throw new Error(`register: ${JSON.stringify(r)}`);
        return r.case;
      },
    };
    return seeded;
  });
}
