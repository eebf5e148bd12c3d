// The approver's view of a draft: its text against the previous version, word by word.
import { useMemo } from "react";
import type { DraftView } from "../api/types.ts";
import { wordDiff } from "../diff.ts";
import { requirementName } from "../../../src/domain/regulation/messages.ts";
import { useI18n } from "../i18n.tsx";
import { attachmentHref } from "../text-links.ts";

export function WordDiff({ before, after }: { before: string; after: string }) {
  const { t } = useI18n();
  const parts = useMemo(() => wordDiff(before, after), [before, after]);
  return (
    <p className="diff" data-testid="draft-diff">
      {parts.map((p, i) =>
        p.op === "same" ? (
          <span key={i}>{p.text}</span>
        ) : p.op === "added" ? (
          <ins key={i} title={t.diffAdded}>
            {p.text}
          </ins>
        ) : (
          <del key={i} title={t.diffRemoved}>
            {p.text}
          </del>
        ),
      )}
    </p>
  );
}

export function DraftReview({ draft, previous }: { draft: DraftView; previous: DraftView | null }) {
  const { t, locale, draftKind } = useI18n();
  return (
    <section className="draft-review" aria-labelledby="draft-review-title">
      <h2 id="draft-review-title">
        {t.draft} · {draftKind(draft.kind)} · {t.draftVersion(draft.version)}
        {draft.author ? <span className="muted"> — {draft.author.name}</span> : null}
      </h2>
      <p className="note-text draft-text" data-testid="draft-text">
        {draft.text}
      </p>
      {draft.attachments.length > 0 && (
        <ul className="attachments-list">
          {draft.attachments.map((a, i) => {
            const href = attachmentHref(a.url);
            return (
              <li key={i}>
                {href ? (
                  <a href={href} target="_blank" rel="noopener noreferrer nofollow">
                    {a.name ?? a.url}
                  </a>
                ) : (
                  (a.name ?? a.url)
                )}
              </li>
            );
          })}
        </ul>
      )}
      {Object.keys(draft.checklist ?? {}).length > 0 && (
        <ul className="checklist-view" aria-label={t.checklist}>
          {Object.entries(draft.checklist).map(([k, v]) => (
            <li key={k}>
              <span aria-hidden="true">{v ? "☑" : "☐"} </span>
              {requirementName(k, locale)}: {v ? t.yes : t.no}
            </li>
          ))}
        </ul>
      )}
      <h3>{t.diffTitle}</h3>
      {previous ? (
        <>
          {previous.remarks && (
            <p className="muted">
              {t.remarks}: {previous.remarks}
            </p>
          )}
          <WordDiff before={previous.text} after={draft.text} />
        </>
      ) : (
        <p className="muted">{t.diffNoPrevious}</p>
      )}
    </section>
  );
}
