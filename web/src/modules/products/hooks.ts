// Hooks for products: the paged catalogue (restarts when filters change) and one product.
import { usePagedQuery, useResource } from '../../lib/hooks';
import { getProduct, listProducts } from './api';
import type { Product, ProductListParams } from './types';

export function useProductList(params: ProductListParams, pageSize = 50) {
  return usePagedQuery(params, listProducts, pageSize);
}

export function useProduct(id: string) {
  return useResource<Product>(id, (signal) => getProduct(id, signal));
}
