// Orders as /api/v1/orders sends them: lines with their products, totals computed by the
// server in minor units (`merchandise_minor` leaves out service lines such as shipping),
// and the report of a CSV order import.
export const ORDER_STATUSES = ['placed', 'paid', 'shipped', 'delivered', 'cancelled', 'returned'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const ORDER_CHANNELS = ['staff', 'portal', 'import'] as const;
export type OrderChannel = (typeof ORDER_CHANNELS)[number];

export interface OrderLine {
  product_id: string;
  sku: string;
  name: string;
  quantity: number;
  unit_price_minor: number;
  line_total_minor: number;
  is_service: boolean;
}

export interface Order {
  id: string;
  /** The number people quote: #1042. */
  number: number;
  contact_id: string;
  ordered_at: string;
  currency: string;
  status: OrderStatus;
  channel: OrderChannel;
  external_ref: string | null;
  note: string | null;
  lines: OrderLine[];
  total_minor: number;
  merchandise_minor: number;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface OrderLineInput {
  product_id: string;
  quantity: number;
  unit_price_minor?: number;
}

export interface OrderInput {
  contact_id?: string;
  ordered_at?: string;
  currency?: string;
  status?: OrderStatus;
  external_ref?: string | null;
  note?: string | null;
  lines?: OrderLineInput[];
}

export const ORDER_FIELDS = ['contact_id', 'ordered_at', 'currency', 'status', 'external_ref', 'note'] as const;

export type OrderSort = '-ordered_at' | 'ordered_at' | '-total_minor' | 'total_minor' | '-number';

export const ORDER_SORTS: { value: OrderSort; label: string }[] = [
  { value: '-ordered_at', label: 'Newest first' },
  { value: 'ordered_at', label: 'Oldest first' },
  { value: '-total_minor', label: 'Largest total first' },
  { value: 'total_minor', label: 'Smallest total first' },
];

export interface OrderListParams {
  contact_id?: string;
  status?: OrderStatus;
  channel?: OrderChannel;
  external_ref?: string;
  /** Ordered at or after this time (RFC 3339). */
  from?: string;
  /** Ordered before this time (RFC 3339; exclusive). */
  to?: string;
  sort?: OrderSort;
}

/** POST /import/orders answers what it made, what it skipped and why rows failed. */
export interface ImportReport {
  orders_created: number;
  lines_created: number;
  products_created: number;
  contacts_created: number;
  skipped: number;
  errors: { row: number; field: string | null; message: string }[];
  errors_total?: number;
}

/** "#1042" */
export function orderRef(o: Pick<Order, 'number'>): string {
  return `#${o.number}`;
}

/** How many items (the sum of quantities) an order holds. */
export function itemCount(o: Pick<Order, 'lines'>): number {
  return o.lines.reduce((n, l) => n + l.quantity, 0);
}
