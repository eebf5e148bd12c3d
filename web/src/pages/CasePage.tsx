// The case card: the message as written, who wrote it and where, linked repeats and duplicates,
// classification, stages with deadlines and clauses, the history, the draft — and only the
// actions this person may take now (the server's allowedActions).
import { useEffect, useRef, useState } from "react";
import { act, api, ApiError, ms } from "../api/client.ts";
import type { Action, CaseCard, DraftView, MessageView } from "../api/types.ts";
import { importanceName, reasonName } from "../../../src/domain/regulation/messages.ts";
import { NOT_PROCESSABLE } from "../../../src/domain/workflow/case.ts";
import { ActionDialog, type Field } from "../components/ActionDialog.tsx";
import { Countdown, RiskBadge } from "../components/Deadline.tsx";
import { DraftEditor } from "../components/DraftEditor.tsx";
import { DraftReview } from "../components/DraftReview.tsx";
import { MessageText } from "../components/MessageText.tsx";
import { PublishDialog } from "../components/PublishDialog.tsx";
import { RouteDialog } from "../components/RouteDialog.tsx";
import { Stages } from "../components/Stages.tsx";
import { Timeline } from "../components/Timeline.tsx";
import { TriagePanel } from "../components/TriagePanel.tsx";
import { useToast } from "../components/Toasts.tsx";
import { IMPORTANCE_LIST, useI18n, type Messages } from "../i18n.tsx";
import { useLiveRefresh } from "../live.tsx";
import { problemText, useResource } from "../resource.ts";
import { Link, navigate } from "../router.tsx";
import { useSession } from "../session.tsx";
import { attachmentHref, webHref } from "../text-links.ts";
import { formatAt } from "../time.ts";
import { useTopics } from "../topics.ts";
import { useAnswerRequirements } from "../regulation.ts";

/** Actions done in the draft editor or the triage panel, not as plain buttons. */
const IN_EDITOR: ReadonlySet<Action> = new Set(["saveDraft", "submitDraft", "triage"]);
/** Actions that need nothing but a click. */
const ONE_CLICK: ReadonlySet<Action> = new Set(["accept", "approve", "handOver", "resolve"]);

export function CasePage({ id }: { id: number }) {
  const i18n = useI18n();
  const { t, locale, status, channel, action } = i18n;
  const { me } = useSession();
  const toast = useToast();
  const topics = useTopics();
  const res = useResource(() => api.get<CaseCard>(`/cases/${id}`), [id]);
  const listed = useAnswerRequirements(res.data?.procedure);
  // The answer to a repeat reports the measures taken (002 п. 12, 004 п. 20), as the server's check asks.
  const requirements =
    res.data?.linked.repeatOf && !listed.includes("measures") ? [...listed, "measures"] : listed;
  useLiveRefresh(res.reload, (e) => e.caseId == null || e.caseId === id);
  const [dialog, setDialog] = useState<Action | null>(null);
  const [busy, setBusy] = useState(false);
  const titleRef = useRef<HTMLHeadingElement>(null);
  // A button goes away with the state it belonged to (accepted, routed, approved): the focus
  // then lands on the card's title, not back at the top of the page.
  const version = res.data?.version;
  useEffect(() => {
    if (
      version !== undefined &&
      (!document.activeElement || document.activeElement === document.body)
    )
      titleRef.current?.focus({ preventScroll: true });
  }, [version]);

  if (res.error && !res.data) {
    const notFound = res.error.status === 404 || res.error.status === 403;
    return (
      <section className="page">
        <h1>{notFound ? t.caseNotFound : t.errorGeneric}</h1>
        {!notFound && <p role="alert">{problemText(res.error, t)}</p>}
        <Link href="/">{t.toHome}</Link>
      </section>
    );
  }
  const c = res.data;
  if (!c)
    return (
      <p className="page-loading" role="status">
        {t.loading}
      </p>
    );

  const zone = me?.tenant.timeZone;
  const allowed = c.allowedActions;
  const drafts = [...(c.drafts ?? [])].sort((a, b) => a.version - b.version);
  const latest = drafts[drafts.length - 1] ?? null;
  const editing =
    latest && (latest.status === "editing" || latest.status === "returned") ? latest : null;
  const lastReturned =
    [...drafts].reverse().find((d) => d.status === "returned" && d.remarks) ?? null;
  const submitted = latest && latest.status === "submitted" ? latest : null;
  const approved =
    latest && (latest.status === "approved" || latest.status === "published") ? latest : null;
  const previousOf = (d: DraftView) => drafts.filter((x) => x.version < d.version).pop() ?? null;

  /** A conflict (someone was first) or a refused transition refreshes the card and says so. */
  const onConflict = (e: unknown): boolean => {
    if (e instanceof ApiError && e.status === 409) {
      toast(e.problem.currentVersion !== undefined ? t.conflict : t.notAllowedNow, "error");
      setDialog(null);
      res.reload();
      return true;
    }
    return false;
  };
  const done = () => {
    const returned = dialog === "return";
    setDialog(null);
    toast(t.actionDone);
    // A returned case leaves the executor's department: back to the inbox, not to a card
    // they can no longer see.
    if (returned) navigate("/");
    else res.reload();
  };
  const oneClick = async (a: Action) => {
    setBusy(true);
    try {
      await act(c.id, a, {}, c.version);
      done();
    } catch (e) {
      if (!onConflict(e)) toast(problemText(e, t), "error");
    } finally {
      setBusy(false);
    }
  };

  const buttons = allowed.filter((a) => !IN_EDITOR.has(a));
  const showEditor = allowed.includes("saveDraft") && c.status !== "onApproval";
  const network = c.messages[0]?.network ?? c.channel;
  const linked = [
    ...(c.linked.repeatOf ? [{ relation: "repeatOf", c: c.linked.repeatOf }] : []),
    ...(c.linked.duplicateOf ? [{ relation: "duplicateOf", c: c.linked.duplicateOf }] : []),
    ...c.linked.repeats.map((x) => ({ relation: "repeat", c: x })),
    ...c.linked.duplicates.map((x) => ({ relation: "duplicate", c: x })),
  ];

  return (
    <article className="page case" aria-labelledby="case-title">
      <div className="page-head">
        <Link href="/" className="back">
          {t.backToQueue}
        </Link>
        <h1 id="case-title" ref={titleRef} tabIndex={-1}>
          {t.caseTitle(c.number)}
        </h1>
        <span className="status">{status(c.status)}</span>
        {c.importance !== "normal" && (
          <span className="badge badge-important">{importanceName(c.importance, locale)}</span>
        )}
        <RiskBadge risk={c.risk} />
        {c.deadline && (
          <Countdown
            deadline={ms(c.deadline)}
            atRiskWithinMs={c.risk === "atRisk" ? Infinity : 0}
          />
        )}
      </div>

      <div className="case-grid">
        <div className="case-main">
          <section aria-labelledby="messages-title">
            <h2 id="messages-title">{t.message}</h2>
            {c.messages.map((m) => (
              <Message key={m.id} m={m} zone={zone} />
            ))}
          </section>

          {linked.length > 0 && (
            <section aria-labelledby="linked-title">
              <h2 id="linked-title">{t.linked}</h2>
              <ul>
                {linked.map(({ relation, c: l }) => (
                  <li key={`${relation}-${l.id}`}>
                    <Link href={`/cases/${l.id}`}>№ {l.number}</Link> —{" "}
                    {t.relation[relation] ?? relation} · {status(l.status)}
                  </li>
                ))}
              </ul>
            </section>
          )}

          {submitted && <DraftReview draft={submitted} previous={previousOf(submitted)} />}
          {approved && !showEditor && (
            <DraftReview draft={approved} previous={previousOf(approved)} />
          )}
          {showEditor && (
            <DraftEditor
              key={`${editing?.id ?? "new"}-${editing?.version ?? 0}`}
              caseId={c.id}
              version={c.version}
              current={editing?.status === "editing" ? editing : null}
              returned={
                lastReturned && (!editing || editing.status === "returned") ? lastReturned : null
              }
              requirements={requirements}
              canSubmit={allowed.includes("submitDraft") || allowed.includes("saveDraft")}
              onSaved={res.reload}
              onConflict={onConflict}
            />
          )}

          {c.publications.length > 0 && (
            <section aria-labelledby="pub-title">
              <h2 id="pub-title">{t.publications}</h2>
              <ul>
                {c.publications.map((p) => {
                  const href = webHref(p.url);
                  return (
                    <li key={p.id}>
                      {channel(p.network)} {p.account ? `· ${p.account.name} ` : ""}
                      {p.publishedAt ? `· ${formatAt(ms(p.publishedAt) ?? 0, zone, locale)} ` : ""}
                      {href && (
                        <a href={href} target="_blank" rel="noopener noreferrer nofollow">
                          {p.url}
                        </a>
                      )}
                    </li>
                  );
                })}
              </ul>
            </section>
          )}

          {c.notes.length > 0 && (
            <section aria-labelledby="notes-title">
              <h2 id="notes-title">{t.notes}</h2>
              <ul className="notes">
                {c.notes.map((n) => (
                  <li key={n.id}>
                    <span className="muted">
                      {formatAt(ms(n.createdAt) ?? 0, zone, locale)} · {n.author?.name ?? ""} ·{" "}
                      {isActionName(n.kind) ? action(n.kind) : n.kind}
                    </span>
                    <p className="note-text">{n.text}</p>
                  </li>
                ))}
              </ul>
            </section>
          )}
        </div>

        <aside className="case-side">
          <section aria-labelledby="actions-title" className="actions">
            <h2 id="actions-title">{t.actions}</h2>
            {buttons.length === 0 ? (
              <p className="muted">{t.noActions}</p>
            ) : (
              <div className="buttons">
                {buttons.map((a) => (
                  <button
                    key={a}
                    type="button"
                    className={
                      a === "accept" || a === "approve" || a === "assign" || a === "publish"
                        ? "primary"
                        : undefined
                    }
                    disabled={busy}
                    onClick={() => (ONE_CLICK.has(a) ? void oneClick(a) : setDialog(a))}
                  >
                    {action(a)}
                  </button>
                ))}
              </div>
            )}
          </section>

          <TriagePanel
            key={c.version}
            c={c}
            topics={topics}
            canDecide={allowed.includes("triage")}
            onChanged={res.set}
            onConflict={onConflict}
          />

          <section aria-labelledby="stages-title">
            <h2 id="stages-title">{t.stages}</h2>
            <Stages stages={c.stages} />
          </section>

          <section aria-labelledby="timeline-title">
            <h2 id="timeline-title">{t.timeline}</h2>
            <Timeline entries={c.timeline} stages={c.stages} />
          </section>
        </aside>
      </div>

      {dialog === "assign" && (
        <RouteDialog cases={[c]} onClose={() => setDialog(null)} onDone={done} />
      )}
      {dialog === "publish" && (
        <PublishDialog
          caseId={c.id}
          version={c.version}
          network={network}
          text={(approved ?? latest)?.text ?? ""}
          onClose={() => setDialog(null)}
          onDone={done}
          onConflict={onConflict}
        />
      )}
      {dialog && dialog !== "assign" && dialog !== "publish" && (
        <ActionDialog
          caseId={c.id}
          version={c.version}
          action={dialog}
          title={action(dialog)}
          fields={fieldsOf(
            dialog,
            c,
            i18n.t,
            locale,
            topics.map((x) => ({ value: x.code, label: x.name })),
          )}
          onClose={() => setDialog(null)}
          onDone={done}
          onConflict={onConflict}
        />
      )}
    </article>
  );
}

function isActionName(k: string): k is Action {
  return (
    k === "return" ||
    k === "escalate" ||
    k === "reportMeasures" ||
    k === "setAdditionalControl" ||
    k === "submitPart"
  );
}

/** The fields each action's dialog asks for, named as the API takes them. */
function fieldsOf(
  a: Action,
  c: CaseCard,
  t: Messages,
  locale: "ru" | "en",
  topics: Array<{ value: string; label: string }>,
): Field[] {
  const stageOptions = c.stages
    .filter((s) => s.status === "open" || s.status === "waiting")
    .map((s) => ({ value: s.key, label: s.title }));
  switch (a) {
    case "return":
      return [{ name: "reason", label: t.returnReason, kind: "textarea", required: true }];
    case "requestRevision":
      return [{ name: "remarks", label: t.revisionRemarks, kind: "textarea", required: true }];
    case "markNotProcessable":
      return [
        {
          name: "reason",
          label: t.npReason,
          kind: "select",
          options: NOT_PROCESSABLE.map((r) => ({ value: r, label: reasonName(r, locale) })),
        },
      ];
    case "linkRepeat":
      return [
        {
          name: "caseId",
          label: t.repeatCaseId,
          kind: "number",
          required: true,
          initial: c.triage?.repeatOf ? String(c.triage.repeatOf.case.id) : "",
        },
      ];
    case "markDuplicate":
      return [
        {
          name: "caseId",
          label: t.duplicateCaseId,
          kind: "number",
          required: true,
          initial: c.triage?.duplicateOf ? String(c.triage.duplicateOf.case.id) : "",
        },
      ];
    case "setAdditionalControl":
    case "escalate":
      return [
        {
          name: "note",
          label: a === "escalate" ? t.escalateNote : t.note,
          kind: "textarea",
          required: true,
        },
      ];
    case "reportMeasures":
      return [{ name: "text", label: t.measures, kind: "textarea", required: true }];
    case "triage":
      return [
        {
          name: "topic",
          label: t.topic,
          kind: "select",
          options: topics,
          initial: c.topic ?? topics[0]?.value ?? "",
        },
        {
          name: "importance",
          label: t.importance,
          kind: "select",
          initial: c.importance,
          options: IMPORTANCE_LIST.map((i) => ({ value: i, label: importanceName(i, locale) })),
        },
      ];
    case "shortenTerm":
      return [
        { name: "stage", label: t.shortenStage, kind: "select", options: stageOptions },
        { name: "term", label: t.shortenTerm, kind: "text", required: true },
      ];
    case "requestExtension":
      return [
        { name: "days", label: t.extensionDays, kind: "number", required: true, initial: "8" },
        { name: "comment", label: t.extensionComment, kind: "textarea", required: true },
      ];
    case "decideExtension":
      return [
        { name: "approve", label: t.approveExtension, kind: "checkbox", initial: "true" },
        { name: "days", label: t.extensionDays, kind: "number", required: true, initial: "8" },
      ];
    case "requestPart":
    case "designateLead":
      return [
        {
          name: "departmentId",
          label: t.chooseDepartment,
          kind: "number",
          required: true,
          initial: c.department ? String(c.department.id) : "",
        },
      ];
    case "submitPart":
      return [
        { name: "departmentId", label: t.chooseDepartment, kind: "number", required: true },
        { name: "text", label: t.draftText, kind: "textarea", required: true },
      ];
    default:
      return [];
  }
}

function Message({ m, zone }: { m: MessageView; zone: string | undefined }) {
  const { t, locale, channel } = useI18n();
  const original = webHref(m.url);
  const authorPage = webHref(m.author.url);
  const network = channel(m.network);
  return (
    <div className="message" data-testid="message">
      <div className="message-meta">
        <span>
          <span className="muted">{t.author}: </span>
          {authorPage ? (
            // The author's name is the link to their page (its name is its visible text).
            <>
              <a
                href={authorPage}
                target="_blank"
                rel="noopener noreferrer nofollow"
                data-testid="author-name"
              >
                {m.author.name ?? t.unknownAuthor}
              </a>
              <span aria-hidden="true"> ↗</span>
            </>
          ) : (
            <span data-testid="author-name">{m.author.name ?? t.unknownAuthor}</span>
          )}
        </span>
        <span>
          <span className="muted">{t.network}: </span>
          {network}
        </span>
        {m.postedAt && (
          <span>
            <span className="muted">{t.postedAt}: </span>
            {formatAt(ms(m.postedAt) ?? 0, zone, locale)}
          </span>
        )}
        {original ? (
          <a
            href={original}
            target="_blank"
            rel="noopener noreferrer nofollow"
            aria-label={t.originalLinkLabel(network)}
          >
            {t.original} <span aria-hidden="true">↗</span>
          </a>
        ) : m.url ? (
          <span className="muted">{m.url}</span>
        ) : null}
      </div>
      <MessageText text={m.text} />
      {m.relation !== "original" && <p className="muted small">{t.relation[m.relation]}</p>}
      {m.attachments.length > 0 && (
        <ul className="attachments-list" aria-label={t.attachments}>
          {m.attachments.map((a, i) => {
            const href = attachmentHref(a.url);
            return (
              <li key={i}>
                {href ? (
                  <a href={href} target="_blank" rel="noopener noreferrer nofollow">
                    {a.name ?? a.url}
                  </a>
                ) : (
                  <span>{a.name ?? a.url}</span>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
