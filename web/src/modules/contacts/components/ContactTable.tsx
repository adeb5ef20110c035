// The contacts table: name (a link), email, phone, company, owner, phase, kind, updated.
// `hideCompany` for lists already inside a company.
import { Link } from 'react-router-dom';
import { formatRelative } from '../../../lib/format';
import { Avatar, Table, type Column } from '../../../ui';
import { useCompaniesById } from '../../companies';
import { UserName } from '../../users';
import { contactInitials, contactName, type Contact } from '../types';
import { KindBadge, PhaseBadge } from './ContactBadges';

const dash = <span className="muted">—</span>;

export function ContactTable({ contacts, busy, hideCompany }: { contacts: Contact[]; busy?: boolean; hideCompany?: boolean }) {
  const companies = useCompaniesById(hideCompany ? [] : contacts.map((c) => c.company_id));
  const columns: Column<Contact>[] = [
    {
      key: 'name',
      header: 'Name',
      primary: true,
      render: (c) => (
        <span className="name-cell">
          <Avatar text={contactInitials(c)} seed={c.id} />
          <span className="name-cell-text">
            <Link className="row-link" to={`/contacts/${encodeURIComponent(c.id)}`}>
              {contactName(c)}
            </Link>
            {c.job_title && <span className="name-cell-sub">{c.job_title}</span>}
          </span>
        </span>
      ),
    },
    { key: 'email', header: 'Email', clip: true, render: (c) => c.email ?? dash },
    { key: 'phone', header: 'Phone', hideBelow: 'md', render: (c) => c.phone ?? dash },
  ];
  if (!hideCompany) {
    columns.push({
      key: 'company',
      header: 'Company',
      clip: true,
      render: (c) => {
        if (!c.company_id) return dash;
        const co = companies.get(c.company_id);
        return (
          <Link className="subtle-link" to={`/companies/${encodeURIComponent(c.company_id)}`}>
            {co ? co.name : '…'}
          </Link>
        );
      },
    });
  }
  columns.push(
    { key: 'owner', header: 'Owner', hideBelow: 'lg', render: (c) => <UserName id={c.owner_id} /> },
    { key: 'phase', header: 'Phase', render: (c) => <PhaseBadge phase={c.phase} /> },
    { key: 'kind', header: 'Kind', hideBelow: 'xl', render: (c) => <KindBadge kind={c.kind} /> },
    {
      key: 'updated',
      header: 'Updated',
      hideBelow: 'xl',
      render: (c) => <time dateTime={c.updated_at}>{formatRelative(c.updated_at)}</time>,
    },
  );
  return <Table label="Contacts" columns={columns} rows={contacts} rowKey={(c) => c.id} busy={busy} />;
}
