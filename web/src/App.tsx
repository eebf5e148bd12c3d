// The frame of the desk: login when nobody is signed in, otherwise the header and the screen for
// the address. Supervisor and admin screens load on demand to keep the first download small.
import { lazy, Suspense, useEffect, useState } from "react";
import { Header } from "./components/Header.tsx";
import { useI18n } from "./i18n.tsx";
import { LiveProvider, useLiveConnected } from "./live.tsx";
import { CasePage } from "./pages/CasePage.tsx";
import { LoginPage } from "./pages/LoginPage.tsx";
import { QueuePage, type QueueMode } from "./pages/QueuePage.tsx";
import { match, navigate, useLocation } from "./router.tsx";
import { useSession, type Session } from "./session.tsx";

const OverviewPage = lazy(() => import("./pages/OverviewPage.tsx"));
const AdminPage = lazy(() => import("./pages/AdminPage.tsx"));

/** Where each role starts its day. */
export function homeOf(s: Session): string {
  if (s.has("curator")) return "/queue";
  if (s.has("executor")) return "/inbox";
  if (s.has("approver")) return "/approval";
  if (s.has("supervisor")) return "/overview";
  if (s.has("admin")) return "/admin";
  return "/queue";
}

export function App() {
  const session = useSession();
  const { t } = useI18n();
  const { path } = useLocation();

  if (session.loading)
    return (
      <p className="page-loading" role="status">
        {t.loading}
      </p>
    );
  if (!session.me) return <LoginPage />;
  return (
    <LiveProvider enabled>
      <a className="skip" href="#main">
        {t.skipToContent}
      </a>
      <Header />
      <OfflineBanner />
      <main id="main" tabIndex={-1}>
        <Suspense
          fallback={
            <p className="page-loading" role="status">
              {t.loading}
            </p>
          }
        >
          <Screen path={path} />
        </Suspense>
      </main>
    </LiveProvider>
  );
}

function OfflineBanner() {
  const { t } = useI18n();
  const connected = useLiveConnected();
  // The first seconds after load are not "offline": the stream is still connecting.
  const [settled, setSettled] = useState(false);
  useEffect(() => {
    const id = setTimeout(() => setSettled(true), 3000);
    return () => clearTimeout(id);
  }, []);
  if (connected || !settled) return null;
  return (
    <p className="banner" role="status">
      {t.offline}
    </p>
  );
}

function Screen({ path }: { path: string }) {
  const session = useSession();
  const { t } = useI18n();
  useEffect(() => {
    if (path === "/" || path === "/login") navigate(homeOf(session), true);
    document.getElementById("main")?.focus({ preventScroll: true });
  }, [path, session]);
  const modes: Record<string, QueueMode> = {
    "/queue": "queue",
    "/inbox": "inbox",
    "/approval": "approval",
    "/publication": "publication",
  };
  const mode = modes[path];
  if (mode) return <QueuePage key={mode} mode={mode} />;
  const kase = match("/cases/:id", path);
  if (kase) return <CasePage key={kase.id} id={Number(kase.id)} />;
  if (path === "/overview") return <OverviewPage />;
  const admin = match("/admin/:section", path);
  if (path === "/admin" || admin) return <AdminPage section={admin?.section ?? "readiness"} />;
  if (path === "/" || path === "/login") return null;
  return (
    <section className="page">
      <h1>{t.notFoundPage}</h1>
    </section>
  );
}
