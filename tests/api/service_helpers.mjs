// Helpers the service-desk scenarios share (cases, SLA, routing, attachments): business
// hours, customers with an owner, opening cases, SLA policies, polling until the server's
// background jobs have changed something, and restarting a server on the same database
// with another `--clock` (to let SLA timers fall due without waiting).

import assert from 'node:assert/strict';
import { startServer, login, api, expectStatus, uniq, uniqueEmail, ADMIN_EMAIL, ADMIN_PASSWORD } from './harness.mjs';

export const MINUTE = 60_000;
export const HOUR = 3_600_000;

const weekdays = (hours) => ({ mon: hours, tue: hours, wed: hours, thu: hours, fri: hours, sat: [], sun: [] });

/** Monday to Friday 09:00–17:00 in Oslo (08:00–16:00Z in winter, 07:00–15:00Z in summer). */
export const OSLO_OFFICE = Object.freeze({ tz: 'Europe/Oslo', week: weekdays([['09:00', '17:00']]) });

/** Open around the clock, every day, in UTC: business minutes are wall-clock minutes. */
export const ALWAYS_OPEN = Object.freeze({
  tz: 'UTC',
  week: { mon: [['00:00', '24:00']], tue: [['00:00', '24:00']], wed: [['00:00', '24:00']], thu: [['00:00', '24:00']],
          fri: [['00:00', '24:00']], sat: [['00:00', '24:00']], sun: [['00:00', '24:00']] },
});

/** An RFC 3339 UTC instant `ms` milliseconds from now (negative: in the past). */
export const fromNow = (ms) => new Date(Date.now() + ms).toISOString();

/** `iso` plus `ms`, as an RFC 3339 UTC instant with milliseconds. */
export const plus = (iso, ms) => new Date(Date.parse(iso) + ms).toISOString();

/** The same instant, normalised to `YYYY-MM-DDTHH:MM:SS.mmmZ` (null stays null). */
export const norm = (iso) => (iso === null || iso === undefined ? iso : new Date(Date.parse(iso)).toISOString());

export const pause = (ms) => new Promise((resolve) => { setTimeout(resolve, ms); });

/** Creates a customer (kind customer, unique email) as `client`; `body` adds or overrides fields. */
export async function customer(client, body = {}) {
  return expectStatus(await client.post('/api/v1/contacts', {
    first_name: 'Kunde', last_name: uniq('Kunde'), email: uniqueEmail('kunde'), kind: 'customer', ...body,
  }), 201);
}

/** Opens a case (asserts 201) for `contact` as `client`. */
export async function openCase(client, contact, body = {}) {
  return expectStatus(await client.post('/api/v1/cases', { contact_id: contact.id, subject: uniq('Subject '), ...body }), 201);
}

/** GET /cases/{id} (asserts 200). */
export async function readCase(client, id) {
  return expectStatus(await client.get(`/api/v1/cases/${id}`), 200);
}

/** PATCH /cases/{id} (asserts 200). */
export async function patchCase(client, id, body) {
  return expectStatus(await client.patch(`/api/v1/cases/${id}`, body), 200);
}

/** The case's events (asserts 200). */
export async function caseEvents(client, id) {
  const body = expectStatus(await client.get(`/api/v1/cases/${id}/events`), 200);
  assert.ok(Array.isArray(body.items), `events items[]: ${JSON.stringify(body)}`);
  return body.items;
}

/** Creates an SLA policy as `client` (manager+; asserts 201). */
export async function createPolicy(client, body) {
  return expectStatus(await client.post('/api/v1/sla-policies', {
    name: uniq('Policy '), first_response_minutes: 60, resolution_minutes: 480, business_hours: OSLO_OFFICE, ...body,
  }), 201);
}

/**
 * Calls `read()` until `accept(value)` is true and returns that value; fails after
 * `timeoutMs` with the last value (background jobs run on their own schedule).
 */
export async function waitFor(read, accept, { timeoutMs = 10_000, what = 'condition' } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    last = await read();
    if (accept(last)) return last;
    if (Date.now() > deadline) {
      assert.fail(`${what} not reached within ${timeoutMs / 1000} s; last value: ${JSON.stringify(last).slice(0, 3000)}`);
    }
    await pause(100);
  }
}

/** The caller's notifications (asserts 200): {items, unread_count}. */
export async function notifications(client, query = '') {
  return expectStatus(await client.get(`/api/v1/notifications${query}`), 200);
}

/**
 * Starts `hearth serve` on an existing database `db` with the clock at `clock` and signs in
 * the admin and every user in `users` ({email, password}, as makeUser returns them) again:
 * {server, admin, clients: Map(user id → client)}. The caller stops `server`.
 */
export async function serveAt(db, clock, users = []) {
  const server = await startServer({ db, serveArgs: ['--clock', clock] });
  try {
    const admin = api(server.base, await login(server.base, ADMIN_EMAIL, ADMIN_PASSWORD));
    const clients = new Map();
    for (const u of users) clients.set(u.id, api(server.base, await login(server.base, u.email, u.password)));
    return { server, admin, clients };
  } catch (err) {
    await server.stop().catch(() => {});
    throw err;
  }
}
