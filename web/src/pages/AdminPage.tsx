// Administration: departments, users and roles, absences and substitutes, the regulation (edited
// as text, with the parser's problems and the linter's findings, and read as a table), the year's
// production calendar, the rubricator, the gazetteer, the accounts in the networks.
import { useState, type FormEvent } from "react";
import { api, ms } from "../api/client.ts";
import type { Absence, Importance, UserView } from "../api/types.ts";
import {
  actorName,
  clauseLabel,
  describeTerm,
  eventName,
} from "../../../src/domain/regulation/messages.ts";
import { listOf } from "../components/RouteDialog.tsx";
import { useToast } from "../components/Toasts.tsx";
import { useI18n, useTexts } from "../i18n.tsx";
import { AccountsAdmin } from "./admin/AccountsAdmin.tsx";
import { CalendarAdmin } from "./admin/CalendarAdmin.tsx";
import { DepartmentsAdmin } from "./admin/DepartmentsAdmin.tsx";
import { ErrorLine } from "./admin/ErrorLine.tsx";
import { GazetteerEditor } from "./admin/GazetteerEditor.tsx";
import { ReadinessList } from "./admin/ReadinessList.tsx";
import { RegulationEditor } from "./admin/RegulationEditor.tsx";
import { RubricatorEditor } from "./admin/RubricatorEditor.tsx";
import { TopicModelInfo } from "./admin/TopicModelInfo.tsx";
import { UsersAdmin } from "./admin/UsersAdmin.tsx";
import { useRegulation } from "../regulation.ts";
import { useResource } from "../resource.ts";
import { Link } from "../router.tsx";
import { useSession } from "../session.tsx";
import { formatAt } from "../time.ts";

const SECTIONS = [
  "readiness",
  "departments",
  "users",
  "absences",
  "regulation",
  "calendar",
  "rubricator",
  "gazetteer",
  "accounts",
] as const;
type Section = (typeof SECTIONS)[number];

const TEXTS = {
  ru: {
    gazetteer: "Справочник мест",
    regulationTable: "Регламент в таблице",
    readiness: "Готовность к работе",
  },
  en: {
    gazetteer: "Gazetteer",
    regulationTable: "The regulation as a table",
    readiness: "Readiness",
  },
};

export default function AdminPage({ section }: { section: string }) {
  const { t } = useI18n();
  const x = useTexts(TEXTS);
  // Each save of the regulation redraws its table from the saved text.
  const [saves, setSaves] = useState(0);
  const current: Section = (SECTIONS as readonly string[]).includes(section)
    ? (section as Section)
    : "readiness";
  const names: Record<Section, string> = {
    readiness: x.readiness,
    departments: t.departments,
    users: t.users,
    absences: t.absences,
    regulation: t.regulation,
    calendar: t.calendar,
    rubricator: t.rubricator,
    gazetteer: x.gazetteer,
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
      {current === "readiness" && <ReadinessList sectionName={(s) => names[s as Section] ?? s} />}
      {current === "departments" && <DepartmentsAdmin />}
      {current === "users" && <UsersAdmin />}
      {current === "absences" && <Absences />}
      {current === "regulation" && (
        <>
          <RegulationEditor onSaved={() => setSaves((n) => n + 1)} />
          <h3>{x.regulationTable}</h3>
          <RegulationView key={saves} />
        </>
      )}
      {current === "calendar" && <CalendarAdmin />}
      {current === "rubricator" && (
        <>
          <RubricatorEditor />
          <TopicModelInfo />
        </>
      )}
      {current === "gazetteer" && <GazetteerEditor />}
      {current === "accounts" && <AccountsAdmin />}
    </section>
  );
}

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
  const { regulation } = loaded;
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
    </>
  );
}
