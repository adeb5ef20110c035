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
}

/** Agents and above may create and change contacts and companies. */
export function canWrite(user: User | null): boolean {
  return !!user && user.role !== 'viewer';
}

export function userLabel(user: Pick<User, 'name' | 'email'>): string {
  return user.name?.trim() || user.email;
}
