// The session for the whole app: who is signed in, sign in, sign out. On start it asks
// GET /api/v1/me (which also hands back the CSRF token after a page reload). Any 401
// from any call (lib/http) drops the session, and <RequireAuth> sends the user to
// sign-in, remembering where they were.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { onUnauthorized, setCsrfToken } from '../lib/http';
import { clearCompanyCache } from '../modules/companies';
import { clearContactCache } from '../modules/contacts';
import { clearPipelineCache } from '../modules/opportunities';
import { clearUsersCache, fetchMe, login, logout, type User } from '../modules/users';
import { Loading } from '../ui';

type AuthState =
  | { status: 'loading' }
  | { status: 'signed-out'; reason?: 'expired' | 'signed-out' }
  | { status: 'signed-in'; user: User }
  | { status: 'error'; error: unknown };

interface AuthApi {
  state: AuthState;
  user: User | null;
  signIn: (email: string, password: string) => Promise<User>;
  signOut: () => Promise<void>;
  /** Replaces the signed-in user after they changed themselves (PUT /me/away). */
  setUser: (user: User) => void;
}

const AuthContext = createContext<AuthApi | null>(null);

function clearCaches() {
  clearUsersCache();
  clearCompanyCache();
  clearContactCache();
  clearPipelineCache();
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AuthState>({ status: 'loading' });

  useEffect(() => {
    const ac = new AbortController();
    fetchMe(ac.signal)
      .then((user) => {
        if (!ac.signal.aborted) setState(user ? { status: 'signed-in', user } : { status: 'signed-out' });
      })
      .catch((error) => {
        if (!ac.signal.aborted) setState({ status: 'error', error });
      });
    return () => ac.abort();
  }, []);

  useEffect(
    () =>
      onUnauthorized(() => {
        setCsrfToken(null);
        clearCaches();
        setState((s) => (s.status === 'signed-in' ? { status: 'signed-out', reason: 'expired' } : s));
      }),
    [],
  );

  const signIn = useCallback(async (email: string, password: string) => {
    const user = await login(email, password);
    clearCaches();
    setState({ status: 'signed-in', user });
    return user;
  }, []);

  const signOut = useCallback(async () => {
    try {
      await logout();
    } catch {
      // The session may already be gone; signing out locally is what matters.
    }
    clearCaches();
    setState({ status: 'signed-out', reason: 'signed-out' });
  }, []);

  const setUser = useCallback((user: User) => {
    setState((s) => (s.status === 'signed-in' ? { status: 'signed-in', user } : s));
  }, []);

  const api = useMemo<AuthApi>(
    () => ({ state, user: state.status === 'signed-in' ? state.user : null, signIn, signOut, setUser }),
    [state, signIn, signOut, setUser],
  );
  return <AuthContext.Provider value={api}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthApi {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside <AuthProvider>');
  return ctx;
}

/** The signed-in user; only valid below <RequireAuth>. */
export function useCurrentUser(): User {
  const { user } = useAuth();
  if (!user) throw new Error('useCurrentUser without a session');
  return user;
}

export function RequireAuth({ children }: { children: ReactNode }) {
  const { state } = useAuth();
  const location = useLocation();
  if (state.status === 'loading') {
    return (
      <div className="fullscreen-center">
        <Loading label="Loading Hearth…" />
      </div>
    );
  }
  if (state.status === 'error') {
    return <Navigate to="/sign-in?error=unreachable" replace />;
  }
  if (state.status === 'signed-out') {
    const next = location.pathname + location.search;
    const params = new URLSearchParams();
    if (state.reason !== 'signed-out' && next !== '/' && !next.startsWith('/sign-in')) params.set('next', next);
    if (state.reason === 'expired') params.set('expired', '1');
    const qs = params.toString();
    return <Navigate to={`/sign-in${qs ? `?${qs}` : ''}`} replace />;
  }
  return <>{children}</>;
}
