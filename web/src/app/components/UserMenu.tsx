// The signed-in user at the foot of the sidebar: a menu button (name, role, and "Away"
// while away) that offers "Set away…" (PUT /me/away), and the Sign out button.
import { useEffect, useId, useRef, useState } from 'react';
import { formatDateTime } from '../../lib/format';
import { useDismiss, useNow } from '../../lib/hooks';
import { AwayDialog, isAway, userLabel } from '../../modules/users';
import { Avatar, Button, useToast } from '../../ui';
import { useAuth, useCurrentUser } from '../auth';

export function UserMenu() {
  const { signOut, setUser } = useAuth();
  const user = useCurrentUser();
  const toast = useToast();
  const menuId = useId();
  const [open, setOpen] = useState(false);
  const [away, setAwayOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const now = useNow(60_000);
  const awayNow = isAway(user, now);

  useEffect(() => {
    if (!open) return;
    root.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
  }, [open]);
  useDismiss(open, root, () => setOpen(false));

  const status = user.away_from
    ? awayNow
      ? user.away_until
        ? `Away until ${formatDateTime(user.away_until)}`
        : 'Away'
      : `Away from ${formatDateTime(user.away_from)}`
    : null;

  return (
    <div className="sidebar-user" ref={root}>
      <button
        type="button"
        className="user-button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={menuId}
        aria-label={`Account: ${userLabel(user)}`}
        onClick={() => setOpen((o) => !o)}
      >
        <Avatar text={userLabel(user).charAt(0).toUpperCase()} seed={user.id} size={30} />
        <span className="sidebar-user-text">
          <span className="sidebar-user-name">{userLabel(user)}</span>
          <span className={awayNow ? 'sidebar-user-role sidebar-user-away' : 'sidebar-user-role'}>{status ?? user.role}</span>
        </span>
      </button>
      {open && (
        <div className="user-menu" id={menuId} role="menu" aria-label="Account">
          <button
            type="button"
            role="menuitem"
            className="user-menu-item"
            onClick={() => {
              setOpen(false);
              setAwayOpen(true);
            }}
          >
            {user.away_from ? 'Change away period…' : 'Set away…'}
          </button>
        </div>
      )}
      <Button variant="ghost" size="sm" onClick={() => void signOut()}>
        Sign out
      </Button>
      <AwayDialog
        open={away}
        user={user}
        onClose={() => setAwayOpen(false)}
        onSaved={(u) => {
          setAwayOpen(false);
          setUser(u);
          toast.show(u.away_from ? 'Away period saved' : 'Welcome back');
        }}
      />
    </div>
  );
}
