// Case routing: a new case goes to the customer's owner (`owner`); if there is none, or the
// owner is inactive or away (PUT /me/away, or an admin's PATCH /users/{id}), to the
// service team (`round_robin`: the available member with the fewest open cases, then the
// one whose last case came longest ago); if nobody is available it stays `unassigned`; an
// explicit owner_id is `manual`. The reason is kept in assignment_reason; the new owner
// gets a `case_assigned` notification. Tests in this file run in order and share the
// service team, so each one computes who is least loaded from the API before it opens a case.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, expectStatus, expectProblem, expectFieldErrors, listAll, RFC3339_UTC } from './harness.mjs';
import { HOUR, customer, openCase, readCase, patchCase, caseEvents, fromNow, norm, notifications } from './service_helpers.mjs';

let h, ann, per, kari, other, manager;
before(async () => {
  h = await setup();
  ann = await h.makeUser('agent', { name: 'Ann Berg' });
  per = await h.makeUser('agent', { name: 'Per Dahl' });
  kari = await h.makeUser('agent', { name: 'Kari Lund' });
  other = await h.makeUser('agent', { name: 'Ola Utenfor' });
  manager = await h.makeUser('manager', { name: 'Mia Manager' });
});
after(async () => { await h?.stop(); });

const team = () => [per, kari];
const byId = (id) => [ann, per, kari, other, manager].find((u) => u.id === id);
const nameOf = (id) => byId(id)?.user.name ?? id;

async function setUser(id, body) {
  return expectStatus(await h.admin.patch(`/api/v1/users/${id}`, body), 200);
}

/** Open cases of `u` and the time its last case was assigned (archived and closed included). */
async function load(u) {
  const open = await listAll(h.admin, `/api/v1/cases?owner_id=${u.id}&open=true`);
  const every = await listAll(h.admin, `/api/v1/cases?owner_id=${u.id}&archived=all`);
  const last = every.map((k) => k.assigned_at).filter(Boolean).sort().at(-1) ?? '';
  return { user: u, open: open.length, last };
}

/** The available team member the next round-robin case should go to (no ties expected). */
async function nextInLine(available = team()) {
  const loads = await Promise.all(available.map(load));
  loads.sort((a, b) => a.open - b.open || (a.last < b.last ? -1 : a.last > b.last ? 1 : 0));
  if (loads.length > 1) {
    assert.ok(loads[0].open !== loads[1].open || loads[0].last !== loads[1].last,
              `test setup: no tie between ${loads[0].user.user.name} and ${loads[1].user.user.name}`);
  }
  return loads[0];
}

const noOwner = () => customer(other.client);
const annsCustomer = () => customer(other.client, { owner_id: ann.id });

describe('the service team', () => {
  test('admin sets service_team; GET /users?service_team=true lists the team; others → 403', async () => {
    for (const u of team()) {
      const r = await setUser(u.id, { service_team: true });
      assert.equal(r.service_team, true);
    }
    const listed = await listAll(other.client, '/api/v1/users?service_team=true');
    assert.deepEqual(listed.map((u) => u.id).sort(), team().map((u) => u.id).sort());
    assert.ok((await listAll(other.client, '/api/v1/users?service_team=false')).some((u) => u.id === ann.id));
    expectProblem(await manager.client.patch(`/api/v1/users/${other.id}`, { service_team: true }), 403, 'forbidden');
    expectProblem(await other.client.patch(`/api/v1/users/${other.id}`, { service_team: true }), 403, 'forbidden');
    const me = expectStatus(await per.client.get('/api/v1/me'), 200);
    assert.equal(me.service_team, true);
    assert.equal(me.away_from, null);
    assert.equal(me.away_until, null);
  });
});

describe('routing', () => {
  test('to the customer\'s owner: assignment_rule owner, reason, assigned event, case_assigned notification', async () => {
    const c = await annsCustomer();
    const k = await openCase(other.client, c, { subject: 'Where is my parcel?' });
    assert.equal(k.owner_id, ann.id);
    assert.equal(k.assignment_rule, 'owner');
    assert.ok(k.assignment_reason.includes('Ann Berg'), k.assignment_reason);
    assert.match(k.assigned_at, RFC3339_UTC);
    const assigned = (await caseEvents(h.admin, k.id)).filter((e) => e.kind === 'assigned');
    assert.equal(assigned.length, 1);
    assert.equal(assigned[0].data.rule, 'owner');
    assert.equal(assigned[0].data.owner_id, ann.id);
    const notes = (await notifications(ann.client)).items.filter((n) => n.ref_id === k.id);
    assert.equal(notes.length, 1, JSON.stringify(notes));
    assert.equal(notes[0].kind, 'case_assigned');
    assert.equal(notes[0].ref_type, 'case');
    assert.ok(notes[0].title.includes(`#${k.number}`), notes[0].title);
    assert.equal(notes[0].read_at, null);
    assert.match(notes[0].created_at, RFC3339_UTC);
  });

  test('no owner → round_robin to the least loaded, then the one whose last case came longest ago', async () => {
    // Per gets a case by hand first: 1 open case against Kari's 0.
    const start = await Promise.all(team().map(load));
    const c = await noOwner();
    const extra = start[0].open - start[1].open + 1; // make Per strictly busier than Kari
    for (let i = 0; i < Math.max(1, extra); i += 1) {
      const m = await openCase(other.client, c, { owner_id: per.id });
      assert.equal(m.assignment_rule, 'manual');
    }
    const seq = [];
    for (let i = 0; i < 3; i += 1) {
      const expected = await nextInLine();
      const k = await openCase(other.client, c);
      assert.equal(k.assignment_rule, 'round_robin', k.assignment_reason);
      assert.equal(k.owner_id, expected.user.id,
                   `expected ${expected.user.user.name} (${expected.open} open): ${k.assignment_reason}`);
      assert.ok(k.assignment_reason.includes(expected.user.user.name), k.assignment_reason);
      assert.match(k.assignment_reason, /least loaded/i);
      assert.ok(k.assignment_reason.includes(String(expected.open)), `reason names the load: ${k.assignment_reason}`);
      seq.push(nameOf(k.owner_id));
    }
    // Kari (fewer open cases); then both equal, Per's last case came earlier; then Kari again.
    if (start[0].open === start[1].open) assert.deepEqual(seq, ['Kari Lund', 'Per Dahl', 'Kari Lund']);
  });

  test('only open cases count toward the load', async () => {
    const c = await noOwner();
    const before = await nextInLine();
    const busier = team().find((u) => u.id !== before.user.id);
    // Resolve and close every open case of the busier member: now it has none.
    for (const k of await listAll(h.admin, `/api/v1/cases?owner_id=${busier.id}&open=true`)) {
      await patchCase(h.admin, k.id, { status: k.status === 'pending' ? 'resolved' : 'closed' });
    }
    const k = await openCase(other.client, c);
    assert.equal(k.owner_id, busier.id, k.assignment_reason);
    assert.ok(k.assignment_reason.includes('(0 open cases)'), k.assignment_reason);
  });

  test('the round-robin owner is notified (case_assigned) and the event has rule round_robin', async () => {
    const expected = await nextInLine();
    const k = await openCase(other.client, await noOwner());
    assert.equal(k.owner_id, expected.user.id);
    const notes = (await notifications(expected.user.client)).items.filter((n) => n.ref_id === k.id);
    assert.deepEqual(notes.map((n) => n.kind), ['case_assigned']);
    const assigned = (await caseEvents(h.admin, k.id)).filter((e) => e.kind === 'assigned');
    assert.equal(assigned[0].data.rule, 'round_robin');
    assert.equal(assigned[0].data.owner_id, expected.user.id);
  });

  test('explicit owner_id → manual, even when the customer has an owner; that user is notified', async () => {
    const k = await openCase(other.client, await annsCustomer(), { owner_id: kari.id });
    assert.equal(k.owner_id, kari.id);
    assert.equal(k.assignment_rule, 'manual');
    assert.ok(k.assignment_reason.length > 0);
    assert.ok((await notifications(kari.client)).items.some((n) => n.ref_id === k.id && n.kind === 'case_assigned'));
    assert.ok(!(await notifications(ann.client)).items.some((n) => n.ref_id === k.id));
  });

  test('owner_id null on create → 422 (leave it out to route)', async () => {
    expectFieldErrors(await other.client.post('/api/v1/cases', { contact_id: (await annsCustomer()).id, subject: 'x',
                                                                 owner_id: null }), ['owner_id']);
  });
});

describe('away periods', () => {
  test('PUT /me/away as the owner: away now → round_robin to the team; the reason says away until when', async () => {
    const until = fromNow(48 * HOUR);
    const me = expectStatus(await ann.client.put('/api/v1/me/away', { away_from: fromNow(-HOUR), away_until: until }), 200);
    assert.equal(norm(me.away_until), norm(until));
    assert.match(me.away_from, RFC3339_UTC);
    try {
      const expected = await nextInLine();
      const k = await openCase(other.client, await annsCustomer());
      assert.equal(k.assignment_rule, 'round_robin', k.assignment_reason);
      assert.equal(k.owner_id, expected.user.id, k.assignment_reason);
      assert.ok(k.assignment_reason.includes('Ann Berg'), k.assignment_reason);
      assert.match(k.assignment_reason, /away/i);
      assert.ok(k.assignment_reason.includes(norm(until)) || k.assignment_reason.includes(until),
                `reason names when the owner is back (${until}): ${k.assignment_reason}`);
      assert.ok(k.assignment_reason.includes(expected.user.user.name), k.assignment_reason);
    } finally {
      const back = expectStatus(await ann.client.put('/api/v1/me/away', { away_from: null, away_until: null }), 200);
      assert.equal(back.away_from, null);
      assert.equal(back.away_until, null);
    }
    const k = await openCase(other.client, await annsCustomer());
    assert.equal(k.owner_id, ann.id, 'back: the owner again');
    assert.equal(k.assignment_rule, 'owner');
  });

  test('open-ended away (away_until null) counts; a future or finished away period does not', async () => {
    const c = await annsCustomer();
    try {
      expectStatus(await ann.client.put('/api/v1/me/away', { away_from: fromNow(-HOUR), away_until: null }), 200);
      assert.equal((await openCase(other.client, c)).assignment_rule, 'round_robin');
      expectStatus(await ann.client.put('/api/v1/me/away', { away_from: fromNow(24 * HOUR), away_until: fromNow(48 * HOUR) }), 200);
      const future = await openCase(other.client, c);
      assert.equal(future.owner_id, ann.id, 'not away yet');
      expectStatus(await ann.client.put('/api/v1/me/away', { away_from: fromNow(-48 * HOUR), away_until: fromNow(-HOUR) }), 200);
      const over = await openCase(other.client, c);
      assert.equal(over.owner_id, ann.id, 'back already');
    } finally {
      expectStatus(await ann.client.put('/api/v1/me/away', {}), 200);
    }
  });

  test('PUT /me/away: away_until before away_from → 422; unknown field → 422', async () => {
    expectFieldErrors(await ann.client.put('/api/v1/me/away', { away_from: fromNow(HOUR), away_until: fromNow(-HOUR) }),
                      ['away_until']);
    expectFieldErrors(await ann.client.put('/api/v1/me/away', { away_from: 'soon' }), ['away_from']);
    expectFieldErrors(await ann.client.put('/api/v1/me/away', { vacation: true }), ['vacation']);
    const me = expectStatus(await ann.client.get('/api/v1/me'), 200);
    assert.equal(me.away_from, null);
  });

  test('admin PATCH /users/{id} away_from/away_until: an away team member is skipped even when least loaded', async () => {
    const first = await nextInLine();
    const skipped = first.user;
    const stays = team().find((u) => u.id !== skipped.id);
    await setUser(skipped.id, { away_from: fromNow(-HOUR), away_until: fromNow(3 * HOUR) });
    try {
      const k = await openCase(other.client, await noOwner());
      assert.equal(k.owner_id, stays.id, k.assignment_reason);
      assert.equal(k.assignment_rule, 'round_robin');
    } finally {
      await setUser(skipped.id, { away_from: null, away_until: null });
    }
  });

  test('admin sets the owner away → round_robin', async () => {
    await setUser(ann.id, { away_from: fromNow(-HOUR), away_until: fromNow(HOUR) });
    try {
      const k = await openCase(other.client, await annsCustomer());
      assert.equal(k.assignment_rule, 'round_robin');
      assert.match(k.assignment_reason, /away/i);
    } finally {
      await setUser(ann.id, { away_from: null, away_until: null });
    }
  });
});

describe('nobody available, inactive users', () => {
  test('the whole team away → unassigned (no owner, no assigned_at); listed in view=team', async () => {
    for (const u of team()) await setUser(u.id, { away_from: fromNow(-HOUR), away_until: null });
    try {
      const c = await noOwner();
      const k = await openCase(other.client, c);
      assert.equal(k.owner_id, null);
      assert.equal(k.assignment_rule, 'unassigned');
      assert.equal(k.assigned_at, null);
      assert.ok(k.assignment_reason.length > 0, 'the reason says why');
      assert.match(k.assignment_reason, /no one|nobody|available/i, k.assignment_reason);
      const teamView = await listAll(h.admin, `/api/v1/cases?view=team&contact_id=${c.id}`);
      assert.deepEqual(teamView.map((x) => x.id), [k.id]);
      const unowned = await listAll(h.admin, `/api/v1/cases?owner_id=none&contact_id=${c.id}`);
      assert.deepEqual(unowned.map((x) => x.id), [k.id]);
      // The owner away too: still unassigned, and the reason says so.
      await setUser(ann.id, { away_from: fromNow(-HOUR), away_until: fromNow(HOUR) });
      const a = await openCase(other.client, await annsCustomer());
      assert.equal(a.assignment_rule, 'unassigned');
      assert.ok(a.assignment_reason.includes('Ann Berg'), a.assignment_reason);
    } finally {
      for (const u of [...team(), ann]) await setUser(u.id, { away_from: null, away_until: null });
    }
  });

  test('a deactivated owner → round_robin, the reason says the owner is no longer active', async () => {
    const gone = await h.makeUser('agent', { name: 'Gunnar Gone' });
    const c = await customer(other.client, { owner_id: gone.id });
    expectStatus(await h.admin.del(`/api/v1/users/${gone.id}`), 204);
    const expected = await nextInLine();
    const k = await openCase(other.client, c);
    assert.equal(k.assignment_rule, 'round_robin');
    assert.equal(k.owner_id, expected.user.id);
    assert.match(k.assignment_reason, /active/i, k.assignment_reason);
  });

  test('a deactivated or removed team member gets no cases', async () => {
    const extra = await h.makeUser('agent', { name: 'Bente Borte' });
    await setUser(extra.id, { service_team: true });
    // No open cases at all: Bente is next in line…
    const k = await openCase(other.client, await noOwner());
    assert.equal(k.owner_id, extra.id, k.assignment_reason);
    // …until she leaves the team, and she is not back when deactivated either.
    await setUser(extra.id, { service_team: false });
    await patchCase(h.admin, k.id, { status: 'closed' });
    assert.notEqual((await openCase(other.client, await noOwner())).owner_id, extra.id);
    await setUser(extra.id, { service_team: true });
    expectStatus(await h.admin.del(`/api/v1/users/${extra.id}`), 204);
    const j = await openCase(other.client, await noOwner());
    assert.notEqual(j.owner_id, extra.id);
    assert.ok(team().some((u) => u.id === j.owner_id));
  });
});

describe('notifications', () => {
  test('newest first with unread_count; unread=true; mark one read; read-all; another user\'s → 404', async () => {
    const c = await annsCustomer();
    const k1 = await openCase(other.client, c, { subject: 'First' });
    const k2 = await openCase(other.client, c, { subject: 'Second' });
    let all = await notifications(ann.client);
    assert.ok(Number.isInteger(all.unread_count));
    const mine = all.items.filter((n) => n.ref_id === k1.id || n.ref_id === k2.id);
    assert.deepEqual(mine.map((n) => n.ref_id), [k2.id, k1.id], 'newest first');
    for (const n of all.items) {
      for (const f of ['id', 'kind', 'title', 'body', 'ref_type', 'ref_id', 'read_at', 'created_at']) {
        assert.ok(f in n, `notification has ${f}`);
      }
    }
    const unreadBefore = all.unread_count;
    assert.equal(unreadBefore, all.items.filter((n) => n.read_at === null).length);

    const read = expectStatus(await ann.client.post(`/api/v1/notifications/${mine[0].id}/read`, {}), 200);
    assert.match(read.read_at, RFC3339_UTC);
    all = await notifications(ann.client);
    assert.equal(all.unread_count, unreadBefore - 1);
    const unread = await notifications(ann.client, '?unread=true');
    assert.ok(unread.items.every((n) => n.read_at === null));
    assert.ok(!unread.items.some((n) => n.id === mine[0].id));

    expectProblem(await other.client.post(`/api/v1/notifications/${mine[1].id}/read`, {}), 404, 'not-found');
    assert.equal((await notifications(ann.client)).items.find((n) => n.id === mine[1].id).read_at, null,
                 'another user cannot mark it');

    expectStatus(await ann.client.post('/api/v1/notifications/read-all', {}), 200);
    all = await notifications(ann.client);
    assert.equal(all.unread_count, 0);
    assert.deepEqual((await notifications(ann.client, '?unread=true')).items, []);
    const k3 = await openCase(other.client, c, { subject: 'Third' });
    const fresh = await notifications(ann.client, '?unread=true');
    assert.deepEqual(fresh.items.map((n) => n.ref_id), [k3.id]);
    assert.equal(fresh.unread_count, 1);
  });

  test('reassigning by PATCH notifies the new owner', async () => {
    const k = await openCase(other.client, await annsCustomer());
    const p = await patchCase(manager.client, k.id, { owner_id: per.id });
    assert.equal(p.assignment_rule, 'manual');
    assert.ok((await notifications(per.client)).items.some((n) => n.ref_id === k.id && n.kind === 'case_assigned'));
    assert.equal((await readCase(h.admin, k.id)).owner_id, per.id);
  });
});
