// Product scenarios (/api/v1/products): create with defaults (active, not a service),
// SKU uniqueness regardless of case (409 naming the existing id, also on PATCH), validation
// (422 naming the fields, nothing stored), PATCH with If-Match (412 changes nothing),
// archiving (leaves lists, still readable), list search, filters, sorts and paging, roles
// (agent reads, manager writes) and Idempotency-Key replays.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  setup, expectStatus, expectProblem, expectFieldErrors, listAll, uniq, RFC3339_UTC,
} from './harness.mjs';
import { PRODUCT_FIELDS, createProduct, expectListGuards } from './sales_helpers.mjs';

let h, agent, manager, viewer;
before(async () => {
  h = await setup({ users: ['agent', 'manager', 'viewer'] });
  [agent, manager, viewer] = h.users;
});
after(async () => { await h?.stop(); });

const product = (body = {}) => createProduct(manager.client, body);
const read = async (id) => expectStatus(await agent.client.get(`/api/v1/products/${id}`), 200);
const skus = (items) => items.map((p) => p.sku);
const search = (q, extra = '') => listAll(agent.client, `/api/v1/products?q=${encodeURIComponent(q)}${extra}`);

describe('create and read', () => {
  test('201 with Location, ETag "1", the fields given and the defaults', async () => {
    const sku = uniq('MUG-');
    const r = await manager.client.post('/api/v1/products',
      { sku, name: 'Coffee mug', price_minor: 12_500, currency: 'NOK' });
    const p = expectStatus(r, 201);
    for (const f of PRODUCT_FIELDS) assert.ok(f in p, `product has ${f}: ${JSON.stringify(p)}`);
    assert.equal(typeof p.id, 'string');
    assert.equal(p.sku, sku);
    assert.equal(p.name, 'Coffee mug');
    assert.equal(p.description, null);
    assert.equal(p.price_minor, 12_500);
    assert.equal(p.currency, 'NOK');
    assert.equal(p.active, true, 'active defaults to true');
    assert.equal(p.is_service, false, 'is_service defaults to false');
    assert.equal(p.version, 1);
    assert.match(p.created_at, RFC3339_UTC);
    assert.match(p.updated_at, RFC3339_UTC);
    assert.equal(r.headers.get('etag'), '"1"');
    assert.equal(new URL(r.headers.get('location'), h.base).pathname, `/api/v1/products/${p.id}`);
    const g = await agent.client.get(`/api/v1/products/${p.id}`);
    assert.deepEqual(expectStatus(g, 200), p);
    assert.equal(g.headers.get('etag'), '"1"');
  });

  test('every field given is stored: description, inactive, a service, price 0, 64-character SKU', async () => {
    const sku = `S${uniq('').padEnd(63, 'x')}`.slice(0, 64);
    const p = await product({ sku, name: 'N'.repeat(200), description: 'Delivery to the door, *any* weather',
                              price_minor: 0, currency: 'EUR', active: false, is_service: true });
    assert.equal(p.sku, sku);
    assert.equal(p.sku.length, 64);
    assert.equal(p.name.length, 200);
    assert.equal(p.description, 'Delivery to the door, *any* weather');
    assert.equal(p.price_minor, 0);
    assert.equal(p.currency, 'EUR');
    assert.equal(p.active, false);
    assert.equal(p.is_service, true);
    assert.deepEqual(await read(p.id), p);
  });

  test('unknown id → 404', async () => {
    expectProblem(await agent.client.get('/api/v1/products/no-such-product'), 404, 'not-found');
    expectProblem(await manager.client.patch('/api/v1/products/no-such-product', { name: 'x' }), 404, 'not-found');
    expectProblem(await manager.client.del('/api/v1/products/no-such-product'), 404, 'not-found');
  });
});

describe('SKU uniqueness (case-insensitive)', () => {
  test('the same SKU in another case → 409 with existing_id; nothing stored', async () => {
    const base = uniq('Dup-');
    const first = await product({ sku: base.toUpperCase() });
    for (const sku of [base.toUpperCase(), base.toLowerCase(), base]) {
      const r = await manager.client.post('/api/v1/products', { sku, name: 'Copy', price_minor: 1, currency: 'NOK' });
      const p = expectProblem(r, 409, ['duplicate-sku', 'conflict']);
      assert.equal(p.existing_id, first.id, `existing_id names the first product: ${r.text}`);
    }
    assert.deepEqual((await search(base, '&archived=all')).map((p) => p.id), [first.id], 'only the first is stored');
  });

  test('PATCH to another product\'s SKU (other case) → 409 with existing_id; unchanged', async () => {
    const a = await product();
    const b = await product();
    const r = await manager.client.patch(`/api/v1/products/${b.id}`, { sku: a.sku.toLowerCase() });
    assert.equal(expectProblem(r, 409, ['duplicate-sku', 'conflict']).existing_id, a.id);
    assert.deepEqual(await read(b.id), b);
  });

  test('PATCH of its own SKU to another case is allowed', async () => {
    const a = await product({ sku: uniq('case-').toLowerCase() });
    const p = expectStatus(await manager.client.patch(`/api/v1/products/${a.id}`, { sku: a.sku.toUpperCase() }), 200);
    assert.equal(p.sku, a.sku.toUpperCase());
    assert.equal(p.version, 2);
  });
});

describe('validation → 422 naming the fields, nothing stored', () => {
  const invalid = [
    ['negative price', { price_minor: -1 }, ['price_minor']],
    ['fractional price', { price_minor: 12.5 }, ['price_minor']],
    ['price as a string', { price_minor: '100' }, ['price_minor']],
    ['currency lower case', { currency: 'nok' }, ['currency']],
    ['currency two letters', { currency: 'NO' }, ['currency']],
    ['currency four letters', { currency: 'NOKK' }, ['currency']],
    ['currency digits', { currency: '578' }, ['currency']],
    ['empty name', { name: '' }, ['name']],
    ['blank name', { name: '   ' }, ['name']],
    ['name over 200 characters', { name: 'n'.repeat(201) }, ['name']],
    ['empty sku', { sku: '' }, ['sku']],
    ['sku over 64 characters', { sku: 'k'.repeat(65) }, ['sku']],
    ['missing sku and name', { sku: undefined, name: undefined }, ['sku', 'name']],
    ['is_service not a boolean', { is_service: 'yes' }, ['is_service']],
    ['active not a boolean', { active: 1 }, ['active']],
    ['unknown field', { colour: 'red' }, ['colour']],
    ['several at once', { price_minor: -5, currency: 'eur', name: '' }, ['price_minor', 'currency', 'name']],
  ];
  for (const [name, patch, fields] of invalid) {
    test(name, async () => {
      const marker = uniq('Inv-');
      const body = { sku: marker, name: `Invalid ${marker}`, price_minor: 100, currency: 'NOK', ...patch };
      expectFieldErrors(await manager.client.post('/api/v1/products', body), fields);
      assert.deepEqual(await search(marker, '&archived=all'), [], 'nothing stored');
    });
  }

  test('PATCH with a negative price or a bad currency → 422, unchanged', async () => {
    const p = await product();
    expectFieldErrors(await manager.client.patch(`/api/v1/products/${p.id}`, { price_minor: -100 }), ['price_minor']);
    expectFieldErrors(await manager.client.patch(`/api/v1/products/${p.id}`, { currency: 'kr' }), ['currency']);
    expectFieldErrors(await manager.client.patch(`/api/v1/products/${p.id}`, { name: null }), ['name']);
    assert.deepEqual(await read(p.id), p);
  });

  test('malformed JSON → 400 invalid-json; another content type → 415', async () => {
    const marker = uniq('Raw-');
    expectProblem(await manager.client.request('POST', '/api/v1/products',
      { raw: `{"sku": "${marker}", "name": `, contentType: 'application/json' }), 400, 'invalid-json');
    expectProblem(await manager.client.request('POST', '/api/v1/products',
      { raw: `sku=${marker}`, contentType: 'application/x-www-form-urlencoded' }), 415, 'unsupported-media-type');
    assert.deepEqual(await search(marker, '&archived=all'), []);
  });
});

describe('change and archive', () => {
  test('PATCH changes only the fields given; version and ETag follow', async () => {
    const p = await product({ description: 'Old text' });
    const r = await manager.client.patch(`/api/v1/products/${p.id}`, { name: 'Renamed', price_minor: 9_900 });
    const q = expectStatus(r, 200);
    assert.equal(q.name, 'Renamed');
    assert.equal(q.price_minor, 9_900);
    assert.equal(q.description, 'Old text');
    assert.equal(q.sku, p.sku);
    assert.equal(q.version, 2);
    assert.equal(r.headers.get('etag'), '"2"');
    const cleared = expectStatus(await manager.client.patch(`/api/v1/products/${p.id}`, { description: null }), 200);
    assert.equal(cleared.description, null, 'null clears');
    assert.equal(cleared.version, 3);
  });

  test('If-Match: a stale version → 412 precondition-failed and nothing changes; the current one passes', async () => {
    const p = await product();
    const stale = await manager.client.patch(`/api/v1/products/${p.id}`, { name: 'Stale' },
                                             { headers: { 'if-match': '"7"' } });
    expectProblem(stale, 412, 'precondition-failed');
    assert.deepEqual(await read(p.id), p);
    expectProblem(await manager.client.del(`/api/v1/products/${p.id}`, { headers: { 'if-match': '"3"' } }),
                  412, 'precondition-failed');
    assert.deepEqual(await read(p.id), p, 'a stale DELETE archives nothing');
    const ok = await manager.client.patch(`/api/v1/products/${p.id}`, { name: 'Fresh' }, { headers: { 'if-match': '"1"' } });
    assert.equal(expectStatus(ok, 200).name, 'Fresh');
  });

  test('active=false and back; is_service toggles', async () => {
    const p = await product();
    const off = expectStatus(await manager.client.patch(`/api/v1/products/${p.id}`, { active: false }), 200);
    assert.equal(off.active, false);
    const svc = expectStatus(await manager.client.patch(`/api/v1/products/${p.id}`, { is_service: true, active: true }), 200);
    assert.equal(svc.active, true);
    assert.equal(svc.is_service, true);
    assert.equal(svc.version, 3);
  });

  test('DELETE archives: 204, leaves the list, still readable, listed with archived=true', async () => {
    const marker = uniq('Arch-');
    const p = await product({ name: `Archived ${marker}` });
    const keep = await product({ name: `Kept ${marker}` });
    expectStatus(await manager.client.del(`/api/v1/products/${p.id}`), 204);
    assert.deepEqual((await search(marker)).map((x) => x.id), [keep.id], 'archived products leave the list');
    assert.deepEqual((await search(marker, '&archived=true')).map((x) => x.id), [p.id]);
    assert.deepEqual((await search(marker, '&archived=all')).map((x) => x.id).sort(), [p.id, keep.id].sort());
    const again = await read(p.id);
    assert.equal(again.sku, p.sku, 'an archived product is still readable');
    expectStatus(await manager.client.del(`/api/v1/products/${p.id}`), 204);
  });
});

describe('lists', () => {
  const marker = uniq('List');
  let alpha, bravo, charlie, delta, ship;
  before(async () => {
    // Created in this order: alpha, charlie, bravo, ship, delta (created_at order).
    alpha = await product({ sku: `${marker}-A1`, name: `Alpha ${marker}`, price_minor: 300 });
    charlie = await product({ sku: `${marker}-C3`, name: `Charlie ${marker}`, price_minor: 100 });
    bravo = await product({ sku: `${marker}-B2`, name: `Bravo ${marker}`, price_minor: 500, active: false });
    ship = await product({ sku: `${marker}-S9`, name: `Shipping ${marker}`, price_minor: 200, is_service: true });
    delta = await product({ sku: `ZZ${marker}-D4`, name: `Delta lamp`, price_minor: 400 });
  });

  test('q matches SKU and name, case-insensitively', async () => {
    assert.deepEqual(skus(await search(marker.toLowerCase(), '&sort=sku')),
                     [alpha.sku, bravo.sku, charlie.sku, ship.sku, delta.sku]);
    assert.deepEqual((await search(`charlie ${marker}`.toUpperCase())).map((p) => p.id), [charlie.id], 'name');
    assert.deepEqual((await search(`zz${marker}-d4`)).map((p) => p.id), [delta.id], 'sku');
    assert.deepEqual(await search(`${marker}-nothing`), []);
  });

  test('filters active and is_service', async () => {
    assert.deepEqual((await search(marker, '&active=false')).map((p) => p.id), [bravo.id]);
    assert.deepEqual(skus(await search(marker, '&active=true&sort=sku')), [alpha.sku, charlie.sku, ship.sku, delta.sku]);
    assert.deepEqual((await search(marker, '&is_service=true')).map((p) => p.id), [ship.id]);
    assert.deepEqual(skus(await search(marker, '&is_service=false&active=true&sort=sku')),
                     [alpha.sku, charlie.sku, delta.sku]);
  });

  test('sorts name, sku, price_minor, created_at, each descending with -', async () => {
    const names = (items) => items.map((p) => p.name);
    assert.deepEqual(names(await search(marker, '&sort=name')),
                     [alpha.name, bravo.name, charlie.name, delta.name, ship.name]);
    assert.deepEqual(names(await search(marker, '&sort=-name')),
                     [ship.name, delta.name, charlie.name, bravo.name, alpha.name]);
    assert.deepEqual((await search(marker, '&sort=price_minor')).map((p) => p.price_minor), [100, 200, 300, 400, 500]);
    assert.deepEqual((await search(marker, '&sort=-price_minor')).map((p) => p.price_minor), [500, 400, 300, 200, 100]);
    assert.deepEqual(skus(await search(marker, '&sort=-sku')), [delta.sku, ship.sku, charlie.sku, bravo.sku, alpha.sku]);
    assert.deepEqual((await search(marker, '&sort=created_at')).map((p) => p.id),
                     [alpha.id, charlie.id, bravo.id, ship.id, delta.id]);
  });

  test('paging with limit 2: three pages, every product once', async () => {
    const seen = [];
    let cursor = null;
    for (let page = 0; page < 3; page += 1) {
      const r = await agent.client.get(`/api/v1/products?q=${marker}&sort=price_minor&limit=2` +
                                       `${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      const body = expectStatus(r, 200);
      seen.push(...body.items.map((p) => p.price_minor));
      cursor = body.next_cursor;
      if (page < 2) assert.equal(typeof cursor, 'string', `page ${page} has a next cursor`);
    }
    assert.equal(cursor, null, 'the third page is the last');
    assert.deepEqual(seen, [100, 200, 300, 400, 500]);
  });

  test('limit over 500 → 422; unknown parameter or sort → 400; bad cursor → 400', async () => {
    await expectListGuards(agent.client, '/api/v1/products', ['active=maybe']);
  });
});

describe('roles', () => {
  test('agent reads but cannot create, change or archive → 403, nothing changes', async () => {
    const p = await product();
    expectStatus(await agent.client.get(`/api/v1/products/${p.id}`), 200);
    expectStatus(await agent.client.get('/api/v1/products'), 200);
    const marker = uniq('Agent-');
    expectProblem(await agent.client.post('/api/v1/products', { sku: marker, name: 'No', price_minor: 1, currency: 'NOK' }),
                  403, 'forbidden');
    expectProblem(await agent.client.patch(`/api/v1/products/${p.id}`, { name: 'No' }), 403, 'forbidden');
    expectProblem(await agent.client.del(`/api/v1/products/${p.id}`), 403, 'forbidden');
    assert.deepEqual(await read(p.id), p);
    assert.deepEqual(await search(marker, '&archived=all'), []);
  });

  test('viewer cannot write → 403', async () => {
    const p = await product();
    expectProblem(await viewer.client.post('/api/v1/products', { sku: uniq('V-'), name: 'No', price_minor: 1, currency: 'NOK' }),
                  403, 'forbidden');
    expectProblem(await viewer.client.patch(`/api/v1/products/${p.id}`, { name: 'No' }), 403, 'forbidden');
    expectProblem(await viewer.client.del(`/api/v1/products/${p.id}`), 403, 'forbidden');
    assert.deepEqual(await read(p.id), p);
  });

  test('viewer reads products (viewer: read only)', async () => {
    // API.md: viewer is "read only" and api-details.md "viewer: all GETs"; the products
    // section says "agent+ read". The contract (API.md) wins: a viewer may read.
    const p = await product();
    assert.deepEqual(expectStatus(await viewer.client.get(`/api/v1/products/${p.id}`), 200), p);
    expectStatus(await viewer.client.get('/api/v1/products'), 200);
  });

  test('manager and admin write; anonymous → 401', async () => {
    const p = await createProduct(h.admin);
    expectStatus(await manager.client.patch(`/api/v1/products/${p.id}`, { name: 'By manager' }), 200);
    const anon = await fetch(`${h.base}/api/v1/products`);
    assert.equal(anon.status, 401);
  });
});

describe('idempotency and audit', () => {
  const withKey = (key) => ({ headers: { 'idempotency-key': key } });

  test('the same key and body → the first answer again, one product; another body → 409', async () => {
    const key = uniq('pkey-');
    const marker = uniq('Idem-');
    const body = { sku: marker, name: 'Idempotent', price_minor: 4_200, currency: 'NOK' };
    const first = await manager.client.post('/api/v1/products', body, withKey(key));
    expectStatus(first, 201);
    const again = await manager.client.post('/api/v1/products', body, withKey(key));
    expectStatus(again, 201);
    assert.deepEqual(again.body, first.body);
    assert.equal(again.headers.get('idempotent-replayed'), 'true');
    expectProblem(await manager.client.post('/api/v1/products', { ...body, sku: `${marker}-2` }, withKey(key)),
                  409, 'idempotency-key-reused');
    assert.deepEqual((await search(marker, '&archived=all')).map((p) => p.id), [first.body.id]);
  });

  test('create, change and archive are audited (record_type product)', async () => {
    const p = await product({ price_minor: 1_000 });
    expectStatus(await manager.client.patch(`/api/v1/products/${p.id}`, { price_minor: 1_200 }), 200);
    expectStatus(await manager.client.del(`/api/v1/products/${p.id}`), 204);
    const es = expectStatus(await manager.client.get(`/api/v1/audit?record_id=${p.id}`), 200).items;
    assert.deepEqual(es.map((e) => [e.action, e.record_type, e.user_id]),
                     [['archive', 'product', manager.id], ['update', 'product', manager.id], ['create', 'product', manager.id]]);
    assert.equal(es[1].before.price_minor, 1_000);
    assert.equal(es[1].after.price_minor, 1_200);
  });
});
