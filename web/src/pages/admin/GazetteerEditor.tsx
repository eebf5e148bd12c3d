// The tenant's gazetteer — settlements, streets and landmarks of its territory — from which triage
// suggests a case's location. Shown as a summary and edited as JSON; the server names every bad
// field and every street or landmark of a settlement the gazetteer does not hold. Settlements and
// streets can be added from a list (one per line, as documents keep them) into the JSON to save.
import { useState } from "react";
import { pluralRu } from "../../../../src/domain/i18n.ts";
import type { Gazetteer } from "../../../../src/domain/triage/location.ts";
import {
  addPlaces,
  parsePlaceLines,
  type PlaceLineProblem,
  type PlaceLineReason,
  type PlacesAdded,
} from "../../../../src/domain/triage/place-lines.ts";
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
    lines: "Добавить списком",
    linesHint:
      "По строке на населённый пункт с его типом (г., пгт, п., с., д., ст-ца, х.), под ним его " +
      "улицы с отступом или с типом (ул., пер., пр-кт, мкр., пл., …), или после двоеточия через " +
      "запятую. Административный центр отметьте «(центр)». Что уже есть в справочнике, останется как есть.",
    linesExample:
      "с. Красноселькуп (центр)\n  ул. Советская\n  пер. Школьный\nс. Толька: Лесная, Школьная",
    linesField: "Населённые пункты и улицы",
    linesAdd: "Добавить в справочник",
    linesAdded: (a: PlacesAdded) =>
      `Добавлено: ${a.added.settlements} ${pluralRu(a.added.settlements, "населённый пункт", "населённых пункта", "населённых пунктов")}, ` +
      `${a.added.streets} ${pluralRu(a.added.streets, "улица", "улицы", "улиц")}` +
      (a.present.settlements + a.present.streets > 0
        ? `; уже были в справочнике: ${a.present.settlements} ${pluralRu(a.present.settlements, "пункт", "пункта", "пунктов")}, ${a.present.streets} ${pluralRu(a.present.streets, "улица", "улицы", "улиц")}`
        : "") +
      ". Проверьте справочник ниже и сохраните.",
    lineProblem: (p: PlaceLineProblem, why: string) => `Строка ${p.line} «${p.text}»: ${why}`,
    linesNotRead: "Эти строки не добавлены:",
    reasons: {
      noKind:
        "не указан тип — населённый пункт (г., пгт, п., с., д., ст-ца, х.) или улица (ул., пер., …) под своим пунктом",
      streetWithoutSettlement: "улица до первого населённого пункта",
      notASettlement:
        "двоеточие и «(центр)» ставятся после населённого пункта с типом: «с. Толька: Лесная», «с. Красноселькуп (центр)»",
      noName: "нет названия",
      tooLong: "название длиннее 200 знаков",
    } satisfies Record<PlaceLineReason, string>,
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
    lines: "Add from a list",
    linesHint:
      "One settlement per line with its kind (г., пгт, п., с., д., ст-ца, х.), its streets under " +
      "it indented or with their kind (ул., пер., пр-кт, мкр., пл., …), or after a colon " +
      "separated by commas. Mark the administrative centre “(центр)”. What the gazetteer already holds stays as it is.",
    linesExample:
      "с. Красноселькуп (центр)\n  ул. Советская\n  пер. Школьный\nс. Толька: Лесная, Школьная",
    linesField: "Settlements and streets",
    linesAdd: "Add to the gazetteer",
    linesAdded: (a: PlacesAdded) =>
      `Added: ${a.added.settlements} settlement(s), ${a.added.streets} street(s)` +
      (a.present.settlements + a.present.streets > 0
        ? `; already in the gazetteer: ${a.present.settlements} settlement(s), ${a.present.streets} street(s)`
        : "") +
      ". Check the gazetteer below and save it.",
    lineProblem: (p: PlaceLineProblem, why: string) => `Line ${p.line} “${p.text}”: ${why}`,
    linesNotRead: "These lines were not added:",
    reasons: {
      noKind:
        "no kind: a settlement (г., пгт, п., с., д., ст-ца, х.) or a street (ул., пер., …) under its settlement",
      streetWithoutSettlement: "a street before the first settlement",
      notASettlement:
        "a colon needs a settlement with its kind before it, e.g. «с. Толька: Лесная»",
      noName: "no name",
      tooLong: "the name is longer than 200 characters",
    } satisfies Record<PlaceLineReason, string>,
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
  const [lines, setLines] = useState("");
  const [linesResult, setLinesResult] = useState<{
    added: PlacesAdded;
    problems: PlaceLineProblem[];
  } | null>(null);

  // The list goes into the text being edited (the saved gazetteer, or an empty one instead of the
  // untouched template); saving it is the same step as any other edit.
  const addLines = () => {
    setLinesResult(null);
    let base: Partial<Gazetteer>;
    try {
      base =
        text !== null
          ? (JSON.parse(text) as Partial<Gazetteer>)
          : (g ?? { preset: "", territory: me?.tenant.name ?? "" });
    } catch (e) {
      setProblems([x.notJson((e as Error).message)]);
      return;
    }
    const parsed = parsePlaceLines(lines);
    const added = addPlaces(
      {
        preset: "",
        territory: "",
        ...base,
        settlements: base.settlements ?? [],
        streets: base.streets ?? [],
        landmarks: base.landmarks ?? [],
      },
      parsed.settlements,
    );
    if (added.added.settlements + added.added.streets > 0)
      setText(JSON.stringify(added.gazetteer, null, 2));
    setLinesResult({ added, problems: parsed.problems });
    // What could not be read stays in the box to be mended.
    const unread = new Set(parsed.problems.map((p) => p.line));
    setLines(
      lines
        .split(/\r\n|\r|\n/)
        .filter((_, i) => unread.has(i + 1))
        .join("\n"),
    );
  };

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
      <section aria-labelledby="gazetteer-lines">
        <h3 id="gazetteer-lines">{x.lines}</h3>
        <p className="hint">{x.linesHint}</p>
        <label>
          {x.linesField}
          <textarea
            rows={8}
            spellCheck={false}
            placeholder={x.linesExample}
            value={lines}
            onChange={(e) => setLines(e.target.value)}
          />
        </label>
        <div className="buttons">
          <button type="button" disabled={!lines.trim()} onClick={addLines}>
            {x.linesAdd}
          </button>
        </div>
        {linesResult && (
          <div role="status" data-testid="gazetteer-lines-result">
            <p>{x.linesAdded(linesResult.added)}</p>
            {linesResult.problems.length > 0 && (
              <>
                <p className="error">{x.linesNotRead}</p>
                <ul className="findings">
                  {linesResult.problems.map((p) => (
                    <li key={p.line} className="finding-error">
                      {x.lineProblem(p, x.reasons[p.reason])}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </div>
        )}
      </section>
      {!g && text === null && <p className="hint">{x.template}</p>}
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
