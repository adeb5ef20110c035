// Staff users as GET /api/v1/users and /api/v1/me return them.
export type Role = 'admin' | 'manager' | 'agent' | 'viewer';

export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  active: boolean;
  created_at: string;
  updated_at: string;
  version: number;
  /** On the service team: cases without an available owner are routed to its members. */
  service_team?: boolean;
  /** An away period (RFC 3339); `away_until` null is open-ended. Cases are not routed to people who are away. */
  away_from?: string | null;
  away_until?: string | null;
}

/** Managers and admins see the service dashboard and change service levels. */
export function isManager(user: User | null): boolean {
  return !!user && (user.role === 'manager' || user.role === 'admin');
}

export function isAdmin(user: User | null): boolean {
  return !!user && user.role === 'admin';
}

/** Whether the user is away at `now` (ms). */
export function isAway(user: Pick<User, 'away_from' | 'away_until'>, now: number): boolean {
  if (!user.away_from) return false;
  const from = Date.parse(user.away_from);
  const until = user.away_until ? Date.parse(user.away_until) : Infinity;
  return from <= now && now < until;
}

/** Agents and above may create and change contacts and companies. */
export function canWrite(user: User | null): boolean {
  return !!user && user.role !== 'viewer';
}

export function userLabel(user: Pick<User, 'name' | 'email'>): string {
  return user.name?.trim() || user.email;
}
