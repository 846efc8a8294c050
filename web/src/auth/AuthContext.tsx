import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import i18n from 'i18next';
import { api, ApiError, setCsrfToken } from '../api/client';
import type { MeResponse, Org, Role, SessionResponse, User } from '../api/types';
import { changeLang, rememberLang } from '../i18n';
import type { Lang } from '../lib/format';

interface AuthState {
  user: User | null;
  org: Org | null;
  /** True until the first GET /api/me answered. */
  loading: boolean;
  /** Set when the session could not be checked (network, server down) — not for "signed out". */
  error: ApiError | null;
  /** Adopts a session returned by register / login. */
  signedIn(me: MeResponse): void;
  logout(): Promise<void>;
  refresh(): Promise<void>;
  setLang(lang: Lang): Promise<void>;
  hasRole(role: Role): boolean;
}

const AuthContext = createContext<AuthState | null>(null);

/** Holds the signed-in user; the account's saved language wins once signed in. */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null>(null);
  const [org, setOrg] = useState<Org | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<ApiError | null>(null);

  const adopt = useCallback((me: MeResponse | null) => {
    setUser(me?.user ?? null);
    setOrg(me?.org ?? null);
    if (me?.csrfToken) setCsrfToken(me.csrfToken);
    if (me?.user.locale && me.user.locale !== i18n.language) {
      rememberLang(me.user.locale);
      void changeLang(me.user.locale);
    }
  }, []);

  const refresh = useCallback(async () => {
    try {
      // 200 for a visitor too ({ me: null }): no failed request in the console on every page
      adopt((await api.get<SessionResponse>('/api/session')).me);
      setError(null);
    } catch (err) {
      const e = err instanceof ApiError ? err : new ApiError(0, 'network', String(err));
      if (e.status === 401) {
        adopt(null);
        setError(null);
      } else setError(e);
    } finally {
      setLoading(false);
    }
  }, [adopt]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const logout = useCallback(async () => {
    await api.post('/api/auth/logout');
    setUser(null);
    setOrg(null);
    setCsrfToken(null);
  }, []);

  const setLang = useCallback(
    async (lang: Lang) => {
      rememberLang(lang);
      await changeLang(lang);
      if (user && user.locale !== lang) {
        setUser({ ...user, locale: lang });
        try {
          await api.patch('/api/me', { locale: lang });
        } catch {
          /* the local choice still holds; the account keeps its old language */
        }
      }
    },
    [user],
  );

  const value = useMemo<AuthState>(
    () => ({
      user,
      org,
      loading,
      error,
      signedIn: (me) => {
        adopt(me);
        setError(null);
        setLoading(false);
      },
      logout,
      refresh,
      setLang,
      hasRole: (role) => !!user?.roles.includes(role),
    }),
    [user, org, loading, error, adopt, logout, refresh, setLang],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}
