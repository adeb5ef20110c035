// Label/value pairs for a record's detail view (a <dl>). Empty values show a dash.
import type { ReactNode } from 'react';

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
