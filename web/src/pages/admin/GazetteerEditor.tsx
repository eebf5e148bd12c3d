// The tenant's gazetteer — settlements, streets and landmarks of its territory — from which triage
// suggests a case's location. Shown as a summary and edited as JSON; the server names every bad
// field and every street or landmark of a settlement the gazetteer does not hold.
import { useState } from "react";
import { api, ApiError } from "../../api/client.ts";
import type { TenantGazetteer } from "../../api/types.ts";
import { useToast } from "../../components/Toasts.tsx";
import { useI18n, useTexts } from "../../i18n.tsx";
import { problemText, useResource } from "../../resource.ts";
import { forgetSettlements } from "../../places.ts";
import { useSession } from "../../session.tsx";

const TEXTS = {
  ru: {
    source: {
      tenant: "Справочник администрации",
      preset: "Справочник шаблона (пока администратор не сохранит свой)",
      none: "Справочника нет: подсказки места не будет",
    },
    settlements: "Населённые пункты",
    streets: "Улиц",
    landmarks: "Объектов",
    kind: "Тип",
    aliases: "Другие названия",
    streetsIn: "Улиц",
    editor: "Справочник (JSON)",
    save: "Сохранить справочник",
    saved: "Справочник сохранён",
    notJson: (why: string) => `Текст не читается как JSON: ${why}`,
    refused: "Справочник не принят",
    changed: "Есть несохранённые изменения",
    discard: "Вернуть сохранённый",
    template: "Образец для заполнения: замените примеры своими названиями и сохраните.",
  },
  en: {
    source: {
      tenant: "The tenant's gazetteer",
      preset: "The preset's gazetteer (until the admin saves one)",
      none: "No gazetteer: no location will be suggested",
    },
    settlements: "Settlements",
    streets: "Streets",
    landmarks: "Landmarks",
    kind: "Kind",
    aliases: "Other names",
    streetsIn: "Streets",
    editor: "Gazetteer (JSON)",
    save: "Save the gazetteer",
    saved: "The gazetteer is saved",
    notJson: (why: string) => `The text is not JSON: ${why}`,
    refused: "The gazetteer was refused",
    changed: "There are unsaved changes",
    discard: "Back to the saved one",
    template: "A template to fill in: replace the examples with your own names and save.",
  },
};

export function GazetteerEditor() {
  const { t } = useI18n();
  const x = useTexts(TEXTS);
  const toast = useToast();
  const res = useResource(() => api.get<TenantGazetteer>("/tenant/gazetteer"), []);
  const [text, setText] = useState<string | null>(null);
  const [problems, setProblems] = useState<string[] | null>(null);
  const [busy, setBusy] = useState(false);
  const g = res.data?.gazetteer ?? null;
  const { me } = useSession();
  // Without a gazetteer the editor starts from a template of the format with the tenant's name.
  const template = JSON.stringify(
    {
      preset: "",
      territory: me?.tenant.name ?? "",
      settlements: [
        { name: "Красноселькуп", kind: "село", in: "в Красноселькупе", centre: true },
        { name: "Толька", kind: "село", in: "в Тольке" },
      ],
      streets: [{ name: "Советская", kind: "улица", settlement: "Красноселькуп" }],
      landmarks: [{ name: "школа" }, { name: "районная больница", settlement: "Красноселькуп" }],
    },
    null,
    2,
  );
  const value = text ?? (g ? JSON.stringify(g, null, 2) : template);

  const save = async () => {
    setProblems(null);
    let body: unknown;
    try {
      body = JSON.parse(value);
    } catch (e) {
      setProblems([x.notJson((e as Error).message)]);
      return;
    }
    setBusy(true);
    try {
      res.set(await api.put<TenantGazetteer>("/tenant/gazetteer", body));
      forgetSettlements();
      setText(null);
      toast(x.saved);
    } catch (e) {
      const errors = e instanceof ApiError ? e.problem.errors : undefined;
      setProblems(
        errors?.length
          ? errors.map((f) =>
              f.message?.startsWith(f.field)
                ? f.message
                : `${f.field}: ${f.message ?? f.code ?? ""}`,
            )
          : [problemText(e, t)],
      );
    } finally {
      setBusy(false);
    }
  };

  if (!res.data)
    return res.error ? (
      <p className="error" role="alert">
        {problemText(res.error, t)}
      </p>
    ) : (
      <p className="muted" role="status">
        {t.loading}
      </p>
    );

  return (
    <>
      <p data-testid="gazetteer-source">
        {x.source[res.data.source]}
        {g ? ` · ${g.territory}` : ""}
      </p>
      {g && (
        <table className="table" data-testid="gazetteer-settlements">
          <caption>
            {x.settlements}: {g.settlements.length} · {x.streets}: {g.streets.length} ·{" "}
            {x.landmarks}: {g.landmarks.length}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t.name}</th>
              <th scope="col">{x.kind}</th>
              <th scope="col">{x.aliases}</th>
              <th scope="col">{x.streetsIn}</th>
            </tr>
          </thead>
          <tbody>
            {g.settlements.map((s) => (
              <tr key={s.name}>
                <th scope="row">{s.name}</th>
                <td>{s.kind}</td>
                <td>{(s.aliases ?? []).join(", ")}</td>
                <td>{g.streets.filter((st) => st.settlement === s.name).length}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {!g && <p className="hint">{x.template}</p>}
      <label>
        {x.editor}
        <textarea
          className="source"
          rows={18}
          spellCheck={false}
          value={value}
          onChange={(e) => setText(e.target.value)}
        />
      </label>
      <div className="buttons">
        <button
          type="button"
          className="primary"
          disabled={busy || text === null}
          onClick={() => void save()}
        >
          {x.save}
        </button>
        {text !== null && (
          <>
            <button type="button" onClick={() => setText(null)}>
              {x.discard}
            </button>
            <span className="muted small">{x.changed}</span>
          </>
        )}
      </div>
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
