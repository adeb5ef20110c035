// Products bought together: each rule "who buys A also buys B" with its support (share of
// baskets holding both), confidence (share of A's baskets holding B) and lift (how much
// likelier B is with A than without).
import { formatFigure, formatPercent, type AffinityProduct, type AffinityRule } from '../types';
import { Table } from '../../../ui';

function names(ps: AffinityProduct[]): string {
  return ps.map((p) => `${p.name} (${p.sku})`).join(' + ');
}

export function AffinityTable({ rules }: { rules: AffinityRule[] }) {
  return (
    <Table<AffinityRule>
      label="Product affinity"
      rows={rules}
      rowKey={(r) => `${r.antecedent.map((p) => p.product_id).join('+')}>${r.consequent.map((p) => p.product_id).join('+')}`}
      columns={[
        { key: 'antecedent', header: 'Who buys', primary: true, render: (r) => names(r.antecedent) },
        { key: 'arrow', header: '', label: '', render: () => <span aria-hidden="true">→</span> },
        { key: 'consequent', header: 'Also buys', render: (r) => names(r.consequent) },
        { key: 'support', header: 'Support', align: 'right', render: (r) => formatPercent(r.support) },
        { key: 'confidence', header: 'Confidence', align: 'right', render: (r) => formatPercent(r.confidence) },
        { key: 'lift', header: 'Lift', align: 'right', render: (r) => formatFigure(r.lift) },
      ]}
    />
  );
}
