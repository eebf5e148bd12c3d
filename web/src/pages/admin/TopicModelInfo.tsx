// What the tenant's own topic model has learnt from its curators' topic decisions, and when: the
// scheduler retrains it from the shipped model whenever new decisions arrive.
import { pluralRu } from "../../../../src/domain/i18n.ts";
import { api, ms } from "../../api/client.ts";
import type { TopicModelState } from "../../api/types.ts";
import { useI18n, useTexts } from "../../i18n.tsx";
import { problemText, useResource } from "../../resource.ts";
import { useSession } from "../../session.tsx";
import { formatAt } from "../../time.ts";

const TEXTS = {
  ru: {
    title: "Модель тем",
    shipped:
      "Подсказки тем даёт модель, поставляемая с Откликом: решения кураторов ещё не усвоены.",
    learnt: (n: number, when: string, version: number) =>
      `Модель администрации (версия ${version}) усвоила ${n} ${pluralRu(n, "решение", "решения", "решений")} кураторов о темах; переобучена ${when}.`,
    pending: (n: number) => `Новых решений с тех пор: ${n} — модель усвоит их в ближайшие минуты.`,
  },
  en: {
    title: "Topic model",
    shipped:
      "Topic suggestions come from the model shipped with Otklik: no curators' decisions learnt yet.",
    learnt: (n: number, when: string, version: number) =>
      `The administration's model (version ${version}) has learnt ${n} curators' topic decision${n === 1 ? "" : "s"}; retrained ${when}.`,
    pending: (n: number) => `New decisions since: ${n}, learnt within minutes.`,
  },
};

export function TopicModelInfo() {
  const { t, locale } = useI18n();
  const x = useTexts(TEXTS);
  const { me } = useSession();
  const res = useResource(() => api.get<TopicModelState>("/tenant/topic-model"), []);
  const m = res.data;
  return (
    <section aria-labelledby="topic-model-title" data-testid="topic-model">
      <h3 id="topic-model-title">{x.title}</h3>
      {res.error ? (
        <p className="error" role="alert">
          {problemText(res.error, t)}
        </p>
      ) : !m ? null : (
        <>
          <p>
            {m.source === "tenant" && m.version !== null && m.trainedAt !== null
              ? x.learnt(
                  m.corrections,
                  formatAt(ms(m.trainedAt) ?? 0, me?.tenant.timeZone, locale),
                  m.version,
                )
              : x.shipped}
          </p>
          {m.pending > 0 && <p className="muted small">{x.pending(m.pending)}</p>}
        </>
      )}
    </section>
  );
}
