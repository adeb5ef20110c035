// For a duplicate-email answer (409): "It belongs to Kari Nordmann", linking the contact
// that already has the email.
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { getContact } from '../api';
import { contactName, type Contact } from '../types';

export function DuplicateLink({ existingId }: { existingId: string | null }) {
  const [existing, setExisting] = useState<Contact | null>(null);
  useEffect(() => {
    if (!existingId) return;
    const ac = new AbortController();
    getContact(existingId, ac.signal).then(setExisting, () => undefined);
    return () => ac.abort();
  }, [existingId]);
  if (!existingId) return <>Search the contacts list for this email.</>;
  return (
    <>
      It belongs to{' '}
      <Link to={`/contacts/${encodeURIComponent(existingId)}`}>{existing ? contactName(existing) : 'the existing contact'}</Link>.
      Open that contact instead, or change the email.
    </>
  );
}
