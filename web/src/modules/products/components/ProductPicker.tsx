// Pick an active product by typing part of its name or SKU (GET /products?q=&active=true),
// optionally only those in one currency. The chosen product comes back whole, so an order
// line can take its price. Pass it to <Field> as the control.
import { useRef } from 'react';
import { formatMoney } from '../../../lib/money';
import { Combobox } from '../../../ui';
import { listProducts } from '../api';
import type { Product } from '../types';

export interface ProductPickerProps {
  value: string | null;
  label: string;
  onChange: (product: Product | null) => void;
  currency?: string;
  id?: string;
  disabled?: boolean;
  placeholder?: string;
}

export function ProductPicker({ value, label, onChange, currency, placeholder = 'Search products…', ...rest }: ProductPickerProps) {
  // The products the last searches found, so a choice hands back the whole record.
  const found = useRef(new Map<string, Product>()).current;
  async function search(q: string, signal: AbortSignal) {
    const page = await listProducts({ q: q || undefined, active: true, sort: 'name', limit: 20 }, signal);
    const items = currency ? page.items.filter((p) => p.currency === currency) : page.items;
    for (const p of items) found.set(p.id, p);
    return items.map((p) => ({ value: p.id, label: p.name, description: `${p.sku} · ${formatMoney(p.price_minor, p.currency)}` }));
  }
  return (
    <Combobox
      value={value}
      selectedLabel={label}
      search={search}
      onChange={(id) => onChange(id ? found.get(id) ?? null : null)}
      placeholder={placeholder}
      emptyText="No active product matches"
      {...rest}
    />
  );
}
