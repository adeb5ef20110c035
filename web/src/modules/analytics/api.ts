// Calls for /api/v1/analytics (managers; one customer's analytics: agents too). Every
// GET takes `refresh: true` (managers) to recompute now instead of reading the cache.
import { http, type Query } from '../../lib/http';
import type { AffinityAnswer, ClvAnswer, CustomerAnalytics, DueAnswer, DueParams, RfmAnswer } from './types';

const base = '/api/v1/analytics';

function q(params: Query, refresh?: boolean): Query {
  return refresh ? { ...params, refresh: 'true' } : params;
}

export function getCustomerAnalytics(contactId: string, opts: { refresh?: boolean; signal?: AbortSignal } = {}): Promise<CustomerAnalytics> {
  return http.get<CustomerAnalytics>(`${base}/customers/${encodeURIComponent(contactId)}`, { query: q({}, opts.refresh), signal: opts.signal });
}

export function getRfm(params: { segment?: string; limit?: number; cursor?: string | null }, opts: { refresh?: boolean; signal?: AbortSignal } = {}): Promise<RfmAnswer> {
  return http.get<RfmAnswer>(`${base}/rfm`, { query: q({ ...params }, opts.refresh), signal: opts.signal });
}

export function getClv(params: { limit?: number; cursor?: string | null }, opts: { refresh?: boolean; signal?: AbortSignal } = {}): Promise<ClvAnswer> {
  return http.get<ClvAnswer>(`${base}/clv`, { query: q({ ...params }, opts.refresh), signal: opts.signal });
}

export function getAffinity(params: { limit?: number }, opts: { refresh?: boolean; signal?: AbortSignal } = {}): Promise<AffinityAnswer> {
  return http.get<AffinityAnswer>(`${base}/affinity`, { query: q({ ...params }, opts.refresh), signal: opts.signal });
}

export function getDue(params: DueParams & { limit?: number; cursor?: string | null }, opts: { refresh?: boolean; signal?: AbortSignal } = {}): Promise<DueAnswer> {
  return http.get<DueAnswer>(`${base}/due`, { query: q({ ...params }, opts.refresh), signal: opts.signal });
}

/** One "Purchase due" call task per customer for its owner; customers with such an open task are skipped. */
export function createDueTasks(body: { contact_ids: string[] } | { all: true; owner_id?: string }): Promise<{ created: number; skipped: number }> {
  return http.post<{ created: number; skipped: number }>(`${base}/due/tasks`, body);
}
