// Follow-up scenarios on a server whose clock starts at 2026-12-30T08:00:00Z
// (`hearth serve --clock`): the daily `follow-ups` job makes a task for the owner of each
// customer whose birthday or customer-since anniversary falls within `days_before` days —
// across the year boundary, 29 February in common and leap years, never twice for the same
// contact, kind and date, never for contacts without an owner — plus the follow-up settings
// and the jobs API. Jobs run asynchronously: runFollowUps polls GET /jobs until the run is done.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  setup, uniqueEmail, expectStatus, expectProblem, expectFieldErrors, listAll, RFC3339_UTC,
} from './harness.mjs';

const CLOCK = '2026-12-30T08:00:00Z';
const CLOCK_DAY = '2026-12-30';
const JOB_TIMEOUT_MS = 10_000;

let h, owner, agent, manager;
before(async () => {
  h = await setup({ serveArgs: ['--clock', CLOCK] });
  owner = await h.makeUser('agent', { name: 'Owner Olsen' });
  agent = await h.makeUser('agent');
  manager = await h.makeUser('manager');
  await settle();
});
after(async () => { await h?.stop(); });

const DEFAULTS = {
  birthday: { enabled: true, days_before: 7, task_kind: 'card' },
  anniversary: { enabled: true, days_before: 7, task_kind: 'call' },
};

const pause = (ms) => new Promise((resolve) => { setTimeout(resolve, ms); });

async function jobs() {
  return listAll(h.admin, '/api/v1/jobs?kind=follow-ups');
}

/** Waits until no follow-ups job is queued or running (the run the server schedules on start). */
async function settle() {
  const deadline = Date.now() + JOB_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const busy = (await jobs()).filter((j) => j.status === 'running' ||
      (j.status === 'queued' && Date.parse(j.run_at) <= Date.parse(CLOCK) + 60 * 60_000));
    if (busy.length === 0) return;
    await pause(100);
  }
}

/**
 * POST /jobs/run {"kind": "follow-ups", "as_of"?} (`times` requests at once) and poll GET /jobs
 * until that many runs for that day are done (jobs that were not done before). Fails on a
 * failed or retried run.
 */
async function runFollowUps(asOf, times = 1) {
  const day = asOf ?? CLOCK_DAY;
  const doneBefore = new Set((await jobs()).filter((j) => j.status === 'done').map((j) => j.id));
  const body = asOf ? { kind: 'follow-ups', as_of: asOf } : { kind: 'follow-ups' };
  const rs = await Promise.all(Array.from({ length: times }, () => h.admin.post('/api/v1/jobs/run', body)));
  for (const r of rs) assert.ok([200, 201, 202].includes(r.status), `jobs/run accepted: ${r.status} ${r.text}`);
  const ids = rs.map((r) => (r.body && typeof r.body.id === 'string' ? r.body.id : null));
  const deadline = Date.now() + JOB_TIMEOUT_MS;
  for (;;) {
    const all = await jobs();
    const fresh = all.filter((j) => !doneBefore.has(j.id) &&
      (ids.every(Boolean) ? ids.includes(j.id) : j.payload?.as_of === day));
    const bad = fresh.find((j) => j.status === 'failed' || j.last_error);
    if (bad) throw new Error(`follow-ups job for ${day} failed: ${JSON.stringify(bad)}`);
    if (fresh.filter((j) => j.status === 'done').length >= times) return;
    if (Date.now() > deadline) {
      throw new Error(`${times} follow-ups job(s) for ${day} not done within ${JOB_TIMEOUT_MS / 1000} s: ${JSON.stringify(fresh)}`);
    }
    await pause(100);
  }
}

async function customer(body) {
  return expectStatus(await agent.client.post('/api/v1/contacts',
    { kind: 'customer', email: uniqueEmail('fu'), ...body }), 201);
}

async function tasksOf(c) {
  return listAll(h.admin, `/api/v1/tasks?contact_id=${c.id}&archived=all`);
}

async function putSettings(body) {
  return expectStatus(await h.admin.put('/api/v1/settings/follow-ups', body), 200);
}

const due = (t) => new Date(Date.parse(t.due_at)).toISOString();

describe('clock', () => {
  test('--clock starts the server\'s clock at that instant', async () => {
    const c = await customer({ first_name: 'Clock', last_name: 'Check' });
    const created = Date.parse(c.created_at);
    assert.ok(created >= Date.parse(CLOCK) && created < Date.parse(CLOCK) + 10 * 60_000,
              `created_at follows the server clock (${CLOCK}): ${c.created_at}`);
    const t = expectStatus(await agent.client.post('/api/v1/tasks', { title: 'Clocked' }), 201);
    assert.ok(t.created_at.startsWith(CLOCK_DAY), `task created_at: ${t.created_at}`);
  });
});

describe('settings', () => {
  test('defaults; any staff reads', async () => {
    for (const client of [agent.client, manager.client, h.admin]) {
      const s = expectStatus(await client.get('/api/v1/settings/follow-ups'), 200);
      assert.deepEqual(s.birthday, DEFAULTS.birthday);
      assert.deepEqual(s.anniversary, DEFAULTS.anniversary);
    }
  });

  test('admin writes; agent and manager → 403', async () => {
    const s = await putSettings({ ...DEFAULTS, anniversary: { enabled: true, days_before: 10, task_kind: 'gift' } });
    assert.deepEqual(s.anniversary, { enabled: true, days_before: 10, task_kind: 'gift' });
    for (const u of [agent, manager]) {
      expectProblem(await u.client.put('/api/v1/settings/follow-ups', DEFAULTS), 403, 'forbidden');
    }
    assert.equal(expectStatus(await agent.client.get('/api/v1/settings/follow-ups'), 200).anniversary.days_before, 10);
    await putSettings(DEFAULTS);
    assert.deepEqual(expectStatus(await agent.client.get('/api/v1/settings/follow-ups'), 200).anniversary, DEFAULTS.anniversary);
  });

  const invalid = [
    ['days_before 61', { birthday: { enabled: true, days_before: 61, task_kind: 'card' } }, 'birthday.days_before'],
    ['days_before -1', { anniversary: { enabled: true, days_before: -1, task_kind: 'call' } }, 'anniversary.days_before'],
    ['days_before as text', { birthday: { enabled: true, days_before: '7', task_kind: 'card' } }, 'birthday.days_before'],
    ['task_kind not allowed', { anniversary: { enabled: true, days_before: 7, task_kind: 'note' } }, 'anniversary.task_kind'],
    ['task_kind unknown', { birthday: { enabled: true, days_before: 7, task_kind: 'fax' } }, 'birthday.task_kind'],
    ['enabled not a boolean', { birthday: { enabled: 'yes', days_before: 7, task_kind: 'card' } }, 'birthday.enabled'],
    ['unknown rule', { name_day: { enabled: true } }, 'name_day'],
  ];
  for (const [name, body, field] of invalid) {
    test(`invalid: ${name} → 422 ${field}, unchanged`, async () => {
      expectFieldErrors(await h.admin.put('/api/v1/settings/follow-ups', { ...DEFAULTS, ...body }), [field]);
      const s = expectStatus(await h.admin.get('/api/v1/settings/follow-ups'), 200);
      assert.deepEqual(s.birthday, DEFAULTS.birthday);
      assert.deepEqual(s.anniversary, DEFAULTS.anniversary);
    });
  }

  test('days_before 0 and 60 are accepted', async () => {
    await putSettings({ birthday: { enabled: true, days_before: 0, task_kind: 'card' },
                        anniversary: { enabled: true, days_before: 60, task_kind: 'call' } });
    await putSettings(DEFAULTS);
  });
});

describe('birthdays and anniversaries', () => {
  before(async () => { await putSettings(DEFAULTS); });

  test('a birthday across the year boundary: task for the owner on 2027-01-02 at 09:00 UTC', async () => {
    const c = await customer({ first_name: 'Kari', last_name: 'Nordmann', owner_id: owner.id, birthday: '1990-01-02' });
    await runFollowUps(); // as_of defaults to the server's today, 2026-12-30
    const ts = await tasksOf(c);
    assert.equal(ts.length, 1, JSON.stringify(ts));
    const [t] = ts;
    assert.match(t.due_at, RFC3339_UTC);
    assert.equal(due(t), '2027-01-02T09:00:00.000Z');
    assert.equal(t.source, 'birthday');
    assert.equal(t.kind, 'card');
    assert.equal(t.status, 'open');
    assert.equal(t.assignee_id, owner.id);
    assert.equal(t.contact_id, c.id);
    assert.ok(t.title.includes('Kari Nordmann'), `title names the customer: ${t.title}`);
    assert.ok(t.title.includes('2027-01-02'), `title names the day: ${t.title}`);
    assert.match(t.title, /birthday/i);

    const mine = expectStatus(await owner.client.get('/api/v1/tasks/mine'), 200);
    assert.ok(mine.upcoming.some((x) => x.id === t.id), 'on the owner\'s list as upcoming');
    const tl = expectStatus(await h.admin.get(`/api/v1/contacts/${c.id}/timeline?kind=task`), 200);
    assert.deepEqual(tl.items.map((e) => e.ref_id), [t.id]);
  });

  test('a customer-since anniversary: a call task on 2027-01-03', async () => {
    const c = await customer({ first_name: 'Per', last_name: 'Jubileum', owner_id: owner.id, customer_since: '2020-01-03' });
    await runFollowUps(CLOCK_DAY);
    const ts = await tasksOf(c);
    assert.equal(ts.length, 1, JSON.stringify(ts));
    assert.equal(due(ts[0]), '2027-01-03T09:00:00.000Z');
    assert.equal(ts[0].source, 'anniversary');
    assert.equal(ts[0].kind, 'call');
    assert.equal(ts[0].assignee_id, owner.id);
    assert.equal(ts[0].status, 'open');
    assert.ok(ts[0].title.includes('Per Jubileum'), ts[0].title);
  });

  test('birthday and anniversary of one contact are two tasks', async () => {
    const c = await customer({ first_name: 'Dobbel', last_name: 'Dag', owner_id: owner.id,
                               birthday: '1980-01-04', customer_since: '2015-01-05' });
    await runFollowUps(CLOCK_DAY);
    const ts = await tasksOf(c);
    assert.deepEqual(ts.map((t) => [t.source, due(t)]).sort(),
                     [['anniversary', '2027-01-05T09:00:00.000Z'], ['birthday', '2027-01-04T09:00:00.000Z']]);
  });

  test('beyond days_before: no task yet; with days_before 14 it comes', async () => {
    const c = await customer({ first_name: 'Senere', last_name: 'Dato', owner_id: owner.id, birthday: '1990-01-10' });
    await runFollowUps(CLOCK_DAY);
    assert.deepEqual(await tasksOf(c), [], '11 days ahead is beyond 7');
    try {
      await putSettings({ ...DEFAULTS, birthday: { enabled: true, days_before: 14, task_kind: 'gift' } });
      await runFollowUps(CLOCK_DAY);
      const ts = await tasksOf(c);
      assert.equal(ts.length, 1, JSON.stringify(ts));
      assert.equal(due(ts[0]), '2027-01-10T09:00:00.000Z');
      assert.equal(ts[0].kind, 'gift', 'task_kind follows the setting');
    } finally {
      await putSettings(DEFAULTS);
    }
  });

  test('a contact without an owner gets no task; neither does an archived one', async () => {
    const none = await customer({ first_name: 'Uten', last_name: 'Eier', birthday: '1985-01-01' });
    const archived = await customer({ first_name: 'Arkiv', last_name: 'Ert', owner_id: owner.id, birthday: '1985-01-01' });
    expectStatus(await agent.client.del(`/api/v1/contacts/${archived.id}`), 204);
    await runFollowUps(CLOCK_DAY);
    assert.deepEqual(await tasksOf(none), []);
    assert.deepEqual(await tasksOf(archived), []);
  });

  test('a disabled rule makes no tasks', async () => {
    const c = await customer({ first_name: 'Av', last_name: 'Slått', owner_id: owner.id, birthday: '1970-01-01',
                               customer_since: '2010-01-01' });
    try {
      await putSettings({ ...DEFAULTS, birthday: { enabled: false, days_before: 7, task_kind: 'card' } });
      await runFollowUps(CLOCK_DAY);
      assert.deepEqual((await tasksOf(c)).map((t) => t.source), ['anniversary']);
    } finally {
      await putSettings(DEFAULTS);
    }
  });

  test('running again, or on the next day, never makes a second task — even after the first is done', async () => {
    const c = await customer({ first_name: 'Bare', last_name: 'Én', owner_id: owner.id, birthday: '1975-01-01' });
    await runFollowUps(CLOCK_DAY);
    await runFollowUps(CLOCK_DAY);
    await runFollowUps('2026-12-31');
    let ts = await tasksOf(c);
    assert.equal(ts.length, 1, JSON.stringify(ts));
    assert.equal(due(ts[0]), '2027-01-01T09:00:00.000Z');
    expectStatus(await owner.client.post(`/api/v1/tasks/${ts[0].id}/complete`, {}), 200);
    await runFollowUps(CLOCK_DAY);
    ts = await tasksOf(c);
    assert.equal(ts.length, 1, JSON.stringify(ts));
    assert.equal(ts[0].status, 'done');
  });

  test('parallel runs for one day still make one task', async () => {
    const c = await customer({ first_name: 'Sam', last_name: 'Tidig', owner_id: owner.id, birthday: '1966-01-03' });
    await runFollowUps(CLOCK_DAY, 3);
    assert.equal((await tasksOf(c)).length, 1);
  });

  test('29 February: on 28 February in 2027, on 29 February in leap year 2028', async () => {
    const c = await customer({ first_name: 'Skudd', last_name: 'År', owner_id: owner.id, birthday: '1988-02-29' });
    await runFollowUps('2027-02-22');
    let ts = await tasksOf(c);
    assert.deepEqual(ts.map(due), ['2027-02-28T09:00:00.000Z']);
    assert.ok(ts[0].title.includes('2027-02-28'), ts[0].title);
    await runFollowUps('2028-02-24');
    ts = await tasksOf(c);
    assert.deepEqual(ts.map(due).sort(), ['2027-02-28T09:00:00.000Z', '2028-02-29T09:00:00.000Z'],
                     'in a leap year the task is on 29 February, not 28 February');
    assert.ok(ts.every((t) => t.source === 'birthday' && t.assignee_id === owner.id));
  });

  test('a 28 February birthday stays on 28 February in a leap year', async () => {
    const c = await customer({ first_name: 'Før', last_name: 'Skudd', owner_id: owner.id, birthday: '1990-02-28' });
    await runFollowUps('2028-02-24');
    assert.deepEqual((await tasksOf(c)).map(due), ['2028-02-28T09:00:00.000Z']);
  });
});

describe('jobs API', () => {
  test('admin lists jobs with kind, status, payload, attempts, run_at; filters kind and status', async () => {
    await runFollowUps('2027-06-01');
    const all = await jobs();
    assert.ok(all.length > 0);
    for (const j of all) {
      assert.equal(j.kind, 'follow-ups');
      for (const f of ['id', 'kind', 'status', 'payload', 'attempts', 'run_at']) assert.ok(f in j, `job has ${f}: ${JSON.stringify(j)}`);
    }
    const done = await listAll(h.admin, '/api/v1/jobs?kind=follow-ups&status=done');
    assert.ok(done.length > 0 && done.every((j) => j.status === 'done'));
    assert.ok(done.some((j) => j.payload?.as_of === '2027-06-01'));
  });

  test('agent and manager → 403', async () => {
    for (const u of [agent, manager]) {
      expectProblem(await u.client.get('/api/v1/jobs'), 403, 'forbidden');
      expectProblem(await u.client.post('/api/v1/jobs/run', { kind: 'follow-ups' }), 403, 'forbidden');
    }
  });

  test('unknown kind or a bad as_of → 422', async () => {
    expectFieldErrors(await h.admin.post('/api/v1/jobs/run', { kind: 'mine-bitcoin' }), ['kind']);
    expectFieldErrors(await h.admin.post('/api/v1/jobs/run', { kind: 'follow-ups', as_of: '2027-02-29' }), ['as_of']);
    expectFieldErrors(await h.admin.post('/api/v1/jobs/run', {}), ['kind']);
  });
});
