// Each stage of the case with its deadline, a countdown while it runs, "late by" in working time,
// and the term and clause of the regulation that set it.
import { ms } from "../api/client.ts";
import type { StageView } from "../api/types.ts";
import { actorName, clauseLabel, describeTerm } from "../../../src/domain/regulation/messages.ts";
import { parseTerm } from "../../../src/domain/regulation/term.ts";
import type { Actor as StageActor } from "../../../src/domain/regulation/schema.ts";
import { useI18n } from "../i18n.tsx";
import { useSession } from "../session.tsx";
import { formatAt, useNow } from "../time.ts";
import { lateByWorkingMinutes, useTenantSchedule, workingTimeOf } from "../working-clock.ts";
import { Countdown } from "./Deadline.tsx";

const STAGE_ACTORS = new Set([
  "curator",
  "executor",
  "approver",
  "supervisor",
  "system",
  "citizen",
]);

export function termText(
  term: string | null,
  locale: "ru" | "en",
  titleOf: (id: string) => string | undefined,
): string {
  if (!term) return "";
  const parsed = parseTerm(term);
  return parsed ? describeTerm(parsed, locale, titleOf) : term;
}

export function Stages({ stages }: { stages: StageView[] }) {
  const { t, locale, duration } = useI18n();
  const { me } = useSession();
  const now = useNow(15_000);
  const zone = me?.tenant.timeZone;
  const schedule = useTenantSchedule();
  const wt = zone ? workingTimeOf(zone, schedule) : null;
  const titleOf = (id: string) => stages.find((s) => s.key === id)?.title;
  const order = (s: StageView) => (s.status === "open" ? 0 : s.status === "waiting" ? 1 : 2);
  const sorted = [...stages].sort(
    (a, b) => order(a) - order(b) || (ms(a.deadline) ?? Infinity) - (ms(b.deadline) ?? Infinity),
  );
  return (
    <table className="stages">
      <caption className="visually-hidden">{t.stages}</caption>
      <thead>
        <tr>
          <th scope="col">{t.stageCol}</th>
          <th scope="col">{t.colDeadline}</th>
          <th scope="col" className="stage-clause">
            {t.clause}
          </th>
        </tr>
      </thead>
      <tbody>
        {sorted.map((s, i) => {
          const deadline = ms(s.deadline);
          const done = ms(s.completedAt);
          const open = s.status === "open";
          const end = open ? now : done;
          const late =
            s.lateByMinutes ??
            (deadline !== null && end !== null && end > deadline
              ? lateByWorkingMinutes(wt, deadline, end)
              : null);
          const term = s.term ? termText(s.term, locale, titleOf) : "";
          const clause = [s.clause ? clauseLabel(s.clause, locale) : "", term]
            .filter(Boolean)
            .join(" · ");
          return (
            <tr
              key={`${s.key}-${s.cycle ?? 1}-${i}`}
              className={open ? "stage-open" : "stage-closed"}
            >
              <th scope="row">
                <div>{s.title}</div>
                <div className="muted small">
                  {s.actor && STAGE_ACTORS.has(s.actor)
                    ? actorName(s.actor as StageActor, locale)
                    : ""}
                  {" · "}
                  {t.stageStatus[s.status] ?? s.status}
                </div>
                {/* On a phone the clause column gives its width to the names and stands here. */}
                {clause && <div className="muted small stage-clause-inline">{clause}</div>}
              </th>
              <td>
                {deadline !== null ? (
                  <div>{formatAt(deadline, zone, locale)}</div>
                ) : (
                  <div className="muted">{t.noDeadline}</div>
                )}
                {open && deadline !== null && (
                  <Countdown
                    deadline={deadline}
                    atRiskWithinMs={s.risk === "atRisk" ? Infinity : 0}
                  />
                )}
                {late !== null && late > 0 && (
                  <div className="late">
                    <span aria-hidden="true">‼ </span>
                    {t.lateByWorking(duration(late))}
                  </div>
                )}
              </td>
              <td className="stage-clause">
                {s.clause && <div>{clauseLabel(s.clause, locale)}</div>}
                {term && <div className="muted small">{term}</div>}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
