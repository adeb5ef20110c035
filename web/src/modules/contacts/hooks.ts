// Hooks for contacts: the paged list (restarts when filters change) and one contact.
import { useCallback } from 'react';
import { usePagedList, useResource } from '../../lib/hooks';
import { getContact, listContacts } from './api';
import type { Contact, ContactListParams } from './types';

export function useContactList(params: ContactListParams, pageSize = 50) {
  const key = JSON.stringify(params);
  const fetchPage = useCallback(
    (cursor: string | null, signal: AbortSignal) => listContacts({ ...params, cursor, limit: pageSize }, signal),
    [key, pageSize],
  );
  return usePagedList<Contact>(key, fetchPage);
}

export function useContact(id: string) {
  return useResource<Contact>(id, (signal) => getContact(id, signal));
}
