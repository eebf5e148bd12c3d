// The tenant's accounts in the networks, from which answers are published.
import type { Tx } from "./cases.ts";

export async function accountsOfTenant(tx: Tx, tenantId: number) {
  return tx
    .selectFrom("network_accounts")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .orderBy("network")
    .orderBy("name")
    .execute();
}

export async function accountById(tx: Tx, tenantId: number, id: number) {
  return tx
    .selectFrom("network_accounts")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id)
    .executeTakeFirst();
}
