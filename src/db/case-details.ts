// What a list row and a case card show beyond the case itself: messages, drafts, publications,
// notes, extension requests, linked cases and the names of the people and departments involved.
import { jsonArrayFrom } from "kysely/helpers/postgres";
import { sql } from "kysely";
import {
  CASE_COLUMNS,
  latestDraftJson,
  stagesJson,
  type DraftJson,
  type StageJson,
} from "./cases.ts";
import type { Tx } from "./cases.ts";
import { compiledOnce } from "./compiled-once.ts";

export async function caseRowById(tx: Tx, tenantId: number, caseId: number) {
  return tx
    .selectFrom("cases")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("id", "=", caseId)
    .executeTakeFirst();
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

const messagesOfCase = (tx: Tx, tenantId: number, caseId: number) =>
  tx
    .selectFrom("messages")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("case_id", "=", caseId)
    .orderBy("detected_at")
    .orderBy("id");

/** Cases linked to case `c`: the earlier case it repeats or duplicates, and its own repeats and duplicates. */
const linkedCases = (tx: Tx, tenantId: number, caseId: number) =>
  tx
    .selectFrom("cases as l")
    .select(["l.id", "l.number", "l.status", "l.repeat_of", "l.duplicate_of", "l.opened_at"])
    .where("l.tenant_id", "=", tenantId)
    .where((eb) =>
      eb.or([
        eb("l.repeat_of", "=", caseId),
        eb("l.duplicate_of", "=", caseId),
        sql<boolean>`l.id = c.repeat_of`,
        sql<boolean>`l.id = c.duplicate_of`,
      ]),
    )
    .orderBy("l.opened_at");

const draftsOfCase = (tx: Tx, caseId: number) =>
  tx
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
    .orderBy("drafts.version");

const publicationsOfCase = (tx: Tx, caseId: number) =>
  tx
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
    .orderBy("publications.id");

const notesOfCase = (tx: Tx, caseId: number) =>
  tx
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
    .orderBy("notes.id");

const extensionRequestsOfCase = (tx: Tx, caseId: number) =>
  tx
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
    .orderBy("extension_requests.id");

/** Where a case is, for deciding who may hear of its changes. */
export async function caseScope(tx: Tx, tenantId: number, caseId: number) {
  return tx
    .selectFrom("cases")
    .select(["tenant_id", "department_id", "co_executors"])
    .where("tenant_id", "=", tenantId)
    .where("id", "=", caseId)
    .executeTakeFirst();
}

const auditOfCase = (tx: Tx, tenantId: number, caseId: number) =>
  tx
    .selectFrom("audit_log")
    .leftJoin("users", "users.id", "audit_log.actor_id")
    .select([
      "audit_log.id",
      "audit_log.action",
      "audit_log.at",
      // Of the snapshot after the change, the card shows the status and what was asked only; of
      // the scheduler's entries (a deadline passed, near), the stage they are about.
      sql<Record<string, unknown> | null>`case when audit_log.after->>'stage' is not null
          then jsonb_build_object('stage', audit_log.after->'stage')
          else jsonb_build_object('status', audit_log.after->'status',
            'input', audit_log.after->'input') end`.as("after"),
      "audit_log.actor_id",
      "users.full_name as actor_name",
    ])
    .where("audit_log.tenant_id", "=", tenantId)
    .where("audit_log.case_id", "=", caseId)
    .orderBy("audit_log.id");

/**
 * A case with everything its card shows, in one statement: stages, drafts, messages, linked cases,
 * publications, notes, extension requests, its history, the triage fields curators decided, and
 * the names of its departments and people. Instants inside the lists come as ISO strings.
 */
const caseStatement = compiledOnce(
  (tx: Tx, { tenantId, caseId }: { tenantId: number; caseId: number }) =>
    tx
      .selectFrom("cases as c")
      .select(CASE_COLUMNS.map((column) => `c.${column}` as const))
      .select([
        stagesJson().as("stage_list"),
        latestDraftJson.as("latest_draft"),
        jsonArrayFrom(draftsOfCase(tx, caseId)).as("draft_list"),
        jsonArrayFrom(messagesOfCase(tx, tenantId, caseId)).as("message_list"),
        jsonArrayFrom(linkedCases(tx, tenantId, caseId)).as("linked_list"),
        jsonArrayFrom(publicationsOfCase(tx, caseId)).as("publication_list"),
        jsonArrayFrom(notesOfCase(tx, caseId)).as("note_list"),
        jsonArrayFrom(extensionRequestsOfCase(tx, caseId)).as("extension_list"),
        jsonArrayFrom(auditOfCase(tx, tenantId, caseId)).as("audit_list"),
        sql<string[] | null>`(select json_agg(distinct field) from triage_corrections
        where tenant_id = ${tenantId} and case_id = ${caseId})`.as("decided_fields"),
        sql<Record<string, string> | null>`(select json_object_agg(id, name) from departments
        where tenant_id = ${tenantId} and (id = c.department_id
          or id in (select (x->>'departmentId')::int from jsonb_array_elements(c.co_executors) x)))`.as(
          "department_names",
        ),
        sql<Record<string, string> | null>`(select json_object_agg(id, full_name) from users
        where id = c.executor_id
          or id in (select (x->>'userId')::int from jsonb_array_elements(c.co_executors) x))`.as(
          "people_names",
        ),
      ])
      .where("c.tenant_id", "=", tenantId)
      .where("c.id", "=", caseId),
);

export async function caseWithDetails(tx: Tx, tenantId: number, caseId: number) {
  const [row] = await caseStatement(tx, { tenantId, caseId });
  return row;
}

export type { DraftJson, StageJson };
