// Every action on a case, one transaction each: decide (pure), then store the case, its draft or
// publication, the audit entry and the notifications together.
import { sql } from "kysely";
import type { CaseState, DraftKind } from "../domain/workflow/case.ts";
import { resolveAssignee } from "../domain/workflow/absence.ts";
import { decide, type ActionInput } from "../domain/workflow/decide.ts";
import { canSee, type Actor } from "../domain/workflow/policy.ts";
import { loadCase, saveCaseWith, type BesideWrite, type Tx } from "../db/cases.ts";
import { absencesAt } from "../db/people.ts";
import { firstUnreadableFile } from "./attachments.ts";
import { markDuplicate } from "./mark-duplicate.ts";
import { recipientsOf } from "./notify.ts";
import { caseSnapshot, EVENTS_CHANNEL, type Attachment } from "./register-case.ts";
import { invalidInput, notFound, versionMoved, type Result } from "./results.ts";
import type { TenantContext } from "./tenant-context.ts";

/** An action as the API takes it: the domain's input plus what is stored beside the case. */
export type ActionRequest =
  | Exclude<
      ActionInput,
      | { action: "saveDraft" }
      | { action: "assign" }
      | { action: "submitPart" }
      | { action: "publish" }
    >
  | {
      action: "saveDraft";
      kind: DraftKind;
      text: string;
      attachments?: Attachment[];
      checklist?: Record<string, boolean>;
    }
  | { action: "assign"; departmentId: number; userId?: number | null }
  | { action: "submitPart"; departmentId: number; text: string }
  | { action: "publish"; accountId?: number | null; url?: string | null };

export interface ActOptions {
  now: number;
  /** The version the person saw; a different current version means someone was first. */
  expectedVersion?: number;
  requestId?: string | null;
}

const MAX_TEXT = 10_000;

function isWebLink(text: string): boolean {
  try {
    const u = new URL(text);
    return u.protocol === "https:" || u.protocol === "http:";
  } catch {
    return false;
  }
}

export async function actOnCase(
  tx: Tx,
  ctx: TenantContext,
  actor: Actor,
  caseId: number,
  request: ActionRequest,
  options: ActOptions,
): Promise<Result<{ case: CaseState; assignedTo?: { userId: number; substitutedFor: number[] } }>> {
  const { now } = options;
  const tenantId = ctx.tenant.id;
  if (actor.tenantId !== tenantId) return notFound();
  // Joining another case moves messages and changes that case too: its own use case.
  if (request.action === "markDuplicate")
    return markDuplicate(tx, ctx, actor, caseId, request.caseId, options);
  const before = await loadCase(tx, tenantId, caseId, true);
  if (!before || !canSee(actor, before)) return notFound();
  if (options.expectedVersion !== undefined && options.expectedVersion !== before.version) {
    return { ok: false, kind: "conflict", currentVersion: before.version };
  }
  const clock = ctx.clock(before.procedure);

  // What the domain cannot check: rows of this tenant, people at work, texts and links.
  let input: ActionInput;
  let assignedTo: { userId: number; substitutedFor: number[] } | undefined;
  switch (request.action) {
    case "assign":
    case "requestPart": {
      const dept = await tx
        .selectFrom("departments")
        .select(["id", "active"])
        .where("tenant_id", "=", tenantId)
        .where("id", "=", request.departmentId)
        .executeTakeFirst();
      if (!dept || !dept.active) return invalidInput("departmentId", "noSuchDepartment");
      let userId = request.userId ?? null;
      if (userId !== null) {
        const member = await tx
          .selectFrom("memberships")
          .select("id")
          .where("tenant_id", "=", tenantId)
          .where("user_id", "=", userId)
          .where("role", "=", "executor")
          .where("department_id", "=", request.departmentId)
          .executeTakeFirst();
        if (!member) return invalidInput("userId", "notAnExecutorOfDepartment");
        const who = resolveAssignee(userId, await absencesAt(tx, tenantId, now), now);
        if (!who.ok) return invalidInput("userId", "noOneAtWork");
        userId = who.userId;
        assignedTo = { userId: who.userId, substitutedFor: who.substitutedFor };
      }
      input = { action: request.action, departmentId: request.departmentId, userId };
      break;
    }
    case "saveDraft": {
      if (!request.text.trim()) return invalidInput("text", "required");
      if (request.text.length > MAX_TEXT) return invalidInput("text", "tooLong");
      const unreadable = await firstUnreadableFile(tx, actor, request.attachments ?? []);
      if (unreadable >= 0) return invalidInput(`attachments.${unreadable}.url`, "noSuchFile");
      input = { action: "saveDraft", kind: request.kind };
      break;
    }
    case "submitPart":
      if (!request.text.trim()) return invalidInput("text", "required");
      input = { action: "submitPart", departmentId: request.departmentId };
      break;
    case "publish":
      if (!request.url || !isWebLink(request.url)) return invalidInput("url", "webLinkRequired");
      if (request.accountId != null) {
        const account = await tx
          .selectFrom("network_accounts")
          .select("id")
          .where("tenant_id", "=", tenantId)
          .where("id", "=", request.accountId)
          .executeTakeFirst();
        if (!account) return invalidInput("accountId", "noSuchAccount");
      }
      input = { action: "publish" };
      break;
    case "linkRepeat":
      if (!(await loadCase(tx, tenantId, request.caseId)))
        return invalidInput("caseId", "noSuchCase");
      input = request;
      break;
    default:
      input = request;
  }

  const decision = decide(before, actor, input, now, clock);
  if (!decision.ok) return decision;
  let after = decision.case;

  // Beside the case: drafts, publications, notes, extension requests — written with the case.
  const beside: BesideWrite[] = [];
  const alsoWrite = (write: BesideWrite["write"]) => beside.push({ write, returnsId: false });
  let newDraft: { kind: DraftKind; version: number } | undefined;
  switch (request.action) {
    case "saveDraft": {
      const editing =
        before.draft && (before.draft.status === "editing" || before.draft.status === "returned")
          ? before.draft
          : null;
      if (editing && editing.status === "editing") {
        alsoWrite(
          tx
            .updateTable("drafts")
            .set({
              text: request.text,
              kind: request.kind,
              attachments: JSON.stringify(request.attachments ?? []),
              checklist: JSON.stringify(request.checklist ?? {}),
              author_id: actor.userId,
            })
            .where("id", "=", editing.id),
        );
        after = { ...after, draft: { ...editing, kind: request.kind, status: "editing" } };
      } else {
        newDraft = { kind: request.kind, version: (before.draft?.version ?? 0) + 1 };
        beside.push({
          write: tx
            .insertInto("drafts")
            .values({
              tenant_id: tenantId,
              case_id: caseId,
              kind: request.kind,
              version: newDraft.version,
              text: request.text,
              attachments: JSON.stringify(request.attachments ?? []),
              checklist: JSON.stringify(request.checklist ?? {}),
              status: "editing",
              author_id: actor.userId,
            })
            .returning("id"),
          returnsId: true,
        });
      }
      break;
    }
    case "submitDraft":
      alsoWrite(
        tx
          .updateTable("drafts")
          .set({ status: "submitted", submitted_at: new Date(now) })
          .where("id", "=", before.draft!.id),
      );
      break;
    case "approve":
      alsoWrite(
        tx
          .updateTable("drafts")
          .set({ status: "approved", reviewed_by: actor.userId, reviewed_at: new Date(now) })
          .where("id", "=", before.draft!.id),
      );
      break;
    case "requestRevision":
      alsoWrite(
        tx
          .updateTable("drafts")
          .set({
            status: "returned",
            remarks: request.remarks,
            reviewed_by: actor.userId,
            reviewed_at: new Date(now),
          })
          .where("id", "=", before.draft!.id),
      );
      break;
    case "publish": {
      alsoWrite(
        tx.updateTable("drafts").set({ status: "published" }).where("id", "=", before.draft!.id),
      );
      alsoWrite(
        tx.insertInto("publications").values({
          tenant_id: tenantId,
          case_id: caseId,
          draft_id: before.draft!.id,
          // The network of the case's first message; the channel when it came by hand.
          network: sql<string>`coalesce((select network from messages where case_id = ${caseId}
            order by id limit 1), ${before.channel})`,
          account_id: request.accountId ?? null,
          url: request.url ?? null,
          state: "confirmed",
          published_by: actor.userId,
          published_at: new Date(now),
        }),
      );
      break;
    }
    case "requestExtension":
      alsoWrite(
        tx.insertInto("extension_requests").values({
          tenant_id: tenantId,
          case_id: caseId,
          days: request.days,
          comment: request.comment,
          requested_by: actor.userId,
          requested_at: new Date(now),
        }),
      );
      break;
    case "decideExtension":
      // The latest request still waiting, if there is one.
      alsoWrite(
        tx
          .updateTable("extension_requests")
          .set({
            decision: request.approve ? "approved" : "rejected",
            decided_by: actor.userId,
            decided_at: new Date(now),
          })
          .where(
            "id",
            "=",
            tx
              .selectFrom("extension_requests")
              .select("id")
              .where("case_id", "=", caseId)
              .where("decision", "is", null)
              .orderBy("id", "desc")
              .limit(1),
          ),
      );
      break;
    case "return":
    case "setAdditionalControl":
    case "reportMeasures":
    case "escalate":
    case "submitPart": {
      const text =
        request.action === "return"
          ? request.reason
          : request.action === "submitPart"
            ? request.text
            : request.action === "reportMeasures"
              ? request.text
              : request.note;
      alsoWrite(
        tx.insertInto("notes").values({
          tenant_id: tenantId,
          case_id: caseId,
          kind: request.action,
          text,
          author_id: actor.userId,
        }),
      );
      break;
    }
    default:
      break;
  }

  const { action: _action, ...details } = request as { action: string } & Record<string, unknown>;
  const logged =
    request.action === "saveDraft" ? { kind: request.kind, length: request.text.length } : details;
  const recipients = await recipientsOf(tx, tenantId, decision.notify, actor.userId, now);
  // The case's row is locked since it was read: the version cannot have moved in between.
  const saved = await saveCaseWith(tx, before, after, now, {
    beside,
    audit: {
      tenantId,
      caseId,
      actorId: actor.userId,
      action: request.action,
      at: now,
      before: caseSnapshot(before),
      after: {
        ...caseSnapshot(after),
        input: logged,
        ...(assignedTo?.substitutedFor.length ? { substitutedFor: assignedTo.substitutedFor } : {}),
      },
      requestId: options.requestId ?? null,
    },
    notifications: [
      tx,
      { tenantId, caseId, at: now },
      recipients,
      { number: before.number, action: request.action },
    ],
    event: {
      channel: EVENTS_CHANNEL,
      payload: { tenantId, caseId, action: request.action, version: after.version },
    },
  });
  if (!saved) throw versionMoved(before);
  const draftId = newDraft && saved.besideIds[0];
  const stored: CaseState =
    newDraft && typeof draftId === "number"
      ? { ...saved.case, draft: { id: draftId, status: "editing", ...newDraft } }
      : saved.case;
  return { ok: true, case: stored, ...(assignedTo ? { assignedTo } : {}) };
}
