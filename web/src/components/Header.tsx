// The header: tenant, the person and their roles, their absences, sections, language, alerts.
import { useState } from "react";
import { useI18n, type Locale } from "../i18n.tsx";
import { ms } from "../api/client.ts";
import { Link, useLocation } from "../router.tsx";
import { useSession } from "../session.tsx";
import { formatAt, useNow } from "../time.ts";
import { Notifications } from "./Notifications.tsx";

export function Header() {
  const session = useSession();
  const { t, locale, setLocale, role } = useI18n();
  const { path } = useLocation();
  const now = useNow(60_000);
  const [accountOpen, setAccountOpen] = useState(false);
  const me = session.me;
  if (!me) return null;
  const zone = me.tenant.timeZone;
  const items: Array<{ href: string; label: string; show: boolean }> = [
    {
      href: "/queue",
      label: t.navQueue,
      show: session.has("curator") || session.has("supervisor"),
    },
    { href: "/inbox", label: t.navInbox, show: session.has("executor") },
    { href: "/approval", label: t.navApproval, show: session.has("approver") },
    // Where executors publish (001), a curator has nothing to publish.
    {
      href: "/publication",
      label: t.navPublication,
      show: session.has("curator") && me.publishes.length > 0,
    },
    {
      href: "/overview",
      label: t.navOverview,
      show: session.has("supervisor") || session.has("approver") || session.has("curator"),
    },
    { href: "/admin", label: t.navAdmin, show: session.has("admin") },
  ];
  const absences = me.absences
    .map((a) => ({ ...a, fromMs: ms(a.startsAt) ?? 0, toMs: ms(a.endsAt) ?? 0 }))
    .filter((a) => a.toMs > now)
    .sort((a, b) => a.fromMs - b.fromMs);
  return (
    <header className="header">
      <div className="header-top">
        <Link href="/" className="brand">
          {t.appName}
        </Link>
        <span className="tenant" title={t.tenant}>
          {me.tenant.name}
        </span>
        {/* On a phone the person, the language and signing out fold behind one button, so that
            the executor's list starts near the top of the screen; wider screens show them all. */}
        <button
          type="button"
          className="account-toggle"
          aria-expanded={accountOpen}
          aria-controls="account"
          onClick={() => setAccountOpen((open) => !open)}
        >
          {me.user.fullName}
        </button>
        <span id="account" className={accountOpen ? "account open" : "account"}>
          <span className="who">
            <span className="user-name">{me.user.fullName}</span>
            <span className="visually-hidden">{t.role}: </span>
            <span className="roles">
              {me.roles
                .map((r) =>
                  r.department ? `${role(r.role)} (${r.department.name})` : role(r.role),
                )
                .join(", ")}
            </span>
          </span>
          {absences.length > 0 && (
            <span className="absences">
              {absences.map((a) => (
                <span key={a.id} className={a.fromMs <= now ? "badge badge-risk" : "badge"}>
                  {a.fromMs <= now
                    ? t.absenceUntil(formatAt(a.toMs, zone, locale))
                    : t.absencePlanned(
                        formatAt(a.fromMs, zone, locale),
                        formatAt(a.toMs, zone, locale),
                      )}
                  {a.substitute ? ` · ${t.substitute(a.substitute.name)}` : ""}
                </span>
              ))}
            </span>
          )}
          <span className="header-tools">
            <label className="lang">
              <span className="visually-hidden">{t.language}</span>
              <select value={locale} onChange={(e) => setLocale(e.target.value as Locale)}>
                <option value="ru">Русский</option>
                <option value="en">English</option>
              </select>
            </label>
            <button type="button" onClick={() => void session.logout()}>
              {t.logout}
            </button>
          </span>
        </span>
        <span className="header-alerts">
          <Notifications />
        </span>
      </div>
      <nav aria-label={t.mainNav} className="nav">
        {items
          .filter((i) => i.show)
          .map((i) => (
            <Link
              key={i.href}
              href={i.href}
              aria-current={path.startsWith(i.href) ? "page" : undefined}
            >
              {i.label}
            </Link>
          ))}
      </nav>
    </header>
  );
}
