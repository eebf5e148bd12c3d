// Queries about cases and their stages: load a case for a decision, store the decision, list queues.
import {
  sql,
  type Compilable,
  type OperationNodeSource,
  type RawBuilder,
  type Transaction,
} from "kysely";
import type { CaseEvent, Channel, Importance } from "../domain/regulation/schema.ts";
import { nextDeadline, riskAt, type CaseState, type StageState } from "../domain/workflow/case.ts";
import { auditInsert, auditRow, type AuditEntry } from "./audit.ts";
import type { Db } from "./connection.ts";
import { notificationsInsert } from "./notifications.ts";
import type { DB, Row } from "./schema.ts";

export type Tx = Transaction<DB> | Db;

const ms = (d: Date | null): number | null => (d === null ? null : d.getTime());
const iso = (t: number | null): string | null => (t === null ? null : new Date(t).toISOString());

/** The columns a case's state is made of (caseFromState). */
export const STATE_COLUMNS = [
  "id",
  "tenant_id",
  "number",
  "procedure",
  "channel",
  "status",
  "importance",
  "topic",
  "department_id",
  "executor_id",
  "co_executors",
  "additional_control",
  "not_processable",
  "repeat_of",
  "escalated_at",
  "version",
  "opened_at",
  "closed_at",
  "events",
  "overrides",
  "extensions_used",
] as const;
export type StateRow = Pick<Row<"cases">, (typeof STATE_COLUMNS)[number]>;

/**
 * Every column of a case but its search vector: only the database reads that one, and as text it
 * is the widest column of the row.
 */
export const CASE_COLUMNS = [
  ...STATE_COLUMNS,
  "location",
  "location_text",
  "summary",
  "duplicate_of",
  "suggested_repeat_of",
  "suggested_duplicate_of",
  "not_processable_suggested",
  "next_deadline",
  "risk",
  "created_at",
  "updated_at",
] as const;
// A column added to the table and not to the list fails here.
const everyColumn: Exclude<
  keyof Row<"cases">,
  (typeof CASE_COLUMNS)[number] | "search"
> extends never
  ? true
  : false = true;
void everyColumn;

/** Columns of `alias` for a raw SELECT list. */
const columnsOf = (alias: string, columns: readonly string[]) =>
  sql.join(columns.map((c) => sql.ref(`${alias}.${c}`)));

export function caseFromState(
  row: StateRow,
  stages: StageState[],
  draft: Pick<Row<"drafts">, "id" | "kind" | "status" | "version"> | undefined,
): CaseState {
  const events: Partial<Record<CaseEvent, number>> = {};
  for (const [k, v] of Object.entries(row.events)) events[k as CaseEvent] = Date.parse(v);
  return {
    id: row.id,
    tenantId: row.tenant_id,
    number: row.number,
    procedure: row.procedure,
    channel: row.channel as Channel,
    status: row.status as CaseState["status"],
    importance: row.importance as Importance,
    topic: row.topic,
    departmentId: row.department_id,
    executorId: row.executor_id,
    coExecutors: row.co_executors as CaseState["coExecutors"],
    additionalControl: row.additional_control,
    notProcessable: row.not_processable as CaseState["notProcessable"],
    repeatOf: row.repeat_of,
    escalatedAt: ms(row.escalated_at),
    version: row.version,
    openedAt: row.opened_at.getTime(),
    closedAt: ms(row.closed_at),
    events,
    stages: [...stages].sort((a, b) => a.startedAt - b.startedAt || (a.id ?? 0) - (b.id ?? 0)),
    overrides: row.overrides as CaseState["overrides"],
    extensionsUsed: row.extensions_used,
    draft:
      draft && draft.status !== "superseded"
        ? { id: draft.id, kind: draft.kind, status: draft.status, version: draft.version }
        : null,
  };
}

/** A stage as loadCase reads it: instants in milliseconds, straight from the database. */
export type StageJson = Omit<StageState, "id" | "actor" | "kind"> & {
  id: number;
  actor: string | null;
  kind: string;
};

/** An instant column in epoch milliseconds, for JSON built in SQL. */
export const epochMs = (column: string) =>
  sql`(extract(epoch from ${sql.ref(column)}) * 1000)::bigint`;

/** The stages of case `c` (the alias) as a JSON array, those matching `where` only. */
export const stagesJson = (where: RawBuilder<unknown> = sql`true`) => sql<StageJson[] | null>`
  (select json_agg(json_build_object(
      'id', s.id, 'key', s.stage, 'actor', s.actor, 'kind', s.kind, 'cycle', s.cycle,
      'status', s.status, 'startedAt', ${epochMs("s.started_at")},
      'deadline', ${epochMs("s.deadline")}, 'boundedBy', s.bounded_by,
      'atRiskAt', ${epochMs("s.at_risk_at")}, 'term', s.term, 'clause', s.clause,
      'overridden', s.overridden, 'completedAt', ${epochMs("s.completed_at")}))
    from case_stages s where s.case_id = c.id and ${where})`;

/** The latest draft of case `c` (the alias) as a JSON object, or null. */
export const latestDraftJson = sql<DraftJson | null>`
  (select json_build_object('id', d.id, 'kind', d.kind, 'status', d.status, 'version', d.version)
    from drafts d where d.case_id = c.id order by d.version desc limit 1)`;

/**
 * Loads a case of a tenant for a decision, with its stages and latest draft, in one statement.
 * `lock` takes the case's row for the rest of the transaction.
 */
export async function loadCase(
  tx: Tx,
  tenantId: number,
  caseId: number,
  lock = false,
): Promise<CaseState | undefined> {
  const result = await sql<
    StateRow & { stage_list: StageJson[] | null; latest_draft: DraftJson | null }
  >`
    select ${columnsOf("c", STATE_COLUMNS)}, ${stagesJson()} as stage_list,
      ${latestDraftJson} as latest_draft
    from cases c
    where c.tenant_id = ${tenantId} and c.id = ${caseId}
    ${lock ? sql`for update of c` : sql``}`.execute(tx);
  const row = result.rows[0];
  if (!row) return undefined;
  const { stage_list, latest_draft, ...caseRow } = row;
  return caseFromState(caseRow, (stage_list ?? []).map(stageFromJson), latest_draft ?? undefined);
}

export type DraftJson = Pick<Row<"drafts">, "id" | "kind" | "status" | "version">;

export function stageFromJson(s: StageJson): StageState {
  return {
    ...s,
    actor: s.actor as StageState["actor"],
    kind: s.kind as StageState["kind"],
    startedAt: Number(s.startedAt),
    deadline: s.deadline === null ? null : Number(s.deadline),
    atRiskAt: s.atRiskAt === null ? null : Number(s.atRiskAt),
    completedAt: s.completedAt === null ? null : Number(s.completedAt),
  };
}

function stageRow(tenantId: number, caseId: number, s: StageState) {
  return {
    tenant_id: tenantId,
    case_id: caseId,
    stage: s.key,
    actor: s.actor,
    kind: s.kind,
    cycle: s.cycle,
    status: s.status,
    started_at: new Date(s.startedAt),
    deadline: s.deadline === null ? null : new Date(s.deadline),
    bounded_by: s.boundedBy,
    at_risk_at: s.atRiskAt === null ? null : new Date(s.atRiskAt),
    term: s.term,
    clause: s.clause,
    overridden: s.overridden,
    completed_at: s.completedAt === null ? null : new Date(s.completedAt),
  };
}

function caseColumns(c: CaseState, now: number) {
  const events: Record<string, string> = {};
  for (const [k, v] of Object.entries(c.events))
    if (v !== undefined) events[k] = new Date(v).toISOString();
  const next = nextDeadline(c);
  return {
    status: c.status,
    importance: c.importance,
    topic: c.topic,
    department_id: c.departmentId,
    executor_id: c.executorId,
    co_executors: JSON.stringify(c.coExecutors),
    repeat_of: c.repeatOf,
    additional_control: c.additionalControl,
    not_processable: c.notProcessable,
    escalated_at: c.escalatedAt === null ? null : new Date(c.escalatedAt),
    events: JSON.stringify(events),
    overrides: JSON.stringify(c.overrides),
    extensions_used: c.extensionsUsed,
    closed_at: c.closedAt === null ? null : new Date(c.closedAt),
    next_deadline: next === null ? null : new Date(next),
    risk: c.closedAt === null ? riskAt(c, now) : ("none" as const),
    version: c.version,
    updated_at: new Date(now),
  };
}

export interface NewCaseExtras {
  summary: string;
  locationText: string | null;
  location: object | null;
  /** What triage suggests for a curator to confirm (register-case.ts). */
  notProcessableSuggested: Row<"cases">["not_processable_suggested"];
  suggestedRepeatOf: number | null;
  suggestedDuplicateOf: number | null;
}

/** The new case's id and number inside insertCase's statement, for the rows written with it. */
export const NEW_CASE_ID = sql<number>`(select id from new_case)`;
const NEW_CASE_NUMBER = sql<string>`(select number from new_case)`;

/** What is written with a new case, each part referring to it by NEW_CASE_ID. */
export interface NewCaseTrail {
  /**
   * Rows beside the case (its message), each an insert ending in `returning id`. One that writes
   * nothing (its `on conflict do nothing` met a row) leaves the whole statement's work to be rolled
   * back: insertCase answers null.
   */
  beside: Array<Compilable & OperationNodeSource>;
  /** In order: the entries get ids in this order. Their caseId is the new case's. */
  audit: Array<Omit<AuditEntry, "caseId">>;
  /** The new case's number is added to the payload as `number`. */
  notifications?: { recipients: ReadonlyMap<number, string>; payload: Record<string, unknown> };
  /** The new case's id is added to the payload as `caseId`. */
  event: { channel: string; payload: Record<string, unknown> };
}

/**
 * Stores a new case, numbered, with its stages and trail, in one statement. The number is the next
 * of the tenant's yearly counter: `stem` and the padded sequence (open-case.ts). The counter's row
 * stays locked to the commit, so every other registration of the tenant waits for this statement
 * and the commit only, not for the reads before it. Returns the case as stored: its id, number and
 * stage ids; null when a row beside it was not written, and the caller must roll back.
 */
export async function insertCase(
  tx: Tx,
  c: CaseState,
  extras: NewCaseExtras,
  numbering: { year: number; stem: string; digits: number },
  now: number,
  trail: NewCaseTrail,
): Promise<CaseState | null> {
  const counter = tx
    .insertInto("case_counters")
    .values({ tenant_id: c.tenantId, year: numbering.year, last: 1 })
    .onConflict((oc) =>
      oc.columns(["tenant_id", "year"]).doUpdateSet({ last: sql`case_counters.last + 1` }),
    )
    .returning("last");
  const seq = sql`counter.last::text`;
  const number = sql<string>`(select ${numbering.stem}::text
      || lpad(${seq}, greatest(${numbering.digits}::int, length(${seq})), '0') from counter)`;
  const parts: RawBuilder<unknown>[] = [
    sql`counter as (${counter})`,
    sql`new_case as (${tx
      .insertInto("cases")
      .values({
        tenant_id: c.tenantId,
        number,
        procedure: c.procedure,
        channel: c.channel,
        summary: extras.summary,
        location_text: extras.locationText,
        location: extras.location === null ? null : JSON.stringify(extras.location),
        not_processable_suggested: extras.notProcessableSuggested,
        suggested_repeat_of: extras.suggestedRepeatOf,
        suggested_duplicate_of: extras.suggestedDuplicateOf,
        opened_at: new Date(c.openedAt),
        ...caseColumns(c, now),
      })
      .returning(["id", "number"])})`,
  ];
  if (c.stages.length)
    parts.push(
      sql`new_stages as (${tx
        .insertInto("case_stages")
        .values(c.stages.map((s) => ({ ...stageRow(c.tenantId, 0, s), case_id: NEW_CASE_ID })))
        .returning(["id", "stage"])})`,
    );
  trail.beside.forEach((write, i) => parts.push(sql`${sql.id(`beside_${i}`)} as (${write})`));
  if (trail.audit.length)
    parts.push(
      sql`audit as (${tx
        .insertInto("audit_log")
        .values(trail.audit.map((e) => auditRow({ ...e, caseId: NEW_CASE_ID })))})`,
    );
  const told =
    trail.notifications &&
    notificationsInsert(
      tx,
      { tenantId: c.tenantId, caseId: NEW_CASE_ID, at: now },
      trail.notifications.recipients,
      sql<string>`${JSON.stringify(trail.notifications.payload)}::jsonb
        || jsonb_build_object('number', ${NEW_CASE_NUMBER})`,
    );
  if (told) parts.push(sql`told as (${told})`);
  const written = trail.beside.map((_, i) => sql`(select count(*) from ${sql.id(`beside_${i}`)})`);
  const result = await sql<{
    id: number;
    number: string;
    stages: StageIdJson[] | null;
    beside_written: number;
  }>`
    with ${sql.join(parts)}
    select ${NEW_CASE_ID} as id, ${NEW_CASE_NUMBER} as number,
      ${written.length ? sql.join(written, sql` + `) : sql`0`}::int as beside_written,
      ${c.stages.length ? sql`(select json_agg(s order by s.id) from new_stages s)` : sql`null`} as stages,
      pg_notify(${trail.event.channel}, (${JSON.stringify(trail.event.payload)}::jsonb
        || jsonb_build_object('caseId', ${NEW_CASE_ID}))::text) as event`.execute(tx);
  const row = result.rows[0];
  if (!row) throw new Error("a new case was not stored");
  if (row.beside_written !== trail.beside.length) return null;
  return { ...c, id: row.id, number: row.number, stages: withIds(c.stages, row.stages ?? []) };
}

type StageIdJson = { id: number; stage: string };

/** New stages with the ids the insert gave them (drawn in the order of the values). */
function withIds(fresh: StageState[], inserted: StageIdJson[]): StageState[] {
  if (fresh.length !== inserted.length || fresh.some((s, i) => inserted[i]!.stage !== s.key))
    throw new Error("inserted stages came back out of order");
  return fresh.map((s, i) => ({ ...s, id: inserted[i]!.id }));
}

/** A write beside a case: an update, or an insert that `returnsId` (ending in `returning id`). */
export interface BesideWrite {
  write: Compilable & OperationNodeSource;
  returnsId: boolean;
}

/**
 * What is written with a case's new state: its audit entry, the notifications of the change, and
 * the live event (a NOTIFY, delivered only if the transaction commits).
 */
export interface CaseTrail {
  /**
   * Rows beside the case (drafts, publications, notes…), written in the same statement; one that
   * returns an `id` (an insert) gives it back as `besideIds[i]`.
   */
  beside?: BesideWrite[];
  audit?: AuditEntry;
  notifications?: Parameters<typeof notificationsInsert>;
  event?: { channel: string; payload: unknown };
}

/**
 * Stores a decided case if nobody changed it since it was read: the case's row, the stages that
 * changed, the new ones, and the trail, in one statement — each write a part of a WITH, so a
 * decision is one round trip however many rows it touches. Returns the case as stored (new stages
 * with their ids), or null when someone else was first: the other parts of the statement ran all
 * the same, so the caller must roll back (the use cases throw `versionMoved`, app/results.ts).
 */
export async function saveCase(
  tx: Tx,
  before: CaseState,
  after: CaseState,
  now: number,
  trail: CaseTrail = {},
): Promise<CaseState | null> {
  return (await saveCaseWith(tx, before, after, now, trail))?.case ?? null;
}

/** saveCase, with the ids of the rows written beside the case (`trail.beside`, null for updates). */
export async function saveCaseWith(
  tx: Tx,
  before: CaseState,
  after: CaseState,
  now: number,
  trail: CaseTrail,
): Promise<{ case: CaseState; besideIds: Array<number | null> } | null> {
  const parts: RawBuilder<unknown>[] = [
    sql`saved as (${tx
      .updateTable("cases")
      .set(caseColumns(after, now))
      .where("tenant_id", "=", before.tenantId)
      .where("id", "=", before.id)
      .where("version", "=", before.version)
      .returning("id")})`,
  ];
  const known = new Map(before.stages.filter((s) => s.id !== undefined).map((s) => [s.id, s]));
  for (const s of after.stages) {
    if (s.id === undefined) continue;
    const old = known.get(s.id);
    if (old === s || (old && JSON.stringify(old) === JSON.stringify(s))) continue;
    // A moved deadline (shortened term, extension) is a new clock: the scheduler warns about it anew.
    const moved = {
      ...(old && old.deadline !== s.deadline ? { overdue_notified_at: null } : {}),
      ...(old && old.atRiskAt !== s.atRiskAt ? { at_risk_notified_at: null } : {}),
    };
    parts.push(
      sql`${sql.id(`stage_${s.id}`)} as (${tx
        .updateTable("case_stages")
        .set({ ...stageRow(after.tenantId, after.id, s), ...moved })
        .where("id", "=", s.id)})`,
    );
  }
  const fresh = after.stages.filter((s) => s.id === undefined);
  if (fresh.length)
    parts.push(
      sql`fresh as (${tx
        .insertInto("case_stages")
        .values(fresh.map((s) => stageRow(after.tenantId, after.id, s)))
        .returning(["id", "stage"])})`,
    );
  const beside = trail.beside ?? [];
  beside.forEach(({ write }, i) => parts.push(sql`${sql.id(`beside_${i}`)} as (${write})`));
  if (trail.audit) parts.push(sql`audit as (${auditInsert(tx, trail.audit)})`);
  const notifications = trail.notifications && notificationsInsert(...trail.notifications);
  if (notifications) parts.push(sql`told as (${notifications})`);
  const event = trail.event
    ? sql`pg_notify(${trail.event.channel}, ${JSON.stringify(trail.event.payload)})`
    : sql`null`;
  const ids = beside.map((write, i) =>
    write.returnsId ? sql`(select id from ${sql.id(`beside_${i}`)})` : sql`null`,
  );
  const result = await sql<{
    saved: number;
    fresh: Array<{ id: number; stage: string }> | null;
    beside_ids: Array<number | null>;
  }>`
    with ${sql.join(parts)}
    select (select count(*) from saved)::int as saved,
      ${ids.length ? sql`json_build_array(${sql.join(ids)})` : sql`'[]'::json`} as beside_ids,
      ${fresh.length ? sql`(select json_agg(fresh order by id) from fresh)` : sql`null`} as fresh,
      ${event} as event`.execute(tx);
  const row = result.rows[0];
  if (row?.saved !== 1) return null;
  const besideIds = row.beside_ids;
  if (!fresh.length) return { case: after, besideIds };
  const stored = new Map(withIds(fresh, row.fresh ?? []).map((s, i) => [fresh[i], s]));
  const stages = after.stages.map((s) => stored.get(s) ?? s);
  return { case: { ...after, stages }, besideIds };
}

export { iso as isoOrNull };
