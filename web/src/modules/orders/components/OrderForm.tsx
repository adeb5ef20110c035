// The new-order form: the customer, the lines (a product found by name or SKU, quantity
// and unit price, prefilled from the product and editable), a live total, and optionally
// a back-dated time, external reference and note. The first product fixes the order's
// currency; later lines offer only products in it. The page does the API call.
import { useRef, useState, type ReactNode } from 'react';
import { localInputToIso, toLocalInput } from '../../../lib/format';
import { textOrNull } from '../../../lib/forms';
import { formatMoney, minorToInput, parseMoney } from '../../../lib/money';
import { Button, Field, FormFrame, Input, TextArea } from '../../../ui';
import { ContactPicker } from '../../contacts/components/ContactPicker';
import { ProductPicker } from '../../products/components/ProductPicker';
import type { Product } from '../../products/types';
import type { OrderInput } from '../types';

interface LineDraft {
  key: number;
  product: Product | null;
  quantity: string;
  price: string;
}

export interface OrderFormProps {
  contact: { id: string; name: string } | null;
  errors: Record<string, string>;
  busy: boolean;
  banner?: ReactNode;
  onSubmit: (input: OrderInput) => void;
  onCancel: () => void;
}

function lineTotal(l: LineDraft, currency: string): number | null {
  if (!l.product) return null;
  const q = Number(l.quantity);
  const p = parseMoney(l.price, currency);
  if (!Number.isInteger(q) || q < 1 || p === null) return null;
  return q * p;
}

export function OrderForm({ contact, errors, busy, banner, onSubmit, onCancel }: OrderFormProps) {
  const nextKey = useRef(2);
  const [contactId, setContactId] = useState<string | null>(contact?.id ?? null);
  const [contactLabel, setContactLabel] = useState(contact?.name ?? '');
  const [lines, setLines] = useState<LineDraft[]>([{ key: 1, product: null, quantity: '1', price: '' }]);
  const [orderedAt, setOrderedAt] = useState('');
  const [externalRef, setExternalRef] = useState('');
  const [note, setNote] = useState('');
  const [localError, setLocalError] = useState<Record<string, string>>({});

  const currency = lines.find((l) => l.product)?.product?.currency ?? null;
  const totals = currency ? lines.map((l) => lineTotal(l, currency)) : [];
  const total = totals.reduce<number>((n, t) => n + (t ?? 0), 0);
  const allErrors = { ...errors, ...localError };

  function setLine(key: number, patch: Partial<LineDraft>) {
    setLines((ls) => ls.map((l) => (l.key === key ? { ...l, ...patch } : l)));
    setLocalError({});
  }

  function submit() {
    const chosen = lines.filter((l) => l.product);
    const problems: Record<string, string> = {};
    if (!contactId) problems.contact_id = 'is required';
    if (chosen.length === 0) problems.lines = 'Add at least one product.';
    if (currency && chosen.some((l) => lineTotal(l, currency) === null)) problems.lines = 'Each line needs a whole quantity of 1 or more and a price.';
    if (Object.keys(problems).length) {
      setLocalError(problems);
      return;
    }
    const input: OrderInput = {
      contact_id: contactId ?? undefined,
      currency: currency ?? undefined,
      lines: chosen.map((l) => ({
        product_id: l.product!.id,
        quantity: Number(l.quantity),
        unit_price_minor: parseMoney(l.price, currency!) ?? undefined,
      })),
    };
    const at = localInputToIso(orderedAt);
    if (at) input.ordered_at = at;
    const ref = textOrNull(externalRef);
    if (ref) input.external_ref = ref;
    const n = textOrNull(note);
    if (n) input.note = n;
    onSubmit(input);
  }

  return (
    <FormFrame errors={allErrors} busy={busy} submitLabel="Create order" onSubmit={submit} onCancel={onCancel} banner={banner}>
      <div className="form-grid">
        <Field label="Customer" required error={allErrors.contact_id} className="span-2">
          <ContactPicker
            value={contactId}
            label={contactLabel}
            onChange={(id, name) => {
              setContactId(id);
              setContactLabel(name);
              setLocalError({});
            }}
          />
        </Field>
      </div>

      <fieldset className="order-lines" aria-describedby={allErrors.lines ? 'order-lines-error' : undefined}>
        <legend className="form-legend">Lines</legend>
        {lines.map((l, i) => {
          const n = i + 1;
          const t = currency ? totals[i] : null;
          return (
            <div className="order-line" key={l.key} role="group" aria-label={`Line ${n}`}>
              <Field label={`Product ${n}`} className="order-line-product">
                <ProductPicker
                  value={l.product?.id ?? null}
                  label={l.product?.name ?? ''}
                  // Once a line fixes the currency, the others offer products in it only.
                  currency={lines.some((o) => o.key !== l.key && o.product) ? currency ?? undefined : undefined}
                  onChange={(p) => setLine(l.key, { product: p, price: p ? minorToInput(p.price_minor, p.currency) : '' })}
                />
              </Field>
              <Field label={`Quantity ${n}`}>
                <Input type="number" min={1} step={1} value={l.quantity} onChange={(e) => setLine(l.key, { quantity: e.target.value })} />
              </Field>
              <Field label={`Unit price ${n}`}>
                <Input value={l.price} inputMode="decimal" onChange={(e) => setLine(l.key, { price: e.target.value })} disabled={!l.product} />
              </Field>
              <div className="order-line-total" aria-label={`Line ${n} total`}>
                {t !== null && t !== undefined && currency ? formatMoney(t, currency) : '—'}
              </div>
              <Button
                size="sm"
                variant="ghost"
                aria-label={`Remove line ${n}`}
                disabled={lines.length === 1}
                onClick={() => setLines((ls) => ls.filter((x) => x.key !== l.key))}
              >
                ×
              </Button>
            </div>
          );
        })}
        {allErrors.lines && (
          <p className="field-error" id="order-lines-error">
            {allErrors.lines}
          </p>
        )}
        <div className="order-lines-foot">
          <Button size="sm" onClick={() => setLines((ls) => [...ls, { key: nextKey.current++, product: null, quantity: '1', price: '' }])}>
            Add line
          </Button>
          <p className="order-form-total" aria-live="polite">
            Total <strong data-testid="order-total">{currency ? formatMoney(total, currency) : '—'}</strong>
          </p>
        </div>
      </fieldset>

      <div className="form-grid">
        <Field label="Ordered at" hint="Now when left empty; may be back-dated" error={allErrors.ordered_at}>
          <Input type="datetime-local" value={orderedAt} max={toLocalInput(new Date())} onChange={(e) => setOrderedAt(e.target.value)} />
        </Field>
        <Field label="External reference" hint="The order's number in a shop or ERP" error={allErrors.external_ref}>
          <Input value={externalRef} onChange={(e) => setExternalRef(e.target.value)} maxLength={100} autoComplete="off" />
        </Field>
        <Field label="Note" error={allErrors.note} className="span-2">
          <TextArea value={note} onChange={(e) => setNote(e.target.value)} rows={2} maxLength={2000} />
        </Field>
      </div>
    </FormFrame>
  );
}
