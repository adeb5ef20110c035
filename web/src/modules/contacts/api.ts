// Calls for /api/v1/contacts. Changes send If-Match with the version the user saw.
import { http, request, type Page } from '../../lib/http';
import type { Contact, ContactInput, ContactListParams } from './types';

const base = '/api/v1/contacts';
const one = (id: string) => `${base}/${encodeURIComponent(id)}`;

export function listContacts(
  params: ContactListParams & { cursor?: string | null; limit?: number },
  signal?: AbortSignal,
): Promise<Page<Contact>> {
  return http.get<Page<Contact>>(base, { query: { ...params }, signal });
}

export function getContact(id: string, signal?: AbortSignal): Promise<Contact> {
  return http.get<Contact>(one(id), { signal });
}

export async function createContact(input: Partial<ContactInput>): Promise<Contact> {
  return (await request<Contact>('POST', base, { body: input })).data;
}

export function updateContact(id: string, patch: Partial<ContactInput>, version: number): Promise<Contact> {
  return http.patch<Contact>(one(id), patch, { ifMatch: version });
}

export function archiveContact(id: string, version: number): Promise<void> {
  return http.del(one(id), { ifMatch: version });
}
