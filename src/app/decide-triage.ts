// The curator's decision on triage's suggestions: confirm or correct the topic, the location and
// the importance in one click, or confirm or reject "not processable". Topic and importance go
// through the workflow's triage action (importance may shorten the terms, 001 and 004); every
// decision is stored beside the suggestion it answers, as training data for the tenant's models.
import type { Importance } from "../domain/regulation/schema.ts";
import type { CaseState, NotProcessableReason } from "../domain/workflow/case.ts";
import { decide } from "../domain/workflow/decide.ts";
import { canSee, may, type Actor } from "../domain/workflow/policy.ts";
import { appendAudit } from "../db/audit.ts";
import { caseRowById } from "../db/case-details.ts";
import { clearLinkSuggestion, setMessagesTopic } from "../db/case-links.ts";
import { loadCase, saveCase, type Tx } from "../db/cases.ts";
import { insertTriageCorrection } from "../db/triage.ts";
import { actOnCase, type ActOptions } from "./act-on-case.ts";
import { caseSnapshot, EVENTS_CHANNEL } from "./register-case.ts";
import { markDuplicate } from "./mark-duplicate.ts";
import { invalidInput, notFound, versionMoved, type Result } from "./results.ts";
import type { TenantContext } from "./tenant-context.ts";
import { placeNamed } from "./gazetteer.ts";
import { storedSuggestion, type TriageSuggestion } from "./triage-suggestion.ts";

export interface TriageDecision {
  topic?: string | null;
  importance?: Importance;
  /** The case's location as people read it; null clears it. */
  location?: string | null;
  /** Confirm (with the suggested reason, or another) or reject "not processable". */
  notProcessable?: { confirm: boolean; reason?: NotProcessableReason };
  /** Confirm (the suggested earlier case, or another) or reject "a repeat of the author's earlier case". */
  repeatOf?: { confirm: boolean; caseId?: number };
  /** Confirm (join the suggested case, or another) or reject "a duplicate of another author's case". */
  duplicateOf?: { confirm: boolean; caseId?: number };
}

/**
 * A decision that changes nothing the workflow knows (the location; "not processable" rejected):
 * the triage action's rule says whether this person may take it now, the version moves on so that
 * others see the change, and the audit names what was decided.
 */
async function recordOnCase(
  tx: Tx,
  ctx: TenantContext,
  actor: Actor,
  caseId: number,
  options: ActOptions,
  entry: { action: string; input: Record<string, unknown> },
): Promise<Result<{ case: CaseState }>> {
  const before = await loadCase(tx, ctx.tenant.id, caseId, true);
  if (!before || !canSee(actor, before)) return notFound();
  if (options.expectedVersion !== undefined && options.expectedVersion !== before.version)
    return { ok: false, kind: "conflict", currentVersion: before.version };
  const decision = decide(
    before,
    actor,
    { action: "triage" },
    options.now,
    ctx.clock(before.procedure),
  );
  if (!decision.ok) return decision;
  const after = decision.case;
  const stored = await saveCase(tx, before, after, options.now, {
    audit: {
      tenantId: ctx.tenant.id,
      caseId,
      actorId: actor.userId,
      action: entry.action,
      at: options.now,
      before: caseSnapshot(before),
      after: { ...caseSnapshot(after), input: entry.input },
      requestId: options.requestId ?? null,
    },
    event: {
      channel: EVENTS_CHANNEL,
      payload: { tenantId: ctx.tenant.id, caseId, action: entry.action, version: after.version },
    },
  });
  if (!stored) throw versionMoved(before);
  return { ok: true, case: stored };
}

async function firstMessage(tx: Tx, tenantId: number, caseId: number) {
  return tx
    .selectFrom("messages")
    .select(["id", "triage"])
    .where("tenant_id", "=", tenantId)
    .where("case_id", "=", caseId)
    .orderBy("detected_at")
    .orderBy("id")
    .limit(1)
    .executeTakeFirst();
}

export async function decideTriage(
  tx: Tx,
  ctx: TenantContext,
  actor: Actor,
  caseId: number,
  input: TriageDecision,
  options: ActOptions,
): Promise<Result<{ case: CaseState }>> {
  const tenantId = ctx.tenant.id;
  if (actor.tenantId !== tenantId) return notFound();
  const row = await caseRowById(tx, tenantId, caseId);
  const message = row ? await firstMessage(tx, tenantId, caseId) : undefined;
  if (!row || !message) return notFound();
  const suggestion: TriageSuggestion | null = storedSuggestion(message.triage);
  const record = (
    field: "topic" | "location" | "importance" | "notProcessable" | "repeat" | "duplicate",
    suggested: unknown,
    chosen: unknown,
  ) =>
    insertTriageCorrection(tx, {
      tenant_id: tenantId,
      message_id: message.id,
      case_id: caseId,
      field,
      suggested,
      chosen,
      by_user: actor.userId,
      at: new Date(options.now),
    });

  const decisions = [
    input.topic !== undefined || input.importance !== undefined || input.location !== undefined,
    input.notProcessable !== undefined,
    input.repeatOf !== undefined,
    input.duplicateOf !== undefined,
  ].filter(Boolean).length;

  if (input.repeatOf || input.duplicateOf) {
    if (decisions > 1)
      return invalidInput(input.repeatOf ? "repeatOf" : "duplicateOf", "decidedAlone");
    return input.repeatOf
      ? decideRepeat(tx, ctx, actor, caseId, input.repeatOf, suggestion, row, options, record)
      : decideDuplicate(
          tx,
          ctx,
          actor,
          caseId,
          input.duplicateOf!,
          suggestion,
          row,
          options,
          record,
        );
  }

  if (input.notProcessable) {
    if (decisions > 1) return invalidInput("notProcessable", "decidedAlone");
    const suggested = suggestion?.notProcessable?.reason ?? row.not_processable_suggested ?? null;
    const { confirm } = input.notProcessable;
    const reason = input.notProcessable.reason ?? suggested;
    if (confirm && !reason) return invalidInput("notProcessable.reason", "required");
    if (!confirm && !suggested) return invalidInput("notProcessable", "noSuggestion");
    // Confirmed, the case is archived unanswered by the workflow; rejected, it goes on as usual
    // (the triage action checks that this person may decide and that nobody was first).
    const acted =
      confirm && reason
        ? await actOnCase(tx, ctx, actor, caseId, { action: "markNotProcessable", reason }, options)
        : await recordOnCase(tx, ctx, actor, caseId, options, {
            action: "notProcessableRejected",
            input: { suggested },
          });
    if (!acted.ok) return acted;
    await tx
      .updateTable("cases")
      .set({ not_processable_suggested: null })
      .where("id", "=", caseId)
      .execute();
    await record("notProcessable", suggested, confirm ? reason : null);
    return acted;
  }

  if (input.topic != null) {
    const topics = (ctx.tenant.rubricator as { topics?: Array<{ code: string }> }).topics ?? [];
    if (!topics.some((t) => t.code === input.topic))
      return invalidInput("topic", `notInRubricator:${input.topic}`);
  }
  const location = input.location === undefined ? undefined : input.location?.trim() || null;
  if (location !== undefined && location !== null && location.length > 500)
    return invalidInput("location", "tooLong");

  const workflow = input.topic !== undefined || input.importance !== undefined;
  const acted = workflow
    ? await actOnCase(
        tx,
        ctx,
        actor,
        caseId,
        {
          action: "triage",
          ...(input.topic !== undefined ? { topic: input.topic } : {}),
          ...(input.importance !== undefined ? { importance: input.importance } : {}),
        },
        options,
      )
    : await recordOnCase(tx, ctx, actor, caseId, options, {
        action: "setLocation",
        input: { location: location ?? null },
      });
  if (!acted.ok) return acted;

  if (location !== undefined) {
    // The place as the gazetteer knows it: the suggestion's when it is taken as it is, else what
    // the curator's text names (a settlement at least routes to its territorial unit).
    const s = suggestion?.location;
    const structured =
      s && location === s.label
        ? { settlement: s.settlement, street: s.street, house: s.house, landmark: s.landmark }
        : placeNamed(ctx.tenant, location);
    await tx
      .updateTable("cases")
      .set({
        location_text: location,
        location: structured === null ? null : JSON.stringify(structured),
      })
      .where("id", "=", caseId)
      .execute();
    // Beside the workflow's triage entry, the location gets an entry of its own.
    if (workflow)
      await appendAudit(tx, {
        tenantId,
        caseId,
        actorId: actor.userId,
        action: "setLocation",
        at: options.now,
        before: { location: row.location_text },
        after: { status: acted.case.status, input: { location } },
        requestId: options.requestId ?? null,
      });
    await record("location", s?.label ?? null, location);
  }
  if (input.topic !== undefined) {
    await record("topic", suggestion?.topic?.code ?? null, input.topic);
    // Duplicates and bursts are looked for by the topic the curator chose, not the guess.
    await setMessagesTopic(tx, tenantId, caseId, input.topic ?? suggestion?.topic?.code ?? null);
  }
  if (input.importance !== undefined)
    await record("importance", suggestion?.importance.value ?? null, input.importance);
  return acted;
}

type RecordDecision = (
  field: "repeat" | "duplicate",
  suggested: unknown,
  chosen: unknown,
) => Promise<void>;
type CaseRow = NonNullable<Awaited<ReturnType<typeof caseRowById>>>;

/**
 * A repeat confirmed links the case to the author's earlier one and routes it to the department
 * that handled that one, where the regulation says so (002 п. 12, 003 п. 10 разд. 3, 004 п. 20);
 * its answer must then report the measures taken (draft-check.ts). Rejected, the case goes on.
 */
async function decideRepeat(
  tx: Tx,
  ctx: TenantContext,
  actor: Actor,
  caseId: number,
  decision: { confirm: boolean; caseId?: number },
  suggestion: TriageSuggestion | null,
  row: CaseRow,
  options: ActOptions,
  record: RecordDecision,
): Promise<Result<{ case: CaseState }>> {
  const suggested = suggestion?.repeatOf?.caseId ?? row.suggested_repeat_of ?? null;
  if (!decision.confirm) {
    if (suggested === null) return invalidInput("repeatOf", "noSuggestion");
    const acted = await recordOnCase(tx, ctx, actor, caseId, options, {
      action: "repeatRejected",
      input: { suggested },
    });
    if (!acted.ok) return acted;
    await clearLinkSuggestion(tx, caseId, "repeat");
    await record("repeat", suggested, null);
    return acted;
  }
  const earlierId = decision.caseId ?? suggested;
  if (earlierId === null) return invalidInput("repeatOf.caseId", "required");
  const linked = await actOnCase(
    tx,
    ctx,
    actor,
    caseId,
    { action: "linkRepeat", caseId: earlierId },
    options,
  );
  if (!linked.ok) return linked;
  await clearLinkSuggestion(tx, caseId, "repeat");
  await tx
    .updateTable("messages")
    .set({ relation: "repeat" })
    .where("tenant_id", "=", ctx.tenant.id)
    .where("case_id", "=", caseId)
    .where("relation", "=", "original")
    .execute();
  await record("repeat", suggested, earlierId);

  let result: Result<{ case: CaseState }> = linked;
  const earlier = await loadCase(tx, ctx.tenant.id, earlierId);
  const procedure = ctx.procedure(linked.case.procedure);
  if (
    procedure.repeats?.sameDepartment &&
    earlier?.departmentId != null &&
    earlier.departmentId !== linked.case.departmentId &&
    may(actor, "assign", linked.case, procedure)
  ) {
    const routed = await actOnCase(
      tx,
      ctx,
      actor,
      caseId,
      { action: "assign", departmentId: earlier.departmentId, userId: null },
      { ...options, expectedVersion: linked.case.version },
    );
    // A department closed since the earlier case leaves the routing to the curator.
    if (routed.ok) result = routed;
    else if (routed.kind !== "invalidInput") return routed;
  }
  return result;
}

/**
 * A duplicate confirmed closes this case and moves its message into the cluster's case, answered
 * there (mark-duplicate.ts); rejected, the case goes on as its own.
 */
async function decideDuplicate(
  tx: Tx,
  ctx: TenantContext,
  actor: Actor,
  caseId: number,
  decision: { confirm: boolean; caseId?: number },
  suggestion: TriageSuggestion | null,
  row: CaseRow,
  options: ActOptions,
  record: RecordDecision,
): Promise<Result<{ case: CaseState }>> {
  const suggested = suggestion?.duplicateOf?.caseId ?? row.suggested_duplicate_of ?? null;
  if (!decision.confirm) {
    if (suggested === null) return invalidInput("duplicateOf", "noSuggestion");
    const acted = await recordOnCase(tx, ctx, actor, caseId, options, {
      action: "duplicateRejected",
      input: { suggested },
    });
    if (!acted.ok) return acted;
    await clearLinkSuggestion(tx, caseId, "duplicate");
    await record("duplicate", suggested, null);
    return acted;
  }
  const clusterId = decision.caseId ?? suggested;
  if (clusterId === null) return invalidInput("duplicateOf.caseId", "required");
  const joined = await markDuplicate(tx, ctx, actor, caseId, clusterId, options);
  if (!joined.ok) return joined;
  await record("duplicate", suggested, clusterId);
  return joined;
}
