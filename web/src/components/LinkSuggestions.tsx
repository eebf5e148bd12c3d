// On the card: triage's suspicion that the message repeats the same author's earlier case or
// duplicates another author's, with the earlier case as a link; the curator confirms or rejects
// it in one click (POST /cases/{id}/triage {repeatOf | duplicateOf}). Buttons follow the card's
// allowedActions: linkRepeat for a repeat, markDuplicate for a duplicate.
import type { Action, CaseCard, LinkSuggestionView, TriageDecision } from "../api/types.ts";
import { useI18n, useTexts } from "../i18n.tsx";
import { Link } from "../router.tsx";

const TEXTS = {
  ru: {
    repeatTitle: "Похоже на повторное сообщение того же автора",
    duplicateTitle: "Похоже, о той же проблеме уже пишут другие",
    earlier: "Ранее",
    cluster: "Карточка",
    department: (name: string) => `исполнитель: ${name}`,
    notRouted: "ещё не направлено исполнителю",
    confirmRepeat: (dept: string | null) =>
      dept ? `Да, повтор: связать и направить в «${dept}»` : "Да, повтор: связать",
    rejectRepeat: "Нет, это новое сообщение",
    repeatNote:
      "Повторное сообщение направляется тому же исполнителю, а ответ должен содержать информацию о принятых мерах (002 п. 12, 004 п. 20).",
    confirmDuplicate: (n: string) => `Да, присоединить к № ${n}`,
    rejectDuplicate: "Нет, это отдельная проблема",
    duplicateNote:
      "Сообщение перейдёт в ту карточку и получит ответ там, а эта карточка закроется как дубликат.",
  },
  en: {
    repeatTitle: "Looks like a repeat by the same author",
    duplicateTitle: "Looks like others already write about the same problem",
    earlier: "Earlier",
    cluster: "Case",
    department: (name: string) => `executor: ${name}`,
    notRouted: "not routed yet",
    confirmRepeat: (dept: string | null) =>
      dept ? `Yes, a repeat: link and route to “${dept}”` : "Yes, a repeat: link",
    rejectRepeat: "No, it is a new message",
    repeatNote:
      "A repeat goes to the same executor, and its answer must report the measures taken (002 p. 12, 004 p. 20).",
    confirmDuplicate: (n: string) => `Yes, join № ${n}`,
    rejectDuplicate: "No, a separate problem",
    duplicateNote:
      "The message moves into that case and is answered there; this case closes as a duplicate.",
  },
};

type Decide = (decision: Omit<TriageDecision, "expectedVersion">) => void;

export function LinkSuggestions({
  c,
  busy,
  decide,
}: {
  c: CaseCard;
  busy: boolean;
  decide: Decide;
}) {
  const s = c.triage;
  if (!s) return null;
  const allowed = new Set<Action>(c.allowedActions);
  return (
    <>
      {s.repeatOf?.pending && (
        <Suggestion
          kind="repeat"
          s={s.repeatOf}
          canDecide={allowed.has("triage") && allowed.has("linkRepeat")}
          busy={busy}
          decide={decide}
        />
      )}
      {s.duplicateOf?.pending && (
        <Suggestion
          kind="duplicate"
          s={s.duplicateOf}
          canDecide={allowed.has("triage") && allowed.has("markDuplicate")}
          busy={busy}
          decide={decide}
        />
      )}
    </>
  );
}

function Suggestion({
  kind,
  s,
  canDecide,
  busy,
  decide,
}: {
  kind: "repeat" | "duplicate";
  s: LinkSuggestionView;
  canDecide: boolean;
  busy: boolean;
  decide: Decide;
}) {
  const { status } = useI18n();
  const x = useTexts(TEXTS);
  const id = `link-suggestion-${kind}`;
  const other = s.case;
  const field = kind === "repeat" ? "repeatOf" : "duplicateOf";
  return (
    <div className="link-suggestion" role="group" aria-labelledby={id} data-testid={id}>
      <h3 id={id}>↺ {kind === "repeat" ? x.repeatTitle : x.duplicateTitle}</h3>
      <p>
        {kind === "repeat" ? x.earlier : x.cluster}:{" "}
        <Link href={`/cases/${other.id}`} data-testid={`${id}-case`}>
          № {other.number}
        </Link>{" "}
        · {status(other.status)} ·{" "}
        {other.department ? x.department(other.department.name) : x.notRouted}
      </p>
      <p className="muted small">{s.reasons.join("; ")}</p>
      <p className="muted small">{kind === "repeat" ? x.repeatNote : x.duplicateNote}</p>
      {canDecide && (
        <div className="buttons">
          <button
            type="button"
            className="primary"
            disabled={busy}
            onClick={() => decide({ [field]: { confirm: true, caseId: other.id } })}
          >
            {kind === "repeat"
              ? x.confirmRepeat(other.department?.name ?? null)
              : x.confirmDuplicate(other.number)}
          </button>
          <button
            type="button"
            disabled={busy}
            onClick={() => decide({ [field]: { confirm: false } })}
          >
            {kind === "repeat" ? x.rejectRepeat : x.rejectDuplicate}
          </button>
        </div>
      )}
    </div>
  );
}
