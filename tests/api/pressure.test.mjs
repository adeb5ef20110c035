// Contact pressure scenarios: the settings (admin writes, staff reads, validation), the cap
// on outbound interactions in a rolling window around each touch (409 contact-pressure with
// limit/window_days/count), inbound never counting, override_reason (stored and on the
// timeline), window boundaries, GET /contacts/{id}/pressure, the cap turned off, and PATCHes
// that make an interaction outbound or move it in time.
// The settings are global to the server, so each test sets what it needs first.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, expectStatus, expectProblem, expectFieldErrors, listAll, RFC3339_UTC } from './harness.mjs';
import { at, createContact, DAY, HOUR, setPressureCap } from './operational_helpers.mjs';

let h, agent, manager, viewer;
before(async () => {
  h = await setup({ users: ['agent', 'manager', 'viewer'] });
  [agent, manager, viewer] = h.users;
});
after(async () => { await h?.stop(); });

const setCap = (max_outbound, window_days) => setPressureCap(h.admin, max_outbound, window_days);

const contact = () => createContact(agent.client, 'Press');

const post = (body) => agent.client.post('/api/v1/interactions', body);

async function outbound(c, ms = 0, extra = {}) {
  return expectStatus(await post({ contact_id: c.id, channel: 'email', direction: 'outbound', occurred_at: at(ms), ...extra }), 201);
}

async function inbound(c, ms = 0, extra = {}) {
  return expectStatus(await post({ contact_id: c.id, channel: 'phone', direction: 'inbound', occurred_at: at(ms), ...extra }), 201);
}

async function stored(c) {
  return listAll(h.admin, `/api/v1/interactions?contact_id=${c.id}&archived=all`);
}

function expectPressure(r, { limit, window_days, count }) {
  const p = expectProblem(r, 409, 'contact-pressure');
  assert.equal(p.limit, limit, `limit member: ${JSON.stringify(p)}`);
  assert.equal(p.window_days, window_days, `window_days member: ${JSON.stringify(p)}`);
  assert.equal(p.count, count, `count member: ${JSON.stringify(p)}`);
  return p;
}

async function pressure(c, query = '') {
  return expectStatus(await viewer.client.get(`/api/v1/contacts/${c.id}/pressure${query}`), 200);
}

describe('settings', () => {
  test('default is 3 outbound in 7 days; any staff reads it', async () => {
    for (const client of [viewer.client, agent.client, h.admin]) {
      const s = expectStatus(await client.get('/api/v1/settings/contact-pressure'), 200);
      assert.equal(s.max_outbound, 3);
      assert.equal(s.window_days, 7);
      assert.ok('updated_at' in s && 'updated_by' in s, `updated_at/updated_by: ${JSON.stringify(s)}`);
    }
  });

  test('admin PUT → 200; GET shows it with updated_at and updated_by', async () => {
    const me = expectStatus(await h.admin.get('/api/v1/me'), 200);
    const s = await setCap(5, 14);
    assert.match(s.updated_at, RFC3339_UTC);
    assert.equal(s.updated_by, me.id);
    const g = expectStatus(await agent.client.get('/api/v1/settings/contact-pressure'), 200);
    assert.equal(g.max_outbound, 5);
    assert.equal(g.window_days, 14);
    assert.equal(g.updated_by, me.id);
  });

  test('agent, manager and viewer cannot PUT → 403; unchanged', async () => {
    await setCap(4, 10);
    for (const u of [agent, manager, viewer]) {
      expectProblem(await u.client.put('/api/v1/settings/contact-pressure', { max_outbound: 1, window_days: 1 }),
                    403, 'forbidden');
    }
    const g = expectStatus(await h.admin.get('/api/v1/settings/contact-pressure'), 200);
    assert.equal(g.max_outbound, 4);
    assert.equal(g.window_days, 10);
  });

  const invalid = [
    ['max_outbound -1', { max_outbound: -1, window_days: 7 }, 'max_outbound'],
    ['max_outbound 1001', { max_outbound: 1001, window_days: 7 }, 'max_outbound'],
    ['max_outbound as text', { max_outbound: '3', window_days: 7 }, 'max_outbound'],
    ['max_outbound fractional', { max_outbound: 2.5, window_days: 7 }, 'max_outbound'],
    ['window_days 0', { max_outbound: 3, window_days: 0 }, 'window_days'],
    ['window_days 366', { max_outbound: 3, window_days: 366 }, 'window_days'],
    ['unknown field', { max_outbound: 3, window_days: 7, per_channel: true }, 'per_channel'],
  ];
  for (const [name, body, field] of invalid) {
    test(`invalid: ${name} → 422, unchanged`, async () => {
      await setCap(4, 10);
      expectFieldErrors(await h.admin.put('/api/v1/settings/contact-pressure', body), [field]);
      const g = expectStatus(await h.admin.get('/api/v1/settings/contact-pressure'), 200);
      assert.equal(g.max_outbound, 4);
      assert.equal(g.window_days, 10);
    });
  }

  test('boundaries 1…1000 and 1…365 are accepted', async () => {
    await setCap(1000, 365);
    await setCap(1, 1);
  });
});

describe('the cap (max 2 in 7 days)', () => {
  before(async () => { await setCap(2, 7); });

  test('two outbound are fine; the third → 409 contact-pressure with limit, window_days, count; nothing stored', async () => {
    await setCap(2, 7);
    const c = await contact();
    await outbound(c, -2 * HOUR);
    await outbound(c, -1 * HOUR);
    const r = await post({ contact_id: c.id, channel: 'phone', direction: 'outbound' });
    const p = expectPressure(r, { limit: 2, window_days: 7, count: 2 });
    assert.equal(typeof p.detail, 'string');
    assert.equal((await stored(c)).length, 2, 'the refused interaction is not stored');
  });

  test('inbound never counts, and is never refused', async () => {
    await setCap(2, 7);
    const c = await contact();
    for (let i = 0; i < 4; i += 1) await inbound(c, -i * HOUR);
    await outbound(c, -30 * 60_000);
    await outbound(c, -20 * 60_000);
    await inbound(c);
    await inbound(c, 1000);
    expectPressure(await post({ contact_id: c.id, channel: 'sms', direction: 'outbound' }),
                   { limit: 2, window_days: 7, count: 2 });
    assert.equal((await stored(c)).length, 8);
  });

  test('override_reason lets the third through; it is stored and on the timeline', async () => {
    await setCap(2, 7);
    const c = await contact();
    await outbound(c, -2 * HOUR);
    await outbound(c, -1 * HOUR);
    const reason = 'Customer asked us to call back today';
    const third = await outbound(c, 0, { override_reason: reason });
    assert.equal(third.override_reason, reason);
    assert.equal((await h.admin.get(`/api/v1/interactions/${third.id}`)).body.override_reason, reason);
    const tl = expectStatus(await h.admin.get(`/api/v1/contacts/${c.id}/timeline?kind=interaction`), 200);
    const entry = tl.items.find((e) => e.ref_id === third.id);
    assert.ok(entry, `timeline has the overridden interaction: ${JSON.stringify(tl.items)}`);
    assert.equal(entry.data.override_reason, reason);
    for (const e of tl.items.filter((x) => x.ref_id !== third.id)) {
      assert.ok(e.data.override_reason === null || e.data.override_reason === undefined,
                `no override_reason on ordinary entries: ${JSON.stringify(e)}`);
    }
    // Over the cap now (3 in the window): still refused without a reason.
    expectPressure(await post({ contact_id: c.id, channel: 'email', direction: 'outbound' }),
                   { limit: 2, window_days: 7, count: 3 });
  });

  test('an empty override_reason does not override; an over-long one → 422 override_reason', async () => {
    await setCap(2, 7);
    const c = await contact();
    await outbound(c, -2 * HOUR);
    await outbound(c, -1 * HOUR);
    // "non-empty": an empty reason is either refused as a field (422) or no reason at all (409).
    const empty = await post({ contact_id: c.id, channel: 'email', direction: 'outbound', override_reason: '' });
    if (empty.status === 422) expectFieldErrors(empty, ['override_reason']);
    else expectPressure(empty, { limit: 2, window_days: 7, count: 2 });
    expectFieldErrors(await post({ contact_id: c.id, channel: 'email', direction: 'outbound',
                                   override_reason: 'r'.repeat(501) }), ['override_reason']);
    assert.equal((await stored(c)).length, 2);
    await outbound(c, 0, { override_reason: 'r'.repeat(500) });
  });

  test('an outbound 8 days back does not count', async () => {
    await setCap(2, 7);
    const c = await contact();
    await outbound(c, -8 * DAY);
    await outbound(c, -8 * DAY + HOUR);
    await outbound(c, -60_000);
    await outbound(c);
    expectPressure(await post({ contact_id: c.id, channel: 'email', direction: 'outbound' }),
                   { limit: 2, window_days: 7, count: 2 });
  });

  test('an outbound 6 days back counts', async () => {
    await setCap(2, 7);
    const c = await contact();
    await outbound(c, -6 * DAY);
    await outbound(c, -60_000);
    expectPressure(await post({ contact_id: c.id, channel: 'email', direction: 'outbound' }),
                   { limit: 2, window_days: 7, count: 2 });
  });

  test('planned touches ahead count too (the window is around the new touch)', async () => {
    await setCap(2, 7);
    const c = await contact();
    await outbound(c, 3 * DAY);
    await outbound(c, 4 * DAY);
    expectPressure(await post({ contact_id: c.id, channel: 'email', direction: 'outbound', occurred_at: at(0) }),
                   { limit: 2, window_days: 7, count: 2 });
    // 12 days ahead, both planned touches (9 and 8 days before it) are outside its window.
    await outbound(c, 12 * DAY);
  });

  test('logging a past touch late cannot slip past the cap', async () => {
    await setCap(2, 7);
    const c = await contact();
    await outbound(c, -HOUR);
    await outbound(c);
    expectPressure(await post({ contact_id: c.id, channel: 'letter', direction: 'outbound', occurred_at: at(-3 * DAY) }),
                   { limit: 2, window_days: 7, count: 2 });
    // 10 days back, both recent touches are outside its window.
    await outbound(c, -10 * DAY);
  });

  test('archived outbound interactions do not count', async () => {
    await setCap(2, 7);
    const c = await contact();
    const first = await outbound(c, -HOUR);
    await outbound(c);
    expectStatus(await agent.client.del(`/api/v1/interactions/${first.id}`), 204);
    await outbound(c, 1000);
  });

  test('the cap is per contact', async () => {
    await setCap(2, 7);
    const a = await contact();
    const b = await contact();
    await outbound(a, -HOUR);
    await outbound(a);
    await outbound(b, -HOUR);
    await outbound(b);
    expectPressure(await post({ contact_id: b.id, channel: 'email', direction: 'outbound' }),
                   { limit: 2, window_days: 7, count: 2 });
  });

  test('parallel outbound creates never exceed the cap', async () => {
    await setCap(2, 7);
    const c = await contact();
    const rs = await Promise.all(Array.from({ length: 6 }, (_, i) =>
      post({ contact_id: c.id, channel: 'email', direction: 'outbound', occurred_at: at(-i * 1000) })));
    const ok = rs.filter((r) => r.status === 201);
    assert.equal(ok.length, 2, `exactly two 201: ${rs.map((r) => r.status)}`);
    for (const r of rs.filter((x) => x.status !== 201)) expectProblem(r, 409, 'contact-pressure');
    assert.equal((await stored(c)).length, 2);
  });
});

describe('GET /contacts/{id}/pressure', () => {
  test('count, remaining and frees_at follow the touches', async () => {
    await setCap(2, 7);
    const c = await contact();
    let p = await pressure(c);
    for (const [k, v] of Object.entries({ contact_id: c.id, limit: 2, window_days: 7, count: 0, remaining: 2, frees_at: null })) {
      assert.equal(p[k], v, `${k}: ${JSON.stringify(p)}`);
    }

    const oldest = await outbound(c, -5 * DAY);
    await inbound(c, -4 * DAY);
    p = await pressure(c);
    assert.equal(p.count, 1);
    assert.equal(p.remaining, 1);
    assert.equal(p.frees_at, null, 'a touch is possible now');

    await outbound(c, -3 * DAY);
    p = await pressure(c);
    assert.equal(p.limit, 2);
    assert.equal(p.window_days, 7);
    assert.equal(p.count, 2);
    assert.equal(p.remaining, 0);
    assert.match(p.frees_at, RFC3339_UTC);
    const want = Date.parse(oldest.occurred_at) + 7 * DAY;
    assert.ok(Math.abs(Date.parse(p.frees_at) - want) <= 1000,
              `frees_at is when the oldest touch leaves the window (${new Date(want).toISOString()}): ${p.frees_at}`);

    // At frees_at a touch is indeed accepted, a little before it is not.
    expectPressure(await post({ contact_id: c.id, channel: 'email', direction: 'outbound',
                                occurred_at: new Date(want - 60_000).toISOString() }),
                   { limit: 2, window_days: 7, count: 2 });
    expectStatus(await post({ contact_id: c.id, channel: 'email', direction: 'outbound',
                              occurred_at: new Date(want + 1000).toISOString() }), 201);
  });

  test('?at= looks at the window around another instant', async () => {
    await setCap(2, 7);
    const c = await contact();
    await outbound(c, -HOUR);
    await outbound(c);
    assert.equal((await pressure(c, `?at=${encodeURIComponent(at(0))}`)).count, 2);
    const later = await pressure(c, `?at=${encodeURIComponent(at(10 * DAY))}`);
    assert.equal(later.count, 0);
    assert.equal(later.remaining, 2);
    assert.equal(later.frees_at, null);
    const earlier = await pressure(c, `?at=${encodeURIComponent(at(-3 * DAY))}`);
    assert.equal(earlier.count, 2, 'the window reaches ahead of `at` too');
  });

  test('bad at → 400; unknown contact → 404', async () => {
    const c = await contact();
    expectProblem(await viewer.client.get(`/api/v1/contacts/${c.id}/pressure?at=tomorrow`), 400, 'bad-request');
    expectProblem(await viewer.client.get('/api/v1/contacts/no-such-contact/pressure'), 404, 'not-found');
  });
});

describe('cap off', () => {
  test('max_outbound 0: any number of outbound; remaining and frees_at null', async () => {
    await setCap(0, 7);
    const c = await contact();
    for (let i = 0; i < 6; i += 1) await outbound(c, -i * HOUR);
    const p = await pressure(c);
    assert.equal(p.count, 6);
    assert.equal(p.remaining, null);
    assert.equal(p.frees_at, null);
    await setCap(2, 7);
    expectPressure(await post({ contact_id: c.id, channel: 'email', direction: 'outbound' }),
                   { limit: 2, window_days: 7, count: 6 });
  });
});

describe('PATCH', () => {
  test('turning an inbound into outbound over the cap → 409, unchanged', async () => {
    await setCap(2, 7);
    const c = await contact();
    await outbound(c, -2 * HOUR);
    await outbound(c, -HOUR);
    const i = await inbound(c);
    expectPressure(await agent.client.patch(`/api/v1/interactions/${i.id}`, { direction: 'outbound' }),
                   { limit: 2, window_days: 7, count: 2 });
    assert.deepEqual(expectStatus(await h.admin.get(`/api/v1/interactions/${i.id}`), 200), i);
  });

  test('with override_reason the PATCH goes through and the reason is stored', async () => {
    await setCap(2, 7);
    const c = await contact();
    await outbound(c, -2 * HOUR);
    await outbound(c, -HOUR);
    const i = await inbound(c);
    const u = expectStatus(await agent.client.patch(`/api/v1/interactions/${i.id}`,
      { direction: 'outbound', override_reason: 'Follow-up the customer requested' }), 200);
    assert.equal(u.direction, 'outbound');
    assert.equal(u.override_reason, 'Follow-up the customer requested');
  });

  test('moving an outbound into a full window → 409, unchanged', async () => {
    await setCap(2, 7);
    const c = await contact();
    await outbound(c, -2 * HOUR);
    await outbound(c, -HOUR);
    const far = await outbound(c, -20 * DAY);
    expectPressure(await agent.client.patch(`/api/v1/interactions/${far.id}`, { occurred_at: at(0) }),
                   { limit: 2, window_days: 7, count: 2 });
    assert.deepEqual(expectStatus(await h.admin.get(`/api/v1/interactions/${far.id}`), 200), far);
  });

  test('other changes, or a small move, of an outbound in a full window are fine (it does not count itself)', async () => {
    await setCap(2, 7);
    const c = await contact();
    await outbound(c, -2 * HOUR);
    const i = await outbound(c, -HOUR);
    const u = expectStatus(await agent.client.patch(`/api/v1/interactions/${i.id}`, { subject: 'Re: offer', sentiment: 1 }), 200);
    assert.equal(u.subject, 'Re: offer');
    const moved = expectStatus(await agent.client.patch(`/api/v1/interactions/${i.id}`, { occurred_at: at(-3 * HOUR) }), 200);
    assert.equal(Date.parse(moved.occurred_at) <= Date.now() - 3 * HOUR, true);
    await outbound(c, -30 * 60_000, { override_reason: 'Urgent recall' });
    expectStatus(await agent.client.patch(`/api/v1/interactions/${i.id}`, { notes: 'over the cap, but not a new touch' }), 200);
  });
});
