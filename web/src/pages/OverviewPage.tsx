// The supervisor's overview: open cases by stage, overdue and at risk by department, escalations,
// and how many cases closed on time today and this week. Computed from the list endpoint until
// the server has a report of its own.
import { useMemo } from "react";
import { listAll, ms } from "../api/client.ts";
import type { CaseListItem } from "../api/types.ts";
import { RiskBadge } from "../components/Deadline.tsx";
import { useI18n } from "../i18n.tsx";
import { useLiveRefresh } from "../live.tsx";
import { problemText, useResource } from "../resource.ts";
import { Link } from "../router.tsx";
import { useSession } from "../session.tsx";
import { dayOfInstant, startOfDay } from "../../../src/domain/calendar/time-zone.ts";

interface Counts {
  key: string;
  title: string;
  total: number;
  overdue: number;
  atRisk: number;
}

function group(items: CaseListItem[], keyOf: (c: CaseListItem) => [string, string]): Counts[] {
  const map = new Map<string, Counts>();
  for (const c of items) {
    const [key, title] = keyOf(c);
    const row = map.get(key) ?? { key, title, total: 0, overdue: 0, atRisk: 0 };
    row.total++;
    if (c.risk === "overdue") row.overdue++;
    if (c.risk === "atRisk") row.atRisk++;
    map.set(key, row);
  }
  return [...map.values()].sort(
    (a, b) => b.overdue - a.overdue || b.atRisk - a.atRisk || b.total - a.total,
  );
}

/** A case closed on time: closed before its total deadline (or with no deadline at all). */
function onTime(c: CaseListItem): boolean {
  const closed = ms(c.closedAt ?? null);
  const due = ms(c.deadline);
  return closed === null || due === null || closed <= due;
}

export default function OverviewPage() {
  const { t } = useI18n();
  const { me } = useSession();
  const open = useResource(() => listAll<CaseListItem>("/cases", { sort: "deadline" }, 5000), []);
  const closed = useResource(
    () => listAll<CaseListItem>("/cases", { closed: true, sort: "-closed" }, 1000),
    [],
  );
  useLiveRefresh(() => {
    open.reload();
    closed.reload();
  });
  const items = useMemo(() => open.data?.items ?? [], [open.data]);
  const byStage = useMemo(
    () => group(items, (c) => [c.stage?.key ?? "-", c.stage?.title ?? t.none]),
    [items, t],
  );
  const byDept = useMemo(
    () =>
      group(items, (c) => [String(c.department?.id ?? "-"), c.department?.name ?? t.noDepartment]),
    [items, t],
  );
  // List rows carry escalatedAt only once the server adds it; until then the section says so.
  const escalatedAt = (c: CaseListItem) =>
    (c as CaseListItem & { escalatedAt?: string | null }).escalatedAt;
  const knowsEscalations = items.some((c) => escalatedAt(c) !== undefined);
  const escalated = items.filter((c) => escalatedAt(c));

  const zone = me?.tenant.timeZone ?? "Europe/Moscow";
  const now = Date.now();
  const today = startOfDay(zone, dayOfInstant(zone, now));
  // The week starts on Monday in the tenant's zone.
  const weekday = (((dayOfInstant(zone, now) + 3) % 7) + 7) % 7;
  const weekStart = startOfDay(zone, dayOfInstant(zone, now) - weekday);
  const closedItems = closed.data?.items ?? [];
  const closedSince = (from: number) =>
    closedItems.filter((c) => (ms(c.closedAt ?? null) ?? 0) >= from);
  const todayList = closedSince(today);
  const weekList = closedSince(weekStart);

  return (
    <section className="page overview">
      <h1>{t.overviewTitle}</h1>
      {(open.error || closed.error) && (
        <p className="error" role="alert">
          {problemText(open.error ?? closed.error, t)}
        </p>
      )}
      <div className="cards">
        <div className="card">
          <h2>{t.timelinessToday}</h2>
          <p className="big">{t.onTime(todayList.filter(onTime).length, todayList.length)}</p>
        </div>
        <div className="card">
          <h2>{t.timelinessWeek}</h2>
          <p className="big">{t.onTime(weekList.filter(onTime).length, weekList.length)}</p>
        </div>
        <div className="card">
          <h2>{t.tabOverdue}</h2>
          <p className="big">
            <span aria-hidden="true">‼ </span>
            {items.filter((c) => c.risk === "overdue").length}
          </p>
        </div>
        <div className="card">
          <h2>{t.tabAtRisk}</h2>
          <p className="big">
            <span aria-hidden="true">⚠ </span>
            {items.filter((c) => c.risk === "atRisk").length}
          </p>
        </div>
      </div>

      <CountsTable caption={t.perStage} first={t.stageCol} rows={byStage} />
      <CountsTable caption={t.byDepartment} first={t.department} rows={byDept} />

      <h2>{t.escalations}</h2>
      {!knowsEscalations && items.length > 0 ? (
        <p className="muted">{t.notAvailable}</p>
      ) : escalated.length === 0 ? (
        <p className="muted">{t.none}</p>
      ) : (
        <ul>
          {escalated.map((c) => (
            <li key={c.id}>
              <Link href={`/cases/${c.id}`}>№ {c.number}</Link> <RiskBadge risk={c.risk} />{" "}
              {c.summary.slice(0, 120)}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function CountsTable({ caption, first, rows }: { caption: string; first: string; rows: Counts[] }) {
  const { t } = useI18n();
  return (
    <table className="table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{first}</th>
          <th scope="col">{t.count}</th>
          <th scope="col">{t.tabOverdue}</th>
          <th scope="col">{t.tabAtRisk}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key}>
            <th scope="row">{r.title}</th>
            <td>{r.total}</td>
            <td className={r.overdue ? "cell-overdue" : undefined}>
              {r.overdue > 0 && <span aria-hidden="true">‼ </span>}
              {r.overdue}
            </td>
            <td className={r.atRisk ? "cell-risk" : undefined}>
              {r.atRisk > 0 && <span aria-hidden="true">⚠ </span>}
              {r.atRisk}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
