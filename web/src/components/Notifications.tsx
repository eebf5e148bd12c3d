// In-app notifications: a counter in the header, a list on demand; new ones arrive live.
import { useEffect, useRef, useState } from "react";
import { api, ms } from "../api/client.ts";
import type { Action, NotificationList } from "../api/types.ts";
import { noticeName } from "../../../src/domain/workflow/messages.ts";
import { ACTIONS } from "../../../src/domain/workflow/policy.ts";
import { useI18n } from "../i18n.tsx";
import { useLiveRefresh } from "../live.tsx";
import { useResource } from "../resource.ts";
import { Link } from "../router.tsx";
import { useSession } from "../session.tsx";
import { formatAt } from "../time.ts";

export function Notifications() {
  const { t, locale } = useI18n();
  const { me } = useSession();
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const res = useResource(() => api.get<NotificationList>("/notifications", { unread: true }), []);
  useLiveRefresh(res.reload);
  const items = (res.data?.items ?? []).filter((n) => !n.readAt);
  // A desk kept in a background tab shows in the tab's title that something new came.
  useEffect(() => {
    document.title = items.length ? `(${items.length}) ${t.appName}` : t.appName;
    return () => {
      document.title = t.appName;
    };
  }, [items.length, t.appName]);
  const markAll = async () => {
    await api.post("/notifications/read", { all: true });
    res.reload();
  };
  return (
    <span
      className="notifications"
      onKeyDown={(e) => {
        // Escape closes the list and gives the focus back to its button.
        if (e.key !== "Escape" || !open) return;
        e.preventDefault();
        setOpen(false);
        buttonRef.current?.focus();
      }}
    >
      <button
        ref={buttonRef}
        type="button"
        aria-expanded={open}
        aria-controls="notifications-panel"
        onClick={() => setOpen((o) => !o)}
      >
        {/* The name is the visible text (WCAG 2.5.3), the counter read with its word. */}
        {t.notifications}
        {items.length > 0 && (
          <>
            {" "}
            <span className="counter">{items.length}</span>
            <span className="visually-hidden"> {t.notificationsNew(items.length)}</span>
          </>
        )}
      </button>
      {open && (
        <div
          id="notifications-panel"
          className="popover"
          role="region"
          aria-label={t.notifications}
        >
          {items.length === 0 ? (
            <p>{t.noNotifications}</p>
          ) : (
            <>
              <ul>
                {items.slice(0, 30).map((n) => (
                  <li key={n.id}>
                    <span className="muted">
                      {formatAt(ms(n.createdAt) ?? 0, me?.tenant.timeZone, locale)}{" "}
                    </span>
                    {n.caseId ? (
                      <Link href={`/cases/${n.caseId}`} onClick={() => setOpen(false)}>
                        {n.caseNumber ? `№ ${n.caseNumber}` : `#${n.caseId}`}
                      </Link>
                    ) : null}{" "}
                    {n.kind === "burst" ? (
                      // A burst is about the tenant, not a case: its figures, and where they are listed.
                      <Link href="/overview" onClick={() => setOpen(false)}>
                        ⚡ {typeof n.payload.text === "string" ? n.payload.text : n.kind}
                      </Link>
                    ) : isNotice(n.kind) ? (
                      <>
                        {noticeName(n.kind, locale)}
                        {/* A deadline's warning names its stage. */}
                        {typeof n.payload.stageTitle === "string" && `: ${n.payload.stageTitle}`}
                      </>
                    ) : (
                      n.kind
                    )}
                  </li>
                ))}
              </ul>
              <button type="button" onClick={() => void markAll()}>
                {t.markAllRead}
              </button>
            </>
          )}
        </div>
      )}
    </span>
  );
}

function isNotice(k: string): k is Action | "overdue" | "atRisk" {
  return k === "overdue" || k === "atRisk" || (ACTIONS as readonly string[]).includes(k);
}
