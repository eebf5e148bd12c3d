// Registers a message as a new case: the message as it came, a number, and the first clocks.
import { civilOf } from "../domain/calendar/civil-date.ts";
import type { Channel, Importance } from "../domain/regulation/schema.ts";
import type { CaseState } from "../domain/workflow/case.ts";
import { decide, type NotifyIntent } from "../domain/workflow/decide.ts";
import { CASE_SEQ_DIGITS, caseNumberStem, openCase } from "../domain/workflow/open-case.ts";
import { mayOnTenant, type Actor } from "../domain/workflow/policy.ts";
import type { AuditEntry } from "../db/audit.ts";
import { insertCase, loadCase, NEW_CASE_ID, type Tx } from "../db/cases.ts";
import { recipientsOf } from "./notify.ts";
import { invalidInput, Rollback, type Result } from "./results.ts";
import type { TenantContext } from "./tenant-context.ts";
import { topicModelOf } from "./tenant-topic-model.ts";
import { firstUnreadableFile } from "./attachments.ts";
import { findLinks } from "./triage-links.ts";
import { placeNamed } from "./gazetteer.ts";
import { suggestTriage } from "./triage-suggestion.ts";

export interface Attachment {
  kind: "photo" | "video" | "document" | "link";
  url: string;
  name?: string;
}

export interface RegisterInput {
  channel: Channel;
  text: string;
  url?: string | null;
  externalId?: string | null;
  authorName?: string | null;
  authorUrl?: string | null;
  authorExternalId?: string | null;
  attachments?: Attachment[];
  postedAt?: number | null;
  /** When the message was detected; now when not given. */
  detectedAt?: number | null;
  importance?: Importance;
  topic?: string | null;
  locationText?: string | null;
  repeatOf?: number | null;
  likes?: number | null;
  reposts?: number | null;
  comments?: number | null;
}

export const EVENTS_CHANNEL = "otklik_events";

export function caseSnapshot(c: CaseState): Record<string, unknown> {
  return {
    status: c.status,
    importance: c.importance,
    topic: c.topic,
    departmentId: c.departmentId,
    executorId: c.executorId,
    additionalControl: c.additionalControl,
    notProcessable: c.notProcessable,
    repeatOf: c.repeatOf,
    version: c.version,
    stages: c.stages
      .filter((s) => s.status === "open" || s.status === "waiting")
      .map((s) => ({
        stage: s.key,
        deadline: s.deadline === null ? null : new Date(s.deadline).toISOString(),
        clause: s.clause,
      })),
  };
}

/** One short line of the message for lists and search. */
export function summaryOf(text: string): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > 500 ? `${line.slice(0, 497)}…` : line;
}

/**
 * Registers a message: checks, reads (the topic model, earlier cases to link), then one statement
 * that numbers and stores the case with its message, audit, notifications and live event. The
 * same post registered meanwhile by someone else is found by that statement, after its writes:
 * that refusal is thrown as a Rollback, so the caller's transaction cannot keep them.
 */
export async function registerCase(
  tx: Tx,
  ctx: TenantContext,
  actor: Actor,
  input: RegisterInput,
  now: number,
  requestId: string | null = null,
): Promise<Result<{ case: CaseState }>> {
  if (actor.tenantId !== ctx.tenant.id) return { ok: false, kind: "notFound" };
  if (!mayOnTenant(actor, "registerCase"))
    return { ok: false, kind: "forbidden", action: "registerCase" };
  if (!input.text.trim()) return invalidInput("text", "required");
  const detectedAt = input.detectedAt ?? now;
  if (detectedAt > now + 60_000) return invalidInput("detectedAt", "inFuture");
  if (input.postedAt && input.postedAt > detectedAt + 60_000)
    return invalidInput("postedAt", "afterDetection");
  const opened = openCase(
    ctx.regulation,
    {
      tenantId: ctx.tenant.id,
      number: "",
      channel: input.channel,
      importance: input.importance ?? "normal",
      topic: input.topic ?? null,
      detectedAt,
      postedAt: input.postedAt ?? null,
      repeatOf: input.repeatOf ?? null,
    },
    (id) => ctx.clock(id),
  );
  if (!opened.ok) return invalidInput(opened.field, opened.reason);
  const earlier = input.repeatOf == null ? null : await loadCase(tx, ctx.tenant.id, input.repeatOf);
  if (earlier === undefined) return invalidInput("repeatOf", "noSuchCase");
  const unreadable = await firstUnreadableFile(tx, actor, input.attachments ?? []);
  if (unreadable >= 0) return invalidInput(`attachments.${unreadable}.url`, "noSuchFile");
  const existing = await registeredAs(tx, ctx.tenant.id, input.channel, input.externalId);
  if (existing !== undefined)
    return invalidInput("externalId", `alreadyRegistered:${existing ?? ""}`);
  // Topic, location, importance and not-processable, suggested for the curator to confirm, by the
  // tenant's own topic model once its curators' decisions have trained one.
  const triage = suggestTriage(ctx.tenant, input, await topicModelOf(tx, ctx.tenant.id));
  const topic = input.topic ?? triage.topic?.code ?? null;
  const place = triage.location;
  // The same author's earlier case, another author's case about the same problem and place: looked
  // for before this message is stored, so it does not find itself. A message registered as a
  // repeat already names its case; one not to be processed joins nothing. (Two messages registered
  // at the same moment do not find each other; a curator can still join them.)
  if (input.repeatOf == null && !triage.notProcessable) {
    const links = await findLinks(tx, ctx.tenant.id, {
      text: input.text,
      author: {
        network: input.channel,
        externalId: input.authorExternalId ?? null,
        url: input.authorUrl ?? null,
      },
      detectedAt,
      topic,
      place,
    });
    triage.repeatOf = links.repeatOf;
    triage.duplicateOf = links.duplicateOf;
  }

  // A repeat goes to the department that handled the earlier case (002 п. 12, 004 п. 20, 003 п. 10):
  // decided here, stored with the registration.
  const registered = opened.case;
  let kase = registered;
  const audit: Array<Pick<AuditEntry, "action" | "before" | "after">> = [
    { action: "register", before: null, after: caseSnapshot(registered) },
  ];
  // Curators are told of a case to triage; of a repeat routed at once, its department.
  let intents: readonly NotifyIntent[] = [{ kind: "triage", role: "curator" }];
  if (earlier) {
    const sameDepartment = ctx.procedure(kase.procedure).repeats?.sameDepartment;
    const decision =
      sameDepartment && earlier.departmentId !== null
        ? decide(
            kase,
            actor,
            { action: "assign", departmentId: earlier.departmentId, userId: null },
            now,
            ctx.clock(kase.procedure),
          )
        : null;
    if (decision?.ok) {
      audit.push({
        action: "assign",
        before: caseSnapshot(kase),
        after: caseSnapshot(decision.case),
      });
      intents = decision.notify;
      kase = decision.case;
    }
  }
  const recipients = await recipientsOf(tx, ctx.tenant.id, intents, actor.userId, now);

  const message = tx
    .insertInto("messages")
    .values({
      tenant_id: ctx.tenant.id,
      case_id: NEW_CASE_ID,
      relation: input.repeatOf ? "repeat" : "original",
      network: input.channel,
      external_id: input.externalId ?? null,
      url: input.url ?? null,
      author_name: input.authorName ?? null,
      author_url: input.authorUrl ?? null,
      author_external_id: input.authorExternalId ?? null,
      text: input.text,
      attachments: JSON.stringify(input.attachments ?? []),
      triage: JSON.stringify(triage),
      triage_topic: topic,
      triage_settlement: place?.settlement ?? null,
      triage_street: place?.settlement ? place.street : null,
      likes: input.likes ?? null,
      reposts: input.reposts ?? null,
      comments: input.comments ?? null,
      posted_at: input.postedAt ? new Date(input.postedAt) : null,
      detected_at: new Date(detectedAt),
    })
    // The same post registered meanwhile by someone else (a curator and a channel at once).
    .onConflict((oc) => oc.columns(["tenant_id", "network", "external_id"]).doNothing())
    .returning("id");
  const year = civilOf(ctx.workingTime.dayOf(detectedAt)).year;
  const stored = await insertCase(
    tx,
    kase,
    {
      summary: summaryOf(input.text),
      locationText: input.locationText ?? null,
      location: placeNamed(ctx.tenant, input.locationText),
      // A message that looks not processable (002 п. 14, 004 п. 21) is set aside for a curator to
      // confirm; a suspected repeat or duplicate waits for the curator's one click the same way.
      notProcessableSuggested: triage.notProcessable?.reason ?? null,
      suggestedRepeatOf: triage.repeatOf?.caseId ?? null,
      suggestedDuplicateOf: triage.duplicateOf?.caseId ?? null,
    },
    {
      year,
      stem: caseNumberStem(ctx.tenant.case_number_prefix, year),
      digits: CASE_SEQ_DIGITS,
    },
    now,
    {
      beside: [message],
      audit: audit.map((e) => ({
        ...e,
        tenantId: ctx.tenant.id,
        actorId: actor.userId,
        at: now,
        requestId,
      })),
      ...(recipients.size ? { notifications: { recipients, payload: {} } } : {}),
      event: {
        channel: EVENTS_CHANNEL,
        payload: { tenantId: ctx.tenant.id, action: "register", version: kase.version },
      },
    },
  );
  if (!stored) {
    const first = await registeredAs(tx, ctx.tenant.id, input.channel, input.externalId);
    throw new Rollback(invalidInput("externalId", `alreadyRegistered:${first ?? ""}`));
  }
  return { ok: true, case: stored };
}

/** The case a channel's post was registered as, if it was. */
async function registeredAs(
  tx: Tx,
  tenantId: number,
  channel: Channel,
  externalId: string | null | undefined,
): Promise<number | null | undefined> {
  if (!externalId) return undefined;
  const row = await tx
    .selectFrom("messages")
    .select(["case_id"])
    .where("tenant_id", "=", tenantId)
    .where("network", "=", channel)
    .where("external_id", "=", externalId)
    .executeTakeFirst();
  return row && row.case_id;
}
