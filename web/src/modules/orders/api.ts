// Calls for /api/v1/orders and the CSV order import. Changes send If-Match with the
// version the user saw.
import { http, request, type Page } from '../../lib/http';
import type { ImportReport, Order, OrderInput, OrderListParams } from './types';

const base = '/api/v1/orders';
const one = (id: string) => `${base}/${encodeURIComponent(id)}`;

export function listOrders(params: OrderListParams & { cursor?: string | null; limit?: number }, signal?: AbortSignal): Promise<Page<Order>> {
  return http.get<Page<Order>>(base, { query: { ...params }, signal });
}

export function getOrder(id: string, signal?: AbortSignal): Promise<Order> {
  return http.get<Order>(one(id), { signal });
}

export async function createOrder(input: OrderInput): Promise<Order> {
  return (await request<Order>('POST', base, { body: input })).data;
}

export function updateOrder(id: string, patch: OrderInput, version: number): Promise<Order> {
  return http.patch<Order>(one(id), patch, { ifMatch: version });
}

/**
 * Sends a CSV file of order lines as it is (text/csv). `dry_run` checks without writing;
 * `currency` is the currency of rows without one.
 */
export async function importOrders(file: Blob, opts: { dryRun: boolean; currency?: string }): Promise<ImportReport> {
  const res = await request<ImportReport>('POST', '/api/v1/import/orders', {
    query: { dry_run: opts.dryRun ? 'true' : undefined, currency: opts.currency },
    rawBody: file,
    contentType: 'text/csv',
  });
  return res.data;
}
