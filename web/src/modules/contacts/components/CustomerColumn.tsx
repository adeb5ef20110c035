// "Customer" columns for tables: of records that belong to a contact (cases, orders,
// opportunities), fetching the contacts' names; and of customers the API already names
// (analytics, reports). Either links to the contact's page.
import { Link } from 'react-router-dom';
import type { Column } from '../../../ui';
import { useContactsById } from '../hooks';
import { contactName } from '../types';

/** The contact's name linking to them, "…" while it loads, "—" for a record without a contact; none when `hide` (on the customer's own page). */
export function useCustomerColumns<T>(rows: T[], contactId: (row: T) => string | null | undefined, hide: boolean): Column<T>[] {
  const contacts = useContactsById(hide ? [] : rows.map(contactId));
  if (hide) return [];
  return [
    {
      key: 'customer',
      header: 'Customer',
      clip: true,
      render: (row) => {
        const id = contactId(row);
        if (!id) return <span className="muted">—</span>;
        const c = contacts.get(id);
        return (
          <Link className="subtle-link" to={`/contacts/${encodeURIComponent(id)}`}>
            {c ? contactName(c) : '…'}
          </Link>
        );
      },
    },
  ];
}

/** The "Customer" column of a table of customers the API names itself (analytics, reports): the name, linking to the contact. */
export function customerNameColumn<T extends { contact_id: string; name: string }>(): Column<T> {
  return {
    key: 'name',
    header: 'Customer',
    primary: true,
    render: (c) => (
      <Link className="row-link" to={`/contacts/${encodeURIComponent(c.contact_id)}`}>
        {c.name}
      </Link>
    ),
  };
}
