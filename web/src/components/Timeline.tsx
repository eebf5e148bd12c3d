// Everything that happened to the case, newest last, with the deadlines each event set and the
// clause of the regulation behind each.
import { ms } from "../api/client.ts";
import type { Action, StageView, TimelineEntry } from "../api/types.ts";
import { ACTIONS } from "../../../src/domain/workflow/policy.ts";
import { clauseLabel } from "../../../src/domain/regulation/messages.ts";
import { historyName, noticeName } from "../../../src/domain/workflow/messages.ts";
import { useI18n, useTexts } from "../i18n.tsx";
import { useSession } from "../session.tsx";
import { formatAt } from "../time.ts";

/** Entries that are not workflow actions: triage decisions and the scheduler's clocks. */
const TEXTS = {
  ru: {
    notProcessableRejected: "Сообщение подлежит обработке: подсказка отклонена",
    windowExpired: "Время этапа вышло",
  },
  en: {
    notProcessableRejected: "The message is processable: the suggestion rejected",
    windowExpired: "The stage's time is over",
  },
};

/** The words a person wrote with the action (reason, remarks, note), shown as text. */
function noteOf(details: Record<string, unknown> | null): string | null {
  for (const k of ["reason", "remarks", "note", "comment", "text"]) {
    const v = details?.[k];
    if (typeof v === "string" && v.trim()) return v;
  }
  return null;
}

const isAction = (a: string): a is Action => (ACTIONS as readonly string[]).includes(a);

export function Timeline({ entries, stages }: { entries: TimelineEntry[]; stages: StageView[] }) {
  const { t, locale } = useI18n();
  const texts = useTexts(TEXTS);
  const { me } = useSession();
  const zone = me?.tenant.timeZone;
  if (!entries.length) return <p className="muted">{t.noEvents}</p>;
  return (
    <ol className="timeline">
      {entries.map((e, i) => {
        // The deadlines this event set: the stages it started, each with its clause.
        const at = ms(e.at);
        const started = stages.filter((s) => ms(s.startedAt) === at && s.kind !== "window");
        const note = noteOf(e.details);
        return (
          <li key={e.id ?? i}>
            <div>
              <time dateTime={new Date(ms(e.at) ?? 0).toISOString()}>
                {formatAt(ms(e.at) ?? 0, zone, locale)}
              </time>{" "}
              <strong>
                {isAction(e.action)
                  ? historyName(e.action, locale)
                  : e.action === "register" || e.action === "registerCase"
                    ? t.registerTitle
                    : e.action === "setLocation"
                      ? `${t.location}: ${String(e.details?.location ?? t.none)}`
                      : e.action === "notProcessableRejected"
                        ? texts.notProcessableRejected
                        : e.action === "overdue" || e.action === "atRisk"
                          ? noticeName(e.action, locale)
                          : e.action === "windowExpired"
                            ? texts.windowExpired
                            : e.action}
              </strong>
              {/* The scheduler's entries (and only they) name the stage whose clock they are. */}
              {e.stage && <span>: {stages.find((s) => s.key === e.stage)?.title ?? e.stage}</span>}
              {e.actor && <span className="muted"> — {e.actor.name}</span>}
            </div>
            {note && <div className="note-text">{note}</div>}
            {started.length > 0 && (
              <ul className="timeline-stages">
                {started.map((s) => (
                  <li key={`${s.key}-${s.cycle}`}>
                    {s.title}:{" "}
                    {s.deadline ? formatAt(ms(s.deadline) ?? 0, zone, locale) : t.noDeadline}
                    {s.clause ? ` (${clauseLabel(s.clause, locale)})` : ""}
                  </li>
                ))}
              </ul>
            )}
          </li>
        );
      })}
    </ol>
  );
}
