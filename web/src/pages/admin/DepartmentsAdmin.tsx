// Departments of the tenant: structural ones, territorial units and settlement administrations,
// each with the topics it answers for and, for a unit, the settlements it serves (the routing
// dialog offers those first for a case of that topic and place). Renamed, changed or closed; a
// closed department takes no new cases and comes back when reopened.
import { useEffect, useRef, useState, type FormEvent } from "react";
import { api } from "../../api/client.ts";
import type { Department } from "../../api/types.ts";
import { listOf } from "../../components/RouteDialog.tsx";
import { useToast } from "../../components/Toasts.tsx";
import { useI18n, useTexts } from "../../i18n.tsx";
import { useResource } from "../../resource.ts";
import { useSettlements } from "../../places.ts";
import { useTopics } from "../../topics.ts";
import { ErrorLine } from "./ErrorLine.tsx";

type Kind = Department["kind"];
const KINDS: readonly Kind[] = ["structural", "territorial", "settlement", "coordination"];

const TEXTS = {
  ru: {
    kind: "Вид",
    kinds: {
      structural: "структурное подразделение",
      territorial: "территориальный орган",
      settlement: "администрация поселения",
      coordination: "координирующий орган",
    } satisfies Record<Kind, string>,
    topics: "Темы",
    topicsHint: "При направлении подразделения этих тем предлагаются первыми.",
    noTopics: "—",
    territory: "Территория",
    wholeTerritory: "вся территория",
    settlements: "Населённые пункты",
    settlementsHint:
      "Территориальный орган или администрация поселения предлагается первым для сообщений о своих населённых пунктах.",
    closed: "упразднено",
    edit: (name: string) => `Изменить: ${name}`,
    editTitle: (name: string) => `Подразделение «${name}»`,
    newDepartment: "Новое подразделение",
    save: "Сохранить",
    cancel: "Отмена",
    close: "Упразднить",
    reopen: "Восстановить",
    editButton: "Изменить",
  },
  en: {
    kind: "Kind",
    kinds: {
      structural: "structural unit",
      territorial: "territorial unit",
      settlement: "settlement administration",
      coordination: "coordinating body",
    } satisfies Record<Kind, string>,
    topics: "Topics",
    topicsHint: "When routing, departments of these topics are offered first.",
    noTopics: "—",
    territory: "Territory",
    wholeTerritory: "whole territory",
    settlements: "Settlements",
    settlementsHint:
      "A territorial unit or settlement administration is offered first for messages about its settlements.",
    closed: "closed",
    edit: (name: string) => `Edit: ${name}`,
    editTitle: (name: string) => `Department “${name}”`,
    newDepartment: "New department",
    save: "Save",
    cancel: "Cancel",
    close: "Close",
    reopen: "Reopen",
    editButton: "Edit",
  },
};

interface Draft {
  name: string;
  kind: Kind;
  topics: string[];
  settlements: string[];
}
const EMPTY: Draft = { name: "", kind: "structural", topics: [], settlements: [] };

/** Kinds that serve some settlements rather than the whole territory. */
const LOCAL_KINDS: readonly Kind[] = ["territorial", "settlement"];

export function DepartmentsAdmin() {
  const { t } = useI18n();
  const x = useTexts(TEXTS);
  const toast = useToast();
  const topics = useTopics();
  const topicName = (code: string) => topics.find((tp) => tp.code === code)?.name ?? code;
  const res = useResource(() => api.get<unknown>("/departments"), []);
  const [editing, setEditing] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const list = listOf<Department>(res.data);

  const run = async (fn: () => Promise<unknown>): Promise<boolean> => {
    setBusy(true);
    setError(null);
    try {
      await fn();
      toast(t.actionDone);
      res.reload();
      return true;
    } catch (e) {
      setError(e);
      return false;
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <ErrorLine error={res.error ?? error} />
      <table className="table" data-testid="departments">
        <thead>
          <tr>
            <th scope="col">{t.name}</th>
            <th scope="col">{x.kind}</th>
            <th scope="col">{x.topics}</th>
            <th scope="col">{x.territory}</th>
            <th scope="col">{t.actions}</th>
          </tr>
        </thead>
        <tbody>
          {list.map((d) => (
            <tr key={d.id} className={d.active ? undefined : "muted"}>
              <td>
                {d.name}
                {d.active ? "" : ` (${x.closed})`}
              </td>
              <td>{x.kinds[d.kind]}</td>
              <td>{d.topics.length ? d.topics.map(topicName).join(", ") : x.noTopics}</td>
              <td>{d.settlements.length ? d.settlements.join(", ") : x.wholeTerritory}</td>
              <td>
                <div className="buttons">
                  <button
                    type="button"
                    className="small-button"
                    aria-label={x.edit(d.name)}
                    disabled={busy}
                    onClick={() => setEditing(d.id)}
                  >
                    {x.editButton}
                  </button>
                  <button
                    type="button"
                    className="small-button"
                    disabled={busy}
                    onClick={() =>
                      void run(() => api.patch(`/departments/${d.id}`, { active: !d.active }))
                    }
                  >
                    {d.active ? x.close : x.reopen}
                  </button>
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {list
        .filter((d) => d.id === editing)
        .map((d) => (
          <DepartmentForm
            key={d.id}
            title={x.editTitle(d.name)}
            initial={{
              name: d.name,
              kind: d.kind,
              topics: d.topics,
              settlements: d.settlements,
            }}
            submitLabel={x.save}
            busy={busy}
            focusOnOpen
            onCancel={() => setEditing(null)}
            onSubmit={async (draft) => {
              if (await run(() => api.patch(`/departments/${d.id}`, draft))) setEditing(null);
            }}
          />
        ))}
      <DepartmentForm
        title={x.newDepartment}
        initial={EMPTY}
        submitLabel={t.add}
        busy={busy}
        resetOnSubmit
        onSubmit={async (draft) => {
          await run(() => api.post("/departments", draft));
        }}
      />
    </>
  );
}

function DepartmentForm({
  title,
  initial,
  submitLabel,
  busy,
  resetOnSubmit,
  focusOnOpen,
  onSubmit,
  onCancel,
}: {
  title: string;
  initial: Draft;
  submitLabel: string;
  busy: boolean;
  resetOnSubmit?: boolean;
  /** Opened from a row far above: brought into view with its name ready to type. */
  focusOnOpen?: boolean;
  onSubmit(draft: Draft): Promise<void>;
  onCancel?(): void;
}) {
  const { t } = useI18n();
  const x = useTexts(TEXTS);
  const topics = useTopics();
  const places = useSettlements();
  const [draft, setDraft] = useState<Draft>(initial);
  const local = LOCAL_KINDS.includes(draft.kind);
  const nameField = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (focusOnOpen) nameField.current?.focus();
  }, [focusOnOpen]);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    // A department of the whole territory serves no settlement in particular.
    await onSubmit({
      ...draft,
      name: draft.name.trim(),
      settlements: local ? draft.settlements : [],
    });
    if (resetOnSubmit) setDraft(initial);
  };
  const toggle = (list: "topics" | "settlements", value: string, on: boolean) =>
    setDraft((d) => ({
      ...d,
      [list]: on
        ? [...d[list].filter((c) => c !== value), value]
        : d[list].filter((c) => c !== value),
    }));
  return (
    <form onSubmit={(e) => void submit(e)} aria-label={title} className="department-form">
      <h3>{title}</h3>
      <div className="inline">
        <label>
          {t.name}
          <input
            ref={nameField}
            name="department-name"
            required
            maxLength={300}
            value={draft.name}
            onChange={(e) => setDraft({ ...draft, name: e.target.value })}
          />
        </label>
        <label>
          {x.kind}
          <select
            value={draft.kind}
            onChange={(e) => setDraft({ ...draft, kind: e.target.value as Kind })}
          >
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {x.kinds[k]}
              </option>
            ))}
          </select>
        </label>
      </div>
      <fieldset className="department-topics">
        <legend>{x.topics}</legend>
        <p className="muted small">{x.topicsHint}</p>
        {topics.map((tp) => (
          <label key={tp.code} className="check">
            <input
              type="checkbox"
              checked={draft.topics.includes(tp.code)}
              onChange={(e) => toggle("topics", tp.code, e.target.checked)}
            />
            {tp.name}
          </label>
        ))}
      </fieldset>
      {local && (
        <fieldset className="department-topics">
          <legend>{x.settlements}</legend>
          <p className="muted small">{x.settlementsHint}</p>
          {[...new Set([...places, ...draft.settlements])].map((name) => (
            <label key={name} className="check">
              <input
                type="checkbox"
                checked={draft.settlements.includes(name)}
                onChange={(e) => toggle("settlements", name, e.target.checked)}
              />
              {name}
            </label>
          ))}
        </fieldset>
      )}
      <div className="buttons">
        <button type="submit" disabled={busy}>
          {submitLabel}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            {x.cancel}
          </button>
        )}
      </div>
    </form>
  );
}
