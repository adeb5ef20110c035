// The signed-in user's in-app notifications (/api/v1/notifications).
export interface Notification {
  id: string;
  /** case_assigned, case_message, sla_warning, sla_breach, sales_lead. */
  kind: string;
  title: string;
  body: string;
  /** What it is about: `case` or `task`, with its id. */
  ref_type: string | null;
  ref_id: string | null;
  read_at: string | null;
  created_at: string;
}

export interface NotificationPage {
  items: Notification[];
  next_cursor: string | null;
  unread_count: number;
}

/** Where a notification leads in the app, if anywhere. */
export function notificationLink(n: Notification): string | null {
  if (n.ref_type === 'case' && n.ref_id) return `/cases/${encodeURIComponent(n.ref_id)}`;
  if (n.ref_type === 'task') return '/tasks';
  return null;
}
