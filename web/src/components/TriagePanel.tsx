// The card's topic, location and importance, each with triage's suggestion beside it: the curator
// takes a suggestion in one click or chooses otherwise, and every decision is stored on the server
// as training data. A message triage took for not processable, or for a repeat or a duplicate of
// an earlier case, waits here for the curator's word.
import { useState } from "react";
import { api, ApiError } from "../api/client.ts";
import type { CaseCard, Importance, TriageDecision, TriageView } from "../api/types.ts";
import { importanceName, reasonName } from "../../../src/domain/regulation/messages.ts";
import { IMPORTANCE_LIST, useI18n, useTexts } from "../i18n.tsx";
import { problemText } from "../resource.ts";
import { topicName, type Topic } from "../topics.ts";
import { useSettlements } from "../places.ts";
import { LinkSuggestions } from "./LinkSuggestions.tsx";
import { useToast } from "./Toasts.tsx";

const TEXTS = {
  ru: {
    suggested: "Подсказка",
    saved: "Решение сохранено",
    accept: "Принять",
    acceptTopic: (name: string) => `Принять тему «${name}»`,
    acceptLocation: (name: string) => `Принять место «${name}»`,
    acceptImportance: (name: string) => `Принять важность «${name}»`,
    acceptAll: "Принять все подсказки",
    asSuggested: "как в подсказке",
    decided: "решение куратора сохранено",
    byWords: (words: string) => `по словам: ${words}`,
    score: (p: number) => `уверенность ${Math.round(p * 100)}%`,
    also: "Ещё возможно",
    nothingFound: "не найдено",
    setAsideTitle: "Похоже, не подлежит обработке",
    setAsideText: (reason: string, evidence: string) => `${reason}: ${evidence}`,
    confirmNotProcessable: "Подтвердить: не отвечать",
    rejectNotProcessable: "Это обычное сообщение",
    setAsideNote:
      "Угрозы, нецензурная брань и оскорбления не рассматриваются (002 п. 14, 004 п. 21): подтвердите или отклоните.",
    locationPlaceholder: "населённый пункт, улица, дом",
    normalReason: "признаков срочности не найдено",
  },
  en: {
    suggested: "Suggestion",
    saved: "Decision saved",
    accept: "Accept",
    acceptTopic: (name: string) => `Accept topic “${name}”`,
    acceptLocation: (name: string) => `Accept location “${name}”`,
    acceptImportance: (name: string) => `Accept importance “${name}”`,
    acceptAll: "Accept all suggestions",
    asSuggested: "as suggested",
    decided: "the curator's decision is stored",
    byWords: (words: string) => `by the words: ${words}`,
    score: (p: number) => `confidence ${Math.round(p * 100)}%`,
    also: "Also possible",
    nothingFound: "nothing found",
    setAsideTitle: "Looks not processable",
    setAsideText: (reason: string, evidence: string) => `${reason}: ${evidence}`,
    confirmNotProcessable: "Confirm: do not answer",
    rejectNotProcessable: "It is an ordinary message",
    setAsideNote:
      "Threats, obscenity and insults are not answered (002 p. 14, 004 p. 21): confirm or reject.",
    locationPlaceholder: "settlement, street, house",
    normalReason: "no sign of urgency found",
  },
};

const quoted = (words: string[]) => words.map((w) => `«${w}»`).join(", ");

export function TriagePanel({
  c,
  topics,
  canDecide,
  onChanged,
  onConflict,
}: {
  c: CaseCard;
  topics: readonly Topic[];
  /** The reader may triage now (the card's allowedActions). */
  canDecide: boolean;
  onChanged(card: CaseCard): void;
  onConflict(e: unknown): boolean;
}) {
  const { t, locale, channel } = useI18n();
  const x = useTexts(TEXTS);
  const toast = useToast();
  const s: TriageView | null = c.triage;
  const [topic, setTopic] = useState(c.topic ?? "");
  const [location, setLocation] = useState(c.location ?? "");
  const settlements = useSettlements();
  const [importance, setImportance] = useState<Importance>(c.importance);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const decide = async (decision: Omit<TriageDecision, "expectedVersion">) => {
    setBusy(true);
    setError(null);
    try {
      const card = await api.post<CaseCard>(`/cases/${c.id}/triage`, {
        ...decision,
        expectedVersion: c.version,
      });
      setTopic(card.topic ?? "");
      setLocation(card.location ?? "");
      setImportance(card.importance);
      toast(x.saved);
      onChanged(card);
    } catch (e) {
      if (!(e instanceof ApiError && e.status === 409 && onConflict(e)))
        setError(problemText(e, t));
    } finally {
      setBusy(false);
    }
  };

  const decided = (f: TriageView["decided"][number]) => s?.decided.includes(f) ?? false;
  const sameTopic = !!s?.topic && c.topic === s.topic.code;
  const sameLocation = !!s?.location && c.location === s.location.label;
  const sameImportance = !!s && c.importance === s.importance.value;
  const everything: Omit<TriageDecision, "expectedVersion"> = {
    ...(s?.topic && !sameTopic ? { topic: s.topic.code } : {}),
    ...(s?.location && !sameLocation ? { location: s.location.label } : {}),
    ...(s && !sameImportance ? { importance: s.importance.value } : {}),
  };
  const network = c.messages[0]?.network ?? c.channel;
  const pending = c.setAside && s?.notProcessable;

  return (
    <section aria-labelledby="triage-title" className="triage">
      <h2 id="triage-title">{t.triageBlock}</h2>

      {pending && s?.notProcessable && (
        <div className="set-aside" role="group" aria-labelledby="set-aside-title">
          <h3 id="set-aside-title">⚠ {x.setAsideTitle}</h3>
          <p data-testid="set-aside-reason">
            {x.setAsideText(
              reasonName(s.notProcessable.reason, locale),
              quoted(s.notProcessable.evidence),
            )}
          </p>
          <p className="muted small">{x.setAsideNote}</p>
          {canDecide && (
            <div className="buttons">
              <button
                type="button"
                className="danger"
                disabled={busy}
                onClick={() => void decide({ notProcessable: { confirm: true } })}
              >
                {x.confirmNotProcessable}
              </button>
              <button
                type="button"
                disabled={busy}
                onClick={() => void decide({ notProcessable: { confirm: false } })}
              >
                {x.rejectNotProcessable}
              </button>
            </div>
          )}
        </div>
      )}

      <LinkSuggestions c={c} busy={busy} decide={(d) => void decide(d)} />

      {canDecide && Object.keys(everything).length > 1 && (
        <button
          type="button"
          className="primary"
          disabled={busy}
          onClick={() => void decide(everything)}
        >
          {x.acceptAll}
        </button>
      )}

      <div className="triage-field" data-testid="triage-topic">
        <label htmlFor={canDecide ? "triage-topic" : undefined}>{t.topic}</label>
        {canDecide ? (
          <span className="inline">
            <select
              id="triage-topic"
              value={topic}
              onChange={(e) => setTopic(e.target.value)}
              disabled={busy}
            >
              <option value="">{t.none}</option>
              {topics.map((x) => (
                <option key={x.code} value={x.code}>
                  {x.name}
                </option>
              ))}
            </select>
            {topic !== (c.topic ?? "") && (
              <button
                type="button"
                disabled={busy}
                onClick={() => void decide({ topic: topic || null })}
              >
                {t.save}
              </button>
            )}
          </span>
        ) : (
          <span id="triage-topic">{topicName(topics, c.topic) ?? t.none}</span>
        )}
        {s?.topic && (
          <p className="suggestion">
            {x.suggested}: <strong>{s.topic.name}</strong> · {x.score(s.topic.score)}
            {s.topic.words.length > 0 && <> · {x.byWords(quoted(s.topic.words))}</>}
            {s.topic.alternatives.length > 0 && (
              <span className="muted small">
                {" "}
                · {x.also}: {s.topic.alternatives.map((a) => a.name).join(", ")}
              </span>
            )}{" "}
            <Verdict
              same={sameTopic}
              decided={decided("topic")}
              canDecide={canDecide}
              busy={busy}
              label={x.acceptTopic(s.topic.name)}
              onAccept={() => void decide({ topic: s.topic!.code })}
            />
          </p>
        )}
      </div>

      <div className="triage-field" data-testid="triage-location">
        <label htmlFor={canDecide ? "triage-location" : undefined}>{t.location}</label>
        {canDecide ? (
          <span className="inline">
            <input
              id="triage-location"
              className="wide"
              value={location}
              placeholder={x.locationPlaceholder}
              list="triage-settlements"
              onChange={(e) => setLocation(e.target.value)}
              disabled={busy}
            />
            {/* The gazetteer's settlements to start from; a street and house follow by hand. */}
            <datalist id="triage-settlements">
              {settlements.map((name) => (
                <option key={name} value={name} />
              ))}
            </datalist>
            {location.trim() !== (c.location ?? "") && (
              <button
                type="button"
                disabled={busy}
                onClick={() => void decide({ location: location.trim() || null })}
              >
                {t.save}
              </button>
            )}
          </span>
        ) : (
          <span id="triage-location">{c.location ?? t.none}</span>
        )}
        {s && (
          <p className="suggestion">
            {x.suggested}:{" "}
            {s.location ? (
              <>
                <strong>{s.location.label}</strong> · «{s.location.text}»{" "}
                <Verdict
                  same={sameLocation}
                  decided={decided("location")}
                  canDecide={canDecide}
                  busy={busy}
                  label={x.acceptLocation(s.location.label)}
                  onAccept={() => void decide({ location: s.location!.label })}
                />
              </>
            ) : (
              <span className="muted">{x.nothingFound}</span>
            )}
          </p>
        )}
      </div>

      <div className="triage-field" data-testid="triage-importance">
        <label htmlFor={canDecide ? "triage-importance" : undefined}>{t.importance}</label>
        {canDecide ? (
          <span className="inline">
            <select
              id="triage-importance"
              value={importance}
              onChange={(e) => setImportance(e.target.value as Importance)}
              disabled={busy}
            >
              {IMPORTANCE_LIST.map((i) => (
                <option key={i} value={i}>
                  {importanceName(i, locale)}
                </option>
              ))}
            </select>
            {importance !== c.importance && (
              <button type="button" disabled={busy} onClick={() => void decide({ importance })}>
                {t.save}
              </button>
            )}
          </span>
        ) : (
          <span id="triage-importance">{importanceName(c.importance, locale)}</span>
        )}
        {s && (
          <p className="suggestion">
            {x.suggested}: <strong>{importanceName(s.importance.value, locale)}</strong>
            {" · "}
            {s.importance.reasons.length ? s.importance.reasons.join("; ") : x.normalReason}{" "}
            <Verdict
              same={sameImportance}
              decided={decided("importance")}
              canDecide={canDecide}
              busy={busy}
              label={x.acceptImportance(importanceName(s.importance.value, locale))}
              onAccept={() => void decide({ importance: s.importance.value })}
            />
          </p>
        )}
      </div>

      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}

      <dl className="facts">
        <dt>{t.department}</dt>
        <dd>{c.department?.name ?? t.unassigned}</dd>
        <dt>{t.executor}</dt>
        <dd>{c.executor?.name ?? t.none}</dd>
        <dt>{t.network}</dt>
        <dd>{channel(network)}</dd>
      </dl>
    </section>
  );
}

/** Beside a suggestion: the one-click accept, or a tick when the card already has it. */
function Verdict({
  same,
  decided,
  canDecide,
  busy,
  label,
  onAccept,
}: {
  same: boolean;
  decided: boolean;
  canDecide: boolean;
  busy: boolean;
  label: string;
  onAccept(): void;
}) {
  const x = useTexts(TEXTS);
  if (same)
    return (
      <span className="ok small">
        ✓ {x.asSuggested}
        {decided ? ` · ${x.decided}` : ""}
      </span>
    );
  if (!canDecide) return null;
  return (
    <button
      type="button"
      className="small-button"
      aria-label={label}
      disabled={busy}
      onClick={onAccept}
    >
      {x.accept}
    </button>
  );
}
