// Batch create of contacts: all or nothing, field errors and duplicates reported per item
// (`items[i].field`), and the 1–1000 size bounds.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  setup, uniqueEmail, expectStatus, expectProblem, expectFieldErrors, countAll,
} from './harness.mjs';

let h, agent, viewer;
before(async () => {
  h = await setup();
  agent = await h.makeUser('agent');
  viewer = await h.makeUser('viewer');
});
after(async () => { await h?.stop(); });

const batch = (items, client = agent.client) => client.post('/api/v1/contacts/batch', { items });

async function byEmail(email) {
  const r = await h.admin.get(`/api/v1/contacts?archived=all&email=${encodeURIComponent(email)}`);
  return expectStatus(r, 200).items;
}

describe('batch create', () => {
  test('valid items → 201 with every record, in order, stored', async () => {
    const items = [
      { first_name: 'Alfa', email: uniqueEmail('b') },
      { first_name: 'Bravo', email: uniqueEmail('b'), phone: '412 34 567', kind: 'customer' },
      { last_name: 'Charlie', tags: ['x', 'x', ' y '] },
    ];
    const n = await countAll(h.admin, 'contacts');
    const body = expectStatus(await batch(items), 201);
    assert.equal(body.items.length, 3);
    assert.deepEqual(body.items.map((c) => c.first_name), ['Alfa', 'Bravo', null]);
    assert.equal(body.items[2].last_name, 'Charlie');
    assert.equal(body.items[1].phone, '+4741234567');
    assert.equal(body.items[1].kind, 'customer');
    assert.equal(body.items[0].kind, 'prospect');
    assert.deepEqual([...body.items[2].tags].sort(), ['x', 'y']);
    assert.equal(new Set(body.items.map((c) => c.id)).size, 3);
    for (const c of body.items) {
      assert.equal(c.version, 1);
      assert.deepEqual(expectStatus(await h.admin.get(`/api/v1/contacts/${c.id}`), 200), c);
    }
    assert.equal(await countAll(h.admin, 'contacts'), n + 3);
  });

  test('field errors → 422 naming items[i].field; nothing stored', async () => {
    const okEmail = uniqueEmail('ok');
    const n = await countAll(h.admin, 'contacts');
    const r = await batch([
      { first_name: 'Fine', email: okEmail },
      { first_name: 'Bad', email: 'not-an-email' },
      { first_name: 'Worse', kind: 'vip', birthday: '2001-13-01' },
      { phone: '+47 412 34 567' },
    ]);
    const p = expectFieldErrors(r, ['items[1].email', 'items[2].kind', 'items[2].birthday']);
    assert.ok(!p.errors.some((e) => e.field.startsWith('items[0]')), 'the valid item has no error');
    assert.ok(p.errors.some((e) => e.field.startsWith('items[3]')), 'the nameless item has an error');
    assert.deepEqual(await byEmail(okEmail), [], 'the valid item was not stored either');
    assert.equal(await countAll(h.admin, 'contacts'), n);
  });

  test('unknown field in one item → 422 items[i].<field>', async () => {
    const n = await countAll(h.admin, 'contacts');
    expectFieldErrors(await batch([{ first_name: 'A' }, { first_name: 'B', shoe_size: 44 }]),
                      ['items[1].shoe_size']);
    assert.equal(await countAll(h.admin, 'contacts'), n);
  });

  test('duplicate emails within the batch → 409 duplicate-email, nothing stored', async () => {
    const email = uniqueEmail('twin');
    const other = uniqueEmail('single');
    const n = await countAll(h.admin, 'contacts');
    const r = await batch([
      { first_name: 'One', email },
      { first_name: 'Solo', email: other },
      { first_name: 'Two', email: email.toUpperCase() },
    ]);
    const p = expectFieldErrors(r, ['items[2].email'], { status: 409, slug: 'duplicate-email' });
    assert.ok(!p.errors.some((e) => e.field === 'items[1].email'));
    assert.deepEqual(await byEmail(email), []);
    assert.deepEqual(await byEmail(other), []);
    assert.equal(await countAll(h.admin, 'contacts'), n);
  });

  test('duplicate of a stored contact → 409 duplicate-email, nothing stored', async () => {
    const email = uniqueEmail('stored');
    expectStatus(await agent.client.post('/api/v1/contacts', { first_name: 'Stored', email }), 201);
    const fresh = uniqueEmail('fresh');
    const n = await countAll(h.admin, 'contacts');
    const r = await batch([
      { first_name: 'Fresh', email: fresh },
      { first_name: 'Fresh2', email: uniqueEmail('fresh') },
      { first_name: 'Again', email: `  ${email.toUpperCase()} ` },
    ]);
    expectFieldErrors(r, ['items[2].email'], { status: 409, slug: 'duplicate-email' });
    assert.deepEqual(await byEmail(fresh), []);
    assert.equal(await countAll(h.admin, 'contacts'), n);
  });

  test('allow_duplicate on an item lets it through', async () => {
    const email = uniqueEmail('dupok');
    const stored = expectStatus(await agent.client.post('/api/v1/contacts', { first_name: 'Stored', email }), 201);
    const body = expectStatus(await batch([{ first_name: 'Again', email, allow_duplicate: true }]), 201);
    assert.notEqual(body.items[0].id, stored.id);
    assert.equal((await byEmail(email)).length, 2);
  });

  test('more than 1000 items → 422, nothing stored', async () => {
    const n = await countAll(h.admin, 'contacts');
    const items = Array.from({ length: 1001 }, (_, i) => ({ last_name: `Many ${i}` }));
    expectProblem(await batch(items), 422, ['validation', 'limit-too-large']);
    assert.equal(await countAll(h.admin, 'contacts'), n);
  });

  test('empty or missing items → 422, nothing stored', async () => {
    const n = await countAll(h.admin, 'contacts');
    expectProblem(await batch([]), 422, 'validation');
    expectProblem(await agent.client.post('/api/v1/contacts/batch', {}), 422, 'validation');
    expectProblem(await agent.client.post('/api/v1/contacts/batch', { items: 'not a list' }), 422, 'validation');
    assert.equal(await countAll(h.admin, 'contacts'), n);
  });

  test('exactly 1000 items → 201, all stored', async () => {
    const n = await countAll(h.admin, 'contacts');
    const items = Array.from({ length: 1000 }, (_, i) => ({ last_name: `Thousand ${i}`, email: uniqueEmail(`k${i}`) }));
    const body = expectStatus(await batch(items), 201);
    assert.equal(body.items.length, 1000);
    assert.equal(body.items[999].last_name, 'Thousand 999');
    assert.equal(await countAll(h.admin, 'contacts'), n + 1000);
  });

  test('viewer → 403 forbidden, nothing stored', async () => {
    const n = await countAll(h.admin, 'contacts');
    expectProblem(await batch([{ first_name: 'V' }], viewer.client), 403, 'forbidden');
    assert.equal(await countAll(h.admin, 'contacts'), n);
  });
});
