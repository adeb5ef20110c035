// The companies table: name (a link to the company), domain, industry, phone, owner.
import { Link } from 'react-router-dom';
import { formatRelative } from '../../../lib/format';
import { Table, type Column } from '../../../ui';
import { UserName } from '../../users';
import type { Company } from '../types';

const columns: Column<Company>[] = [
  {
    key: 'name',
    header: 'Name',
    primary: true,
    render: (c) => (
      <Link className="row-link" to={`/companies/${encodeURIComponent(c.id)}`}>
        {c.name}
      </Link>
    ),
  },
  { key: 'domain', header: 'Domain', clip: true, render: (c) => c.domain ?? <span className="muted">—</span> },
  { key: 'industry', header: 'Industry', render: (c) => c.industry ?? <span className="muted">—</span> },
  { key: 'phone', header: 'Phone', hideBelow: 'md', render: (c) => c.phone ?? <span className="muted">—</span> },
  { key: 'owner', header: 'Owner', render: (c) => <UserName id={c.owner_id} /> },
  {
    key: 'updated',
    header: 'Updated',
    hideBelow: 'lg',
    render: (c) => <time dateTime={c.updated_at}>{formatRelative(c.updated_at)}</time>,
  },
];

export function CompanyTable({ companies, busy }: { companies: Company[]; busy?: boolean }) {
  return <Table label="Companies" columns={columns} rows={companies} rowKey={(c) => c.id} busy={busy} />;
}
