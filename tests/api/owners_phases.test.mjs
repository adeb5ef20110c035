// Owner and relationship-phase scenarios: an owner change by PATCH lands on the timeline
// (owner_change, from/to) and in the audit log; POST /contacts/reassign moves all contacts of
// one owner or a list of contacts (manager+, one selector, each moved contact versioned,
// audited and on the timeline); POST /contacts/{id}/phase with a reason, the phase history
// and durations, and moving to the current phase changing nothing.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, expectStatus, expectProblem, expectFieldErrors, listAll, RFC3339_UTC } from './harness.mjs';
import { createContact } from './operational_helpers.mjs';

let h, agent, manager, viewer;
before(async () => {
  h = await setup({ users: ['agent', 'manager', 'viewer'] });
  [agent, manager, viewer] = h.users;
});
after(async () => { await h?.stop(); });

const PHASES = ['exploration', 'awareness', 'expansion', 'commitment', 'dissolution'];

const contact = (body = {}, client = agent.client) => createContact(client, 'Own', body);

async function read(id) {
  return expectStatus(await h.admin.get(`/api/v1/contacts/${id}`), 200);
}

async function timeline(id, kind) {
  return listAll(h.admin, `/api/v1/contacts/${id}/timeline?kind=${kind}`);
}

async function audit(recordId) {
  return listAll(manager.client, `/api/v1/audit?record_id=${encodeURIComponent(recordId)}`);
}

async function phases(id) {
  return expectStatus(await viewer.client.get(`/api/v1/contacts/${id}/phases`), 200);
}

const reassign = (client, body) => client.post('/api/v1/contacts/reassign', body);

describe('owner changes by PATCH', () => {
  test('each change is an owner_change entry (from/to, who) and an audit entry', async () => {
    const a = await h.makeUser('agent');
    const b = await h.makeUser('agent');
    const c = await contact();
    expectStatus(await agent.client.patch(`/api/v1/contacts/${c.id}`, { owner_id: a.id }), 200);
    let entries = await timeline(c.id, 'owner_change');
    assert.equal(entries.length, 1, JSON.stringify(entries));
    assert.equal(entries[0].kind, 'owner_change');
    assert.equal(entries[0].data.from, null);
    assert.equal(entries[0].data.to, a.id);
    assert.equal(entries[0].user_id, agent.id);
    assert.match(entries[0].at, RFC3339_UTC);

    expectStatus(await manager.client.patch(`/api/v1/contacts/${c.id}`, { owner_id: b.id }), 200);
    entries = await timeline(c.id, 'owner_change');
    assert.equal(entries.length, 2);
    assert.equal(entries[0].data.from, a.id, 'newest first');
    assert.equal(entries[0].data.to, b.id);
    assert.equal(entries[0].user_id, manager.id);

    expectStatus(await agent.client.patch(`/api/v1/contacts/${c.id}`, { owner_id: null }), 200);
    entries = await timeline(c.id, 'owner_change');
    assert.equal(entries.length, 3);
    assert.equal(entries[0].data.from, b.id);
    assert.equal(entries[0].data.to, null);

    const log = (await audit(c.id)).filter((e) => e.action === 'update');
    assert.deepEqual(log.map((e) => [e.before.owner_id, e.after.owner_id]), [[b.id, null], [a.id, b.id], [null, a.id]]);
    assert.deepEqual(log.map((e) => e.user_id), [agent.id, manager.id, agent.id]);
  });

  test('a PATCH that keeps the owner (or changes something else) adds no owner_change', async () => {
    const a = await h.makeUser('agent');
    const c = await contact({ owner_id: a.id });
    const before = await timeline(c.id, 'owner_change');
    expectStatus(await agent.client.patch(`/api/v1/contacts/${c.id}`, { owner_id: a.id }), 200);
    expectStatus(await agent.client.patch(`/api/v1/contacts/${c.id}`, { job_title: 'Buyer' }), 200);
    assert.deepEqual(await timeline(c.id, 'owner_change'), before);
  });

  test('an invalid owner → 422 and no entry', async () => {
    const c = await contact();
    expectFieldErrors(await agent.client.patch(`/api/v1/contacts/${c.id}`, { owner_id: 'no-such-user' }), ['owner_id']);
    assert.deepEqual(await timeline(c.id, 'owner_change'), []);
  });
});

describe('POST /contacts/reassign', () => {
  test('from_owner_id moves every non-archived contact of that owner', async () => {
    const from = await h.makeUser('agent');
    const to = await h.makeUser('agent');
    const bystander = await h.makeUser('agent');
    const owned = [];
    for (let i = 0; i < 3; i += 1) owned.push(await contact({ owner_id: from.id }));
    const archived = await contact({ owner_id: from.id });
    expectStatus(await agent.client.del(`/api/v1/contacts/${archived.id}`), 204);
    const archivedBefore = await read(archived.id);
    const others = await contact({ owner_id: bystander.id });

    const r = await reassign(manager.client, { from_owner_id: from.id, to_owner_id: to.id });
    assert.equal(expectStatus(r, 200).moved, 3);

    assert.deepEqual(await listAll(h.admin, `/api/v1/contacts?owner_id=${from.id}`), []);
    assert.deepEqual((await listAll(h.admin, `/api/v1/contacts?owner_id=${to.id}`)).map((x) => x.id).sort(),
                     owned.map((x) => x.id).sort());
    assert.deepEqual(await read(archived.id), archivedBefore, 'archived contacts stay');
    assert.equal((await read(others.id)).owner_id, bystander.id);

    for (const c of owned) {
      const now = await read(c.id);
      assert.equal(now.owner_id, to.id);
      assert.equal(now.version, c.version + 1, 'each moved contact gets a new version');
      const [e] = await timeline(c.id, 'owner_change');
      assert.equal(e.data.from, from.id);
      assert.equal(e.data.to, to.id);
      assert.equal(e.user_id, manager.id);
      const [last] = await audit(c.id);
      assert.equal(last.action, 'update');
      assert.equal(last.user_id, manager.id);
      assert.equal(last.before.owner_id, from.id);
      assert.equal(last.after.owner_id, to.id);
    }

    assert.equal(expectStatus(await reassign(manager.client, { from_owner_id: from.id, to_owner_id: to.id }), 200).moved, 0, 'nothing left to move');
  });

  test('contact_ids moves exactly those; to_owner_id null clears the owner', async () => {
    const from = await h.makeUser('agent');
    const to = await h.makeUser('agent');
    const a = await contact({ owner_id: from.id });
    const b = await contact();
    const keep = await contact({ owner_id: from.id });
    assert.equal(expectStatus(await reassign(h.admin, { contact_ids: [a.id, b.id], to_owner_id: to.id }), 200).moved, 2);
    assert.equal((await read(a.id)).owner_id, to.id);
    assert.equal((await read(b.id)).owner_id, to.id);
    assert.equal((await read(keep.id)).owner_id, from.id);
    const [eb] = await timeline(b.id, 'owner_change');
    assert.equal(eb.data.from, null);
    assert.equal(eb.data.to, to.id);

    assert.equal(expectStatus(await reassign(manager.client, { contact_ids: [a.id], to_owner_id: null }), 200).moved, 1);
    const cleared = await read(a.id);
    assert.equal(cleared.owner_id, null);
    const [ea] = await timeline(a.id, 'owner_change');
    assert.equal(ea.data.from, to.id);
    assert.equal(ea.data.to, null);
  });

  test('agent and viewer → 403 forbidden; nothing moves', async () => {
    const from = await h.makeUser('agent');
    const c = await contact({ owner_id: from.id });
    for (const u of [agent, viewer]) {
      expectProblem(await reassign(u.client, { from_owner_id: from.id, to_owner_id: agent.id }), 403, 'forbidden');
    }
    assert.deepEqual(await read(c.id), c);
  });

  test('both selectors or neither → 422; bad ids → 422; nothing moves', async () => {
    const from = await h.makeUser('agent');
    const to = await h.makeUser('agent');
    const c = await contact({ owner_id: from.id });
    expectProblem(await reassign(manager.client, { from_owner_id: from.id, contact_ids: [c.id], to_owner_id: to.id }),
                  422, 'validation');
    expectProblem(await reassign(manager.client, { to_owner_id: to.id }), 422, 'validation');
    expectFieldErrors(await reassign(manager.client, { from_owner_id: from.id, to_owner_id: 'no-such-user' }), ['to_owner_id']);
    expectFieldErrors(await reassign(manager.client, { contact_ids: 'all', to_owner_id: to.id }), ['contact_ids']);
    expectFieldErrors(await reassign(manager.client,
      { contact_ids: Array.from({ length: 1001 }, () => c.id), to_owner_id: to.id }), ['contact_ids']);
    expectFieldErrors(await reassign(manager.client, { from_owner_id: from.id, to_owner_id: to.id, force: true }), ['force']);
    assert.deepEqual(await read(c.id), c);
  });

  test('a deactivated target owner → 422 to_owner_id', async () => {
    const from = await h.makeUser('agent');
    const gone = await h.makeUser('agent');
    expectStatus(await h.admin.del(`/api/v1/users/${gone.id}`), 204);
    const c = await contact({ owner_id: from.id });
    expectFieldErrors(await reassign(manager.client, { from_owner_id: from.id, to_owner_id: gone.id }), ['to_owner_id']);
    assert.deepEqual(await read(c.id), c);
  });
});

describe('relationship phases', () => {
  test('POST /phase with a reason: contact moved, history entry with reason and user, timeline phase_change', async () => {
    const c = await contact();
    const r = await agent.client.post(`/api/v1/contacts/${c.id}/phase`, { phase: 'awareness', reason: 'Signed up for the webinar' });
    const moved = expectStatus(r, 200);
    assert.equal(moved.id, c.id);
    assert.equal(moved.phase, 'awareness');
    assert.equal(moved.version, 2);
    assert.deepEqual(await read(c.id), moved);

    const p = await phases(c.id);
    assert.equal(p.current, 'awareness');
    assert.equal(p.history.length, 1, JSON.stringify(p));
    const [e] = p.history;
    assert.equal(e.from, 'exploration');
    assert.equal(e.to, 'awareness');
    assert.equal(e.user_id, agent.id);
    assert.equal(e.reason, 'Signed up for the webinar');
    assert.match(e.at, RFC3339_UTC);

    const [t] = await timeline(c.id, 'phase_change');
    assert.equal(t.data.from, 'exploration');
    assert.equal(t.data.to, 'awareness');
    assert.equal(t.user_id, agent.id);
  });

  test('history is oldest first; a PATCH of phase records a change without a reason', async () => {
    const c = await contact();
    expectStatus(await agent.client.post(`/api/v1/contacts/${c.id}/phase`, { phase: 'expansion', reason: 'First order' }), 200);
    expectStatus(await manager.client.patch(`/api/v1/contacts/${c.id}`, { phase: 'commitment' }), 200);
    expectStatus(await agent.client.post(`/api/v1/contacts/${c.id}/phase`, { phase: 'dissolution' }), 200);
    const p = await phases(c.id);
    assert.equal(p.current, 'dissolution');
    assert.deepEqual(p.history.map((e) => [e.from, e.to, e.user_id, e.reason ?? null]), [
      ['exploration', 'expansion', agent.id, 'First order'],
      ['expansion', 'commitment', manager.id, null],
      ['commitment', 'dissolution', agent.id, null],
    ]);
    for (let i = 1; i < p.history.length; i += 1) {
      assert.ok(Date.parse(p.history[i - 1].at) <= Date.parse(p.history[i].at), 'oldest first');
    }
    assert.equal((await timeline(c.id, 'phase_change')).length, 3);
  });

  test('durations: all five phases, non-negative numbers, adding up to the contact\'s age', async () => {
    const c = await contact();
    expectStatus(await agent.client.post(`/api/v1/contacts/${c.id}/phase`, { phase: 'commitment' }), 200);
    const p = await phases(c.id);
    assert.deepEqual(Object.keys(p.durations).sort(), [...PHASES].sort());
    for (const ph of PHASES) {
      assert.equal(typeof p.durations[ph], 'number', `${ph}: ${JSON.stringify(p.durations)}`);
      assert.ok(Number.isFinite(p.durations[ph]) && p.durations[ph] >= 0, `${ph} ≥ 0: ${JSON.stringify(p.durations)}`);
    }
    assert.equal(p.durations.awareness, 0);
    assert.equal(p.durations.expansion, 0);
    assert.equal(p.durations.dissolution, 0);
    const sum = PHASES.reduce((s, ph) => s + p.durations[ph], 0);
    const age = (Date.now() - Date.parse(c.created_at)) / 1000;
    assert.ok(sum <= age + 2 && sum >= age - 10, `durations add up to the age (${age} s): ${JSON.stringify(p.durations)}`);
  });

  test('a contact created in another phase starts its history there', async () => {
    const c = await contact({ phase: 'commitment' });
    const p = await phases(c.id);
    assert.equal(p.current, 'commitment');
    assert.deepEqual(p.history, []);
    assert.equal(p.durations.exploration, 0);
    assert.ok(p.durations.commitment >= 0);
  });

  test('moving to the current phase changes nothing (version, history, timeline)', async () => {
    const c = await contact();
    const same = await agent.client.post(`/api/v1/contacts/${c.id}/phase`, { phase: 'exploration', reason: 'No-op' });
    assert.equal(expectStatus(same, 200).version, 1);
    assert.deepEqual(await read(c.id), c);
    const moved = expectStatus(await agent.client.post(`/api/v1/contacts/${c.id}/phase`, { phase: 'awareness' }), 200);
    const again = expectStatus(await agent.client.post(`/api/v1/contacts/${c.id}/phase`, { phase: 'awareness', reason: 'Twice' }), 200);
    assert.equal(again.version, moved.version);
    assert.deepEqual(await read(c.id), moved);
    expectStatus(await agent.client.patch(`/api/v1/contacts/${c.id}`, { phase: 'awareness' }), 200);
    assert.equal((await phases(c.id)).history.length, 1);
    assert.equal((await timeline(c.id, 'phase_change')).length, 1);
  });

  test('validation: unknown phase, over-long reason, unknown field → 422; unchanged', async () => {
    const c = await contact();
    expectFieldErrors(await agent.client.post(`/api/v1/contacts/${c.id}/phase`, { phase: 'dating' }), ['phase']);
    expectFieldErrors(await agent.client.post(`/api/v1/contacts/${c.id}/phase`, {}), ['phase']);
    expectFieldErrors(await agent.client.post(`/api/v1/contacts/${c.id}/phase`, { phase: 'awareness', reason: 'r'.repeat(501) }),
                      ['reason']);
    expectFieldErrors(await agent.client.post(`/api/v1/contacts/${c.id}/phase`, { phase: 'awareness', why: 'x' }), ['why']);
    assert.deepEqual(await read(c.id), c);
    assert.deepEqual((await phases(c.id)).history, []);
    expectStatus(await agent.client.post(`/api/v1/contacts/${c.id}/phase`, { phase: 'awareness', reason: 'r'.repeat(500) }), 200);
  });

  test('viewer → 403; unknown contact → 404', async () => {
    const c = await contact();
    expectProblem(await viewer.client.post(`/api/v1/contacts/${c.id}/phase`, { phase: 'awareness' }), 403, 'forbidden');
    assert.deepEqual(await read(c.id), c);
    expectProblem(await agent.client.post('/api/v1/contacts/no-such-contact/phase', { phase: 'awareness' }), 404, 'not-found');
    expectProblem(await viewer.client.get('/api/v1/contacts/no-such-contact/phases'), 404, 'not-found');
  });

  test('a phase move is audited', async () => {
    const c = await contact();
    expectStatus(await agent.client.post(`/api/v1/contacts/${c.id}/phase`, { phase: 'expansion', reason: 'Upsell' }), 200);
    const [e] = await audit(c.id);
    assert.equal(e.action, 'update');
    assert.equal(e.before.phase, 'exploration');
    assert.equal(e.after.phase, 'expansion');
  });
});
