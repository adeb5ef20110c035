// Calls for /api/v1/opportunities, the pipeline's stages, the forecast, and an
// opportunity raised from a case. Changes send If-Match with the version the user saw.
import { http, request, type Page } from '../../lib/http';
import type { Forecast, ForecastParams, Opportunity, OpportunityInput, OpportunityListParams, Pipeline } from './types';

const base = '/api/v1/opportunities';
const one = (id: string) => `${base}/${encodeURIComponent(id)}`;

export function listOpportunities(params: OpportunityListParams & { cursor?: string | null; limit?: number }, signal?: AbortSignal): Promise<Page<Opportunity>> {
  return http.get<Page<Opportunity>>(base, { query: { ...params }, signal });
}

export function getOpportunity(id: string, signal?: AbortSignal): Promise<Opportunity> {
  return http.get<Opportunity>(one(id), { signal });
}

export async function createOpportunity(input: OpportunityInput): Promise<Opportunity> {
  return (await request<Opportunity>('POST', base, { body: input })).data;
}

export function updateOpportunity(id: string, patch: OpportunityInput, version: number): Promise<Opportunity> {
  return http.patch<Opportunity>(one(id), patch, { ifMatch: version });
}

/** Moves an opportunity to another stage; losing needs a reason. */
export function moveOpportunity(o: Pick<Opportunity, 'id' | 'version'>, stage: string, lostReason?: string): Promise<Opportunity> {
  return updateOpportunity(o.id, lostReason ? { stage, lost_reason: lostReason } : { stage }, o.version);
}

/** An opportunity for the case's customer, owned by the customer's owner. */
export async function createCaseOpportunity(caseId: string, input: { title: string; amount_minor?: number; currency?: string }): Promise<Opportunity> {
  return (await request<Opportunity>('POST', `/api/v1/cases/${encodeURIComponent(caseId)}/opportunity`, { body: input })).data;
}

export function getPipeline(signal?: AbortSignal): Promise<Pipeline> {
  return http.get<Pipeline>('/api/v1/settings/pipeline', { signal });
}

export function getForecast(params: ForecastParams, signal?: AbortSignal): Promise<Forecast> {
  return http.get<Forecast>(`${base}/forecast`, { query: { ...params }, signal });
}
