// Calls for /api/v1/reports: the service report (JSON, or CSV as a download) and the
// weekly digests.
import { downloadFile, http, type Page } from '../../lib/http';
import type { Digest, ServiceReport, ServiceReportParams } from './types';

const base = '/api/v1/reports';

export function getServiceReport(params: ServiceReportParams, signal?: AbortSignal): Promise<ServiceReport> {
  return http.get<ServiceReport>(`${base}/service`, { query: { ...params }, signal });
}

/** Downloads the report as CSV (one row per figure) with the session. */
export function downloadServiceReportCsv(params: ServiceReportParams): Promise<void> {
  const name = `service-report-${params.from ?? 'start'}-to-${params.to ?? 'today'}.csv`;
  return downloadFile(`${base}/service`, name, { ...params, format: 'csv' });
}

export function listDigests(params: { cursor?: string | null; limit?: number }, signal?: AbortSignal): Promise<Page<Digest>> {
  return http.get<Page<Digest>>(`${base}/digests`, { query: { ...params }, signal });
}

export function getDigest(id: string, signal?: AbortSignal): Promise<Digest> {
  return http.get<Digest>(`${base}/digests/${encodeURIComponent(id)}`, { signal });
}
