// A deadline that ticks: time left, or how late — with an icon and words, never colour alone.
import { useI18n } from "../i18n.tsx";
import { formatCountdown, useNow } from "../time.ts";
import type { Risk } from "../api/types.ts";

export function RiskBadge({ risk }: { risk: Risk }) {
  const { t } = useI18n();
  if (risk === "overdue")
    return (
      <span className="badge badge-overdue">
        <span aria-hidden="true">‼ </span>
        {t.overdue}
      </span>
    );
  if (risk === "atRisk")
    return (
      <span className="badge badge-risk">
        <span aria-hidden="true">⚠ </span>
        {t.atRisk}
      </span>
    );
  return null;
}

export function Countdown({
  deadline,
  atRiskWithinMs = 0,
}: {
  deadline: number | null;
  atRiskWithinMs?: number;
}) {
  const { t, locale } = useI18n();
  const now = useNow();
  if (deadline === null) return <span className="countdown muted">{t.noDeadline}</span>;
  const left = deadline - now;
  const text = formatCountdown(left, locale);
  // role="timer" is never announced by itself (its aria-live is off): a screen reader reads the
  // time left when the person gets to it, not every second.
  if (left <= 0)
    return (
      <span className="countdown countdown-overdue" role="timer">
        <span aria-hidden="true">‼ </span>
        {t.overdueBy(text)}
      </span>
    );
  return (
    <span
      className={left <= atRiskWithinMs ? "countdown countdown-risk" : "countdown"}
      role="timer"
    >
      {left <= atRiskWithinMs && <span aria-hidden="true">⚠ </span>}
      {t.dueIn(text)}
    </span>
  );
}
