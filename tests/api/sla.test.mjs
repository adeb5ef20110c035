// Service levels: SLA policies (CRUD, manager+ to change, 409 sla-policy-conflict, 422
// naming the path inside business_hours), the preview, and due times in business time —
// Oslo office hours across a weekend, holidays, both daylight-saving changes and a lunch
// break — through the preview and through real cases (kind-specific policies, changed
// priority or kind, edited policies). Then the clocks over time on a server whose clock
// is moved forward by restarting it on the same database with a later `--clock`: the
// durable sla-timer jobs move cases to warning (80 %) and breached (100 %), escalate them
// (case events, notifications, priority raised, reassignment, audit), and a pending case's
// clocks stand still and are pushed back by the business minutes they stood still.
//
// Business hours used: Monday–Friday 09:00–17:00 Europe/Oslo = 08:00–16:00Z in winter
// (CET), 07:00–15:00Z in summer (CEST).

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, expectStatus, expectProblem, expectFieldErrors, listAll, RFC3339_UTC } from './harness.mjs';
import {
  OSLO_OFFICE, ALWAYS_OPEN, MINUTE, customer, openCase, readCase, patchCase, caseEvents, createPolicy, plus, norm,
  waitFor, notifications, serveAt,
} from './service_helpers.mjs';

const weekdays = (hours) => ({ mon: hours, tue: hours, wed: hours, thu: hours, fri: hours, sat: [], sun: [] });

// ---------------------------------------------------------------------------------------
// Policies, preview and due times: one server, its clock on Monday 2026-11-30 13:00 Oslo.

describe('policies, preview and due times', () => {
  const CLOCK = '2026-11-30T12:00:00Z';
  let h, agent, manager, viewer;
  before(async () => {
    h = await setup({ serveArgs: ['--clock', CLOCK], users: ['agent', 'manager', 'viewer'] });
    [agent, manager, viewer] = h.users;
  });
  after(async () => { await h?.stop(); });

  const preview = async (body, client = viewer.client) =>
    expectStatus(await client.post('/api/v1/sla-policies/preview', {
      first_response_minutes: 60, resolution_minutes: 480, business_hours: OSLO_OFFICE, ...body,
    }), 200);

  describe('policies', () => {
    test('create (manager): 201 with Location and every field; GET; listed with filters', async () => {
      const body = { name: 'Urgent incidents', priority: 'urgent', kind: 'incident', first_response_minutes: 15,
                     resolution_minutes: 240, business_hours: OSLO_OFFICE, holidays: ['2026-12-25', '2026-12-26'] };
      const r = await manager.client.post('/api/v1/sla-policies', body);
      const p = expectStatus(r, 201);
      for (const f of ['id', 'name', 'priority', 'kind', 'first_response_minutes', 'resolution_minutes', 'business_hours',
                       'holidays', 'created_at', 'updated_at', 'version']) {
        assert.ok(f in p, `policy has ${f}: ${JSON.stringify(p)}`);
      }
      for (const [k, v] of Object.entries(body)) assert.deepEqual(p[k], v, k);
      assert.equal(p.version, 1);
      assert.equal(new URL(r.headers.get('location'), h.base).pathname, `/api/v1/sla-policies/${p.id}`);
      const g = await viewer.client.get(`/api/v1/sla-policies/${p.id}`);
      assert.deepEqual(expectStatus(g, 200), p);
      assert.equal(g.headers.get('etag'), '"1"');
      assert.ok((await listAll(viewer.client, '/api/v1/sla-policies?priority=urgent')).some((x) => x.id === p.id));
      assert.ok(!(await listAll(viewer.client, '/api/v1/sla-policies?priority=low')).some((x) => x.id === p.id));
      assert.ok((await listAll(viewer.client, '/api/v1/sla-policies?kind=incident')).some((x) => x.id === p.id));
      expectProblem(await viewer.client.get('/api/v1/sla-policies/sla_nothing'), 404, 'not-found');
    });

    test('kind defaults to null (every kind); holidays to []', async () => {
      const p = await createPolicy(manager.client, { priority: 'low' });
      assert.equal(p.kind, null);
      assert.deepEqual(p.holidays, []);
      expectStatus(await manager.client.del(`/api/v1/sla-policies/${p.id}`), 204);
    });

    test('PATCH changes the fields given (version +1); stale If-Match → 412; DELETE archives; audited', async () => {
      const p = await createPolicy(manager.client, { priority: 'low', kind: 'question' });
      const q = expectStatus(await manager.client.patch(`/api/v1/sla-policies/${p.id}`,
                                                        { name: 'Low questions', first_response_minutes: 120 }), 200);
      assert.equal(q.name, 'Low questions');
      assert.equal(q.first_response_minutes, 120);
      assert.equal(q.resolution_minutes, p.resolution_minutes);
      assert.deepEqual(q.business_hours, p.business_hours);
      assert.equal(q.version, 2);
      expectProblem(await manager.client.patch(`/api/v1/sla-policies/${p.id}`, { name: 'Lost' },
                                               { headers: { 'if-match': '"1"' } }), 412, 'precondition-failed');
      expectFieldErrors(await manager.client.patch(`/api/v1/sla-policies/${p.id}`, { resolution_minutes: 60 }),
                        ['resolution_minutes']);
      assert.deepEqual(expectStatus(await viewer.client.get(`/api/v1/sla-policies/${p.id}`), 200), q);
      expectProblem(await manager.client.del(`/api/v1/sla-policies/${p.id}`, { headers: { 'if-match': '"1"' } }),
                    412, 'precondition-failed');
      expectStatus(await manager.client.del(`/api/v1/sla-policies/${p.id}`, { headers: { 'if-match': '"2"' } }), 204);
      const archived = expectStatus(await viewer.client.get(`/api/v1/sla-policies/${p.id}`), 200);
      assert.match(archived.archived_at, RFC3339_UTC);
      assert.ok(!(await listAll(viewer.client, '/api/v1/sla-policies')).some((x) => x.id === p.id), 'archived: not listed');
      const audit = expectStatus(await h.admin.get(`/api/v1/audit?record_type=sla_policy&record_id=${p.id}`), 200).items;
      assert.deepEqual(audit.map((e) => e.action), ['archive', 'update', 'create']);
      assert.equal(audit[1].user_id, manager.id);
      assert.equal(audit[1].after.first_response_minutes, 120);
    });

    test('agent and viewer cannot change policies → 403; viewer reads and previews', async () => {
      const p = await createPolicy(manager.client, { priority: 'low', kind: 'complaint' });
      for (const u of [agent, viewer]) {
        expectProblem(await u.client.post('/api/v1/sla-policies', { name: 'x', priority: 'high', first_response_minutes: 1,
                                                                     resolution_minutes: 2, business_hours: OSLO_OFFICE }),
                      403, 'forbidden');
        expectProblem(await u.client.patch(`/api/v1/sla-policies/${p.id}`, { name: 'x' }), 403, 'forbidden');
        expectProblem(await u.client.del(`/api/v1/sla-policies/${p.id}`), 403, 'forbidden');
      }
      assert.equal(expectStatus(await viewer.client.get(`/api/v1/sla-policies/${p.id}`), 200).version, 1);
      await preview({}, viewer.client);
      expectStatus(await manager.client.del(`/api/v1/sla-policies/${p.id}`), 204);
    });

    test('two active policies for one priority and kind → 409 sla-policy-conflict with existing_id', async () => {
      const general = await createPolicy(manager.client, { priority: 'high' });
      const conflict = await manager.client.post('/api/v1/sla-policies', {
        name: 'Second high', priority: 'high', first_response_minutes: 30, resolution_minutes: 60, business_hours: OSLO_OFFICE,
      });
      assert.equal(expectProblem(conflict, 409, 'sla-policy-conflict').existing_id, general.id);
      // Another kind is no clash; the same kind twice is.
      const complaints = await createPolicy(manager.client, { priority: 'high', kind: 'complaint' });
      const again = await manager.client.post('/api/v1/sla-policies', {
        name: 'More complaints', priority: 'high', kind: 'complaint', first_response_minutes: 30, resolution_minutes: 60,
        business_hours: OSLO_OFFICE,
      });
      assert.equal(expectProblem(again, 409, 'sla-policy-conflict').existing_id, complaints.id);
      // A PATCH that would make a clash is refused too, and changes nothing.
      const requests = await createPolicy(manager.client, { priority: 'high', kind: 'request' });
      const patch = await manager.client.patch(`/api/v1/sla-policies/${requests.id}`, { kind: 'complaint' });
      assert.equal(expectProblem(patch, 409, 'sla-policy-conflict').existing_id, complaints.id);
      assert.equal(expectStatus(await viewer.client.get(`/api/v1/sla-policies/${requests.id}`), 200).kind, 'request');
      // Once archived, the priority is free again.
      expectStatus(await manager.client.del(`/api/v1/sla-policies/${general.id}`), 204);
      const replacement = await createPolicy(manager.client, { priority: 'high' });
      for (const p of [replacement, complaints, requests]) {
        expectStatus(await manager.client.del(`/api/v1/sla-policies/${p.id}`), 204);
      }
    });

    test('1 and 525,600 minutes are accepted; "24:00" closes at midnight', async () => {
      const p = await createPolicy(manager.client, {
        priority: 'urgent', kind: 'question', first_response_minutes: 1, resolution_minutes: 525_600,
        business_hours: { tz: 'America/New_York', week: { ...weekdays([['00:00', '24:00']]), sat: [['10:00', '14:00']] } },
      });
      assert.equal(p.first_response_minutes, 1);
      assert.equal(p.resolution_minutes, 525_600);
      assert.deepEqual(p.business_hours.week.mon, [['00:00', '24:00']]);
      expectStatus(await manager.client.del(`/api/v1/sla-policies/${p.id}`), 204);
    });
  });

  describe('validation → 422 naming the path, nothing stored', () => {
    const bh = (week, tz = 'Europe/Oslo') => ({ tz, week: { ...weekdays([['09:00', '17:00']]), ...week } });
    const invalid = [
      ['closing before opening', { business_hours: bh({ mon: [['17:00', '09:00']] }) }, 'business_hours.week.mon[0]'],
      ['not HH:MM', { business_hours: bh({ tue: [['09:00', '17:00'], ['9pm', '11pm']] }) }, 'business_hours.week.tue[1]'],
      ['a single time, not a pair', { business_hours: bh({ wed: [['09:00']] }) }, 'business_hours.week.wed[0]'],
      ['25:00', { business_hours: bh({ thu: [['09:00', '25:00']] }) }, 'business_hours.week.thu[0]'],
      ['opening at 24:00', { business_hours: bh({ sat: [['24:00', '24:00']] }) }, 'business_hours.week.sat[0]'],
      ['a day not a list', { business_hours: bh({ fri: '09:00-17:00' }) }, 'business_hours.week.fri'],
      ['overlapping intervals', { business_hours: bh({ fri: [['09:00', '12:00'], ['11:00', '17:00']] }) },
       'business_hours.week.fri'],
      ['unknown weekday', { business_hours: bh({ funday: [['09:00', '17:00']] }) }, 'business_hours.week.funday'],
      ['unknown time zone', { business_hours: bh({}, 'Mars/Olympus_Mons') }, 'business_hours.tz'],
      ['no opening hours at all', { business_hours: { tz: 'Europe/Oslo', week: {} } }, 'business_hours.week'],
      ['business_hours not an object', { business_hours: 'office hours' }, 'business_hours'],
      ['a holiday that is no date', { holidays: ['2026-12-25', '2026-02-30'] }, 'holidays[1]'],
      ['holidays not a list', { holidays: '2026-12-25' }, 'holidays'],
      ['first_response_minutes 0', { first_response_minutes: 0 }, 'first_response_minutes'],
      ['resolution_minutes over a year', { resolution_minutes: 525_601 }, 'resolution_minutes'],
      ['minutes as text', { first_response_minutes: '60' }, 'first_response_minutes'],
      ['resolution before first response', { first_response_minutes: 120, resolution_minutes: 60 }, 'resolution_minutes'],
      ['unknown priority', { priority: 'critical' }, 'priority'],
      ['unknown kind', { kind: 'praise' }, 'kind'],
      ['missing name', { name: undefined }, 'name'],
      ['missing priority', { priority: undefined }, 'priority'],
      ['missing business_hours', { business_hours: undefined }, 'business_hours'],
      ['missing first_response_minutes', { first_response_minutes: undefined }, 'first_response_minutes'],
      ['unknown field', { escalate_after: 10 }, 'escalate_after'],
    ];
    for (const [name, body, field] of invalid) {
      test(`${name} → ${field}`, async () => {
        const before = (await listAll(viewer.client, '/api/v1/sla-policies?archived=all')).length;
        const full = { name: 'Invalid', priority: 'low', first_response_minutes: 60, resolution_minutes: 480,
                       business_hours: OSLO_OFFICE, ...body };
        for (const k of Object.keys(full)) if (full[k] === undefined) delete full[k];
        expectFieldErrors(await manager.client.post('/api/v1/sla-policies', full), [field]);
        assert.equal((await listAll(viewer.client, '/api/v1/sla-policies?archived=all')).length, before);
      });
    }

    test('PATCH with bad business hours → 422 business_hours.week.mon[0], unchanged', async () => {
      const p = await createPolicy(manager.client, { priority: 'low', kind: 'incident' });
      expectFieldErrors(await manager.client.patch(`/api/v1/sla-policies/${p.id}`,
                                                   { business_hours: bh({ mon: [['18:00', '08:00']] }) }),
                        ['business_hours.week.mon[0]']);
      assert.deepEqual(expectStatus(await viewer.client.get(`/api/v1/sla-policies/${p.id}`), 200), p);
      expectStatus(await manager.client.del(`/api/v1/sla-policies/${p.id}`), 204);
    });

    test('preview: bad business hours → 422 with the path; missing business_hours → 422', async () => {
      expectFieldErrors(await viewer.client.post('/api/v1/sla-policies/preview', {
        first_response_minutes: 60, resolution_minutes: 480, business_hours: bh({ mon: [['17:00', '09:00']] }),
      }), ['business_hours.week.mon[0]']);
      expectFieldErrors(await viewer.client.post('/api/v1/sla-policies/preview', {
        first_response_minutes: 60, resolution_minutes: 480,
      }), ['business_hours']);
      expectFieldErrors(await viewer.client.post('/api/v1/sla-policies/preview', {
        first_response_minutes: 60, resolution_minutes: 480, business_hours: OSLO_OFFICE, opened_at: 'Friday',
      }), ['opened_at']);
    });
  });

  describe('preview: due times in business time', () => {
    test('the must-hold example: opened Friday 16:30 Oslo, 60 min → Monday 09:30 Oslo (08:30Z)', async () => {
      const p = await preview({ opened_at: '2026-11-20T15:30:00Z' });
      assert.equal(norm(p.opened_at), '2026-11-20T15:30:00.000Z');
      assert.equal(p.tz, 'Europe/Oslo');
      assert.equal(p.first_response_due_at, '2026-11-23T08:30:00.000Z');
      // warning at 80 %: 48 minutes — 30 on Friday, 18 on Monday
      assert.equal(p.first_response_warn_at, '2026-11-23T08:18:00.000Z');
      // resolution 480 minutes: 30 on Friday, 450 on Monday → 16:30 Oslo; warning at 384
      assert.equal(p.resolution_due_at, '2026-11-23T15:30:00.000Z');
      assert.equal(p.resolution_warn_at, '2026-11-23T13:54:00.000Z');
    });

    test('opened at night or on a weekend: the clock starts when the office opens', async () => {
      assert.equal((await preview({ opened_at: '2026-11-23T05:00:00Z' })).first_response_due_at, '2026-11-23T09:00:00.000Z');
      assert.equal((await preview({ opened_at: '2026-11-21T12:00:00Z' })).first_response_due_at, '2026-11-23T09:00:00.000Z');
      assert.equal((await preview({ opened_at: '2026-11-23T18:00:00Z' })).first_response_due_at, '2026-11-24T09:00:00.000Z');
    });

    test('a holiday is skipped: Christmas Day 2026 (a Friday)', async () => {
      const without = await preview({ opened_at: '2026-12-24T15:30:00Z' });
      assert.equal(without.first_response_due_at, '2026-12-25T08:30:00.000Z');
      const withHoliday = await preview({ opened_at: '2026-12-24T15:30:00Z', holidays: ['2026-12-25'] });
      assert.equal(withHoliday.first_response_due_at, '2026-12-28T08:30:00.000Z', 'Thursday 16:30 → Monday 09:30 Oslo');
    });

    test('several holidays: Easter 2026 (Thursday, Friday and Monday)', async () => {
      const p = await preview({ opened_at: '2026-04-01T14:30:00Z', holidays: ['2026-04-02', '2026-04-03', '2026-04-06'] });
      // Wednesday 16:30 CEST → 30 minutes, then Tuesday 7 April 09:00–09:30 CEST (07:30Z)
      assert.equal(p.first_response_due_at, '2026-04-07T07:30:00.000Z');
    });

    test('daylight saving starts (29 March 2026): Monday 09:30 Oslo is 07:30Z, an hour earlier than in winter', async () => {
      const summer = await preview({ opened_at: '2026-03-27T15:30:00Z' }); // Friday 16:30 CET
      const winter = await preview({ opened_at: '2026-11-20T15:30:00Z' });
      assert.equal(summer.first_response_due_at, '2026-03-30T07:30:00.000Z');
      const sinceMonday = (iso, monday) => Date.parse(iso) - Date.parse(monday);
      assert.equal(sinceMonday(winter.first_response_due_at, '2026-11-23T00:00:00Z') -
                   sinceMonday(summer.first_response_due_at, '2026-03-30T00:00:00Z'), 60 * MINUTE);
      assert.equal(summer.resolution_due_at, '2026-03-30T14:30:00.000Z', 'Monday 16:30 CEST');
    });

    test('daylight saving ends (25 October 2026): Monday 09:30 Oslo is 08:30Z', async () => {
      const p = await preview({ opened_at: '2026-10-23T14:30:00Z' }); // Friday 16:30 CEST
      assert.equal(p.first_response_due_at, '2026-10-26T08:30:00.000Z');
    });

    test('several intervals a day: the lunch break does not count', async () => {
      const lunch = { tz: 'Europe/Oslo', week: weekdays([['08:00', '11:30'], ['12:00', '16:00']]) };
      const p = await preview({ business_hours: lunch, opened_at: '2026-11-23T10:00:00Z' }); // Monday 11:00 Oslo
      assert.equal(p.first_response_due_at, '2026-11-23T11:30:00.000Z', '30 min before lunch, 30 after → 12:30 Oslo');
    });

    test('open around the clock: minutes are wall-clock minutes across midnight', async () => {
      const p = await preview({ business_hours: ALWAYS_OPEN, first_response_minutes: 1500, resolution_minutes: 3000,
                                opened_at: '2026-11-21T23:30:00Z' });
      assert.equal(p.tz, 'UTC');
      assert.equal(p.first_response_due_at, '2026-11-23T00:30:00.000Z');
      assert.equal(p.resolution_due_at, '2026-11-24T01:30:00.000Z');
      assert.equal(p.first_response_warn_at, '2026-11-22T19:30:00.000Z', 'warning at 1200 of 1500 minutes');
    });

    test('the warning is at 80 % of the target rounded up to a whole minute', async () => {
      const opened = '2026-11-23T08:00:00Z'; // Monday 09:00 Oslo
      const at = async (first) => (await preview({ opened_at: opened, first_response_minutes: first,
                                                   resolution_minutes: 480 })).first_response_warn_at;
      assert.equal(await at(7), '2026-11-23T08:06:00.000Z', '5.6 → 6');
      assert.equal(await at(10), '2026-11-23T08:08:00.000Z', '8 exactly');
      assert.equal(await at(1), '2026-11-23T08:01:00.000Z', '0.8 → 1');
    });

    test('opened_at defaults to now; a saved policy can be previewed as it is', async () => {
      const p = await preview({ business_hours: ALWAYS_OPEN });
      assert.ok(Math.abs(Date.parse(p.opened_at) - Date.parse(CLOCK)) < 5 * MINUTE, `opened_at is the server's now: ${p.opened_at}`);
      assert.equal(p.first_response_due_at, plus(p.opened_at, 60 * MINUTE));
      const saved = await createPolicy(manager.client, { priority: 'urgent', kind: 'complaint' });
      const q = expectStatus(await viewer.client.post('/api/v1/sla-policies/preview',
                                                      { ...saved, opened_at: '2026-11-20T15:30:00Z' }), 200);
      assert.equal(q.first_response_due_at, '2026-11-23T08:30:00.000Z');
      expectStatus(await manager.client.del(`/api/v1/sla-policies/${saved.id}`), 204);
    });
  });

  describe('due times of cases', () => {
    let general, complaints, c;
    before(async () => {
      general = await createPolicy(manager.client, { name: 'Normal', priority: 'normal',
                                                     holidays: ['2025-12-25', '2025-12-26'] });
      complaints = await createPolicy(manager.client, { name: 'Normal complaints', priority: 'normal', kind: 'complaint',
                                                        first_response_minutes: 30, resolution_minutes: 240 });
      c = await customer(agent.client, { owner_id: agent.id });
    });

    test('the must-hold example as a case: opened_at Friday 15:30Z → first_response_due_at 2026-11-23T08:30:00.000Z', async () => {
      const k = await openCase(agent.client, c, { opened_at: '2026-11-20T15:30:00Z' });
      assert.equal(k.sla_policy_id, general.id);
      assert.equal(k.first_response_due_at, '2026-11-23T08:30:00.000Z');
      assert.equal(k.resolution_due_at, '2026-11-23T15:30:00.000Z');
      // The server's clock is a week later: both clocks ran out while nobody answered.
      assert.equal(k.sla_state, 'breached');
      assert.equal(k.first_response_breached, true);
      assert.equal(k.resolution_breached, true);
      assert.equal(k.next_due_at, k.first_response_due_at, 'the nearest running clock');
      const breaching = await listAll(agent.client, `/api/v1/cases?contact_id=${c.id}&view=breaching`);
      assert.ok(breaching.some((x) => x.id === k.id), 'already past due: in view=breaching');
    });

    test('a case logged after its due time is breached at once and escalated on breach', async () => {
      // Logging a call after the fact is allowed (opened_at in the past); its clocks ran out
      // before anyone saw it, so the breach escalation (owner and managers told, priority
      // raised) is due now — a timer at the (past) due time runs at once.
      const k = await openCase(agent.client, c, { opened_at: '2026-11-26T08:00:00Z' });
      assert.equal(k.sla_state, 'breached');
      const escalated = await waitFor(() => readCase(agent.client, k.id), (x) => x.escalation_level === 'breach',
                                      { timeoutMs: 4000, what: 'breach escalation of a case opened after its due time' });
      assert.equal(escalated.priority, 'high');
      const events = await caseEvents(agent.client, k.id);
      assert.ok(events.some((e) => e.kind === 'escalation' && e.data?.level === 'breach'), JSON.stringify(events));
      const notes = (await notifications(agent.client)).items.filter((n) => n.ref_id === k.id && n.kind === 'sla_breach');
      assert.equal(notes.length, 1, 'the owner is told');
    });

    test('across the spring daylight-saving change', async () => {
      const k = await openCase(agent.client, c, { opened_at: '2026-03-27T15:30:00Z' });
      assert.equal(k.first_response_due_at, '2026-03-30T07:30:00.000Z');
    });

    test('across the policy\'s holidays (Christmas 2025: Thursday and Friday)', async () => {
      const k = await openCase(agent.client, c, { opened_at: '2025-12-24T15:30:00Z' }); // Wednesday 16:30 Oslo
      assert.equal(k.first_response_due_at, '2025-12-29T08:30:00.000Z');
    });

    test('a kind-specific policy wins over the general one; no policy for the priority → no clocks', async () => {
      const k = await openCase(agent.client, c, { kind: 'complaint', opened_at: '2026-11-30T08:00:00Z' });
      assert.equal(k.sla_policy_id, complaints.id);
      assert.equal(k.first_response_due_at, '2026-11-30T08:30:00.000Z');
      assert.equal(k.resolution_due_at, '2026-11-30T12:00:00.000Z');
      const none = await openCase(agent.client, c, { priority: 'urgent' });
      assert.equal(none.sla_policy_id, null);
      assert.equal(none.first_response_due_at, null);
      assert.equal(none.resolution_due_at, null);
      assert.equal(none.next_due_at, null);
      assert.equal(none.sla_state, 'ok');
    });

    test('editing a policy does not move open cases\' due times until their kind or priority changes', async () => {
      // Opened ten minutes before the server's clock (Monday 12:50 Oslo): every due time is ahead.
      const opened = '2026-11-30T11:50:00Z';
      const k = await openCase(agent.client, c, { kind: 'complaint', opened_at: opened });
      assert.equal(k.first_response_due_at, '2026-11-30T12:20:00.000Z');
      expectStatus(await manager.client.patch(`/api/v1/sla-policies/${complaints.id}`, { first_response_minutes: 45 }), 200);
      assert.equal((await readCase(agent.client, k.id)).first_response_due_at, '2026-11-30T12:20:00.000Z');
      const asQuestion = await patchCase(agent.client, k.id, { kind: 'question' });
      assert.equal(asQuestion.sla_policy_id, general.id);
      assert.equal(asQuestion.first_response_due_at, '2026-11-30T12:50:00.000Z', 'the general policy from opened_at');
      const back = await patchCase(agent.client, k.id, { kind: 'complaint' });
      assert.equal(back.sla_policy_id, complaints.id);
      assert.equal(back.first_response_due_at, '2026-11-30T12:35:00.000Z', 'the edited policy now applies');
    });

    test('the longest target (525,600 business minutes) in office hours: the case still opens', async () => {
      // 525,600 minutes at 40 hours a week is 219 weeks (about 4.2 years) of business time.
      const r = await manager.client.post('/api/v1/sla-policies', {
        name: 'Very slow', priority: 'low', kind: 'request', first_response_minutes: 60, resolution_minutes: 525_600,
        business_hours: OSLO_OFFICE,
      });
      if (r.status === 422) return; // refusing such a policy up front is fine too
      const p = expectStatus(r, 201);
      try {
        const opened = '2026-11-30T12:00:00Z'; // Monday 13:00 Oslo
        const k = await openCase(agent.client, c, { priority: 'low', kind: 'request', opened_at: opened });
        assert.equal(k.sla_policy_id, p.id);
        assert.equal(k.first_response_due_at, '2026-11-30T13:00:00.000Z');
        assert.equal(k.resolution_due_at, '2031-02-10T12:00:00.000Z', '219 weeks later, Monday 13:00 Oslo');
        const pv = expectStatus(await viewer.client.post('/api/v1/sla-policies/preview', { ...p, opened_at: opened }), 200);
        assert.equal(pv.resolution_due_at, '2031-02-10T12:00:00.000Z');
      } finally {
        expectStatus(await manager.client.del(`/api/v1/sla-policies/${p.id}`), 204);
      }
    });

    test('an archived policy no longer applies', async () => {
      const p = await createPolicy(manager.client, { priority: 'low', first_response_minutes: 5, resolution_minutes: 10 });
      const a = await openCase(agent.client, c, { priority: 'low' });
      assert.equal(a.sla_policy_id, p.id);
      expectStatus(await manager.client.del(`/api/v1/sla-policies/${p.id}`), 204);
      const b = await openCase(agent.client, c, { priority: 'low' });
      assert.equal(b.sla_policy_id, null);
      assert.equal(b.first_response_due_at, null);
    });

    test('a pending case\'s clocks stand still: no next_due_at, paused at', async () => {
      const k = await openCase(agent.client, c, { opened_at: '2026-11-30T11:50:00Z' });
      const p = await patchCase(agent.client, k.id, { status: 'pending' });
      assert.match(p.sla_paused_at, RFC3339_UTC);
      assert.equal(p.next_due_at, null);
      assert.equal(p.first_response_due_at, k.first_response_due_at);
      assert.equal(p.sla_state, 'ok');
      assert.equal(expectStatus(await agent.client.get(`/api/v1/cases?contact_id=${c.id}&view=breaching`), 200)
        .items.filter((x) => x.id === k.id).length, 0, 'a stopped clock is not breaching');
    });
  });

  describe('escalation settings', () => {
    const DEFAULTS = {
      warning: { notify: ['owner'], email: true, reassign_to: null, raise_priority: false },
      breach: { notify: ['owner', 'managers'], email: true, reassign_to: null, raise_priority: true },
    };

    test('defaults; admin only (manager and agent → 403)', async () => {
      const s = expectStatus(await h.admin.get('/api/v1/settings/escalation'), 200);
      assert.deepEqual(s.warning, DEFAULTS.warning);
      assert.deepEqual(s.breach, DEFAULTS.breach);
      for (const u of [manager, agent]) {
        expectProblem(await u.client.put('/api/v1/settings/escalation', DEFAULTS), 403, 'forbidden');
      }
    });

    const invalid = [
      ['notify someone unknown', { warning: { notify: ['owner', 'ceo'] } }, 'warning.notify'],
      ['reassign_to a number', { breach: { reassign_to: 42 } }, 'breach.reassign_to'],
      ['raise_priority not a boolean', { breach: { raise_priority: 'yes' } }, 'breach.raise_priority'],
      ['unknown rule field', { warning: { page_the_ceo: true } }, 'warning.page_the_ceo'],
      ['unknown level', { panic: { notify: ['owner'] } }, 'panic'],
      ['reassign_to an unknown user', { breach: { reassign_to: 'usr_nobody' } }, 'breach.reassign_to'],
      ['reassign_to an empty string', { warning: { reassign_to: '' } }, 'warning.reassign_to'],
    ];
    for (const [name, body, field] of invalid) {
      test(`invalid: ${name} → 422 ${field}, unchanged`, async () => {
        try {
          expectFieldErrors(await h.admin.put('/api/v1/settings/escalation', body), [field]);
          const s = expectStatus(await h.admin.get('/api/v1/settings/escalation'), 200);
          assert.deepEqual({ warning: s.warning, breach: s.breach }, DEFAULTS);
        } finally {
          expectStatus(await h.admin.put('/api/v1/settings/escalation', DEFAULTS), 200);
        }
      });
    }

    test('PUT changes the fields given and keeps the others; audited', async () => {
      const s = expectStatus(await h.admin.put('/api/v1/settings/escalation',
                                               { warning: { reassign_to: 'service_team' } }), 200);
      assert.deepEqual(s.warning, { ...DEFAULTS.warning, reassign_to: 'service_team' });
      assert.deepEqual(s.breach, DEFAULTS.breach);
      const audit = expectStatus(await h.admin.get('/api/v1/audit?record_type=setting&record_id=escalation'), 200).items;
      assert.ok(audit.length >= 1, 'the change is audited');
      const back = expectStatus(await h.admin.put('/api/v1/settings/escalation', DEFAULTS), 200);
      assert.deepEqual({ warning: back.warning, breach: back.breach }, DEFAULTS);
    });
  });
});

// ---------------------------------------------------------------------------------------
// The clocks over time. The server starts on Monday 2026-11-23 at 16:30 Oslo (15:30Z) and
// is restarted on the same database on Tuesday at 08:10Z, 08:21Z and 08:31Z (09:10, 09:21 and
// 09:31 Oslo).
// Policy (normal, every kind): first response 60, resolution 480 business minutes.
//   A opened 15:20Z Mon: first response warns 08:08Z Tue (40 + 8), due 08:20Z (40 + 20).
//   B opened 15:30Z Mon: warns 08:18Z Tue (30 + 18), due 08:30Z.
//   C opened 15:30Z Mon, pending at once, open again on Tuesday at 08:10Z.
//   E opened 15:30Z Mon and answered at once.

describe('SLA timers over time: warning, breach, escalation, pause', () => {
  const T0 = '2026-11-23T15:30:00.000Z';
  const T1 = '2026-11-24T08:10:00Z';
  const T2 = '2026-11-24T08:21:00Z';
  const T3 = '2026-11-24T08:31:00Z';
  let first, current, owner, manager, reassignTo, teamMember, users, A, B, C, E, cPaused;
  const client = (u) => current.clients.get(u.id);

  before(async () => {
    first = await setup({ serveArgs: ['--clock', T0], keepDb: true });
    owner = await first.makeUser('agent', { name: 'Olga Owner' });
    manager = await first.makeUser('manager', { name: 'Mona Manager' });
    reassignTo = await first.makeUser('agent', { name: 'Rolf Reserve' });
    teamMember = await first.makeUser('agent', { name: 'Tina Team' });
    expectStatus(await first.admin.patch(`/api/v1/users/${teamMember.id}`, { service_team: true }), 200);
    users = [owner, manager, reassignTo, teamMember];
    current = { server: first, admin: first.admin, clients: new Map(users.map((u) => [u.id, u.client])) };
  });
  after(async () => {
    if (current?.server !== first) await current?.server.stop();
    await first?.stop();
    await first?.dropDb();
  });

  const get = (k) => readCase(current.admin, k.id);
  /** Waits until the sla-timer job has moved case `k` to `state`; fails at once if its job failed. */
  async function reach(k, state) {
    return waitFor(async () => {
      const jobs = await listAll(current.admin, '/api/v1/jobs?kind=sla-timer');
      const bad = jobs.find((j) => j.payload?.case_id === k.id && j.last_error);
      assert.equal(bad, undefined, `the sla-timer job of ${k.subject} failed: ${JSON.stringify(bad)}`);
      return get(k);
    }, (x) => x.sla_state === state, { what: `${k.subject} ${state}` });
  }
  async function restartAt(clock) {
    await current.server.stop();
    current = await serveAt(first.db, clock, users);
  }
  const escalations = async (k) => (await caseEvents(current.admin, k.id)).filter((e) => e.kind === 'escalation');
  const notesFor = async (u, k, kind) =>
    (await notifications(client(u))).items.filter((n) => n.ref_id === k.id && n.kind === kind);

  test('Monday 16:30 Oslo: cases open with due times in business time; a timer job is queued', async () => {
    expectStatus(await manager.client.post('/api/v1/sla-policies', {
      name: 'Normal', priority: 'normal', first_response_minutes: 60, resolution_minutes: 480, business_hours: OSLO_OFFICE,
    }), 201);
    const c = await customer(owner.client, { owner_id: owner.id });
    A = await openCase(owner.client, c, { subject: 'Case A', opened_at: '2026-11-23T15:20:00Z' });
    B = await openCase(owner.client, c, { subject: 'Case B', opened_at: T0 });
    C = await openCase(owner.client, c, { subject: 'Case C', opened_at: T0 });
    E = await openCase(owner.client, c, { subject: 'Case E', opened_at: T0 });
    assert.equal(A.first_response_due_at, '2026-11-24T08:20:00.000Z');
    assert.equal(B.first_response_due_at, '2026-11-24T08:30:00.000Z');
    assert.equal(B.resolution_due_at, '2026-11-24T15:30:00.000Z');
    for (const k of [A, B, C, E]) assert.equal(k.sla_state, 'ok');

    cPaused = await patchCase(owner.client, C.id, { status: 'pending' });
    assert.match(cPaused.sla_paused_at, RFC3339_UTC);
    const answered = expectStatus(await owner.client.post(`/api/v1/cases/${E.id}/messages`,
                                                          { body: 'Looking into it', public: true }), 201);
    assert.equal(answered.case.first_response_minutes, 0, 'answered within the first minute');
    assert.equal(answered.case.first_response_breached, false);

    const timers = await listAll(first.admin, '/api/v1/jobs?kind=sla-timer');
    const forA = timers.filter((j) => j.payload?.case_id === A.id && j.status === 'queued');
    assert.ok(forA.some((j) => norm(j.run_at) === '2026-11-24T08:08:00.000Z'),
              `an sla-timer job at A's warning time: ${JSON.stringify(forA)}`);
  });

  test('Tuesday 09:10 Oslo: A is at warning (≥ 80 %) and escalated on warning; B is still ok', async () => {
    await restartAt(T1);
    const a = await reach(A, 'warning');
    assert.equal(a.first_response_breached, false);
    assert.equal(a.escalation_level, 'warning');
    assert.equal(a.priority, 'normal', 'the default warning rule does not raise the priority');
    assert.equal(a.owner_id, owner.id);
    const b = await get(B);
    assert.equal(b.sla_state, 'ok');
    assert.equal(b.escalation_level, null);

    const events = await caseEvents(current.admin, A.id);
    const sla = events.filter((e) => e.kind === 'sla');
    assert.equal(sla.length, 1, JSON.stringify(events));
    assert.match(sla[0].detail, /ok.*warning/);
    const esc = events.filter((e) => e.kind === 'escalation');
    assert.equal(esc.length, 1, JSON.stringify(events));
    assert.equal(esc[0].data?.level, 'warning');
    const warned = await notesFor(owner, A, 'sla_warning');
    assert.equal(warned.length, 1, 'the owner is notified of the warning');
    assert.equal(warned[0].ref_type, 'case');
    assert.equal(warned[0].read_at, null);
    assert.deepEqual(await notesFor(manager, A, 'sla_warning'), [], 'managers are not notified of a warning by default');
  });

  test('Tuesday 09:10 Oslo: C open again — the due times move by the business minutes it stood still', async () => {
    const e = await get(E);
    assert.equal(e.sla_state, 'ok', 'an answered case does not warn on first response');
    const stillPending = await get(C);
    assert.equal(stillPending.sla_state, 'ok', 'a pending case does not warn');
    assert.equal(stillPending.first_response_due_at, C.first_response_due_at);

    const c = await patchCase(client(owner), C.id, { status: 'open' });
    assert.equal(c.sla_paused_at, null);
    // Stood still from Monday ~16:30 to Tuesday ~09:10 Oslo: 30 + 10 business minutes, not 16 hours.
    const pausedMs = (Date.parse('2026-11-23T16:00:00Z') - Date.parse(cPaused.sla_paused_at)) +
                     (Date.parse(c.updated_at) - Date.parse('2026-11-24T08:00:00Z'));
    const paused = Math.floor(pausedMs / MINUTE);
    assert.ok(paused >= 38 && paused <= 41, `paused business minutes ${paused}`);
    assert.equal(c.first_response_due_at, plus('2026-11-24T08:30:00.000Z', paused * MINUTE),
                 `first response due 08:30Z + ${paused} min`);
    // resolution: 30 minutes on Monday + 450 + paused from Tuesday 08:00Z, spilling into Wednesday
    const resolutionTuesday = 450 + paused;
    const expectedResolution = resolutionTuesday <= 480
      ? plus('2026-11-24T08:00:00.000Z', resolutionTuesday * MINUTE)
      : plus('2026-11-25T08:00:00.000Z', (resolutionTuesday - 480) * MINUTE);
    assert.equal(c.resolution_due_at, expectedResolution);
    assert.equal(c.next_due_at, c.first_response_due_at);
    assert.equal(c.sla_state, 'ok');
  });

  test('configure escalation: on warning, reassign to a user', async () => {
    const s = expectStatus(await current.admin.put('/api/v1/settings/escalation',
                                                   { warning: { reassign_to: reassignTo.id } }), 200);
    assert.equal(s.warning.reassign_to, reassignTo.id);
  });

  test('Tuesday 09:21 Oslo: A breached — first_response_breached, priority raised one step, owner and managers notified', async () => {
    await restartAt(T2);
    const a = await reach(A, 'breached');
    assert.equal(a.first_response_breached, true);
    assert.equal(a.resolution_breached, false);
    assert.equal(a.escalation_level, 'breach');
    assert.equal(a.priority, 'high', 'the default breach rule raises the priority one step');
    assert.equal(a.first_response_due_at, A.first_response_due_at, 'the case keeps its clocks');
    assert.equal(a.resolution_due_at, A.resolution_due_at);
    assert.equal(a.owner_id, owner.id, 'no reassignment on breach by default');

    const esc = await escalations(A);
    assert.deepEqual(esc.map((e) => e.data?.level), ['warning', 'breach']);
    assert.ok(esc[1].data.actions.some((x) => /priority/.test(x)), JSON.stringify(esc[1]));
    const sla = (await caseEvents(current.admin, A.id)).filter((e) => e.kind === 'sla');
    assert.equal(sla.length, 2);
    assert.match(sla[1].detail, /warning.*breached/);
    assert.equal((await notesFor(owner, A, 'sla_breach')).length, 1, 'the owner is notified of the breach');
    assert.equal((await notesFor(manager, A, 'sla_breach')).length, 1, 'managers are notified of the breach');
    const audit = expectStatus(await current.admin.get(`/api/v1/audit?record_type=case&record_id=${A.id}`), 200).items;
    assert.ok(audit.some((x) => x.after?.priority === 'high'), 'the raised priority is audited');
  });

  test('Tuesday 09:21 Oslo: B at warning, reassigned by the escalation rule (assignment_rule escalation), audited', async () => {
    const b = await reach(B, 'warning');
    await waitFor(() => get(B), (k) => k.owner_id === reassignTo.id, { what: 'B reassigned' });
    const k = await get(B);
    assert.equal(k.assignment_rule, 'escalation');
    assert.equal(typeof k.assignment_reason, 'string');
    assert.ok(k.assignment_reason.length > 0);
    assert.ok(Date.parse(k.assigned_at) >= Date.parse(T2), `assigned_at is now: ${k.assigned_at}`);
    assert.equal(k.priority, 'normal', 'the warning rule does not raise the priority');
    assert.equal(b.escalation_level, 'warning');
    const esc = await escalations(B);
    assert.equal(esc.length, 1);
    assert.equal(esc[0].data.level, 'warning');
    assert.ok(esc[0].data.actions.some((x) => /reassign/i.test(x)), JSON.stringify(esc[0]));
    const notified = [...await notesFor(owner, B, 'sla_warning'), ...await notesFor(reassignTo, B, 'sla_warning')];
    assert.ok(notified.length >= 1, 'the owner is told about the warning');
    const audit = expectStatus(await current.admin.get(`/api/v1/audit?record_type=case&record_id=${B.id}`), 200).items;
    assert.ok(audit.some((x) => x.after?.owner_id === reassignTo.id && x.after?.assignment_rule === 'escalation'),
              `the reassignment is in the audit log: ${JSON.stringify(audit.slice(0, 3))}`);
    assert.ok(audit.some((x) => x.after?.escalation?.level === 'warning' || x.after?.escalation_level === 'warning'),
              'the escalation is in the audit log');
  });

  test('a breach stays on the case after the first response', async () => {
    const r = expectStatus(await client(owner).post(`/api/v1/cases/${A.id}/messages`,
                                                    { body: 'Sorry for the wait', public: true }), 201);
    assert.match(r.case.first_responded_at, RFC3339_UTC);
    assert.equal(r.case.first_response_breached, true);
    assert.equal(r.case.sla_state, 'breached');
    assert.ok(r.case.first_response_minutes >= 60, `first_response_minutes ${r.case.first_response_minutes}`);
    const breaching = await listAll(current.admin, '/api/v1/cases?sla_state=breached');
    assert.ok(breaching.some((k) => k.id === A.id));
    const c = await get(C);
    assert.equal(c.sla_state, 'ok', 'C was pushed back past this time');
    assert.equal((await get(E)).sla_state, 'ok');
  });

  test('Tuesday 09:31 Oslo: B breached — with breach.reassign_to "service_team" it goes to the least loaded member', async () => {
    const s = expectStatus(await current.admin.put('/api/v1/settings/escalation',
                                                   { breach: { reassign_to: 'service_team' } }), 200);
    assert.equal(s.breach.reassign_to, 'service_team');
    assert.equal(s.breach.raise_priority, true, 'the other fields are kept');
    await restartAt(T3);
    const b = await reach(B, 'breached');
    assert.equal(b.first_response_breached, true);
    assert.equal(b.escalation_level, 'breach');
    assert.equal(b.owner_id, teamMember.id, b.assignment_reason);
    assert.equal(b.assignment_rule, 'escalation');
    assert.match(b.assignment_reason, /least loaded/i);
    assert.equal(b.priority, 'high');
    assert.deepEqual((await escalations(B)).map((e) => e.data?.level), ['warning', 'breach']);
    assert.equal((await notesFor(manager, B, 'sla_breach')).length, 1);
    const failed = (await listAll(current.admin, '/api/v1/jobs?kind=sla-timer')).filter((j) => j.last_error);
    assert.deepEqual(failed, [], 'no sla-timer job failed');
  });
});
