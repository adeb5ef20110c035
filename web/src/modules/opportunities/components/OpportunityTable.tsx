// Opportunities as a table: title (a link), customer, stage, amount, expected close and
// owner. `hideCustomer` on the customer's own page.
import { Link } from 'react-router-dom';
import { formatDate } from '../../../lib/format';
import { formatMoney } from '../../../lib/money';
import { Table, type Column } from '../../../ui';
import { useCustomerColumns } from '../../contacts';
import { UserName } from '../../users';
import type { Opportunity } from '../types';
import { StageBadge } from './StageBadge';

export interface OpportunityTableProps {
  opportunities: Opportunity[];
  busy?: boolean;
  label?: string;
  hideCustomer?: boolean;
}

export function OpportunityTable({ opportunities, busy, label = 'Opportunities', hideCustomer = false }: OpportunityTableProps) {
  const customer = useCustomerColumns(opportunities, (o) => o.contact_id, hideCustomer);
  const columns: Column<Opportunity>[] = [
    {
      key: 'title',
      header: 'Opportunity',
      primary: true,
      clip: true,
      render: (o) => (
        <Link className="row-link" to={`/opportunities/${encodeURIComponent(o.id)}`}>
          {o.title}
        </Link>
      ),
    },
    ...customer,
    { key: 'stage', header: 'Stage', render: (o) => <StageBadge stage={o.stage} /> },
    { key: 'amount', header: 'Amount', align: 'right', render: (o) => formatMoney(o.amount_minor, o.currency) },
    { key: 'close', header: 'Expected close', hideBelow: 'md', render: (o) => formatDate(o.expected_close) || <span className="muted">—</span> },
    { key: 'owner', header: 'Owner', hideBelow: 'lg', render: (o) => <UserName id={o.owner_id} /> },
  ];
  return <Table columns={columns} rows={opportunities} rowKey={(o) => o.id} label={label} busy={busy} />;
}
