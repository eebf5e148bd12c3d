// Loading data for a screen: the latest answer wins, reload on demand or on live events.
import { useCallback, useEffect, useRef, useState } from "react";
import { ApiError } from "./api/client.ts";
import type { Messages } from "./i18n.tsx";

export interface Resource<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload(): void;
  /** Replace the data locally (after an action answered with the new state). */
  set(data: T): void;
}

export function useResource<T>(
  load: (() => Promise<T>) | null,
  deps: readonly unknown[],
): Resource<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<ApiError>();
  const [loading, setLoading] = useState(true);
  const seq = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  const reload = useCallback(() => {
    const fn = loadRef.current;
    if (!fn) {
      setLoading(false);
      return;
    }
    const mine = ++seq.current;
    setLoading(true);
    fn().then(
      (d) => {
        if (mine !== seq.current) return;
        setData(d);
        setError(undefined);
        setLoading(false);
      },
      (e: unknown) => {
        if (mine !== seq.current) return;
        setError(e instanceof ApiError ? e : new ApiError({ title: String(e), status: 0 }));
        setLoading(false);
      },
    );
  }, []);

  useEffect(reload, deps);
  return { data, error, loading, reload, set: setData };
}

/** What to tell a person about a failed request: the server's own words when it has them. */
export function problemText(e: unknown, t: Messages): string {
  if (!(e instanceof ApiError)) return t.errorGeneric;
  if (e.status === 0) return t.errorNetwork;
  const p = e.problem;
  const fields = p.errors?.map((f) =>
    "message" in f ? String((f as { message: string }).message) : f.field,
  );
  const base = p.detail ?? p.title ?? t.errorGeneric;
  const withFields = fields?.length ? `${base}: ${fields.join("; ")}` : base;
  return p.requestId && e.status >= 500
    ? `${withFields} (${t.errorRequestId(p.requestId)})`
    : withFields;
}
