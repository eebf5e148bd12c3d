// The supervisor's overview: open cases by stage and status, overdue and at risk by department
// and by settlement,
// escalations to the head, and the share of stages done by their deadline today and this week —
// all counted by the server (GET /reports/overview), refreshed when anything changes.
import { useState } from "react";
import { api, ms } from "../api/client.ts";
import type { CaseStatus, Overview, Timeliness } from "../api/types.ts";
import { RiskBadge } from "../components/Deadline.tsx";
import { Bursts } from "../components/Bursts.tsx";
import { useI18n, useTexts } from "../i18n.tsx";
import { useLiveRefresh } from "../live.tsx";
import { problemText, useResource } from "../resource.ts";
import { Link } from "../router.tsx";
import { useSession } from "../session.tsx";
import { formatAt } from "../time.ts";
import { formatCivil, parseCivil } from "../../../src/domain/calendar/civil-date.ts";
import { dayOfInstant, startOfDay } from "../../../src/domain/calendar/time-zone.ts";

const TEXTS = {
  ru: {
    open: "Открыто",
    openCases: "Открытых карточек",
    byStatus: "Открытые по статусам",
    statusCol: "Статус",
    totalTerm: "общий срок",
    timelinessByDepartment: "Своевременность по подразделениям",
    today: "Сегодня",
    week: "Неделя",
    share: (onTime: number, due: number, share: number | null) =>
      share === null
        ? "нет этапов со сроком"
        : `${Math.round(share * 100)}% — ${onTime} из ${due} в срок`,
    timelinessNote:
      "Доля этапов, выполненных в срок: завершённые за период и те, чей срок истёк, а они не выполнены.",
    period: "Период докладов",
    apply: "Показать",
    escalatedAt: "Доложено",
    escalationsTotal: (shown: number, total: number) =>
      total > shown ? `показаны ${shown} из ${total}` : "",
    notRouted: "не направлено",
    bySettlement: "Открытые по населённым пунктам",
    settlementCol: "Населённый пункт",
    placeUnknown: "место не определено",
  },
  en: {
    open: "Open",
    openCases: "Open cases",
    byStatus: "Open cases by status",
    statusCol: "Status",
    totalTerm: "total term",
    timelinessByDepartment: "Timeliness by department",
    today: "Today",
    week: "This week",
    share: (onTime: number, due: number, share: number | null) =>
      share === null
        ? "no stages with a deadline"
        : `${Math.round(share * 100)}% — ${onTime} of ${due} on time`,
    timelinessNote:
      "Share of stages done by their deadline: those completed in the period and those past due, not done.",
    period: "Escalations from–to",
    apply: "Show",
    escalatedAt: "Reported",
    escalationsTotal: (shown: number, total: number) =>
      total > shown ? `${shown} of ${total} shown` : "",
    notRouted: "not routed",
    bySettlement: "Open cases by settlement",
    settlementCol: "Settlement",
    placeUnknown: "place not known",
  },
};

interface Row {
  key: string;
  title: string;
  open: number;
  overdue: number;
  atRisk: number;
}

/** The tenant's calendar date of an instant, as an <input type=date> takes it. */
const dateInput = (iso: string, zone: string) => formatCivil(dayOfInstant(zone, Date.parse(iso)));

export default function OverviewPage() {
  const { t, locale, status } = useI18n();
  const x = useTexts(TEXTS);
  const { me } = useSession();
  const zone = me?.tenant.timeZone ?? "Europe/Moscow";
  const [period, setPeriod] = useState<{ from?: string; to?: string }>({});
  const [draft, setDraft] = useState({ from: "", to: "" });
  const res = useResource(
    () => api.get<Overview>("/reports/overview", { from: period.from, to: period.to }),
    [period.from, period.to],
  );
  useLiveRefresh(res.reload);
  const o = res.data;

  if (!o)
    return (
      <section className="page overview">
        <h1>{t.overviewTitle}</h1>
        {res.error ? (
          <p className="error" role="alert">
            {problemText(res.error, t)}
          </p>
        ) : (
          <p className="page-loading" role="status">
            {t.loading}
          </p>
        )}
      </section>
    );

  const stages: Row[] = o.stages.map((s) => ({
    key: s.stage,
    title: s.kind === "total" ? `${s.title} (${x.totalTerm})` : s.title,
    open: s.open,
    overdue: s.overdue,
    atRisk: s.atRisk,
  }));
  const statuses: Row[] = o.statuses.map((s) => ({
    key: s.status,
    title: status(s.status as CaseStatus),
    open: s.open,
    overdue: s.overdue,
    atRisk: s.atRisk,
  }));
  const settlements: Row[] = o.settlements.map((p) => ({
    key: p.settlement ?? "",
    title: p.settlement ?? x.placeUnknown,
    open: p.open,
    overdue: p.overdue,
    atRisk: p.atRisk,
  }));
  const departments: Row[] = o.departments.map((d) => ({
    key: String(d.department?.id ?? "none"),
    title: d.department?.name ?? x.notRouted,
    open: d.open,
    overdue: d.overdue,
    atRisk: d.atRisk,
  }));

  // Days are the tenant's: from the first day's midnight to the end of the last day, in its zone.
  const applyPeriod = () => {
    const first = draft.from ? parseCivil(draft.from) : undefined;
    const last = draft.to ? parseCivil(draft.to) : undefined;
    const iso = (day: number) => new Date(startOfDay(zone, day)).toISOString();
    setPeriod({
      ...(first !== undefined ? { from: iso(first) } : {}),
      ...(last !== undefined ? { to: iso(last + 1) } : {}),
    });
  };

  return (
    <section className="page overview">
      <h1>{t.overviewTitle}</h1>
      {res.error && (
        <p className="error" role="alert">
          {problemText(res.error, t)}
        </p>
      )}
      <div className="cards">
        <Figure id="open" title={x.openCases} value={String(o.totals.open)} />
        <Figure id="overdue" title={t.tabOverdue} value={String(o.totals.overdue)} mark="‼ " />
        <Figure id="at-risk" title={t.tabAtRisk} value={String(o.totals.atRisk)} mark="⚠ " />
        <TimelinessFigure id="today" title={t.timelinessToday} t={o.timeliness.today} />
        <TimelinessFigure id="week" title={t.timelinessWeek} t={o.timeliness.week} />
      </div>
      <p className="muted small">{x.timelinessNote}</p>

      <CountsTable id="by-stage" caption={t.perStage} first={t.stageCol} rows={stages} />
      <CountsTable
        id="by-department"
        caption={t.byDepartment}
        first={t.department}
        rows={departments}
      />
      <CountsTable
        id="by-settlement"
        caption={x.bySettlement}
        first={x.settlementCol}
        rows={settlements}
      />
      <CountsTable id="by-status" caption={x.byStatus} first={x.statusCol} rows={statuses} />

      <table className="table" data-testid="timeliness-by-department">
        <caption>{x.timelinessByDepartment}</caption>
        <thead>
          <tr>
            <th scope="col">{t.department}</th>
            <th scope="col">{x.today}</th>
            <th scope="col">{x.week}</th>
          </tr>
        </thead>
        <tbody>
          {mergeDepartments(o.timeliness.today, o.timeliness.week).map((d) => (
            <tr key={d.key}>
              <th scope="row">{d.name ?? x.notRouted}</th>
              <td>{d.today ? x.share(d.today.onTime, d.today.due, d.today.share) : t.none}</td>
              <td>{d.week ? x.share(d.week.onTime, d.week.due, d.week.share) : t.none}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>{t.escalations}</h2>
      <form
        className="inline wrap"
        onSubmit={(e) => {
          e.preventDefault();
          applyPeriod();
        }}
      >
        <label>
          {t.from}
          <input
            type="date"
            value={draft.from || dateInput(o.from, zone)}
            onChange={(e) => setDraft((d) => ({ ...d, from: e.target.value }))}
          />
        </label>
        <label>
          {t.to}
          <input
            type="date"
            value={draft.to || dateInput(o.to, zone)}
            onChange={(e) => setDraft((d) => ({ ...d, to: e.target.value }))}
          />
        </label>
        <button type="submit">{x.apply}</button>
      </form>
      {o.escalations.items.length === 0 ? (
        <p className="muted">{t.none}</p>
      ) : (
        <>
          <ul className="escalations" data-testid="escalations">
            {o.escalations.items.map((c) => (
              <li key={c.id}>
                <Link href={`/cases/${c.id}`}>№ {c.number}</Link> <RiskBadge risk={c.risk} />{" "}
                <span className="muted">
                  {x.escalatedAt} {formatAt(ms(c.escalatedAt) ?? 0, zone, locale)} ·{" "}
                  {status(c.status as CaseStatus)} · {c.department?.name ?? x.notRouted}
                </span>
                <div className="note-text">{c.summary.slice(0, 160)}</div>
              </li>
            ))}
          </ul>
          <p className="muted small">
            {x.escalationsTotal(o.escalations.items.length, o.escalations.total)}
          </p>
        </>
      )}

      <Bursts from={o.from} to={o.to} zone={zone} />
    </section>
  );
}

function Figure({
  id,
  title,
  value,
  mark,
}: {
  id: string;
  title: string;
  value: string;
  mark?: string;
}) {
  return (
    <div className="card" data-testid={`figure-${id}`}>
      <h2>{title}</h2>
      <p className="big">
        {mark && <span aria-hidden="true">{mark}</span>}
        <span className="figure-value">{value}</span>
      </p>
    </div>
  );
}

function TimelinessFigure({ id, title, t }: { id: string; title: string; t: Timeliness }) {
  const { t: m } = useI18n();
  return (
    <div className="card" data-testid={`figure-${id}`}>
      <h2>{title}</h2>
      <p className="big">
        <span className="figure-value">
          {t.share === null ? m.none : `${Math.round(t.share * 100)}%`}
        </span>
      </p>
      <p className="muted small">{m.onTime(t.onTime, t.due)}</p>
    </div>
  );
}

type DeptTimeliness = Timeliness["departments"][number];

function mergeDepartments(today: Timeliness, week: Timeliness) {
  const rows = new Map<
    string,
    { key: string; name: string | null; today?: DeptTimeliness; week?: DeptTimeliness }
  >();
  const put = (d: DeptTimeliness, which: "today" | "week") => {
    const key = String(d.department?.id ?? "none");
    const row = rows.get(key) ?? { key, name: d.department?.name ?? null };
    row[which] = d;
    rows.set(key, row);
  };
  for (const d of week.departments) put(d, "week");
  for (const d of today.departments) put(d, "today");
  return [...rows.values()];
}

function CountsTable({
  id,
  caption,
  first,
  rows,
}: {
  id: string;
  caption: string;
  first: string;
  rows: Row[];
}) {
  const { t } = useI18n();
  const x = useTexts(TEXTS);
  return (
    <table className="table" data-testid={id}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{first}</th>
          <th scope="col">{x.open}</th>
          <th scope="col">{t.tabOverdue}</th>
          <th scope="col">{t.tabAtRisk}</th>
        </tr>
      </thead>
      <tbody>
        {rows.length === 0 && (
          <tr>
            <td colSpan={4} className="muted">
              {t.none}
            </td>
          </tr>
        )}
        {rows.map((r) => (
          <tr key={r.key}>
            <th scope="row">{r.title}</th>
            <td>{r.open}</td>
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
