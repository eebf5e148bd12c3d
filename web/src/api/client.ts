// The desk's only door to the server: same-origin fetch with the session cookie, the CSRF token on
// every state-changing request, and problem+json turned into a typed error.
import type { Action, Problem } from "./types.ts";

export const API = "/api/v1";

let csrfToken: string | null = null;

/** Set from /auth/me after login; state-changing requests fail without it. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export const getCsrfToken = (): string | null => csrfToken;

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title);
  }
  get status(): number {
    return this.problem.status;
  }
}

/** Listeners told when the session has ended (401), so the app can show the login again. */
const unauthorized = new Set<() => void>();
export function onUnauthorized(fn: () => void): () => void {
  unauthorized.add(fn);
  return () => unauthorized.delete(fn);
}

/** The session ended without a request failing (the live stream said so): show the login. */
export function sessionEnded(): void {
  for (const fn of unauthorized) fn();
}

type Query = Record<string, string | number | boolean | null | undefined | readonly string[]>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === "" || v === false) continue;
    if (Array.isArray(v)) {
      if (v.length) params.set(k, v.join(","));
    } else params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (body !== undefined) headers["content-type"] = "application/json";
  if (method !== "GET" && csrfToken) headers["x-csrf-token"] = csrfToken;
  let res: Response;
  try {
    res = await fetch(`${API}${path}`, {
      method,
      headers,
      credentials: "same-origin",
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  } catch {
    throw new ApiError({ title: "network", status: 0 });
  }
  if (res.status === 204) return undefined as T;
  const type = res.headers.get("content-type") ?? "";
  const data: unknown = type.includes("json") ? await res.json() : await res.text();
  if (!res.ok) {
    const problem: Problem =
      typeof data === "object" && data !== null
        ? { status: res.status, title: res.statusText, ...(data as Partial<Problem>) }
        : { status: res.status, title: res.statusText };
    // The login form itself answers 401 for a wrong password: that is not a lost session.
    if (res.status === 401 && path !== "/auth/login") sessionEnded();
    throw new ApiError(problem);
  }
  return data as T;
}

export const api = {
  get: <T>(path: string, query?: Query) => request<T>("GET", withQuery(path, query)),
  post: <T>(path: string, body?: unknown) => request<T>("POST", path, body ?? {}),
  put: <T>(path: string, body?: unknown) => request<T>("PUT", path, body ?? {}),
  patch: <T>(path: string, body?: unknown) => request<T>("PATCH", path, body ?? {}),
  delete: <T>(path: string) => request<T>("DELETE", path),
};

/** The list endpoint answers at most this many rows a request. */
export const PAGE = 100;

/**
 * Every case matching a query, up to `max`, page by page: the queue shows all open cases at once
 * (it is virtualised), so a curator never pages through what burns.
 */
export async function listAll<T>(
  path: string,
  query: Query,
  max: number,
): Promise<{ items: T[]; total: number }> {
  const first = await api.get<{ items: T[]; total: number }>(path, {
    ...query,
    limit: PAGE,
    offset: 0,
  });
  const items = [...first.items];
  const wanted = Math.min(first.total, max);
  const pages: Promise<{ items: T[] }>[] = [];
  for (let offset = PAGE; offset < wanted; offset += PAGE)
    pages.push(api.get<{ items: T[]; total: number }>(path, { ...query, limit: PAGE, offset }));
  for (const p of await Promise.all(pages)) items.push(...p.items);
  return { items, total: first.total };
}

/** Takes an action on a case with the version the person saw (409 when someone was first). */
export function act<T = unknown>(
  caseId: number,
  action: Action,
  body: Record<string, unknown>,
  expectedVersion: number,
): Promise<T> {
  return api.post<T>(`/cases/${caseId}/actions/${action}`, { ...body, expectedVersion });
}

/** An instant from the API as epoch milliseconds. */
export function ms(v: string | number | null | undefined): number | null {
  if (v === null || v === undefined) return null;
  if (typeof v === "number") return v;
  const t = Date.parse(v);
  return Number.isNaN(t) ? null : t;
}
