// Analytics scenarios (/api/v1/analytics/…) on two servers whose clock starts at
// 2026-12-01T12:00:00Z (`--clock`), so the analyses stand on 2026-12-01, each seeded through
// the API with a purchase history computable by hand:
//
// World A — ten customers c1…c10 with n purchases every `gap` days, the last `last` days ago,
// each purchase worth 1,000 × n (product M, quantity n at NOK 10.00), so that recency,
// frequency and monetary rank the customers without ties, and F and M in the same order:
//
//   key  n  gap last  R F M  segment         interval   owner
//   c1  10   30    2  5 5 5  champions       not_due    A   (+ a second order on its last day: one purchase)
//   c2   8    3    3  5 4 4  champions       due        A   (+ a service line on every order)
//   c3   9   40    5  4 5 5  champions       not_due    A
//   c4   7   30    6  4 4 4  champions       not_due    A
//   c5   4   10   10  3 2 2  about_to_sleep  due        B   (+ a service-only order: no merchandise)
//   c6   2   60   12  3 1 1  about_to_sleep  not_due    A   (+ a returned order)
//   c7   6   10   40  2 3 3  at_risk         overdue 30 A
//   c8   5   30  200  1 3 3  at_risk         overdue 170 B
//   c9   3   20   60  2 2 2  hibernating     overdue 40 B   (+ an order in EUR, not the analytics currency)
//   c10  1    -  300  1 1 1  lost            none       A   (+ a cancelled order)
//
// Ten customers with distinct values: every quintile holds two, whatever the exact ranking
// rule. Segments are chosen where the spec's rules do not overlap (R3/FM3, R≥4/FM3, R5/F1
// are avoided). Besides them: a contact without orders and one with only a cancelled order
// (neither in any analysis). World B — ten baskets over seven customers for the affinity
// rules and recommendations (exact support, confidence and lift), and the analytics settings.
// World C — five customers whose F and M rank apart: segments from R and FM.
//
// TODO(implementer) — what the spec leaves open and these scenarios only check by shape or
// invariant; tighten them once decided: interval.days_overdue for not_due and none; the form
// of rfm.score; whether segments without customers are listed; exact RFM movement flows
// (customers who were not customers `compare_days` ago); health score, bands and reasons
// (e.g. c8 overdue and drifting vs c1 on time); CLV diagnostics (calibration and holdout
// split) and exact model values on this data; a fallback for recommendations when no rule
// applies (P6 expects none).

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, expectStatus, expectProblem, expectFieldErrors, listAll, RFC3339_UTC } from './harness.mjs';
import { customer, waitFor } from './service_helpers.mjs';
import { createProduct, createOrder, addDays, daysAgo, near } from './sales_helpers.mjs';

const CLOCK = '2026-12-01T12:00:00.000Z';
const AS_OF = '2026-12-01';
const WORLD = [
  { key: 'c1', n: 10, gap: 30, last: 2, owner: 'A', rfm: [5, 5, 5], segment: 'champions', status: 'not_due' },
  { key: 'c2', n: 8, gap: 3, last: 3, owner: 'A', rfm: [5, 4, 4], segment: 'champions', status: 'due' },
  { key: 'c3', n: 9, gap: 40, last: 5, owner: 'A', rfm: [4, 5, 5], segment: 'champions', status: 'not_due' },
  { key: 'c4', n: 7, gap: 30, last: 6, owner: 'A', rfm: [4, 4, 4], segment: 'champions', status: 'not_due' },
  { key: 'c5', n: 4, gap: 10, last: 10, owner: 'B', rfm: [3, 2, 2], segment: 'about_to_sleep', status: 'due' },
  { key: 'c6', n: 2, gap: 60, last: 12, owner: 'A', rfm: [3, 1, 1], segment: 'about_to_sleep', status: 'not_due' },
  { key: 'c7', n: 6, gap: 10, last: 40, owner: 'A', rfm: [2, 3, 3], segment: 'at_risk', status: 'overdue' },
  { key: 'c8', n: 5, gap: 30, last: 200, owner: 'B', rfm: [1, 3, 3], segment: 'at_risk', status: 'overdue' },
  { key: 'c9', n: 3, gap: 20, last: 60, owner: 'B', rfm: [2, 2, 2], segment: 'hibernating', status: 'overdue' },
  { key: 'c10', n: 1, gap: null, last: 300, owner: 'A', rfm: [1, 1, 1], segment: 'lost', status: 'none' },
];
const DUE = WORLD.filter((w) => w.status === 'due' || w.status === 'overdue');

/** What the analysis should say of a customer of world A. */
function expectedOf(w) {
  const firstAgo = w.last + (w.n - 1) * (w.gap ?? 0);
  const total = 1_000 * w.n * w.n;
  const nextDue = w.gap === null ? null : addDays(AS_OF, -w.last + w.gap);
  return {
    orders: w.key === 'c1' ? w.n + 1 : w.n,
    purchase_days: w.n,
    first_purchase: addDays(AS_OF, -firstAgo),
    last_purchase: addDays(AS_OF, -w.last),
    total_minor: total,
    average_minor: total / w.n,
    usual_days: w.gap,
    next_due: nextDue,
    days_overdue: w.status === 'overdue' ? w.last - w.gap : w.status === 'due' ? 0 : undefined,
    x: w.n - 1,
    t_x: ((w.n - 1) * (w.gap ?? 0)) / 7,
    T: firstAgo / 7,
  };
}

/**
 * Recomputes now (?refresh=true, manager+). Between writes and the refresh job's next run
 * the server may answer from the previous computation; the scenarios read after this.
 */
async function refresh(client) {
  return expectStatus(await client.get('/api/v1/analytics/rfm?refresh=true'), 200);
}

let h, agentA, agentB, manager, viewer;
let M, SHIP, EURO;
const C = {};               // key → contact
let noOrders, cancelledOnly;

before(async () => {
  h = await setup({ users: ['agent', 'agent', 'manager', 'viewer'], serveArgs: ['--clock', CLOCK] });
  [agentA, agentB, manager, viewer] = h.users;
  M = await createProduct(manager.client, { name: 'Coffee beans 1 kg', price_minor: 1_000 });
  SHIP = await createProduct(manager.client, { name: 'Shipping', price_minor: 9_900, is_service: true });
  EURO = await createProduct(manager.client, { name: 'Euro beans', price_minor: 50_000, currency: 'EUR' });
  const order = (c, days, lines, body = {}, time = '10:00:00') =>
    createOrder(agentA.client, c, lines, { ordered_at: daysAgo(AS_OF, days, time), status: 'delivered', ...body });
  for (const w of WORLD) {
    const owner = w.owner === 'A' ? agentA : agentB;
    const c = await customer(agentA.client, { first_name: 'Kunde', last_name: w.key, owner_id: owner.id });
    C[w.key] = c;
    for (let i = w.n - 1; i >= 0; i -= 1) {
      const days = w.last + i * (w.gap ?? 0);
      const lines = [{ product: M, quantity: w.n }];
      if (w.key === 'c2') lines.push({ product: SHIP, quantity: 1 });
      if (w.key === 'c1' && i === 0) {
        // Two orders on one day: one purchase of 10 × 1,000.
        await order(c, days, [{ product: M, quantity: 6 }], {}, '09:00:00');
        await order(c, days, [{ product: M, quantity: 4 }], { status: 'paid' }, '15:00:00');
        continue;
      }
      const status = { c2: 'placed', c3: 'shipped', c4: 'paid' }[w.key] ?? 'delivered';
      await order(c, days, lines, { status });
    }
  }
  await order(C.c5, 5, [SHIP]);                                                  // no merchandise
  await order(C.c6, 30, [{ product: M, quantity: 50 }], { status: 'returned' });
  await order(C.c9, 30, [EURO], { currency: 'EUR' });                            // another currency
  await order(C.c10, 100, [{ product: M, quantity: 50 }], { status: 'cancelled' });
  noOrders = await customer(agentA.client, { owner_id: agentA.id });
  cancelledOnly = await customer(agentA.client, { owner_id: agentA.id });
  await order(cancelledOnly, 20, [{ product: M, quantity: 3 }], { status: 'cancelled' });
  await refresh(manager.client);
});
after(async () => { await h?.stop(); });

const analytics = async (contact, client = manager.client, query = '') =>
  expectStatus(await client.get(`/api/v1/analytics/customers/${contact.id}${query}`), 200);

function assertStamp(body) {
  assert.equal(body.as_of, AS_OF, 'as_of is the server\'s today');
  assert.match(body.computed_at, RFC3339_UTC);
  assert.ok(body.data_version !== undefined && body.data_version !== null, `data_version: ${JSON.stringify(body)}`);
}

describe('a customer\'s analytics', () => {
  for (const w of WORLD) {
    test(`${w.key}: purchases, interval, products, RFM and model`, async () => {
      const e = expectedOf(w);
      const a = await analytics(C[w.key]);
      assertStamp(a);
      assert.equal(a.contact_id, C[w.key].id);
      assert.equal(a.currency, 'NOK', 'the currency of most orders');
      assert.deepEqual(a.purchases, {
        orders: e.orders, purchase_days: e.purchase_days, first_purchase: e.first_purchase,
        last_purchase: e.last_purchase, total_minor: e.total_minor, average_minor: e.average_minor,
      }, `purchases of ${w.key}`);

      assert.equal(a.interval.usual_days, e.usual_days, 'usual_days');
      assert.equal(a.interval.next_due, e.next_due, 'next_due');
      assert.equal(a.interval.status, w.status, 'interval status');
      if (e.days_overdue !== undefined) assert.equal(a.interval.days_overdue, e.days_overdue, 'days_overdue');
      // TODO(implementer): days_overdue for not_due (0, null or negative days) and none.

      assert.equal(a.products.length, 1, `only M: the service line is no product of an analysis: ${JSON.stringify(a.products)}`);
      const p = a.products[0];
      assert.deepEqual([p.product_id, p.sku, p.name, p.purchases, p.last_purchase, p.usual_days, p.next_due, p.status],
                       [M.id, M.sku, M.name, w.n, e.last_purchase, e.usual_days, e.next_due, w.status]);

      assert.ok(a.rfm, 'rfm');
      assert.deepEqual([a.rfm.recency_days, a.rfm.frequency, a.rfm.monetary_minor], [w.last, w.n, e.total_minor],
                       `recency, frequency, monetary: ${JSON.stringify(a.rfm)}`);
      assert.deepEqual([a.rfm.r, a.rfm.f, a.rfm.m], w.rfm, `r, f, m: ${JSON.stringify(a.rfm)}`);
      assert.equal(a.rfm.segment, w.segment);
      assert.ok('score' in a.rfm);

      assert.ok(a.model, `model: ${JSON.stringify(a)}`);
      assert.equal(a.model.x, e.x, 'x: repeat purchases');
      near(a.model.t_x, e.t_x, 0.01, 't_x (weeks)');
      near(a.model.T, e.T, 0.01, 'T (weeks)');
      assert.ok(a.model.p_alive >= 0 && a.model.p_alive <= 1, `p_alive in [0, 1]: ${a.model.p_alive}`);
      assert.ok(a.model.expected_purchases >= 0, `expected_purchases: ${a.model.expected_purchases}`);
      assert.equal(a.model.horizon_weeks, 52);
      for (const f of ['expected_spend_minor', 'clv_minor']) {
        assert.ok(Number.isInteger(a.model[f]) && a.model[f] >= 0, `${f}: ${a.model[f]}`);
      }

      assert.ok(typeof a.health.score === 'number', JSON.stringify(a.health));
      assert.ok(['healthy', 'watch', 'at_risk'].includes(a.health.band), JSON.stringify(a.health));
      assert.ok(Array.isArray(a.health.reasons));
      for (const r of a.health.reasons) for (const f of ['factor', 'effect', 'detail']) assert.ok(f in r, JSON.stringify(r));
      assert.equal(typeof a.health.drifting, 'boolean');
      assert.ok([null, 'dissolution'].includes(a.health.suggested_phase));
      assert.ok(Array.isArray(a.recommendations));
      for (const r of a.recommendations) if (r.product_id === M.id) assert.ok(r.due_again && ['due', 'overdue'].includes(w.status), 'an owned product only when due again');
      for (const r of a.recommendations) assert.notEqual(r.product_id, SHIP.id, 'a service is never recommended');
    });
  }

  test('the model ranks the lapsed lower: p_alive of c8 (170 days overdue) below c1 (on time)', async () => {
    const c1 = await analytics(C.c1);
    const c8 = await analytics(C.c8);
    assert.ok(c8.model.p_alive < c1.model.p_alive, `${c8.model.p_alive} < ${c1.model.p_alive}`);
    near((await analytics(C.c10)).model.p_alive, 1, 1e-9, 'one purchase only: BG/NBD p_alive');
    // TODO(implementer): health bands and reasons for c8 (overdue, drifting) vs c1 once the scoring is fixed.
  });

  test('a contact without purchases: orders 0, nulls; cancelled orders leave the analysis', async () => {
    for (const c of [noOrders, cancelledOnly]) {
      const a = await analytics(c);
      assertStamp(a);
      assert.equal(a.purchases.orders, 0);
      assert.equal(a.purchases.first_purchase, null);
      assert.equal(a.purchases.last_purchase, null);
      assert.equal(a.interval.status, 'none');
      assert.equal(a.interval.next_due, null);
      assert.equal(a.rfm, null);
      assert.equal(a.model, null);
      assert.deepEqual(a.products, []);
    }
  });

  test('unknown contact → 404', async () => {
    expectProblem(await manager.client.get('/api/v1/analytics/customers/con_nobody'), 404, 'not-found');
    expectProblem(await agentA.client.get('/api/v1/analytics/customers/con_nobody'), 404, 'not-found');
  });
});

describe('RFM', () => {
  let rfm;
  before(async () => { rfm = expectStatus(await manager.client.get('/api/v1/analytics/rfm'), 200); });

  test('ten customers; segments with counts, shares and money', async () => {
    assertStamp(rfm);
    assert.equal(rfm.customers, 10, 'only customers with purchases in the analysis');
    const want = new Map();
    for (const w of WORLD) {
      const s = want.get(w.segment) ?? { customers: 0, monetary_minor: 0 };
      s.customers += 1;
      s.monetary_minor += expectedOf(w).total_minor;
      want.set(w.segment, s);
    }
    const got = new Map(rfm.segments.filter((s) => s.customers > 0).map((s) => [s.segment, s]));
    assert.deepEqual([...got.keys()].sort(), [...want.keys()].sort(), JSON.stringify(rfm.segments));
    for (const [segment, s] of want) {
      assert.equal(got.get(segment).customers, s.customers, segment);
      near(got.get(segment).share, s.customers / 10, 0.001, `${segment} share`);
      assert.equal(got.get(segment).monetary_minor, s.monetary_minor, `${segment} monetary_minor (the sum)`);
    }
    // TODO(implementer): segments with no customers listed or not; names of segments beyond these five.
  });

  test('grid: one customer in each (r, f) cell of world A', async () => {
    const cells = rfm.grid.filter((g) => g.customers > 0).map((g) => [g.r, g.f, g.customers, g.average_monetary_minor]);
    const want = WORLD.map((w) => [w.rfm[0], w.rfm[1], 1, expectedOf(w).total_minor]);
    const key = (x) => `${x[0]}/${x[1]}`;
    assert.deepEqual(cells.sort((a, b) => key(a).localeCompare(key(b))), want.sort((a, b) => key(a).localeCompare(key(b))));
  });

  test('thresholds: four cut points per dimension; movement from 90 days ago to today', async () => {
    for (const dim of ['recency_days', 'frequency', 'monetary_minor']) {
      const t = rfm.thresholds[dim];
      assert.equal(t.length, 4, `${dim}: ${JSON.stringify(t)}`);
      const up = t.every((x, i) => i === 0 || x >= t[i - 1]);
      const down = t.every((x, i) => i === 0 || x <= t[i - 1]);
      assert.ok(up || down, `${dim} thresholds in order: ${t}`);
    }
    assert.equal(rfm.movement.from, addDays(AS_OF, -90));
    assert.equal(rfm.movement.to, AS_OF);
    assert.ok(Array.isArray(rfm.movement.flows));
    for (const f of rfm.movement.flows) assert.ok(f.customers > 0 && 'from' in f && 'to' in f, JSON.stringify(f));
    // c8 was a customer 90 days ago (first purchase 320 days ago); c2 was not (24 days ago).
    const total = rfm.movement.flows.reduce((s, f) => s + f.customers, 0);
    assert.ok(total >= 1 && total <= 10, `flows count customers: ${JSON.stringify(rfm.movement)}`);
    // TODO(implementer): exact flows (how customers new since then appear: from null?).
  });

  test('?segment=champions lists its customers with their scores; paging', async () => {
    const body = expectStatus(await manager.client.get('/api/v1/analytics/rfm?segment=champions&limit=500'), 200);
    const want = WORLD.filter((w) => w.segment === 'champions');
    assert.deepEqual(body.items.map((x) => x.contact_id).sort(), want.map((w) => C[w.key].id).sort());
    for (const x of body.items) {
      const w = WORLD.find((y) => C[y.key].id === x.contact_id);
      assert.deepEqual([x.r, x.f, x.m, x.segment, x.recency_days, x.frequency, x.monetary_minor],
                       [...w.rfm, 'champions', w.last, w.n, expectedOf(w).total_minor]);
      assert.equal(typeof x.name, 'string');
    }
    const page = expectStatus(await manager.client.get('/api/v1/analytics/rfm?segment=champions&limit=3'), 200);
    assert.equal(page.items.length, 3);
    assert.equal(typeof page.next_cursor, 'string');
    const rest = expectStatus(await manager.client.get(
      `/api/v1/analytics/rfm?segment=champions&limit=3&cursor=${encodeURIComponent(page.next_cursor)}`), 200);
    assert.equal(rest.items.length, 1);
    assert.equal(new Set([...page.items, ...rest.items].map((x) => x.contact_id)).size, 4);
  });
});

describe('CLV', () => {
  test('model parameters, counts, top customers with p_alive in [0, 1]', async () => {
    const clv = expectStatus(await manager.client.get('/api/v1/analytics/clv?limit=500'), 200);
    assertStamp(clv);
    assert.equal(clv.model.customers, 10);
    assert.equal(clv.model.repeat_customers, 9, 'all but c10');
    for (const f of ['r', 'alpha', 'a', 'b', 'log_likelihood']) assert.equal(typeof clv.model.bgnbd[f], 'number', f);
    for (const f of ['p', 'q', 'gamma', 'log_likelihood']) assert.equal(typeof clv.model.gamma_gamma[f], 'number', f);
    assert.equal(clv.items.length, 10);
    for (let i = 1; i < clv.items.length; i += 1) {
      assert.ok(clv.items[i - 1].clv_minor >= clv.items[i].clv_minor, 'sorted by clv, highest first');
    }
    for (const x of clv.items) {
      assert.ok(x.p_alive >= 0 && x.p_alive <= 1, JSON.stringify(x));
      assert.ok(Number.isInteger(x.clv_minor) && x.clv_minor >= 0, JSON.stringify(x));
    }
    const sum = clv.items.reduce((s, x) => s + x.clv_minor, 0);
    assert.ok(Math.abs(clv.totals.clv_minor - sum) <= 10, `totals.clv_minor ${clv.totals.clv_minor} is the sum ${sum}`);
    assert.equal(clv.distribution.reduce((s, d) => s + d.customers, 0), 10, 'the distribution counts every customer');
    // TODO(implementer): diagnostics (calibration_end, holdout_end, by_frequency) once the split is fixed.
  });
});

describe('due customers and follow-up tasks', () => {
  const idsOf = (items) => items.map((x) => x.contact_id).sort();
  const want = (ws) => ws.map((w) => C[w.key].id).sort();

  test('the due list: who is due or overdue, with exact dates', async () => {
    const items = await listAll(manager.client, '/api/v1/analytics/due');
    assert.deepEqual(idsOf(items), want(DUE));
    for (const x of items) {
      const w = WORLD.find((y) => C[y.key].id === x.contact_id);
      const e = expectedOf(w);
      assert.deepEqual([x.owner_id, x.last_purchase, x.usual_days, x.next_due, x.days_overdue, x.status],
                       [w.owner === 'A' ? agentA.id : agentB.id, e.last_purchase, e.usual_days, e.next_due, e.days_overdue,
                        w.status], w.key);
      assert.equal(typeof x.name, 'string');
    }
  });

  test('filters status and owner_id', async () => {
    assert.deepEqual(idsOf(await listAll(manager.client, '/api/v1/analytics/due?status=due')),
                     want(WORLD.filter((w) => w.status === 'due')));
    assert.deepEqual(idsOf(await listAll(manager.client, '/api/v1/analytics/due?status=overdue')),
                     want(WORLD.filter((w) => w.status === 'overdue')));
    assert.deepEqual(idsOf(await listAll(manager.client, `/api/v1/analytics/due?owner_id=${agentB.id}`)),
                     want(DUE.filter((w) => w.owner === 'B')));
    expectProblem(await manager.client.get('/api/v1/analytics/due?status=late'), 400, 'bad-request');
  });

  test('POST /analytics/due/tasks: one call task per customer for its owner, never two open ones', async () => {
    const post = async (body) => {
      const { created, skipped } = expectStatus(await manager.client.post('/api/v1/analytics/due/tasks', body), 200);
      return { created, skipped };
    };
    const tasksOf = async (c) => listAll(manager.client, `/api/v1/tasks?contact_id=${c.id}&status=open`);
    assert.deepEqual(await post({ contact_ids: [C.c2.id, C.c7.id] }), { created: 2, skipped: 0 });
    for (const key of ['c2', 'c7']) {
      const ts = await tasksOf(C[key]);
      assert.equal(ts.length, 1, JSON.stringify(ts));
      assert.equal(ts[0].kind, 'call');
      assert.equal(ts[0].assignee_id, agentA.id, 'the customer\'s owner');
      assert.match(ts[0].title, /^Purchase due/);
    }
    assert.deepEqual(await post({ contact_ids: [C.c2.id, C.c7.id] }), { created: 0, skipped: 2 });
    assert.deepEqual(await post({ all: true, owner_id: agentB.id }), { created: 3, skipped: 0 });
    for (const key of ['c5', 'c8', 'c9']) {
      const ts = await tasksOf(C[key]);
      assert.deepEqual(ts.map((t) => [t.kind, t.assignee_id]), [['call', agentB.id]], key);
    }
    assert.deepEqual(await post({ all: true }), { created: 0, skipped: 5 });
    const [done] = await tasksOf(C.c2);
    expectStatus(await agentA.client.patch(`/api/v1/tasks/${done.id}`, { status: 'done' }), 200);
    assert.deepEqual(await post({ contact_ids: [C.c2.id] }), { created: 1, skipped: 0 }, 'a done task is no open one');
    // Owners (agents) work their due customers; viewers change nothing.
    expectProblem(await viewer.client.post('/api/v1/analytics/due/tasks', { all: true }), 403, 'forbidden');
    expectFieldErrors(await manager.client.post('/api/v1/analytics/due/tasks', {}), []);
  });
});

describe('roles', () => {
  test('an agent reads a customer\'s analytics and the due list but not the overviews; refresh is manager+', async () => {
    expectStatus(await agentA.client.get(`/api/v1/analytics/customers/${C.c1.id}`), 200);
    expectProblem(await agentA.client.get(`/api/v1/analytics/customers/${C.c1.id}?refresh=true`), 403, 'forbidden');
    for (const p of ['rfm', 'clv', 'affinity']) {
      expectProblem(await agentA.client.get(`/api/v1/analytics/${p}`), 403, 'forbidden');
    }
    // The due list is the owners' work list.
    const mine = expectStatus(await agentA.client.get('/api/v1/analytics/due?owner_id=me'), 200);
    for (const x of mine.items) assert.equal(x.owner_id, agentA.id);
  });

  test('a viewer gets none of it (analytics are agent+ and manager+)', async () => {
    expectProblem(await viewer.client.get(`/api/v1/analytics/customers/${C.c1.id}`), 403, 'forbidden');
    expectProblem(await viewer.client.get('/api/v1/analytics/rfm'), 403, 'forbidden');
  });

  test('anonymous → 401', async () => {
    assert.equal((await fetch(`${h.base}/api/v1/analytics/rfm`)).status, 401);
  });
});

describe('results follow the data (runs last in world A: it adds orders)', () => {
  test('?refresh=true recomputes now: a new order shows at once with a new data_version', async () => {
    const before = await analytics(C.c6);
    assert.equal(before.purchases.orders, 2);
    await createOrder(agentA.client, C.c6, [{ product: M, quantity: 2 }], { ordered_at: daysAgo(AS_OF, 1) });
    const after = await analytics(C.c6, manager.client, '?refresh=true');
    assert.notEqual(after.data_version, before.data_version);
    assert.equal(after.purchases.orders, 3);
    assert.equal(after.purchases.last_purchase, addDays(AS_OF, -1));
    assert.equal(after.purchases.total_minor, 4_000 + 2_000);
  });

  test('without refresh: the answer changes soon after an order (the refresh job), never stays stale', async () => {
    const before = await analytics(C.c6);
    await createOrder(agentA.client, C.c6, [{ product: M, quantity: 5 }], { ordered_at: daysAgo(AS_OF, 0, '11:00:00') });
    const after = await waitFor(() => analytics(C.c6), (a) => a.data_version !== before.data_version,
                                { timeoutMs: 60_000, what: 'a new data_version after an order' });
    assert.equal(after.purchases.orders, 4);
    assert.equal(after.purchases.last_purchase, AS_OF);
    assert.equal(after.purchases.total_minor, 6_000 + 5_000);
  });

  test('a product write bumps data_version too', async () => {
    const before = await analytics(C.c6, manager.client, '?refresh=true');
    expectStatus(await manager.client.patch(`/api/v1/products/${M.id}`, { name: 'Coffee beans, 1 kg' }), 200);
    const after = await analytics(C.c6, manager.client, '?refresh=true');
    assert.notEqual(after.data_version, before.data_version);
  });
});

// ---------------------------------------------------------------------------------------
// World B: affinity and recommendations on a second server, and the analytics settings.
//
// Ten baskets (one order each, on ten different days, each with a service line that no
// analysis sees) over seven customers:
//   b1 A B (P1)   b2 A B (P2)   b3 A B C (P3)   b4 A D (P4)   b5 B C (P5)
//   b6 D (P2)     b7 D E (P6)   b8 A (P1)       b9 C (P7)     b10 E (P4)
// Support: A .5, B .4, C .3, D .3, E .2; AB .3, BC .2, DE .1, AC .1, AD .1.
// Rules with lift ≥ 1 (A→C, C→A, A→D, D→A have lift 2/3):
//   B→C, C→B, D→E, E→D: lift 1.6667;  A→B, B→A: lift 1.5.

describe('world B: affinity, recommendations and settings', () => {
  let b, P, prod;
  const ruleKey = (r) => `${r.antecedent.map((x) => x.sku).join('+')}→${r.consequent.map((x) => x.sku).join('+')}`;
  before(async () => {
    b = await setup({ users: ['manager', 'agent'], serveArgs: ['--clock', CLOCK] });
    const [mgr, ag] = b.users;
    prod = {};
    for (const k of ['A', 'B', 'C', 'D', 'E']) prod[k] = await createProduct(mgr.client, { sku: `AFF-${k}`, name: `Item ${k}` });
    prod.S = await createProduct(mgr.client, { sku: 'AFF-SHIP', name: 'Freight', is_service: true });
    P = {};
    for (const k of ['P1', 'P2', 'P3', 'P4', 'P5', 'P6', 'P7']) P[k] = await customer(ag.client, { last_name: k });
    const baskets = [['P1', 'AB'], ['P2', 'AB'], ['P3', 'ABC'], ['P4', 'AD'], ['P5', 'BC'], ['P2', 'D'], ['P6', 'DE'],
                     ['P1', 'A'], ['P7', 'C'], ['P4', 'E']];
    for (const [i, [who, items]] of baskets.entries()) {
      await createOrder(ag.client, P[who], [...[...items].map((k) => prod[k]), prod.S],
                        { ordered_at: daysAgo(AS_OF, 100 - 5 * i), status: 'delivered' });
    }
    await refresh(mgr.client);
  });
  after(async () => { await b?.stop(); });

  const mgrOf = () => b.users[0].client;
  const affinity = async (q = '') => expectStatus(await mgrOf().get(`/api/v1/analytics/affinity${q}`), 200);

  test('ten baskets; the six rules with exact support, confidence and lift, sorted by lift', async () => {
    const a = await affinity();
    assertStamp(a);
    assert.equal(a.baskets, 10);
    const want = {
      'AFF-B→AFF-C': [0.2, 0.5, 5 / 3], 'AFF-C→AFF-B': [0.2, 2 / 3, 5 / 3],
      'AFF-D→AFF-E': [0.1, 1 / 3, 5 / 3], 'AFF-E→AFF-D': [0.1, 0.5, 5 / 3],
      'AFF-A→AFF-B': [0.3, 0.6, 1.5], 'AFF-B→AFF-A': [0.3, 0.75, 1.5],
    };
    assert.deepEqual(a.rules.map(ruleKey).sort(), Object.keys(want).sort(), `rules: ${a.rules.map(ruleKey)}`);
    for (const r of a.rules) {
      const [support, confidence, lift] = want[ruleKey(r)];
      near(r.support, support, 0.001, `${ruleKey(r)} support`);
      near(r.confidence, confidence, 0.001, `${ruleKey(r)} confidence`);
      near(r.lift, lift, 0.001, `${ruleKey(r)} lift`);
      assert.equal(r.antecedent[0].product_id, prod[r.antecedent[0].sku.slice(4)].id);
      assert.equal(typeof r.antecedent[0].name, 'string');
    }
    for (let i = 1; i < a.rules.length; i += 1) assert.ok(a.rules[i - 1].lift >= a.rules[i].lift, 'sorted by lift');
    assert.ok(!JSON.stringify(a.rules).includes('AFF-SHIP'), 'a service is in no rule');
    assert.equal((await affinity('?limit=2')).rules.length, 2);
  });

  test('recommendations: from the rules, never a product the customer owns', async () => {
    const recs = async (who) => expectStatus(await mgrOf().get(`/api/v1/analytics/customers/${P[who].id}`), 200).recommendations;
    const p7 = await recs('P7');           // owns C → B (C→B)
    assert.deepEqual(p7.filter((r) => !r.due_again).map((r) => r.sku), ['AFF-B'], JSON.stringify(p7));
    assert.deepEqual(p7[0].because, ['AFF-C']);
    near(p7[0].confidence, 2 / 3, 0.001, 'confidence');
    near(p7[0].lift, 5 / 3, 0.001, 'lift');
    assert.equal(p7[0].product_id, prod.B.id);
    assert.equal(typeof p7[0].score, 'number');
    // An owned product comes back only as `due_again`, when the customer's own rhythm for it
    // says it is due: "not again within the usual interval".
    const fresh = (list) => list.filter((r) => !r.due_again);
    const dueAgainOnlyIfDue = async (who, list) => {
      const mine = expectStatus(await mgrOf().get(`/api/v1/analytics/customers/${P[who].id}`), 200).products;
      for (const r of list.filter((x) => x.due_again)) {
        const p = mine.find((x) => x.product_id === r.product_id);
        assert.ok(p && ['due', 'overdue'].includes(p.status), `${who}: ${r.sku} offered again only when due: ${JSON.stringify(p)}`);
      }
    };
    const p1 = await recs('P1');           // owns A, B → C (B→C)
    assert.deepEqual(fresh(p1).map((r) => [r.sku, r.because]), [['AFF-C', ['AFF-B']]], JSON.stringify(p1));
    await dueAgainOnlyIfDue('P1', p1);
    const p5 = await recs('P5');           // owns B, C → A (B→A)
    assert.deepEqual(fresh(p5).map((r) => [r.sku, r.because]), [['AFF-A', ['AFF-B']]], JSON.stringify(p5));
    await dueAgainOnlyIfDue('P5', p5);
    assert.deepEqual((await recs('P6')).filter((r) => !r.due_again), [], 'owns D and E: every rule\'s consequent is owned');
    // TODO(implementer): if recommendations ever add a non-rule fallback (popular products),
    // relax the P6 case to "no owned product" and keep the exact rule-based ones above.
  });

  test('settings: defaults; only an admin changes them; validation 422; min_lift applies on refresh', async () => {
    const s = expectStatus(await mgrOf().get('/api/v1/settings/analytics'), 200);
    const spec = ['currency', 'horizon_weeks', 'annual_discount_rate', 'margin_percent', 'min_support', 'min_confidence',
                  'min_lift', 'affinity_days', 'refresh_minutes'];
    const values = Object.fromEntries(spec.map((k) => [k, s[k]]));
    assert.deepEqual(values, { currency: null, horizon_weeks: 52, annual_discount_rate: 0.10, margin_percent: 100,
                               min_support: 0.001, min_confidence: 0.1, min_lift: 1.0, affinity_days: 730,
                               refresh_minutes: 15 });
    expectProblem(await mgrOf().put('/api/v1/settings/analytics', { min_lift: 2 }), 403, 'forbidden');
    const invalid = [
      { currency: 'eur' }, { horizon_weeks: 0 }, { annual_discount_rate: -0.1 }, { margin_percent: 101 },
      { margin_percent: -1 }, { min_support: 1.5 }, { min_support: -0.1 }, { min_confidence: 2 }, { min_lift: -1 },
      { affinity_days: 0 }, { refresh_minutes: 0 }, { horizon_weeks: 'a year' }, { colour: 'red' },
    ];
    for (const body of invalid) {
      expectFieldErrors(await b.admin.put('/api/v1/settings/analytics', body), Object.keys(body));
    }
    const unchanged = expectStatus(await mgrOf().get('/api/v1/settings/analytics'), 200);
    assert.equal(unchanged.min_lift, 1.0);
    assert.equal(unchanged.horizon_weeks, 52);

    const saved = expectStatus(await b.admin.put('/api/v1/settings/analytics', { min_lift: 1.6 }), 200);
    assert.equal(saved.min_lift, 1.6);
    assert.equal(saved.min_support, 0.001, 'the fields not given are kept');
    const a = await affinity('?refresh=true');
    assert.deepEqual(a.rules.map(ruleKey).sort(), ['AFF-B→AFF-C', 'AFF-C→AFF-B', 'AFF-D→AFF-E', 'AFF-E→AFF-D']);
    expectStatus(await b.admin.put('/api/v1/settings/analytics', { min_lift: 1.0 }), 200);
    assert.equal((await affinity('?refresh=true')).rules.length, 6);
  });
});

// ---------------------------------------------------------------------------------------
// World C: segments come from R and FM = round((F + M) / 2), not from R and F alone. Five
// customers, one per quintile in each dimension, F and M ranked differently (each
// customer's purchases all of one value, so M ranks the same by total and by average;
// F + M is even, so no rounding question):
//   key  purchases × value  last   R F M  FM  segment (spec)  (by R and F alone it would be)
//   d1   4 × 800              1    5 4 4  4   champions
//   d2   3 × 1,200            5    4 3 5  4   champions       potential_loyalist
//   d3   2 × 300             20    3 2 2  2   about_to_sleep
//   d4   5 × 100             60    2 5 1  3   at_risk         cant_lose
//   d5   1 × 700            200    1 1 3  2   lost

describe('world C: segments from R and FM', () => {
  const D = [
    { key: 'd1', n: 4, value: 800, last: 1, rfm: [5, 4, 4], segment: 'champions' },
    { key: 'd2', n: 3, value: 1_200, last: 5, rfm: [4, 3, 5], segment: 'champions' },
    { key: 'd3', n: 2, value: 300, last: 20, rfm: [3, 2, 2], segment: 'about_to_sleep' },
    { key: 'd4', n: 5, value: 100, last: 60, rfm: [2, 5, 1], segment: 'at_risk' },
    { key: 'd5', n: 1, value: 700, last: 200, rfm: [1, 1, 3], segment: 'lost' },
  ];
  let w, contacts;
  before(async () => {
    w = await setup({ users: ['manager'], serveArgs: ['--clock', CLOCK] });
    const mgr = w.users[0].client;
    const unit = await createProduct(mgr, { name: 'Unit', price_minor: 100 });
    contacts = {};
    for (const d of D) {
      contacts[d.key] = await customer(mgr, { last_name: d.key });
      for (let i = 0; i < d.n; i += 1) {
        await createOrder(mgr, contacts[d.key], [{ product: unit, quantity: d.value / 100 }],
                          { ordered_at: daysAgo(AS_OF, d.last + 7 * i), status: 'delivered' });
      }
    }
    await refresh(mgr);
  });
  after(async () => { await w?.stop(); });

  for (const d of D) {
    test(`${d.key}: r, f, m ${d.rfm.join('/')} → ${d.segment}`, async () => {
      const a = expectStatus(await w.users[0].client.get(`/api/v1/analytics/customers/${contacts[d.key].id}`), 200);
      assert.deepEqual([a.rfm.recency_days, a.rfm.frequency, a.rfm.monetary_minor], [d.last, d.n, d.n * d.value]);
      assert.deepEqual([a.rfm.r, a.rfm.f, a.rfm.m], d.rfm);
      assert.equal(a.rfm.segment, d.segment);
    });
  }
});
