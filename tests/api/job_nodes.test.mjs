// Two `hearth serve` processes on one database share the job queue: every queued job runs
// exactly once (one attempt, done), and the work the jobs do is never doubled — the
// follow-up tasks of many runs for overlapping days exist once each. On PostgreSQL the
// runners claim with FOR UPDATE SKIP LOCKED; on SQLite the single writer serialises claims.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  setup, startServer, login, api, uniqueEmail, expectStatus, listAll, ADMIN_EMAIL, ADMIN_PASSWORD,
} from './harness.mjs';

const CLOCK = '2026-12-30T08:00:00Z';
let a, b, bAdmin;

before(async () => {
  a = await setup({ serveArgs: ['--clock', CLOCK], keepDb: true });
  const other = await startServer({ db: a.db, serveArgs: ['--clock', CLOCK] });
  b = other;
  bAdmin = api(b.base, await login(b.base, ADMIN_EMAIL, ADMIN_PASSWORD));
});
after(async () => {
  await b?.stop();
  await a?.stop();
  await a?.dropDb();
});

const pause = (ms) => new Promise((resolve) => { setTimeout(resolve, ms); });

test('jobs queued on both servers each run once, and their tasks are never doubled', async () => {
  const owner = await a.makeUser('agent', { name: 'Node Owner' });
  const contacts = [];
  for (let day = 1; day <= 12; day += 1) {
    contacts.push(expectStatus(await a.admin.post('/api/v1/contacts', {
      first_name: `Node${day}`, email: uniqueEmail('node'), kind: 'customer', owner_id: owner.id,
      birthday: `1980-01-${String(day).padStart(2, '0')}`,
    }), 201));
  }
  // 24 runs for overlapping windows (each covers as_of … as_of + 7 days), queued on both nodes.
  const days = ['2026-12-26', '2026-12-27', '2026-12-28', '2026-12-29', '2026-12-30', '2026-12-31',
                '2027-01-01', '2027-01-02', '2027-01-03', '2027-01-04', '2027-01-05', '2027-01-06'];
  await Promise.all(days.flatMap((as_of) => [
    a.admin.post('/api/v1/jobs/run', { kind: 'follow-ups', as_of }).then((r) => expectStatus(r, 202)),
    bAdmin.post('/api/v1/jobs/run', { kind: 'follow-ups', as_of }).then((r) => expectStatus(r, 202)),
  ]));
  let all = [];
  for (let i = 0; i < 100; i += 1) {
    all = await listAll(a.admin, '/api/v1/jobs?kind=follow-ups');
    if (all.length >= 24 && all.every((j) => j.status === 'done' || j.status === 'failed')) break;
    await pause(200);
  }
  const queued = all.filter((j) => j.unique_key === null);
  assert.equal(queued.length, 24, 'every queued run is in the queue');
  for (const j of all) {
    assert.equal(j.status, 'done', `job ${j.id} (${JSON.stringify(j.payload)}) is ${j.status}: ${j.last_error}`);
    assert.equal(j.attempts, 1, `job ${j.id} ran ${j.attempts} times`);
    assert.ok(j.runner, 'a done job names its runner');
  }
  // Birthdays 1–12 January fall in the windows: one task per contact, however many runs saw it.
  for (const c of contacts) {
    const tasks = await listAll(a.admin, `/api/v1/tasks?contact_id=${c.id}`);
    assert.equal(tasks.length, 1, `${c.first_name} has ${tasks.length} follow-up tasks`);
    assert.equal(tasks[0].source, 'birthday');
  }
});
