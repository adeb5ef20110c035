// Hooks for orders: the paged list (restarts when filters change) and one order.
import { usePagedQuery, useResource } from '../../lib/hooks';
import { getOrder, listOrders } from './api';
import type { Order, OrderListParams } from './types';

export function useOrderList(params: OrderListParams, pageSize = 50) {
  return usePagedQuery(params, listOrders, pageSize);
}

export function useOrder(id: string) {
  return useResource<Order>(id, (signal) => getOrder(id, signal));
}
