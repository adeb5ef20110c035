// Task scenarios: create with defaults (assignee = caller, status open), validation,
// /tasks/mine split into overdue/today/upcoming (UTC and another time zone), PATCH to done
// sets completed_at, POST /tasks/{id}/complete logging the interaction it produced (linked
// both ways, in one transaction, under contact pressure), and the list filters.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, expectStatus, expectProblem, expectFieldErrors, listAll, countAll, RFC3339_UTC } from './harness.mjs';
import { at, createContact, DAY, ids, sameSet, setPressureCap } from './operational_helpers.mjs';

let h, agent, agent2, viewer;
before(async () => {
  h = await setup({ users: ['agent', 'agent', 'viewer'] });
  [agent, agent2, viewer] = h.users;
});
after(async () => { await h?.stop(); });

const TASK_FIELDS = ['id', 'title', 'kind', 'due_at', 'assignee_id', 'contact_id', 'status', 'notes',
  'completed_at', 'interaction_id', 'source', 'created_by', 'archived_at', 'created_at', 'updated_at', 'version'];

/** YYYY-MM-DD of instant `ms` in time zone `tz`. */
const dateIn = (tz, ms) => new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' })
  .format(new Date(ms));

/** Minutes `tz` is ahead of UTC at instant `ms`. */
function offsetMinutes(tz, ms) {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-US', {
    timeZone: tz, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', second: '2-digit',
  }).formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
  const local = Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour, +parts.minute, +parts.second);
  return Math.round((local - Math.floor(ms / 1000) * 1000) / 60_000);
}

/** The instant the next day starts in `tz`. */
function nextMidnight(tz, ms = Date.now()) {
  const [y, m, d] = dateIn(tz, ms).split('-').map(Number);
  let guess = Date.UTC(y, m - 1, d + 1) - offsetMinutes(tz, ms) * 60_000;
  guess = Date.UTC(y, m - 1, d + 1) - offsetMinutes(tz, guess) * 60_000;
  return guess;
}

const contact = (body = {}) => createContact(agent.client, 'Task', body);

async function task(body, client = agent.client) {
  return expectStatus(await client.post('/api/v1/tasks', body), 201);
}

async function read(id) {
  return expectStatus(await h.admin.get(`/api/v1/tasks/${id}`), 200);
}

const setCap = (max_outbound, window_days) => setPressureCap(h.admin, max_outbound, window_days);

describe('create', () => {
  test('201 with Location, ETag "1" and defaults: assignee = caller, status open', async () => {
    const r = await agent.client.post('/api/v1/tasks', { title: 'Call Kari' });
    const t = expectStatus(r, 201);
    for (const f of TASK_FIELDS) assert.ok(f in t, `task has ${f}: ${JSON.stringify(t)}`);
    assert.equal(typeof t.id, 'string');
    assert.equal(t.title, 'Call Kari');
    assert.equal(t.assignee_id, agent.id);
    assert.equal(t.created_by, agent.id);
    assert.equal(t.status, 'open');
    for (const f of ['due_at', 'contact_id', 'notes', 'completed_at', 'interaction_id', 'source', 'archived_at']) {
      assert.equal(t[f], null, `${f} defaults to null`);
    }
    assert.equal(t.version, 1);
    assert.match(t.created_at, RFC3339_UTC);
    assert.equal(r.headers.get('etag'), '"1"');
    assert.equal(new URL(r.headers.get('location'), h.base).pathname, `/api/v1/tasks/${t.id}`);
    const g = await viewer.client.get(`/api/v1/tasks/${t.id}`);
    assert.deepEqual(expectStatus(g, 200), t);
    assert.equal(g.headers.get('etag'), '"1"');
  });

  test('all given fields are stored', async () => {
    const c = await contact();
    const t = await task({ title: 'Send a card', kind: 'card', due_at: '2030-05-06T07:08:09.120+02:00', assignee_id: agent2.id,
                           contact_id: c.id, notes: 'Birthday next week' });
    assert.equal(t.kind, 'card');
    assert.match(t.due_at, RFC3339_UTC);
    assert.equal(Date.parse(t.due_at), Date.parse('2030-05-06T05:08:09.120Z'));
    assert.equal(t.assignee_id, agent2.id);
    assert.equal(t.created_by, agent.id);
    assert.equal(t.contact_id, c.id);
    assert.equal(t.notes, 'Birthday next week');
    assert.equal(t.status, 'open');
    assert.deepEqual(await read(t.id), t);
  });

  test('every kind is accepted', async () => {
    for (const kind of ['call', 'email', 'card', 'gift', 'meeting', 'note', 'other']) {
      assert.equal((await task({ title: `Kind ${kind}`, kind })).kind, kind);
    }
  });

  test('viewer cannot create → 403; anonymous → 401', async () => {
    expectProblem(await viewer.client.post('/api/v1/tasks', { title: 'Nope' }), 403, 'forbidden');
    const t = await task({ title: 'Mine' });
    expectProblem(await viewer.client.patch(`/api/v1/tasks/${t.id}`, { title: 'x' }), 403, 'forbidden');
    expectProblem(await viewer.client.post(`/api/v1/tasks/${t.id}/complete`, {}), 403, 'forbidden');
    assert.deepEqual(await read(t.id), t);
  });

  test('unknown id → 404', async () => {
    expectProblem(await h.admin.get('/api/v1/tasks/no-such-task'), 404, 'not-found');
    expectProblem(await agent.client.post('/api/v1/tasks/no-such-task/complete', {}), 404, 'not-found');
  });
});

describe('validation → 422 with errors[].field, nothing stored', () => {
  const cases = [
    ['missing title', { kind: 'call' }, 'title'],
    ['empty title', { title: '   ' }, 'title'],
    ['title over 200 chars', { title: 't'.repeat(201) }, 'title'],
    ['unknown kind', { title: 'A', kind: 'fax' }, 'kind'],
    ['unknown status', { title: 'A', status: 'waiting' }, 'status'],
    ['due_at not a time', { title: 'A', due_at: 'tomorrow' }, 'due_at'],
    ['unknown assignee_id', { title: 'A', assignee_id: 'no-such-user' }, 'assignee_id'],
    ['unknown contact_id', { title: 'A', contact_id: 'no-such-contact' }, 'contact_id'],
    ['unknown field', { title: 'A', priority: 'high' }, 'priority'],
  ];
  for (const [name, body, field] of cases) {
    test(name, async () => {
      const n = await countAll(h.admin, 'tasks');
      expectFieldErrors(await agent.client.post('/api/v1/tasks', body), [field]);
      assert.equal(await countAll(h.admin, 'tasks'), n, 'nothing stored');
    });
  }

  test('a deactivated assignee → 422 assignee_id', async () => {
    const gone = await h.makeUser('agent');
    expectStatus(await h.admin.del(`/api/v1/users/${gone.id}`), 204);
    expectFieldErrors(await agent.client.post('/api/v1/tasks', { title: 'Orphan', assignee_id: gone.id }), ['assignee_id']);
  });

  test('PATCH with invalid values → 422, unchanged', async () => {
    const t = await task({ title: 'Keep' });
    expectFieldErrors(await agent.client.patch(`/api/v1/tasks/${t.id}`, { title: null, status: 'later' }), ['title', 'status']);
    assert.deepEqual(await read(t.id), t);
  });
});

describe('/tasks/mine', () => {
  test('overdue, today, upcoming (later or no due date) — only the caller\'s open tasks', async () => {
    const me = await h.makeUser('agent');
    const overdue = await task({ title: 'Overdue', due_at: at(-2 * DAY) }, me.client);
    const now = Date.now();
    const endUtc = nextMidnight('UTC', now);
    const hasRoom = endUtc - now > 10 * 60_000;
    const today = hasRoom ? await task({ title: 'Later today', due_at: new Date(now + (endUtc - now) / 2).toISOString() }, me.client)
      : null;
    const upcoming = await task({ title: 'In three days', due_at: at(3 * DAY) }, me.client);
    const undated = await task({ title: 'Some day' }, me.client);
    const done = await task({ title: 'Done already', due_at: at(-DAY) }, me.client);
    expectStatus(await me.client.patch(`/api/v1/tasks/${done.id}`, { status: 'done' }), 200);
    const cancelled = await task({ title: 'Cancelled', due_at: at(-DAY), status: 'cancelled' }, me.client);
    assert.equal(cancelled.status, 'cancelled');
    const archived = await task({ title: 'Archived', due_at: at(-DAY) }, me.client);
    expectStatus(await me.client.del(`/api/v1/tasks/${archived.id}`), 204);
    await task({ title: 'Someone else\'s', due_at: at(-DAY), assignee_id: agent2.id }, me.client);
    const givenToMe = await task({ title: 'Given to me', due_at: at(4 * DAY), assignee_id: me.id }, agent.client);

    const r = await me.client.get('/api/v1/tasks/mine');
    const body = expectStatus(r, 200);
    for (const k of ['overdue', 'today', 'upcoming']) assert.ok(Array.isArray(body[k]), `${k}[]: ${r.text}`);
    assert.deepEqual(ids(body.overdue), [overdue.id]);
    assert.deepEqual(ids(body.today), today ? [today.id] : []);
    sameSet(ids(body.upcoming), [upcoming.id, undated.id, givenToMe.id]);
    for (const t of [...body.overdue, ...body.today, ...body.upcoming]) {
      assert.equal(t.assignee_id, me.id);
      assert.equal(t.status, 'open');
      for (const f of TASK_FIELDS) assert.ok(f in t, `task in /mine has ${f}`);
    }
  });

  test('tz=Europe/Oslo decides what "today" is', async (t) => {
    const me = await h.makeUser('agent');
    const now = Date.now();
    // Half an hour into the next Oslo day: still today in UTC for most of the UTC day.
    const osloTomorrow = nextMidnight('Europe/Oslo', now) + 30 * 60_000;
    const odd = await task({ title: 'After Oslo midnight', due_at: new Date(osloTomorrow).toISOString() }, me.client);
    const overdue = await task({ title: 'Overdue', due_at: at(-2 * DAY) }, me.client);
    const later = await task({ title: 'Later', due_at: at(5 * DAY) }, me.client);

    const oslo = expectStatus(await me.client.get('/api/v1/tasks/mine?tz=Europe/Oslo'), 200);
    assert.deepEqual(ids(oslo.overdue), [overdue.id]);
    assert.deepEqual(ids(oslo.today), []);
    sameSet(ids(oslo.upcoming), [odd.id, later.id], 'after Oslo midnight is upcoming in Oslo');

    const utc = expectStatus(await me.client.get('/api/v1/tasks/mine'), 200);
    assert.deepEqual(ids(utc.overdue), [overdue.id]);
    if (dateIn('UTC', osloTomorrow) === dateIn('UTC', Date.now())) {
      assert.deepEqual(ids(utc.today), [odd.id], 'the same instant is today in UTC');
      assert.deepEqual(ids(utc.upcoming), [later.id]);
    } else {
      t.diagnostic('late in the UTC day: Oslo midnight already falls on the next UTC day; UTC check skipped');
    }
  });

  test('an unknown time zone → 400 bad-request', async () => {
    expectProblem(await agent.client.get('/api/v1/tasks/mine?tz=Nowhere/Bogus'), 400, 'bad-request');
    expectProblem(await agent.client.get('/api/v1/tasks?due=today&tz=Nowhere/Bogus'), 400, 'bad-request');
  });

  test('viewer may ask for its own list', async () => {
    const body = expectStatus(await viewer.client.get('/api/v1/tasks/mine'), 200);
    assert.deepEqual(body, { overdue: [], today: [], upcoming: [] });
  });
});

describe('status and completion', () => {
  test('PATCH status done sets completed_at; version +1', async () => {
    const t = await task({ title: 'Finish me' });
    const u = expectStatus(await agent.client.patch(`/api/v1/tasks/${t.id}`, { status: 'done' }), 200);
    assert.equal(u.status, 'done');
    assert.match(u.completed_at, RFC3339_UTC);
    assert.ok(Math.abs(Date.parse(u.completed_at) - Date.now()) < 5 * 60_000);
    assert.equal(u.version, 2);
    assert.equal(u.interaction_id, null);
    assert.deepEqual(await read(t.id), u);
  });

  test('stale If-Match → 412 precondition-failed', async () => {
    const t = await task({ title: 'Versioned' });
    expectStatus(await agent.client.patch(`/api/v1/tasks/${t.id}`, { title: 'v2' }), 200);
    const p = expectProblem(await agent.client.patch(`/api/v1/tasks/${t.id}`, { status: 'done' }, { headers: { 'if-match': '"1"' } }),
                            412, 'precondition-failed');
    assert.equal(p.current_version, 2);
    assert.equal((await read(t.id)).status, 'open');
  });

  test('complete with an interaction: task done and linked; the interaction is logged for the task\'s contact', async () => {
    const c = await contact();
    const t = await task({ title: 'Call about renewal', kind: 'call', contact_id: c.id });
    const r = await agent.client.post(`/api/v1/tasks/${t.id}/complete`, {
      interaction: { channel: 'phone', direction: 'outbound', outcome: 'reached', sentiment: 1,
                     subject: 'Renewal', notes: 'Agreed to **renew**' },
    });
    const body = expectStatus(r, 200);
    const { task: done, interaction: i } = body;
    assert.equal(done.id, t.id);
    assert.equal(done.status, 'done');
    assert.match(done.completed_at, RFC3339_UTC);
    assert.equal(typeof i.id, 'string');
    assert.equal(done.interaction_id, i.id);
    assert.equal(i.task_id, t.id);
    assert.equal(i.contact_id, c.id);
    assert.equal(i.user_id, agent.id);
    assert.equal(i.channel, 'phone');
    assert.equal(i.direction, 'outbound');
    assert.equal(i.outcome, 'reached');
    assert.equal(i.sentiment, 1);
    assert.equal(i.subject, 'Renewal');
    assert.equal(i.notes, 'Agreed to **renew**');
    assert.deepEqual(await read(t.id), done);
    assert.deepEqual(expectStatus(await h.admin.get(`/api/v1/interactions/${i.id}`), 200), i);
    const tl = expectStatus(await h.admin.get(`/api/v1/contacts/${c.id}/timeline?kind=interaction`), 200);
    assert.deepEqual(tl.items.map((e) => e.ref_id), [i.id]);
  });

  test('complete without an interaction → 200 with interaction null', async () => {
    const t = await task({ title: 'Quiet completion' });
    const body = expectStatus(await agent.client.post(`/api/v1/tasks/${t.id}/complete`), 200);
    assert.equal(body.task.status, 'done');
    assert.match(body.task.completed_at, RFC3339_UTC);
    assert.equal(body.task.interaction_id, null);
    assert.equal(body.interaction, null);
    const t2 = await task({ title: 'Empty body' });
    const b2 = expectStatus(await agent.client.post(`/api/v1/tasks/${t2.id}/complete`, {}), 200);
    assert.equal(b2.task.status, 'done');
    assert.equal(b2.interaction, null);
  });

  test('completing twice → 409 conflict, nothing changes, no second interaction', async () => {
    const c = await contact();
    const t = await task({ title: 'Once', contact_id: c.id });
    const first = expectStatus(await agent.client.post(`/api/v1/tasks/${t.id}/complete`,
      { interaction: { channel: 'email', direction: 'inbound' } }), 200);
    const again = await agent.client.post(`/api/v1/tasks/${t.id}/complete`,
                                          { interaction: { channel: 'email', direction: 'inbound' } });
    expectProblem(again, 409, ['conflict', 'task-not-open']);
    assert.deepEqual(await read(t.id), first.task);
    assert.deepEqual(ids(await listAll(h.admin, `/api/v1/interactions?contact_id=${c.id}&archived=all`)), [first.interaction.id]);
  });

  test('completing a cancelled task → 409 conflict', async () => {
    const t = await task({ title: 'Dropped', status: 'cancelled' });
    expectProblem(await agent.client.post(`/api/v1/tasks/${t.id}/complete`, {}), 409, ['conflict', 'task-not-open']);
    assert.deepEqual(await read(t.id), t);
  });

  test('an invalid interaction → 422 naming interaction.<field>; the task stays open', async () => {
    const c = await contact();
    const t = await task({ title: 'Bad log', contact_id: c.id });
    expectFieldErrors(await agent.client.post(`/api/v1/tasks/${t.id}/complete`,
      { interaction: { channel: 'pigeon', direction: 'outbound', sentiment: 5 } }),
    ['interaction.channel', 'interaction.sentiment']);
    assert.deepEqual(await read(t.id), t);
    assert.deepEqual(await listAll(h.admin, `/api/v1/interactions?contact_id=${c.id}&archived=all`), []);
  });

  test('an interaction over the contact-pressure cap → 409 and the task stays open (one transaction)', async () => {
    await setCap(1, 7);
    try {
      const c = await contact();
      const earlier = expectStatus(await agent.client.post('/api/v1/interactions',
        { contact_id: c.id, channel: 'email', direction: 'outbound', occurred_at: at(-DAY) }), 201);
      const t = await task({ title: 'Call again', kind: 'call', contact_id: c.id });
      const r = await agent.client.post(`/api/v1/tasks/${t.id}/complete`,
                                        { interaction: { channel: 'phone', direction: 'outbound', outcome: 'reached' } });
      const p = expectProblem(r, 409, 'contact-pressure');
      assert.equal(p.limit, 1);
      assert.equal(p.window_days, 7);
      assert.equal(p.count, 1);
      assert.deepEqual(await read(t.id), t, 'the task is unchanged');
      assert.deepEqual(ids(await listAll(h.admin, `/api/v1/interactions?contact_id=${c.id}&archived=all`)), [earlier.id]);

      // An inbound interaction is not capped; with override_reason an outbound one goes through.
      const ok = expectStatus(await agent.client.post(`/api/v1/tasks/${t.id}/complete`,
        { interaction: { channel: 'phone', direction: 'outbound', override_reason: 'Customer asked for a call' } }), 200);
      assert.equal(ok.task.status, 'done');
      assert.equal(ok.interaction.override_reason, 'Customer asked for a call');
      assert.equal(ok.task.interaction_id, ok.interaction.id);
    } finally {
      await setCap(3, 7);
    }
  });
});

describe('list filters and sort', () => {
  let me, c, overdue, soon, later, undated, done, other;
  before(async () => {
    me = await h.makeUser('agent');
    c = await contact();
    later = await task({ title: 'Later', kind: 'email', due_at: at(9 * DAY) }, me.client);
    undated = await task({ title: 'Undated', kind: 'note' }, me.client);
    overdue = await task({ title: 'Overdue', kind: 'call', due_at: at(-3 * DAY), contact_id: c.id }, me.client);
    soon = await task({ title: 'Soon', kind: 'call', due_at: at(2 * DAY), contact_id: c.id }, me.client);
    done = await task({ title: 'Done', kind: 'call', due_at: at(-5 * DAY) }, me.client);
    expectStatus(await me.client.patch(`/api/v1/tasks/${done.id}`, { status: 'done' }), 200);
    other = await task({ title: 'Not mine', kind: 'call', due_at: at(-3 * DAY), assignee_id: agent2.id, contact_id: c.id },
                       me.client);
  });

  test('assignee_id=me, sorted by due_at with no due date last', async () => {
    const items = await listAll(me.client, '/api/v1/tasks?assignee_id=me');
    assert.deepEqual(ids(items), [done.id, overdue.id, soon.id, later.id, undated.id]);
    assert.deepEqual(ids(await listAll(me.client, `/api/v1/tasks?assignee_id=${me.id}`)), ids(items));
  });

  test('sort=created_at is creation order', async () => {
    assert.deepEqual(ids(await listAll(me.client, '/api/v1/tasks?assignee_id=me&sort=created_at')),
                     [later.id, undated.id, overdue.id, soon.id, done.id]);
  });

  test('due=overdue / today / upcoming with status=open', async () => {
    assert.deepEqual(ids(await listAll(me.client, '/api/v1/tasks?assignee_id=me&status=open&due=overdue')), [overdue.id]);
    assert.deepEqual(ids(await listAll(me.client, '/api/v1/tasks?assignee_id=me&status=open&due=today')), []);
    sameSet(ids(await listAll(me.client, '/api/v1/tasks?assignee_id=me&status=open&due=upcoming')),
            [soon.id, later.id, undated.id]);
    assert.deepEqual(ids(await listAll(me.client, '/api/v1/tasks?assignee_id=me&status=open&due=overdue&tz=Europe/Oslo')),
                     [overdue.id]);
  });

  test('status, kind and contact_id', async () => {
    assert.deepEqual(ids(await listAll(me.client, '/api/v1/tasks?assignee_id=me&status=done')), [done.id]);
    sameSet(ids(await listAll(me.client, '/api/v1/tasks?assignee_id=me&kind=call')), [done.id, overdue.id, soon.id]);
    sameSet(ids(await listAll(me.client, `/api/v1/tasks?contact_id=${c.id}`)), [overdue.id, soon.id, other.id]);
    sameSet(ids(await listAll(me.client, `/api/v1/tasks?contact_id=${c.id}&assignee_id=me`)), [overdue.id, soon.id]);
  });

  test('bad due value, unknown parameter → 400; limit 501 → 422', async () => {
    expectProblem(await me.client.get('/api/v1/tasks?due=someday'), 400, 'bad-request');
    expectProblem(await me.client.get('/api/v1/tasks?assignee=me'), 400, 'bad-request');
    expectProblem(await me.client.get('/api/v1/tasks?limit=501'), 422, 'limit-too-large');
  });

  test('archived tasks leave the list unless archived=true', async () => {
    const t = await task({ title: 'Archive me' }, me.client);
    expectStatus(await me.client.del(`/api/v1/tasks/${t.id}`), 204);
    assert.ok(!ids(await listAll(me.client, '/api/v1/tasks?assignee_id=me')).includes(t.id));
    assert.deepEqual(ids(await listAll(me.client, '/api/v1/tasks?assignee_id=me&archived=true')), [t.id]);
    assert.match((await read(t.id)).archived_at, RFC3339_UTC);
  });
});
