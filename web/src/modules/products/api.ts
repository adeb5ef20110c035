// Calls for /api/v1/products (agents read, managers write). Changes send If-Match with the
// version the user saw.
import { http, request, type Page } from '../../lib/http';
import type { Product, ProductInput, ProductListParams } from './types';

const base = '/api/v1/products';
const one = (id: string) => `${base}/${encodeURIComponent(id)}`;

export function listProducts(params: ProductListParams & { cursor?: string | null; limit?: number }, signal?: AbortSignal): Promise<Page<Product>> {
  return http.get<Page<Product>>(base, { query: { ...params }, signal });
}

export function getProduct(id: string, signal?: AbortSignal): Promise<Product> {
  return http.get<Product>(one(id), { signal });
}

export async function createProduct(input: ProductInput): Promise<Product> {
  return (await request<Product>('POST', base, { body: input })).data;
}

export function updateProduct(id: string, patch: ProductInput, version: number): Promise<Product> {
  return http.patch<Product>(one(id), patch, { ifMatch: version });
}

export function archiveProduct(id: string, version: number): Promise<void> {
  return http.del(one(id), { ifMatch: version });
}
