// Audit scenarios: every create, update and archive of a contact, company or user leaves an
// entry with who, when and the changed fields before and after; refused changes leave none.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, uniqueEmail, expectStatus, expectProblem, RFC3339_UTC, listAll } from './harness.mjs';

let h, agent, manager;
before(async () => {
  h = await setup();
  agent = await h.makeUser('agent');
  manager = await h.makeUser('manager');
});
after(async () => { await h?.stop(); });

async function entries(recordId) {
  const r = await manager.client.get(`/api/v1/audit?record_id=${encodeURIComponent(recordId)}`);
  const body = expectStatus(r, 200);
  assert.ok('next_cursor' in body, 'audit is a paged list');
  for (const e of body.items) assert.equal(e.record_id, recordId, 'record_id filter holds');
  return body.items;
}

describe('audit of contacts', () => {
  test('create, update, archive → three entries, newest first, with changed fields only', async () => {
    const email = uniqueEmail('aud');
    const c = expectStatus(await agent.client.post('/api/v1/contacts',
      { first_name: 'Audit', last_name: 'Trail', email }), 201);
    const created = await entries(c.id);
    assert.equal(created.length, 1);
    const e0 = created[0];
    assert.equal(e0.action, 'create');
    assert.equal(e0.record_type, 'contact');
    assert.equal(e0.user_id, agent.id);
    assert.equal(typeof e0.id, 'string');
    assert.match(e0.at, RFC3339_UTC);
    assert.equal(e0.before, null);
    assert.equal(e0.after.first_name, 'Audit');
    assert.equal(e0.after.last_name, 'Trail');
    assert.equal(e0.after.email, email);

    expectStatus(await agent.client.patch(`/api/v1/contacts/${c.id}`,
      { job_title: 'CFO', phone: '412 34 567', last_name: 'Trail' }), 200);
    const updated = await entries(c.id);
    assert.equal(updated.length, 2);
    const e1 = updated[0];
    assert.equal(e1.action, 'update');
    assert.equal(e1.user_id, agent.id);
    assert.equal(e1.before.job_title, null);
    assert.equal(e1.after.job_title, 'CFO');
    assert.equal(e1.before.phone, null);
    assert.equal(e1.after.phone, '+4741234567');
    for (const unchanged of ['first_name', 'last_name', 'email', 'kind', 'phase', 'tags']) {
      assert.ok(!(unchanged in e1.before) && !(unchanged in e1.after),
                `unchanged ${unchanged} is not in before/after: ${JSON.stringify(e1)}`);
    }

    expectStatus(await h.admin.del(`/api/v1/contacts/${c.id}`), 204);
    const archived = await entries(c.id);
    assert.deepEqual(archived.map((e) => e.action), ['archive', 'update', 'create']);
    const me = expectStatus(await h.admin.get('/api/v1/me'), 200);
    assert.equal(archived[0].user_id, me.id);
    assert.equal(archived[0].before.archived_at, null);
    assert.match(archived[0].after.archived_at, RFC3339_UTC);
    for (let i = 1; i < archived.length; i += 1) {
      assert.ok(Date.parse(archived[i - 1].at) >= Date.parse(archived[i].at), 'newest first');
    }
  });

  test('null clearing shows the old value before and null after', async () => {
    const c = expectStatus(await agent.client.post('/api/v1/contacts',
      { first_name: 'Clear', job_title: 'Boss', tags: ['a', 'b'] }), 201);
    expectStatus(await agent.client.patch(`/api/v1/contacts/${c.id}`, { job_title: null, tags: ['a'] }), 200);
    const [e] = await entries(c.id);
    assert.equal(e.action, 'update');
    assert.equal(e.before.job_title, 'Boss');
    assert.equal(e.after.job_title, null);
    assert.deepEqual(e.before.tags, ['a', 'b']);
    assert.deepEqual(e.after.tags, ['a']);
  });

  test('refused changes leave no entry', async () => {
    const c = expectStatus(await agent.client.post('/api/v1/contacts', { first_name: 'Refused' }), 201);
    expectProblem(await agent.client.patch(`/api/v1/contacts/${c.id}`, { first_name: 'X' },
                                           { headers: { 'if-match': '"7"' } }), 412, 'precondition-failed');
    expectProblem(await agent.client.patch(`/api/v1/contacts/${c.id}`, { kind: 'alien' }), 422, 'validation');
    const viewer = await h.makeUser('viewer');
    expectProblem(await viewer.client.del(`/api/v1/contacts/${c.id}`), 403, 'forbidden');
    assert.deepEqual((await entries(c.id)).map((e) => e.action), ['create']);
  });

  test('filters record_type and user_id', async () => {
    const other = await h.makeUser('agent');
    const c = expectStatus(await other.client.post('/api/v1/contacts', { first_name: 'ByOther' }), 201);
    const co = expectStatus(await other.client.post('/api/v1/companies', { name: 'Audited AS' }), 201);
    const mine = await listAll(manager.client, `/api/v1/audit?user_id=${other.id}`);
    assert.ok(mine.every((e) => e.user_id === other.id));
    assert.deepEqual(mine.map((e) => e.record_id).sort(), [c.id, co.id].sort());
    const companies = await listAll(manager.client, `/api/v1/audit?user_id=${other.id}&record_type=company`);
    assert.deepEqual(companies.map((e) => [e.record_type, e.record_id, e.action]), [['company', co.id, 'create']]);
  });

  test('batch creates are audited one entry per record', async () => {
    const body = expectStatus(await agent.client.post('/api/v1/contacts/batch',
      { items: [{ first_name: 'Ba1' }, { first_name: 'Ba2' }] }), 201);
    for (const c of body.items) {
      const es = await entries(c.id);
      assert.deepEqual(es.map((e) => [e.action, e.record_type]), [['create', 'contact']]);
      assert.equal(es[0].after.first_name, c.first_name);
    }
  });
});

describe('audit of companies and users', () => {
  test('company update records before and after', async () => {
    const co = expectStatus(await agent.client.post('/api/v1/companies', { name: 'Old Name AS' }), 201);
    expectStatus(await agent.client.patch(`/api/v1/companies/${co.id}`, { name: 'New Name AS' }), 200);
    const es = await entries(co.id);
    assert.deepEqual(es.map((e) => e.action), ['update', 'create']);
    assert.equal(es[0].record_type, 'company');
    assert.equal(es[0].before.name, 'Old Name AS');
    assert.equal(es[0].after.name, 'New Name AS');
  });

  test('user creation is audited without the password', async () => {
    const password = 'secret-pass-0123';
    const u = await h.makeUser('viewer', { password });
    const es = await entries(u.id);
    assert.equal(es.length, 1);
    assert.equal(es[0].action, 'create');
    assert.equal(es[0].record_type, 'user');
    assert.equal(es[0].after.role, 'viewer');
    const text = JSON.stringify(es);
    assert.ok(!text.includes(password), 'the password never reaches the audit log');
    assert.ok(!/password_hash|\$argon2/.test(text), 'nor its hash');
  });
});

describe('audit of user changes', () => {
  test('role change is audited; a password change never shows the password', async () => {
    const u = await h.makeUser('viewer');
    expectStatus(await h.admin.patch(`/api/v1/users/${u.id}`, { role: 'agent' }), 200);
    expectStatus(await h.admin.patch(`/api/v1/users/${u.id}`, { password: 'fresh-secret-987' }), 200);
    const es = await entries(u.id);
    const roleChange = es.find((e) => e.action === 'update' && e.after && 'role' in e.after);
    assert.ok(roleChange, `a role update entry: ${JSON.stringify(es)}`);
    assert.equal(roleChange.before.role, 'viewer');
    assert.equal(roleChange.after.role, 'agent');
    const text = JSON.stringify(es);
    assert.ok(!text.includes('fresh-secret-987') && !text.includes(u.password), 'no password in the audit log');
    assert.ok(!/\$argon2/.test(text), 'no password hash in the audit log');
  });
});

describe('access', () => {
  test('admin and manager read; agent and anonymous do not', async () => {
    expectStatus(await h.admin.get('/api/v1/audit'), 200);
    expectStatus(await manager.client.get('/api/v1/audit'), 200);
    expectProblem(await agent.client.get('/api/v1/audit'), 403, 'forbidden');
  });

  test('unknown filter → 400 bad-request; limit > 500 → 422', async () => {
    expectProblem(await manager.client.get('/api/v1/audit?recordid=x'), 400, 'bad-request');
    expectProblem(await manager.client.get('/api/v1/audit?limit=501'), 422, 'limit-too-large');
  });
});
