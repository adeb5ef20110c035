// Auth scenarios: login, me, logout, bearer and cookie sessions with CSRF, API tokens,
// failed-login throttling and what each role may do.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  setup, api, request, login, uniqueEmail, expectStatus, expectProblem, countAll, listAll,
  ADMIN_EMAIL, ADMIN_PASSWORD,
} from './harness.mjs';

let h;
before(async () => { h = await setup(); });
after(async () => { await h?.stop(); });

const sessionCookie = (r) => {
  const cookies = r.headers.getSetCookie();
  const c = cookies.find((s) => s.startsWith('hearth_session='));
  assert.ok(c, `login sets hearth_session cookie, got ${JSON.stringify(cookies)}`);
  return c;
};

async function findContactsByEmail(client, email) {
  const r = await client.get(`/api/v1/contacts?archived=all&email=${encodeURIComponent(email)}`);
  expectStatus(r, 200);
  return r.body.items;
}

describe('login', () => {
  test('correct credentials → 200 with token, csrf_token, user and a session cookie', async () => {
    const r = await request(h.base, 'POST', '/api/v1/auth/login',
                            { body: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD } });
    expectStatus(r, 200);
    assert.equal(typeof r.body.token, 'string');
    assert.ok(r.body.token.length >= 16, 'token is long enough to be unguessable');
    assert.equal(typeof r.body.csrf_token, 'string');
    assert.ok(r.body.csrf_token.length >= 16);
    assert.equal(r.body.user.email, ADMIN_EMAIL);
    assert.equal(r.body.user.role, 'admin');
    assert.equal(typeof r.body.user.id, 'string');
    for (const secret of ['password', 'password_hash']) {
      assert.ok(!(secret in r.body.user), `user must not expose ${secret}`);
    }
    const cookie = sessionCookie(r);
    assert.match(cookie, /;\s*HttpOnly/i);
    assert.match(cookie, /;\s*SameSite=Lax/i);
    assert.match(cookie, /;\s*Path=\//i);
    assert.equal(cookie.split(';')[0], `hearth_session=${r.body.token}`);
  });

  test('wrong password and unknown email → the same 401 unauthorized', async () => {
    const u = await h.makeUser('agent');
    const wrong = await request(h.base, 'POST', '/api/v1/auth/login',
                                { body: { email: u.email, password: 'not-the-password' } });
    const p1 = expectProblem(wrong, 401, 'unauthorized');
    assert.deepEqual(wrong.headers.getSetCookie().filter((c) => /^hearth_session=[^;]+/.test(c)), [],
                     'no session cookie on a failed login');
    const unknown = await request(h.base, 'POST', '/api/v1/auth/login',
                                  { body: { email: uniqueEmail('nobody'), password: 'whatever-123' } });
    const p2 = expectProblem(unknown, 401, 'unauthorized');
    assert.equal(p1.type, p2.type);
    assert.equal(p1.title, p2.title);
    assert.equal(p1.detail, p2.detail, 'wrong password and unknown email must not be told apart');
  });

  test('me → the signed-in user; no or unknown token → 401', async () => {
    const u = await h.makeUser('viewer');
    const me = await u.client.get('/api/v1/me');
    expectStatus(me, 200);
    assert.equal(me.body.id, u.id);
    assert.equal(me.body.email, u.email);
    assert.equal(me.body.role, 'viewer');

    expectProblem(await request(h.base, 'GET', '/api/v1/me'), 401, 'unauthorized');
    expectProblem(await api(h.base, 'not-a-real-token').get('/api/v1/me'), 401, 'unauthorized');
    expectProblem(await request(h.base, 'GET', '/api/v1/me', { headers: { authorization: 'Basic Zm9vOmJhcg==' } }),
                  401, 'unauthorized');
  });

  test('logout → 204 and that token stops working; other sessions stay', async () => {
    const u = await h.makeUser('agent');
    const other = api(h.base, await login(h.base, u.email, u.password));
    const r = await u.client.post('/api/v1/auth/logout');
    expectStatus(r, 204);
    expectProblem(await u.client.get('/api/v1/me'), 401, 'unauthorized');
    expectProblem(await u.client.get('/api/v1/contacts'), 401, 'unauthorized');
    expectStatus(await other.get('/api/v1/me'), 200);
  });

  test('anonymous requests to the API → 401 unauthorized', async () => {
    for (const p of ['/api/v1/contacts', '/api/v1/companies', '/api/v1/users', '/api/v1/audit',
                     '/api/v1/api-tokens']) {
      expectProblem(await request(h.base, 'GET', p), 401, 'unauthorized');
    }
    const n = await countAll(h.admin, 'contacts');
    expectProblem(await request(h.base, 'POST', '/api/v1/contacts', { body: { first_name: 'Anon' } }),
                  401, 'unauthorized');
    assert.equal(await countAll(h.admin, 'contacts'), n, 'nothing created anonymously');
  });
});

describe('cookie sessions and CSRF', () => {
  async function cookieSession() {
    const u = await h.makeUser('agent');
    const r = await request(h.base, 'POST', '/api/v1/auth/login',
                            { body: { email: u.email, password: u.password } });
    expectStatus(r, 200);
    const cookie = sessionCookie(r).split(';')[0];
    return { u, cookie, csrf: r.body.csrf_token };
  }

  test('cookie GET works without CSRF; /me also returns X-CSRF-Token', async () => {
    const { u, cookie, csrf } = await cookieSession();
    const me = await request(h.base, 'GET', '/api/v1/me', { headers: { cookie } });
    expectStatus(me, 200);
    assert.equal(me.body.id, u.id);
    assert.equal(me.headers.get('x-csrf-token'), csrf);
    expectStatus(await request(h.base, 'GET', '/api/v1/contacts', { headers: { cookie } }), 200);
  });

  test('cookie POST without X-CSRF-Token → 403 csrf and nothing created; with it → 201', async () => {
    const { cookie, csrf } = await cookieSession();
    const email = uniqueEmail('csrf');
    const missing = await request(h.base, 'POST', '/api/v1/contacts',
                                  { headers: { cookie }, body: { first_name: 'Csrf', email } });
    expectProblem(missing, 403, 'csrf');
    const wrong = await request(h.base, 'POST', '/api/v1/contacts',
                                { headers: { cookie, 'x-csrf-token': 'x' + csrf.slice(1) + 'x' },
                                  body: { first_name: 'Csrf', email } });
    expectProblem(wrong, 403, 'csrf');
    assert.deepEqual(await findContactsByEmail(h.admin, email), [], 'CSRF-refused POSTs store nothing');

    const ok = await request(h.base, 'POST', '/api/v1/contacts',
                             { headers: { cookie, 'x-csrf-token': csrf }, body: { first_name: 'Csrf', email } });
    expectStatus(ok, 201);
    assert.equal((await findContactsByEmail(h.admin, email)).length, 1);
  });

  test('cookie PATCH and DELETE need X-CSRF-Token too; nothing changes without it', async () => {
    const { cookie, csrf } = await cookieSession();
    const c = expectStatus(await h.admin.post('/api/v1/contacts', { first_name: 'Before', email: uniqueEmail('csrf') }), 201);
    const url = `/api/v1/contacts/${c.id}`;
    expectProblem(await request(h.base, 'PATCH', url, { headers: { cookie }, body: { first_name: 'After' } }),
                  403, 'csrf');
    expectProblem(await request(h.base, 'DELETE', url, { headers: { cookie } }), 403, 'csrf');
    const still = expectStatus(await h.admin.get(url), 200);
    assert.equal(still.first_name, 'Before');
    assert.equal(still.version, 1);
    assert.equal(still.archived_at, null);

    const ok = await request(h.base, 'PATCH', url,
                             { headers: { cookie, 'x-csrf-token': csrf }, body: { first_name: 'After' } });
    expectStatus(ok, 200);
    assert.equal(ok.body.first_name, 'After');
  });

  test('bearer requests need no CSRF header', async () => {
    const u = await h.makeUser('agent');
    expectStatus(await u.client.post('/api/v1/contacts', { first_name: 'Bearer', email: uniqueEmail('b') }), 201);
  });

  test('cookie logout needs CSRF; then the cookie is dead', async () => {
    const { cookie, csrf } = await cookieSession();
    expectProblem(await request(h.base, 'POST', '/api/v1/auth/logout', { headers: { cookie } }), 403, 'csrf');
    expectStatus(await request(h.base, 'GET', '/api/v1/me', { headers: { cookie } }), 200);
    expectStatus(await request(h.base, 'POST', '/api/v1/auth/logout',
                               { headers: { cookie, 'x-csrf-token': csrf } }), 204);
    expectProblem(await request(h.base, 'GET', '/api/v1/me', { headers: { cookie } }), 401, 'unauthorized');
  });
});

describe('API tokens', () => {
  test('create → 201 shown once; list own; use; revoke → 401', async () => {
    const u = await h.makeUser('agent');
    const created = await u.client.post('/api/v1/api-tokens', { name: 'ci runner' });
    expectStatus(created, 201);
    const t = created.body;
    assert.equal(t.name, 'ci runner');
    assert.equal(typeof t.id, 'string');
    assert.equal(typeof t.token, 'string');
    assert.ok(t.token.length >= 16);
    assert.match(t.created_at, /Z$/);

    const list1 = expectStatus(await u.client.get('/api/v1/api-tokens'), 200);
    const listed = list1.items.find((x) => x.id === t.id);
    assert.ok(listed, 'new token is listed');
    assert.equal(listed.name, 'ci runner');
    assert.ok(!('token' in listed), 'the secret is shown only at creation');
    assert.ok(!JSON.stringify(list1).includes(t.token), 'the secret never appears in the list');
    assert.equal(listed.last_used_at, null);

    const tokenClient = api(h.base, t.token);
    const me = expectStatus(await tokenClient.get('/api/v1/me'), 200);
    assert.equal(me.id, u.id);
    expectStatus(await tokenClient.post('/api/v1/contacts', { first_name: 'ViaToken', email: uniqueEmail('tok') }), 201);


    // Another user neither sees nor revokes it.
    const other = await h.makeUser('agent');
    const otherList = expectStatus(await other.client.get('/api/v1/api-tokens'), 200);
    assert.ok(!otherList.items.some((x) => x.id === t.id), 'tokens are listed to their owner only');
    const steal = await other.client.del(`/api/v1/api-tokens/${t.id}`);
    expectProblem(steal, steal.status === 403 ? 403 : 404, steal.status === 403 ? 'forbidden' : 'not-found');
    expectStatus(await tokenClient.get('/api/v1/me'), 200);

    expectStatus(await u.client.del(`/api/v1/api-tokens/${t.id}`), 204);
    expectProblem(await tokenClient.get('/api/v1/me'), 401, 'unauthorized');
    const list3 = expectStatus(await u.client.get('/api/v1/api-tokens'), 200);
    assert.ok(!list3.items.some((x) => x.id === t.id), 'revoked token leaves the list');
  });

  test('last_used_at is set once the token was used', async () => {
    const u = await h.makeUser('agent');
    const t = expectStatus(await u.client.post('/api/v1/api-tokens', { name: 'tracked' }), 201);
    const before = Date.now();
    expectStatus(await api(h.base, t.token).get('/api/v1/contacts'), 200);
    const list = expectStatus(await u.client.get('/api/v1/api-tokens'), 200);
    const used = list.items.find((x) => x.id === t.id);
    assert.equal(typeof used.last_used_at, 'string', `last_used_at after use: ${JSON.stringify(used)}`);
    assert.ok(Date.parse(used.last_used_at) >= before - 60_000);
  });

  test('an API token survives logout of the session that made it', async () => {
    const u = await h.makeUser('agent');
    const t = expectStatus(await u.client.post('/api/v1/api-tokens', { name: 'long-lived' }), 201);
    expectStatus(await u.client.post('/api/v1/auth/logout'), 204);
    expectStatus(await api(h.base, t.token).get('/api/v1/me'), 200);
  });

  test('creating a token needs sign-in', async () => {
    expectProblem(await request(h.base, 'POST', '/api/v1/api-tokens', { body: { name: 'x' } }), 401, 'unauthorized');
  });
});

describe('failed-login throttling', () => {
  const attempt = (email, password) =>
    request(h.base, 'POST', '/api/v1/auth/login', { body: { email, password } });

  test('5 failures for one email → then 429 rate-limited with Retry-After, even with the right password', async () => {
    const u = await h.makeUser('viewer');
    const bystander = await h.makeUser('viewer');
    for (let i = 1; i <= 5; i += 1) {
      expectProblem(await attempt(u.email, `wrong-${i}-password`), 401, 'unauthorized');
    }
    const locked = await attempt(u.email, u.password);
    expectProblem(locked, 429, 'rate-limited');
    const ra = locked.headers.get('retry-after');
    assert.match(ra ?? '', /^\d+$/, `Retry-After is delta-seconds, got ${ra}`);
    assert.ok(Number(ra) >= 1 && Number(ra) <= 30, `first lock lasts at most 30 s, Retry-After ${ra}`);
    assert.ok(!locked.body?.token, 'no token while locked');

    expectProblem(await attempt(u.email, 'wrong-again-pw'), 429, 'rate-limited');
    // Other emails are unaffected, and existing sessions of the locked user keep working.
    expectStatus(await attempt(bystander.email, bystander.password), 200);
    expectStatus(await u.client.get('/api/v1/me'), 200);
  });

  test('an unknown email is locked the same way (no account-existence leak)', async () => {
    const ghost = uniqueEmail('ghost');
    for (let i = 0; i < 5; i += 1) expectProblem(await attempt(ghost, 'guess-guess-1'), 401, 'unauthorized');
    const r = await attempt(ghost, 'guess-guess-2');
    expectProblem(r, 429, 'rate-limited');
    assert.match(r.headers.get('retry-after') ?? '', /^\d+$/);
  });

  test('failures count per email whatever its letter case', async () => {
    const u = await h.makeUser('viewer');
    const variants = [u.email.toUpperCase(), u.email, `${u.email[0].toUpperCase()}${u.email.slice(1)}`,
                      u.email.toUpperCase(), u.email];
    for (const v of variants) expectProblem(await attempt(v, 'wrong-case-pw'), 401, 'unauthorized');
    expectProblem(await attempt(u.email, u.password), 429, 'rate-limited');
  });

  test('a success clears the count', async () => {
    const u = await h.makeUser('viewer');
    for (let i = 0; i < 4; i += 1) expectProblem(await attempt(u.email, 'nope-nope-1'), 401, 'unauthorized');
    expectStatus(await attempt(u.email, u.password), 200);
    for (let i = 0; i < 4; i += 1) expectProblem(await attempt(u.email, 'nope-nope-2'), 401, 'unauthorized');
    expectStatus(await attempt(u.email, u.password), 200);
  });
});

describe('roles', () => {
  let viewer, agent, manager, contact;
  before(async () => {
    viewer = await h.makeUser('viewer');
    agent = await h.makeUser('agent');
    manager = await h.makeUser('manager');
    contact = expectStatus(await agent.client.post('/api/v1/contacts',
      { first_name: 'Role', last_name: 'Target', email: uniqueEmail('role') }), 201);
  });

  test('viewer reads but cannot write (403 forbidden, nothing changes)', async () => {
    expectStatus(await viewer.client.get('/api/v1/contacts'), 200);
    expectStatus(await viewer.client.get(`/api/v1/contacts/${contact.id}`), 200);
    expectStatus(await viewer.client.get('/api/v1/companies'), 200);

    const email = uniqueEmail('viewer-write');
    expectProblem(await viewer.client.post('/api/v1/contacts', { first_name: 'No', email }), 403, 'forbidden');
    assert.deepEqual(await findContactsByEmail(h.admin, email), []);
    expectProblem(await viewer.client.patch(`/api/v1/contacts/${contact.id}`, { first_name: 'Changed' }),
                  403, 'forbidden');
    expectProblem(await viewer.client.del(`/api/v1/contacts/${contact.id}`), 403, 'forbidden');
    const c = expectStatus(await h.admin.get(`/api/v1/contacts/${contact.id}`), 200);
    assert.equal(c.first_name, 'Role');
    assert.equal(c.version, 1);
    assert.equal(c.archived_at, null);

    const n = await countAll(h.admin, 'companies');
    expectProblem(await viewer.client.post('/api/v1/companies', { name: 'Viewer Co' }), 403, 'forbidden');
    assert.equal(await countAll(h.admin, 'companies'), n);
  });

  test('agent cannot manage users (403 forbidden) but may list them', async () => {
    expectStatus(await agent.client.get('/api/v1/users'), 200);
    expectStatus(await agent.client.get(`/api/v1/users/${viewer.id}`), 200);
    const email = uniqueEmail('agent-made');
    expectProblem(await agent.client.post('/api/v1/users',
                  { email, name: 'X', role: 'admin', password: 'long-enough-1' }), 403, 'forbidden');
    const all = await listAll(h.admin, '/api/v1/users');
    assert.ok(!all.some((u) => u.email === email), 'no user created by an agent');
    expectProblem(await agent.client.patch(`/api/v1/users/${agent.id}`, { role: 'admin' }), 403, 'forbidden');
    expectProblem(await agent.client.del(`/api/v1/users/${viewer.id}`), 403, 'forbidden');
    const me = expectStatus(await h.admin.get(`/api/v1/users/${agent.id}`), 200);
    assert.equal(me.role, 'agent');
    const v = expectStatus(await h.admin.get(`/api/v1/users/${viewer.id}`), 200);
    assert.equal(v.active, true);
  });

  test('manager reads the audit log; agent and viewer get 403', async () => {
    const r = expectStatus(await manager.client.get('/api/v1/audit'), 200);
    assert.ok(Array.isArray(r.items));
    expectProblem(await agent.client.get('/api/v1/audit'), 403, 'forbidden');
    expectProblem(await viewer.client.get('/api/v1/audit'), 403, 'forbidden');
  });

  test('manager cannot manage users', async () => {
    expectProblem(await manager.client.post('/api/v1/users',
                  { email: uniqueEmail('mgr-made'), name: 'X', role: 'viewer', password: 'long-enough-1' }),
                  403, 'forbidden');
  });
});
