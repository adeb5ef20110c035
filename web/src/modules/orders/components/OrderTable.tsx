// Orders as a table: the order (number, a link), customer, when, status, channel, items
// and total. `hideCustomer` on the customer's own page.
import { Link } from 'react-router-dom';
import { formatDay, humanize } from '../../../lib/format';
import { formatMoney } from '../../../lib/money';
import { Table, type Column } from '../../../ui';
import { useCustomerColumns } from '../../contacts';
import { itemCount, orderRef, type Order } from '../types';
import { OrderStatusBadge } from './OrderStatusBadge';

export interface OrderTableProps {
  orders: Order[];
  busy?: boolean;
  label?: string;
  hideCustomer?: boolean;
}

export function OrderTable({ orders, busy, label = 'Orders', hideCustomer = false }: OrderTableProps) {
  const customer = useCustomerColumns(orders, (o) => o.contact_id, hideCustomer);
  const columns: Column<Order>[] = [
    {
      key: 'order',
      header: 'Order',
      primary: true,
      render: (o) => (
        <Link className="row-link" to={`/orders/${encodeURIComponent(o.id)}`}>
          Order {orderRef(o)}
        </Link>
      ),
    },
    ...customer,
    { key: 'date', header: 'Ordered', render: (o) => <time dateTime={o.ordered_at}>{formatDay(o.ordered_at)}</time> },
    { key: 'status', header: 'Status', render: (o) => <OrderStatusBadge status={o.status} /> },
    { key: 'channel', header: 'Channel', hideBelow: 'md', render: (o) => humanize(o.channel) },
    { key: 'items', header: 'Items', align: 'right', hideBelow: 'lg', render: (o) => itemCount(o) },
    { key: 'total', header: 'Total', align: 'right', render: (o) => formatMoney(o.total_minor, o.currency) },
  ];
  return <Table columns={columns} rows={orders} rowKey={(o) => o.id} label={label} busy={busy} />;
}
