// GET /api/v1/contacts/{id}/timeline.
import { http, type Page } from '../../lib/http';
import type { TimelineEntry } from './types';

export function getTimeline(
  contactId: string,
  params: { kind?: string; cursor?: string | null; limit?: number },
  signal?: AbortSignal,
): Promise<Page<TimelineEntry>> {
  return http.get<Page<TimelineEntry>>(`/api/v1/contacts/${encodeURIComponent(contactId)}/timeline`, {
    query: { ...params },
    signal,
  });
}
