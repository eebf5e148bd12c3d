// The tenant's rubricator: the topics messages are sorted into (code, name, what belongs), edited
// as a table and saved whole. Triage suggests only topics the rubricator has.
import { useEffect, useState } from "react";
import { api } from "../../api/client.ts";
import type { Rubricator } from "../../api/types.ts";
import { useToast } from "../../components/Toasts.tsx";
import { useI18n, useTexts } from "../../i18n.tsx";
import { useResource } from "../../resource.ts";
import { forgetTopics } from "../../topics.ts";
import { ErrorLine } from "./ErrorLine.tsx";

const TEXTS = {
  ru: {
    addTopic: "Добавить тему",
    remove: (name: string) => `Удалить тему «${name}»`,
    save: "Сохранить рубрикатор",
    saved: "Рубрикатор сохранён",
    codeHint: "латиница, цифры, - и _; с буквы",
    codeOf: (n: number) => `Код темы ${n}`,
    nameOf: (n: number) => `Название темы ${n}`,
    coversOf: (n: number) => `Что относится к теме ${n}`,
  },
  en: {
    addTopic: "Add a topic",
    remove: (name: string) => `Remove topic “${name}”`,
    save: "Save the rubricator",
    saved: "The rubricator is saved",
    codeHint: "Latin letters, digits, - and _; starts with a letter",
    codeOf: (n: number) => `Code of topic ${n}`,
    nameOf: (n: number) => `Name of topic ${n}`,
    coversOf: (n: number) => `What belongs to topic ${n}`,
  },
};

type Topic = Rubricator["topics"][number];

export function RubricatorEditor() {
  const { t } = useI18n();
  const x = useTexts(TEXTS);
  const toast = useToast();
  const res = useResource(() => api.get<Rubricator>("/tenant/rubricator"), []);
  const [topics, setTopics] = useState<Topic[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (res.data) setTopics(res.data.topics);
  }, [res.data]);

  const set = (i: number, patch: Partial<Topic>) =>
    setTopics((list) => list.map((tp, j) => (j === i ? { ...tp, ...patch } : tp)));

  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      const body: Rubricator = {
        ...(res.data?.version !== undefined ? { version: res.data.version } : {}),
        topics: topics.map((tp) => ({
          code: tp.code.trim(),
          name: tp.name.trim(),
          ...(tp.covers?.trim() ? { covers: tp.covers.trim() } : {}),
        })),
      };
      res.set(await api.put<Rubricator>("/tenant/rubricator", body));
      forgetTopics();
      toast(x.saved);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <ErrorLine error={res.error ?? error} />
      <table className="table" data-testid="rubricator">
        <thead>
          <tr>
            <th scope="col">{t.code}</th>
            <th scope="col">{t.name}</th>
            <th scope="col">{t.description}</th>
            <th scope="col">
              <span className="visually-hidden">{t.actions}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {topics.map((tp, i) => (
            <tr key={i}>
              <td>
                <input
                  aria-label={x.codeOf(i + 1)}
                  title={x.codeHint}
                  required
                  pattern="[a-z][a-zA-Z0-9_\-]{0,63}"
                  value={tp.code}
                  onChange={(e) => set(i, { code: e.target.value })}
                />
              </td>
              <td>
                <input
                  aria-label={x.nameOf(i + 1)}
                  required
                  value={tp.name}
                  onChange={(e) => set(i, { name: e.target.value })}
                />
              </td>
              <td>
                <textarea
                  aria-label={x.coversOf(i + 1)}
                  rows={2}
                  value={tp.covers ?? ""}
                  onChange={(e) => set(i, { covers: e.target.value })}
                />
              </td>
              <td>
                <button
                  type="button"
                  className="small-button"
                  aria-label={x.remove(tp.name || tp.code)}
                  onClick={() => setTopics((list) => list.filter((_, j) => j !== i))}
                >
                  ✕
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="buttons">
        <button
          type="button"
          onClick={() => setTopics((list) => [...list, { code: "", name: "" }])}
        >
          {x.addTopic}
        </button>
        <button
          type="button"
          className="primary"
          disabled={busy || topics.length === 0}
          onClick={() => void save()}
        >
          {x.save}
        </button>
      </div>
    </>
  );
}
