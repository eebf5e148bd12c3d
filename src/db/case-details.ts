// What a list row and a case card show beyond the case itself: messages, drafts, publications,
// notes, extension requests, linked cases and the names of the people and departments involved.
import type { Tx } from "./cases.ts";

export async function caseRowById(tx: Tx, tenantId: number, caseId: number) {
  return tx
    .selectFrom("cases")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("id", "=", caseId)
    .executeTakeFirst();
}

export async function stagesOfCase(tx: Tx, caseId: number) {
  return tx.selectFrom("case_stages").selectAll().where("case_id", "=", caseId).execute();
}

/** The latest draft of each case: what decides whether it can be submitted or published. */
export async function latestDraftsOf(tx: Tx, caseIds: number[]) {
  if (!caseIds.length) return [];
  return tx
    .selectFrom("drafts")
    .distinctOn("case_id")
    .select(["id", "case_id", "kind", "status", "version"])
    .where("case_id", "in", caseIds)
    .orderBy("case_id")
    .orderBy("version", "desc")
    .execute();
}

export async function userNames(tx: Tx, ids: number[]): Promise<Map<number, string>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const rows = await tx
    .selectFrom("users")
    .select(["id", "full_name"])
    .where("id", "in", unique)
    .execute();
  return new Map(rows.map((r) => [r.id, r.full_name]));
}

export async function departmentNames(
  tx: Tx,
  tenantId: number,
  ids: number[],
): Promise<Map<number, string>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const rows = await tx
    .selectFrom("departments")
    .select(["id", "name"])
    .where("tenant_id", "=", tenantId)
    .where("id", "in", unique)
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function messagesOfCase(tx: Tx, tenantId: number, caseId: number) {
  return tx
    .selectFrom("messages")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("case_id", "=", caseId)
    .orderBy("detected_at")
    .orderBy("id")
    .execute();
}

/** Cases linked to this one: the earlier case it repeats or duplicates, and its own repeats and duplicates. */
export async function linkedCases(tx: Tx, tenantId: number, caseId: number, refersTo: number[]) {
  return tx
    .selectFrom("cases")
    .select(["id", "number", "status", "repeat_of", "duplicate_of", "opened_at"])
    .where("tenant_id", "=", tenantId)
    .where((eb) =>
      eb.or([
        eb("repeat_of", "=", caseId),
        eb("duplicate_of", "=", caseId),
        ...(refersTo.length ? [eb("id", "in", refersTo)] : []),
      ]),
    )
    .orderBy("opened_at")
    .execute();
}

export async function draftsOfCase(tx: Tx, caseId: number) {
  return tx
    .selectFrom("drafts")
    .leftJoin("users as author", "author.id", "drafts.author_id")
    .leftJoin("users as reviewer", "reviewer.id", "drafts.reviewed_by")
    .select([
      "drafts.id",
      "drafts.kind",
      "drafts.version",
      "drafts.text",
      "drafts.attachments",
      "drafts.checklist",
      "drafts.status",
      "drafts.remarks",
      "drafts.author_id",
      "author.full_name as author_name",
      "drafts.reviewed_by",
      "reviewer.full_name as reviewer_name",
      "drafts.created_at",
      "drafts.submitted_at",
      "drafts.reviewed_at",
    ])
    .where("drafts.case_id", "=", caseId)
    .orderBy("drafts.version")
    .execute();
}

export async function publicationsOfCase(tx: Tx, caseId: number) {
  return tx
    .selectFrom("publications")
    .leftJoin("network_accounts", "network_accounts.id", "publications.account_id")
    .leftJoin("users", "users.id", "publications.published_by")
    .select([
      "publications.id",
      "publications.draft_id",
      "publications.network",
      "publications.account_id",
      "network_accounts.name as account_name",
      "publications.url",
      "publications.state",
      "publications.published_by",
      "users.full_name as published_by_name",
      "publications.published_at",
    ])
    .where("publications.case_id", "=", caseId)
    .orderBy("publications.id")
    .execute();
}

export async function notesOfCase(tx: Tx, caseId: number) {
  return tx
    .selectFrom("notes")
    .leftJoin("users", "users.id", "notes.author_id")
    .select([
      "notes.id",
      "notes.kind",
      "notes.text",
      "notes.author_id",
      "users.full_name as author_name",
      "notes.created_at",
    ])
    .where("notes.case_id", "=", caseId)
    .orderBy("notes.id")
    .execute();
}

export async function extensionRequestsOfCase(tx: Tx, caseId: number) {
  return tx
    .selectFrom("extension_requests")
    .leftJoin("users as requester", "requester.id", "extension_requests.requested_by")
    .leftJoin("users as decider", "decider.id", "extension_requests.decided_by")
    .select([
      "extension_requests.id",
      "extension_requests.days",
      "extension_requests.comment",
      "extension_requests.requested_by",
      "requester.full_name as requested_by_name",
      "extension_requests.requested_at",
      "extension_requests.decision",
      "extension_requests.decided_by",
      "decider.full_name as decided_by_name",
      "extension_requests.decided_at",
    ])
    .where("extension_requests.case_id", "=", caseId)
    .orderBy("extension_requests.id")
    .execute();
}

/** Where a case is, for deciding who may hear of its changes. */
export async function caseScope(tx: Tx, tenantId: number, caseId: number) {
  return tx
    .selectFrom("cases")
    .select(["tenant_id", "department_id", "co_executors"])
    .where("tenant_id", "=", tenantId)
    .where("id", "=", caseId)
    .executeTakeFirst();
}
