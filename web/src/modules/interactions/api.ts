// Calls for /api/v1/interactions and a contact's pressure status.
import { http, request, type Page } from '../../lib/http';
import type { AttentionItem, Interaction, InteractionInput, Pressure } from './types';

const base = '/api/v1/interactions';

export interface InteractionListParams {
  contact_id?: string;
  from?: string;
  to?: string;
  limit?: number;
  cursor?: string | null;
}

export function listInteractions(params: InteractionListParams, signal?: AbortSignal): Promise<Page<Interaction>> {
  return http.get<Page<Interaction>>(base, { query: { ...params }, signal });
}

export function getInteraction(id: string, signal?: AbortSignal): Promise<Interaction> {
  return http.get<Interaction>(`${base}/${encodeURIComponent(id)}`, { signal });
}

export async function createInteraction(input: InteractionInput & { contact_id: string }): Promise<Interaction> {
  return (await request<Interaction>('POST', base, { body: input })).data;
}

/** The contact's outbound touches around `at` (default now). */
export function getPressure(contactId: string, at?: string, signal?: AbortSignal): Promise<Pressure> {
  return http.get<Pressure>(`/api/v1/contacts/${encodeURIComponent(contactId)}/pressure`, { query: { at }, signal });
}

/** Customers whose recent interactions show trouble (`owner_id` may be `me`). */
export function listAttention(
  params: { owner_id?: string; limit?: number; cursor?: string | null },
  signal?: AbortSignal,
): Promise<Page<AttentionItem>> {
  return http.get<Page<AttentionItem>>('/api/v1/attention', { query: { ...params }, signal });
}
