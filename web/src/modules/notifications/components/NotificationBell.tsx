// The bell in the shell: the unread count (asked every 30 seconds and whenever the list
// opens), and a dropdown of the latest notifications. Choosing one marks it read and opens
// its case; "Mark all read" clears the count. Esc or a click outside closes the list.
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { formatRelative } from '../../../lib/format';
import { useDismiss } from '../../../lib/hooks';
import { errorMessage, isAbort } from '../../../lib/http';
import { Button, Spinner } from '../../../ui';
import { listNotifications, markAllNotificationsRead, markNotificationRead } from '../api';
import { notificationLink, type Notification } from '../types';

const POLL_MS = 30_000;

function BellIcon() {
  return (
    <svg viewBox="0 0 20 20" width="18" height="18" aria-hidden="true">
      <path
        d="M10 3a4.5 4.5 0 0 0-4.5 4.5c0 3.5-1.5 5-2 5.5h13c-.5-.5-2-2-2-5.5A4.5 4.5 0 0 0 10 3Zm-1.8 13a1.9 1.9 0 0 0 3.6 0"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.6"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}

export function NotificationBell() {
  const navigate = useNavigate();
  const panelId = useId();
  const [open, setOpen] = useState(false);
  const [items, setItems] = useState<Notification[]>([]);
  const [unread, setUnread] = useState(0);
  const [loading, setLoading] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const root = useRef<HTMLDivElement>(null);

  const load = useCallback(async (signal?: AbortSignal) => {
    try {
      const page = await listNotifications({ limit: 20 }, signal);
      setItems(page.items);
      setUnread(page.unread_count);
      setFailure(null);
    } catch (e) {
      if (!isAbort(e)) setFailure(errorMessage(e));
    }
  }, []);

  // The count, now and every 30 seconds.
  useEffect(() => {
    const ac = new AbortController();
    void load(ac.signal);
    const t = window.setInterval(() => void load(ac.signal), POLL_MS);
    return () => {
      ac.abort();
      window.clearInterval(t);
    };
  }, [load]);

  // Fresh when opened; closes on Esc and on a click outside.
  useEffect(() => {
    if (!open) return;
    setLoading(true);
    void load().finally(() => setLoading(false));
  }, [open, load]);
  useDismiss(open, root, () => setOpen(false));

  async function choose(n: Notification) {
    setOpen(false);
    if (!n.read_at) {
      setItems((xs) => xs.map((x) => (x.id === n.id ? { ...x, read_at: new Date().toISOString() } : x)));
      setUnread((u) => Math.max(0, u - 1));
      markNotificationRead(n.id).catch(() => undefined);
    }
    const to = notificationLink(n);
    if (to) navigate(to);
  }

  async function readAll() {
    try {
      await markAllNotificationsRead();
      await load();
    } catch (e) {
      setFailure(errorMessage(e));
    }
  }

  const label = unread > 0 ? `Notifications, ${unread} unread` : 'Notifications';
  return (
    <div className="bell" ref={root}>
      <button type="button" className="bell-button" aria-label={label} aria-expanded={open} aria-controls={panelId} onClick={() => setOpen((o) => !o)}>
        <BellIcon />
        {unread > 0 && (
          <span className="bell-count" aria-hidden="true">
            {unread > 99 ? '99+' : unread}
          </span>
        )}
      </button>
      {open && (
        <div className="bell-panel" id={panelId} role="dialog" aria-label="Notifications">
          <div className="bell-head">
            <span className="bell-title">Notifications</span>
            {loading && <Spinner size={12} />}
            {unread > 0 && (
              <Button size="sm" variant="ghost" onClick={() => void readAll()}>
                Mark all read
              </Button>
            )}
          </div>
          {failure && <p className="bell-empty text-danger">{failure}</p>}
          {items.length === 0 ? (
            <p className="bell-empty muted">Nothing yet. Case assignments, customer replies and SLA warnings show up here.</p>
          ) : (
            <ul className="bell-list" aria-label="Latest notifications">
              {items.map((n) => (
                <li key={n.id}>
                  <button type="button" className={n.read_at ? 'bell-item' : 'bell-item bell-unread'} onClick={() => void choose(n)}>
                    <span className="bell-item-title">
                      {!n.read_at && <span className="sr-only">Unread: </span>}
                      {n.title}
                    </span>
                    {n.body && <span className="bell-item-body">{n.body}</span>}
                    <span className="bell-item-time">{formatRelative(n.created_at)}</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
