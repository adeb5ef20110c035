// Calls for /api/v1/companies. Changes send If-Match with the version the user saw.
import { http, request, type Page } from '../../lib/http';
import type { Company, CompanyInput, CompanyListParams } from './types';

const base = '/api/v1/companies';
const one = (id: string) => `${base}/${encodeURIComponent(id)}`;

export function listCompanies(
  params: CompanyListParams & { cursor?: string | null; limit?: number },
  signal?: AbortSignal,
): Promise<Page<Company>> {
  return http.get<Page<Company>>(base, { query: { ...params }, signal });
}

export function getCompany(id: string, signal?: AbortSignal): Promise<Company> {
  return http.get<Company>(one(id), { signal });
}

export async function createCompany(input: Partial<CompanyInput>): Promise<Company> {
  return (await request<Company>('POST', base, { body: input })).data;
}

export function updateCompany(id: string, patch: Partial<CompanyInput>, version: number): Promise<Company> {
  return http.patch<Company>(one(id), patch, { ifMatch: version });
}

export function archiveCompany(id: string, version: number): Promise<void> {
  return http.del(one(id), { ifMatch: version });
}
