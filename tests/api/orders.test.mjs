// Order scenarios (/api/v1/orders): create with lines (prices default to the product's,
// totals computed: line totals, total_minor, merchandise_minor without service lines),
// totals given by the client never taken, validation (422 at `lines[i].…`: currency,
// inactive/archived/unknown products, quantities, prices, totals beyond 2^53; future
// ordered_at; malformed JSON 400), status changes and PATCH of lines (totals recomputed,
// audited), external_ref uniqueness (409 with existing_id), the customer's timeline (kind
// `order`), list filters, sorts and paging, numbers in sequence, and a product's is_service
// change re-deriving merchandise_minor of the orders that hold it.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  setup, expectStatus, expectProblem, expectFieldErrors, listAll, uniq, RFC3339_UTC,
} from './harness.mjs';
import { customer, fromNow, norm, HOUR, MINUTE } from './service_helpers.mjs';
import {
  ORDER_FIELDS, LINE_FIELDS, DAY, createProduct, createOrder, orderBody, readOrder, money, expectListGuards,
} from './sales_helpers.mjs';

let h, agent, manager, viewer;
let mug, lamp, shipping, euroMug, inactive;
before(async () => {
  h = await setup({ users: ['agent', 'manager', 'viewer'] });
  [agent, manager, viewer] = h.users;
  mug = await createProduct(manager.client, { name: 'Mug', price_minor: 12_500 });
  lamp = await createProduct(manager.client, { name: 'Lamp', price_minor: 4_990 });
  shipping = await createProduct(manager.client, { name: 'Shipping', price_minor: 9_900, is_service: true });
  euroMug = await createProduct(manager.client, { name: 'Euro mug', price_minor: 1_500, currency: 'EUR' });
  inactive = await createProduct(manager.client, { name: 'Old model', active: false });
});
after(async () => { await h?.stop(); });

const buyer = () => customer(agent.client, { owner_id: agent.id });
const order = (c, lines, body) => createOrder(agent.client, c, lines, body);
const read = (id) => readOrder(viewer.client, id);
const orders = (query) => listAll(viewer.client, `/api/v1/orders?${query}`);
const ids = (items) => items.map((x) => x.id);

describe('create', () => {
  test('201 with Location, ETag, defaults, line copies and computed totals', async () => {
    const c = await buyer();
    const r = await agent.client.post('/api/v1/orders', {
      contact_id: c.id, currency: 'NOK',
      lines: [{ product_id: mug.id, quantity: 2 }, { product_id: lamp.id, quantity: 3, unit_price_minor: 4_500 },
              { product_id: shipping.id, quantity: 1 }],
    });
    const o = expectStatus(r, 201);
    for (const f of ORDER_FIELDS) assert.ok(f in o, `order has ${f}: ${JSON.stringify(o)}`);
    assert.equal(typeof o.id, 'string');
    assert.ok(Number.isInteger(o.number) && o.number > 0, `number: ${o.number}`);
    assert.equal(o.contact_id, c.id);
    assert.equal(o.currency, 'NOK');
    assert.equal(o.status, 'placed', 'status defaults to placed');
    assert.equal(o.channel, 'staff', 'channel defaults to staff for staff');
    assert.equal(o.external_ref, null);
    assert.equal(o.note, null);
    assert.match(o.ordered_at, RFC3339_UTC);
    assert.ok(Math.abs(Date.parse(o.ordered_at) - Date.now()) < MINUTE, `ordered_at defaults to now: ${o.ordered_at}`);
    assert.equal(o.version, 1);
    assert.equal(r.headers.get('etag'), '"1"');
    assert.equal(new URL(r.headers.get('location'), h.base).pathname, `/api/v1/orders/${o.id}`);
    assert.equal(o.lines.length, 3);
    for (const l of o.lines) for (const f of LINE_FIELDS) assert.ok(f in l, `line has ${f}: ${JSON.stringify(l)}`);
    assert.deepEqual(o.lines.map((l) => [l.product_id, l.sku, l.name, l.quantity, l.unit_price_minor, l.line_total_minor,
                                         l.is_service]),
                     [[mug.id, mug.sku, 'Mug', 2, 12_500, 25_000, false],
                      [lamp.id, lamp.sku, 'Lamp', 3, 4_500, 13_500, false],
                      [shipping.id, shipping.sku, 'Shipping', 1, 9_900, 9_900, true]]);
    assert.equal(o.total_minor, 48_400, '25,000 + 13,500 + 9,900');
    assert.equal(o.merchandise_minor, 38_500, 'the shipping line is left out');
    assert.deepEqual(await read(o.id), o);
  });

  test('unit_price_minor defaults to the product\'s price when the order is made; a later price change does not move it', async () => {
    const c = await buyer();
    const p = await createProduct(manager.client, { price_minor: 7_000 });
    const o = await order(c, [{ product: p, quantity: 4 }]);
    assert.equal(o.lines[0].unit_price_minor, 7_000);
    assert.equal(o.total_minor, 28_000);
    expectStatus(await manager.client.patch(`/api/v1/products/${p.id}`, { price_minor: 8_000 }), 200);
    const again = await read(o.id);
    assert.equal(again.lines[0].unit_price_minor, 7_000);
    assert.equal(again.total_minor, 28_000);
  });

  test('price 0 and quantity 1,000,000 are allowed', async () => {
    const c = await buyer();
    const o = await order(c, [{ product: mug, quantity: 1_000_000, unit_price_minor: 0 }, { product: lamp, quantity: 1 }]);
    assert.equal(o.lines[0].line_total_minor, 0);
    assert.equal(o.total_minor, 4_990);
  });

  test('a client-supplied total_minor or merchandise_minor is never taken', async () => {
    const c = await buyer();
    const body = orderBody(c, [{ product: mug, quantity: 1 }], { total_minor: 1, merchandise_minor: 1 });
    const r = await agent.client.post('/api/v1/orders', body);
    if (r.status === 422) {
      // Refused: the computed fields named, nothing stored.
      const p = expectFieldErrors(r, []);
      const fields = p.errors.map((e) => e.field);
      assert.ok(fields.includes('total_minor') || fields.includes('merchandise_minor'), `names the total: ${r.text}`);
      assert.deepEqual(await orders(`contact_id=${c.id}`), []);
    } else {
      // Ignored like other read-only fields: the computed totals stand.
      const o = expectStatus(r, 201);
      assert.equal(o.total_minor, 12_500);
      assert.equal(o.merchandise_minor, 12_500);
    }
  });

  test('back-dated ordered_at is kept; up to 5 minutes ahead is accepted', async () => {
    const c = await buyer();
    const past = '2019-03-04T05:06:07.000Z';
    assert.equal(norm((await order(c, [mug], { ordered_at: past })).ordered_at), past);
    const soon = fromNow(2 * MINUTE);
    assert.equal(norm((await order(c, [mug], { ordered_at: soon })).ordered_at), norm(soon));
  });

  test('every status and channel is accepted; a note and external_ref are stored', async () => {
    const c = await buyer();
    for (const status of ['placed', 'paid', 'shipped', 'delivered', 'cancelled', 'returned']) {
      assert.equal((await order(c, [mug], { status })).status, status);
    }
    for (const channel of ['staff', 'portal', 'import']) {
      assert.equal((await order(c, [mug], { channel })).channel, channel);
    }
    const ref = uniq('SHOP-');
    const o = await order(c, [mug], { note: 'Gift wrap, please', external_ref: ref });
    assert.equal(o.note, 'Gift wrap, please');
    assert.equal(o.external_ref, ref);
  });

  test('numbers increase by one with every order', async () => {
    const c = await buyer();
    const a = await order(c, [mug]);
    const b = await order(c, [lamp]);
    const d = await order(c, [mug, lamp]);
    assert.deepEqual([b.number - a.number, d.number - b.number], [1, 1], `${a.number}, ${b.number}, ${d.number}`);
  });

  test('Idempotency-Key: a replay answers the same order and takes no new number', async () => {
    const c = await buyer();
    const key = uniq('okey-');
    const body = orderBody(c, [{ product: mug, quantity: 2 }]);
    const first = expectStatus(await agent.client.post('/api/v1/orders', body, { headers: { 'idempotency-key': key } }), 201);
    const again = await agent.client.post('/api/v1/orders', body, { headers: { 'idempotency-key': key } });
    assert.deepEqual(expectStatus(again, 201), first);
    assert.equal(again.headers.get('idempotent-replayed'), 'true');
    assert.deepEqual(ids(await orders(`contact_id=${c.id}`)), [first.id]);
    const next = await order(c, [mug]);
    assert.equal(next.number, first.number + 1);
  });
});

describe('validation → 422 naming the fields, nothing stored', () => {
  let c;
  before(async () => { c = await buyer(); });

  // Patches are thunks: the products exist only once `before` has run.
  const cases = [
    ['no lines', () => ({ lines: [] }), ['lines']],
    ['lines missing', () => ({ lines: undefined }), ['lines']],
    ['currency of the order differs from the product\'s', () => ({ currency: 'EUR' }), ['lines[0].product_id']],
    ['a EUR product on a NOK order (second line)',
     () => ({ lines: [{ product_id: mug.id, quantity: 1 }, { product_id: euroMug.id, quantity: 1 }] }), ['lines[1].product_id']],
    ['inactive product', () => ({ lines: [{ product_id: inactive.id, quantity: 1 }] }), ['lines[0].product_id']],
    ['unknown product', () => ({ lines: [{ product_id: 'prd_nothing', quantity: 1 }] }), ['lines[0].product_id']],
    ['quantity 0', () => ({ lines: [{ product_id: mug.id, quantity: 0 }] }), ['lines[0].quantity']],
    ['quantity negative', () => ({ lines: [{ product_id: mug.id, quantity: -1 }] }), ['lines[0].quantity']],
    ['quantity fractional', () => ({ lines: [{ product_id: mug.id, quantity: 1.5 }] }), ['lines[0].quantity']],
    ['quantity over 1,000,000', () => ({ lines: [{ product_id: mug.id, quantity: 1_000_001 }] }), ['lines[0].quantity']],
    ['negative unit price', () => ({ lines: [{ product_id: mug.id, quantity: 1, unit_price_minor: -1 }] }),
     ['lines[0].unit_price_minor']],
    ['fractional unit price', () => ({ lines: [{ product_id: mug.id, quantity: 1, unit_price_minor: 99.5 }] }),
     ['lines[0].unit_price_minor']],
    ['ordered_at an hour ahead', () => ({ ordered_at: fromNow(HOUR) }), ['ordered_at']],
    ['ordered_at not a time', () => ({ ordered_at: 'last Tuesday' }), ['ordered_at']],
    ['unknown status', () => ({ status: 'lost' }), ['status']],
    ['unknown channel', () => ({ channel: 'fax' }), ['channel']],
    ['external_ref over 100 characters', () => ({ external_ref: 'r'.repeat(101) }), ['external_ref']],
    ['unknown contact', () => ({ contact_id: 'con_nobody' }), ['contact_id']],
    ['missing contact', () => ({ contact_id: undefined }), ['contact_id']],
    ['bad currency', () => ({ currency: 'kr' }), ['currency']],
    ['unknown field', () => ({ coupon: 'XMAS' }), ['coupon']],
  ];
  for (const [name, patch, fields] of cases) {
    test(name, async () => {
      const body = { ...orderBody(c, [mug]), ...patch() };
      expectFieldErrors(await agent.client.post('/api/v1/orders', body), fields);
      assert.deepEqual(await orders(`contact_id=${c.id}`), [], 'nothing stored');
    });
  }

  test('more than 500 lines → 422 lines; 500 lines are fine', async () => {
    const d = await buyer();
    const lines = (n) => Array.from({ length: n }, () => ({ product_id: lamp.id, quantity: 1 }));
    expectFieldErrors(await agent.client.post('/api/v1/orders', { contact_id: d.id, currency: 'NOK', lines: lines(501) }),
                      ['lines']);
    assert.deepEqual(await orders(`contact_id=${d.id}`), []);
    const o = expectStatus(await agent.client.post('/api/v1/orders', { contact_id: d.id, currency: 'NOK', lines: lines(500) }),
                           201);
    assert.equal(o.lines.length, 500);
    assert.equal(o.total_minor, 500 * 4_990);
  });

  test('an archived product → 422 at its line; it stays on the orders that had it', async () => {
    const d = await buyer();
    const p = await createProduct(manager.client, { name: 'Soon archived' });
    const before = await order(d, [{ product: p, quantity: 2 }]);
    expectStatus(await manager.client.del(`/api/v1/products/${p.id}`), 204);
    expectFieldErrors(await agent.client.post('/api/v1/orders', orderBody(d, [mug, p])), ['lines[1].product_id']);
    const kept = await read(before.id);
    assert.deepEqual(kept, before, 'the past order is unchanged');
    assert.equal(kept.lines[0].sku, p.sku);
    assert.deepEqual(ids(await orders(`contact_id=${d.id}`)), [before.id]);
  });

  test('totals beyond 2^53 → 422; up to 2^53 − 1 is stored exactly', async () => {
    const d = await buyer();
    // 3 × 3,002,399,751,580,331 = 9,007,199,254,740,993 = 2^53 + 1
    expectFieldErrors(await agent.client.post('/api/v1/orders', {
      contact_id: d.id, currency: 'NOK', lines: [{ product_id: mug.id, quantity: 3, unit_price_minor: 3_002_399_751_580_331 }],
    }), []);
    // Two lines of 5 × 10^15 each: each fits, the sum (10^16) does not.
    expectFieldErrors(await agent.client.post('/api/v1/orders', {
      contact_id: d.id, currency: 'NOK', lines: [{ product_id: mug.id, quantity: 1_000_000, unit_price_minor: 5_000_000_000 },
                                                 { product_id: lamp.id, quantity: 1_000_000, unit_price_minor: 5_000_000_000 }],
    }), []);
    // A price far beyond 64 bits is a 422 too (valid JSON, invalid field), never a 500.
    const raw = `{"contact_id": "${d.id}", "currency": "NOK", "lines": [{"product_id": "${mug.id}", "quantity": 2, ` +
                '"unit_price_minor": 123456789012345678901234567890}]}';
    expectFieldErrors(await agent.client.request('POST', '/api/v1/orders', { raw, contentType: 'application/json' }), []);
    const quantityRaw = `{"contact_id": "${d.id}", "currency": "NOK", "lines": [{"product_id": "${mug.id}", ` +
                        '"quantity": 18446744073709551617}]}';
    expectFieldErrors(await agent.client.request('POST', '/api/v1/orders', { raw: quantityRaw, contentType: 'application/json' }),
                      ['lines[0].quantity']);
    assert.deepEqual(await orders(`contact_id=${d.id}`), []);
    const max = await order(d, [{ product: mug, quantity: 1, unit_price_minor: 9_007_199_254_740_991 }]);
    assert.equal(max.total_minor, 9_007_199_254_740_991);
    assert.equal(max.merchandise_minor, 9_007_199_254_740_991);
  });

  test('malformed JSON → 400 invalid-json; a form body → 415', async () => {
    const d = await buyer();
    expectProblem(await agent.client.request('POST', '/api/v1/orders',
      { raw: `{"contact_id": "${d.id}", "lines": [`, contentType: 'application/json' }), 400, 'invalid-json');
    expectProblem(await agent.client.request('POST', '/api/v1/orders',
      { raw: `contact_id=${d.id}`, contentType: 'application/x-www-form-urlencoded' }), 415, 'unsupported-media-type');
    assert.deepEqual(await orders(`contact_id=${d.id}`), []);
  });

  test('viewer cannot create or change → 403; agent can; anonymous → 401', async () => {
    const d = await buyer();
    expectProblem(await viewer.client.post('/api/v1/orders', orderBody(d, [mug])), 403, 'forbidden');
    assert.deepEqual(await orders(`contact_id=${d.id}`), []);
    const o = await order(d, [mug]);
    expectProblem(await viewer.client.patch(`/api/v1/orders/${o.id}`, { status: 'paid' }), 403, 'forbidden');
    assert.equal((await read(o.id)).status, 'placed');
    const anon = await fetch(`${h.base}/api/v1/orders`);
    assert.equal(anon.status, 401);
  });
});

describe('change', () => {
  test('status changes: version up, ETag, audited with before and after', async () => {
    const c = await buyer();
    const o = await order(c, [mug]);
    let last = o;
    for (const status of ['paid', 'shipped', 'delivered', 'returned']) {
      const r = await agent.client.patch(`/api/v1/orders/${o.id}`, { status });
      last = expectStatus(r, 200);
      assert.equal(last.status, status);
      assert.equal(r.headers.get('etag'), `"${last.version}"`);
    }
    assert.equal(last.version, 5);
    assert.equal(last.total_minor, o.total_minor);
    const es = expectStatus(await manager.client.get(`/api/v1/audit?record_id=${o.id}`), 200).items;
    assert.ok(es.every((e) => e.record_type === 'order'), JSON.stringify(es));
    assert.deepEqual(es.map((e) => e.action), ['update', 'update', 'update', 'update', 'create']);
    assert.deepEqual(es.slice(0, 4).map((e) => [e.before.status, e.after.status]).reverse(),
                     [['placed', 'paid'], ['paid', 'shipped'], ['shipped', 'delivered'], ['delivered', 'returned']]);
    assert.equal(es[0].user_id, agent.id);
  });

  test('PATCH lines replaces all lines and recomputes the totals', async () => {
    const c = await buyer();
    const o = await order(c, [{ product: mug, quantity: 1 }, shipping]);
    const p = expectStatus(await agent.client.patch(`/api/v1/orders/${o.id}`, {
      lines: [{ product_id: lamp.id, quantity: 5 }, { product_id: mug.id, quantity: 2, unit_price_minor: 10_000 }],
    }), 200);
    assert.deepEqual(p.lines.map((l) => [l.product_id, l.quantity, l.unit_price_minor, l.line_total_minor]),
                     [[lamp.id, 5, 4_990, 24_950], [mug.id, 2, 10_000, 20_000]]);
    assert.equal(p.total_minor, 44_950);
    assert.equal(p.merchandise_minor, 44_950, 'no service line any more');
    assert.equal(p.version, 2);
    assert.deepEqual(await read(o.id), p);
  });

  test('PATCH lines with a bad line → 422 at that line, unchanged', async () => {
    const c = await buyer();
    const o = await order(c, [mug]);
    expectFieldErrors(await agent.client.patch(`/api/v1/orders/${o.id}`, {
      lines: [{ product_id: mug.id, quantity: 1 }, { product_id: euroMug.id, quantity: 1 }],
    }), ['lines[1].product_id']);
    expectFieldErrors(await agent.client.patch(`/api/v1/orders/${o.id}`, { lines: [] }), ['lines']);
    expectFieldErrors(await agent.client.patch(`/api/v1/orders/${o.id}`, { ordered_at: fromNow(HOUR) }), ['ordered_at']);
    expectFieldErrors(await agent.client.patch(`/api/v1/orders/${o.id}`, { status: 'gone' }), ['status']);
    assert.deepEqual(await read(o.id), o);
  });

  test('note, ordered_at and external_ref change; contact_id and currency are fixed (422)', async () => {
    const c = await buyer();
    const other = await buyer();
    const o = await order(c, [mug]);
    const when = '2024-06-01T12:00:00.000Z';
    const ref = uniq('ERP-');
    const p = expectStatus(await agent.client.patch(`/api/v1/orders/${o.id}`, { note: 'Call first', ordered_at: when,
                                                                                 external_ref: ref }), 200);
    assert.equal(p.note, 'Call first');
    assert.equal(norm(p.ordered_at), when);
    assert.equal(p.external_ref, ref);
    expectFieldErrors(await agent.client.patch(`/api/v1/orders/${o.id}`, { contact_id: other.id }), ['contact_id']);
    expectFieldErrors(await agent.client.patch(`/api/v1/orders/${o.id}`, { currency: 'EUR' }), ['currency']);
    assert.deepEqual(await read(o.id), p);
    const cleared = expectStatus(await agent.client.patch(`/api/v1/orders/${o.id}`, { note: null, external_ref: null }), 200);
    assert.equal(cleared.note, null);
    assert.equal(cleared.external_ref, null);
  });

  test('PATCH total_minor is never taken', async () => {
    const c = await buyer();
    const o = await order(c, [mug]);
    const r = await agent.client.patch(`/api/v1/orders/${o.id}`, { total_minor: 5 });
    if (r.status === 422) expectFieldErrors(r, ['total_minor']);
    else expectStatus(r, 200);
    assert.equal((await read(o.id)).total_minor, 12_500);
  });

  test('If-Match: stale → 412 and nothing changes; current → 200', async () => {
    const c = await buyer();
    const o = await order(c, [mug]);
    expectProblem(await agent.client.patch(`/api/v1/orders/${o.id}`, { status: 'paid' }, { headers: { 'if-match': '"9"' } }),
                  412, 'precondition-failed');
    assert.deepEqual(await read(o.id), o);
    const ok = await agent.client.patch(`/api/v1/orders/${o.id}`, { status: 'paid' }, { headers: { 'if-match': '"1"' } });
    assert.equal(expectStatus(ok, 200).status, 'paid');
  });

  test('unknown order → 404', async () => {
    expectProblem(await viewer.client.get('/api/v1/orders/no-such-order'), 404, 'not-found');
    expectProblem(await agent.client.patch('/api/v1/orders/no-such-order', { status: 'paid' }), 404, 'not-found');
  });
});

describe('external_ref is unique', () => {
  test('a second order with the same external_ref → 409 with existing_id; nothing stored', async () => {
    const c = await buyer();
    const ref = uniq('WEB-');
    const first = await order(c, [mug], { external_ref: ref });
    const r = await agent.client.post('/api/v1/orders', orderBody(c, [lamp], { external_ref: ref }));
    assert.equal(expectProblem(r, 409, ['duplicate-external-ref', 'conflict']).existing_id, first.id);
    assert.deepEqual(ids(await orders(`contact_id=${c.id}`)), [first.id]);
    assert.deepEqual(ids(await orders(`external_ref=${encodeURIComponent(ref)}`)), [first.id]);
  });

  test('PATCH to another order\'s external_ref → 409 with existing_id; unchanged', async () => {
    const c = await buyer();
    const a = await order(c, [mug], { external_ref: uniq('A-') });
    const b = await order(c, [mug], { external_ref: uniq('B-') });
    const r = await agent.client.patch(`/api/v1/orders/${b.id}`, { external_ref: a.external_ref });
    assert.equal(expectProblem(r, 409, ['duplicate-external-ref', 'conflict']).existing_id, a.id);
    assert.deepEqual(await read(b.id), b);
  });
});

describe('timeline', () => {
  test('an order is on its customer\'s timeline: kind order, at ordered_at, summary with number, items and total', async () => {
    const c = await buyer();
    const p1 = await createProduct(manager.client, { price_minor: 100_000 });
    const p2 = await createProduct(manager.client, { price_minor: 20_000 });
    const p3 = await createProduct(manager.client, { price_minor: 5_000 });
    const when = new Date(Date.now() - 3 * DAY).toISOString();
    const o = await order(c, [p1, p2, p3], { ordered_at: when });
    assert.equal(o.total_minor, 125_000);
    const body = expectStatus(await viewer.client.get(`/api/v1/contacts/${c.id}/timeline?kind=order`), 200);
    assert.equal(body.items.length, 1, JSON.stringify(body));
    const e = body.items[0];
    assert.equal(e.kind, 'order');
    assert.equal(e.ref_id, o.id);
    assert.equal(norm(e.at), norm(o.ordered_at));
    assert.equal(e.summary, `Order #${o.number} · 3 items · ${money('NOK', 125_000)}`);
    assert.equal(money('NOK', 125_000), 'NOK 1,250.00');
  });

  test('a cancelled order stays readable and on the timeline', async () => {
    const c = await buyer();
    const o = await order(c, [mug]);
    expectStatus(await agent.client.patch(`/api/v1/orders/${o.id}`, { status: 'cancelled' }), 200);
    assert.equal((await read(o.id)).status, 'cancelled');
    const body = expectStatus(await viewer.client.get(`/api/v1/contacts/${c.id}/timeline?kind=order`), 200);
    assert.deepEqual(body.items.map((x) => x.ref_id), [o.id]);
  });
});

describe('lists', () => {
  let c, other, older, middle, newer, cancelled, otherOrder;
  before(async () => {
    c = await buyer();
    other = await buyer();
    older = await order(c, [{ product: mug, quantity: 3 }], { ordered_at: new Date(Date.now() - 10 * DAY).toISOString() });
    middle = await order(c, [lamp], { ordered_at: new Date(Date.now() - 5 * DAY).toISOString(), status: 'paid' });
    newer = await order(c, [{ product: mug, quantity: 2 }], { ordered_at: new Date(Date.now() - 1 * DAY).toISOString() });
    cancelled = await order(c, [mug], { ordered_at: new Date(Date.now() - 2 * DAY).toISOString(), status: 'cancelled',
                                        channel: 'portal' });
    otherOrder = await order(other, [mug], { ordered_at: new Date(Date.now() - 5 * DAY).toISOString() });
  });

  test('contact_id filter; default sort -ordered_at', async () => {
    assert.deepEqual(ids(await orders(`contact_id=${c.id}`)), [newer.id, cancelled.id, middle.id, older.id]);
    assert.deepEqual(ids(await orders(`contact_id=${other.id}`)), [otherOrder.id]);
  });

  test('status and channel filters', async () => {
    assert.deepEqual(ids(await orders(`contact_id=${c.id}&status=paid`)), [middle.id]);
    assert.deepEqual(ids(await orders(`contact_id=${c.id}&status=cancelled`)), [cancelled.id]);
    assert.deepEqual(ids(await orders(`contact_id=${c.id}&channel=portal`)), [cancelled.id]);
    assert.deepEqual(ids(await orders(`contact_id=${c.id}&status=placed`)), [newer.id, older.id]);
  });

  test('from/to on ordered_at', async () => {
    const from = encodeURIComponent(new Date(Date.now() - 7 * DAY).toISOString());
    const to = encodeURIComponent(new Date(Date.now() - 1.5 * DAY).toISOString());
    assert.deepEqual(ids(await orders(`contact_id=${c.id}&from=${from}&to=${to}`)), [cancelled.id, middle.id]);
    assert.deepEqual(ids(await orders(`contact_id=${c.id}&from=${from}`)), [newer.id, cancelled.id, middle.id]);
    assert.deepEqual(ids(await orders(`contact_id=${c.id}&to=${to}`)), [cancelled.id, middle.id, older.id]);
  });

  test('sorts ordered_at, total_minor and number', async () => {
    assert.deepEqual(ids(await orders(`contact_id=${c.id}&sort=ordered_at`)), [older.id, middle.id, cancelled.id, newer.id]);
    assert.deepEqual((await orders(`contact_id=${c.id}&sort=total_minor`)).map((o) => o.total_minor),
                     [4_990, 12_500, 25_000, 37_500]);
    assert.deepEqual((await orders(`contact_id=${c.id}&sort=-total_minor`)).map((o) => o.total_minor),
                     [37_500, 25_000, 12_500, 4_990]);
    assert.deepEqual(ids(await orders(`contact_id=${c.id}&sort=number`)), [older.id, middle.id, newer.id, cancelled.id]);
    assert.deepEqual(ids(await orders(`contact_id=${c.id}&sort=-number`)), [cancelled.id, newer.id, middle.id, older.id]);
  });

  test('paging with limit 1: four pages, each order once, in order', async () => {
    const seen = [];
    let cursor = null;
    for (let i = 0; i < 10; i += 1) {
      const r = await viewer.client.get(`/api/v1/orders?contact_id=${c.id}&limit=1` +
                                        `${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      const body = expectStatus(r, 200);
      assert.ok(body.items.length <= 1);
      seen.push(...ids(body.items));
      cursor = body.next_cursor;
      if (!cursor) break;
    }
    assert.deepEqual(seen, [newer.id, cancelled.id, middle.id, older.id]);
  });

  test('bad parameters → 400; limit over 500 → 422', async () => {
    await expectListGuards(viewer.client, '/api/v1/orders', ['from=yesterday']);
  });
});

describe('is_service changes re-derive merchandise_minor', () => {
  test('a product turned into a service leaves the merchandise of every order holding it, and back', async () => {
    const c = await buyer();
    const gift = await createProduct(manager.client, { name: 'Gift wrap', price_minor: 2_500 });
    const a = await order(c, [{ product: mug, quantity: 1 }, { product: gift, quantity: 2 }]);
    const b = await order(c, [{ product: gift, quantity: 1 }]);
    const untouched = await order(c, [lamp]);
    assert.deepEqual([a.total_minor, a.merchandise_minor], [17_500, 17_500]);
    expectStatus(await manager.client.patch(`/api/v1/products/${gift.id}`, { is_service: true }), 200);
    const a2 = await read(a.id);
    const b2 = await read(b.id);
    assert.deepEqual([a2.total_minor, a2.merchandise_minor], [17_500, 12_500], 'the total stays, merchandise drops');
    assert.deepEqual(a2.lines.map((l) => l.is_service), [false, true]);
    assert.deepEqual([b2.total_minor, b2.merchandise_minor], [2_500, 0]);
    assert.deepEqual(await read(untouched.id), untouched, 'orders without the product are untouched');
    expectStatus(await manager.client.patch(`/api/v1/products/${gift.id}`, { is_service: false }), 200);
    const a3 = await read(a.id);
    assert.deepEqual([a3.total_minor, a3.merchandise_minor], [17_500, 17_500]);
    assert.deepEqual(a3.lines.map((l) => l.is_service), [false, false]);
  });
});
