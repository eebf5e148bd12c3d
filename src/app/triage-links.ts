// Repeats and duplicates of a message as it is registered: the database narrows the tenant's
// messages down to a few dozen candidates (db/link-candidates.ts), and the triage library's index
// of those few decides, exactly as it does for the CLI and the bench. Nothing lives in memory
// between requests, so every server process of a region-wide deployment suggests the same.
import Type, { type Static } from "typebox";
import { RepeatIndex, type RepeatEntry, type RepeatPlace } from "../domain/triage/repeats.ts";
import { textTerms } from "../domain/triage/similarity.ts";
import { CASE_STATUSES, type CaseStatus } from "../domain/workflow/case.ts";
import type { Tx } from "../db/cases.ts";
import { casesWithDepartments } from "../db/case-links.ts";
import {
  duplicateCandidates,
  repeatCandidates,
  type AuthorOf,
  type CandidateMessage,
} from "../db/link-candidates.ts";
import type { TriageSuggestion } from "./triage-suggestion.ts";

const DAY = 86_400_000;
/**
 * No regulation bounds how old the earlier message of a repeat may be (002 п. 12, 003 п. 10,
 * 004 п. 20 say only "по ранее рассмотренному вопросу"): a month, the library's default.
 */
export const REPEAT_WINDOW_MS = 30 * DAY;
/** Other authors about the same outage write within days of each other. */
export const DUPLICATE_WINDOW_MS = 3 * DAY;
/** Candidates read per kind: enough for the newest of a burst, bounded whatever the history. */
export const CANDIDATES = 50;

/** An earlier case the new message may belong to, as stored with the suggestion. */
export interface LinkSuggestion {
  caseId: number;
  number: string;
  /** The earlier message it is most like. */
  messageId: number;
  /** Text similarity with that message, 0..1. */
  similarity: number;
  /** Why, in Russian. */
  reasons: string[];
}

export interface LinkQuery {
  text: string;
  author: AuthorOf;
  detectedAt: number;
  topic: string | null;
  place: { settlement: string | null; street: string | null; house: string | null } | null;
}

const SELF = "\u0000author";

function sameAuthor(a: AuthorOf, m: CandidateMessage): boolean {
  return (
    (a.externalId !== null && m.network === a.network && m.authorExternalId === a.externalId) ||
    (a.url !== null && m.authorUrl === a.url)
  );
}

function authorKey(m: CandidateMessage): string | undefined {
  if (m.authorExternalId) return `${m.network}:${m.authorExternalId}`;
  return m.authorUrl ?? undefined;
}

function placeOf(p: {
  settlement: string | null;
  street: string | null;
  house: string | null;
}): RepeatPlace | undefined {
  const place: RepeatPlace = {};
  if (p.settlement) place.settlement = p.settlement;
  if (p.street) place.street = p.street;
  if (p.house) place.house = p.house;
  return Object.keys(place).length ? place : undefined;
}

/**
 * The same author's earlier case this message repeats, and another author's open case about the
 * same problem and place it duplicates; each null when there is none. A duplicate that is the
 * repeat's own case is left out: the repeat already links it.
 */
export async function findLinks(
  tx: Tx,
  tenantId: number,
  query: LinkQuery,
): Promise<{ repeatOf: LinkSuggestion | null; duplicateOf: LinkSuggestion | null }> {
  const { author, detectedAt } = query;
  const hasAuthor = author.externalId !== null || author.url !== null;
  const [mine, others] = await Promise.all([
    hasAuthor
      ? repeatCandidates(
          tx,
          tenantId,
          author,
          detectedAt - REPEAT_WINDOW_MS,
          detectedAt,
          CANDIDATES,
        )
      : [],
    query.topic && query.place?.settlement
      ? duplicateCandidates(
          tx,
          tenantId,
          { topic: query.topic, settlement: query.place.settlement, street: query.place.street },
          detectedAt - DUPLICATE_WINDOW_MS,
          detectedAt,
          CANDIDATES,
        )
      : [],
  ]);
  if (!mine.length && !others.length) return { repeatOf: null, duplicateOf: null };

  const index = new RepeatIndex({
    repeatWindowMs: REPEAT_WINDOW_MS,
    duplicateWindowMs: DUPLICATE_WINDOW_MS,
    // Every candidate read is worth comparing: the lists are already bounded.
    maxPerKey: 2 * CANDIDATES,
    expectedEntries: mine.length + others.length,
  });
  const byId = new Map<string, CandidateMessage>();
  for (const m of [...mine, ...others]) byId.set(String(m.id), m);
  // The index expects messages roughly as they arrived: oldest first.
  const ordered = [...byId.values()].sort(
    (a, b) => a.detectedAt.getTime() - b.detectedAt.getTime() || a.id - b.id,
  );
  for (const m of ordered) {
    const entry: RepeatEntry = {
      id: String(m.id),
      postedAt: m.detectedAt.getTime(),
      terms: textTerms(m.text),
    };
    const who = hasAuthor && sameAuthor(author, m) ? SELF : authorKey(m);
    if (who !== undefined) entry.author = who;
    if (m.topic) entry.topic = m.topic;
    const place = placeOf(m);
    if (place) entry.location = place;
    index.add(entry);
  }

  const q: Parameters<RepeatIndex["findRepeat"]>[0] = {
    postedAt: detectedAt,
    terms: textTerms(query.text),
  };
  if (hasAuthor) q.author = SELF;
  if (query.topic) q.topic = query.topic;
  const place = query.place && placeOf(query.place);
  if (place) q.location = place;

  const suggestion = (found: ReturnType<RepeatIndex["findRepeat"]>): LinkSuggestion | null => {
    const m = found && byId.get(found.matchedId);
    return found && m
      ? {
          caseId: m.caseId,
          number: m.caseNumber,
          messageId: m.id,
          similarity: found.similarity,
          reasons: found.reasons,
        }
      : null;
  };
  const repeatOf = suggestion(index.findRepeat(q));
  const duplicate = suggestion(index.findDuplicate(q));
  const duplicateOf = duplicate && duplicate.caseId !== repeatOf?.caseId ? duplicate : null;
  return { repeatOf, duplicateOf };
}

const LinkedCaseView = Type.Object({
  id: Type.Integer(),
  number: Type.String(),
  status: Type.Enum([...CASE_STATUSES]),
  department: Type.Union([Type.Object({ id: Type.Integer(), name: Type.String() }), Type.Null()]),
});

/** A repeat or duplicate suggestion as the card shows it: the earlier case as it stands now. */
export const LinkSuggestionViewSchema = Type.Object({
  case: LinkedCaseView,
  similarity: Type.Number({ description: "Text similarity with the earlier message, 0..1" }),
  reasons: Type.Array(Type.String(), { description: "Why, in Russian" }),
  pending: Type.Boolean({ description: "Waits for a curator's decision" }),
});
export type LinkSuggestionView = Static<typeof LinkSuggestionViewSchema>;

/**
 * The stored repeat and duplicate suggestions of a case with the earlier cases' current number,
 * status and department. `pending` comes from the case row: cleared once a curator decided.
 */
export async function linkSuggestionsView(
  tx: Tx,
  tenantId: number,
  suggestion: Pick<TriageSuggestion, "repeatOf" | "duplicateOf"> | null,
  pending: { repeat: boolean; duplicate: boolean },
): Promise<{ repeatOf: LinkSuggestionView | null; duplicateOf: LinkSuggestionView | null }> {
  const repeat = suggestion?.repeatOf ?? null;
  const duplicate = suggestion?.duplicateOf ?? null;
  const ids = [repeat?.caseId, duplicate?.caseId].filter((x): x is number => x !== undefined);
  const cases = await casesWithDepartments(tx, tenantId, ids);
  const view = (s: LinkSuggestion | null, waiting: boolean): LinkSuggestionView | null => {
    const c = s && cases.find((r) => r.id === s.caseId);
    return s && c
      ? {
          case: {
            id: c.id,
            number: c.number,
            status: c.status as CaseStatus,
            department:
              c.departmentId === null
                ? null
                : { id: c.departmentId, name: c.departmentName ?? "—" },
          },
          similarity: s.similarity,
          reasons: s.reasons,
          pending: waiting,
        }
      : null;
  };
  return {
    repeatOf: view(repeat, pending.repeat),
    duplicateOf: view(duplicate, pending.duplicate),
  };
}
