// The production calendar of a year as the tenant's schedule makes it: the norms (working days and
// hours, by month), holidays, moved days and short days — and loading a year file (a new decree,
// or a regional amendment with "regional" transfers) through PUT /tenant/calendar/{year}.
import { useState } from "react";
import { api, ApiError } from "../../api/client.ts";
import type { CalendarYear } from "../../api/types.ts";
import { useToast } from "../../components/Toasts.tsx";
import { useI18n, useTexts } from "../../i18n.tsx";
import { problemText, useResource } from "../../resource.ts";

const TEXTS = {
  ru: {
    norms: "Нормы года",
    h: "ч",
    month: "Месяц",
    workingDays: "Рабочих дней",
    hours: "Часов",
    total: "Итого",
    load: "Загрузить год",
    loadHint:
      "Файл года (JSON, как в src/domain/calendar/data): постановление о переносах, рабочие субботы, сокращённые дни; региональные переносы — с basis «regional».",
    file: "Файл года",
    orPaste: "или вставьте текст файла",
    send: "Загрузить",
    notJson: (why: string) => `Файл не читается как JSON: ${why}`,
    noYear: "В файле нет поля year",
    loaded: (y: number) => `Календарь ${y} года загружен`,
    refused: "Файл не принят",
    special: "Особые дни",
    months: [
      "январь",
      "февраль",
      "март",
      "апрель",
      "май",
      "июнь",
      "июль",
      "август",
      "сентябрь",
      "октябрь",
      "ноябрь",
      "декабрь",
    ],
  },
  en: {
    norms: "The year's norms",
    h: "h",
    month: "Month",
    workingDays: "Working days",
    hours: "Hours",
    total: "Total",
    load: "Load a year",
    loadHint:
      "A year file (JSON, as in src/domain/calendar/data): the decree's moved days, working Saturdays, short days; regional moves with basis “regional”.",
    file: "Year file",
    orPaste: "or paste the file's text",
    send: "Load",
    notJson: (why: string) => `The file is not JSON: ${why}`,
    noYear: "The file has no year field",
    loaded: (y: number) => `The calendar of ${y} is loaded`,
    refused: "The file was refused",
    special: "Special days",
    months: [
      "January",
      "February",
      "March",
      "April",
      "May",
      "June",
      "July",
      "August",
      "September",
      "October",
      "November",
      "December",
    ],
  },
};

type Day = CalendarYear["days"][number];

/** Saturday or Sunday of an ISO date: a working day on one is a moved working day. */
function isWeekend(iso: string): boolean {
  const day = new Date(`${iso}T12:00:00Z`).getUTCDay();
  return day === 0 || day === 6;
}

const hours = (minutes: number) => (Math.round((minutes / 60) * 10) / 10).toLocaleString("ru-RU");

export function CalendarAdmin() {
  const { t } = useI18n();
  const x = useTexts(TEXTS);
  const toast = useToast();
  const [year, setYear] = useState(new Date().getFullYear());
  const res = useResource(() => api.get<CalendarYear>(`/tenant/calendar/${year}`), [year]);
  const [source, setSource] = useState("");
  const [problems, setProblems] = useState<string[] | null>(null);
  const [busy, setBusy] = useState(false);

  const days = res.data?.days ?? [];
  const byMonth = Array.from({ length: 12 }, (_, m) => {
    const inMonth = days.filter((d) => Number(d.date.slice(5, 7)) === m + 1);
    return {
      days: inMonth.filter((d) => d.workingMinutes > 0).length,
      minutes: inMonth.reduce((n, d) => n + d.workingMinutes, 0),
    };
  });
  const special = days.filter(
    (d) =>
      d.kind === "holiday" ||
      d.kind === "transferredDayOff" ||
      d.kind === "short" ||
      (d.kind !== "weekend" && isWeekend(d.date)),
  );
  const kindName = (d: Day) =>
    d.kind === "holiday"
      ? t.holiday
      : d.kind === "short"
        ? t.shortDay
        : d.kind === "transferredDayOff"
          ? t.transferred
          : t.workingWeekend;

  const load = async () => {
    setProblems(null);
    let file: unknown;
    try {
      file = JSON.parse(source);
    } catch (e) {
      setProblems([x.notJson((e as Error).message)]);
      return;
    }
    const y = (file as { year?: unknown } | null)?.year;
    if (typeof y !== "number") {
      setProblems([x.noYear]);
      return;
    }
    setBusy(true);
    try {
      const view = await api.put<CalendarYear>(`/tenant/calendar/${y}`, file);
      toast(x.loaded(y));
      setSource("");
      if (y === year) res.set(view);
      else setYear(y);
    } catch (e) {
      const errors = e instanceof ApiError ? e.problem.errors : undefined;
      setProblems(
        errors?.length
          ? errors.map((f) => `${f.field}: ${f.message ?? f.code ?? ""}`)
          : [problemText(e, t)],
      );
    } finally {
      setBusy(false);
    }
  };

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
      {res.error && (
        <p className="error" role="alert">
          {problemText(res.error, t)}
        </p>
      )}
      {res.data && (
        <>
          <p className="muted" data-testid="calendar-summary">
            {res.data.provisional ? `${t.provisional} · ` : ""}
            {t.workingDaysCount(res.data.workingDays)} · {hours(res.data.workingMinutes)} {x.h}
          </p>
          <table className="table" data-testid="calendar-norms">
            <caption>{x.norms}</caption>
            <thead>
              <tr>
                <th scope="col">{x.month}</th>
                <th scope="col">{x.workingDays}</th>
                <th scope="col">{x.hours}</th>
              </tr>
            </thead>
            <tbody>
              {byMonth.map((m, i) => (
                <tr key={i}>
                  <th scope="row">{x.months[i]}</th>
                  <td>{m.days}</td>
                  <td>{hours(m.minutes)}</td>
                </tr>
              ))}
              <tr>
                <th scope="row">{x.total}</th>
                <td>{res.data.workingDays}</td>
                <td>{hours(res.data.workingMinutes)}</td>
              </tr>
            </tbody>
          </table>
        </>
      )}
      <table className="table">
        <caption>{x.special}</caption>
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

      <h3>{x.load}</h3>
      <p className="muted small">{x.loadHint}</p>
      <label>
        {x.file}
        <input
          type="file"
          accept=".json,application/json"
          onChange={(e) => {
            const f = e.target.files?.[0];
            if (f) void f.text().then(setSource);
          }}
        />
      </label>
      <label>
        {x.orPaste}
        <textarea
          className="source"
          rows={8}
          spellCheck={false}
          value={source}
          onChange={(e) => setSource(e.target.value)}
        />
      </label>
      <button
        type="button"
        className="primary"
        disabled={busy || !source.trim()}
        onClick={() => void load()}
      >
        {x.send}
      </button>
      {problems && (
        <div role="alert">
          <p className="error">{x.refused}</p>
          <ul className="findings">
            {problems.map((p, i) => (
              <li key={i} className="finding-error">
                {p}
              </li>
            ))}
          </ul>
        </div>
      )}
    </>
  );
}
