// The lists people work from: the curator's queue (new and unrouted first, each with its routing
// countdown), the executor's inbox, the approver's drafts and the cases to publish. One screen
// with tabs and filters; keyboard first; several cases can be routed at once.
import {
  useEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent as ReactKeyboardEvent,
} from "react";
import { listAll, ms } from "../api/client.ts";
import type { CaseListItem, Channel, Importance } from "../api/types.ts";
import { importanceName } from "../../../src/domain/regulation/messages.ts";
import { Countdown, RiskBadge } from "../components/Deadline.tsx";
import { RouteDialog } from "../components/RouteDialog.tsx";
import { RegisterDialog } from "../components/RegisterDialog.tsx";
import { VirtualList } from "../components/VirtualList.tsx";
import { CHANNEL_LIST, IMPORTANCE_LIST, useI18n, useTexts } from "../i18n.tsx";
import { useLiveRefresh } from "../live.tsx";
import { problemText, useResource } from "../resource.ts";
import { Link, navigate, useLocation } from "../router.tsx";
import { useSession } from "../session.tsx";
import { useSettlements } from "../places.ts";
import { useTopics } from "../topics.ts";

export type QueueMode = "queue" | "inbox" | "approval" | "publication";

type Tab = "unrouted" | "all" | "overdue" | "atRisk" | "setAside" | "mine" | "closed";

const TABS: Record<QueueMode, Tab[]> = {
  queue: ["unrouted", "all", "overdue", "atRisk", "setAside", "closed"],
  // An executor's inbox is the department's cases; "mine" narrows to those routed to them by name.
  inbox: ["all", "mine", "overdue", "atRisk", "closed"],
  approval: ["all", "overdue", "atRisk", "closed"],
  publication: ["all", "overdue", "atRisk", "closed"],
};

interface Filters {
  stage: string;
  topic: string;
  location: string;
  settlement: string;
  importance: string;
  network: string;
  text: string;
}
const NO_FILTERS: Filters = {
  stage: "",
  topic: "",
  location: "",
  settlement: "",
  importance: "",
  network: "",
  text: "",
};

/** Messages triage took for not processable, waiting for a curator's decision. */
const SET_ASIDE = {
  ru: {
    tab: "Не подлежат обработке?",
    badge: "не подлежит обработке?",
    repeat: "повтор?",
    duplicate: "дубликат?",
    repeatTitle: "Похоже на повторное сообщение того же автора: подтвердите в карточке",
    duplicateTitle: "Похоже, о той же проблеме уже есть карточка: подтвердите в карточке",
  },
  en: {
    tab: "Not processable?",
    badge: "not processable?",
    repeat: "repeat?",
    duplicate: "duplicate?",
    repeatTitle: "Looks like a repeat by the same author: confirm on the card",
    duplicateTitle: "Looks like a case about the same problem exists: confirm on the card",
  },
};

/** More open cases than this is a tenant in crisis; the list says how many there are in all. */
const MAX_ROWS = 2000;

const UNROUTED = new Set(["new", "returned"]);

/** The statuses of answers to publish when the session does not say which the reader publishes. */
const TO_PUBLISH: readonly string[] = ["approved", "readyToPublish"];

/** The query the list endpoint takes for a mode, a tab, the filters and what the reader publishes. */
function queryOf(mode: QueueMode, tab: Tab, f: Filters, publishes: readonly string[]) {
  return {
    status:
      tab === "unrouted"
        ? ["new", "returned"]
        : mode === "approval" && tab !== "closed"
          ? ["onApproval"]
          : mode === "publication" && tab !== "closed"
            ? publishes.length
              ? [...publishes]
              : [...TO_PUBLISH]
            : undefined,
    mine: tab === "mine" || undefined,
    overdue: tab === "overdue" || undefined,
    atRisk: tab === "atRisk" || undefined,
    closed: tab === "closed" || undefined,
    setAside: tab === "setAside" || undefined,
    stage: f.stage || undefined,
    topic: f.topic || undefined,
    location: f.location || undefined,
    settlement: f.settlement || undefined,
    importance: f.importance || undefined,
    network: f.network || undefined,
    text: f.text.trim() || undefined,
    sort: tab === "closed" ? "-closed" : "deadline",
  };
}

/** New and unrouted first, then by the nearest deadline: what burns is on top. */
export function orderQueue(items: readonly CaseListItem[]): CaseListItem[] {
  return [...items].sort((a, b) => {
    const ua = UNROUTED.has(a.status) ? 0 : 1;
    const ub = UNROUTED.has(b.status) ? 0 : 1;
    if (ua !== ub) return ua - ub;
    const da = ms(a.stage?.deadline ?? a.deadline) ?? Infinity;
    const db = ms(b.stage?.deadline ?? b.deadline) ?? Infinity;
    return da - db;
  });
}

/** Phones (as styles.css draws them): taller rows whose first line may wrap, filters folded. */
function useNarrow(): boolean {
  const query = "(max-width: 720px)";
  const [narrow, setNarrow] = useState(() => matchMedia(query).matches);
  useEffect(() => {
    const mq = matchMedia(query);
    const fn = () => setNarrow(mq.matches);
    mq.addEventListener("change", fn);
    return () => mq.removeEventListener("change", fn);
  }, []);
  return narrow;
}

export function QueuePage({ mode }: { mode: QueueMode }) {
  const { t, locale, status, channel } = useI18n();
  const session = useSession();
  const { query } = useLocation();
  const tabs = TABS[mode];
  const initialTab = (query.get("tab") as Tab | null) ?? tabs[0] ?? "all";
  const [tab, setTab] = useState<Tab>(tabs.includes(initialTab) ? initialTab : "all");
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [text, setText] = useState("");
  const [active, setActive] = useState(0);
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [routing, setRouting] = useState<CaseListItem[] | null>(null);
  const [registering, setRegistering] = useState(false);
  const searchRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const topics = useTopics();
  const settlements = useSettlements();
  const narrow = useNarrow();
  const rowHeight = narrow ? 136 : 68;
  const [filtersOpen, setFiltersOpen] = useState(false);

  // Typing settles for a moment before the search goes to the server.
  useEffect(() => {
    const id = setTimeout(() => setFilters((f) => ({ ...f, text })), 250);
    return () => clearTimeout(id);
  }, [text]);

  const q = queryOf(mode, tab, filters, session.me?.publishes ?? []);
  // Where executors publish (001), a curator who comes to this list by its address has nothing in
  // it: it is not asked for.
  const publishesNothing =
    mode === "publication" && tab !== "closed" && session.me?.publishes.length === 0;
  const res = useResource(
    () =>
      publishesNothing
        ? Promise.resolve({ items: [] as CaseListItem[], total: 0 })
        : listAll<CaseListItem>("/cases", q, MAX_ROWS),
    [JSON.stringify(q), publishesNothing],
  );
  useLiveRefresh(res.reload);
  const items = useMemo(() => orderQueue(res.data?.items ?? []), [res.data]);

  // Stages seen in this session, so the stage filter offers them even when a filter hides some.
  const stagesSeen = useRef(new Map<string, string>());
  for (const i of items) if (i.stage) stagesSeen.current.set(i.stage.key, i.stage.title);

  useEffect(() => {
    if (active >= items.length) setActive(Math.max(0, items.length - 1));
  }, [items.length, active]);

  const canRoute = session.has("curator");
  const title = {
    queue: t.queueTitle,
    inbox: t.inboxTitle,
    approval: t.approvalTitle,
    publication: t.publicationTitle,
  }[mode];
  const setAsideTexts = useTexts(SET_ASIDE);
  const tabLabel: Record<Tab, string> = {
    unrouted: t.tabUnrouted,
    all: mode === "approval" ? t.tabApproval : mode === "publication" ? t.tabPublish : t.tabAll,
    overdue: t.tabOverdue,
    atRisk: t.tabAtRisk,
    setAside: setAsideTexts.tab,
    mine: t.tabMine,
    closed: t.tabClosed,
  };

  const toggle = (id: number) =>
    setSelected((s) => {
      const n = new Set(s);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });

  const routable = (list: CaseListItem[]) =>
    list.filter((c) => c.allowedActions.includes("assign"));
  const openRouting = () => {
    const chosen = selected.size
      ? items.filter((c) => selected.has(c.id))
      : items.slice(active, active + 1);
    const list = routable(chosen);
    if (list.length) setRouting(list);
  };

  const onKey = (e: ReactKeyboardEvent) => {
    const target = e.target as HTMLElement;
    if (e.metaKey || e.ctrlKey || e.altKey) return;
    if (target.closest("input, select, textarea, dialog")) {
      if (e.key === "Escape" && target === searchRef.current) {
        e.preventDefault();
        listRef.current?.focus();
      }
      return;
    }
    // Buttons, tabs and links keep their own Enter and Space.
    const control = target.closest("button, a, [role=tab]") !== null;
    const current = items[active];
    switch (e.key) {
      case "j":
      case "ArrowDown":
        if (target.closest("[role=tab]")) return;
        setActive((i) => Math.min(items.length - 1, i + 1));
        break;
      case "k":
      case "ArrowUp":
        if (target.closest("[role=tab]")) return;
        setActive((i) => Math.max(0, i - 1));
        break;
      case "Enter":
        if (control) return;
        if (current) navigate(`/cases/${current.id}`);
        break;
      case "x":
      case " ":
        if (control && e.key === " ") return;
        if (current && canRoute) toggle(current.id);
        break;
      case "a":
        if (canRoute) openRouting();
        break;
      case "/":
        searchRef.current?.focus();
        break;
      default:
        return;
    }
    e.preventDefault();
  };

  const chooseTab = (k: Tab) => {
    setTab(k);
    setSelected(new Set());
    setActive(0);
  };
  /** The tabs as one stop: arrows, Home and End move between them (WAI-ARIA tabs). */
  const onTabKey = (e: ReactKeyboardEvent<HTMLButtonElement>, k: Tab) => {
    const at = tabs.indexOf(k);
    const to =
      e.key === "ArrowRight"
        ? tabs[(at + 1) % tabs.length]
        : e.key === "ArrowLeft"
          ? tabs[(at - 1 + tabs.length) % tabs.length]
          : e.key === "Home"
            ? tabs[0]
            : e.key === "End"
              ? tabs[tabs.length - 1]
              : undefined;
    if (!to) return;
    e.preventDefault();
    chooseTab(to);
    document.getElementById(`queue-tab-${to}`)?.focus();
  };

  const activeFilters = (Object.keys(filters) as Array<keyof Filters>).filter(
    (k) => k !== "text" && filters[k],
  ).length;
  const setFilter = (k: keyof Filters, v: string) => setFilters((f) => ({ ...f, [k]: v }));

  return (
    <section className="page queue" onKeyDown={onKey}>
      <div className="page-head">
        <h1>{title}</h1>
        <span className="muted" aria-live="polite">
          {res.data ? t.total(res.data.total) : t.loading}
        </span>
        {mode === "queue" && session.has("curator") && (
          <button type="button" onClick={() => setRegistering(true)}>
            {t.navRegister}
          </button>
        )}
      </div>

      <div role="tablist" aria-label={t.filters} className="tabs">
        {tabs.map((k) => (
          <button
            key={k}
            id={`queue-tab-${k}`}
            role="tab"
            type="button"
            aria-selected={tab === k}
            aria-controls="queue-panel"
            tabIndex={tab === k ? 0 : -1}
            onClick={() => chooseTab(k)}
            onKeyDown={(e) => onTabKey(e, k)}
          >
            {k === "overdue" && <span aria-hidden="true">‼ </span>}
            {k === "atRisk" && <span aria-hidden="true">⚠ </span>}
            {tabLabel[k]}
          </button>
        ))}
      </div>

      <div className="filters">
        <label className="search">
          <span className="visually-hidden">{t.search}</span>
          <input
            ref={searchRef}
            type="search"
            placeholder={`${t.search} (/)`}
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
        </label>
        {/* On a phone the filters fold behind a button; the search stays in sight. */}
        <button
          type="button"
          className="filters-toggle"
          aria-expanded={filtersOpen}
          aria-controls="queue-filters"
          onClick={() => setFiltersOpen((o) => !o)}
        >
          {t.filters}
          {activeFilters > 0 ? ` (${activeFilters})` : ""}
        </button>
        <div id="queue-filters" className="filters-more" hidden={narrow && !filtersOpen}>
          <label>
            {t.filterStage}
            <select value={filters.stage} onChange={(e) => setFilter("stage", e.target.value)}>
              <option value="">{t.any}</option>
              {[...stagesSeen.current].map(([key, stageTitle]) => (
                <option key={key} value={key}>
                  {stageTitle}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t.filterTopic}
            <select value={filters.topic} onChange={(e) => setFilter("topic", e.target.value)}>
              <option value="">{t.any}</option>
              {topics.map((tp) => (
                <option key={tp.code} value={tp.code}>
                  {tp.name}
                </option>
              ))}
            </select>
          </label>
          {settlements.length > 0 && (
            <label>
              {t.filterSettlement}
              <select
                value={filters.settlement}
                onChange={(e) => setFilter("settlement", e.target.value)}
              >
                <option value="">{t.any}</option>
                {settlements.map((name) => (
                  <option key={name} value={name}>
                    {name}
                  </option>
                ))}
              </select>
            </label>
          )}
          <label>
            {t.filterLocation}
            <input
              value={filters.location}
              onChange={(e) => setFilter("location", e.target.value)}
            />
          </label>
          <label>
            {t.filterImportance}
            <select
              value={filters.importance}
              onChange={(e) => setFilter("importance", e.target.value)}
            >
              <option value="">{t.any}</option>
              {IMPORTANCE_LIST.map((i: Importance) => (
                <option key={i} value={i}>
                  {importanceName(i, locale)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t.filterNetwork}
            <select value={filters.network} onChange={(e) => setFilter("network", e.target.value)}>
              <option value="">{t.any}</option>
              {CHANNEL_LIST.map((c: Channel) => (
                <option key={c} value={c}>
                  {channel(c)}
                </option>
              ))}
            </select>
          </label>
        </div>
      </div>

      {canRoute && (
        <div className="bulk">
          <span aria-live="polite">{t.selected(selected.size)}</span>
          <button
            type="button"
            disabled={!routable(items.filter((c) => selected.has(c.id))).length}
            onClick={openRouting}
          >
            {t.routeSelected}
          </button>
          <span className="muted hint" id="queue-shortcuts">
            {t.shortcutsHint}
          </span>
        </div>
      )}

      {res.error && (
        <p className="error" role="alert">
          {problemText(res.error, t)}{" "}
          <button type="button" onClick={res.reload}>
            {t.retry}
          </button>
        </p>
      )}

      {res.data && items.length === 0 && (
        <p className="empty">{publishesNothing ? t.executorsPublish : t.emptyQueue}</p>
      )}

      {/* The list takes the keyboard: j/k or arrows choose, Enter opens, x marks, a routes. */}
      <div
        ref={listRef}
        id="queue-panel"
        role="tabpanel"
        tabIndex={0}
        className="queue-focus"
        aria-labelledby={`queue-tab-${tab}`}
        aria-describedby="queue-shortcuts"
      >
        {!canRoute && (
          <span className="visually-hidden" id="queue-shortcuts">
            {t.shortcutsHintRead}
          </span>
        )}
        <VirtualList
          items={items}
          rowHeight={rowHeight}
          activeIndex={active}
          label={title}
          keyOf={(c) => c.id}
          render={(c, i) => (
            <QueueRow
              item={c}
              active={i === active}
              selectable={canRoute}
              selected={selected.has(c.id)}
              onToggle={() => toggle(c.id)}
              onFocus={() => setActive(i)}
              statusName={status(c.status)}
              channelName={channel(c.channel)}
              importance={c.importance !== "normal" ? importanceName(c.importance, locale) : null}
            />
          )}
        />
      </div>

      {routing && (
        <RouteDialog
          cases={routing}
          onClose={() => setRouting(null)}
          onDone={() => {
            setRouting(null);
            setSelected(new Set());
            res.reload();
          }}
        />
      )}
      {registering && (
        <RegisterDialog
          onClose={() => setRegistering(false)}
          onDone={(id) => {
            setRegistering(false);
            navigate(`/cases/${id}`);
          }}
        />
      )}
    </section>
  );
}

interface RowProps {
  item: CaseListItem;
  active: boolean;
  selectable: boolean;
  selected: boolean;
  onToggle(): void;
  onFocus(): void;
  statusName: string;
  channelName: string;
  importance: string | null;
}

function QueueRow({
  item: c,
  active,
  selectable,
  selected,
  onToggle,
  onFocus,
  statusName,
  channelName,
  importance,
}: RowProps) {
  const { t } = useI18n();
  const setAside = useTexts(SET_ASIDE);
  const deadline = ms(c.stage?.deadline ?? c.deadline);
  return (
    <div
      className={`qrow${active ? " qrow-active" : ""}${c.risk === "overdue" ? " qrow-overdue" : c.risk === "atRisk" ? " qrow-risk" : ""}`}
      data-case-id={c.id}
      data-testid="queue-row"
    >
      {selectable && (
        <input
          type="checkbox"
          className="qrow-check"
          checked={selected}
          onChange={onToggle}
          aria-label={t.selectCase(c.number)}
        />
      )}
      <div className="qrow-main">
        <div className="qrow-line">
          <Link href={`/cases/${c.id}`} className="qrow-number" onFocus={onFocus}>
            № {c.number}
          </Link>
          {importance && <span className="badge badge-important">{importance}</span>}
          {c.setAside && <span className="badge badge-set-aside">⚠ {setAside.badge}</span>}
          {c.suspected && (
            <span
              className="badge badge-suspected"
              title={c.suspected === "repeat" ? setAside.repeatTitle : setAside.duplicateTitle}
              data-testid="suspected-badge"
            >
              ↺ {c.suspected === "repeat" ? setAside.repeat : setAside.duplicate}
            </span>
          )}
          <span className="muted">{channelName}</span>
          <span className="status">{statusName}</span>
          <RiskBadge risk={c.risk} />
        </div>
        <div className="qrow-summary">{c.summary}</div>
      </div>
      <div className="qrow-side">
        <div className="qrow-stage">{c.stage?.title ?? ""}</div>
        <Countdown deadline={deadline} atRiskWithinMs={c.risk === "atRisk" ? Infinity : 0} />
        <div className="muted qrow-who">
          {c.executor?.name ?? c.department?.name ?? t.unassigned}
        </div>
      </div>
    </div>
  );
}
