// Departments of a tenant: structural units, territorial units, settlement administrations.
import type { Tx } from "./cases.ts";

export async function departmentsOfTenant(tx: Tx, tenantId: number) {
  return tx
    .selectFrom("departments")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .orderBy("name")
    .execute();
}

export async function departmentById(tx: Tx, tenantId: number, id: number) {
  return tx
    .selectFrom("departments")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id)
    .executeTakeFirst();
}

export async function departmentByName(tx: Tx, tenantId: number, name: string) {
  return tx
    .selectFrom("departments")
    .select("id")
    .where("tenant_id", "=", tenantId)
    .where("name", "=", name)
    .executeTakeFirst();
}
