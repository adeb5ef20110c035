// Calls for /api/v1/cx-policies.
import { http, isApiError, request, type Page } from '../../lib/http';
import type { Acknowledgements, CxPolicy, CxPolicyInput } from './types';

const base = '/api/v1/cx-policies';
const one = (id: string) => `${base}/${encodeURIComponent(id)}`;

/** The latest version, or null when none was ever published. */
export async function getCurrentCxPolicy(signal?: AbortSignal): Promise<CxPolicy | null> {
  try {
    return await http.get<CxPolicy>(`${base}/current`, { signal });
  } catch (e) {
    if (isApiError(e) && e.status === 404) return null;
    throw e;
  }
}

export function listCxPolicies(signal?: AbortSignal): Promise<Page<CxPolicy>> {
  return http.get<Page<CxPolicy>>(base, { query: { limit: 100 }, signal });
}

export async function publishCxPolicy(input: CxPolicyInput): Promise<CxPolicy> {
  return (await request<CxPolicy>('POST', base, { body: input })).data;
}

export function acknowledgeCxPolicy(id: string): Promise<{ policy_id: string; user_id: string; acknowledged_at: string }> {
  return http.post(`${one(id)}/acknowledge`, {});
}

export function getAcknowledgements(id: string, signal?: AbortSignal): Promise<Acknowledgements> {
  return http.get<Acknowledgements>(`${one(id)}/acknowledgements`, { signal });
}
