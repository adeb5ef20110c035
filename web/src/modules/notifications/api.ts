// Calls for /api/v1/notifications: the caller's own, newest first, with the unread count.
import { http } from '../../lib/http';
import type { Notification, NotificationPage } from './types';

const base = '/api/v1/notifications';

export function listNotifications(params: { limit?: number; unread?: boolean }, signal?: AbortSignal): Promise<NotificationPage> {
  return http.get<NotificationPage>(base, { query: { ...params }, signal });
}

export function markNotificationRead(id: string): Promise<Notification> {
  return http.post<Notification>(`${base}/${encodeURIComponent(id)}/read`, {});
}

export function markAllNotificationsRead(): Promise<{ marked: number }> {
  return http.post<{ marked: number }>(`${base}/read-all`, {});
}
