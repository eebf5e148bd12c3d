// Stored files: photos and documents of drafts and messages, each of one tenant.
import { sql } from "kysely";
import { jsonArrayFrom } from "kysely/helpers/postgres";
import type { CaseState } from "../domain/workflow/case.ts";
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

/** Where a case that refers to a file works: enough to tell who may see it. */
export interface ReferringCase {
  id: number;
  departmentId: number | null;
  coExecutors: CaseState["coExecutors"];
}

/**
 * A file of the tenant with its bytes and the cases that refer to it — a draft or a message of
 * theirs lists its address among its attachments — in one statement. Drafts and messages take
 * files by address (`url`), so the address is what links a file to a case.
 */
export async function attachmentWithCases(
  tx: Tx,
  tenantId: number,
  id: string,
  url: string,
): Promise<(Row<"attachments"> & { cases: ReferringCase[] }) | undefined> {
  const ref = JSON.stringify([{ url }]);
  // "<> '[]'" repeats the predicate of the partial indexes drafts_attachments and
  // messages_attachments (migration 2026-12-07T1100), so that they serve this lookup.
  const row = await tx
    .selectFrom("attachments")
    .selectAll("attachments")
    .select((eb) =>
      jsonArrayFrom(
        eb
          .selectFrom("cases")
          .select([
            "cases.id",
            "cases.department_id as departmentId",
            "cases.co_executors as coExecutors",
          ])
          .where("cases.tenant_id", "=", tenantId)
          .where("cases.id", "in", (w) =>
            w
              .selectFrom("drafts")
              .select("drafts.case_id")
              .where("drafts.tenant_id", "=", tenantId)
              .where(sql<boolean>`drafts.attachments <> '[]'::jsonb`)
              .where(sql<boolean>`drafts.attachments @> ${ref}::jsonb`)
              .union(
                w
                  .selectFrom("messages")
                  .select("messages.case_id")
                  .where("messages.tenant_id", "=", tenantId)
                  .where(sql<boolean>`messages.attachments <> '[]'::jsonb`)
                  .where(sql<boolean>`messages.attachments @> ${ref}::jsonb`)
                  .$narrowType<{ case_id: number }>(),
              ),
          )
          .orderBy("cases.id"),
      ).as("cases"),
    )
    .where("attachments.id", "=", id)
    .where("attachments.tenant_id", "=", tenantId)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    ...row,
    cases: row.cases.map((c) => ({
      id: c.id,
      departmentId: c.departmentId,
      coExecutors: (Array.isArray(c.coExecutors)
        ? c.coExecutors
        : []) as ReferringCase["coExecutors"],
    })),
  };
}
