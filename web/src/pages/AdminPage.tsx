// Administration: departments, users, absences and substitutes, the regulation as a readable
// table with the linter's findings, the year's production calendar, the rubricator, accounts.
import { useState, type FormEvent } from "react";
import { api, ms } from "../api/client.ts";
import type {
  Absence,
  CalendarYear,
  Department,
  Importance,
  NetworkAccount,
  Role,
  UserView,
} from "../api/types.ts";
import { ROLES } from "../../../src/domain/workflow/policy.ts";
import {
  actorName,
  clauseLabel,
  describeTerm,
  eventName,
} from "../../../src/domain/regulation/messages.ts";
import { listOf } from "../components/RouteDialog.tsx";
import { useToast } from "../components/Toasts.tsx";
import { useI18n } from "../i18n.tsx";
import { useRegulation } from "../regulation.ts";
import { problemText, useResource } from "../resource.ts";
import { Link } from "../router.tsx";
import { useSession } from "../session.tsx";
import { formatAt } from "../time.ts";
import { useTopics } from "../topics.ts";

const SECTIONS = [
  "departments",
  "users",
  "absences",
  "regulation",
  "calendar",
  "rubricator",
  "accounts",
] as const;
type Section = (typeof SECTIONS)[number];

export default function AdminPage({ section }: { section: string }) {
  const { t } = useI18n();
  const current: Section = (SECTIONS as readonly string[]).includes(section)
    ? (section as Section)
    : "departments";
  const names: Record<Section, string> = {
    departments: t.departments,
    users: t.users,
    absences: t.absences,
    regulation: t.regulation,
    calendar: t.calendar,
    rubricator: t.rubricator,
    accounts: t.accounts,
  };
  return (
    <section className="page admin">
      <h1>{t.adminTitle}</h1>
      <nav aria-label={t.adminTitle} className="subnav">
        {SECTIONS.map((s) => (
          <Link key={s} href={`/admin/${s}`} aria-current={s === current ? "page" : undefined}>
            {names[s]}
          </Link>
        ))}
      </nav>
      <h2>{names[current]}</h2>
      {current === "departments" && <Departments />}
      {current === "users" && <Users />}
      {current === "absences" && <Absences />}
      {current === "regulation" && <RegulationView />}
      {current === "calendar" && <CalendarView />}
      {current === "rubricator" && <RubricatorView />}
      {current === "accounts" && <Accounts />}
    </section>
  );
}

function ErrorLine({ error }: { error: unknown }) {
  const { t } = useI18n();
  if (!error) return null;
  return (
    <p className="error" role="alert">
      {problemText(error, t)}
    </p>
  );
}

function Departments() {
  const { t } = useI18n();
  const toast = useToast();
  const res = useResource(() => api.get<unknown>("/departments"), []);
  const [name, setName] = useState("");
  const [error, setError] = useState<unknown>(null);
  const add = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await api.post("/departments", { name });
      setName("");
      toast(t.actionDone);
      res.reload();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <>
      <ErrorLine error={res.error ?? error} />
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t.name}</th>
          </tr>
        </thead>
        <tbody>
          {listOf<Department>(res.data).map((d) => (
            <tr key={d.id}>
              <td>{d.name}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <form onSubmit={add} className="inline">
        <label>
          {t.name}
          <input
            name="department-name"
            required
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
        </label>
        <button type="submit">{t.add}</button>
      </form>
    </>
  );
}

function Users() {
  const { t, role } = useI18n();
  const res = useResource(() => api.get<unknown>("/users"), []);
  return (
    <>
      <ErrorLine error={res.error} />
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t.fullName}</th>
            <th scope="col">{t.login}</th>
            <th scope="col">{t.roles}</th>
          </tr>
        </thead>
        <tbody>
          {listOf<UserView>(res.data).map((u) => (
            <tr key={u.id}>
              <td>{u.fullName}</td>
              <td>{u.login}</td>
              <td>
                {(u.roles ?? [])
                  .map((r) => {
                    const name = isRole(r.role) ? role(r.role) : r.role;
                    return r.department ? `${name} (${r.department.name})` : name;
                  })
                  .join(", ")}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

const isRole = (r: string): r is Role => (ROLES as readonly string[]).includes(r);

function Absences() {
  const { t, locale } = useI18n();
  const { me } = useSession();
  const toast = useToast();
  const res = useResource(() => api.get<unknown>("/absences"), []);
  const users = useResource(() => api.get<unknown>("/users"), []);
  const people = listOf<UserView>(users.data);
  const [form, setForm] = useState({
    userId: "",
    startsAt: "",
    endsAt: "",
    reason: "",
    substituteId: "",
  });
  const [error, setError] = useState<unknown>(null);
  const zone = me?.tenant.timeZone;
  const add = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await api.post("/absences", {
        userId: Number(form.userId),
        startsAt: new Date(form.startsAt).toISOString(),
        endsAt: new Date(form.endsAt).toISOString(),
        reason: form.reason,
        substituteId: form.substituteId ? Number(form.substituteId) : null,
      });
      toast(t.actionDone);
      res.reload();
    } catch (err) {
      setError(err);
    }
  };
  const set = (k: keyof typeof form) => (v: string) => setForm((f) => ({ ...f, [k]: v }));
  return (
    <>
      <ErrorLine error={res.error ?? error} />
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t.fullName}</th>
            <th scope="col">{t.from}</th>
            <th scope="col">{t.to}</th>
            <th scope="col">{t.reason}</th>
            <th scope="col">{t.substituteCol}</th>
          </tr>
        </thead>
        <tbody>
          {listOf<Absence>(res.data).map((a) => (
            <tr key={a.id}>
              <td>{a.user?.name ?? ""}</td>
              <td>{formatAt(ms(a.startsAt) ?? 0, zone, locale)}</td>
              <td>{formatAt(ms(a.endsAt) ?? 0, zone, locale)}</td>
              <td>{a.reason}</td>
              <td>{a.substitute?.name ?? t.none}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <form onSubmit={add} className="inline wrap">
        <label>
          {t.fullName}
          <select required value={form.userId} onChange={(e) => set("userId")(e.target.value)}>
            <option value="">—</option>
            {people.map((u) => (
              <option key={u.id} value={u.id}>
                {u.fullName}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t.from}
          <input
            type="datetime-local"
            required
            value={form.startsAt}
            onChange={(e) => set("startsAt")(e.target.value)}
          />
        </label>
        <label>
          {t.to}
          <input
            type="datetime-local"
            required
            value={form.endsAt}
            onChange={(e) => set("endsAt")(e.target.value)}
          />
        </label>
        <label>
          {t.reason}
          <input required value={form.reason} onChange={(e) => set("reason")(e.target.value)} />
        </label>
        <label>
          {t.substituteCol}
          <select value={form.substituteId} onChange={(e) => set("substituteId")(e.target.value)}>
            <option value="">—</option>
            {people.map((u) => (
              <option key={u.id} value={u.id}>
                {u.fullName}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">{t.add}</button>
      </form>
    </>
  );
}

function RegulationView() {
  const { t, locale, importance } = useI18n();
  const loaded = useRegulation();
  if (loaded === undefined)
    return (
      <p role="status" className="muted">
        {t.loading}
      </p>
    );
  if (loaded === null) return <p className="error">{t.errorGeneric}</p>;
  const { view, regulation } = loaded;
  return (
    <>
      {regulation?.procedures.map((p) => {
        const titleOf = (id: string) => p.stages.find((s) => s.id === id)?.title;
        return (
          <table key={p.id} className="table">
            <caption>
              {p.title} ({p.id})
            </caption>
            <thead>
              <tr>
                <th scope="col">{t.stageCol}</th>
                <th scope="col">{t.actorCol}</th>
                <th scope="col">{t.fromCol}</th>
                <th scope="col">{t.untilCol}</th>
                <th scope="col">{t.term}</th>
                <th scope="col">{t.clause}</th>
              </tr>
            </thead>
            <tbody>
              {p.stages.map((s) => (
                <tr key={s.id}>
                  <th scope="row">{s.title}</th>
                  <td>{s.actor ? actorName(s.actor, locale) : ""}</td>
                  <td>{eventName(s.from, locale)}</td>
                  <td>{s.until.map((e) => eventName(e, locale)).join(", ")}</td>
                  <td>
                    {s.term ? describeTerm(s.term.term, locale, titleOf) : t.none}
                    {Object.entries(s.variants ?? {}).map(([imp, v]) => (
                      <div key={imp} className="muted small">
                        {importance(imp as Importance)}:{" "}
                        {v ? describeTerm(v.term, locale, titleOf) : t.none}
                        {v?.clause ? ` (${clauseLabel(v.clause, locale)})` : ""}
                      </div>
                    ))}
                  </td>
                  <td>{s.clause ? clauseLabel(s.clause, locale) : ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        );
      })}
      <h3>{t.findings}</h3>
      {view.findings.length === 0 ? (
        <p className="muted">{t.noFindings}</p>
      ) : (
        <ul className="findings">
          {view.findings.map((f, i) => (
            <li key={i} className={f.severity === "error" ? "finding-error" : undefined}>
              {f.message}
            </li>
          ))}
        </ul>
      )}
      <details>
        <summary>YAML</summary>
        <pre className="source">{view.text}</pre>
      </details>
    </>
  );
}

function CalendarView() {
  const { t } = useI18n();
  const [year, setYear] = useState(new Date().getFullYear());
  const res = useResource(() => api.get<CalendarYear>(`/tenant/calendar/${year}`), [year]);
  const special = (res.data?.days ?? []).filter(
    (d) =>
      d.kind === "holiday" ||
      d.kind === "transferredDayOff" ||
      d.kind === "short" ||
      (d.kind !== "weekend" && isWeekend(d.date)),
  );
  const kindName = (d: CalendarYear["days"][number]) =>
    d.kind === "holiday"
      ? t.holiday
      : d.kind === "short"
        ? t.shortDay
        : d.kind === "transferredDayOff"
          ? t.transferred
          : t.workingWeekend;
  return (
    <>
      <label className="inline">
        {t.year}{" "}
        <input
          type="number"
          min={2000}
          max={2100}
          value={year}
          onChange={(e) => setYear(Number(e.target.value))}
        />
      </label>
      <ErrorLine error={res.error} />
      {res.data && (
        <p className="muted">
          {res.data.provisional ? `${t.provisional} · ` : ""}
          {t.workingDaysCount(res.data.workingDays)}
        </p>
      )}
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t.date}</th>
            <th scope="col">{t.status}</th>
            <th scope="col">{t.name}</th>
          </tr>
        </thead>
        <tbody>
          {special.map((d) => (
            <tr key={d.date} className={`day-${d.kind}`}>
              <td>{d.date}</td>
              <td>{kindName(d)}</td>
              <td>
                {d.name ?? ""}
                {d.basis ? <span className="muted small"> · {d.basis}</span> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

/** Saturday or Sunday of an ISO date: a working day on one is a moved working day. */
function isWeekend(iso: string): boolean {
  const day = new Date(`${iso}T12:00:00Z`).getUTCDay();
  return day === 0 || day === 6;
}

function RubricatorView() {
  const { t } = useI18n();
  const topics = useTopics();
  return (
    <table className="table">
      <thead>
        <tr>
          <th scope="col">{t.code}</th>
          <th scope="col">{t.name}</th>
          <th scope="col">{t.description}</th>
        </tr>
      </thead>
      <tbody>
        {topics.map((x) => (
          <tr key={x.code}>
            <td>
              <code>{x.code}</code>
            </td>
            <td>{x.name}</td>
            <td>{x.covers ?? ""}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Accounts() {
  const { t, channel } = useI18n();
  const res = useResource(() => api.get<unknown>("/accounts"), []);
  return (
    <>
      <ErrorLine error={res.error} />
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t.network}</th>
            <th scope="col">{t.name}</th>
          </tr>
        </thead>
        <tbody>
          {listOf<NetworkAccount>(res.data).map((a) => (
            <tr key={a.id}>
              <td>{channel(a.network)}</td>
              <td>{a.name}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
