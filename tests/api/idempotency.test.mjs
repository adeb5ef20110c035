// Idempotency-Key scenarios: a replay answers the first response and creates nothing new;
// the same key with another body is 409 idempotency-key-reused; keys are per user.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, uniq, uniqueEmail, expectStatus, expectProblem, countAll } from './harness.mjs';

let h, agent;
before(async () => {
  h = await setup();
  agent = await h.makeUser('agent');
});
after(async () => { await h?.stop(); });

const withKey = (key) => ({ headers: { 'idempotency-key': key } });

describe('Idempotency-Key', () => {
  test('replay → same status and body, Idempotent-Replayed, nothing new', async () => {
    const key = uniq('key-');
    const body = { first_name: 'Idem', email: uniqueEmail('idem') };
    const n = await countAll(h.admin, 'contacts');
    const first = await agent.client.post('/api/v1/contacts', body, withKey(key));
    expectStatus(first, 201);
    const again = await agent.client.post('/api/v1/contacts', body, withKey(key));
    expectStatus(again, 201);
    assert.deepEqual(again.body, first.body);
    assert.equal(again.headers.get('idempotent-replayed'), 'true');
    assert.equal(first.headers.get('idempotent-replayed'), null, 'the first answer is not a replay');
    const third = await agent.client.post('/api/v1/contacts', body, withKey(key));
    assert.deepEqual(third.body, first.body);
    assert.equal(await countAll(h.admin, 'contacts'), n + 1);
  });

  test('the record changed since → the replay still returns the first response', async () => {
    const key = uniq('key-');
    const body = { first_name: 'Before', email: uniqueEmail('idem') };
    const first = expectStatus(await agent.client.post('/api/v1/contacts', body, withKey(key)), 201);
    expectStatus(await agent.client.patch(`/api/v1/contacts/${first.id}`, { first_name: 'After' }), 200);
    const again = await agent.client.post('/api/v1/contacts', body, withKey(key));
    expectStatus(again, 201);
    assert.deepEqual(again.body, first);
    const now = expectStatus(await h.admin.get(`/api/v1/contacts/${first.id}`), 200);
    assert.equal(now.first_name, 'After', 'the replay did not write the old values back');
    assert.equal(now.version, 2);
  });

  test('same key, different body → 409 idempotency-key-reused, nothing new', async () => {
    const key = uniq('key-');
    const email = uniqueEmail('idem');
    expectStatus(await agent.client.post('/api/v1/contacts', { first_name: 'A', email }, withKey(key)), 201);
    const n = await countAll(h.admin, 'contacts');
    const otherEmail = uniqueEmail('idem');
    const r = await agent.client.post('/api/v1/contacts', { first_name: 'B', email: otherEmail }, withKey(key));
    expectProblem(r, 409, 'idempotency-key-reused');
    assert.equal(await countAll(h.admin, 'contacts'), n);
    const list = expectStatus(await h.admin.get(`/api/v1/contacts?archived=all&email=${encodeURIComponent(otherEmail)}`), 200);
    assert.deepEqual(list.items, []);
  });

  test('same key on another path → 409 idempotency-key-reused', async () => {
    const key = uniq('key-');
    expectStatus(await agent.client.post('/api/v1/contacts', { first_name: 'Path' }, withKey(key)), 201);
    const n = await countAll(h.admin, 'companies');
    expectProblem(await agent.client.post('/api/v1/companies', { name: 'Path' }, withKey(key)), 409,
                  'idempotency-key-reused');
    assert.equal(await countAll(h.admin, 'companies'), n);
  });

  test('keys are per user: another user with the same key and body creates its own', async () => {
    const key = uniq('key-');
    const body = { first_name: 'Shared', last_name: 'Key' };
    const other = await h.makeUser('agent');
    const a = expectStatus(await agent.client.post('/api/v1/contacts', body, withKey(key)), 201);
    const b = await other.client.post('/api/v1/contacts', body, withKey(key));
    expectStatus(b, 201);
    assert.notEqual(b.body.id, a.id);
    assert.equal(b.headers.get('idempotent-replayed'), null);
  });

  test('without a key, the same body twice creates twice', async () => {
    const body = { first_name: 'No', last_name: 'Key' };
    const n = await countAll(h.admin, 'contacts');
    const a = expectStatus(await agent.client.post('/api/v1/contacts', body), 201);
    const b = expectStatus(await agent.client.post('/api/v1/contacts', body), 201);
    assert.notEqual(a.id, b.id);
    assert.equal(await countAll(h.admin, 'contacts'), n + 2);
  });

  test('batch and companies replay too', async () => {
    const key = uniq('key-');
    const body = { items: [{ first_name: 'B1', email: uniqueEmail('ib') }, { first_name: 'B2' }] };
    const n = await countAll(h.admin, 'contacts');
    const first = expectStatus(await agent.client.post('/api/v1/contacts/batch', body, withKey(key)), 201);
    const again = await agent.client.post('/api/v1/contacts/batch', body, withKey(key));
    expectStatus(again, 201);
    assert.deepEqual(again.body, first);
    assert.equal(await countAll(h.admin, 'contacts'), n + 2);

    const ckey = uniq('key-');
    const m = await countAll(h.admin, 'companies');
    const c1 = expectStatus(await agent.client.post('/api/v1/companies', { name: 'Idem AS' }, withKey(ckey)), 201);
    const c2 = await agent.client.post('/api/v1/companies', { name: 'Idem AS' }, withKey(ckey));
    expectStatus(c2, 201);
    assert.deepEqual(c2.body, c1);
    assert.equal(await countAll(h.admin, 'companies'), m + 1);
  });

  test('a key longer than 200 characters → 4xx problem, nothing created', async () => {
    const n = await countAll(h.admin, 'contacts');
    const r = await agent.client.post('/api/v1/contacts', { first_name: 'Longkey' }, withKey('k'.repeat(201)));
    expectProblem(r, r.status === 422 ? 422 : 400, r.status === 422 ? 'validation' : 'bad-request');
    assert.equal(await countAll(h.admin, 'contacts'), n);
    expectStatus(await agent.client.post('/api/v1/contacts', { first_name: 'Okkey' }, withKey('k'.repeat(200))), 201);
  });

  test('concurrent requests with one key create exactly one record', async () => {
    const key = uniq('key-');
    const body = { first_name: 'Race', last_name: uniq('r') };
    const n = await countAll(h.admin, 'contacts');
    const rs = await Promise.all(Array.from({ length: 6 },
      () => agent.client.post('/api/v1/contacts', body, withKey(key))));
    const created = rs.filter((r) => r.status === 201);
    assert.ok(created.length >= 1, `one succeeds: ${rs.map((r) => r.status)}`);
    for (const r of rs) {
      if (r.status === 201) assert.equal(r.body.id, created[0].body.id, 'every 201 is the same record');
      else expectProblem(r, 409, 'idempotency-in-progress');
    }
    assert.equal(await countAll(h.admin, 'contacts'), n + 1);
  });
});
