// People: a user by login, their roles in every tenant, the staff of a tenant.
import type { Tx } from "./cases.ts";

export async function userByLogin(tx: Tx, login: string) {
  return tx
    .selectFrom("users")
    .select(["id", "login", "password_hash", "full_name", "locale", "active"])
    .where("login", "=", login.trim().toLowerCase())
    .executeTakeFirst();
}

/** Every role of a user, in every tenant, with the names people read. */
export async function rolesOfUser(tx: Tx, userId: number) {
  return tx
    .selectFrom("memberships")
    .innerJoin("tenants", "tenants.id", "memberships.tenant_id")
    .leftJoin("departments", "departments.id", "memberships.department_id")
    .select([
      "memberships.id",
      "memberships.tenant_id",
      "tenants.slug as tenant_slug",
      "tenants.name as tenant_name",
      "tenants.time_zone",
      "memberships.role",
      "memberships.department_id",
      "departments.name as department_name",
    ])
    .where("memberships.user_id", "=", userId)
    .orderBy("memberships.tenant_id")
    .orderBy("memberships.id")
    .execute();
}

/** The staff of a tenant: users with at least one role there, and those roles. */
export async function usersOfTenant(tx: Tx, tenantId: number) {
  return tx
    .selectFrom("memberships")
    .innerJoin("users", "users.id", "memberships.user_id")
    .leftJoin("departments", "departments.id", "memberships.department_id")
    .select([
      "users.id",
      "users.login",
      "users.full_name",
      "users.email",
      "users.phone",
      "users.active",
      "memberships.id as membership_id",
      "memberships.role",
      "memberships.department_id",
      "departments.name as department_name",
    ])
    .where("memberships.tenant_id", "=", tenantId)
    .orderBy("users.full_name")
    .orderBy("users.id")
    .orderBy("memberships.id")
    .execute();
}

/** Whether a user has any role in a tenant: other tenants' people are invisible. */
export async function isMemberOf(tx: Tx, tenantId: number, userId: number): Promise<boolean> {
  const row = await tx
    .selectFrom("memberships")
    .select("id")
    .where("tenant_id", "=", tenantId)
    .where("user_id", "=", userId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export async function membershipById(tx: Tx, tenantId: number, id: number) {
  return tx
    .selectFrom("memberships")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id)
    .executeTakeFirst();
}
