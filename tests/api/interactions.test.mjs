// Interaction scenarios: create with defaults, read, list filters (contact, user, channel,
// direction, from/to), field validation, safe Markdown rendering of the notes, merge patch
// with If-Match, archive (which also takes the entry off the contact's timeline) and roles.
// Contact pressure has its own file; here the cap is turned off so it never interferes.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, request, expectStatus, expectProblem, expectFieldErrors, listAll, RFC3339_UTC } from './harness.mjs';
import { ago, createContact, ids, sameSet, setPressureCap } from './operational_helpers.mjs';

let h, agent, agent2, viewer;
before(async () => {
  h = await setup({ users: ['agent', 'agent', 'viewer'] });
  [agent, agent2, viewer] = h.users;
  await setPressureCap(h.admin, 0, 7);
});
after(async () => { await h?.stop(); });

const INTERACTION_FIELDS = ['id', 'contact_id', 'user_id', 'channel', 'direction', 'occurred_at', 'subject',
  'notes', 'notes_html', 'outcome', 'sentiment', 'override_reason', 'task_id', 'archived_at', 'created_at',
  'updated_at', 'version'];

const contact = (body = {}) => createContact(agent.client, 'Inter', body);

async function log(body, client = agent.client) {
  return expectStatus(await client.post('/api/v1/interactions', body), 201);
}

async function read(id) {
  return expectStatus(await h.admin.get(`/api/v1/interactions/${id}`), 200);
}

async function ofContact(contactId, extra = '') {
  return listAll(h.admin, `/api/v1/interactions?contact_id=${encodeURIComponent(contactId)}${extra}`);
}

describe('create and read', () => {
  test('201 with Location, ETag "1", version 1 and defaults (user_id = caller, occurred_at = now)', async () => {
    const c = await contact();
    const r = await agent.client.post('/api/v1/interactions',
                                      { contact_id: c.id, channel: 'phone', direction: 'outbound' });
    const i = expectStatus(r, 201);
    for (const f of INTERACTION_FIELDS) assert.ok(f in i, `interaction has ${f}: ${JSON.stringify(i)}`);
    assert.equal(typeof i.id, 'string');
    assert.equal(i.contact_id, c.id);
    assert.equal(i.user_id, agent.id);
    assert.equal(i.channel, 'phone');
    assert.equal(i.direction, 'outbound');
    assert.match(i.occurred_at, RFC3339_UTC);
    assert.ok(Math.abs(Date.parse(i.occurred_at) - Date.now()) < 5 * 60_000, 'occurred_at defaults to now');
    for (const f of ['subject', 'notes', 'outcome', 'sentiment', 'override_reason', 'task_id', 'archived_at']) {
      assert.equal(i[f], null, `${f} defaults to null`);
    }
    assert.equal(i.version, 1);
    assert.match(i.created_at, RFC3339_UTC);
    assert.match(i.updated_at, RFC3339_UTC);
    assert.equal(r.headers.get('etag'), '"1"');
    const loc = r.headers.get('location');
    assert.ok(loc, 'Location header');
    assert.equal(new URL(loc, h.base).pathname, `/api/v1/interactions/${i.id}`);

    const g = await viewer.client.get(`/api/v1/interactions/${i.id}`);
    expectStatus(g, 200);
    assert.equal(g.headers.get('etag'), '"1"');
    assert.deepEqual(g.body, i);
  });

  test('all given fields are stored; occurred_at normalised to UTC', async () => {
    const c = await contact();
    const i = await log({
      contact_id: c.id, channel: 'meeting', direction: 'inbound', occurred_at: '2026-03-04T10:15:30+02:00',
      subject: 'Quarterly review', notes: 'Went well.\nSecond line.', outcome: 'reached', sentiment: -2,
      user_id: agent2.id,
    });
    assert.equal(i.channel, 'meeting');
    assert.equal(i.direction, 'inbound');
    assert.match(i.occurred_at, RFC3339_UTC);
    assert.equal(Date.parse(i.occurred_at), Date.parse('2026-03-04T08:15:30Z'));
    assert.equal(i.subject, 'Quarterly review');
    assert.equal(i.notes, 'Went well.\nSecond line.');
    assert.equal(i.outcome, 'reached');
    assert.equal(i.sentiment, -2);
    assert.equal(i.user_id, agent2.id, 'user_id may name who talked to the customer');
    assert.deepEqual(await read(i.id), i);
  });

  test('every channel and both directions are accepted; sentiment -2…2 and null', async () => {
    const c = await contact();
    const channels = ['phone', 'email', 'meeting', 'visit', 'letter', 'video', 'chat', 'sms', 'social', 'portal', 'other'];
    for (const [n, channel] of channels.entries()) {
      const sentiment = [-2, -1, 0, 1, 2, null][n % 6];
      const i = await log({ contact_id: c.id, channel, direction: n % 2 ? 'inbound' : 'outbound', sentiment });
      assert.equal(i.channel, channel);
      assert.equal(i.sentiment, sentiment);
    }
  });

  test('unknown id → 404 not-found', async () => {
    expectProblem(await h.admin.get('/api/v1/interactions/does-not-exist-0'), 404, 'not-found');
    expectProblem(await agent.client.patch('/api/v1/interactions/does-not-exist-0', { subject: 'x' }), 404, 'not-found');
    expectProblem(await agent.client.del('/api/v1/interactions/does-not-exist-0'), 404, 'not-found');
  });
});

describe('field validation → 422 with errors[].field, nothing stored', () => {
  const cases = [
    ['missing channel', { direction: 'outbound' }, 'channel'],
    ['missing direction', { channel: 'phone' }, 'direction'],
    ['unknown channel', { channel: 'pigeon', direction: 'outbound' }, 'channel'],
    ['bad direction', { channel: 'phone', direction: 'sideways' }, 'direction'],
    ['sentiment 3', { channel: 'phone', direction: 'inbound', sentiment: 3 }, 'sentiment'],
    ['sentiment -3', { channel: 'phone', direction: 'inbound', sentiment: -3 }, 'sentiment'],
    ['sentiment not an integer', { channel: 'phone', direction: 'inbound', sentiment: 1.5 }, 'sentiment'],
    ['sentiment as text', { channel: 'phone', direction: 'inbound', sentiment: '1' }, 'sentiment'],
    ['occurred_at not a time', { channel: 'phone', direction: 'inbound', occurred_at: 'yesterday' }, 'occurred_at'],
    ['occurred_at not a real date', { channel: 'phone', direction: 'inbound', occurred_at: '2026-02-30T10:00:00Z' }, 'occurred_at'],
    ['subject over 200 chars', { channel: 'phone', direction: 'inbound', subject: 's'.repeat(201) }, 'subject'],
    ['notes over 20,000 chars', { channel: 'phone', direction: 'inbound', notes: 'n'.repeat(20_001) }, 'notes'],
    ['outcome over 100 chars', { channel: 'phone', direction: 'inbound', outcome: 'o'.repeat(101) }, 'outcome'],
    ['unknown user_id', { channel: 'phone', direction: 'inbound', user_id: 'no-such-user' }, 'user_id'],
    ['unknown field', { channel: 'phone', direction: 'inbound', mood: 'grumpy' }, 'mood'],
  ];
  for (const [name, body, field] of cases) {
    test(name, async () => {
      const c = await contact();
      expectFieldErrors(await agent.client.post('/api/v1/interactions', { contact_id: c.id, ...body }), [field]);
      assert.deepEqual(await ofContact(c.id, '&archived=all'), [], 'nothing stored');
    });
  }

  test('missing or unknown contact_id → 422 contact_id', async () => {
    expectFieldErrors(await agent.client.post('/api/v1/interactions', { channel: 'phone', direction: 'inbound' }),
                      ['contact_id']);
    expectFieldErrors(await agent.client.post('/api/v1/interactions',
      { contact_id: 'no-such-contact', channel: 'phone', direction: 'inbound' }), ['contact_id']);
  });

  test('an archived contact → 422 contact_id', async () => {
    const c = await contact();
    expectStatus(await agent.client.del(`/api/v1/contacts/${c.id}`), 204);
    expectFieldErrors(await agent.client.post('/api/v1/interactions',
      { contact_id: c.id, channel: 'phone', direction: 'inbound' }), ['contact_id']);
    assert.deepEqual(await ofContact(c.id, '&archived=all'), []);
  });

  test('a deactivated user_id → 422 user_id', async () => {
    const gone = await h.makeUser('agent');
    expectStatus(await h.admin.del(`/api/v1/users/${gone.id}`), 204);
    const c = await contact();
    expectFieldErrors(await agent.client.post('/api/v1/interactions',
      { contact_id: c.id, channel: 'phone', direction: 'inbound', user_id: gone.id }), ['user_id']);
  });

  test('every field error is reported at once', async () => {
    const c = await contact();
    expectFieldErrors(await agent.client.post('/api/v1/interactions',
      { contact_id: c.id, direction: 'up', sentiment: 3, occurred_at: 'soon' }),
    ['channel', 'direction', 'sentiment', 'occurred_at']);
  });

  test('malformed JSON → 400 invalid-json', async () => {
    const r = await agent.client.request('POST', '/api/v1/interactions',
                                         { raw: '{"channel": "phone",', contentType: 'application/json' });
    expectProblem(r, 400, 'invalid-json');
  });
});

describe('notes_html', () => {
  test('raw HTML is escaped; **bold** is rendered; notes kept as written', async () => {
    const c = await contact();
    const notes = 'Said <script>alert("x")</script> and **bold** things & more';
    const i = await log({ contact_id: c.id, channel: 'email', direction: 'inbound', notes });
    assert.equal(i.notes, notes);
    assert.equal(typeof i.notes_html, 'string');
    assert.ok(!/<script/i.test(i.notes_html), `no raw <script> in notes_html: ${i.notes_html}`);
    assert.ok(i.notes_html.includes('&lt;script&gt;'), `< and > escaped: ${i.notes_html}`);
    assert.match(i.notes_html, /<(strong|b)>bold<\/(strong|b)>/, `**bold** rendered: ${i.notes_html}`);
    assert.ok(i.notes_html.includes('&amp;'), `& escaped: ${i.notes_html}`);
    assert.deepEqual(await read(i.id), i);
  });

  test('links only for http(s) and mailto; javascript: never becomes a link', async () => {
    const c = await contact();
    const notes = '[site](https://example.com/a) [mail](mailto:kari@example.com) [evil](javascript:alert(1))';
    const i = await log({ contact_id: c.id, channel: 'email', direction: 'inbound', notes });
    assert.match(i.notes_html, /href="https:\/\/example\.com\/a"/, i.notes_html);
    assert.match(i.notes_html, /href="mailto:kari@example\.com"/, i.notes_html);
    assert.ok(!/href\s*=\s*["']?\s*javascript:/i.test(i.notes_html), `no javascript: link: ${i.notes_html}`);
  });

  test('attribute injection in a link is escaped', async () => {
    const c = await contact();
    const i = await log({ contact_id: c.id, channel: 'email', direction: 'inbound',
                          notes: '[x](https://example.com/"onmouseover="alert(1))' });
    assert.ok(!/"\s*onmouseover\s*=/i.test(i.notes_html), `no injected attribute: ${i.notes_html}`);
  });

  test('no notes → notes_html null or empty', async () => {
    const c = await contact();
    const i = await log({ contact_id: c.id, channel: 'phone', direction: 'inbound' });
    assert.ok(i.notes_html === null || i.notes_html === '', `notes_html: ${JSON.stringify(i.notes_html)}`);
  });

  test('PATCH of notes re-renders notes_html', async () => {
    const c = await contact();
    const i = await log({ contact_id: c.id, channel: 'phone', direction: 'inbound', notes: 'plain' });
    const u = expectStatus(await agent.client.patch(`/api/v1/interactions/${i.id}`, { notes: 'now **strong** <b>' }), 200);
    assert.match(u.notes_html, /<(strong|b)>strong<\/(strong|b)>/, u.notes_html);
    assert.ok(u.notes_html.includes('&lt;b&gt;'), u.notes_html);
  });
});

describe('list filters', () => {
  let c, other, mine;
  before(async () => {
    c = await contact();
    other = await contact();
    mine = {
      a: await log({ contact_id: c.id, channel: 'phone', direction: 'outbound', occurred_at: ago(10), subject: 'alpha' }),
      b: await log({ contact_id: c.id, channel: 'email', direction: 'inbound', occurred_at: ago(5), subject: 'beta' }),
      c: await log({ contact_id: c.id, channel: 'email', direction: 'outbound', occurred_at: ago(3), user_id: agent2.id }),
      d: await log({ contact_id: c.id, channel: 'meeting', direction: 'inbound', occurred_at: ago(1) }, agent2.client),
    };
    await log({ contact_id: other.id, channel: 'email', direction: 'inbound', occurred_at: ago(4) });
  });

  test('contact_id lists only that contact, newest occurred_at first by default', async () => {
    const items = await ofContact(c.id);
    assert.deepEqual(ids(items), [mine.d.id, mine.c.id, mine.b.id, mine.a.id]);
    assert.ok(items.every((x) => x.contact_id === c.id));
  });

  test('sort=occurred_at is oldest first', async () => {
    const items = await ofContact(c.id, '&sort=occurred_at');
    assert.deepEqual(ids(items), [mine.a.id, mine.b.id, mine.c.id, mine.d.id]);
  });

  test('channel', async () => {
    sameSet(ids(await ofContact(c.id, '&channel=email')), [mine.b.id, mine.c.id]);
    sameSet(ids(await ofContact(c.id, '&channel=meeting')), [mine.d.id]);
    assert.deepEqual(await ofContact(c.id, '&channel=sms'), []);
  });

  test('direction', async () => {
    sameSet(ids(await ofContact(c.id, '&direction=outbound')), [mine.a.id, mine.c.id]);
    sameSet(ids(await ofContact(c.id, '&direction=inbound')), [mine.b.id, mine.d.id]);
  });

  test('user_id', async () => {
    sameSet(ids(await ofContact(c.id, `&user_id=${agent2.id}`)), [mine.c.id, mine.d.id]);
    sameSet(ids(await ofContact(c.id, `&user_id=${agent.id}`)), [mine.a.id, mine.b.id]);
    const all = await listAll(h.admin, `/api/v1/interactions?user_id=${agent2.id}`);
    assert.ok(all.every((x) => x.user_id === agent2.id));
  });

  test('combined filters', async () => {
    sameSet(ids(await ofContact(c.id, '&channel=email&direction=outbound')), [mine.c.id]);
  });

  test('from is inclusive, to is exclusive', async () => {
    const from = encodeURIComponent(mine.b.occurred_at);
    const to = encodeURIComponent(mine.d.occurred_at);
    sameSet(ids(await ofContact(c.id, `&from=${from}`)), [mine.b.id, mine.c.id, mine.d.id]);
    sameSet(ids(await ofContact(c.id, `&to=${to}`)), [mine.a.id, mine.b.id, mine.c.id]);
    sameSet(ids(await ofContact(c.id, `&from=${from}&to=${to}`)), [mine.b.id, mine.c.id]);
    sameSet(ids(await ofContact(c.id, `&from=${encodeURIComponent(ago(7))}&to=${encodeURIComponent(ago(4))}`)),
            [mine.b.id]);
  });

  test('q is not a parameter of interactions (search is on contacts) → 400', async () => {
    expectProblem(await h.admin.get('/api/v1/interactions?q=word'), 400, 'bad-request');
  });

  test('bad filter values → 400; unknown parameter → 400; limit 501 → 422', async () => {
    expectProblem(await h.admin.get('/api/v1/interactions?from=last-week'), 400, 'bad-request');
    expectProblem(await h.admin.get('/api/v1/interactions?contactid=x'), 400, 'bad-request');
    expectProblem(await h.admin.get('/api/v1/interactions?limit=501'), 422, 'limit-too-large');
  });

  test('paging with limit never repeats or skips', async () => {
    const seen = [];
    let cursor = null;
    for (let i = 0; i < 10; i += 1) {
      const r = expectStatus(await h.admin.get(`/api/v1/interactions?contact_id=${c.id}&limit=1` +
                                               `${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`), 200);
      seen.push(...ids(r.items));
      cursor = r.next_cursor;
      if (!cursor) break;
    }
    assert.deepEqual(seen, [mine.d.id, mine.c.id, mine.b.id, mine.a.id]);
  });
});

describe('merge patch and If-Match', () => {
  test('PATCH changes only the given fields; version +1; ETag follows', async () => {
    const c = await contact();
    const i = await log({ contact_id: c.id, channel: 'phone', direction: 'inbound', subject: 'Before', outcome: 'reached' });
    const r = await agent.client.patch(`/api/v1/interactions/${i.id}`, { subject: 'After', outcome: null, sentiment: 1 });
    const u = expectStatus(r, 200);
    assert.equal(u.subject, 'After');
    assert.equal(u.outcome, null);
    assert.equal(u.sentiment, 1);
    assert.equal(u.channel, 'phone');
    assert.equal(u.direction, 'inbound');
    assert.equal(u.occurred_at, i.occurred_at);
    assert.equal(u.version, 2);
    assert.equal(r.headers.get('etag'), '"2"');
    assert.deepEqual(await read(i.id), u);
  });

  test('stale If-Match → 412 precondition-failed with current_version, unchanged', async () => {
    const c = await contact();
    const i = await log({ contact_id: c.id, channel: 'phone', direction: 'inbound' });
    const v2 = expectStatus(await agent.client.patch(`/api/v1/interactions/${i.id}`, { subject: 'One' }), 200);
    const p = expectProblem(await agent.client.patch(`/api/v1/interactions/${i.id}`, { subject: 'Stale' },
                                                     { headers: { 'if-match': '"1"' } }), 412, 'precondition-failed');
    assert.equal(p.current_version, 2);
    assert.deepEqual(await read(i.id), v2);
    const ok = await agent.client.patch(`/api/v1/interactions/${i.id}`, { subject: 'Fresh' }, { headers: { 'if-match': '"2"' } });
    assert.equal(expectStatus(ok, 200).version, 3);
  });

  test('invalid values in a patch → 422, unchanged', async () => {
    const c = await contact();
    const i = await log({ contact_id: c.id, channel: 'phone', direction: 'inbound' });
    expectFieldErrors(await agent.client.patch(`/api/v1/interactions/${i.id}`,
      { sentiment: 3, direction: 'around', channel: null }), ['sentiment', 'direction', 'channel']);
    assert.deepEqual(await read(i.id), i);
  });
});

describe('archive', () => {
  test('DELETE → 204; readable with archived_at; leaves the list and the timeline', async () => {
    const c = await contact();
    const keep = await log({ contact_id: c.id, channel: 'phone', direction: 'inbound', occurred_at: ago(2) });
    const gone = await log({ contact_id: c.id, channel: 'email', direction: 'inbound', occurred_at: ago(1) });
    const before = expectStatus(await h.admin.get(`/api/v1/contacts/${c.id}/timeline`), 200);
    sameSet(before.items.filter((e) => e.kind === 'interaction').map((e) => e.ref_id), [keep.id, gone.id]);

    const d = await agent.client.del(`/api/v1/interactions/${gone.id}`);
    expectStatus(d, 204);
    const a = await read(gone.id);
    assert.match(a.archived_at, RFC3339_UTC);
    assert.equal(a.version, 2);

    assert.deepEqual(ids(await ofContact(c.id)), [keep.id]);
    assert.deepEqual(ids(await ofContact(c.id, '&archived=true')), [gone.id]);
    const tl = expectStatus(await h.admin.get(`/api/v1/contacts/${c.id}/timeline`), 200);
    assert.deepEqual(tl.items.filter((e) => e.kind === 'interaction').map((e) => e.ref_id), [keep.id]);
    assert.ok(!tl.items.some((e) => e.ref_id === gone.id), 'archived interaction is off the timeline');

    expectStatus(await agent.client.del(`/api/v1/interactions/${gone.id}`), 204);
    assert.deepEqual(await read(gone.id), a, 'archiving again changes nothing');
  });

  test('DELETE with a stale If-Match → 412, not archived', async () => {
    const c = await contact();
    const i = await log({ contact_id: c.id, channel: 'phone', direction: 'inbound' });
    expectStatus(await agent.client.patch(`/api/v1/interactions/${i.id}`, { subject: 'x' }), 200);
    expectProblem(await agent.client.del(`/api/v1/interactions/${i.id}`, { headers: { 'if-match': '"1"' } }),
                  412, 'precondition-failed');
    assert.equal((await read(i.id)).archived_at, null);
  });
});

describe('roles', () => {
  test('viewer reads but cannot create, change or archive → 403 forbidden', async () => {
    const c = await contact();
    const i = await log({ contact_id: c.id, channel: 'phone', direction: 'inbound' });
    expectProblem(await viewer.client.post('/api/v1/interactions', { contact_id: c.id, channel: 'phone', direction: 'inbound' }),
                  403, 'forbidden');
    expectProblem(await viewer.client.patch(`/api/v1/interactions/${i.id}`, { subject: 'x' }), 403, 'forbidden');
    expectProblem(await viewer.client.del(`/api/v1/interactions/${i.id}`), 403, 'forbidden');
    assert.deepEqual(ids(expectStatus(await viewer.client.get(`/api/v1/interactions?contact_id=${c.id}`), 200).items), [i.id]);
    assert.deepEqual(await read(i.id), i);
  });

  test('anonymous → 401 unauthorized', async () => {
    expectProblem(await request(h.base, 'GET', '/api/v1/interactions'), 401, 'unauthorized');
    expectProblem(await request(h.base, 'POST', '/api/v1/interactions', { body: { channel: 'phone' } }),
                  401, 'unauthorized');
  });
});
