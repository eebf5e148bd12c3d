// Live updates: one EventSource per tab; screens subscribe and refetch what changed, so work done
// by others appears without a reload.
import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from "react";
import { API, sessionEnded } from "./api/client.ts";

export interface LiveEvent {
  type: string;
  caseId?: number;
  action?: string;
  version?: number;
  [key: string]: unknown;
}

type Listener = (e: LiveEvent) => void;

interface Live {
  connected: boolean;
  subscribe(fn: Listener): () => void;
}

const LiveContext = createContext<Live>({ connected: false, subscribe: () => () => {} });

export function LiveProvider({ enabled, children }: { enabled: boolean; children: ReactNode }) {
  const listeners = useRef(new Set<Listener>());
  const [connected, setConnected] = useState(false);
  useEffect(() => {
    if (!enabled || typeof EventSource === "undefined") return;
    const source = new EventSource(`${API}/events`, { withCredentials: true });
    const emit = (event: LiveEvent) => {
      for (const fn of listeners.current) fn(event);
    };
    const dispatch = (type: string) => (m: MessageEvent<string>) => {
      let data: Record<string, unknown> = {};
      try {
        data = JSON.parse(m.data) as Record<string, unknown>;
      } catch {
        // A keep-alive or a plain-text event still means "something changed".
      }
      emit({ ...data, type: (data.type as string | undefined) ?? type } as LiveEvent);
    };
    let opened = false;
    source.onopen = () => {
      setConnected(true);
      // Events sent while the connection was down are lost: after a reconnection every screen
      // refetches what it shows.
      if (opened) emit({ type: "resync" });
      opened = true;
    };
    // EventSource reconnects by itself; the banner shows while it is down. When it gives up (the
    // server refused, say with 401), a refetch finds out why and an ended session shows the login.
    source.onerror = () => {
      setConnected(false);
      if (source.readyState === EventSource.CLOSED) emit({ type: "resync" });
    };
    source.onmessage = dispatch("message");
    for (const name of ["case", "cases", "notification", "changed"])
      source.addEventListener(name, dispatch(name) as EventListener);
    source.addEventListener("signedOut", () => {
      source.close();
      setConnected(false);
      sessionEnded();
    });
    return () => {
      source.close();
      setConnected(false);
    };
  }, [enabled]);
  const value = useRef<Live>({
    connected: false,
    subscribe: (fn) => {
      listeners.current.add(fn);
      return () => listeners.current.delete(fn);
    },
  });
  return (
    <LiveContext.Provider value={{ ...value.current, connected }}>{children}</LiveContext.Provider>
  );
}

/**
 * Calls `onChange` after live events (coalesced: a burst of 50 changes is one refetch).
 * `filter` narrows to events that matter to the screen.
 */
export function useLiveRefresh(onChange: () => void, filter?: (e: LiveEvent) => boolean): boolean {
  const live = useContext(LiveContext);
  const latest = useRef({ onChange, filter });
  latest.current = { onChange, filter };
  useEffect(() => {
    let pending: ReturnType<typeof setTimeout> | undefined;
    const off = live.subscribe((e) => {
      if (latest.current.filter && !latest.current.filter(e)) return;
      if (pending) return;
      pending = setTimeout(() => {
        pending = undefined;
        latest.current.onChange();
      }, 250);
    });
    return () => {
      off();
      if (pending) clearTimeout(pending);
    };
  }, [live]);
  return live.connected;
}

export const useLiveConnected = (): boolean => useContext(LiveContext).connected;
