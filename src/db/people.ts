// Users, their roles in tenants, absences: who acts, and who gets what.
import type { Membership, Role } from "../domain/workflow/policy.ts";
import type { Absence } from "../domain/workflow/absence.ts";
import type { Tx } from "./cases.ts";

export async function membershipsOf(
  tx: Tx,
  userId: number,
  tenantId: number,
): Promise<Membership[]> {
  const rows = await tx
    .selectFrom("memberships")
    .select(["role", "department_id"])
    .where("user_id", "=", userId)
    .where("tenant_id", "=", tenantId)
    .execute();
  return rows.map((r) => ({ role: r.role, departmentId: r.department_id }));
}

/** Absences of a tenant's people that touch an instant. */
export async function absencesAt(tx: Tx, tenantId: number, at: number): Promise<Absence[]> {
  const when = new Date(at);
  const rows = await tx
    .selectFrom("absences")
    .select(["user_id", "starts_at", "ends_at", "substitute_id"])
    .where("tenant_id", "=", tenantId)
    .where("starts_at", "<=", when)
    .where("ends_at", ">", when)
    .execute();
  return rows.map((r) => ({
    userId: r.user_id,
    startsAt: r.starts_at.getTime(),
    endsAt: r.ends_at.getTime(),
    substituteId: r.substitute_id,
  }));
}

/** Active users of a tenant with a role (executors: of a department). */
export async function usersWithRole(
  tx: Tx,
  tenantId: number,
  role: Role,
  departmentId?: number,
): Promise<number[]> {
  let q = tx
    .selectFrom("memberships")
    .innerJoin("users", "users.id", "memberships.user_id")
    .select("users.id")
    .where("memberships.tenant_id", "=", tenantId)
    .where("memberships.role", "=", role)
    .where("users.active", "=", true);
  if (departmentId !== undefined) q = q.where("memberships.department_id", "=", departmentId);
  return [...new Set((await q.execute()).map((r) => r.id))];
}
