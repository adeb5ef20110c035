// Helpers the operational-CRM scenarios share (interactions, contact pressure, timeline,
// tasks, owners and phases, attention): instants relative to now, contacts with unique
// names, the contact-pressure cap and comparing lists of records.

import assert from 'node:assert/strict';
import { expectStatus, uniq, uniqueEmail } from './harness.mjs';

export const HOUR = 3_600_000;
export const DAY = 86_400_000;

/** An RFC 3339 UTC instant `ms` milliseconds from now (negative: in the past). */
export const at = (ms) => new Date(Date.now() + ms).toISOString();

/** An RFC 3339 UTC instant `days` days before now (ms precision). */
export const ago = (days) => new Date(Date.now() - days * DAY).toISOString();

/**
 * Creates a contact as `client` and returns it (asserts 201): first name `name`, a unique
 * last name and email made from it, then the fields in `body`.
 */
export async function createContact(client, name, body = {}) {
  return expectStatus(await client.post('/api/v1/contacts',
    { first_name: name, last_name: uniq(name), email: uniqueEmail(name.toLowerCase()), ...body }), 201);
}

/** PUT /settings/contact-pressure as `admin` (0 turns the cap off); returns the settings. */
export async function setPressureCap(admin, max_outbound, window_days) {
  const s = expectStatus(await admin.put('/api/v1/settings/contact-pressure', { max_outbound, window_days }), 200);
  assert.equal(s.max_outbound, max_outbound);
  assert.equal(s.window_days, window_days);
  return s;
}

export const ids = (items) => items.map((x) => x.id);

/** Asserts that `a` and `b` hold the same values, in any order. */
export const sameSet = (a, b, msg) => assert.deepEqual([...a].sort(), [...b].sort(), msg);
