// How good the draft answer is, while it is written: the server's answer-quality check against the
// procedure's requirements (канцелярит, vague terms, dates, contacts, photo), a score and what to
// fix. Spelling is checked only when asked: its dictionary is large and loads for seconds.
import { useEffect, useRef, useState } from "react";
import { api } from "../api/client.ts";
import type { Attachment, DraftCheck } from "../api/types.ts";
import { requirementName } from "../../../src/domain/regulation/messages.ts";
import { useI18n, useTexts } from "../i18n.tsx";
import { problemText } from "../resource.ts";

const TEXTS = {
  ru: {
    title: "Качество ответа",
    score: (n: number) => `${n} из 100`,
    nothingToFix: "Замечаний нет",
    instead: "лучше",
    checkSpelling: "Проверить орфографию",
    spellingChecked: "орфография проверена",
    spellingLoading: "Загружается словарь…",
    requires: "Регламент требует",
    checking: "Проверка…",
  },
  en: {
    title: "Answer quality",
    score: (n: number) => `${n} of 100`,
    nothingToFix: "Nothing to fix",
    instead: "better",
    checkSpelling: "Check spelling",
    spellingChecked: "spelling checked",
    spellingLoading: "Loading the dictionary…",
    requires: "The regulation requires",
    checking: "Checking…",
  },
};

/** Waits for a pause in typing before asking the server. */
const PAUSE_MS = 600;

export function DraftQuality({
  caseId,
  text,
  attachments,
}: {
  caseId: number;
  text: string;
  attachments: Attachment[];
}) {
  const { t, locale } = useI18n();
  const x = useTexts(TEXTS);
  const [check, setCheck] = useState<DraftCheck | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [spelling, setSpelling] = useState<"off" | "loading" | "on">("off");
  const seq = useRef(0);
  const kinds = attachments.map((a) => a.kind).join(",");

  useEffect(() => {
    if (!text.trim()) {
      setCheck(null);
      return;
    }
    const mine = ++seq.current;
    const id = setTimeout(() => {
      api
        .post<DraftCheck>(`/cases/${caseId}/draft-check`, {
          text,
          attachments: kinds ? kinds.split(",").map((kind) => ({ kind })) : [],
          spelling: spelling !== "off",
        })
        .then(
          (c) => {
            if (mine !== seq.current) return;
            setCheck(c);
            setError(null);
            if (spelling === "loading") setSpelling("on");
          },
          (e: unknown) => {
            if (mine !== seq.current) return;
            setError(problemText(e, t));
            if (spelling === "loading") setSpelling("off");
          },
        );
    }, PAUSE_MS);
    return () => clearTimeout(id);
  }, [caseId, text, kinds, spelling, t]);

  if (!text.trim()) return null;
  return (
    <section className="draft-quality" aria-labelledby="draft-quality-title">
      {/* Only the score is announced, once per change: the whole list on every pause in typing
          would talk over the person writing. */}
      <span className="visually-hidden" role="status">
        {check ? `${x.title}: ${x.score(check.score)}` : ""}
      </span>
      <h3 id="draft-quality-title">
        {x.title}:{" "}
        <span
          data-testid="draft-score"
          className={check && check.score < 70 ? "cell-risk" : undefined}
        >
          {check ? x.score(check.score) : x.checking}
        </span>
      </h3>
      {error && <p className="error">{error}</p>}
      {check && (
        <>
          {check.findings.length === 0 ? (
            <p className="ok small">✓ {x.nothingToFix}</p>
          ) : (
            <ul className="findings" data-testid="draft-findings">
              {check.findings.map((f, i) => (
                <li key={`${f.code}-${i}`}>
                  {f.message}
                  {f.suggestion && (
                    <span className="muted">
                      {" "}
                      — {x.instead}: {f.suggestion}
                    </span>
                  )}
                </li>
              ))}
            </ul>
          )}
          <p className="muted small">
            {x.requires}: {check.requires.map((r) => requirementName(r, locale)).join(", ")}
            {check.spelling ? ` · ${x.spellingChecked}` : ""}
          </p>
        </>
      )}
      {spelling === "off" && (
        <button type="button" className="small-button" onClick={() => setSpelling("loading")}>
          {x.checkSpelling}
        </button>
      )}
      {spelling === "loading" && (
        <p className="muted small" role="status">
          {x.spellingLoading}
        </p>
      )}
    </section>
  );
}
