// Candidates for repeats and duplicates of a new message: a bounded list of earlier messages, newest
// first, read through indexes. Whether one is about the same problem is the domain's decision
// (domain/triage/repeats.ts); the database only narrows a million messages down to a few dozen.
import { sql } from "kysely";
import type { Tx } from "./cases.ts";

export interface CandidateMessage {
  id: number;
  caseId: number;
  text: string;
  network: string;
  authorExternalId: string | null;
  authorUrl: string | null;
  detectedAt: Date;
  topic: string | null;
  settlement: string | null;
  street: string | null;
  house: string | null;
  caseNumber: string;
  caseStatus: string;
  caseDepartmentId: number | null;
}

function candidates(tx: Tx, tenantId: number, since: Date, until: Date) {
  return (
    tx
      .selectFrom("messages")
      .innerJoin("cases", "cases.id", "messages.case_id")
      .select([
        "messages.id",
        "messages.case_id as caseId",
        "messages.text",
        "messages.network",
        "messages.author_external_id as authorExternalId",
        "messages.author_url as authorUrl",
        "messages.detected_at as detectedAt",
        "messages.triage_topic as topic",
        "messages.triage_settlement as settlement",
        "messages.triage_street as street",
        sql<string | null>`messages.triage -> 'location' ->> 'house'`.as("house"),
        "cases.number as caseNumber",
        "cases.status as caseStatus",
        "cases.department_id as caseDepartmentId",
      ])
      .where("messages.tenant_id", "=", tenantId)
      .where("messages.detected_at", ">=", since)
      .where("messages.detected_at", "<=", until)
      // Not-processable messages are never answered: nothing to repeat or join.
      .where("cases.status", "<>", "notProcessable")
      // The inner join above: a candidate always belongs to a case.
      .$narrowType<{ caseId: number }>()
      .orderBy("messages.detected_at", "desc")
      .orderBy("messages.id", "desc")
  );
}

function newestFirst(rows: CandidateMessage[], limit: number): CandidateMessage[] {
  const unique = new Map(rows.map((r) => [r.id, r]));
  return [...unique.values()]
    .sort((a, b) => b.detectedAt.getTime() - a.detectedAt.getTime() || b.id - a.id)
    .slice(0, limit);
}

export interface AuthorOf {
  network: string;
  externalId: string | null;
  url: string | null;
}

/**
 * The same author's messages in [since, until], newest first, at most `limit`: by the network's id
 * of the author (index messages_author) and by the profile link (messages_author_url), merged.
 */
export async function repeatCandidates(
  tx: Tx,
  tenantId: number,
  author: AuthorOf,
  since: number,
  until: number,
  limit: number,
): Promise<CandidateMessage[]> {
  const from = new Date(since);
  const to = new Date(until);
  const [byId, byUrl] = await Promise.all([
    author.externalId
      ? candidates(tx, tenantId, from, to)
          .where("messages.network", "=", author.network)
          .where("messages.author_external_id", "=", author.externalId)
          .limit(limit)
          .execute()
      : [],
    author.url
      ? candidates(tx, tenantId, from, to)
          .where("messages.author_url", "=", author.url)
          .limit(limit)
          .execute()
      : [],
  ]);
  return newestFirst([...byId, ...byUrl], limit);
}

export interface PlaceOf {
  topic: string;
  settlement: string;
  street: string | null;
}

/**
 * Messages of open cases on the same topic in the same street (index messages_topic_street) and,
 * fewer, in the same settlement (messages_topic_settlement), in [since, until], newest first:
 * in a burst of complaints about one outage the newest few are enough.
 */
export async function duplicateCandidates(
  tx: Tx,
  tenantId: number,
  place: PlaceOf,
  since: number,
  until: number,
  limit: number,
): Promise<CandidateMessage[]> {
  const from = new Date(since);
  const to = new Date(until);
  const open = (q: ReturnType<typeof candidates>) =>
    q
      .where("cases.closed_at", "is", null)
      .where("messages.triage_topic", "=", place.topic)
      .where("messages.triage_settlement", "=", place.settlement);
  const [inStreet, inSettlement] = await Promise.all([
    place.street
      ? open(candidates(tx, tenantId, from, to))
          .where("messages.triage_street", "=", place.street)
          .limit(limit)
          .execute()
      : [],
    open(candidates(tx, tenantId, from, to))
      .limit(place.street ? Math.ceil(limit / 2) : limit)
      .execute(),
  ]);
  return newestFirst([...inStreet, ...inSettlement], limit);
}
