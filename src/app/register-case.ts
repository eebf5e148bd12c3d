// Registers a message as a new case: the message as it came, a number, and the first clocks.
import { civilOf } from "../domain/calendar/civil-date.ts";
import type { Channel, Importance } from "../domain/regulation/schema.ts";
import type { CaseState } from "../domain/workflow/case.ts";
import { decide } from "../domain/workflow/decide.ts";
import { caseNumber, openCase } from "../domain/workflow/open-case.ts";
import { mayOnTenant, type Actor } from "../domain/workflow/policy.ts";
import { appendAudit } from "../db/audit.ts";
import { insertCase, loadCase, nextCaseSeq, saveCase, type Tx } from "../db/cases.ts";
import { notify } from "../db/connection.ts";
import { storeNotifications } from "./notify.ts";
import { invalidInput, type Result } from "./results.ts";
import type { TenantContext } from "./tenant-context.ts";
import { topicModelOf } from "./tenant-topic-model.ts";
import { firstUnreadableFile } from "./attachments.ts";
import { findLinks } from "./triage-links.ts";
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
  if (input.repeatOf != null && !(await loadCase(tx, ctx.tenant.id, input.repeatOf)))
    return invalidInput("repeatOf", "noSuchCase");
  const unreadable = await firstUnreadableFile(tx, actor, input.attachments ?? []);
  if (unreadable >= 0) return invalidInput(`attachments.${unreadable}.url`, "noSuchFile");
  if (input.externalId) {
    const existing = await tx
      .selectFrom("messages")
      .select(["case_id"])
      .where("tenant_id", "=", ctx.tenant.id)
      .where("network", "=", input.channel)
      .where("external_id", "=", input.externalId)
      .executeTakeFirst();
    if (existing) return invalidInput("externalId", `alreadyRegistered:${existing.case_id ?? ""}`);
  }
  // Topic, location, importance and not-processable, suggested for the curator to confirm, by the
  // tenant's own topic model once its curators' decisions have trained one.
  const triage = suggestTriage(ctx.tenant, input, await topicModelOf(tx, ctx.tenant.id));
  const topic = input.topic ?? triage.topic?.code ?? null;
  const place = triage.location;
  // The same author's earlier case, another author's case about the same problem and place: looked
  // for before this message is stored, so it does not find itself. A message registered as a
  // repeat already names its case; one not to be processed joins nothing.
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
  const year = civilOf(ctx.workingTime.dayOf(detectedAt)).year;
  // The tenant's counter row stays locked from here to the commit, and every other registration
  // of the tenant waits for it: the number is taken after the reads, just before the writes. (So
  // two messages registered at the same moment do not find each other as repeats; a curator can
  // still join them.)
  const seq = await nextCaseSeq(tx, ctx.tenant.id, year);
  const opened = openCase(
    ctx.regulation,
    {
      tenantId: ctx.tenant.id,
      number: caseNumber(ctx.tenant.case_number_prefix, year, seq),
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
  let kase = opened.case;
  const id = await insertCase(
    tx,
    kase,
    { summary: summaryOf(input.text), locationText: input.locationText ?? null, location: null },
    now,
  );
  await tx
    .insertInto("messages")
    .values({
      tenant_id: ctx.tenant.id,
      case_id: id,
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
    .execute();
  // A message that looks not processable (002 п. 14, 004 п. 21) is set aside for a curator to
  // confirm; a suspected repeat or duplicate waits for the curator's one click the same way.
  if (triage.notProcessable || triage.repeatOf || triage.duplicateOf)
    await tx
      .updateTable("cases")
      .set({
        not_processable_suggested: triage.notProcessable?.reason ?? null,
        suggested_repeat_of: triage.repeatOf?.caseId ?? null,
        suggested_duplicate_of: triage.duplicateOf?.caseId ?? null,
      })
      .where("id", "=", id)
      .execute();
  kase = (await loadCase(tx, ctx.tenant.id, id, true)) as CaseState;
  await appendAudit(tx, {
    tenantId: ctx.tenant.id,
    caseId: id,
    actorId: actor.userId,
    action: "register",
    at: now,
    before: null,
    after: caseSnapshot(kase),
    requestId,
  });

  // A repeat goes to the department that handled the earlier case (002 п. 12, 004 п. 20, 003 п. 10).
  const procedure = ctx.procedure(kase.procedure);
  if (input.repeatOf != null && procedure.repeats?.sameDepartment) {
    const earlier = await loadCase(tx, ctx.tenant.id, input.repeatOf);
    if (earlier?.departmentId != null) {
      const decision = decide(
        kase,
        actor,
        { action: "assign", departmentId: earlier.departmentId, userId: null },
        now,
        ctx.clock(kase.procedure),
      );
      if (decision.ok && (await saveCase(tx, kase, decision.case, now))) {
        await appendAudit(tx, {
          tenantId: ctx.tenant.id,
          caseId: id,
          actorId: actor.userId,
          action: "assign",
          at: now,
          before: caseSnapshot(kase),
          after: caseSnapshot(decision.case),
          requestId,
        });
        await storeNotifications(tx, ctx.tenant.id, id, decision.notify, actor.userId, now, {
          number: kase.number,
        });
        kase = decision.case;
      }
    }
  } else {
    await storeNotifications(
      tx,
      ctx.tenant.id,
      id,
      [{ kind: "triage", role: "curator" }],
      actor.userId,
      now,
      { number: kase.number },
    );
  }
  await notify(tx, EVENTS_CHANNEL, {
    tenantId: ctx.tenant.id,
    caseId: id,
    action: "register",
    version: kase.version,
  });
  return { ok: true, case: kase };
}
