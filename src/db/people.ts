// Users, their roles in tenants, absences: who acts, and who gets what.
import type { Membership, Role } from "../domain/workflow/policy.ts";
import type { Absence } from "../domain/workflow/absence.ts";
import { sql } from "kysely";
import { epochMs, type Tx } from "./cases.ts";

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

/**
 * In one statement: the absences of a tenant's people that touch an instant, and the active
 * holders of some roles (executors with their department) — whom a notification may reach.
 */
export async function absencesAndRoleHolders(tx: Tx, tenantId: number, roles: Role[], now: number) {
  const when = new Date(now);
  const result = await sql<{
    absences: Array<{
      userId: number;
      startsAt: number;
      endsAt: number;
      substituteId: number | null;
    }> | null;
    holders: Array<{ userId: number; role: Role; departmentId: number | null }> | null;
  }>`
    select
      (select json_agg(json_build_object(
          'userId', user_id, 'substituteId', substitute_id,
          'startsAt', ${epochMs("starts_at")}, 'endsAt', ${epochMs("ends_at")}))
        from absences
        where tenant_id = ${tenantId} and starts_at <= ${when} and ends_at > ${when}) as absences,
      (select json_agg(json_build_object(
          'userId', m.user_id, 'role', m.role, 'departmentId', m.department_id) order by m.id)
        from memberships m join users u on u.id = m.user_id
        where m.tenant_id = ${tenantId} and u.active
          and m.role in (${roles.length ? sql.join(roles) : sql`null`})) as holders`.execute(tx);
  const row = result.rows[0];
  return {
    absences: (row?.absences ?? []).map((a): Absence => ({
      ...a,
      startsAt: Number(a.startsAt),
      endsAt: Number(a.endsAt),
    })),
    holders: row?.holders ?? [],
  };
}
