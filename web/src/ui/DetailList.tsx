// Label/value pairs for a record's detail view (a <dl>), bare or in a card. Empty values show a dash.
import type { ReactNode } from 'react';
import { Card } from './Card';

export interface DetailItem {
  label: string;
  value: ReactNode;
  wide?: boolean;
}

export function DetailList({ items }: { items: DetailItem[] }) {
  return (
    <dl className="details">
      {items.map((it) => (
        <div key={it.label} className={it.wide ? 'details-item details-wide' : 'details-item'}>
          <dt>{it.label}</dt>
          <dd>{it.value === null || it.value === undefined || it.value === '' ? <span className="muted">—</span> : it.value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** A card with a heading over a DetailList; `id` ties the heading to the section. */
export function DetailCard({ id, title, items }: { id: string; title: string; items: DetailItem[] }) {
  return (
    <Card id={id} title={title}>
      <DetailList items={items} />
    </Card>
  );
}
