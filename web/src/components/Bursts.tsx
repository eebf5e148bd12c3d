// Bursts of messages on one topic in one place, raised by the scheduler as escalations: the
// supervisor's overview lists them with their figures (GET /bursts).
import { api, ms } from "../api/client.ts";
import type { BurstList } from "../api/types.ts";
import { useI18n, useTexts } from "../i18n.tsx";
import { useLiveRefresh } from "../live.tsx";
import { problemText, useResource } from "../resource.ts";
import { formatAt } from "../time.ts";

const TEXTS = {
  ru: {
    title: "Всплески сообщений",
    none: "Всплесков не было",
    raised: "доложено",
    lastSeen: "последний раз",
    told: (n: number) => `уведомлено: ${n}`,
  },
  en: {
    title: "Bursts of messages",
    none: "No bursts",
    raised: "reported",
    lastSeen: "last seen",
    told: (n: number) => `notified: ${n}`,
  },
};

export function Bursts({ from, to, zone }: { from?: string; to?: string; zone: string }) {
  const { t, locale } = useI18n();
  const x = useTexts(TEXTS);
  const res = useResource(() => api.get<BurstList>("/bursts", { from, to }), [from, to]);
  useLiveRefresh(res.reload);
  const at = (iso: string) => formatAt(ms(iso) ?? 0, zone, locale);
  return (
    <section aria-labelledby="bursts-title">
      <h2 id="bursts-title">{x.title}</h2>
      {res.error ? (
        <p className="error" role="alert">
          {problemText(res.error, t)}
        </p>
      ) : !res.data ? null : res.data.items.length === 0 ? (
        <p className="muted">{x.none}</p>
      ) : (
        <ul className="burst-list" data-testid="bursts">
          {res.data.items.map((b) => (
            <li key={b.id}>
              <strong>⚡ {b.text}</strong>
              <div className="muted small">
                {b.topicName} · {b.settlement} · {x.raised} {at(b.raisedAt)}
                {b.lastSeenAt !== b.raisedAt ? ` · ${x.lastSeen} ${at(b.lastSeenAt)}` : ""} ·{" "}
                {x.told(b.notified)}
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
