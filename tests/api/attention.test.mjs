// Needs-attention scenarios: the "negative" rule (enough interactions with sentiment ≤ −1 or
// a failed outcome in the window), the "silence" rule (time since the last interaction
// beyond factor × the usual gap), the early-warning settings (read staff, write manager+),
// and the owner filter (`me`). Every test gives its contacts a fresh owner and asks with
// owner_id, so contacts of other tests never get in the way.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, expectStatus, expectProblem, expectFieldErrors, listAll } from './harness.mjs';
import { ago, createContact } from './operational_helpers.mjs';

let h, agent, manager, viewer;
before(async () => {
  h = await setup({ users: ['agent', 'manager', 'viewer'] });
  [agent, manager, viewer] = h.users;
});
after(async () => { await h?.stop(); });

const DEFAULTS = {
  negative: { enabled: true, count: 2, window_days: 30 },
  silence: { enabled: true, factor: 2, min_interactions: 3 },
  failed_outcomes: ['failed', 'no_answer', 'complaint', 'lost'],
};

async function customer(ownerId) {
  return createContact(agent.client, 'Att', { kind: 'customer', owner_id: ownerId });
}

async function touch(c, daysAgo, extra = {}) {
  return expectStatus(await agent.client.post('/api/v1/interactions',
    { contact_id: c.id, channel: 'phone', direction: 'inbound', occurred_at: ago(daysAgo), ...extra }), 201);
}

async function attention(query, client = viewer.client) {
  const items = await listAll(client, `/api/v1/attention${query ? `?${query}` : ''}`);
  for (const it of items) {
    assert.equal(typeof it.contact, 'object', JSON.stringify(it));
    assert.equal(typeof it.contact.id, 'string');
    assert.ok(Array.isArray(it.reasons) && it.reasons.length > 0, `reasons[]: ${JSON.stringify(it)}`);
    for (const r of it.reasons) {
      assert.equal(typeof r.rule, 'string');
      assert.equal(typeof r.detail, 'string');
    }
  }
  return items;
}

/** {contact id → [rules]} for one owner's contacts. */
async function flagged(ownerId) {
  const out = {};
  for (const it of await attention(`owner_id=${ownerId}`)) out[it.contact.id] = it.reasons.map((r) => r.rule).sort();
  return out;
}

async function putRules(rules, client = manager.client) {
  return expectStatus(await client.put('/api/v1/settings/early-warning', rules), 200);
}

describe('settings', () => {
  test('defaults; any staff reads', async () => {
    for (const client of [viewer.client, agent.client, manager.client]) {
      const s = expectStatus(await client.get('/api/v1/settings/early-warning'), 200);
      assert.deepEqual(s.negative, DEFAULTS.negative);
      assert.deepEqual(s.silence, DEFAULTS.silence);
      assert.deepEqual(s.failed_outcomes, DEFAULTS.failed_outcomes);
    }
  });

  test('manager and admin write; agent and viewer → 403', async () => {
    const s = await putRules({ ...DEFAULTS, negative: { enabled: true, count: 4, window_days: 20 } });
    assert.deepEqual(s.negative, { enabled: true, count: 4, window_days: 20 });
    assert.equal(expectStatus(await viewer.client.get('/api/v1/settings/early-warning'), 200).negative.count, 4);
    for (const u of [agent, viewer]) {
      expectProblem(await u.client.put('/api/v1/settings/early-warning', DEFAULTS), 403, 'forbidden');
    }
    assert.equal(expectStatus(await viewer.client.get('/api/v1/settings/early-warning'), 200).negative.count, 4);
    await putRules(DEFAULTS, h.admin);
    assert.deepEqual(expectStatus(await viewer.client.get('/api/v1/settings/early-warning'), 200).negative, DEFAULTS.negative);
  });

  test('invalid values → 422 naming the field; unchanged', async () => {
    await putRules(DEFAULTS);
    expectFieldErrors(await manager.client.put('/api/v1/settings/early-warning',
      { ...DEFAULTS, negative: { enabled: true, count: 'two', window_days: 30 } }), ['negative.count']);
    expectFieldErrors(await manager.client.put('/api/v1/settings/early-warning',
      { ...DEFAULTS, silence: { enabled: 'yes', factor: 2, min_interactions: 3 } }), ['silence.enabled']);
    expectFieldErrors(await manager.client.put('/api/v1/settings/early-warning',
      { ...DEFAULTS, silence: { enabled: true, factor: 'double', min_interactions: 3 } }), ['silence.factor']);
    expectFieldErrors(await manager.client.put('/api/v1/settings/early-warning', { ...DEFAULTS, colour: 'red' }), ['colour']);
    const s = expectStatus(await viewer.client.get('/api/v1/settings/early-warning'), 200);
    assert.deepEqual(s.negative, DEFAULTS.negative);
    assert.deepEqual(s.silence, DEFAULTS.silence);
  });
});

describe('negative rule', () => {
  before(async () => { await putRules(DEFAULTS); });

  test('two interactions with sentiment -2 within 30 days → listed with rule "negative"', async () => {
    const owner = await h.makeUser('agent');
    const c = await customer(owner.id);
    await touch(c, 12, { sentiment: -2 });
    await touch(c, 3, { sentiment: -2, direction: 'outbound', channel: 'email' });
    const items = await attention(`owner_id=${owner.id}`);
    assert.equal(items.length, 1, JSON.stringify(items));
    assert.equal(items[0].contact.id, c.id);
    assert.equal(items[0].contact.owner_id, owner.id, 'the whole contact record');
    assert.deepEqual(items[0].reasons.map((r) => r.rule), ['negative']);
    assert.ok(items[0].reasons[0].detail.length > 0);
  });

  test('one is not enough; sentiment -1 counts; 0 does not', async () => {
    const owner = await h.makeUser('agent');
    const one = await customer(owner.id);
    await touch(one, 2, { sentiment: -2 });
    await touch(one, 1, { sentiment: 0 });
    await touch(one, 0.5, { sentiment: 2 });
    const mild = await customer(owner.id);
    await touch(mild, 5, { sentiment: -1 });
    await touch(mild, 4, { sentiment: -1 });
    assert.deepEqual(await flagged(owner.id), { [mild.id]: ['negative'] });
  });

  test('a failed outcome counts like a negative sentiment', async () => {
    const owner = await h.makeUser('agent');
    const mixed = await customer(owner.id);
    await touch(mixed, 6, { sentiment: -2 });
    await touch(mixed, 2, { outcome: 'failed' });
    const outcomes = await customer(owner.id);
    await touch(outcomes, 6, { outcome: 'no_answer' });
    await touch(outcomes, 2, { outcome: 'complaint', sentiment: 1 });
    const fine = await customer(owner.id);
    await touch(fine, 6, { outcome: 'reached' });
    await touch(fine, 2, { outcome: 'failed' });
    assert.deepEqual(await flagged(owner.id), { [mixed.id]: ['negative'], [outcomes.id]: ['negative'] });
  });

  test('outside the 30-day window does not count; archived interactions do not count', async () => {
    const owner = await h.makeUser('agent');
    const old = await customer(owner.id);
    await touch(old, 40, { sentiment: -2 });
    await touch(old, 2, { sentiment: -2 });
    const arch = await customer(owner.id);
    await touch(arch, 5, { sentiment: -2 });
    const gone = await touch(arch, 4, { sentiment: -2 });
    assert.deepEqual(Object.keys(await flagged(owner.id)), [arch.id]);
    expectStatus(await agent.client.del(`/api/v1/interactions/${gone.id}`), 204);
    assert.deepEqual(await flagged(owner.id), {});
  });

  test('count, window and failed_outcomes follow the settings; disabled means off', async () => {
    const owner = await h.makeUser('agent');
    const c = await customer(owner.id);
    await touch(c, 10, { sentiment: -2 });
    await touch(c, 5, { outcome: 'ghosted' });
    await touch(c, 2, { sentiment: -2 });
    try {
      assert.deepEqual(await flagged(owner.id), { [c.id]: ['negative'] });
      await putRules({ ...DEFAULTS, negative: { enabled: true, count: 3, window_days: 30 } });
      assert.deepEqual(await flagged(owner.id), {}, 'count 3: two negatives are not enough');
      await putRules({ ...DEFAULTS, negative: { enabled: true, count: 3, window_days: 30 }, failed_outcomes: ['ghosted'] });
      assert.deepEqual(await flagged(owner.id), { [c.id]: ['negative'] }, 'ghosted now counts as failed');
      await putRules({ ...DEFAULTS, negative: { enabled: true, count: 2, window_days: 7 } });
      assert.deepEqual(await flagged(owner.id), {}, 'window 7 days: only one negative inside');
      await putRules({ ...DEFAULTS, negative: { enabled: false, count: 2, window_days: 30 } });
      assert.deepEqual(await flagged(owner.id), {}, 'disabled');
    } finally {
      await putRules(DEFAULTS);
    }
  });
});

describe('silence rule', () => {
  before(async () => { await putRules(DEFAULTS); });

  test('interactions 60, 50 and 40 days ago: usual gap 10 days, silent 40 > 2 × 10 → "silence"', async () => {
    const owner = await h.makeUser('agent');
    const c = await customer(owner.id);
    for (const d of [60, 50, 40]) await touch(c, d);
    const items = await attention(`owner_id=${owner.id}`);
    assert.equal(items.length, 1, JSON.stringify(items));
    assert.equal(items[0].contact.id, c.id);
    assert.deepEqual(items[0].reasons.map((r) => r.rule), ['silence']);
    assert.ok(items[0].reasons[0].detail.length > 0);
  });

  test('still in rhythm (30, 20, 10 days ago), too few interactions, or the factor not reached → not listed', async () => {
    const owner = await h.makeUser('agent');
    const rhythm = await customer(owner.id);
    for (const d of [30, 20, 10]) await touch(rhythm, d);
    const few = await customer(owner.id);
    for (const d of [90, 80]) await touch(few, d);
    const borderline = await customer(owner.id);
    for (const d of [59, 39, 19]) await touch(borderline, d); // gap 20, silent 19
    assert.deepEqual(await flagged(owner.id), {});
  });

  test('factor and min_interactions follow the settings', async () => {
    const owner = await h.makeUser('agent');
    const c = await customer(owner.id);
    for (const d of [45, 35, 25]) await touch(c, d); // gap 10, silent 25
    try {
      assert.deepEqual(await flagged(owner.id), { [c.id]: ['silence'] });
      await putRules({ ...DEFAULTS, silence: { enabled: true, factor: 3, min_interactions: 3 } });
      assert.deepEqual(await flagged(owner.id), {}, 'factor 3: 25 days is not beyond 30');
      await putRules({ ...DEFAULTS, silence: { enabled: true, factor: 2, min_interactions: 4 } });
      assert.deepEqual(await flagged(owner.id), {}, 'min_interactions 4');
      await putRules({ ...DEFAULTS, silence: { enabled: true, factor: 1.5, min_interactions: 3 } });
      assert.deepEqual(await flagged(owner.id), { [c.id]: ['silence'] }, 'a fractional factor');
      await putRules({ ...DEFAULTS, silence: { enabled: false, factor: 2, min_interactions: 3 } });
      assert.deepEqual(await flagged(owner.id), {}, 'disabled');
    } finally {
      await putRules(DEFAULTS);
    }
  });

  test('both rules at once give both reasons', async () => {
    const owner = await h.makeUser('agent');
    const c = await customer(owner.id);
    for (const d of [29, 28.5, 28]) await touch(c, d, { sentiment: -2 }); // gap 0.5 days, silent 28
    const f = await flagged(owner.id);
    assert.deepEqual(f, { [c.id]: ['negative', 'silence'] });
  });
});

describe('owner filter and parameters', () => {
  before(async () => { await putRules(DEFAULTS); });

  test('owner_id=me lists the caller\'s contacts only; no filter lists everyone\'s', async () => {
    const me = await h.makeUser('agent');
    const other = await h.makeUser('agent');
    const mine = await customer(me.id);
    const theirs = await customer(other.id);
    for (const c of [mine, theirs]) {
      await touch(c, 3, { sentiment: -2 });
      await touch(c, 1, { sentiment: -2 });
    }
    const items = await attention('owner_id=me', me.client);
    assert.deepEqual(items.map((it) => it.contact.id), [mine.id]);
    assert.deepEqual((await attention('owner_id=me', other.client)).map((it) => it.contact.id), [theirs.id]);
    const all = (await attention('', viewer.client)).map((it) => it.contact.id);
    assert.ok(all.includes(mine.id) && all.includes(theirs.id), 'without a filter both are listed');
    assert.equal(new Set(all).size, all.length, 'each contact once');
  });

  test('archived contacts are not listed', async () => {
    const owner = await h.makeUser('agent');
    const c = await customer(owner.id);
    await touch(c, 3, { sentiment: -2 });
    await touch(c, 1, { sentiment: -2 });
    expectStatus(await agent.client.del(`/api/v1/contacts/${c.id}`), 204);
    assert.deepEqual(await flagged(owner.id), {});
  });

  test('limit pages the list', async () => {
    const owner = await h.makeUser('agent');
    const made = [];
    for (let i = 0; i < 3; i += 1) {
      const c = await customer(owner.id);
      await touch(c, 3, { sentiment: -2 });
      await touch(c, 1, { sentiment: -2 });
      made.push(c.id);
    }
    const first = expectStatus(await viewer.client.get(`/api/v1/attention?owner_id=${owner.id}&limit=2`), 200);
    assert.equal(first.items.length, 2);
    assert.equal(typeof first.next_cursor, 'string', `a third item means a next page: ${JSON.stringify(first)}`);
    const second = expectStatus(await viewer.client.get(
      `/api/v1/attention?owner_id=${owner.id}&limit=2&cursor=${encodeURIComponent(first.next_cursor)}`), 200);
    assert.equal(second.items.length, 1);
    assert.equal(second.next_cursor, null);
    assert.deepEqual([...first.items, ...second.items].map((it) => it.contact.id).sort(), [...made].sort());
    const all = await attention(`owner_id=${owner.id}`);
    assert.deepEqual(all.map((it) => it.contact.id).sort(), [...made].sort());
  });

  test('unknown parameter → 400; limit 501 → 422 limit-too-large', async () => {
    expectProblem(await viewer.client.get('/api/v1/attention?owner=me'), 400, 'bad-request');
    expectProblem(await viewer.client.get('/api/v1/attention?limit=501'), 422, 'limit-too-large');
  });
});
