// The figures of the supervisor's overview, counted by the database. Every query reads open
// stages and cases, or stages of one period, through partial indexes (migration
// 2026-11-25T0920-overview-indexes): the cost follows what is open now, not the whole history.
import { sql } from "kysely";
import type { Tx } from "./cases.ts";

export interface StageCount {
  stage: string;
  kind: "task" | "total";
  open: number;
  overdue: number;
  atRisk: number;
}

/** Open stages (windows aside) by the regulation's stage id, with how many are late or at risk. */
export async function openStageCounts(
  tx: Tx,
  tenantId: number,
  now: number,
): Promise<StageCount[]> {
  return (await openStageCountsQuery(tenantId, now).execute(tx)).rows;
}

export function openStageCountsQuery(tenantId: number, now: number) {
  const at = new Date(now);
  return sql<StageCount>`
    select s.stage, s.kind,
      count(*)::int as open,
      count(*) filter (where s.deadline <= ${at})::int as overdue,
      count(*) filter (where s.deadline > ${at} and s.at_risk_at <= ${at})::int as "atRisk"
    from case_stages s
    where s.tenant_id = ${tenantId} and s.status = 'open' and s.kind <> 'window'
    group by s.stage, s.kind
    order by s.stage`;
}

export interface CaseCount {
  /** Which grouping the row counts. */
  by: "status" | "department" | "settlement";
  /** Set in the rows by status. */
  status: string | null;
  /** Set in the rows by department; null there is "not routed yet". */
  departmentId: number | null;
  /** Set in the rows by settlement; null there is "place not known". */
  settlement: string | null;
  open: number;
  overdue: number;
  atRisk: number;
}

/**
 * Open cases by status, by department and by the settlement of their place. A case is overdue when any open stage is past its
 * deadline, at risk when not overdue and any open stage has reached its warning moment — the
 * same rule as the card's (domain/workflow/case.ts riskAt), counted at `now`.
 */
export async function openCaseCounts(tx: Tx, tenantId: number, now: number): Promise<CaseCount[]> {
  return (await openCaseCountsQuery(tenantId, now).execute(tx)).rows;
}

export function openCaseCountsQuery(tenantId: number, now: number) {
  const at = new Date(now);
  return sql<CaseCount>`
    with risk as (
      select s.case_id,
        coalesce(bool_or(s.deadline <= ${at}), false) as overdue,
        coalesce(bool_or(s.at_risk_at <= ${at}), false) as at_risk
      from case_stages s
      where s.tenant_id = ${tenantId} and s.status = 'open' and s.kind <> 'window'
      group by s.case_id
    )
    select c.status, c.department_id as "departmentId",
      c.location->>'settlement' as settlement,
      case
        when grouping(c.status) = 0 then 'status'
        when grouping(c.department_id) = 0 then 'department'
        else 'settlement'
      end as by,
      count(*)::int as open,
      count(*) filter (where r.overdue)::int as overdue,
      count(*) filter (where r.at_risk and not r.overdue)::int as "atRisk"
    from cases c
    left join risk r on r.case_id = c.id
    where c.tenant_id = ${tenantId} and c.closed_at is null
    group by grouping sets ((c.status), (c.department_id), (c.location->>'settlement'))`;
}

export interface EscalatedCase {
  id: number;
  number: string;
  status: string;
  summary: string;
  escalatedAt: Date;
  closedAt: Date | null;
  departmentId: number | null;
  risk: "none" | "atRisk" | "overdue";
}

/** Cases escalated to the head in a period, newest first, and how many there were. */
export async function escalatedCases(
  tx: Tx,
  tenantId: number,
  from: number,
  to: number,
  now: number,
  limit: number,
): Promise<{ items: EscalatedCase[]; total: number }> {
  const [items, total] = await Promise.all([
    escalatedCasesQuery(tenantId, from, to, now, limit).execute(tx),
    sql<{ n: number }>`select count(*)::int as n from cases c
      where ${escalatedRange(tenantId, from, to)}`.execute(tx),
  ]);
  return { items: items.rows, total: total.rows[0]?.n ?? 0 };
}

const escalatedRange = (tenantId: number, from: number, to: number) =>
  sql`c.tenant_id = ${tenantId} and c.escalated_at is not null
    and c.escalated_at >= ${new Date(from)} and c.escalated_at < ${new Date(to)}`;

export function escalatedCasesQuery(
  tenantId: number,
  from: number,
  to: number,
  now: number,
  limit: number,
) {
  return sql<EscalatedCase>`
      select c.id, c.number, c.status, c.summary, c.escalated_at as "escalatedAt",
        c.closed_at as "closedAt", c.department_id as "departmentId",
        case
          when c.closed_at is not null then 'none'
          when c.next_deadline <= ${new Date(now)} then 'overdue'
          when c.risk = 'atRisk' then 'atRisk'
          else 'none'
        end as risk
      from cases c
      where ${escalatedRange(tenantId, from, to)}
      order by c.escalated_at desc, c.id desc
      limit ${limit}`;
}

export interface TimelinessRow {
  departmentId: number | null;
  due: number;
  onTime: number;
}

/**
 * Timeliness of a period by department: the stages completed in it, and the stages that came due
 * in it and are still open (late, not done yet); on time are those completed by their deadline.
 * Each stage counts once: in the period it was completed, or, while late, in the one it fell due.
 */
export async function stageTimeliness(
  tx: Tx,
  tenantId: number,
  from: number,
  to: number,
  now: number,
): Promise<TimelinessRow[]> {
  return (await stageTimelinessQuery(tenantId, from, to, now).execute(tx)).rows;
}

export function stageTimelinessQuery(tenantId: number, from: number, to: number, now: number) {
  const [a, b] = [new Date(from), new Date(to)];
  // An open stage whose deadline is still ahead is not late yet, whatever the period.
  const lateBy = new Date(Math.min(to, now));
  return sql<TimelinessRow>`
    with counted as (
      select s.case_id, s.completed_at <= s.deadline as on_time
      from case_stages s
      where s.tenant_id = ${tenantId} and s.status = 'done' and s.deadline is not null
        and s.completed_at >= ${a} and s.completed_at < ${b} and s.kind <> 'window'
      union all
      select s.case_id, false as on_time
      from case_stages s
      where s.tenant_id = ${tenantId} and s.status = 'open' and s.deadline is not null
        and s.deadline >= ${a} and s.deadline < ${lateBy} and s.kind <> 'window'
    )
    select c.department_id as "departmentId",
      count(*)::int as due,
      count(*) filter (where k.on_time)::int as "onTime"
    from counted k
    join cases c on c.id = k.case_id
    group by c.department_id`;
}
