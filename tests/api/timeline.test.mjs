// Timeline scenarios: a contact's interactions, tasks, phase changes and owner changes come
// back newest first with kind, at, ref_id, summary, user_id and data; the kind filter (one or
// several); paging with limit and cursor never repeats or skips; errors for unknown contacts,
// unknown parameters and a too-large limit.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, expectStatus, expectProblem, RFC3339_UTC } from './harness.mjs';
import { at, createContact, DAY, setPressureCap } from './operational_helpers.mjs';

let h, agent, owner, viewer;
before(async () => {
  h = await setup({ users: ['agent', 'agent', 'viewer'] });
  [agent, owner, viewer] = h.users;
  await setPressureCap(h.admin, 0, 7);
});
after(async () => { await h?.stop(); });

const contact = (body = {}) => createContact(agent.client, 'Time', body);

async function interaction(c, body = {}) {
  return expectStatus(await agent.client.post('/api/v1/interactions',
    { contact_id: c.id, channel: 'phone', direction: 'inbound', ...body }), 201);
}

async function timeline(c, query = '', client = viewer.client) {
  const r = await client.get(`/api/v1/contacts/${c.id}/timeline${query}`);
  const body = expectStatus(r, 200);
  assert.ok(Array.isArray(body.items), `items[]: ${r.text}`);
  assert.ok('next_cursor' in body, 'timeline is a paged list');
  return body;
}

async function allEntries(c, query = '', limit = 500) {
  const out = [];
  let cursor = null;
  for (let i = 0; i < 200; i += 1) {
    const sep = query ? '&' : '?';
    const page = await timeline(c, `${query}${sep}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    out.push(...page.items);
    cursor = page.next_cursor;
    if (!cursor) return out;
  }
  throw new Error('too many timeline pages');
}

function assertNewestFirst(items) {
  for (let i = 1; i < items.length; i += 1) {
    assert.ok(Date.parse(items[i - 1].at) >= Date.parse(items[i].at),
              `newest first: ${items[i - 1].at} before ${items[i].at}`);
  }
}

describe('entries', () => {
  let c, i1, i2, task, entries;
  before(async () => {
    c = await contact();
    i1 = await interaction(c, { channel: 'email', direction: 'outbound', occurred_at: at(-3 * DAY), sentiment: 1,
                                subject: 'Offer sent' });
    task = expectStatus(await agent.client.post('/api/v1/tasks',
      { title: 'Call about the offer', kind: 'call', contact_id: c.id, due_at: at(2 * DAY) }), 201);
    expectStatus(await agent.client.post(`/api/v1/contacts/${c.id}/phase`, { phase: 'awareness', reason: 'Replied' }), 200);
    expectStatus(await agent.client.patch(`/api/v1/contacts/${c.id}`, { owner_id: owner.id }), 200);
    i2 = await interaction(c, { channel: 'meeting', direction: 'inbound', occurred_at: at(-2 * DAY), sentiment: -1 });
    entries = await allEntries(c);
  });

  test('one entry per event with the four kinds', async () => {
    assert.deepEqual(entries.map((e) => e.kind).sort(),
                     ['interaction', 'interaction', 'owner_change', 'phase_change', 'task'],
                     JSON.stringify(entries));
  });

  test('every entry has id, kind, at, ref_id, summary, user_id, data', async () => {
    for (const e of entries) {
      for (const f of ['id', 'kind', 'at', 'ref_id', 'summary', 'user_id', 'data']) {
        assert.ok(f in e, `entry has ${f}: ${JSON.stringify(e)}`);
      }
      assert.equal(typeof e.id, 'string');
      assert.match(e.at, RFC3339_UTC);
      assert.equal(typeof e.ref_id, 'string');
      assert.equal(typeof e.summary, 'string');
      assert.ok(e.summary.length > 0, 'summary is not empty');
      assert.equal(typeof e.data, 'object');
      assert.notEqual(e.data, null);
    }
    assert.equal(new Set(entries.map((e) => e.id)).size, entries.length, 'entry ids are unique');
  });

  test('newest first', async () => {
    assertNewestFirst(entries);
    // The interactions sit at their occurred_at: the one 2 days back is above the one 3 days back.
    const order = entries.filter((e) => e.kind === 'interaction').map((e) => e.ref_id);
    assert.deepEqual(order, [i2.id, i1.id]);
  });

  test('interaction entries: ref_id, at = occurred_at, data channel/direction/sentiment', async () => {
    const e = entries.find((x) => x.ref_id === i1.id);
    assert.equal(e.kind, 'interaction');
    assert.equal(Date.parse(e.at), Date.parse(i1.occurred_at));
    assert.equal(e.user_id, agent.id);
    assert.equal(e.data.channel, 'email');
    assert.equal(e.data.direction, 'outbound');
    assert.equal(e.data.sentiment, 1);
    const e2 = entries.find((x) => x.ref_id === i2.id);
    assert.equal(e2.data.channel, 'meeting');
    assert.equal(e2.data.direction, 'inbound');
    assert.equal(e2.data.sentiment, -1);
  });

  test('task entry: ref_id, data status/due_at', async () => {
    const e = entries.find((x) => x.kind === 'task');
    assert.equal(e.ref_id, task.id);
    assert.equal(e.data.status, 'open');
    assert.equal(Date.parse(e.data.due_at), Date.parse(task.due_at));
    assert.equal(e.user_id, agent.id);
  });

  test('phase and owner changes: data from/to and who', async () => {
    const p = entries.find((x) => x.kind === 'phase_change');
    assert.equal(p.data.from, 'exploration');
    assert.equal(p.data.to, 'awareness');
    assert.equal(p.user_id, agent.id);
    const o = entries.find((x) => x.kind === 'owner_change');
    assert.equal(o.data.from, null);
    assert.equal(o.data.to, owner.id);
    assert.equal(o.user_id, agent.id);
    assert.ok(Date.now() - Date.parse(o.at) < 5 * 60_000, 'owner change is dated when it happened');
  });

  test('task done/cancelled updates the same entry, not a new one', async () => {
    const t = expectStatus(await agent.client.post('/api/v1/tasks', { title: 'Send brochure', contact_id: c.id }), 201);
    const before = (await allEntries(c, '?kind=task')).filter((e) => e.ref_id === t.id);
    assert.equal(before.length, 1);
    assert.equal(before[0].data.status, 'open');
    expectStatus(await agent.client.patch(`/api/v1/tasks/${t.id}`, { status: 'done' }), 200);
    const after = (await allEntries(c, '?kind=task')).filter((e) => e.ref_id === t.id);
    assert.equal(after.length, 1, JSON.stringify(after));
    assert.equal(after[0].id, before[0].id);
    assert.equal(after[0].data.status, 'done');
  });
});

describe('kind filter', () => {
  let c;
  before(async () => {
    c = await contact();
    await interaction(c, { occurred_at: at(-DAY) });
    expectStatus(await agent.client.post('/api/v1/tasks', { title: 'Follow up', contact_id: c.id }), 201);
    expectStatus(await agent.client.patch(`/api/v1/contacts/${c.id}`, { phase: 'expansion' }), 200);
    expectStatus(await agent.client.patch(`/api/v1/contacts/${c.id}`, { owner_id: owner.id }), 200);
  });

  test('one kind', async () => {
    for (const kind of ['interaction', 'task', 'phase_change', 'owner_change']) {
      const items = (await timeline(c, `?kind=${kind}`)).items;
      assert.equal(items.length, 1, `${kind}: ${JSON.stringify(items)}`);
      assert.equal(items[0].kind, kind);
    }
  });

  test('several kinds, comma-separated', async () => {
    const items = (await timeline(c, '?kind=phase_change,owner_change')).items;
    assert.deepEqual(items.map((e) => e.kind).sort(), ['owner_change', 'phase_change']);
    const three = (await timeline(c, '?kind=interaction,task,owner_change')).items;
    assert.deepEqual(three.map((e) => e.kind).sort(), ['interaction', 'owner_change', 'task']);
    assertNewestFirst(three);
  });

  test('a kind with no entries yet (from a later module) gives an empty list', async () => {
    assert.deepEqual((await timeline(c, '?kind=order')).items, []);
  });
});

describe('paging', () => {
  test('limit + cursor walks every entry once, newest first, also with equal times and writes while paging', async () => {
    const c = await contact();
    const same = at(-4 * DAY);
    const made = [];
    for (let i = 0; i < 12; i += 1) {
      // Several entries share one instant so the order needs a tie-break.
      const occurred_at = i % 3 === 0 ? same : at(-(i + 1) * 3_600_000);
      made.push((await interaction(c, { occurred_at, subject: `n${i}` })).id);
    }
    const seen = [];
    let cursor = null;
    let pages = 0;
    for (;;) {
      const page = await timeline(c, `?limit=5${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      assert.ok(page.items.length <= 5);
      seen.push(...page.items);
      cursor = page.next_cursor;
      pages += 1;
      if (pages === 1) {
        // Entries written during paging, above and below the cursor.
        await interaction(c, { occurred_at: at(0) });
        await interaction(c, { occurred_at: at(-10 * DAY) });
      }
      if (!cursor) break;
      assert.ok(pages < 20, 'paging ends');
    }
    const ids = seen.map((e) => e.id);
    assert.equal(new Set(ids).size, ids.length, `no entry twice: ${ids}`);
    const refs = seen.map((e) => e.ref_id);
    for (const id of made) assert.ok(refs.includes(id), `interaction ${id} was not skipped`);
    assertNewestFirst(seen);
    assert.ok(pages >= 3, `12 entries at limit 5 take at least 3 pages (got ${pages})`);
  });

  test('default limit is 50', async () => {
    const c = await contact();
    await Promise.all(Array.from({ length: 55 }, (_, i) => interaction(c, { occurred_at: at(-i * 60_000) })));
    const first = await timeline(c);
    assert.equal(first.items.length, 50);
    assert.equal(typeof first.next_cursor, 'string');
    const second = await timeline(c, `?cursor=${encodeURIComponent(first.next_cursor)}`);
    assert.equal(second.items.length, 5);
    assert.equal(second.next_cursor, null);
    assert.equal((await allEntries(c, '', 500)).length, 55);
  });
});

describe('errors', () => {
  test('unknown contact → 404 not-found', async () => {
    expectProblem(await viewer.client.get('/api/v1/contacts/no-such-contact/timeline'), 404, 'not-found');
  });

  test('unknown parameter → 400 bad-request', async () => {
    const c = await contact();
    expectProblem(await viewer.client.get(`/api/v1/contacts/${c.id}/timeline?kinds=task`), 400, 'bad-request');
  });

  test('limit 501 → 422 limit-too-large; limit 500 is fine; a non-number → 400', async () => {
    const c = await contact();
    expectProblem(await viewer.client.get(`/api/v1/contacts/${c.id}/timeline?limit=501`), 422, 'limit-too-large');
    expectStatus(await viewer.client.get(`/api/v1/contacts/${c.id}/timeline?limit=500`), 200);
    expectProblem(await viewer.client.get(`/api/v1/contacts/${c.id}/timeline?limit=ten`), 400, 'bad-request');
  });

  test('bad cursor → 400 bad-request', async () => {
    const c = await contact();
    expectProblem(await viewer.client.get(`/api/v1/contacts/${c.id}/timeline?cursor=not-a-cursor`), 400, 'bad-request');
  });

  test('an archived contact keeps its timeline', async () => {
    const c = await contact();
    const i = await interaction(c);
    expectStatus(await agent.client.del(`/api/v1/contacts/${c.id}`), 204);
    const items = (await timeline(c)).items;
    assert.deepEqual(items.map((e) => e.ref_id), [i.id]);
  });
});
