// Triage decisions: what curators confirmed or corrected of the suggestions, per case and field.
// The rows are the training data of a tenant's own models.
import type { Tx } from "./cases.ts";
import type { NewRow } from "./schema.ts";

type Field = NewRow<"triage_corrections">["field"];

export async function insertTriageCorrection(
  tx: Tx,
  row: Omit<NewRow<"triage_corrections">, "suggested" | "chosen"> & {
    suggested: unknown;
    chosen: unknown;
  },
): Promise<void> {
  await tx
    .insertInto("triage_corrections")
    .values({
      ...row,
      suggested: row.suggested === null ? null : JSON.stringify(row.suggested),
      chosen: row.chosen === null ? null : JSON.stringify(row.chosen),
    })
    .execute();
}

/** A tenant's decisions, newest first: what a tenant model is retrained from. */
export async function triageCorrectionsOfTenant(
  tx: Tx,
  tenantId: number,
  field: Field,
  limit: number,
) {
  return tx
    .selectFrom("triage_corrections")
    .innerJoin("messages", "messages.id", "triage_corrections.message_id")
    .select([
      "triage_corrections.id",
      "triage_corrections.suggested",
      "triage_corrections.chosen",
      "triage_corrections.at",
      "messages.text",
    ])
    .where("triage_corrections.tenant_id", "=", tenantId)
    .where("triage_corrections.field", "=", field)
    .orderBy("triage_corrections.at", "desc")
    .limit(limit)
    .execute();
}
