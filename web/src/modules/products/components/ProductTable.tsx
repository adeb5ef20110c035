// The product catalogue as a table: name (a link to the product), SKU, price, and whether
// it is active and a service line.
import { Link } from 'react-router-dom';
import { formatMoney } from '../../../lib/money';
import { Badge, Table, type Column } from '../../../ui';
import type { Product } from '../types';

export function ProductTable({ products, busy }: { products: Product[]; busy?: boolean }) {
  const columns: Column<Product>[] = [
    {
      key: 'name',
      header: 'Name',
      primary: true,
      clip: true,
      render: (p) => (
        <Link className="row-link" to={`/products/${encodeURIComponent(p.id)}`}>
          {p.name}
        </Link>
      ),
    },
    { key: 'sku', header: 'SKU', render: (p) => <code className="sku">{p.sku}</code> },
    { key: 'price', header: 'Price', align: 'right', render: (p) => formatMoney(p.price_minor, p.currency) },
    {
      key: 'state',
      header: 'State',
      render: (p) => (
        <span className="tag-list">
          {p.active ? <Badge tone="green">Active</Badge> : <Badge>Inactive</Badge>}
          {p.is_service && <Badge tone="violet">Service</Badge>}
        </span>
      ),
    },
  ];
  return <Table label="Products" columns={columns} rows={products} rowKey={(p) => p.id} busy={busy} />;
}
