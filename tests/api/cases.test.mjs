// Case scenarios (the service desk): opening a case with its defaults and owner, validation
// (422 naming the fields), PATCH with the allowed and forbidden status transitions (reopen
// clears resolved_at/closed_at, nothing goes back to `new`), If-Match 412, archiving, the
// list filters and views (mine, team, breaching, all) with `sort=due`, the customer's
// timeline (kind `case` at opened_at, kind `message`), messages (internal notes, public
// replies; the first public reply is the first response and opens a new case) and the
// case events.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, expectStatus, expectProblem, expectFieldErrors, listAll, RFC3339_UTC } from './harness.mjs';
import {
  ALWAYS_OPEN, HOUR, MINUTE, customer, openCase, readCase, patchCase, caseEvents, createPolicy, fromNow, plus, norm,
} from './service_helpers.mjs';

let h, agent, agent2, teamMember, manager, viewer;
let highPolicy, requestPolicy;
before(async () => {
  h = await setup({ users: ['agent', 'agent', 'agent', 'manager', 'viewer'] });
  [agent, agent2, teamMember, manager, viewer] = h.users;
  expectStatus(await h.admin.patch(`/api/v1/users/${teamMember.id}`, { service_team: true, name: 'Team Tove' }), 200);
  // Clocks in wall-clock minutes (open around the clock): `high` cases answer within an hour,
  // `normal` requests within ten hours; other priorities and kinds have no policy.
  highPolicy = await createPolicy(manager.client, { name: 'High', priority: 'high', first_response_minutes: 60,
                                                    resolution_minutes: 240, business_hours: ALWAYS_OPEN });
  requestPolicy = await createPolicy(manager.client, { name: 'Requests', priority: 'normal', kind: 'request',
                                                       first_response_minutes: 600, resolution_minutes: 1200,
                                                       business_hours: ALWAYS_OPEN });
});
after(async () => { await h?.stop(); });

const CASE_FIELDS = ['id', 'number', 'contact_id', 'subject', 'description', 'kind', 'priority', 'status', 'channel',
  'owner_id', 'assignment_rule', 'assignment_reason', 'assigned_at', 'sla_policy_id', 'opened_at',
  'first_response_due_at', 'resolution_due_at', 'next_due_at', 'first_responded_at', 'first_response_minutes',
  'resolution_minutes', 'resolved_at', 'closed_at', 'sla_state', 'sla_paused_at', 'first_response_breached',
  'resolution_breached', 'escalation_level', 'created_at', 'updated_at', 'version'];

const ownedCustomer = () => customer(agent.client, { owner_id: agent.id });
const read = (id) => readCase(h.admin, id);
const ids = (items) => items.map((x) => x.id);
const sameSet = (a, b, msg) => assert.deepEqual([...a].sort(), [...b].sort(), msg);

async function cases(query) {
  return listAll(viewer.client, `/api/v1/cases?${query}`);
}

async function timeline(contact, kind) {
  const body = expectStatus(await viewer.client.get(`/api/v1/contacts/${contact.id}/timeline?kind=${kind}`), 200);
  return body.items;
}

describe('open a case', () => {
  test('201 with Location, ETag "1", number, defaults and the customer\'s owner', async () => {
    const c = await ownedCustomer();
    const r = await agent2.client.post('/api/v1/cases', { contact_id: c.id, subject: 'Invoice is wrong' });
    const k = expectStatus(r, 201);
    for (const f of CASE_FIELDS) assert.ok(f in k, `case has ${f}: ${JSON.stringify(k)}`);
    assert.equal(typeof k.id, 'string');
    assert.ok(Number.isInteger(k.number) && k.number > 0, `number: ${k.number}`);
    assert.equal(k.contact_id, c.id);
    assert.equal(k.subject, 'Invoice is wrong');
    assert.equal(k.kind, 'question');
    assert.equal(k.priority, 'normal');
    assert.equal(k.status, 'new');
    assert.equal(k.description, null);
    assert.equal(k.owner_id, agent.id, 'owner defaults to the contact\'s owner');
    assert.equal(k.assignment_rule, 'owner');
    assert.equal(typeof k.assignment_reason, 'string');
    assert.ok(k.assignment_reason.length > 0);
    assert.match(k.assigned_at, RFC3339_UTC);
    assert.match(k.opened_at, RFC3339_UTC);
    assert.ok(Math.abs(Date.parse(k.opened_at) - Date.now()) < 60_000, `opened_at defaults to now: ${k.opened_at}`);
    // normal question: no policy, so no clocks
    assert.equal(k.sla_policy_id, null);
    for (const f of ['first_response_due_at', 'resolution_due_at', 'next_due_at', 'first_responded_at',
                     'first_response_minutes', 'resolution_minutes', 'resolved_at', 'closed_at', 'sla_paused_at',
                     'escalation_level']) {
      assert.equal(k[f], null, `${f} is null`);
    }
    assert.equal(k.sla_state, 'ok');
    assert.equal(k.first_response_breached, false);
    assert.equal(k.resolution_breached, false);
    assert.equal(k.version, 1);
    assert.equal(r.headers.get('etag'), '"1"');
    assert.equal(new URL(r.headers.get('location'), h.base).pathname, `/api/v1/cases/${k.id}`);
    const g = await viewer.client.get(`/api/v1/cases/${k.id}`);
    assert.deepEqual(expectStatus(g, 200), k);
    assert.equal(g.headers.get('etag'), '"1"');
  });

  test('numbers increase with every case', async () => {
    const c = await ownedCustomer();
    const a = await openCase(agent.client, c);
    const b = await openCase(agent.client, c);
    assert.ok(b.number > a.number, `${a.number} then ${b.number}`);
  });

  test('all given fields are stored: kind, priority, channel, description, status open, earlier opened_at', async () => {
    const c = await ownedCustomer();
    const opened = fromNow(-2 * HOUR);
    const k = await openCase(agent.client, c, { subject: 'Router dead', kind: 'incident', priority: 'low',
                                                channel: 'phone', description: 'Since **Monday**', status: 'open',
                                                opened_at: opened });
    assert.equal(k.kind, 'incident');
    assert.equal(k.priority, 'low');
    assert.equal(k.channel, 'phone');
    assert.equal(k.description, 'Since **Monday**');
    assert.equal(k.status, 'open');
    assert.equal(norm(k.opened_at), norm(opened));
    assert.deepEqual(await read(k.id), k);
  });

  test('every kind, priority and channel is accepted', async () => {
    const c = await ownedCustomer();
    for (const kind of ['complaint', 'question', 'request', 'incident']) {
      assert.equal((await openCase(agent.client, c, { kind })).kind, kind);
    }
    for (const priority of ['low', 'normal', 'high', 'urgent']) {
      assert.equal((await openCase(agent.client, c, { priority })).priority, priority);
    }
    for (const channel of ['email', 'phone', 'portal', 'web', 'chat', 'social', 'visit', 'letter', 'other']) {
      assert.equal((await openCase(agent.client, c, { channel })).channel, channel);
    }
  });

  test('opened_at up to 5 minutes ahead is accepted', async () => {
    const c = await ownedCustomer();
    const soon = fromNow(2 * MINUTE);
    assert.equal(norm((await openCase(agent.client, c, { opened_at: soon })).opened_at), norm(soon));
  });

  test('a matching policy starts the clocks: due times from opened_at', async () => {
    const c = await ownedCustomer();
    const opened = fromNow(-10 * MINUTE);
    const k = await openCase(agent.client, c, { priority: 'high', opened_at: opened });
    assert.equal(k.sla_policy_id, highPolicy.id);
    assert.equal(k.first_response_due_at, plus(opened, 60 * MINUTE));
    assert.equal(k.resolution_due_at, plus(opened, 240 * MINUTE));
    assert.equal(k.next_due_at, k.first_response_due_at);
    assert.equal(k.sla_state, 'ok');
    const r = await openCase(agent.client, c, { kind: 'request', opened_at: opened });
    assert.equal(r.sla_policy_id, requestPolicy.id, 'normal request: the kind-specific policy');
    assert.equal(r.first_response_due_at, plus(opened, 600 * MINUTE));
  });

  test('viewer cannot open a case → 403; anonymous → 401; nothing stored', async () => {
    const c = await ownedCustomer();
    expectProblem(await viewer.client.post('/api/v1/cases', { contact_id: c.id, subject: 'No' }), 403, 'forbidden');
    const anon = await fetch(`${h.base}/api/v1/cases`, { method: 'POST', headers: { 'content-type': 'application/json' },
                                                         body: JSON.stringify({ contact_id: c.id, subject: 'No' }) });
    assert.equal(anon.status, 401);
    assert.deepEqual(await cases(`contact_id=${c.id}`), []);
  });

  test('unknown id → 404', async () => {
    expectProblem(await viewer.client.get('/api/v1/cases/no-such-case'), 404, 'not-found');
    expectProblem(await agent.client.patch('/api/v1/cases/no-such-case', { subject: 'x' }), 404, 'not-found');
    expectProblem(await agent.client.del('/api/v1/cases/no-such-case'), 404, 'not-found');
    expectProblem(await agent.client.get('/api/v1/cases/no-such-case/messages'), 404, 'not-found');
    expectProblem(await agent.client.post('/api/v1/cases/no-such-case/messages', { body: 'x' }), 404, 'not-found');
    expectProblem(await agent.client.get('/api/v1/cases/no-such-case/events'), 404, 'not-found');
  });
});

describe('validation → 422 naming the fields, nothing stored', () => {
  let c;
  before(async () => { c = await ownedCustomer(); });

  const invalid = [
    ['missing contact_id and subject', {}, ['contact_id', 'subject']],
    ['empty subject', { subject: '   ' }, ['subject']],
    ['subject over 300 characters', { subject: 's'.repeat(301) }, ['subject']],
    ['unknown kind', { kind: 'praise' }, ['kind']],
    ['unknown priority', { priority: 'critical' }, ['priority']],
    ['unknown status', { status: 'waiting' }, ['status']],
    ['status pending on create', { status: 'pending' }, ['status']],
    ['status resolved on create', { status: 'resolved' }, ['status']],
    ['unknown channel', { channel: 'pigeon' }, ['channel']],
    ['opened_at not a time', { opened_at: 'yesterday' }, ['opened_at']],
    ['opened_at an hour ahead', { opened_at: fromNow(HOUR) }, ['opened_at']],
    ['owner_id unknown', { owner_id: 'usr_nobody' }, ['owner_id']],
    ['unknown field', { urgency: 'high' }, ['urgency']],
    ['several at once', { kind: 'x', priority: 'y', channel: 'z' }, ['kind', 'priority', 'channel']],
  ];
  for (const [name, body, fields] of invalid) {
    test(name, async () => {
      const full = fields.includes('contact_id') ? body : { contact_id: c.id, subject: 'Valid subject', ...body };
      expectFieldErrors(await agent.client.post('/api/v1/cases', full), fields);
      assert.deepEqual(await cases(`contact_id=${c.id}&archived=all`), [], 'nothing stored');
    });
  }

  test('contact_id unknown or archived → 422 contact_id', async () => {
    expectFieldErrors(await agent.client.post('/api/v1/cases', { contact_id: 'con_nobody', subject: 'x' }), ['contact_id']);
    const gone = await ownedCustomer();
    expectStatus(await agent.client.del(`/api/v1/contacts/${gone.id}`), 204);
    expectFieldErrors(await agent.client.post('/api/v1/cases', { contact_id: gone.id, subject: 'x' }), ['contact_id']);
    assert.deepEqual(await cases(`contact_id=${gone.id}&archived=all`), []);
  });

  test('a deactivated owner_id → 422 owner_id', async () => {
    const gone = await h.makeUser('agent');
    expectStatus(await h.admin.del(`/api/v1/users/${gone.id}`), 204);
    expectFieldErrors(await agent.client.post('/api/v1/cases', { contact_id: c.id, subject: 'x', owner_id: gone.id }),
                      ['owner_id']);
  });

  test('malformed JSON → 400; a non-JSON body → 415', async () => {
    expectProblem(await agent.client.post('/api/v1/cases', undefined, { raw: '{"subject":', contentType: 'application/json' }),
                  400, 'invalid-json');
    expectProblem(await agent.client.post('/api/v1/cases', undefined, { raw: 'subject=x', contentType: 'text/plain' }),
                  415, 'unsupported-media-type');
  });

  test('PATCH: contact_id and opened_at are fixed; subject/kind/priority/status cannot be cleared; unchanged', async () => {
    const k = await openCase(agent.client, c);
    const other = await ownedCustomer();
    expectFieldErrors(await agent.client.patch(`/api/v1/cases/${k.id}`, { contact_id: other.id }), ['contact_id']);
    expectFieldErrors(await agent.client.patch(`/api/v1/cases/${k.id}`, { opened_at: fromNow(-HOUR) }), ['opened_at']);
    expectFieldErrors(await agent.client.patch(`/api/v1/cases/${k.id}`,
                                               { subject: null, kind: null, priority: null, status: null }),
                      ['subject', 'kind', 'priority', 'status']);
    expectFieldErrors(await agent.client.patch(`/api/v1/cases/${k.id}`, { priority: 'whenever', channel: 'fax' }),
                      ['priority', 'channel']);
    expectFieldErrors(await agent.client.patch(`/api/v1/cases/${k.id}`, { owner_id: 'usr_nobody' }), ['owner_id']);
    assert.deepEqual(await read(k.id), k);
  });
});

describe('PATCH', () => {
  test('changes only the fields given; version +1; null clears description', async () => {
    const c = await ownedCustomer();
    const k = await openCase(agent.client, c, { description: 'First words', channel: 'email' });
    const p = await patchCase(agent.client, k.id, { subject: 'New subject', kind: 'complaint', channel: 'chat' });
    assert.equal(p.subject, 'New subject');
    assert.equal(p.kind, 'complaint');
    assert.equal(p.channel, 'chat');
    assert.equal(p.description, 'First words');
    assert.equal(p.version, 2);
    assert.ok(p.updated_at >= k.updated_at);
    const q = await patchCase(agent.client, k.id, { description: null });
    assert.equal(q.description, null);
    assert.equal(q.version, 3);
    assert.deepEqual(await read(k.id), q);
  });

  test('a new priority picks the matching policy and recomputes the due times from opened_at', async () => {
    const c = await ownedCustomer();
    const opened = fromNow(-5 * MINUTE);
    const k = await openCase(agent.client, c, { opened_at: opened });
    assert.equal(k.first_response_due_at, null);
    const p = await patchCase(agent.client, k.id, { priority: 'high' });
    assert.equal(p.sla_policy_id, highPolicy.id);
    assert.equal(p.first_response_due_at, plus(opened, 60 * MINUTE));
    assert.equal(p.resolution_due_at, plus(opened, 240 * MINUTE));
    const q = await patchCase(agent.client, k.id, { priority: 'low' });
    assert.equal(q.sla_policy_id, null, 'no policy for low');
    assert.equal(q.first_response_due_at, null);
    assert.equal(q.next_due_at, null);
    const events = await caseEvents(viewer.client, k.id);
    const priority = events.filter((e) => e.kind === 'priority');
    assert.equal(priority.length, 2, JSON.stringify(events));
    assert.match(priority[0].detail, /normal.*high/);
  });

  test('owner_id: another user → manual; null → unassigned', async () => {
    const c = await ownedCustomer();
    const k = await openCase(agent.client, c);
    const p = await patchCase(manager.client, k.id, { owner_id: agent2.id });
    assert.equal(p.owner_id, agent2.id);
    assert.equal(p.assignment_rule, 'manual');
    assert.match(p.assigned_at, RFC3339_UTC);
    const q = await patchCase(manager.client, k.id, { owner_id: null });
    assert.equal(q.owner_id, null);
    assert.equal(q.assignment_rule, 'unassigned');
    const assigned = (await caseEvents(viewer.client, k.id)).filter((e) => e.kind === 'assigned');
    assert.deepEqual(assigned.map((e) => e.data?.rule), ['owner', 'manual', 'unassigned']);
  });

  test('viewer → 403, unchanged', async () => {
    const k = await openCase(agent.client, await ownedCustomer());
    expectProblem(await viewer.client.patch(`/api/v1/cases/${k.id}`, { subject: 'x' }), 403, 'forbidden');
    expectProblem(await viewer.client.del(`/api/v1/cases/${k.id}`), 403, 'forbidden');
    assert.deepEqual(await read(k.id), k);
  });
});

describe('status transitions', () => {
  let c;
  before(async () => { c = await ownedCustomer(); });

  /** A fresh case in `status`, reached by an allowed path. */
  async function caseIn(status) {
    if (status === 'new' || status === 'open') return openCase(agent.client, c, { status });
    const k = await openCase(agent.client, c);
    return patchCase(agent.client, k.id, { status });
  }

  const STATUSES = ['new', 'open', 'pending', 'resolved', 'closed'];
  const allowed = {
    new: ['open', 'pending', 'resolved', 'closed'],
    open: ['pending', 'resolved', 'closed'],
    pending: ['open', 'resolved', 'closed'],
    resolved: ['open', 'closed'],
    closed: ['open'],
  };
  for (const from of STATUSES) {
    for (const to of STATUSES) {
      if (from === to) continue;
      const ok = allowed[from].includes(to);
      test(`${from} → ${to}: ${ok ? 'allowed' : '422 status, unchanged'}`, async () => {
        const k = await caseIn(from);
        assert.equal(k.status, from);
        const r = await agent.client.patch(`/api/v1/cases/${k.id}`, { status: to });
        if (!ok) {
          expectFieldErrors(r, ['status']);
          assert.deepEqual(await read(k.id), k);
          return;
        }
        const p = expectStatus(r, 200);
        assert.equal(p.status, to);
        assert.equal(p.version, k.version + 1);
        if (to === 'resolved') {
          assert.match(p.resolved_at, RFC3339_UTC);
          assert.equal(p.closed_at, null);
        }
        if (to === 'closed') {
          assert.match(p.closed_at, RFC3339_UTC);
          assert.match(p.resolved_at, RFC3339_UTC, 'closing sets resolved_at');
          if (from === 'resolved') assert.equal(p.resolved_at, k.resolved_at, 'resolved_at is kept');
        }
        if (to === 'open' && (from === 'resolved' || from === 'closed')) {
          assert.equal(p.resolved_at, null, 'reopening clears resolved_at');
          assert.equal(p.closed_at, null, 'reopening clears closed_at');
        }
        if (to === 'pending' || to === 'open') assert.equal(p.resolved_at, null);
        const status = (await caseEvents(viewer.client, k.id)).filter((e) => e.kind === 'status');
        assert.ok(status.length >= 1, 'a status event');
        assert.ok(status.at(-1).detail.includes(from) && status.at(-1).detail.includes(to), status.at(-1).detail);
        if (to === 'open' && (from === 'resolved' || from === 'closed')) assert.match(status.at(-1).detail, /reopen/i);
      });
    }
  }

  test('the same status again changes nothing', async () => {
    const k = await caseIn('pending');
    const p = await patchCase(agent.client, k.id, { status: 'pending' });
    assert.equal(p.version, k.version);
  });

  test('resolve → close → reopen → resolve again: resolved_at is the latest; resolution_minutes counted', async () => {
    const opened = fromNow(-30 * MINUTE);
    const k = await openCase(agent.client, c, { priority: 'high', opened_at: opened });
    const resolved = await patchCase(agent.client, k.id, { status: 'resolved' });
    assert.equal(resolved.resolution_minutes, 30, 'open around the clock: 30 business minutes');
    assert.equal(resolved.next_due_at, null, 'no clock runs once resolved');
    assert.match(resolved.sla_paused_at, RFC3339_UTC);
    const closed = await patchCase(agent.client, k.id, { status: 'closed' });
    assert.equal(closed.resolved_at, resolved.resolved_at);
    const reopened = await patchCase(agent.client, k.id, { status: 'open' });
    assert.equal(reopened.resolved_at, null);
    assert.equal(reopened.closed_at, null);
    assert.equal(reopened.resolution_minutes, null);
    assert.equal(reopened.sla_paused_at, null, 'the clocks run again');
    assert.notEqual(reopened.next_due_at, null);
    const again = await patchCase(agent.client, k.id, { status: 'resolved' });
    assert.match(again.resolved_at, RFC3339_UTC);
    assert.ok(again.resolved_at >= resolved.resolved_at);
  });
});

describe('If-Match and archive', () => {
  test('PATCH with a stale If-Match → 412 with current_version, unchanged; the right one → 200', async () => {
    const k = await openCase(agent.client, await ownedCustomer());
    const p = await patchCase(agent.client, k.id, { subject: 'Second' });
    const stale = await agent.client.patch(`/api/v1/cases/${k.id}`, { subject: 'Lost update' }, { headers: { 'if-match': '"1"' } });
    const problem = expectProblem(stale, 412, 'precondition-failed');
    assert.equal(problem.current_version, 2);
    assert.deepEqual(await read(k.id), p);
    const ok = await agent.client.patch(`/api/v1/cases/${k.id}`, { status: 'open' }, { headers: { 'if-match': '"2"' } });
    assert.equal(expectStatus(ok, 200).version, 3);
    assert.equal(ok.headers.get('etag'), '"3"');
  });

  test('DELETE with a stale If-Match → 412, not archived', async () => {
    const k = await openCase(agent.client, await ownedCustomer());
    await patchCase(agent.client, k.id, { subject: 'Changed' });
    expectProblem(await agent.client.del(`/api/v1/cases/${k.id}`, { headers: { 'if-match': '"1"' } }), 412, 'precondition-failed');
    assert.equal((await read(k.id)).archived_at, null);
  });

  test('DELETE archives: 204, still readable, leaves lists unless ?archived=true; no more changes or messages', async () => {
    const c = await ownedCustomer();
    const k = await openCase(agent.client, c);
    const kept = await openCase(agent.client, c);
    expectStatus(await agent.client.del(`/api/v1/cases/${k.id}`, { headers: { 'if-match': '"1"' } }), 204);
    const g = await read(k.id);
    assert.match(g.archived_at, RFC3339_UTC);
    assert.equal(g.version, 2);
    assert.deepEqual(ids(await cases(`contact_id=${c.id}`)), [kept.id]);
    assert.deepEqual(ids(await cases(`contact_id=${c.id}&archived=true`)), [k.id]);
    sameSet(ids(await cases(`contact_id=${c.id}&archived=all`)), [k.id, kept.id]);
    expectStatus(await agent.client.del(`/api/v1/cases/${k.id}`), 204);
    assert.equal((await read(k.id)).version, 2, 'archiving again changes nothing');
    expectProblem(await agent.client.patch(`/api/v1/cases/${k.id}`, { subject: 'x' }), 404, 'not-found');
    expectProblem(await agent.client.post(`/api/v1/cases/${k.id}/messages`, { body: 'x' }), 404, 'not-found');
    assert.ok(!ids(await cases('view=all')).includes(k.id));
  });
});

describe('lists', () => {
  let c, mine, mineHigh, mineResolved, team, unassigned, otherAgent, lowNoClock, requestCase, pendingHigh;
  before(async () => {
    c = await ownedCustomer();
    mine = await openCase(agent.client, c, { kind: 'complaint', channel: 'email' });
    mineHigh = await openCase(agent.client, c, { priority: 'high', opened_at: fromNow(-30 * MINUTE), channel: 'phone' });
    mineResolved = await openCase(agent.client, c, { priority: 'high' });
    mineResolved = await patchCase(agent.client, mineResolved.id, { status: 'resolved' });
    team = await openCase(agent.client, c, { owner_id: teamMember.id, priority: 'high' });
    unassigned = await openCase(agent.client, c, { kind: 'incident' });
    unassigned = await patchCase(manager.client, unassigned.id, { owner_id: null });
    otherAgent = await openCase(agent.client, c, { owner_id: agent2.id, status: 'open' });
    lowNoClock = await openCase(agent.client, c, { priority: 'low' });
    requestCase = await openCase(agent.client, c, { kind: 'request', opened_at: fromNow(-MINUTE) });
    pendingHigh = await openCase(agent.client, c, { priority: 'high' });
    pendingHigh = await patchCase(agent.client, pendingHigh.id, { status: 'pending' });
  });

  const all = () => [mine, mineHigh, mineResolved, team, unassigned, otherAgent, lowNoClock, requestCase, pendingHigh];
  const open = () => all().filter((k) => k !== mineResolved);

  test('{items, next_cursor}; filters by contact_id', async () => {
    const r = expectStatus(await viewer.client.get(`/api/v1/cases?contact_id=${c.id}&limit=500`), 200);
    assert.ok(Array.isArray(r.items));
    assert.equal(r.next_cursor, null);
    sameSet(ids(r.items), ids(all()));
    for (const k of r.items) for (const f of CASE_FIELDS) assert.ok(f in k, `listed case has ${f}`);
  });

  test('filters: status, kind, priority, channel, sla_state, owner_id (id, me, none), open', async () => {
    const q = (s) => cases(`contact_id=${c.id}&${s}`);
    sameSet(ids(await q('status=resolved')), [mineResolved.id]);
    sameSet(ids(await q('status=pending')), [pendingHigh.id]);
    sameSet(ids(await q('kind=complaint')), [mine.id]);
    sameSet(ids(await q('kind=request')), [requestCase.id]);
    sameSet(ids(await q('kind=incident')), [unassigned.id]);
    sameSet(ids(await q('priority=low')), [lowNoClock.id]);
    sameSet(ids(await q('priority=high')), [mineHigh.id, mineResolved.id, team.id, pendingHigh.id]);
    sameSet(ids(await q('channel=email')), [mine.id]);
    sameSet(ids(await q('channel=phone')), [mineHigh.id]);
    sameSet(ids(await q('sla_state=ok')), ids(all()));
    assert.deepEqual(await q('sla_state=breached'), []);
    sameSet(ids(await q(`owner_id=${agent2.id}`)), [otherAgent.id]);
    sameSet(ids(await q('owner_id=none')), [unassigned.id]);
    sameSet(ids(await listAll(agent2.client, `/api/v1/cases?contact_id=${c.id}&owner_id=me`)), [otherAgent.id]);
    sameSet(ids(await listAll(agent.client, `/api/v1/cases?contact_id=${c.id}&owner_id=me`)),
            [mine.id, mineHigh.id, mineResolved.id, lowNoClock.id, requestCase.id, pendingHigh.id]);
    sameSet(ids(await q('open=true')), ids(open()));
  });

  test('open=false: only cases that are no longer open (resolved, closed)', async () => {
    sameSet(ids(await cases(`contact_id=${c.id}&open=false`)), [mineResolved.id]);
  });

  test('view=mine: the caller\'s open cases', async () => {
    const got = await listAll(agent.client, `/api/v1/cases?contact_id=${c.id}&view=mine`);
    sameSet(ids(got), [mine.id, mineHigh.id, lowNoClock.id, requestCase.id, pendingHigh.id]);
    const other = await listAll(agent2.client, `/api/v1/cases?contact_id=${c.id}&view=mine`);
    sameSet(ids(other), [otherAgent.id]);
  });

  test('view=team: unassigned or owned by the service team, open only', async () => {
    sameSet(ids(await cases(`contact_id=${c.id}&view=team`)), [team.id, unassigned.id]);
  });

  test('view=breaching: a running clock due within 4 hours or past; view=all: every open case', async () => {
    // high: first response due within the hour; a pending case's clocks stand still;
    // a request is due in 10 hours; low has no clock.
    sameSet(ids(await cases(`contact_id=${c.id}&view=breaching`)), [mineHigh.id, team.id]);
    sameSet(ids(await cases(`contact_id=${c.id}&view=all`)), ids(open()));
  });

  test('sort=due (the default): nearest due first, cases without a running clock last; -due reverses', async () => {
    const withClock = [mineHigh, team, requestCase]; // due in ~30 min, ~60 min, ~10 h
    const got = await cases(`contact_id=${c.id}&view=all`);
    assert.deepEqual(ids(got.slice(0, 3)), ids(withClock), got.map((k) => `${k.subject} ${k.next_due_at}`).join(', '));
    sameSet(ids(got.slice(3)), [mine.id, unassigned.id, otherAgent.id, lowNoClock.id, pendingHigh.id]);
    for (const k of got.slice(3)) assert.equal(k.next_due_at, null, 'no clock runs');
    assert.deepEqual(ids(await cases(`contact_id=${c.id}&view=all&sort=due`)), ids(got));
    const desc = await cases(`contact_id=${c.id}&view=all&sort=-due`);
    assert.deepEqual(ids(desc.slice(-3)), ids(withClock).reverse());
  });

  test('sort=opened_at / -opened_at / created_at', async () => {
    const asc = await cases(`contact_id=${c.id}&sort=opened_at`);
    const opened = asc.map((k) => Date.parse(k.opened_at));
    assert.deepEqual(opened, [...opened].sort((a, b) => a - b));
    assert.equal(asc[0].id, mineHigh.id, 'opened 30 minutes ago: first');
    const desc = await cases(`contact_id=${c.id}&sort=-opened_at`);
    assert.equal(desc.at(-1).id, mineHigh.id);
    assert.deepEqual(ids(await cases(`contact_id=${c.id}&sort=created_at`)), ids(all()));
  });

  test('paging with limit and cursor never repeats or skips', async () => {
    const seen = [];
    let cursor = null;
    for (let i = 0; i < 20; i += 1) {
      const r = expectStatus(await viewer.client.get(`/api/v1/cases?contact_id=${c.id}&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`), 200);
      seen.push(...ids(r.items));
      cursor = r.next_cursor;
      if (!cursor) break;
    }
    assert.deepEqual(seen, ids(await cases(`contact_id=${c.id}`)));
    assert.equal(new Set(seen).size, all().length);
  });

  test('bad parameters: unknown view/open/sort/parameter → 400; limit 501 → 422', async () => {
    expectProblem(await viewer.client.get('/api/v1/cases?view=everything'), 400, 'bad-request');
    expectProblem(await viewer.client.get('/api/v1/cases?open=maybe'), 400, 'bad-request');
    expectProblem(await viewer.client.get('/api/v1/cases?sort=subject'), 400, 'bad-request');
    expectProblem(await viewer.client.get('/api/v1/cases?colour=red'), 400, 'bad-request');
    expectProblem(await viewer.client.get('/api/v1/cases?limit=501'), 422, 'limit-too-large');
    expectProblem(await viewer.client.get('/api/v1/cases?cursor=garbage'), 400, 'bad-request');
  });
});

describe('messages and first response', () => {
  test('an internal note (public defaults to false) is no response; the first public reply is', async () => {
    const c = await ownedCustomer();
    const opened = fromNow(-20 * MINUTE);
    const k = await openCase(agent.client, c, { priority: 'high', opened_at: opened });

    const note = await agent.client.post(`/api/v1/cases/${k.id}/messages`, { body: 'Customer sounds *annoyed*' });
    const n = expectStatus(note, 201);
    assert.equal(n.public, false);
    assert.equal(n.direction, 'outbound');
    assert.equal(n.author_id, agent.id);
    assert.equal(n.case_id, k.id);
    assert.equal(n.body, 'Customer sounds *annoyed*');
    assert.match(n.body_html, /<em>annoyed<\/em>/);
    assert.equal(n.case.first_responded_at, null, 'an internal note is no response');
    assert.equal(n.case.status, 'new');
    assert.equal((await read(k.id)).first_responded_at, null);

    const reply = expectStatus(await agent.client.post(`/api/v1/cases/${k.id}/messages`,
                                                       { body: 'We are on it.', public: true }), 201);
    assert.equal(reply.public, true);
    assert.equal(reply.emailed, false, 'no outgoing mail is set up');
    const after = await read(k.id);
    assert.deepEqual(reply.case, after, 'the answer holds the case after the change');
    assert.equal(after.first_responded_at, reply.created_at);
    assert.equal(after.first_response_minutes, 20, 'open around the clock: 20 minutes');
    assert.equal(after.status, 'open', 'a new case becomes open');
    assert.equal(after.first_response_breached, false);
    assert.equal(after.next_due_at, after.resolution_due_at, 'only the resolution clock runs now');
    const status = (await caseEvents(viewer.client, k.id)).filter((e) => e.kind === 'status');
    assert.equal(status.length, 1);
    assert.match(status[0].detail, /new.*open/);

    const second = expectStatus(await agent2.client.post(`/api/v1/cases/${k.id}/messages`,
                                                         { body: 'Update: fixed.', public: true }), 201);
    assert.equal(second.case.first_responded_at, after.first_responded_at, 'only the first reply is the first response');
    assert.equal(second.case.first_response_minutes, 20);
  });

  test('a public reply on a pending case keeps it pending; on an open case: still the first response', async () => {
    const c = await ownedCustomer();
    const k = await openCase(agent.client, c, { status: 'open' });
    const r = expectStatus(await agent.client.post(`/api/v1/cases/${k.id}/messages`, { body: 'Hi', public: true }), 201);
    assert.equal(r.case.status, 'open');
    assert.match(r.case.first_responded_at, RFC3339_UTC);
    const p = await openCase(agent.client, c);
    await patchCase(agent.client, p.id, { status: 'pending' });
    const q = expectStatus(await agent.client.post(`/api/v1/cases/${p.id}/messages`, { body: 'Waiting on you', public: true }), 201);
    assert.equal(q.case.status, 'pending');
  });

  test('GET messages: oldest first, paged with limit and cursor', async () => {
    const k = await openCase(agent.client, await ownedCustomer());
    const made = [];
    for (let i = 1; i <= 5; i += 1) {
      made.push(expectStatus(await agent.client.post(`/api/v1/cases/${k.id}/messages`,
                                                     { body: `Message ${i}`, public: i % 2 === 0 }), 201));
    }
    const all = expectStatus(await viewer.client.get(`/api/v1/cases/${k.id}/messages`), 200);
    assert.deepEqual(all.items.map((m) => m.body), made.map((m) => m.body));
    assert.equal(all.next_cursor, null);
    assert.deepEqual(all.items.map((m) => m.public), [false, true, false, true, false]);
    for (const m of all.items) assert.equal(m.direction, 'outbound');
    const seen = [];
    let cursor = null;
    for (let i = 0; i < 10; i += 1) {
      const page = expectStatus(await viewer.client.get(`/api/v1/cases/${k.id}/messages?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`), 200);
      assert.ok(page.items.length <= 2);
      seen.push(...page.items.map((m) => m.id));
      cursor = page.next_cursor;
      if (!cursor) break;
    }
    assert.deepEqual(seen, made.map((m) => m.id));
    expectProblem(await viewer.client.get(`/api/v1/cases/${k.id}/messages?limit=501`), 422, 'limit-too-large');
  });

  test('body_html is safe: raw HTML is escaped', async () => {
    const k = await openCase(agent.client, await ownedCustomer());
    const m = expectStatus(await agent.client.post(`/api/v1/cases/${k.id}/messages`,
                                                   { body: '<script>alert(1)</script> **bold** [x](javascript:alert(1))' }), 201);
    assert.ok(!m.body_html.includes('<script'), m.body_html);
    assert.ok(!/href="javascript:/i.test(m.body_html), m.body_html);
    assert.match(m.body_html, /<strong>bold<\/strong>/);
  });

  test('validation: body required; public must be a boolean; unknown fields → 422; viewer → 403', async () => {
    const k = await openCase(agent.client, await ownedCustomer());
    expectFieldErrors(await agent.client.post(`/api/v1/cases/${k.id}/messages`, {}), ['body']);
    expectFieldErrors(await agent.client.post(`/api/v1/cases/${k.id}/messages`, { body: '   ' }), ['body']);
    expectFieldErrors(await agent.client.post(`/api/v1/cases/${k.id}/messages`, { body: 'x', public: 'yes' }), ['public']);
    expectFieldErrors(await agent.client.post(`/api/v1/cases/${k.id}/messages`, { body: 'x', cc: 'boss' }), ['cc']);
    expectProblem(await viewer.client.post(`/api/v1/cases/${k.id}/messages`, { body: 'x' }), 403, 'forbidden');
    assert.deepEqual(expectStatus(await viewer.client.get(`/api/v1/cases/${k.id}/messages`), 200).items, []);
    assert.deepEqual(await read(k.id), k);
  });
});

describe('timeline and events', () => {
  test('a case is on the customer\'s timeline at opened_at; its summary follows status changes', async () => {
    const c = await ownedCustomer();
    const opened = fromNow(-3 * HOUR);
    const k = await openCase(agent.client, c, { subject: 'Broken heater', kind: 'complaint', priority: 'urgent',
                                                opened_at: opened });
    let entries = await timeline(c, 'case');
    assert.equal(entries.length, 1, JSON.stringify(entries));
    const [e] = entries;
    assert.equal(e.kind, 'case');
    assert.equal(e.ref_id, k.id);
    assert.equal(norm(e.at), norm(opened));
    for (const part of [`#${k.number}`, 'complaint', 'urgent', 'Broken heater', 'new']) {
      assert.ok(e.summary.includes(part), `summary has ${part}: ${e.summary}`);
    }
    await patchCase(agent.client, k.id, { status: 'resolved' });
    entries = await timeline(c, 'case');
    assert.equal(entries.length, 1, 'the same entry is updated');
    assert.ok(entries[0].summary.includes('resolved'), entries[0].summary);
    assert.equal(norm(entries[0].at), norm(opened));
  });

  test('messages are on the timeline (kind message): public replies and internal notes', async () => {
    const c = await ownedCustomer();
    const k = await openCase(agent.client, c);
    const note = expectStatus(await agent.client.post(`/api/v1/cases/${k.id}/messages`, { body: 'Internal thought' }), 201);
    const reply = expectStatus(await agent.client.post(`/api/v1/cases/${k.id}/messages`,
                                                       { body: 'Dear customer, thanks', public: true }), 201);
    const entries = await timeline(c, 'message');
    assert.deepEqual(entries.map((e) => e.ref_id), [reply.id, note.id], 'newest first');
    for (const e of entries) {
      assert.equal(e.kind, 'message');
      assert.ok(e.summary.includes(`#${k.number}`), e.summary);
      assert.equal(e.data?.case_id, k.id);
    }
    assert.equal(entries[0].data.public, true);
    assert.equal(entries[1].data.public, false);
    assert.ok(entries[0].summary.includes('Dear customer'), entries[0].summary);
    const both = expectStatus(await viewer.client.get(`/api/v1/contacts/${c.id}/timeline?kind=case,message`), 200).items;
    assert.equal(both.length, 3);
  });

  test('events: opened, assigned (with rule), status, priority — in order', async () => {
    const c = await ownedCustomer();
    const k = await openCase(agent.client, c, { channel: 'phone' });
    await patchCase(agent.client, k.id, { priority: 'urgent' });
    await patchCase(agent.client, k.id, { status: 'pending' });
    const events = await caseEvents(viewer.client, k.id);
    assert.deepEqual(events.map((e) => e.kind), ['opened', 'assigned', 'priority', 'status'], JSON.stringify(events));
    for (const e of events) {
      assert.equal(typeof e.id, 'string');
      assert.match(e.at, RFC3339_UTC);
      assert.equal(typeof e.detail, 'string');
    }
    assert.equal(events[1].data.rule, 'owner');
    assert.equal(events[1].data.owner_id, agent.id);
    assert.equal(events[0].user_id, agent.id);
    assert.match(events[2].detail, /normal.*urgent/);
    assert.match(events[3].detail, /new.*pending/);
  });
});

describe('concurrent changes of one case', () => {
  test('two agents changing different fields and replying at once lose nothing', async () => {
    const c = await ownedCustomer();
    const k = await openCase(agent.client, c, { subject: 'Before', priority: 'high' });
    const results = await Promise.all([
      agent.client.patch(`/api/v1/cases/${k.id}`, { subject: 'After' }),
      agent2.client.patch(`/api/v1/cases/${k.id}`, { description: 'Both changes must land' }),
      agent.client.post(`/api/v1/cases/${k.id}/messages`, { body: 'On it', public: true }),
      agent2.client.post(`/api/v1/cases/${k.id}/messages`, { body: 'Me too', public: true }),
      agent2.client.post(`/api/v1/cases/${k.id}/messages`, { body: 'A note', public: false }),
    ]);
    for (const r of results) assert.ok(r.status === 200 || r.status === 201, `status ${r.status}: ${JSON.stringify(r.body)}`);
    const now = await read(k.id);
    assert.equal(now.subject, 'After');
    assert.equal(now.description, 'Both changes must land');
    assert.equal(now.status, 'open');
    assert.ok(now.first_responded_at, 'the first public reply is the first response');
    const messages = expectStatus(await viewer.client.get(`/api/v1/cases/${k.id}/messages`), 200).items;
    assert.equal(messages.length, 3);
    const firstPublic = messages.find((m) => m.public);
    assert.equal(norm(now.first_responded_at), norm(firstPublic.created_at));
  });
});
