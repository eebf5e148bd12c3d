// Who is signed in: /auth/me once at start and after login; the CSRF token goes to the client.
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  type ReactNode,
} from "react";
import { api, ApiError, onUnauthorized, setCsrfToken } from "./api/client.ts";
import type { Me, Role } from "./api/types.ts";

export interface Session {
  me: Me | null;
  loading: boolean;
  login(login: string, password: string): Promise<void>;
  logout(): Promise<void>;
  refresh(): Promise<void>;
  has(role: Role): boolean;
  /** Departments the user executes in (an executor's scope). */
  departments: number[];
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [loading, setLoading] = useState(true);

  const refresh = useCallback(async () => {
    try {
      const m = await api.get<Me>("/auth/me");
      setCsrfToken(m.csrfToken);
      setMe(m);
    } catch (e) {
      if (!(e instanceof ApiError) || (e.status !== 401 && e.status !== 403)) throw e;
      setCsrfToken(null);
      setMe(null);
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    refresh().catch(() => setLoading(false));
    return onUnauthorized(() => {
      setCsrfToken(null);
      setMe(null);
    });
  }, [refresh]);

  const value = useMemo<Session>(
    () => ({
      me,
      loading,
      refresh,
      async login(login, password) {
        await api.post("/auth/login", { login, password });
        await refresh();
      },
      async logout() {
        try {
          await api.post("/auth/logout");
        } finally {
          setCsrfToken(null);
          setMe(null);
        }
      },
      has: (role) => !!me?.roles.some((r) => r.role === role),
      departments: (me?.roles ?? [])
        .filter((r) => r.role === "executor" && r.department !== null)
        .map((r) => r.department?.id as number),
    }),
    [me, loading, refresh],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error("useSession outside SessionProvider");
  return s;
}
