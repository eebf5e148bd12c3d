// The tenant's regulation as text (YAML, format otklik/regulation@1), edited in place: the parser's
// problems appear while typing, each at its line, and after saving the server's own check and the
// linter's findings (contradictions and gaps of the document, with their clauses) replace them.
import { useEffect, useMemo, useRef, useState } from "react";
import { api, ApiError } from "../../api/client.ts";
import type { RegulationView } from "../../api/types.ts";
import { useToast } from "../../components/Toasts.tsx";
import { useI18n, useTexts } from "../../i18n.tsx";
import { forgetRegulation } from "../../regulation.ts";
import { problemText, useResource } from "../../resource.ts";

const TEXTS = {
  ru: {
    title: "Изменить регламент",
    editor: "Текст регламента (YAML)",
    save: "Сохранить регламент",
    saved: "Регламент сохранён",
    reading: "Проверка…",
    readsWell: "Текст читается без ошибок",
    problems: (n: number) => `Ошибки в тексте: ${n}`,
    line: (n: number) => `строка ${n}`,
    // The name starts with the visible "строка N" (WCAG 2.5.3) and says what the button does.
    goToLine: (n: number) => `строка ${n} — перейти к строке ${n}`,
    serverRefused: "Сервер не принял регламент: исправьте ошибки",
    findingsNote:
      "Противоречия самого документа сохраняются и показываются, как они есть в тексте.",
    discard: "Вернуть сохранённый текст",
    changed: "Есть несохранённые изменения",
  },
  en: {
    title: "Edit the regulation",
    editor: "Regulation text (YAML)",
    save: "Save the regulation",
    saved: "The regulation is saved",
    reading: "Checking…",
    readsWell: "The text reads without errors",
    problems: (n: number) => `Errors in the text: ${n}`,
    line: (n: number) => `line ${n}`,
    goToLine: (n: number) => `line ${n} — go to line ${n}`,
    serverRefused: "The server refused the regulation: fix the errors",
    findingsNote: "Contradictions of the document itself are kept and shown as the text has them.",
    discard: "Back to the saved text",
    changed: "There are unsaved changes",
  },
};

interface LineProblem {
  line: number | null;
  column: number | null;
  message: string;
  severity: "error" | "warning" | "info";
}

const PAUSE_MS = 400;

export function RegulationEditor({ onSaved }: { onSaved?: () => void }) {
  const { t, locale } = useI18n();
  const x = useTexts(TEXTS);
  const toast = useToast();
  const saved = useResource(() => api.get<RegulationView>("/tenant/regulation"), []);
  const [text, setText] = useState<string | null>(null);
  const [parse, setParse] = useState<LineProblem[] | null>(null);
  const [server, setServer] = useState<LineProblem[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const area = useRef<HTMLTextAreaElement>(null);
  const gutter = useRef<HTMLDivElement>(null);
  const value = text ?? saved.data?.text ?? "";

  // The domain's own parser, loaded on demand, reads the text as the server will.
  useEffect(() => {
    if (text === null) return;
    setParse(null);
    const id = setTimeout(() => {
      void Promise.all([
        import("../../../../src/domain/regulation/parse.ts"),
        import("../../../../src/domain/regulation/messages.ts"),
      ]).then(([{ parseRegulation }, { describeProblem }]) => {
        const r = parseRegulation(text);
        setParse(
          r.ok
            ? []
            : r.problems.map((p) => ({
                line: p.line,
                column: p.column,
                message: describeProblem(p, locale),
                severity: "error" as const,
              })),
        );
      });
    }, PAUSE_MS);
    return () => clearTimeout(id);
  }, [text, locale]);

  const findings: LineProblem[] = useMemo(
    () =>
      (saved.data?.findings ?? []).map((f) => ({
        line: f.line,
        column: null,
        message: f.message,
        severity: f.severity,
      })),
    [saved.data],
  );
  const problems = server ?? parse ?? [];
  const marks = new Map<number, LineProblem>();
  for (const p of [...findings, ...problems]) if (p.line !== null) marks.set(p.line, p);
  const lines = value.split("\n").length;

  const goTo = (line: number) => {
    const el = area.current;
    if (!el) return;
    const starts = [0];
    for (let i = 0; i < value.length; i++) if (value[i] === "\n") starts.push(i + 1);
    const start = starts[line - 1] ?? 0;
    const end = (starts[line] ?? value.length + 1) - 1;
    el.focus();
    el.setSelectionRange(start, end);
    // Roughly where the line is: the textarea's line height times the line.
    el.scrollTop = Math.max(0, (line - 5) * parseFloat(getComputedStyle(el).lineHeight || "20"));
  };

  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      const view = await api.put<RegulationView>("/tenant/regulation", { text: value });
      saved.set(view);
      setText(null);
      setServer(null);
      setParse(null);
      forgetRegulation();
      onSaved?.();
      toast(x.saved);
    } catch (e) {
      if (e instanceof ApiError && e.status === 422 && e.problem.errors?.length) {
        setServer(
          e.problem.errors.map((f) => {
            const err = f as { line?: number; column?: number; message?: string };
            return {
              line: err.line ?? null,
              column: err.column ?? null,
              message: err.message ?? f.field,
              severity: "error" as const,
            };
          }),
        );
        setError(x.serverRefused);
      } else setError(problemText(e, t));
    } finally {
      setBusy(false);
    }
  };

  if (saved.error && !saved.data)
    return (
      <p className="error" role="alert">
        {problemText(saved.error, t)}
      </p>
    );
  if (!saved.data)
    return (
      <p className="muted" role="status">
        {t.loading}
      </p>
    );

  return (
    <section aria-labelledby="regulation-editor-title" className="regulation-editor">
      <h3 id="regulation-editor-title">{x.title}</h3>
      <div className="code-editor">
        <div className="gutter" ref={gutter} aria-hidden="true">
          {Array.from({ length: lines }, (_, i) => {
            const mark = marks.get(i + 1);
            return (
              <div
                key={i}
                className={mark ? `gutter-line gutter-${mark.severity}` : "gutter-line"}
                title={mark?.message}
              >
                {mark ? "● " : ""}
                {i + 1}
              </div>
            );
          })}
        </div>
        <textarea
          ref={area}
          aria-label={x.editor}
          spellCheck={false}
          wrap="off"
          value={value}
          onScroll={(e) => {
            if (gutter.current) gutter.current.scrollTop = e.currentTarget.scrollTop;
          }}
          onChange={(e) => {
            setText(e.target.value);
            setServer(null);
          }}
        />
      </div>
      <div className="buttons">
        <button
          type="button"
          className="primary"
          disabled={busy || text === null || (parse?.length ?? 0) > 0}
          onClick={() => void save()}
        >
          {x.save}
        </button>
        {text !== null && (
          <button type="button" disabled={busy} onClick={() => setText(null)}>
            {x.discard}
          </button>
        )}
        {text !== null && <span className="muted small">{x.changed}</span>}
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {text !== null && (
        <div aria-live="polite" data-testid="regulation-problems">
          {server === null && parse === null ? (
            <p className="muted small">{x.reading}</p>
          ) : problems.length === 0 ? (
            <p className="ok small">✓ {x.readsWell}</p>
          ) : (
            <>
              <h4>{x.problems(problems.length)}</h4>
              <ProblemList problems={problems} goTo={goTo} />
            </>
          )}
        </div>
      )}
      <h4>{t.findings}</h4>
      <p className="muted small">{x.findingsNote}</p>
      {findings.length === 0 ? (
        <p className="muted">{t.noFindings}</p>
      ) : (
        <ProblemList problems={findings} goTo={goTo} />
      )}
    </section>
  );
}

function ProblemList({ problems, goTo }: { problems: LineProblem[]; goTo(line: number): void }) {
  const x = useTexts(TEXTS);
  return (
    <ul className="findings">
      {problems.map((p, i) => (
        <li key={i} className={p.severity === "error" ? "finding-error" : undefined}>
          {p.line !== null && (
            <button
              type="button"
              className="link-button"
              aria-label={x.goToLine(p.line)}
              onClick={() => goTo(p.line!)}
            >
              {x.line(p.line)}
            </button>
          )}
          {p.line !== null ? ": " : ""}
          {p.message}
        </li>
      ))}
    </ul>
  );
}
