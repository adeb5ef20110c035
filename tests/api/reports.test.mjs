// The service report (GET /api/v1/reports/service, manager+) and the weekly digest
// (/api/v1/reports/digests), on a desk whose history is made over four server runs on one
// database, each with a later `--clock`:
//
//   S1 Thu 2026-11-26 09:00Z  cases opened back-dated (opened_at) with known kinds, channels,
//                             priorities and owners; answered (first public message) and some
//                             resolved or put on hold at once
//   S2 Fri 2026-11-27 07:30Z  the sla-timer jobs breach what ran out overnight; resolutions;
//                             a case on hold comes back and is resolved (its pause excluded);
//                             a resolved case is reopened (its resolution no longer counts)
//   S3 Sat 2026-11-28 12:00Z  more breaches by timer, a resolution, a case closed, a new case;
//                             outgoing mail set up (an SMTP sink)
//   F  Mon 2026-11-30 09:00Z  the reports: the default (28 days to today by week), by day and
//                             month, other ranges; CSV; errors; the digest (the service-digest
//                             job of that Monday, and runs of the job by hand) and its email to
//                             the managers; the cache never answers stale after a case changes,
//                             also when a second server on the database made the change; two
//                             servers running one week's digest at once make one.
//
// SLA policies (escalation never raises the priority here, so priorities stay as opened):
//   normal (every kind): around the clock (ALWAYS_OPEN), first response 60, resolution 1440
//   high:                around the clock, first response 30, resolution 240
//   low:                 UTC office hours Mon–Fri 10:00–18:00, first response 600, resolution 2400
//   urgent:              none (no clocks; minutes are wall-clock minutes)
// Around the clock, business minutes are wall minutes, and each run does its work within
// seconds of its clock, so the minutes the server computes are exact. The case on hold (low)
// is paused and resumed outside office hours, so its paused minutes are exact too.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  setup, expectStatus, expectProblem, expectFieldErrors, listAll, uniqueEmail, startServer, login, api,
  ADMIN_EMAIL, ADMIN_PASSWORD, parseCsv,
} from './harness.mjs';
import { ALWAYS_OPEN, MINUTE, HOUR, serveAt, waitFor, pause } from './service_helpers.mjs';
import { startSmtpServer } from './mail_servers.mjs';

const S1 = '2026-11-26T09:00:00.000Z';
const S2 = '2026-11-27T07:30:00.000Z';
const S3 = '2026-11-28T12:00:00.000Z';
const F = '2026-11-30T09:00:00.000Z';
const TODAY = F.slice(0, 10);

const UTC_OFFICE = Object.freeze({
  tz: 'UTC',
  week: { mon: [['10:00', '18:00']], tue: [['10:00', '18:00']], wed: [['10:00', '18:00']], thu: [['10:00', '18:00']],
          fri: [['10:00', '18:00']], sat: [], sun: [] },
});

// ---------------------------------------------------------------------------------------
// The cases, and what is true of each on Monday 30 November (the model the reports are
// checked against). contact: K1 Ada Lovelace, K2 "=1+1 Formel" (a formula-like name), K3
// Per Hansen, "jr" (a comma and quotes for the CSV), K4 Eva Berg. owner: ann, bob (agents), mia (manager), null (unassigned).
// fr/res: business minutes to first response / resolution (null: none, or reopened);
// responded/resolved: the day it happened; frB/resB: the clocks that breached.
const CASES = [
  { key: 'c01', contact: 'K3', opened: '2026-11-02T23:59:00Z', kind: 'complaint', channel: 'phone', priority: 'normal',
    owner: 'ann', status: 'new', frB: true, resB: true },
  { key: 'c02', contact: 'K4', opened: '2026-11-03T00:00:00Z', kind: 'question', channel: 'email', priority: 'urgent',
    owner: 'bob', status: 'new' },
  { key: 'c03', contact: 'K1', opened: '2026-11-10T12:00:00Z', kind: 'complaint', channel: 'social', priority: 'low',
    owner: 'ann', status: 'pending', frB: true, resB: true },
  { key: 'c04', contact: 'K1', opened: '2026-11-18T15:00:00Z', kind: 'complaint', channel: 'email', priority: 'high',
    owner: 'mia', status: 'open', frB: true, resB: true, openAs: 'open' },
  { key: 'c05', contact: 'K2', opened: '2026-11-24T10:00:00Z', kind: 'complaint', channel: 'chat', priority: 'normal',
    owner: 'bob', status: 'new', frB: true, resB: true },
  { key: 'c06', contact: 'K3', opened: '2026-11-24T11:00:00Z', kind: 'complaint', channel: 'visit', priority: 'low',
    owner: null, status: 'new', frB: true },
  { key: 'f10', contact: 'K4', opened: '2026-11-26T08:50:00Z', kind: 'question', channel: 'chat', priority: 'normal',
    owner: 'ann', status: 'resolved', fr: 10, responded: '2026-11-26', res: 1360, resolved: '2026-11-27' },
  { key: 'f20', contact: 'K1', opened: '2026-11-26T08:40:00Z', kind: 'request', channel: 'portal', priority: 'high',
    owner: 'bob', status: 'resolved', fr: 20, responded: '2026-11-26', res: 3080, resolved: '2026-11-28', resB: true },
  { key: 'f45', contact: 'K1', opened: '2026-11-26T08:15:00Z', kind: 'complaint', channel: 'email', priority: 'high',
    owner: 'ann', status: 'open', fr: 45, responded: '2026-11-26', frB: true, resB: true },
  { key: 'f90', contact: 'K2', opened: '2026-11-26T07:30:00Z', kind: 'incident', channel: 'phone', priority: 'normal',
    owner: 'mia', status: 'pending', fr: 90, responded: '2026-11-26', frB: true },
  { key: 'f200', contact: 'K4', opened: '2026-11-26T05:40:00Z', kind: 'question', channel: 'web', priority: 'urgent',
    owner: 'bob', status: 'open', fr: 200, responded: '2026-11-26' },
  { key: 'f1500', contact: 'K2', opened: '2026-11-25T08:00:00Z', kind: 'complaint', channel: 'email', priority: 'normal',
    owner: 'ann', status: 'closed', fr: 1500, responded: '2026-11-26', res: 1500, resolved: '2026-11-26', frB: true,
    resB: true },
  { key: 'rq', contact: 'K3', opened: '2026-11-26T08:55:00Z', kind: 'question', channel: 'phone', priority: 'normal',
    owner: 'mia', status: 'resolved', res: 5, resolved: '2026-11-26' },
  { key: 'rp', contact: 'K3', opened: '2026-11-25T10:00:00Z', kind: 'request', channel: 'letter', priority: 'low',
    owner: 'mia', status: 'resolved', res: 480, resolved: '2026-11-27' },
  { key: 'ro', contact: 'K4', opened: '2026-11-26T08:30:00Z', kind: 'question', channel: 'web', priority: 'normal',
    owner: null, status: 'open', frB: true, resB: true },
  { key: 's3c', contact: 'K4', opened: '2026-11-28T11:00:00Z', kind: 'question', channel: 'other', priority: 'urgent',
    owner: 'bob', status: 'new' },
];
// Archived on Thursday: in no figure.
const ARCHIVED = { key: 'arch', contact: 'K2', opened: '2026-11-24T09:00:00Z', kind: 'complaint', channel: 'chat',
                   priority: 'normal', owner: 'bob' };
const WITH_POLICY = new Set(['normal', 'high', 'low']);
const OPEN_STATUSES = ['new', 'open', 'pending'];

// ---------------------------------------------------------------------------------------
// The model: what the report should say for a range, computed from CASES.

const DAY = 24 * HOUR;
const dateOf = (iso) => new Date(Date.parse(iso)).toISOString().slice(0, 10);
const addDays = (date, n) => new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
function periodOf(date, bucket) {
  if (bucket === 'day') return date;
  if (bucket === 'month') return `${date.slice(0, 8)}01`;
  const weekday = (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;  // Monday 0
  return addDays(date, -weekday);
}
const inRange = (date, from, to) => date >= from && date <= to;
const nearestRank = (sorted, p) => (sorted.length === 0 ? null : sorted[Math.max(1, Math.ceil(p * sorted.length)) - 1]);
function durations(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return { count: sorted.length, median_minutes: nearestRank(sorted, 0.5), p90_minutes: nearestRank(sorted, 0.9) };
}
const dropZeros = (o) => Object.fromEntries(Object.entries(o).filter(([, n]) => n !== 0));

function expectedVolumes(cases, from, to, bucket) {
  const periods = new Map();
  for (let d = from; d <= to; d = addDays(d, 1)) {
    const key = periodOf(d, bucket);
    if (!periods.has(key)) periods.set(key, { period: key, total: 0, by_kind: {}, by_channel: {}, by_priority: {} });
  }
  for (const c of cases) {
    const d = dateOf(c.opened);
    if (!inRange(d, from, to)) continue;
    const p = periods.get(periodOf(d, bucket));
    p.total += 1;
    for (const [dim, value] of [['by_kind', c.kind], ['by_channel', c.channel], ['by_priority', c.priority]]) {
      p[dim][value] = (p[dim][value] ?? 0) + 1;
    }
  }
  return [...periods.values()];
}

function expectedSla(cases, from, to) {
  const counted = cases.filter((c) => inRange(dateOf(c.opened), from, to) && WITH_POLICY.has(c.priority));
  const breached = counted.filter((c) => c.frB || c.resB).length;
  return {
    cases: counted.length,
    met: counted.length - breached,
    breached,
    compliance_percent: counted.length === 0 ? null
      : Math.round((1000 * (counted.length - breached)) / counted.length) / 10,
    first_response_breached: counted.filter((c) => c.frB).length,
    resolution_breached: counted.filter((c) => c.resB).length,
  };
}

function expectedBacklog(cases, now) {
  const open = cases.filter((c) => OPEN_STATUSES.includes(c.status));
  const age = (c) => Date.parse(now) - Date.parse(c.opened);
  return {
    open: open.length,
    by_status: Object.fromEntries(OPEN_STATUSES.map((s) => [s, open.filter((c) => c.status === s).length])),
    by_age: {
      under_1_day: open.filter((c) => age(c) <= DAY).length,
      days_1_to_3: open.filter((c) => age(c) > DAY && age(c) <= 3 * DAY).length,
      days_3_to_7: open.filter((c) => age(c) > 3 * DAY && age(c) <= 7 * DAY).length,
      over_7_days: open.filter((c) => age(c) > 7 * DAY).length,
    },
    oldest_opened_at: open.length === 0 ? null
      : new Date(Math.min(...open.map((c) => Date.parse(c.opened)))).toISOString(),
  };
}

function expectedAgents(cases, from, to, people) {
  const rows = new Map();
  const row = (owner) => {
    if (!rows.has(owner)) {
      rows.set(owner, { user_id: people[owner].id, name: people[owner].user.name, open: 0, assigned: 0, resolved: 0,
                        breached: 0 });
    }
    return rows.get(owner);
  };
  for (const c of cases.filter((x) => x.owner)) {
    if (OPEN_STATUSES.includes(c.status)) row(c.owner).open += 1;
    if (inRange(dateOf(c.opened), from, to)) {
      const r = row(c.owner);
      r.assigned += 1;
      if (c.resolved) r.resolved += 1;
      if (c.frB || c.resB) r.breached += 1;
    }
  }
  return [...rows.values()].sort((a, b) => b.open - a.open);
}

function expectedRepeats(cases, from, to, contacts) {
  const counts = new Map();
  for (const c of cases) {
    if (c.kind === 'complaint' && inRange(dateOf(c.opened), from, to)) counts.set(c.contact, (counts.get(c.contact) ?? 0) + 1);
  }
  return [...counts].filter(([, n]) => n >= 2)
    .map(([k, n]) => ({ contact_id: contacts[k].id, name: contacts[k].name, complaints: n }))
    .sort((a, b) => b.complaints - a.complaints || (a.contact_id < b.contact_id ? -1 : 1));
}

function expectedReport(cases, { from, to, bucket }, people, contacts, now) {
  const responded = cases.filter((c) => c.fr !== undefined && inRange(c.responded, from, to)).map((c) => c.fr);
  const resolved = cases.filter((c) => c.res !== undefined && inRange(c.resolved, from, to)).map((c) => c.res);
  return {
    from, to, bucket,
    volumes: expectedVolumes(cases, from, to, bucket),
    first_response: durations(responded),
    resolution: durations(resolved),
    sla: expectedSla(cases, from, to),
    backlog: expectedBacklog(cases, now),
    agents: expectedAgents(cases, from, to, people),
    repeat_complaints: expectedRepeats(cases, from, to, contacts),
  };
}

/** The report without generated_at, with zero counts left out of by_kind/by_channel/by_priority. */
function comparable(report) {
  const { generated_at: _ignored, ...rest } = report;
  return {
    ...rest,
    volumes: rest.volumes.map((p) => ({ ...p, by_kind: dropZeros(p.by_kind), by_channel: dropZeros(p.by_channel),
                                        by_priority: dropZeros(p.by_priority) })),
  };
}

// ---------------------------------------------------------------------------------------
// CSV

const cellText = (v) => (v === null ? '' : String(v));
const formulaSafe = (s) => (/^[=+\-@]/.test(s) ? `'${s}` : s);
/** The rows the CSV should hold for a JSON report: section,period,dimension,key,value. */
function csvRows(r) {
  const rows = [];
  for (const p of r.volumes) {
    rows.push(['volumes', p.period, 'total', '', cellText(p.total)]);
    for (const dim of ['kind', 'channel', 'priority']) {
      for (const [k, n] of Object.entries(p[`by_${dim}`])) rows.push(['volumes', p.period, dim, k, cellText(n)]);
    }
  }
  for (const s of ['first_response', 'resolution', 'sla']) {
    for (const [k, v] of Object.entries(r[s])) rows.push([s, '', '', k, cellText(v)]);
  }
  rows.push(['backlog', '', '', 'open', cellText(r.backlog.open)]);
  for (const [k, v] of Object.entries(r.backlog.by_status)) rows.push(['backlog', '', 'status', k, cellText(v)]);
  for (const [k, v] of Object.entries(r.backlog.by_age)) rows.push(['backlog', '', 'age', k, cellText(v)]);
  rows.push(['backlog', '', '', 'oldest_opened_at', cellText(r.backlog.oldest_opened_at)]);
  for (const a of r.agents) {
    for (const k of ['open', 'assigned', 'resolved', 'breached']) rows.push(['agents', '', a.name, k, cellText(a[k])]);
  }
  for (const c of r.repeat_complaints) rows.push(['repeat_complaints', '', c.name, c.contact_id, cellText(c.complaints)]);
  return rows.map((x) => x.map(formulaSafe));
}
// Dimension names may be written "kind" or "by_kind"; rows in any order; numbers compared as
// numbers here (how a decimal is written is checked on its own).
const numeric = (cell) => (/^-?[\d.]+(E-?\d+)?$/i.test(cell) && !/^\d{4}-/.test(cell) ? String(Number(cell)) : cell);
const rowKey = (x) => x.map((cell, i) => (i === 2 ? cell.replace(/^by_/, '') : i === 4 ? numeric(cell) : cell))
  .join('\u0001');
const sortedRows = (rows) => rows.map(rowKey).sort();

// ---------------------------------------------------------------------------------------

describe('service report and weekly digest over a month of cases', () => {
  let first, current, sessionClock, sessionStarted, smtp;
  const people = {};    // ann, bob, mia, max → makeUser results
  const contacts = {};  // K1..K4 → {id, name}
  const ids = {};       // case key → id
  const client = (who) => current.clients.get(people[who].id);

  before(async () => {
    smtp = await startSmtpServer();
    sessionStarted = Date.now();
    sessionClock = S1;
    first = await setup({ serveArgs: ['--clock', S1], keepDb: true });
    people.ann = await first.makeUser('agent', { name: 'Ann Agent' });
    people.bob = await first.makeUser('agent', { name: 'Bob Agent' });
    people.mia = await first.makeUser('manager', { name: 'Mia Manager' });
    people.max = await first.makeUser('manager', { name: 'Max Manager' });
    current = { server: first, admin: first.admin,
                clients: new Map(Object.values(people).map((u) => [u.id, u.client])) };
  });
  after(async () => {
    if (current?.server !== first) await current?.server.stop();
    await first?.stop();
    await first?.dropDb();
    await smtp?.stop();
  });

  /** The server's clock now (an upper bound: it started a little after sessionStarted). */
  const serverNow = () => Date.parse(sessionClock) + (Date.now() - sessionStarted);

  async function restartAt(clock) {
    await current.server.stop();
    sessionStarted = Date.now();
    sessionClock = clock;
    current = await serveAt(first.db, clock, Object.values(people));
  }

  /** Waits until every sla-timer job due by now has run (none failed). */
  async function settleTimers() {
    await waitFor(async () => {
      const jobs = await listAll(current.admin, '/api/v1/jobs?kind=sla-timer');
      const failed = jobs.filter((j) => j.status === 'failed' || j.last_error);
      assert.deepEqual(failed, [], 'no sla-timer job failed');
      const now = serverNow() + 1000;
      return jobs.filter((j) => j.status === 'running' || (j.status === 'queued' && Date.parse(j.run_at) <= now));
    }, (due) => due.length === 0, { what: 'sla timers due by now have run' });
  }

  /** Waits until no job of `kind` is queued to run by now or running. */
  async function settleJobs(kind) {
    return waitFor(async () => listAll(current.admin, `/api/v1/jobs?kind=${kind}`),
                   (jobs) => !jobs.some((j) => j.status === 'running' ||
                                              (j.status === 'queued' && Date.parse(j.run_at) <= serverNow() + 1000)),
                   { what: `${kind} jobs done` });
  }

  const get = async (key) => expectStatus(await current.admin.get(`/api/v1/cases/${ids[key]}`), 200);
  const patch = async (key, body) => expectStatus(await current.admin.patch(`/api/v1/cases/${ids[key]}`, body), 200);
  async function answer(key) {
    const r = await current.admin.post(`/api/v1/cases/${ids[key]}/messages`, { body: 'We are on it.', public: true });
    return expectStatus(r, 201).case;
  }
  const report = async (query = '', as = current.admin) =>
    as.get(`/api/v1/reports/service${query ? `?${query}` : ''}`);
  const modelAt = (range, now = F, cases = CASES) => expectedReport(cases, range, people, contacts, now);

  test('S1 Thu 26 Nov 09:00: cases opened back-dated, first responses, resolutions and a hold', async () => {
    const admin = current.admin;
    const esc = expectStatus(await admin.put('/api/v1/settings/escalation', { breach: { raise_priority: false } }), 200);
    assert.equal(esc.breach.raise_priority, false);
    for (const [priority, fr, res, hours] of [['normal', 60, 1440, ALWAYS_OPEN], ['high', 30, 240, ALWAYS_OPEN],
                                              ['low', 600, 2400, UTC_OFFICE]]) {
      expectStatus(await client('mia').post('/api/v1/sla-policies', {
        name: `${priority} desk`, priority, first_response_minutes: fr, resolution_minutes: res, business_hours: hours,
      }), 201);
    }
    for (const [key, first_name, last_name] of [['K1', 'Ada', 'Lovelace'], ['K2', '=1+1', 'Formel'],
                                                ['K3', 'Per', 'Hansen, "jr"'], ['K4', 'Eva', 'Berg']]) {
      const c = expectStatus(await admin.post('/api/v1/contacts', {
        first_name, last_name, email: uniqueEmail('kunde'), kind: 'customer',
      }), 201);
      assert.equal(c.owner_id, null, 'no owner: cases without owner_id stay unassigned (no service team)');
      contacts[key] = { id: c.id, name: `${first_name} ${last_name}` };
    }
    for (const c of [...CASES.filter((x) => x.key !== 's3c'), ARCHIVED]) {
      const body = { contact_id: contacts[c.contact].id, subject: `Case ${c.key}`, opened_at: c.opened, kind: c.kind,
                     channel: c.channel, priority: c.priority };
      if (c.owner) body.owner_id = people[c.owner].id;
      if (c.openAs) body.status = c.openAs;
      const k = expectStatus(await admin.post('/api/v1/cases', body), 201);
      ids[c.key] = k.id;
      assert.equal(k.opened_at, new Date(c.opened).toISOString());
      assert.equal(k.owner_id, c.owner ? people[c.owner].id : null, `${c.key} owner`);
      assert.equal(k.priority, c.priority);
      assert.equal(k.sla_policy_id === null, !WITH_POLICY.has(c.priority), `${c.key} has a policy iff not urgent`);
    }
    expectStatus(await admin.del(`/api/v1/cases/${ids.arch}`), 204);

    // Breached at once when logged after their due time.
    for (const key of ['c01', 'c03', 'c04', 'c05', 'c06', 'f45', 'f90', 'f1500']) {
      assert.equal((await get(key)).first_response_breached, true, `${key} first response breached at opening`);
    }
    for (const key of ['c01', 'c03', 'c04', 'c05', 'f1500']) {
      assert.equal((await get(key)).resolution_breached, true, `${key} resolution breached at opening`);
    }
    for (const key of ['f10', 'f20', 'rq', 'ro', 'rp']) assert.equal((await get(key)).first_response_breached, false, key);

    // First responses now: minutes from the (back-dated) opening.
    for (const c of CASES.filter((x) => x.fr !== undefined)) {
      const k = await answer(c.key);
      assert.equal(k.first_response_minutes, c.fr, `${c.key} first_response_minutes`);
      assert.equal(k.status, 'open');
    }
    const f1500 = await patch('f1500', { status: 'resolved' });
    assert.equal(f1500.resolution_minutes, 1500);
    assert.equal((await patch('rq', { status: 'resolved' })).resolution_minutes, 5);
    assert.equal((await patch('ro', { status: 'resolved' })).resolution_minutes, 30);
    for (const key of ['f90', 'rp', 'c03']) assert.equal((await patch(key, { status: 'pending' })).status, 'pending');
    await settleTimers();
  });

  test('S2 Fri 27 Nov 07:30: overnight breaches by timer; a resolution; the hold excluded; a reopened case', async () => {
    await restartAt(S2);
    await settleTimers();
    const f20 = await get('f20');
    assert.equal(f20.resolution_breached, true, 'f20 (high, due 12:40 on Thursday) breached overnight');
    assert.equal(f20.first_response_breached, false);
    assert.equal((await get('f45')).resolution_breached, true);
    const f90 = await get('f90');
    assert.equal(f90.resolution_breached, false, 'a pending case\'s clock stood still');

    const f10 = await patch('f10', { status: 'resolved' });
    assert.equal(f10.resolution_minutes, 1360);
    assert.equal(f10.resolution_breached, false);

    // rp: opened Wed 10:00 (office hours 10–18 UTC), on hold from Thu 09:00 to Fri 07:30 (both
    // outside office hours: 480 business minutes on hold); resolved now: 960 − 480.
    const back = await patch('rp', { status: 'open' });
    assert.equal(back.sla_paused_at, null);
    const rp = await patch('rp', { status: 'resolved' });
    assert.equal(rp.resolution_minutes, 480, 'the business minutes on hold are not counted');
    assert.equal(rp.first_response_breached, false);
    assert.equal(rp.resolution_breached, false);

    const ro = await patch('ro', { status: 'open' });
    assert.equal(ro.resolved_at, null);
    assert.equal(ro.resolution_minutes, null);
    await settleTimers();
  });

  test('S3 Sat 28 Nov 12:00: the reopened case breaches; a resolution; a case closed; a new case; outgoing mail set up', async () => {
    await restartAt(S3);
    await settleTimers();
    const ro = await get('ro');
    assert.equal(ro.first_response_breached, true);
    assert.equal(ro.resolution_breached, true);
    assert.equal((await patch('f20', { status: 'resolved' })).resolution_minutes, 3080);
    const closed = await patch('f1500', { status: 'closed' });
    assert.equal(closed.resolution_minutes, 1500, 'closing a resolved case keeps its resolution');
    const s3c = CASES.find((c) => c.key === 's3c');
    const k = expectStatus(await current.admin.post('/api/v1/cases', {
      contact_id: contacts[s3c.contact].id, subject: 'Case s3c', opened_at: s3c.opened, kind: s3c.kind,
      channel: s3c.channel, priority: s3c.priority, owner_id: people.bob.id,
    }), 201);
    ids.s3c = k.id;
    await settleTimers();
    expectStatus(await current.admin.put('/api/v1/settings/mailbox', {
      smtp_url: smtp.url, from_address: 'desk@example.com', from_name: 'Service desk',
    }), 200);

    // Every case is where the model says.
    for (const c of CASES) {
      const x = await get(c.key);
      assert.equal(x.status, c.status, `${c.key} status`);
      assert.equal(x.first_response_breached, Boolean(c.frB), `${c.key} first_response_breached`);
      assert.equal(x.resolution_breached, Boolean(c.resB), `${c.key} resolution_breached`);
      assert.equal(x.first_response_minutes, c.fr ?? null, `${c.key} first_response_minutes`);
      assert.equal(x.resolution_minutes, c.res ?? null, `${c.key} resolution_minutes`);
      assert.equal(x.kind, c.kind);
      assert.equal(x.priority, c.priority);
    }
  });

  // ---------------------------------------------------------------- Monday 30 November

  test('F Mon 30 Nov 09:00: the service-digest job of the day stores last week\'s report by day', async () => {
    await restartAt(F);
    await settleTimers();
    const digests = await waitFor(async () => listAll(client('mia'), '/api/v1/reports/digests'),
                                  (items) => items.some((d) => d.period_start === '2026-11-23'),
                                  { what: 'the digest of 23–29 November' });
    assert.equal(digests.length, 1, JSON.stringify(digests));
    const d = digests[0];
    assert.equal(d.period_start, '2026-11-23', 'Monday a week before');
    assert.equal(d.period_end, '2026-11-29', 'the Sunday before');
    assert.equal(typeof d.kind, 'string');
    assert.match(d.created_at, /^2026-11-30T09:/);
    assert.equal(d.data, undefined, 'the list leaves the data out');
    for (const re of [/opened\D*\b12\b/i, /first response[^\n]*\b45\b[^\n]*\b1500\b/i,
                      /resolution[^\n]*\b1360\b[^\n]*\b3080\b/i, /\b30(\.0)?\s?%/, /\b7\b[^\n]*\b10\b/,
                      /backlog[^\n]*\b11\b/i]) {
      assert.match(d.summary, re, `the summary mentions the figures:\n${d.summary}`);
    }

    const one = expectStatus(await client('mia').get(`/api/v1/reports/digests/${d.id}`), 200);
    assert.equal(one.id, d.id);
    assert.equal(one.summary, d.summary);
    const range = { from: '2026-11-23', to: '2026-11-29', bucket: 'day' };
    assert.deepEqual(comparable(one.data), comparable({ ...modelAt(range), generated_at: '' }),
                     'the digest holds the report of the week by day');
    const live = expectStatus(await report('from=2026-11-23&to=2026-11-29&bucket=day', client('mia')), 200);
    const { generated_at: _a, ...stored } = one.data;
    const { generated_at: _b, ...now } = live;
    assert.deepEqual(stored, now, 'the same as GET /reports/service for that week by day');
    assert.deepEqual(one.data.volumes.map((p) => [p.period, p.total]),
                     [['2026-11-23', 0], ['2026-11-24', 2], ['2026-11-25', 2], ['2026-11-26', 7], ['2026-11-27', 0],
                      ['2026-11-28', 1], ['2026-11-29', 0]]);
  });

  test('the default report (to today, from 27 days before, by week) holds exactly the month\'s figures', async () => {
    const r = await report('', client('mia'));
    const body = expectStatus(r, 200);
    assert.equal(body.from, '2026-11-03');
    assert.equal(body.to, TODAY);
    assert.equal(body.bucket, 'week');
    assert.match(body.generated_at, /^2026-11-30T09:/);
    // Written out for the reader; the model below agrees.
    assert.deepEqual(body.volumes.map((p) => [p.period, p.total]),
                     [['2026-11-02', 1], ['2026-11-09', 1], ['2026-11-16', 1], ['2026-11-23', 12], ['2026-11-30', 0]]);
    const week = body.volumes.find((p) => p.period === '2026-11-23');
    assert.deepEqual(dropZeros(week.by_kind), { complaint: 4, question: 5, request: 2, incident: 1 });
    assert.deepEqual(dropZeros(week.by_channel), { chat: 2, visit: 1, portal: 1, email: 2, phone: 2, web: 2, letter: 1,
                                                   other: 1 });
    assert.deepEqual(dropZeros(week.by_priority), { normal: 6, low: 2, high: 2, urgent: 2 });
    assert.deepEqual(body.first_response, { count: 6, median_minutes: 45, p90_minutes: 1500 });
    assert.deepEqual(body.resolution, { count: 5, median_minutes: 1360, p90_minutes: 3080 });
    assert.deepEqual(body.sla, { cases: 12, met: 3, breached: 9, compliance_percent: 25, first_response_breached: 8,
                                 resolution_breached: 7 });
    assert.match(r.text, /"compliance_percent":25[,}]/, 'a whole number is written as one');
    assert.deepEqual(body.backlog, {
      open: 11, by_status: { new: 5, open: 4, pending: 2 },
      by_age: { under_1_day: 0, days_1_to_3: 1, days_3_to_7: 6, over_7_days: 4 },
      oldest_opened_at: '2026-11-02T23:59:00.000Z',
    });
    assert.deepEqual(body.agents, [
      { user_id: people.bob.id, name: 'Bob Agent', open: 4, assigned: 5, resolved: 1, breached: 2 },
      { user_id: people.ann.id, name: 'Ann Agent', open: 3, assigned: 4, resolved: 2, breached: 3 },
      { user_id: people.mia.id, name: 'Mia Manager', open: 2, assigned: 4, resolved: 2, breached: 2 },
    ]);
    assert.deepEqual(body.repeat_complaints, [
      { contact_id: contacts.K1.id, name: 'Ada Lovelace', complaints: 3 },
      { contact_id: contacts.K2.id, name: '=1+1 Formel', complaints: 2 },
    ], 'c01 (2 November) is before the range; the archived complaint does not count');
    assert.deepEqual(comparable(body), comparable({ ...modelAt({ from: '2026-11-03', to: TODAY, bucket: 'week' }),
                                                   generated_at: '' }));
    // `to` alone: from is 27 days before it.
    const toOnly = expectStatus(await report('to=2026-11-29'), 200);
    assert.equal(toOnly.from, '2026-11-02');
    assert.deepEqual(comparable(toOnly), comparable({ ...modelAt({ from: '2026-11-02', to: '2026-11-29', bucket: 'week' }),
                                                      generated_at: '' }));
  });

  test('by day and by month; other ranges; percentiles by nearest rank', async () => {
    for (const range of [
      { from: '2026-11-03', to: TODAY, bucket: 'day' },
      { from: '2026-10-15', to: TODAY, bucket: 'month' },
      { from: '2026-11-02', to: '2026-11-30', bucket: 'week' },    // c01 counts: K3's two complaints repeat
      { from: '2026-11-26', to: '2026-11-26', bucket: 'day' },      // two resolutions: median is the lower (5)
      { from: '2026-11-27', to: '2026-11-28', bucket: 'week' },     // Friday and Saturday, one week
      { from: '2026-09-01', to: '2026-10-31', bucket: 'month' },    // nothing opened: zeros and nulls
      { from: '2025-12-20', to: '2026-01-10', bucket: 'week' },     // across a new year
      { from: '2025-12-20', to: '2026-01-10', bucket: 'month' },
      { from: '2028-02-27', to: '2028-03-02', bucket: 'day' },      // a leap day
    ]) {
      const body = expectStatus(await report(`from=${range.from}&to=${range.to}&bucket=${range.bucket}`), 200);
      assert.deepEqual(comparable(body), comparable({ ...modelAt(range), generated_at: '' }),
                       `report ${JSON.stringify(range)}`);
    }
    const day = expectStatus(await report('from=2026-11-03&to=2026-11-30&bucket=day'), 200);
    assert.equal(day.volumes.length, 28, 'every day of the range, with zeros');
    assert.ok(day.volumes.every((p) => Number.isInteger(p.total)));
    const month = expectStatus(await report('from=2026-10-15&to=2026-11-30&bucket=month'), 200);
    assert.deepEqual(month.volumes.map((p) => [p.period, p.total]), [['2026-10-01', 0], ['2026-11-01', 16]]);
    const thursday = expectStatus(await report('from=2026-11-26&to=2026-11-26&bucket=day'), 200);
    assert.deepEqual(thursday.resolution, { count: 2, median_minutes: 5, p90_minutes: 1500 });
    assert.deepEqual(thursday.first_response, { count: 6, median_minutes: 45, p90_minutes: 1500 });
    const empty = expectStatus(await report('from=2026-09-01&to=2026-10-31&bucket=month'), 200);
    assert.deepEqual(empty.first_response, { count: 0, median_minutes: null, p90_minutes: null });
    assert.equal(empty.sla.compliance_percent, null);
    assert.deepEqual(empty.volumes.map((p) => [p.period, p.total]), [['2026-09-01', 0], ['2026-10-01', 0]]);
  });

  test('dates far from today: refused (422 naming the field) or answered with the right periods, never garbage', async () => {
    for (const range of [
      { from: '1969-12-22', to: '1969-12-28', bucket: 'week' },   // a week before 1970: one period, its Monday
      { from: '0001-01-01', to: '0001-01-10', bucket: 'week' },
      { from: '1600-01-01', to: '1600-01-31', bucket: 'month' },
      { from: '9999-12-01', to: '9999-12-31', bucket: 'week' },
    ]) {
      const r = await report(`from=${range.from}&to=${range.to}&bucket=${range.bucket}`);
      if (r.status === 422) {
        expectFieldErrors(r, []);
        continue;
      }
      const body = expectStatus(r, 200);
      assert.deepEqual(body.volumes.map((p) => [p.period, p.total]),
                       expectedVolumes(CASES, range.from, range.to, range.bucket).map((p) => [p.period, p.total]),
                       `periods of ${JSON.stringify(range)}`);
    }
  });

  test('compliance_percent with a decimal is written plainly with one decimal (33.3, not 3.33E1), in JSON and CSV', async () => {
    const r = await report('from=2026-11-26&to=2026-11-26&bucket=day');
    assert.equal(expectStatus(r, 200).sla.compliance_percent, 33.3, '2 of 6 met');
    assert.match(r.text, /"compliance_percent":33\.3[,}]/, `JSON text: ${r.text.match(/"compliance_percent":[^,}]*/)?.[0]}`);
    const csv = await report('from=2026-11-26&to=2026-11-26&bucket=day&format=csv');
    const row = parseCsv(expectStatus(csv, 200)).find((x) => x[0] === 'sla' && x[3] === 'compliance_percent');
    assert.deepEqual(row, ['sla', '', '', 'compliance_percent', '33.3']);
  });

  test('CSV: text/csv attachment, header, one row per figure of the JSON report; a formula-like name is defused', async () => {
    for (const query of ['', 'from=2026-11-02&to=2026-11-30&bucket=day']) {
      const json = expectStatus(await report(query), 200);
      const r = await report(`${query}${query ? '&' : ''}format=csv`);
      expectStatus(r, 200);
      assert.match(r.headers.get('content-type'), /^text\/csv\b/);
      assert.match(r.headers.get('content-disposition') || '', /^attachment;.*filename="?[^"]+\.csv"?/);
      const rows = parseCsv(r.text);
      assert.deepEqual(rows[0], ['section', 'period', 'dimension', 'key', 'value']);
      for (const row of rows.slice(1)) assert.equal(row.length, 5, `five fields: ${JSON.stringify(row)}`);
      assert.deepEqual(sortedRows(rows.slice(1)), sortedRows(csvRows(json)), `CSV rows of ${query || 'the default'}`);
      // No cell can start a spreadsheet formula.
      for (const row of rows.slice(1)) {
        for (const cell of row) assert.doesNotMatch(cell, /^[=+\-@]/, `a live formula: ${JSON.stringify(row)}`);
      }
      const formula = rows.find((x) => x[0] === 'repeat_complaints' && x[3] === contacts.K2.id);
      assert.equal(formula[2], "'=1+1 Formel", 'the name is kept with a leading apostrophe');
      assert.ok(r.text.includes('"\'=1+1 Formel"'), 'and quoted');
      if (query) {
        const quoted = rows.find((x) => x[0] === 'repeat_complaints' && x[3] === contacts.K3.id);
        assert.deepEqual(quoted, ['repeat_complaints', '', 'Per Hansen, "jr"', contacts.K3.id, '2'],
                         'a comma and quotes survive the round trip');
      }
    }
  });

  test('errors: 422 naming from/to/bucket, 400 for unknown parameters and formats, 403 below manager', async () => {
    const mia = client('mia');
    const invalid = [
      ['from=2026-02-30', ['from']],
      ['from=yesterday', ['from']],
      ['to=2026-13-01', ['to']],
      ['to=30.11.2026', ['to']],
      ['from=&to=2026-11-30', ['from']],
      ['bucket=year', ['bucket']],
      ['bucket=', ['bucket']],
      ['from=2026-11-30&to=2026-11-29', ['from']],
      ['from=2025-11-29&to=2026-11-30', ['from']],   // 367 days
      ['from=2024-01-01&to=2026-11-30', ['from']],
    ];
    for (const [query, fields] of invalid) expectFieldErrors(await report(query, mia), fields);
    expectStatus(await report('from=2025-11-30&to=2026-11-30', mia), 200);  // 366 days, the most
    expectStatus(await report('from=2026-11-30&to=2026-11-30&bucket=month', mia), 200);
    for (const query of ['limit=10', 'from=2026-11-01&owner_id=me', 'format=xml', 'format=']) {
      expectProblem(await report(query, mia), 400, 'bad-request');
    }
    for (const who of ['ann', 'bob']) {
      expectProblem(await report('', client(who)), 403, 'forbidden');
      expectProblem(await report('format=csv', client(who)), 403, 'forbidden');
    }
    expectStatus(await report('', current.admin), 200);
    expectStatus(await report('', client('max')), 200);
  });

  test('digest by hand: once per week however often it runs; none for a Tuesday; newest first', async () => {
    const before = await listAll(current.admin, '/api/v1/reports/digests');
    assert.deepEqual(before.map((d) => d.period_start), ['2026-11-23']);
    const run = (as_of) => current.admin.post('/api/v1/jobs/run', { kind: 'service-digest', as_of });
    for (const r of await Promise.all([run('2026-11-30'), run('2026-11-30'), run('2026-11-24')])) {
      assert.ok([200, 201, 202].includes(r.status), `jobs/run accepted: ${r.status} ${r.text}`);
    }
    await settleJobs('service-digest');
    const again = await listAll(current.admin, '/api/v1/reports/digests');
    assert.deepEqual(again.map((d) => d.period_start), ['2026-11-23'], 'no second digest of a week, none for a Tuesday');
    assert.equal(again[0].id, before[0].id);

    const manual = await run('2026-11-23');
    assert.ok([200, 201, 202].includes(manual.status), `jobs/run accepted: ${manual.status} ${manual.text}`);
    const made = await waitFor(async () => listAll(current.admin, '/api/v1/reports/digests'),
                               (items) => items.length === 2, { what: 'the digest of 16–22 November' });
    assert.deepEqual(made.map((d) => [d.period_start, d.period_end]),
                     [['2026-11-23', '2026-11-29'], ['2026-11-16', '2026-11-22']], 'newest first');
    const older = expectStatus(await client('max').get(`/api/v1/reports/digests/${made[1].id}`), 200);
    assert.deepEqual(older.data.volumes.map((p) => [p.period, p.total]),
                     [['2026-11-16', 0], ['2026-11-17', 0], ['2026-11-18', 1], ['2026-11-19', 0], ['2026-11-20', 0],
                      ['2026-11-21', 0], ['2026-11-22', 0]]);
    assert.equal(older.data.bucket, 'day');
    assert.match(older.summary, /opened\D*\b1\b/i);
    await settleJobs('service-digest');
    assert.equal((await listAll(current.admin, '/api/v1/reports/digests')).length, 2);
    const jobs = await listAll(current.admin, '/api/v1/jobs?kind=service-digest');
    assert.deepEqual(jobs.filter((j) => j.status !== 'done'), [], 'every digest run finished');
  });

  test('digest access: managers and admins read; agents → 403; an unknown id → 404', async () => {
    const [d] = await listAll(current.admin, '/api/v1/reports/digests');
    for (const who of ['ann', 'bob']) {
      expectProblem(await client(who).get('/api/v1/reports/digests'), 403, 'forbidden');
      expectProblem(await client(who).get(`/api/v1/reports/digests/${d.id}`), 403, 'forbidden');
    }
    expectStatus(await client('max').get(`/api/v1/reports/digests/${d.id}`), 200);
    expectProblem(await current.admin.get('/api/v1/reports/digests/dig_nothing'), 404, 'not-found');
  });

  test('each manager gets the digest by email (Auto-Submitted: auto-generated); nobody else', async () => {
    const digestMail = () => smtp.messages.filter((m) => /digest/i.test(m.parsed.subject ?? ''));
    await waitFor(async () => digestMail(), (m) => m.length >= 4, { what: 'two digests mailed to two managers' });
    await settleJobs('email-send');
    const mails = digestMail();
    const recipients = mails.flatMap((m) => m.to).sort();
    assert.deepEqual(recipients, [people.max.email, people.max.email, people.mia.email, people.mia.email].sort());
    for (const who of ['mia', 'max']) {
      const week = mails.find((m) => m.to.includes(people[who].email) && /2026-11-23/.test(m.parsed.subject));
      assert.ok(week, `${who} got the digest of 23–29 November: ${mails.map((m) => m.parsed.subject).join(' | ')}`);
      assert.equal(String(week.parsed.headers['auto-submitted']).toLowerCase(), 'auto-generated');
      assert.match(week.parsed.text, /opened\D*\b12\b/i);
      assert.match(week.parsed.text, /first response[^\n]*\b45\b/i);
    }
  });

  test('the cache: after a case changes, the next report shows it at once', async () => {
    const mia = client('mia');
    const base = expectStatus(await report('', mia), 200);
    expectStatus(await report('', mia), 200);  // asked twice: surely cached now
    const K4 = contacts.K4.id;

    // A new case (normal, with a policy): this week, the backlog, Ann's load, the SLA.
    const k = expectStatus(await current.admin.post('/api/v1/cases', {
      contact_id: K4, subject: 'Case new', kind: 'incident', channel: 'portal', priority: 'normal',
      owner_id: people.ann.id,
    }), 201);
    let r = expectStatus(await report('', mia), 200);
    const thisWeek = r.volumes.find((p) => p.period === '2026-11-30');
    assert.equal(thisWeek.total, 1, 'the new case is counted at once');
    assert.deepEqual(dropZeros(thisWeek.by_kind), { incident: 1 });
    assert.equal(r.backlog.open, base.backlog.open + 1);
    assert.equal(r.backlog.by_age.under_1_day, 1);
    assert.equal(r.backlog.by_status.new, base.backlog.by_status.new + 1);
    assert.deepEqual(r.sla, { ...base.sla, cases: 13, met: 4, compliance_percent: 30.8 });
    const ann = r.agents.find((a) => a.user_id === people.ann.id);
    assert.deepEqual(ann, { user_id: people.ann.id, name: 'Ann Agent', open: 4, assigned: 5, resolved: 2, breached: 3 });

    // A change of status: the backlog and the resolutions.
    const c02 = await patch('c02', { status: 'resolved' });
    const wall = Math.floor((Date.parse(c02.resolved_at) - Date.parse('2026-11-03T00:00:00Z')) / MINUTE);
    assert.ok(wall >= 27 * 1440 + 540, `resolved after 30 Nov 09:00: ${c02.resolved_at}`);
    assert.equal(c02.resolution_minutes, wall, 'wall minutes: no policy for urgent');
    r = expectStatus(await report('', mia), 200);
    assert.equal(r.backlog.open, base.backlog.open);
    assert.deepEqual(r.resolution, { count: 6, median_minutes: 1360, p90_minutes: wall });

    // An archived case drops out: K2 has one complaint left in the range.
    expectStatus(await current.admin.del(`/api/v1/cases/${ids.c05}`), 204);
    // Asked for by several at once: every answer is the fresh one.
    for (const x of await Promise.all(Array.from({ length: 6 }, () => report('', mia)))) {
      r = expectStatus(x, 200);
      assert.deepEqual(r.repeat_complaints.map((c) => c.contact_id), [contacts.K1.id]);
      assert.equal(r.volumes.find((p) => p.period === '2026-11-23').total, 11);
    }

    // The CSV follows too (same cache).
    const csv = parseCsv(expectStatus(await report('format=csv', mia), 200));
    assert.ok(csv.some((x) => x[0] === 'volumes' && x[1] === '2026-11-30' && x[2] === 'total' && x[4] === '1'));
    assert.ok(!csv.some((x) => x[0] === 'repeat_complaints' && x[3] === contacts.K2.id));
    ids.newCase = k.id;
  });

  /** Starts a second server on the same database, its clock `behindMs` behind this one's. */
  async function secondServer(behindMs) {
    const other = await startServer({ db: first.db,
                                      serveArgs: ['--clock', new Date(serverNow() - behindMs).toISOString()] });
    return { server: other, admin: api(other.base, await login(other.base, ADMIN_EMAIL, ADMIN_PASSWORD)) };
  }

  test('two servers running the digest of one week at once make one digest', async () => {
    const other = await secondServer(0);
    try {
      const body = { kind: 'service-digest', as_of: '2026-11-09' };
      const runs = await Promise.all([current.admin.post('/api/v1/jobs/run', body), other.admin.post('/api/v1/jobs/run', body),
                                      current.admin.post('/api/v1/jobs/run', body), other.admin.post('/api/v1/jobs/run', body)]);
      for (const r of runs) assert.ok([200, 201, 202].includes(r.status), `jobs/run accepted: ${r.status} ${r.text}`);
      await waitFor(async () => listAll(current.admin, '/api/v1/jobs?kind=service-digest'),
                    (jobs) => jobs.every((j) => j.status === 'done' || j.status === 'failed'),
                    { what: 'the digest runs finished' });
      const failed = (await listAll(current.admin, '/api/v1/jobs?kind=service-digest')).filter((j) => j.status !== 'done');
      assert.deepEqual(failed, [], 'no run failed');
      const made = (await listAll(current.admin, '/api/v1/reports/digests')).filter((d) => d.period_start === '2026-11-02');
      assert.equal(made.length, 1, JSON.stringify(made));
      assert.equal(made[0].period_end, '2026-11-08');
    } finally {
      await other.server.stop();
    }
  });

  test('the cache with two servers on one database: a case opened on the other server shows at once', async () => {
    // The other server's clock is a minute behind (the clocks of two hosts never agree
    // exactly; a transaction that commits after a later one does the same on one server):
    // the case it opens has an older updated_at than the newest change this server has seen.
    const other = await secondServer(MINUTE);
    try {
      const mia = client('mia');
      const base = expectStatus(await report('', mia), 200);
      await pause(20);
      expectStatus(await mia.patch(`/api/v1/cases/${ids.newCase}`, { subject: 'Touched on this server' }), 200);
      const touched = expectStatus(await report('', mia), 200);
      assert.equal(touched.backlog.open, base.backlog.open);
      const k = expectStatus(await other.admin.post('/api/v1/cases', {
        contact_id: contacts.K3.id, subject: 'Opened on the other server', kind: 'complaint', channel: 'phone',
        priority: 'urgent',
      }), 201);
      const listed = await listAll(mia, `/api/v1/cases?contact_id=${contacts.K3.id}&open=true`);
      assert.ok(listed.some((x) => x.id === k.id), 'this server lists the new case');
      const fresh = expectStatus(await report('bucket=day', mia), 200);  // not asked for before: computed now
      assert.equal(fresh.backlog.open, base.backlog.open + 1);
      const r = expectStatus(await report('', mia), 200);
      assert.equal(r.backlog.open, base.backlog.open + 1,
                   `the cached report is stale: generated_at ${r.generated_at}, the case updated_at ${k.updated_at}`);
      assert.equal(r.volumes.find((p) => p.period === '2026-11-30').total,
                   base.volumes.find((p) => p.period === '2026-11-30').total + 1);
    } finally {
      await other.server.stop();
    }
  });
});
