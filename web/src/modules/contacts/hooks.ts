// Hooks for contacts: the paged list (restarts when filters change) and one contact.
import { usePagedQuery, useResource } from '../../lib/hooks';
import { getContact, listContacts } from './api';
import type { Contact, ContactListParams } from './types';

export function useContactList(params: ContactListParams, pageSize = 50) {
  return usePagedQuery(params, listContacts, pageSize);
}

export function useContact(id: string) {
  return useResource<Contact>(id, (signal) => getContact(id, signal));
}
