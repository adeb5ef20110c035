// The customer-experience policy (/api/v1/cx-policies): versions published by admins
// (manager, agent and viewer → 403), 422 for a missing title or body and for bad
// sla_targets (naming e.g. sla_targets[0].first_response_minutes), the active SLA policies
// copied in when sla_targets is omitted (archived ones left out; later edits of an SLA
// policy never change a published version), given targets kept as given; the list newest
// first; `current` is the latest (404 before the first); each caller's `acknowledged_at`
// (null, then the first acknowledgement, kept on repeats; a new version needs a new one);
// GET /{id}/acknowledgements (manager+, agent/viewer → 403) splitting the active staff into
// acknowledged and pending with counts, deactivated users left out of both; every
// publication in the audit log (record_type cx_policy).
//
// The tests run in order on one server and build on each other (no version exists until
// the fourth test publishes the first).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, expectStatus, expectProblem, expectFieldErrors, listAll, RFC3339_UTC } from './harness.mjs';
import { ALWAYS_OPEN, OSLO_OFFICE, createPolicy, pause } from './service_helpers.mjs';

let h, manager, agent, viewer, leaver, admin;
before(async () => {
  h = await setup();
  admin = expectStatus(await h.admin.get('/api/v1/me'), 200);
  manager = await h.makeUser('manager', { name: 'Mona Manager' });
  agent = await h.makeUser('agent', { name: 'Anna Agent' });
  viewer = await h.makeUser('viewer', { name: 'Vera Viewer' });
  leaver = await h.makeUser('agent', { name: 'Leo Leaving' });
});
after(async () => { await h?.stop(); });

const BASE = '/api/v1/cx-policies';
const POLICY_FIELDS = ['id', 'number', 'title', 'body', 'body_html', 'sla_targets', 'published_by', 'published_at',
                       'acknowledged_at', 'version'];
const versions = [];  // every published version, oldest first
const count = async () => (await listAll(h.admin, BASE)).length;
const byName = (a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

test('before any version: GET /current → 404, the list is empty', async () => {
  expectProblem(await agent.client.get(`${BASE}/current`), 404, 'not-found');
  assert.deepEqual(await listAll(viewer.client, BASE), []);
  expectProblem(await h.admin.get(`${BASE}/cxp_nothing`), 404, 'not-found');
  expectProblem(await agent.client.post(`${BASE}/cxp_nothing/acknowledge`, {}), 404, 'not-found');
  expectProblem(await manager.client.get(`${BASE}/cxp_nothing/acknowledgements`), 404, 'not-found');
});

test('publishing is for admins: manager, agent and viewer → 403, nothing stored', async () => {
  for (const u of [manager, agent, viewer]) {
    expectProblem(await u.client.post(BASE, { title: 'Our promise', body: 'We answer fast.' }), 403, 'forbidden');
  }
  assert.equal(await count(), 0);
  expectProblem(await agent.client.get(`${BASE}/current`), 404, 'not-found');
});

test('validation → 422 naming the field, nothing stored', async () => {
  const long = 'x'.repeat(201);
  const cases = [
    [{ body: 'Text' }, ['title']],
    [{ title: 'Title' }, ['body']],
    [{}, ['title', 'body']],
    [{ title: '   ', body: 'Text' }, ['title']],
    [{ title: 'Title', body: '' }, ['body']],
    [{ title: long, body: 'Text' }, ['title']],
    [{ title: 42, body: 'Text' }, ['title']],
    [{ title: 'Title', body: 'Text', sla_targets: 'fast' }, ['sla_targets']],
    [{ title: 'Title', body: 'Text', sla_targets: { first_response_minutes: 60 } }, ['sla_targets']],
    [{ title: 'Title', body: 'Text', sla_targets: ['fast'] }, ['sla_targets[0]']],
    [{ title: 'Title', body: 'Text', sla_targets: [{ name: 'Ok', first_response_minutes: 60, resolution_minutes: 480 },
                                                     { name: 'Zero', first_response_minutes: 0 }] },
     ['sla_targets[1].first_response_minutes']],
    [{ title: 'Title', body: 'Text', sla_targets: [{ name: 'Text', resolution_minutes: '480' }] },
     ['sla_targets[0].resolution_minutes']],
    [{ title: 'Title', body: 'Text', sla_targets: [{ name: 'Fraction', first_response_minutes: 1.5 }] },
     ['sla_targets[0].first_response_minutes']],
    [{ title: 'Title', body: 'Text', sla_targets: [{ name: 'Negative', resolution_minutes: -5 }] },
     ['sla_targets[0].resolution_minutes']],
    [{ title: 'Title', body: 'Text', sla_targets: Array.from({ length: 51 }, (_, i) => ({ name: `T${i}` })) },
     ['sla_targets']],
    [{ title: 'Title', body: 'Text', effective_from: '2026-12-01' }, ['effective_from']],
  ];
  for (const [body, fields] of cases) {
    const p = expectFieldErrors(await h.admin.post(BASE, body), fields);
    assert.ok(p.errors.length >= fields.length, JSON.stringify(p.errors));
  }
  assert.equal(await count(), 0, 'nothing was published');
});

let normalPolicy, highComplaints;
test('without sla_targets the active SLA policies are copied in (archived ones are not)', async () => {
  normalPolicy = await createPolicy(manager.client, { name: 'Normal, around the clock', priority: 'normal',
                                                      first_response_minutes: 60, resolution_minutes: 480,
                                                      business_hours: ALWAYS_OPEN });
  highComplaints = await createPolicy(manager.client, { name: 'High complaints, office hours', priority: 'high',
                                                        kind: 'complaint', first_response_minutes: 30,
                                                        resolution_minutes: 240, business_hours: OSLO_OFFICE });
  const archived = await createPolicy(manager.client, { name: 'Low, archived', priority: 'low',
                                                        first_response_minutes: 600, resolution_minutes: 6000 });
  expectStatus(await manager.client.del(`/api/v1/sla-policies/${archived.id}`), 204);

  const body = { title: 'How we treat our customers', body: 'We **answer** every customer.\n\n- fast\n- kindly' };
  const r = await h.admin.post(BASE, body);
  const p = expectStatus(r, 201);
  for (const f of POLICY_FIELDS) assert.ok(f in p, `policy has ${f}: ${JSON.stringify(p)}`);
  assert.equal(new URL(r.headers.get('location'), h.base).pathname, `${BASE}/${p.id}`);
  assert.equal(p.number, 1);
  assert.equal(p.version, 1);
  assert.equal(p.title, body.title);
  assert.equal(p.body, body.body);
  assert.match(p.body_html, /<strong>answer<\/strong>/);
  assert.match(p.body_html, /<li>fast<\/li>/);
  assert.equal(p.published_by, admin.id);
  assert.match(p.published_at, RFC3339_UTC);
  assert.equal(p.acknowledged_at, null, 'the publisher has not acknowledged it yet');
  assert.deepEqual([...p.sla_targets].sort(byName), [
    { name: 'High complaints, office hours', priority: 'high', kind: 'complaint', first_response_minutes: 30,
      resolution_minutes: 240, tz: 'Europe/Oslo' },
    { name: 'Normal, around the clock', priority: 'normal', kind: null, first_response_minutes: 60,
      resolution_minutes: 480, tz: 'UTC' },
  ]);
  versions.push(p);
  assert.deepEqual(expectStatus(await viewer.client.get(`${BASE}/${p.id}`), 200), p);

  const audit = expectStatus(await h.admin.get(`/api/v1/audit?record_type=cx_policy&record_id=${p.id}`), 200).items;
  assert.equal(audit.length, 1, JSON.stringify(audit));
  assert.equal(audit[0].action, 'create');
  assert.equal(audit[0].record_type, 'cx_policy');
  assert.equal(audit[0].record_id, p.id);
  assert.equal(audit[0].user_id, admin.id);
  assert.equal(audit[0].before, null);
  assert.equal(audit[0].after?.title, body.title);
});

test('a published version never changes: editing an SLA policy afterwards leaves its targets alone', async () => {
  expectStatus(await manager.client.patch(`/api/v1/sla-policies/${normalPolicy.id}`,
                                          { first_response_minutes: 45, name: 'Normal, faster' }), 200);
  const v1 = expectStatus(await agent.client.get(`${BASE}/${versions[0].id}`), 200);
  assert.deepEqual(v1.sla_targets, versions[0].sla_targets);
  assert.equal(v1.sla_targets.find((t) => t.priority === 'normal').first_response_minutes, 60);
  assert.equal(v1.version, 1);
});

test('sla_targets null copies the active policies as they are now (the edit shows)', async () => {
  const p = expectStatus(await h.admin.post(BASE, { title: 'Second edition', body: 'Faster.', sla_targets: null }), 201);
  assert.equal(p.number, 2);
  assert.deepEqual([...p.sla_targets].sort(byName), [
    { name: 'High complaints, office hours', priority: 'high', kind: 'complaint', first_response_minutes: 30,
      resolution_minutes: 240, tz: 'Europe/Oslo' },
    { name: 'Normal, faster', priority: 'normal', kind: null, first_response_minutes: 45,
      resolution_minutes: 480, tz: 'UTC' },
  ]);
  versions.push(p);
});

test('given sla_targets are kept as given ([] too)', async () => {
  const targets = [{ name: 'Everything', priority: 'normal', kind: null, first_response_minutes: 120,
                     resolution_minutes: 2880, tz: 'Europe/Oslo' },
                   { name: 'VIP', first_response_minutes: 5 }];
  const p = expectStatus(await h.admin.post(BASE, { title: 'Third edition', body: 'Promises.', sla_targets: targets }), 201);
  assert.deepEqual(p.sla_targets, targets);
  assert.equal(p.number, 3);
  versions.push(p);
  assert.deepEqual(expectStatus(await h.admin.get(`${BASE}/${p.id}`), 200).sla_targets, targets);
  const empty = expectStatus(await h.admin.post(BASE, { title: 'Fourth edition', body: 'No numbers.', sla_targets: [] }), 201);
  assert.deepEqual(empty.sla_targets, []);
  assert.equal(empty.number, 4);
  versions.push(empty);
  const audit = expectStatus(await h.admin.get('/api/v1/audit?record_type=cx_policy'), 200).items;
  assert.deepEqual(audit.map((e) => e.record_id), [...versions].reverse().map((v) => v.id),
                   'one audit entry per publication, newest first');
});

test('the list is newest first; `current` is the latest version', async () => {
  const listed = await listAll(viewer.client, BASE);
  assert.deepEqual(listed.map((p) => p.number), [4, 3, 2, 1]);
  assert.deepEqual(listed.map((p) => p.id), [...versions].reverse().map((v) => v.id));
  for (const p of listed) {
    const published = versions.find((v) => v.id === p.id);
    for (const f of ['title', 'body', 'body_html', 'sla_targets', 'published_by', 'published_at']) {
      assert.deepEqual(p[f], published[f], `${p.number}.${f}`);
    }
  }
  const paged = expectStatus(await viewer.client.get(`${BASE}?limit=2`), 200);
  assert.deepEqual(paged.items.map((p) => p.number), [4, 3]);
  assert.equal(typeof paged.next_cursor, 'string');
  const current = expectStatus(await viewer.client.get(`${BASE}/current`), 200);
  assert.equal(current.id, versions[3].id);
  assert.equal(current.number, 4);
  assert.equal(current.acknowledged_at, null);
});

test('acknowledge: acknowledged_at is null, then set; a repeat keeps the first time; only the caller\'s', async () => {
  const cur = versions[3];
  assert.equal(expectStatus(await agent.client.get(`${BASE}/current`), 200).acknowledged_at, null);
  const first = expectStatus(await agent.client.post(`${BASE}/${cur.id}/acknowledge`, {}), 200);
  assert.match(first.acknowledged_at, RFC3339_UTC);
  assert.equal(first.policy_id, cur.id);
  assert.equal(first.user_id, agent.id);

  const seen = expectStatus(await agent.client.get(`${BASE}/current`), 200);
  assert.equal(seen.acknowledged_at, first.acknowledged_at);
  assert.equal(expectStatus(await agent.client.get(`${BASE}/${cur.id}`), 200).acknowledged_at, first.acknowledged_at);

  await pause(20);
  const again = expectStatus(await agent.client.post(`${BASE}/${cur.id}/acknowledge`, {}), 200);
  assert.equal(again.acknowledged_at, first.acknowledged_at, 'the first acknowledgement is kept');
  assert.equal(expectStatus(await agent.client.get(`${BASE}/current`), 200).acknowledged_at, first.acknowledged_at);

  // Others are unaffected; a viewer may acknowledge too; older versions are separate.
  assert.equal(expectStatus(await viewer.client.get(`${BASE}/current`), 200).acknowledged_at, null);
  assert.equal(expectStatus(await agent.client.get(`${BASE}/${versions[2].id}`), 200).acknowledged_at, null);
  const v = expectStatus(await viewer.client.post(`${BASE}/${cur.id}/acknowledge`, {}), 200);
  assert.match(v.acknowledged_at, RFC3339_UTC);
  assert.ok(v.acknowledged_at >= first.acknowledged_at);
  assert.equal(expectStatus(await viewer.client.get(`${BASE}/current`), 200).acknowledged_at, v.acknowledged_at);
});

test('acknowledgements (manager+): acknowledged and pending over the active staff, with counts; agent and viewer → 403', async () => {
  const cur = versions[3];
  for (const u of [agent, viewer]) {
    expectProblem(await u.client.get(`${BASE}/${cur.id}/acknowledgements`), 403, 'forbidden');
  }
  const mine = expectStatus(await agent.client.get(`${BASE}/${cur.id}`), 200).acknowledged_at;
  const viewers = expectStatus(await viewer.client.get(`${BASE}/${cur.id}`), 200).acknowledged_at;
  const staff = (await listAll(h.admin, '/api/v1/users')).filter((u) => u.active);
  const a = expectStatus(await manager.client.get(`${BASE}/${cur.id}/acknowledgements`), 200);
  assert.equal(a.policy_id, cur.id);
  assert.deepEqual([...a.acknowledged].sort((x, y) => (x.user_id < y.user_id ? -1 : 1)),
                   [{ user_id: agent.id, name: 'Anna Agent', email: agent.email, role: 'agent', acknowledged_at: mine },
                    { user_id: viewer.id, name: 'Vera Viewer', email: viewer.email, role: 'viewer',
                      acknowledged_at: viewers }].sort((x, y) => (x.user_id < y.user_id ? -1 : 1)));
  const expectedPending = staff.filter((u) => u.id !== agent.id && u.id !== viewer.id)
    .map((u) => ({ user_id: u.id, name: u.name, email: u.email, role: u.role }))
    .sort((x, y) => (x.user_id < y.user_id ? -1 : 1));
  assert.deepEqual([...a.pending].sort((x, y) => (x.user_id < y.user_id ? -1 : 1)), expectedPending);
  assert.ok(a.pending.some((p) => p.user_id === admin.id && p.role === 'admin'), 'the admin is staff too');
  assert.ok(a.pending.some((p) => p.user_id === leaver.id));
  assert.equal(a.acknowledged_count, 2);
  assert.equal(a.pending_count, expectedPending.length);
  assert.equal(a.acknowledged_count + a.pending_count, staff.length);
  // An admin may read them as well; an older version has nobody acknowledged.
  const old = expectStatus(await h.admin.get(`${BASE}/${versions[0].id}/acknowledgements`), 200);
  assert.equal(old.acknowledged_count, 0);
  assert.deepEqual(old.acknowledged, []);
  assert.equal(old.pending_count, staff.length);
});

test('deactivated users leave both lists', async () => {
  const cur = versions[3];
  expectStatus(await leaver.client.post(`${BASE}/${cur.id}/acknowledge`, {}), 200);
  let a = expectStatus(await manager.client.get(`${BASE}/${cur.id}/acknowledgements`), 200);
  assert.ok(a.acknowledged.some((x) => x.user_id === leaver.id), 'acknowledged while active');
  assert.equal(a.acknowledged_count, 3);
  const pendingBefore = a.pending_count;

  expectStatus(await h.admin.del(`/api/v1/users/${leaver.id}`), 204);  // deactivates
  a = expectStatus(await manager.client.get(`${BASE}/${cur.id}/acknowledgements`), 200);
  assert.ok(!a.acknowledged.some((x) => x.user_id === leaver.id), 'a deactivated user is not listed as acknowledged');
  assert.ok(!a.pending.some((x) => x.user_id === leaver.id));
  assert.equal(a.acknowledged_count, 2);
  assert.equal(a.acknowledged_count, a.acknowledged.length);
  assert.equal(a.pending_count, pendingBefore);

  // A deactivated user who had not acknowledged leaves the pending list.
  const quitter = await h.makeUser('agent', { name: 'Quinn Quitter' });
  a = expectStatus(await manager.client.get(`${BASE}/${cur.id}/acknowledgements`), 200);
  assert.ok(a.pending.some((x) => x.user_id === quitter.id), 'a new user is pending');
  assert.equal(a.pending_count, pendingBefore + 1);
  expectStatus(await h.admin.patch(`/api/v1/users/${quitter.id}`, { active: false }), 200);
  a = expectStatus(await manager.client.get(`${BASE}/${cur.id}/acknowledgements`), 200);
  assert.ok(!a.pending.some((x) => x.user_id === quitter.id), 'a deactivated user is not pending');
  assert.equal(a.pending_count, pendingBefore);
  assert.equal(a.pending_count, a.pending.length);
});

test('a new version needs a new acknowledgement; the old one keeps its own', async () => {
  const old = versions[3];
  const acknowledgedOld = expectStatus(await agent.client.get(`${BASE}/${old.id}`), 200).acknowledged_at;
  assert.match(acknowledgedOld, RFC3339_UTC);
  const p = expectStatus(await h.admin.post(BASE, { title: 'Fifth edition', body: 'Read me again.' }), 201);
  assert.equal(p.number, 5);
  versions.push(p);
  const current = expectStatus(await agent.client.get(`${BASE}/current`), 200);
  assert.equal(current.id, p.id);
  assert.equal(current.acknowledged_at, null, 'the new version is not acknowledged yet');
  assert.equal(expectStatus(await agent.client.get(`${BASE}/${old.id}`), 200).acknowledged_at, acknowledgedOld);
  const a = expectStatus(await manager.client.get(`${BASE}/${p.id}/acknowledgements`), 200);
  assert.equal(a.acknowledged_count, 0);
  assert.ok(a.pending.some((x) => x.user_id === agent.id));
  const ack = expectStatus(await agent.client.post(`${BASE}/${p.id}/acknowledge`, {}), 200);
  assert.ok(ack.acknowledged_at >= acknowledgedOld);
  assert.equal(expectStatus(await agent.client.get(`${BASE}/current`), 200).acknowledged_at, ack.acknowledged_at);
  const after = expectStatus(await manager.client.get(`${BASE}/${p.id}/acknowledgements`), 200);
  assert.deepEqual(after.acknowledged.map((x) => x.user_id), [agent.id]);
  assert.equal(after.acknowledged_count, 1);
});

test('listed versions are policies too: each carries the caller\'s acknowledged_at (or null)', async () => {
  const listed = await listAll(agent.client, BASE);
  for (const p of listed) {
    assert.ok('acknowledged_at' in p, `listed version ${p.number} has acknowledged_at: ${JSON.stringify(p)}`);
    const single = expectStatus(await agent.client.get(`${BASE}/${p.id}`), 200);
    assert.equal(p.acknowledged_at, single.acknowledged_at, `version ${p.number}`);
  }
  assert.ok(listed.some((p) => p.acknowledged_at !== null), 'the agent acknowledged some versions');
});

test('concurrent acknowledgements by one user: every answer 200 with the same (first) time, one entry', async () => {
  const cur = versions[4];
  const answers = await Promise.all(Array.from({ length: 6 }, () => manager.client.post(`${BASE}/${cur.id}/acknowledge`, {})));
  const times = answers.map((r) => expectStatus(r, 200).acknowledged_at);
  assert.equal(new Set(times).size, 1, `one acknowledgement time: ${times.join(', ')}`);
  const a = expectStatus(await manager.client.get(`${BASE}/${cur.id}/acknowledgements`), 200);
  assert.deepEqual(a.acknowledged.filter((x) => x.user_id === manager.id).map((x) => x.acknowledged_at), [times[0]]);
  assert.equal(a.acknowledged_count, 2);
});
