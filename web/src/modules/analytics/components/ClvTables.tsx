// The CLV model's fitted parameters (BG/NBD for purchases and churn, Gamma-Gamma for
// spend), the settings it values customers with, its totals, and the customers with the
// highest lifetime value. With fewer than two repeat customers there is no model: the
// card says so and the table shows only the customers.
import { formatMoney } from '../../../lib/money';
import { Card, DetailList, Table } from '../../../ui';
import { customerNameColumn } from '../../contacts';
import { formatFigure, formatPercent, type ClvAnswer, type ClvCustomer } from '../types';

export function ClvModelCard({ clv }: { clv: ClvAnswer }) {
  const model = clv.model;
  const bgnbd = model?.bgnbd ?? null;
  const gg = model?.gamma_gamma ?? null;
  const currency = clv.currency ?? null;
  const s = clv.settings;
  return (
    <Card id="clv-model" title="Model parameters">
      <DetailList
        items={[
          { label: 'Customers', value: model ? String(model.customers) : '—' },
          { label: 'Repeat customers', value: model ? String(model.repeat_customers) : '—' },
          { label: 'Total CLV', value: currency ? formatMoney(clv.totals.clv_minor, currency) : String(clv.totals.clv_minor) },
          { label: 'Expected purchases', value: formatFigure(clv.totals.expected_purchases, 4) },
          {
            label: 'BG/NBD (purchases and churn)',
            wide: true,
            value: bgnbd
              ? `r ${formatFigure(bgnbd.r)} · α ${formatFigure(bgnbd.alpha)} · a ${formatFigure(bgnbd.a)} · b ${formatFigure(bgnbd.b)} · log-likelihood ${formatFigure(bgnbd.log_likelihood, 6)}`
              : 'Not fitted: fewer than two repeat customers',
          },
          {
            label: 'Gamma-Gamma (spend)',
            wide: true,
            value: gg
              ? `p ${formatFigure(gg.p)} · q ${formatFigure(gg.q)} · γ ${formatFigure(gg.gamma)} · log-likelihood ${formatFigure(gg.log_likelihood, 6)}`
              : model
                ? "Not fitted: each customer's own average spend is used"
                : 'Not fitted: fewer than two repeat customers',
          },
          ...(s
            ? [
                {
                  label: 'Valued over',
                  wide: true,
                  value: `${s.horizon_weeks} weeks · ${formatFigure(s.annual_discount_rate * 100)}% annual discount rate · ${formatFigure(s.margin_percent)}% margin`,
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}

export function ClvTopTable({ clv }: { clv: ClvAnswer }) {
  const currency = clv.currency ?? null;
  const money = (m: number | undefined) => (m === undefined ? '—' : currency ? formatMoney(m, currency) : String(m));
  return (
    <Table<ClvCustomer>
      label="Top customers by lifetime value"
      rows={clv.items}
      rowKey={(c) => c.contact_id}
      columns={[
        customerNameColumn<ClvCustomer>(),
        { key: 'alive', header: 'P(alive)', align: 'right', render: (c) => formatPercent(c.p_alive, 0) },
        { key: 'purchases', header: 'Expected purchases', align: 'right', render: (c) => formatFigure(c.expected_purchases) },
        { key: 'spend', header: 'Expected spend per purchase', align: 'right', hideBelow: 'md', render: (c) => money(c.expected_spend_minor) },
        { key: 'clv', header: 'CLV', align: 'right', render: (c) => money(c.clv_minor) },
      ]}
    />
  );
}
