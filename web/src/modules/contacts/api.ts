// Calls for /api/v1/contacts. Changes send If-Match with the version the user saw.
import { http, request, type Page } from '../../lib/http';
import type { Contact, ContactInput, ContactListParams, Phase, PhaseHistory } from './types';

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

/** Moves the contact to another relationship phase, with an optional reason (kept in its history). */
export function moveContactPhase(id: string, phase: Phase, reason: string | null): Promise<Contact> {
  return http.post<Contact>(`${one(id)}/phase`, reason ? { phase, reason } : { phase });
}

export function getContactPhases(id: string, signal?: AbortSignal): Promise<PhaseHistory> {
  return http.get<PhaseHistory>(`${one(id)}/phases`, { signal });
}

/** Moves every non-archived contact of one owner to another (manager and up). */
export function reassignContacts(fromOwnerId: string, toOwnerId: string | null): Promise<{ moved: number }> {
  return http.post<{ moved: number }>(`${base}/reassign`, { from_owner_id: fromOwnerId, to_owner_id: toOwnerId });
}
