// The supervisor's overview of a tenant: what is open at each stage and status, what is overdue or
// at risk in each department, what was escalated to the head, and how timely the stages were
// today and this week (in the tenant's time zone).
import { weekdayOf } from "../domain/calendar/civil-date.ts";
import { dayOfInstant, startOfDay } from "../domain/calendar/time-zone.ts";
import { mayOnTenant, type Actor } from "../domain/workflow/policy.ts";
import type { Tx } from "../db/cases.ts";
import { departmentNames } from "../db/case-details.ts";
import {
  escalatedCases,
  openCaseCounts,
  openStageCounts,
  stageTimeliness,
  type TimelinessRow,
} from "../db/reports.ts";
import { invalidInput, type Result } from "./results.ts";
import type { TenantContext } from "./tenant-context.ts";

export interface Counts {
  open: number;
  overdue: number;
  atRisk: number;
}

type Ref = { id: number; name: string } | null;

export interface Timeliness {
  from: number;
  to: number;
  /** Stages counted: completed in the period, or due in it and still open. */
  due: number;
  onTime: number;
  /** onTime / due; null when nothing was due. */
  share: number | null;
  departments: Array<{ department: Ref; due: number; onTime: number; share: number | null }>;
}

export interface Overview {
  now: number;
  from: number;
  to: number;
  totals: Counts;
  stages: Array<Counts & { stage: string; kind: "task" | "total"; title: string }>;
  statuses: Array<Counts & { status: string }>;
  departments: Array<Counts & { department: Ref }>;
  /** Open cases by the settlement of their place (null: not known), most overdue first. */
  settlements: Array<Counts & { settlement: string | null }>;
  escalations: {
    total: number;
    items: Array<{
      id: number;
      number: string;
      status: string;
      summary: string;
      escalatedAt: number;
      closedAt: number | null;
      department: Ref;
      risk: "none" | "atRisk" | "overdue";
    }>;
  };
  timeliness: { today: Timeliness; week: Timeliness; period: Timeliness };
}

/** Escalations listed at most; the total says how many there were. */
const ESCALATIONS_SHOWN = 50;

const share = (onTime: number, due: number): number | null =>
  due === 0 ? null : Math.round((onTime / due) * 1000) / 1000;

/** Midnight of today and of this week's Monday in the zone, as instants. */
export function periodStarts(timeZone: string, now: number): { today: number; week: number } {
  const day = dayOfInstant(timeZone, now);
  return {
    today: startOfDay(timeZone, day),
    week: startOfDay(timeZone, day - (weekdayOf(day) - 1)),
  };
}

export async function tenantOverview(
  tx: Tx,
  ctx: TenantContext,
  actor: Actor,
  period: { from?: number; to?: number },
  now: number,
): Promise<Result<{ overview: Overview }>> {
  if (actor.tenantId !== ctx.tenant.id) return { ok: false, kind: "notFound" };
  if (!mayOnTenant(actor, "viewReports"))
    return { ok: false, kind: "forbidden", action: "viewReports" };
  const tenantId = ctx.tenant.id;
  const starts = periodStarts(ctx.tenant.time_zone, now);
  const from = period.from ?? starts.week;
  const to = period.to ?? now;
  if (to <= from) return invalidInput("to", "endsBeforeStart");

  const [stages, cases, escalated, today, week, custom] = await Promise.all([
    openStageCounts(tx, tenantId, now),
    openCaseCounts(tx, tenantId, now),
    escalatedCases(tx, tenantId, from, to, now, ESCALATIONS_SHOWN),
    stageTimeliness(tx, tenantId, starts.today, now, now),
    stageTimeliness(tx, tenantId, starts.week, now, now),
    stageTimeliness(tx, tenantId, from, to, now),
  ]);
  const departmentIds = [
    ...cases.map((c) => c.departmentId),
    ...escalated.items.map((e) => e.departmentId),
    ...[today, week, custom].flat().map((r) => r.departmentId),
  ].filter((d): d is number => d !== null);
  const names = await departmentNames(tx, tenantId, [...new Set(departmentIds)]);
  const ref = (id: number | null): Ref => (id === null ? null : { id, name: names.get(id) ?? "—" });

  const titleOf = (key: string): string => {
    for (const p of ctx.regulation.procedures) {
      const s = p.stages.find((x) => x.id === key);
      if (s) return s.title;
    }
    return key;
  };
  // Stages in the order the regulation runs them; the total term last.
  const order = new Map<string, number>();
  for (const p of ctx.regulation.procedures)
    for (const s of p.stages) if (!order.has(s.id)) order.set(s.id, order.size);
  const byStatus = cases.filter((c) => c.by === "status");
  const byDepartment = cases.filter((c) => c.by === "department");
  const bySettlement = cases.filter((c) => c.by === "settlement");
  const counts = (c: Counts): Counts => ({ open: c.open, overdue: c.overdue, atRisk: c.atRisk });
  const timeliness = (rows: TimelinessRow[], a: number, b: number): Timeliness => {
    const due = rows.reduce((n, r) => n + r.due, 0);
    const onTime = rows.reduce((n, r) => n + r.onTime, 0);
    return {
      from: a,
      to: b,
      due,
      onTime,
      share: share(onTime, due),
      departments: rows
        .map((r) => ({
          department: ref(r.departmentId),
          due: r.due,
          onTime: r.onTime,
          share: share(r.onTime, r.due),
        }))
        .sort((x, y) => (x.share ?? 1) - (y.share ?? 1) || y.due - x.due),
    };
  };

  return {
    ok: true,
    overview: {
      now,
      from,
      to,
      totals: byStatus.reduce(
        (t, c) => ({
          open: t.open + c.open,
          overdue: t.overdue + c.overdue,
          atRisk: t.atRisk + c.atRisk,
        }),
        { open: 0, overdue: 0, atRisk: 0 },
      ),
      stages: stages
        .map((s) => ({ stage: s.stage, kind: s.kind, title: titleOf(s.stage), ...counts(s) }))
        .sort(
          (a, b) =>
            Number(a.kind === "total") - Number(b.kind === "total") ||
            (order.get(a.stage) ?? 999) - (order.get(b.stage) ?? 999),
        ),
      statuses: byStatus
        .map((c) => ({ status: c.status ?? "", ...counts(c) }))
        .sort((a, b) => b.open - a.open),
      departments: byDepartment
        .map((c) => ({ department: ref(c.departmentId), ...counts(c) }))
        .sort((a, b) => b.overdue - a.overdue || b.atRisk - a.atRisk || b.open - a.open),
      settlements: bySettlement
        .map((c) => ({ settlement: c.settlement, ...counts(c) }))
        .sort(
          (a, b) =>
            Number(a.settlement === null) - Number(b.settlement === null) ||
            b.overdue - a.overdue ||
            b.atRisk - a.atRisk ||
            b.open - a.open,
        ),
      escalations: {
        total: escalated.total,
        items: escalated.items.map((e) => ({
          id: e.id,
          number: e.number,
          status: e.status,
          summary: e.summary,
          escalatedAt: e.escalatedAt.getTime(),
          closedAt: e.closedAt?.getTime() ?? null,
          department: ref(e.departmentId),
          risk: e.risk,
        })),
      },
      timeliness: {
        today: timeliness(today, starts.today, now),
        week: timeliness(week, starts.week, now),
        period: timeliness(custom, from, to),
      },
    },
  };
}
