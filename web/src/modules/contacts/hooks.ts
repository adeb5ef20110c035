// Hooks for contacts: the paged list (restarts when filters change), one contact, and
// contacts by id (cached, for names in task lists).
import { useEffect, useState } from 'react';
import { usePagedQuery, useResource } from '../../lib/hooks';
import { getContact, listContacts } from './api';
import type { Contact, ContactListParams } from './types';

export function useContactList(params: ContactListParams, pageSize = 50) {
  return usePagedQuery(params, listContacts, pageSize);
}

export function useContact(id: string) {
  return useResource<Contact>(id, (signal) => getContact(id, signal));
}

const byId = new Map<string, Promise<Contact | null>>();

export function rememberContact(c: Contact): void {
  byId.set(c.id, Promise.resolve(c));
}

export function clearContactCache(): void {
  byId.clear();
}

/** The contacts named by `ids`, fetched once each. Missing or unreadable ones are absent. */
export function useContactsById(ids: (string | null | undefined)[]): Map<string, Contact> {
  const [map, setMap] = useState<Map<string, Contact>>(new Map());
  const wanted = Array.from(new Set(ids.filter((x): x is string => !!x))).sort();
  const key = wanted.join(',');

  useEffect(() => {
    let live = true;
    const promises = wanted.map((id) => {
      let p = byId.get(id);
      if (!p) {
        p = getContact(id).catch(() => null);
        byId.set(id, p);
      }
      return p;
    });
    Promise.all(promises).then((contacts) => {
      if (!live) return;
      const m = new Map<string, Contact>();
      for (const c of contacts) if (c) m.set(c.id, c);
      setMap(m);
    });
    return () => {
      live = false;
    };
  }, [key]);

  return map;
}
