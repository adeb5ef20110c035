// A link to a contact's page, named by the contact: "Customer" until the name is loaded
// (or when the contact cannot be read). For a record page's subtitle.
import { Link } from 'react-router-dom';
import { useContactsById } from '../hooks';
import { contactName } from '../types';

export function ContactLink({ id }: { id: string }) {
  const contact = useContactsById([id]).get(id);
  return <Link to={`/contacts/${encodeURIComponent(id)}`}>{contact ? contactName(contact) : 'Customer'}</Link>;
}
