// Calls for users and the session: sign in/out, who am I, and the user list that owner
// pickers need. The session itself is a cookie; the CSRF token is kept by lib/http.
import { http, request, setCsrfToken, type Page } from '../../lib/http';
import type { User } from './types';

export interface LoginAnswer {
  token: string;
  csrf_token: string;
  user: User;
}

export async function login(email: string, password: string): Promise<User> {
  const res = await request<LoginAnswer>('POST', '/api/v1/auth/login', {
    body: { email, password },
    authProbe: true,
  });
  setCsrfToken(res.data.csrf_token ?? res.headers.get('X-CSRF-Token'));
  return res.data.user;
}

export async function logout(): Promise<void> {
  try {
    await request<void>('POST', '/api/v1/auth/logout', { authProbe: true });
  } finally {
    setCsrfToken(null);
  }
}

/** The signed-in user, or null when there is no session. Recovers the CSRF token from the header. */
export async function fetchMe(signal?: AbortSignal): Promise<User | null> {
  try {
    const res = await request<User>('GET', '/api/v1/me', { authProbe: true, signal });
    const csrf = res.headers.get('X-CSRF-Token');
    if (csrf) setCsrfToken(csrf);
    return res.data;
  } catch (e) {
    if (e instanceof Error && 'status' in e && (e as { status: number }).status === 401) return null;
    throw e;
  }
}

export function listUsers(query: { q?: string; active?: boolean; limit?: number; cursor?: string | null }, signal?: AbortSignal) {
  return http.get<Page<User>>('/api/v1/users', { query, signal });
}

export function getUser(id: string, signal?: AbortSignal) {
  return http.get<User>(`/api/v1/users/${encodeURIComponent(id)}`, { signal });
}

/** Every active user, following cursors (teams are small; 500 a page). */
export async function listAllActiveUsers(signal?: AbortSignal): Promise<User[]> {
  const out: User[] = [];
  let cursor: string | null = null;
  do {
    const page: Page<User> = await listUsers({ active: true, limit: 500, cursor }, signal);
    out.push(...page.items);
    cursor = page.next_cursor;
  } while (cursor);
  return out;
}

/** PUT /me/away: sets (or with nulls clears) the signed-in user's away period. Answers the user. */
export function setAway(awayFrom: string | null, awayUntil: string | null): Promise<User> {
  return http.put<User>('/api/v1/me/away', { away_from: awayFrom, away_until: awayUntil });
}
