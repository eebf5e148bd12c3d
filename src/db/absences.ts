// Absences of a tenant's people with their substitutes: who is away and who acts for them.
import type { Tx } from "./cases.ts";

/** Absences that have not ended by `from`, soonest first, with the names of both people. */
export async function absencesOfTenant(tx: Tx, tenantId: number, from: number, userId?: number) {
  let q = tx
    .selectFrom("absences")
    .innerJoin("users as away", "away.id", "absences.user_id")
    .leftJoin("users as substitute", "substitute.id", "absences.substitute_id")
    .select([
      "absences.id",
      "absences.user_id",
      "away.full_name as user_name",
      "absences.starts_at",
      "absences.ends_at",
      "absences.reason",
      "absences.substitute_id",
      "substitute.full_name as substitute_name",
    ])
    .where("absences.tenant_id", "=", tenantId)
    .where("absences.ends_at", ">", new Date(from));
  if (userId !== undefined) q = q.where("absences.user_id", "=", userId);
  return q.orderBy("absences.starts_at").orderBy("absences.id").execute();
}

export async function absenceById(tx: Tx, tenantId: number, id: number) {
  return tx
    .selectFrom("absences")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id)
    .executeTakeFirst();
}
