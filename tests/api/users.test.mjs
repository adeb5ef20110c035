// User administration scenarios: admin creates, changes and deactivates staff users;
// every staff user may read them; nobody else may change them; passwords never leak.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  setup, api, request, login, uniqueEmail, expectStatus, expectProblem, expectFieldErrors, listAll,
  RFC3339_UTC,
} from './harness.mjs';

let h, viewer;
before(async () => {
  h = await setup();
  viewer = await h.makeUser('viewer');
});
after(async () => { await h?.stop(); });

const USER_FIELDS = ['id', 'email', 'name', 'role', 'active', 'created_at', 'updated_at', 'version'];
const tryLogin = (email, password) => request(h.base, 'POST', '/api/v1/auth/login', { body: { email, password } });

describe('create', () => {
  test('admin creates a user → 201, Location, no password in the answer; the user can sign in', async () => {
    const email = uniqueEmail('new');
    const password = 'a-good-password-1';
    const r = await h.admin.post('/api/v1/users', { email, name: 'New Person', role: 'agent', password });
    const u = expectStatus(r, 201);
    for (const f of USER_FIELDS) assert.ok(f in u, `user has ${f}`);
    assert.equal(u.email, email);
    assert.equal(u.name, 'New Person');
    assert.equal(u.role, 'agent');
    assert.equal(u.active, true);
    assert.equal(u.version, 1);
    assert.match(u.created_at, RFC3339_UTC);
    assert.ok(!JSON.stringify(u).includes(password), 'password never echoed');
    assert.ok(!('password' in u) && !('password_hash' in u));
    assert.equal(new URL(r.headers.get('location'), h.base).pathname, `/api/v1/users/${u.id}`);
    assert.equal(r.headers.get('etag'), '"1"');

    const token = await login(h.base, email, password);
    const me = expectStatus(await api(h.base, token).get('/api/v1/me'), 200);
    assert.equal(me.id, u.id);
    assert.equal(me.role, 'agent');
  });

  test('duplicate email → 409 conflict, nothing created', async () => {
    const email = uniqueEmail('twice');
    expectStatus(await h.admin.post('/api/v1/users', { email, name: 'One', role: 'viewer', password: 'password-one' }), 201);
    const before = (await listAll(h.admin, '/api/v1/users')).length;
    expectProblem(await h.admin.post('/api/v1/users', { email, name: 'Two', role: 'admin', password: 'password-two' }),
                  409, 'conflict');
    assert.equal((await listAll(h.admin, '/api/v1/users')).length, before);
    expectProblem(await tryLogin(email, 'password-two'), 401, 'unauthorized');
  });

  for (const [name, body, field] of [
    ['password shorter than 8', { name: 'Short', role: 'agent', password: 'short7!' }, 'password'],
    ['password missing', { name: 'Nopass', role: 'agent' }, 'password'],
    ['unknown role', { name: 'Root', role: 'root', password: 'long-enough-1' }, 'role'],
    ['bad email', { email: 'not-an-email', name: 'Bad', role: 'agent', password: 'long-enough-1' }, 'email'],
  ]) {
    test(`${name} → 422 ${field}, nothing created`, async () => {
      const before = (await listAll(h.admin, '/api/v1/users')).length;
      expectFieldErrors(await h.admin.post('/api/v1/users', { email: uniqueEmail('inv'), ...body }), [field]);
      assert.equal((await listAll(h.admin, '/api/v1/users')).length, before);
    });
  }
});

describe('read', () => {
  test('any staff user lists and reads users; filters role, active', async () => {
    const agent = await h.makeUser('agent');
    const list = expectStatus(await viewer.client.get('/api/v1/users'), 200);
    assert.ok(Array.isArray(list.items));
    assert.ok('next_cursor' in list);
    assert.ok(!JSON.stringify(list).match(/password|\$argon2/), 'no password material in lists');

    const one = expectStatus(await viewer.client.get(`/api/v1/users/${agent.id}`), 200);
    assert.equal(one.email, agent.email);
    assert.equal(one.role, 'agent');

    const agents = await listAll(viewer.client, '/api/v1/users?role=agent');
    assert.ok(agents.length >= 1 && agents.every((u) => u.role === 'agent'));
    assert.ok(agents.some((u) => u.id === agent.id));

    const active = await listAll(viewer.client, '/api/v1/users?active=true');
    assert.ok(active.every((u) => u.active === true));
  });

  test('q finds users by email and name', async () => {
    const agent = await h.makeUser('agent', { name: 'Searchable Person' });
    const found = expectStatus(await viewer.client.get(`/api/v1/users?q=${encodeURIComponent(agent.email)}`), 200);
    assert.deepEqual(found.items.map((u) => u.id), [agent.id]);
    const byName = expectStatus(await viewer.client.get('/api/v1/users?q=searchable'), 200);
    assert.deepEqual(byName.items.map((u) => u.id), [agent.id]);
  });

  test('unknown user → 404 not-found; anonymous → 401', async () => {
    expectProblem(await viewer.client.get('/api/v1/users/no-such-user'), 404, 'not-found');
    expectProblem(await request(h.base, 'GET', '/api/v1/users'), 401, 'unauthorized');
  });

  test('list parameter errors', async () => {
    expectProblem(await viewer.client.get('/api/v1/users?limit=501'), 422, 'limit-too-large');
    expectProblem(await viewer.client.get('/api/v1/users?cursor=zzz'), 400, 'bad-request');
    expectProblem(await viewer.client.get('/api/v1/users?shoe=42'), 400, 'bad-request');
  });
});

describe('change and deactivate', () => {
  test('PATCH role takes effect at once; version +1', async () => {
    const u = await h.makeUser('viewer');
    expectProblem(await u.client.post('/api/v1/contacts', { first_name: 'Nope' }), 403, 'forbidden');
    const r = await h.admin.patch(`/api/v1/users/${u.id}`, { role: 'agent', name: 'Promoted' });
    const p = expectStatus(r, 200);
    assert.equal(p.role, 'agent');
    assert.equal(p.name, 'Promoted');
    assert.equal(p.email, u.email);
    assert.equal(p.version, 2);
    expectStatus(await u.client.post('/api/v1/contacts', { first_name: 'Now allowed' }), 201);
  });

  test('PATCH password: old one stops working, new one works; short one → 422', async () => {
    const u = await h.makeUser('agent');
    expectFieldErrors(await h.admin.patch(`/api/v1/users/${u.id}`, { password: 'short' }), ['password']);
    await login(h.base, u.email, u.password);
    const r = expectStatus(await h.admin.patch(`/api/v1/users/${u.id}`, { password: 'brand-new-password' }), 200);
    assert.ok(!JSON.stringify(r).includes('brand-new-password'));
    expectProblem(await tryLogin(u.email, u.password), 401, 'unauthorized');
    await login(h.base, u.email, 'brand-new-password');
  });

  test('PATCH invalid role → 422, unchanged', async () => {
    const u = await h.makeUser('agent');
    expectFieldErrors(await h.admin.patch(`/api/v1/users/${u.id}`, { role: 'superuser' }), ['role']);
    const now = expectStatus(await h.admin.get(`/api/v1/users/${u.id}`), 200);
    assert.equal(now.role, 'agent');
    assert.equal(now.version, 1);
  });

  test('DELETE deactivates: active=false, sessions end, sign-in refused', async () => {
    const u = await h.makeUser('agent');
    const second = api(h.base, await login(h.base, u.email, u.password));
    const tok = expectStatus(await u.client.post('/api/v1/api-tokens', { name: 'script' }), 201);
    expectStatus(await h.admin.del(`/api/v1/users/${u.id}`), 204);
    const now = expectStatus(await h.admin.get(`/api/v1/users/${u.id}`), 200);
    assert.equal(now.active, false);
    assert.equal(now.version, 2);
    expectProblem(await u.client.get('/api/v1/me'), 401, 'unauthorized');
    expectProblem(await second.get('/api/v1/me'), 401, 'unauthorized');
    expectProblem(await api(h.base, tok.token).get('/api/v1/me'), 401, 'unauthorized');
    expectProblem(await tryLogin(u.email, u.password), 401, 'unauthorized');
    const inactive = await listAll(h.admin, '/api/v1/users?active=false');
    assert.ok(inactive.some((x) => x.id === u.id));
    assert.ok(inactive.every((x) => x.active === false));
  });

  test('PATCH active=true reactivates a deactivated user', async () => {
    const u = await h.makeUser('agent');
    expectStatus(await h.admin.del(`/api/v1/users/${u.id}`), 204);
    expectProblem(await tryLogin(u.email, u.password), 401, 'unauthorized');
    const r = expectStatus(await h.admin.patch(`/api/v1/users/${u.id}`, { active: true }), 200);
    assert.equal(r.active, true);
    await login(h.base, u.email, u.password);
  });

  test('If-Match stale → 412, unchanged', async () => {
    const u = await h.makeUser('agent');
    expectStatus(await h.admin.patch(`/api/v1/users/${u.id}`, { name: 'Second' }), 200);
    expectProblem(await h.admin.patch(`/api/v1/users/${u.id}`, { name: 'Stale' }, { headers: { 'if-match': '"1"' } }),
                  412, 'precondition-failed');
    assert.equal(expectStatus(await h.admin.get(`/api/v1/users/${u.id}`), 200).name, 'Second');
  });

  test('non-admins cannot change users (403 forbidden), nothing changes', async () => {
    const target = await h.makeUser('viewer');
    for (const role of ['manager', 'agent', 'viewer']) {
      const actor = await h.makeUser(role);
      expectProblem(await actor.client.patch(`/api/v1/users/${target.id}`, { role: 'admin' }), 403, 'forbidden');
      expectProblem(await actor.client.patch(`/api/v1/users/${actor.id}`, { role: 'admin' }), 403, 'forbidden');
      expectProblem(await actor.client.del(`/api/v1/users/${target.id}`), 403, 'forbidden');
      expectProblem(await actor.client.post('/api/v1/users',
        { email: uniqueEmail('sneaky'), name: 'S', role: 'admin', password: 'long-enough-1' }), 403, 'forbidden');
    }
    const t = expectStatus(await h.admin.get(`/api/v1/users/${target.id}`), 200);
    assert.equal(t.role, 'viewer');
    assert.equal(t.active, true);
    assert.equal(t.version, 1);
  });

  test('unknown user → 404 on PATCH and DELETE', async () => {
    expectProblem(await h.admin.patch('/api/v1/users/no-such-user', { name: 'x' }), 404, 'not-found');
    expectProblem(await h.admin.del('/api/v1/users/no-such-user'), 404, 'not-found');
  });
});
