// Products (the catalogue orders are made of) as /api/v1/products sends them. Prices are
// minor units in the product's currency. `is_service` marks shipping, fees and other
// lines that count in an order's total but stay out of every analysis.
export interface Product {
  id: string;
  sku: string;
  name: string;
  description: string | null;
  price_minor: number;
  currency: string;
  active: boolean;
  is_service: boolean;
  archived_at?: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

/** What a create or merge-patch body may carry. */
export interface ProductInput {
  sku?: string;
  name?: string;
  description?: string | null;
  price_minor?: number;
  currency?: string;
  active?: boolean;
  is_service?: boolean;
  [key: string]: unknown;
}

export const PRODUCT_FIELDS = ['sku', 'name', 'description', 'price_minor', 'currency', 'active', 'is_service'] as const;

export type ProductSort = 'name' | 'sku' | 'price_minor' | '-price_minor' | '-created_at';

export const PRODUCT_SORTS: { value: ProductSort; label: string }[] = [
  { value: 'name', label: 'Name A–Z' },
  { value: 'sku', label: 'SKU' },
  { value: 'price_minor', label: 'Price, lowest first' },
  { value: '-price_minor', label: 'Price, highest first' },
  { value: '-created_at', label: 'Newest first' },
];

export interface ProductListParams {
  q?: string;
  active?: boolean;
  is_service?: boolean;
  sort?: ProductSort;
}

/** "Lamp (LMP-1)" */
export function productLabel(p: Pick<Product, 'name' | 'sku'>): string {
  return `${p.name} (${p.sku})`;
}
