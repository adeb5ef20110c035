// useUsers: the active staff users, loaded once per session and shared by every owner
// picker and owner column. clearUsersCache() on sign-out.
import { useEffect, useMemo, useState } from 'react';
import { getUser, listAllActiveUsers } from './api';
import type { User } from './types';

let cache: Promise<User[]> | null = null;
const single = new Map<string, Promise<User | null>>();

export function clearUsersCache(): void {
  cache = null;
  single.clear();
}

export function useUsers(): { users: User[]; byId: Map<string, User>; loading: boolean; error: unknown } {
  const [users, setUsers] = useState<User[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let live = true;
    if (!cache) {
      cache = listAllActiveUsers().catch((e) => {
        cache = null;
        throw e;
      });
    }
    cache.then(
      (us) => {
        if (!live) return;
        setUsers([...us].sort((a, b) => (a.name || a.email).localeCompare(b.name || b.email)));
        setLoading(false);
      },
      (e) => {
        if (!live) return;
        setError(e);
        setLoading(false);
      },
    );
    return () => {
      live = false;
    };
  }, []);

  const byId = useMemo(() => new Map(users.map((u) => [u.id, u])), [users]);
  return { users, byId, loading, error };
}


/** One user by id: from the active list when there, else GET /users/{id} (cached). */
export function useUser(id: string | null): { user: User | null; loading: boolean } {
  const { byId, loading: listLoading } = useUsers();
  const [fetched, setFetched] = useState<User | null>(null);
  const [fetching, setFetching] = useState(false);
  const fromList = id ? byId.get(id) ?? null : null;

  useEffect(() => {
    setFetched(null);
    if (!id || listLoading || fromList) return;
    let live = true;
    let p = single.get(id);
    if (!p) {
      p = getUser(id).catch(() => null);
      single.set(id, p);
    }
    setFetching(true);
    p.then((u) => {
      if (!live) return;
      setFetched(u);
      setFetching(false);
    });
    return () => {
      live = false;
    };
  }, [id, listLoading, fromList]);

  return { user: fromList ?? fetched, loading: listLoading || fetching };
}
