// Calls for /api/v1/sla-policies (manager+ to change). Changes send If-Match.
import { http, request, type Page } from '../../lib/http';
import type { SlaPolicy, SlaPolicyInput, SlaPreview } from './types';

const base = '/api/v1/sla-policies';
const one = (id: string) => `${base}/${encodeURIComponent(id)}`;

export function listSlaPolicies(signal?: AbortSignal): Promise<Page<SlaPolicy>> {
  return http.get<Page<SlaPolicy>>(base, { query: { limit: 200 }, signal });
}

export function getSlaPolicy(id: string, signal?: AbortSignal): Promise<SlaPolicy> {
  return http.get<SlaPolicy>(one(id), { signal });
}

export async function createSlaPolicy(input: SlaPolicyInput): Promise<SlaPolicy> {
  return (await request<SlaPolicy>('POST', base, { body: input })).data;
}

export function updateSlaPolicy(id: string, patch: Partial<SlaPolicyInput>, version: number): Promise<SlaPolicy> {
  return http.patch<SlaPolicy>(one(id), patch, { ifMatch: version });
}

export function archiveSlaPolicy(id: string, version: number): Promise<void> {
  return http.del(one(id), { ifMatch: version });
}

/** Due times for a policy body (saved or not) and an opening time (default now). */
export function previewSlaPolicy(input: Partial<SlaPolicyInput> & { opened_at?: string }, signal?: AbortSignal): Promise<SlaPreview> {
  return http.post<SlaPreview>(`${base}/preview`, input, { signal });
}
