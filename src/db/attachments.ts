// Stored files: photos and documents of drafts and messages, each of one tenant.
import type { Tx } from "./cases.ts";
import type { NewRow, Row } from "./schema.ts";

export async function insertAttachment(tx: Tx, row: NewRow<"attachments">): Promise<string> {
  const { id } = await tx
    .insertInto("attachments")
    .values(row)
    .returning("id")
    .executeTakeFirstOrThrow();
  return id;
}

/** A file of the tenant with its bytes; another tenant's file is not found. */
export async function attachmentById(
  tx: Tx,
  tenantId: number,
  id: string,
): Promise<Row<"attachments"> | undefined> {
  return tx
    .selectFrom("attachments")
    .selectAll()
    .where("id", "=", id)
    .where("tenant_id", "=", tenantId)
    .executeTakeFirst();
}
