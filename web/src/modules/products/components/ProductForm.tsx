// The product create/edit form: SKU, name, price (typed in major units, sent as minor
// units), currency, description, and the active and service flags. It holds the typed
// values and shows the server's field errors; the page does the API call.
import { useState } from 'react';
import { textOrNull } from '../../../lib/forms';
import { COMMON_CURRENCIES, minorToInput, parseMoney } from '../../../lib/money';
import { useFormState } from '../../../lib/useFormState';
import { Field, FormFrame, Input, Select, TextArea, type RecordFormProps } from '../../../ui';
import type { Product, ProductInput } from '../types';

export interface ProductFormValues {
  sku: string;
  name: string;
  description: string;
  price: string;
  currency: string;
  active: boolean;
  is_service: boolean;
  [key: string]: unknown;
}

export function productToForm(p?: Partial<Product> | null, defaultCurrency = 'NOK'): ProductFormValues {
  const currency = p?.currency ?? defaultCurrency;
  return {
    sku: p?.sku ?? '',
    name: p?.name ?? '',
    description: p?.description ?? '',
    price: minorToInput(p?.price_minor ?? null, currency),
    currency,
    active: p?.active ?? true,
    is_service: p?.is_service ?? false,
  };
}

/** The body for the values; `price_minor` is left out when the price is not an amount (the form says so first). */
export function formToProductInput(v: ProductFormValues): ProductInput {
  const input: ProductInput = {
    sku: v.sku.trim(),
    name: v.name.trim(),
    description: textOrNull(v.description),
    currency: v.currency,
    active: v.active,
    is_service: v.is_service,
  };
  const price = parseMoney(v.price, v.currency);
  if (price !== null) input.price_minor = price;
  return input;
}

export type ProductFormProps = RecordFormProps<ProductFormValues>;

export function ProductForm({ initial, errors, disabled, onSubmit, ...frame }: ProductFormProps) {
  const { values, set, error } = useFormState(initial, errors);
  const [priceError, setPriceError] = useState<string | null>(null);
  const currencies = (COMMON_CURRENCIES as readonly string[]).includes(values.currency) ? COMMON_CURRENCIES : [values.currency, ...COMMON_CURRENCIES];

  function submit() {
    if (parseMoney(values.price, values.currency) === null) {
      setPriceError(values.price.trim() ? 'is not an amount (for example 149.00)' : 'is required');
      return;
    }
    setPriceError(null);
    onSubmit(values);
  }

  return (
    <FormFrame {...frame} errors={priceError ? { ...errors, price_minor: priceError } : errors} disabled={disabled} onSubmit={submit}>
      <fieldset className="form-grid" disabled={disabled}>
        <Field label="SKU" required error={error('sku')} hint="The product's code, unique">
          <Input value={values.sku} onChange={(e) => set('sku', e.target.value)} maxLength={64} autoComplete="off" spellCheck={false} autoFocus />
        </Field>
        <Field label="Name" required error={error('name')}>
          <Input value={values.name} onChange={(e) => set('name', e.target.value)} maxLength={200} autoComplete="off" />
        </Field>
        <Field label="Price" required error={priceError ?? error('price_minor')}>
          <Input
            value={values.price}
            onChange={(e) => {
              set('price', e.target.value);
              setPriceError(null);
            }}
            inputMode="decimal"
            autoComplete="off"
            placeholder="0.00"
          />
        </Field>
        <Field label="Currency" required error={error('currency')}>
          <Select value={values.currency} onChange={(e) => set('currency', e.target.value)}>
            {currencies.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Description" error={error('description')} className="span-2">
          <TextArea value={values.description} onChange={(e) => set('description', e.target.value)} rows={3} maxLength={2000} />
        </Field>
        <div className="checks span-2">
          <label className="checkbox">
            <input type="checkbox" checked={values.active} onChange={(e) => set('active', e.target.checked)} />
            Active (can be put on new orders)
          </label>
          <label className="checkbox">
            <input type="checkbox" checked={values.is_service} onChange={(e) => set('is_service', e.target.checked)} />
            Service line (shipping, fees): counts in totals, left out of analyses
          </label>
        </div>
      </fieldset>
    </FormFrame>
  );
}
