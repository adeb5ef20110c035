// A user's display name. Active users come from the shared list; anyone else (a
// deactivated owner) is looked up once by id.
import { useUser } from '../hooks';
import { userLabel } from '../types';

export function UserName({ id }: { id: string | null | undefined }) {
  const { user, loading } = useUser(id ?? null);
  if (!id) return <span className="muted">—</span>;
  if (!user) return <span className="muted">{loading ? '…' : 'Unknown user'}</span>;
  return (
    <span>
      {userLabel(user)}
      {!user.active && <span className="muted"> (inactive)</span>}
    </span>
  );
}
