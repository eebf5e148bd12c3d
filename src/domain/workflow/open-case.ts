// A new case: its number, the procedure its channel falls under, and the clocks that start.
import { procedureFor, type Regulation } from "../regulation/model.ts";
import type { Channel, Importance } from "../regulation/schema.ts";
import type { CaseState } from "./case.ts";
import { applyEvent, type ClockContext } from "./clock.ts";

/**
 * A case number is "СОБ-2026-000123": the tenant's prefix, the year of registration in the tenant's
 * zone, and the tenant's yearly sequence padded to CASE_SEQ_DIGITS digits at least. The database
 * draws the sequence and writes the number as it stores the case (insertCase).
 */
export const CASE_SEQ_DIGITS = 6;

/** What precedes the sequence in a case number: "СОБ-2026-". */
export function caseNumberStem(prefix: string, year: number): string {
  return `${prefix}-${year}-`;
}

export interface OpenCaseInput {
  tenantId: number;
  /** Empty until the case is stored and numbered. */
  number: string;
  channel: Channel;
  importance: Importance;
  topic: string | null;
  /** When a curator detected (or registered) the message. */
  detectedAt: number;
  /** When the author posted it; portal terms run from it. */
  postedAt: number | null;
  repeatOf: number | null;
}

export type OpenCaseResult =
  | { ok: true; case: CaseState; procedure: string }
  | { ok: false; kind: "invalidInput"; field: string; reason: string };

/** Opens a case; the procedure is the regulation's one for the message's channel. */
export function openCase(
  regulation: Regulation,
  input: OpenCaseInput,
  ctxFor: (procedureId: string) => ClockContext,
): OpenCaseResult {
  const procedure = procedureFor(regulation, input.channel);
  if (!procedure)
    return { ok: false, kind: "invalidInput", field: "channel", reason: "noProcedure" };
  if (!procedure.importance.includes(input.importance))
    return { ok: false, kind: "invalidInput", field: "importance", reason: "notInRegulation" };
  const ctx = ctxFor(procedure.id);
  // A portal message's clock runs from posting; a social-network one from detection.
  const openedAt =
    procedure.startsAt === "posted" ? (input.postedAt ?? input.detectedAt) : input.detectedAt;
  const blank: CaseState = {
    id: 0,
    tenantId: input.tenantId,
    number: input.number,
    procedure: procedure.id,
    channel: input.channel,
    status: "new",
    importance: input.importance,
    topic: input.topic,
    departmentId: null,
    executorId: null,
    coExecutors: [],
    additionalControl: false,
    notProcessable: null,
    repeatOf: input.repeatOf,
    escalatedAt: null,
    version: 1,
    openedAt,
    closedAt: null,
    events: {},
    stages: [],
    overrides: {},
    extensionsUsed: 0,
    draft: null,
  };
  let next: CaseState = { ...blank, ...applyEvent(blank, procedure.startsAt, openedAt, ctx) };
  if (input.repeatOf !== null)
    next = { ...next, ...applyEvent(next, "repeatReceived", input.detectedAt, ctx) };
  return { ok: true, case: next, procedure: procedure.id };
}
