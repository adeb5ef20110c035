// Contact scenarios: create with defaults, field validation, phone normalisation, duplicate
// emails, references to users and companies, merge patch, If-Match, archive and tags.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  setup, uniqueEmail, uniq, expectStatus, expectProblem, expectFieldErrors, countAll,
  RFC3339_UTC, isoDate,
} from './harness.mjs';

let h, agent;
before(async () => {
  h = await setup();
  agent = await h.makeUser('agent');
});
after(async () => { await h?.stop(); });

const CONTACT_FIELDS = ['id', 'first_name', 'last_name', 'email', 'phone', 'company_id', 'job_title',
  'kind', 'owner_id', 'phase', 'relationship_type', 'birthday', 'customer_since', 'tags',
  'archived_at', 'created_at', 'updated_at', 'version'];

async function create(body, client = agent.client) {
  const r = await client.post('/api/v1/contacts', body);
  return expectStatus(r, 201);
}

async function read(id) {
  return expectStatus(await h.admin.get(`/api/v1/contacts/${id}`), 200);
}

async function byEmail(email, archived = 'all') {
  const r = await h.admin.get(`/api/v1/contacts?archived=${archived}&email=${encodeURIComponent(email)}`);
  return expectStatus(r, 200).items;
}

describe('create', () => {
  test('201 with Location, ETag "1", version 1 and defaults', async () => {
    const email = uniqueEmail('kari');
    const r = await agent.client.post('/api/v1/contacts',
                                      { first_name: 'Kari', last_name: 'Nordmann', email });
    const c = expectStatus(r, 201);
    for (const f of CONTACT_FIELDS) assert.ok(f in c, `contact has ${f}: ${JSON.stringify(c)}`);
    assert.equal(typeof c.id, 'string');
    assert.ok(c.id.length > 0);
    assert.equal(c.first_name, 'Kari');
    assert.equal(c.last_name, 'Nordmann');
    assert.equal(c.email, email);
    assert.equal(c.version, 1);
    assert.equal(c.kind, 'prospect');
    assert.equal(c.phase, 'exploration');
    assert.deepEqual(c.tags, []);
    for (const f of ['phone', 'company_id', 'job_title', 'owner_id', 'relationship_type', 'birthday',
                     'customer_since', 'archived_at']) {
      assert.equal(c[f], null, `${f} defaults to null`);
    }
    assert.match(c.created_at, RFC3339_UTC);
    assert.match(c.updated_at, RFC3339_UTC);
    assert.ok(Math.abs(Date.parse(c.created_at) - Date.now()) < 5 * 60_000, 'created_at is now');

    assert.equal(r.headers.get('etag'), '"1"');
    const loc = r.headers.get('location');
    assert.ok(loc, 'Location header');
    assert.equal(new URL(loc, h.base).pathname, `/api/v1/contacts/${c.id}`);

    const g = await h.admin.get(new URL(loc, h.base).pathname);
    expectStatus(g, 200);
    assert.equal(g.headers.get('etag'), '"1"');
    assert.deepEqual(g.body, c);
  });

  test('all given fields are stored; email trimmed with case kept', async () => {
    const company = expectStatus(await agent.client.post('/api/v1/companies', { name: `Fjord ${uniq()} AS` }), 201);
    const raw = uniqueEmail('Mixed.Case').replace('mixed', 'Mixed');
    const c = await create({
      first_name: 'Ola', last_name: 'Hansen', email: `  ${raw}  `, phone: '+47 412 34 568',
      company_id: company.id, job_title: 'Buyer', kind: 'customer', owner_id: agent.id,
      phase: 'commitment', relationship_type: 'dedicated', birthday: '1980-02-29',
      customer_since: '2019-06-01', tags: ['vip'],
    });
    assert.equal(c.email, raw);
    assert.equal(c.phone, '+4741234568');
    assert.equal(c.company_id, company.id);
    assert.equal(c.job_title, 'Buyer');
    assert.equal(c.kind, 'customer');
    assert.equal(c.owner_id, agent.id);
    assert.equal(c.phase, 'commitment');
    assert.equal(c.relationship_type, 'dedicated');
    assert.equal(c.birthday, '1980-02-29');
    assert.equal(c.customer_since, '2019-06-01');
    assert.deepEqual(c.tags, ['vip']);
    assert.deepEqual(await read(c.id), c);
  });

  test('a name alone or an email alone is enough', async () => {
    expectStatus(await agent.client.post('/api/v1/contacts', { last_name: 'Solo' }), 201);
    expectStatus(await agent.client.post('/api/v1/contacts', { first_name: 'Solo' }), 201);
    expectStatus(await agent.client.post('/api/v1/contacts', { email: uniqueEmail('only') }), 201);
  });

  test('read-only fields in the body are ignored', async () => {
    const c = await create({ first_name: 'Ro', id: 'chosen-id', version: 42, created_at: '2001-01-01T00:00:00Z',
                             archived_at: '2001-01-01T00:00:00Z' });
    assert.notEqual(c.id, 'chosen-id');
    assert.equal(c.version, 1);
    assert.notEqual(c.created_at, '2001-01-01T00:00:00Z');
    assert.equal(c.archived_at, null);
  });

  test('unknown id → 404 not-found', async () => {
    expectProblem(await h.admin.get('/api/v1/contacts/does-not-exist-0'), 404, 'not-found');
    expectProblem(await agent.client.patch('/api/v1/contacts/does-not-exist-0', { first_name: 'x' }), 404, 'not-found');
    expectProblem(await agent.client.del('/api/v1/contacts/does-not-exist-0'), 404, 'not-found');
  });
});

describe('field validation → 422 with errors[].field, nothing stored', () => {
  const cases = [
    ['email syntax', { first_name: 'A', email: 'not-an-email' }, 'email'],
    ['email with two @', { first_name: 'A', email: 'a@b@example.com' }, 'email'],
    ['phone letters', { first_name: 'A', phone: 'call me maybe' }, 'phone'],
    ['phone too short', { first_name: 'A', phone: '12' }, 'phone'],
    ['kind enum', { first_name: 'A', kind: 'vip' }, 'kind'],
    ['phase enum', { first_name: 'A', phase: 'dating' }, 'phase'],
    ['relationship_type enum', { first_name: 'A', relationship_type: 'friendly' }, 'relationship_type'],
    ['birthday not a real date', { first_name: 'A', birthday: '1990-02-30' }, 'birthday'],
    ['birthday wrong format', { first_name: 'A', birthday: '31.12.1990' }, 'birthday'],
    ['birthday with time', { first_name: 'A', birthday: '1990-01-01T00:00:00Z' }, 'birthday'],
    ['birthday in the future', { first_name: 'A', birthday: isoDate(400) }, 'birthday'],
    ['customer_since in the future', { first_name: 'A', customer_since: isoDate(30) }, 'customer_since'],
    ['unknown field', { first_name: 'A', favourite_colour: 'blue' }, 'favourite_colour'],
    ['first_name over 200 chars', { first_name: 'x'.repeat(201) }, 'first_name'],
    ['control character', { first_name: 'Bell\u0007' }, 'first_name'],
    ['wrong JSON type', { first_name: 12345 }, 'first_name'],
    ['empty tag', { first_name: 'A', tags: ['ok', '  '] }, 'tags[1]'],
    ['tag over 50 chars', { first_name: 'A', tags: ['t'.repeat(51)] }, 'tags[0]'],
    ['more than 50 tags', { first_name: 'A', tags: Array.from({ length: 51 }, (_, i) => `t${i}`) }, 'tags'],
    ['unknown company_id', { first_name: 'A', company_id: 'no-such-company' }, 'company_id'],
    ['unknown owner_id', { first_name: 'A', owner_id: 'no-such-user' }, 'owner_id'],
  ];
  for (const [name, body, field] of cases) {
    test(name, async () => {
      const email = body.email ?? uniqueEmail('invalid');
      const n = await countAll(h.admin, 'contacts');
      expectFieldErrors(await agent.client.post('/api/v1/contacts', { email, ...body }), [field]);
      assert.equal(await countAll(h.admin, 'contacts'), n, 'nothing stored');
    });
  }

  test('no name and no email → 422', async () => {
    const n = await countAll(h.admin, 'contacts');
    expectProblem(await agent.client.post('/api/v1/contacts', { phone: '+47 412 34 000', kind: 'customer' }),
                  422, 'validation');
    expectProblem(await agent.client.post('/api/v1/contacts', { first_name: '', last_name: null }), 422, 'validation');
    assert.equal(await countAll(h.admin, 'contacts'), n);
  });

  test('every field error is reported at once', async () => {
    const r = await agent.client.post('/api/v1/contacts',
      { first_name: 'A', email: 'bad', kind: 'vip', birthday: 'soon' });
    expectFieldErrors(r, ['email', 'kind', 'birthday']);
  });

  test('owner_id of a deactivated user → 422 owner_id', async () => {
    const gone = await h.makeUser('agent');
    expectStatus(await h.admin.del(`/api/v1/users/${gone.id}`), 204);
    const email = uniqueEmail('orphan');
    expectFieldErrors(await agent.client.post('/api/v1/contacts', { first_name: 'O', email, owner_id: gone.id }),
                      ['owner_id']);
    assert.deepEqual(await byEmail(email), []);
  });

  test('company_id patched to a wrong id → 422, unchanged', async () => {
    const co = expectStatus(await agent.client.post('/api/v1/companies', { name: `Ref ${uniq()}` }), 201);
    const c = await create({ first_name: 'Ref', company_id: co.id });
    assert.equal(c.company_id, co.id);
    expectFieldErrors(await agent.client.patch(`/api/v1/contacts/${c.id}`, { company_id: `${co.id}x` }),
                      ['company_id']);
    assert.equal((await read(c.id)).company_id, co.id);
  });
});

describe('phone normalisation', () => {
  for (const [input, expected] of [
    ['412 34 567', '+4741234567'],
    ['+47 412 34 567', '+4741234567'],
    ['0047 41234567', '+4741234567'],
    ['+46 8 123 456 78', '+46812345678'],
  ]) {
    test(`${input} → ${expected}`, async () => {
      const c = await create({ first_name: 'Phone', phone: input });
      assert.equal(c.phone, expected);
      assert.equal((await read(c.id)).phone, expected);
    });
  }
});

describe('duplicate email', () => {
  test('same email in another case → 409 duplicate-email with existing_id, nothing stored', async () => {
    const email = uniqueEmail('dup');
    const first = await create({ first_name: 'First', email: email.replace('dup', 'Dup') });
    const n = await countAll(h.admin, 'contacts');
    const r = await agent.client.post('/api/v1/contacts', { first_name: 'Second', email: email.toUpperCase() });
    const p = expectProblem(r, 409, 'duplicate-email');
    assert.equal(p.existing_id, first.id);
    const padded = await agent.client.post('/api/v1/contacts', { first_name: 'Third', email: `  ${email} ` });
    assert.equal(expectProblem(padded, 409, 'duplicate-email').existing_id, first.id);
    assert.equal(await countAll(h.admin, 'contacts'), n);
  });

  test('allow_duplicate: true creates the second contact', async () => {
    const email = uniqueEmail('dupok');
    const first = await create({ first_name: 'First', email });
    const second = await create({ first_name: 'Second', email: email.toUpperCase(), allow_duplicate: true });
    assert.notEqual(second.id, first.id);
    assert.equal(second.email, email.toUpperCase());
    assert.ok(!('allow_duplicate' in second), 'allow_duplicate is an instruction, not a field');
    assert.equal((await byEmail(email)).length, 2);
  });

  test('an archived contact does not block its email', async () => {
    const email = uniqueEmail('reuse');
    const first = await create({ first_name: 'Old', email });
    expectStatus(await agent.client.del(`/api/v1/contacts/${first.id}`), 204);
    const again = await create({ first_name: 'New', email });
    assert.notEqual(again.id, first.id);
  });

  test('PATCH to another contact\'s email → 409 duplicate-email, unchanged', async () => {
    const a = await create({ first_name: 'A', email: uniqueEmail('pa') });
    const b = await create({ first_name: 'B', email: uniqueEmail('pb') });
    const p = expectProblem(await agent.client.patch(`/api/v1/contacts/${b.id}`, { email: a.email.toUpperCase() }),
                            409, 'duplicate-email');
    assert.equal(p.existing_id, a.id);
    const still = await read(b.id);
    assert.equal(still.email, b.email);
    assert.equal(still.version, 1);
  });
});

describe('merge patch', () => {
  test('changes only the fields given; null clears; version +1; ETag follows', async () => {
    const c = await create({ first_name: 'Merge', last_name: 'Me', email: uniqueEmail('merge'),
                             phone: '412 34 999', job_title: 'Clerk', tags: ['a'] });
    const r = await agent.client.patch(`/api/v1/contacts/${c.id}`, { job_title: 'Manager', phone: null });
    const u = expectStatus(r, 200);
    assert.equal(u.job_title, 'Manager');
    assert.equal(u.phone, null);
    assert.equal(u.first_name, 'Merge');
    assert.equal(u.last_name, 'Me');
    assert.equal(u.email, c.email);
    assert.deepEqual(u.tags, ['a']);
    assert.equal(u.version, 2);
    assert.equal(u.id, c.id);
    assert.equal(u.created_at, c.created_at);
    assert.ok(Date.parse(u.updated_at) >= Date.parse(c.updated_at));
    assert.equal(r.headers.get('etag'), '"2"');
    assert.deepEqual(await read(c.id), u);
  });

  test('application/merge-patch+json is accepted', async () => {
    const c = await create({ first_name: 'Typed' });
    const r = await agent.client.patch(`/api/v1/contacts/${c.id}`, { last_name: 'Patch' },
                                       { contentType: 'application/merge-patch+json' });
    assert.equal(expectStatus(r, 200).last_name, 'Patch');
  });

  test('clearing the last name and email → 422, unchanged', async () => {
    const c = await create({ first_name: 'Keep', email: uniqueEmail('keep') });
    expectProblem(await agent.client.patch(`/api/v1/contacts/${c.id}`, { first_name: null, email: null }),
                  422, 'validation');
    assert.deepEqual(await read(c.id), c);
  });

  test('invalid values in a patch → 422 per field, unchanged', async () => {
    const c = await create({ first_name: 'Valid' });
    expectFieldErrors(await agent.client.patch(`/api/v1/contacts/${c.id}`,
      { phase: 'bogus', email: 'x@', unknown_thing: 1 }), ['phase', 'email', 'unknown_thing']);
    assert.deepEqual(await read(c.id), c);
  });

  test('read-only fields in a patch are ignored', async () => {
    const c = await create({ first_name: 'Ro' });
    const u = expectStatus(await agent.client.patch(`/api/v1/contacts/${c.id}`,
      { first_name: 'Ro2', id: 'other', version: 99, created_at: '2000-01-01T00:00:00Z' }), 200);
    assert.equal(u.id, c.id);
    assert.equal(u.version, 2);
    assert.equal(u.created_at, c.created_at);
    assert.equal(u.first_name, 'Ro2');
  });

  test('tags are replaced as a whole, trimmed and de-duplicated', async () => {
    const c = await create({ first_name: 'Tags', tags: ['  vip ', 'vip', 'b2b'] });
    assert.deepEqual([...c.tags].sort(), ['b2b', 'vip']);
    const u = expectStatus(await agent.client.patch(`/api/v1/contacts/${c.id}`, { tags: ['new'] }), 200);
    assert.deepEqual(u.tags, ['new']);
    const cleared = expectStatus(await agent.client.patch(`/api/v1/contacts/${c.id}`, { tags: [] }), 200);
    assert.deepEqual(cleared.tags, []);
  });

  test('tag filter lists contacts with that tag', async () => {
    const tag = uniq('tag');
    const a = await create({ first_name: 'Tagged', tags: [tag, 'other'] });
    await create({ first_name: 'Untagged', tags: ['other'] });
    const r = expectStatus(await agent.client.get(`/api/v1/contacts?tag=${tag}`), 200);
    assert.deepEqual(r.items.map((x) => x.id), [a.id]);
  });
});

describe('If-Match', () => {
  test('stale version → 412 precondition-failed with current_version, nothing changed', async () => {
    const c = await create({ first_name: 'Conc' });
    const v2 = expectStatus(await agent.client.patch(`/api/v1/contacts/${c.id}`, { last_name: 'One' }), 200);
    const r = await agent.client.patch(`/api/v1/contacts/${c.id}`, { last_name: 'Stale' },
                                       { headers: { 'if-match': '"1"' } });
    const p = expectProblem(r, 412, 'precondition-failed');
    assert.equal(p.current_version, 2);
    assert.deepEqual(await read(c.id), v2);
  });

  test('current version (quoted or bare) → 200 and version +1', async () => {
    const c = await create({ first_name: 'Conc' });
    const u = await agent.client.patch(`/api/v1/contacts/${c.id}`, { last_name: 'Two' },
                                       { headers: { 'if-match': '"1"' } });
    assert.equal(expectStatus(u, 200).version, 2);
    assert.equal(u.headers.get('etag'), '"2"');
    const bare = await agent.client.patch(`/api/v1/contacts/${c.id}`, { last_name: 'Three' },
                                          { headers: { 'if-match': '2' } });
    assert.equal(expectStatus(bare, 200).version, 3);
    assert.equal((await read(c.id)).last_name, 'Three');
  });

  test('DELETE with a stale If-Match → 412, not archived; current → 204', async () => {
    const c = await create({ first_name: 'Del' });
    const v2 = expectStatus(await agent.client.patch(`/api/v1/contacts/${c.id}`, { last_name: 'X' }), 200);
    expectProblem(await agent.client.del(`/api/v1/contacts/${c.id}`, { headers: { 'if-match': '"1"' } }),
                  412, 'precondition-failed');
    assert.deepEqual(await read(c.id), v2);
    expectStatus(await agent.client.del(`/api/v1/contacts/${c.id}`, { headers: { 'if-match': '"2"' } }), 204);
    assert.notEqual((await read(c.id)).archived_at, null);
  });
});

describe('races', () => {
  test('parallel PATCHes with the same If-Match: exactly one wins, the rest 412', async () => {
    const c = await create({ first_name: 'Race' });
    const rs = await Promise.all(Array.from({ length: 6 }, (_, i) =>
      agent.client.patch(`/api/v1/contacts/${c.id}`, { job_title: `winner ${i}` },
                         { headers: { 'if-match': '"1"' } })));
    const ok = rs.filter((r) => r.status === 200);
    assert.equal(ok.length, 1, `exactly one 200: ${rs.map((r) => r.status)}`);
    for (const r of rs.filter((x) => x.status !== 200)) expectProblem(r, 412, 'precondition-failed');
    const now = await read(c.id);
    assert.equal(now.version, 2);
    assert.equal(now.job_title, ok[0].body.job_title);
  });

  test('parallel PATCHes of different fields without If-Match: none is lost', async () => {
    const c = await create({ first_name: 'Many' });
    const changes = [
      { last_name: 'Writers' }, { job_title: 'Chief' }, { phone: '412 34 111' }, { birthday: '1970-01-02' },
      { customer_since: '2020-05-05' }, { kind: 'customer' }, { phase: 'expansion' },
      { relationship_type: 'community' }, { tags: ['parallel'] },
    ];
    const rs = await Promise.all(changes.map((body) => agent.client.patch(`/api/v1/contacts/${c.id}`, body)));
    for (const r of rs) expectStatus(r, 200);
    const versions = rs.map((r) => r.body.version).sort((a, b) => a - b);
    const now = await read(c.id);
    const want = Object.assign({}, ...changes, { phone: '+4741234111' });
    const lost = Object.keys(want).filter((k) => JSON.stringify(now[k]) !== JSON.stringify(want[k]));
    assert.deepEqual(lost, [], `lost updates: ${lost.join(', ')}; versions answered ${versions}; final ${JSON.stringify(now)}`);
    assert.deepEqual(versions, [2, 3, 4, 5, 6, 7, 8, 9, 10], 'each change got its own version');
    assert.equal(now.version, 10);
  });

  test('many parallel creates all succeed', async () => {
    const n = await countAll(h.admin, 'contacts');
    const other = await h.makeUser('agent');
    const rs = await Promise.all(Array.from({ length: 40 }, (_, i) =>
      (i % 2 ? agent : other).client.post('/api/v1/contacts', { first_name: `Burst ${i}`, email: uniqueEmail('burst') })));
    for (const r of rs) expectStatus(r, 201);
    assert.equal(new Set(rs.map((r) => r.body.id)).size, 40);
    assert.equal(await countAll(h.admin, 'contacts'), n + 40);
  });

  test('parallel creates with one email: exactly one 201, the rest 409 duplicate-email', async () => {
    const email = uniqueEmail('race');
    const rs = await Promise.all(Array.from({ length: 6 }, (_, i) =>
      agent.client.post('/api/v1/contacts', { first_name: `Racer ${i}`, email: i % 2 ? email.toUpperCase() : email })));
    const ok = rs.filter((r) => r.status === 201);
    assert.equal(ok.length, 1, `exactly one 201: ${rs.map((r) => r.status)}`);
    for (const r of rs.filter((x) => x.status !== 201)) {
      assert.equal(expectProblem(r, 409, 'duplicate-email').existing_id, ok[0].body.id);
    }
    assert.equal((await byEmail(email)).length, 1);
  });
});

describe('archive', () => {
  test('DELETE → 204; readable; gone from the list; back with archived=true', async () => {
    const email = uniqueEmail('arch');
    const c = await create({ first_name: 'Arch', email });
    const d = await agent.client.del(`/api/v1/contacts/${c.id}`);
    expectStatus(d, 204);
    assert.equal(d.text, '');
    const a = await read(c.id);
    assert.match(a.archived_at, RFC3339_UTC);
    assert.equal(a.version, 2);

    const listed = expectStatus(await agent.client.get(`/api/v1/contacts?email=${encodeURIComponent(email)}`), 200);
    assert.deepEqual(listed.items, []);
    const all = expectStatus(await agent.client.get('/api/v1/contacts?limit=500'), 200);
    assert.ok(!all.items.some((x) => x.id === c.id), 'archived contact leaves the default list');

    const archived = await byEmail(email, 'true');
    assert.deepEqual(archived.map((x) => x.id), [c.id]);
    const onlyArchived = expectStatus(await agent.client.get('/api/v1/contacts?archived=true&limit=500'), 200);
    assert.ok(onlyArchived.items.every((x) => x.archived_at !== null), 'archived=true lists only archived');
    assert.deepEqual((await byEmail(email, 'all')).map((x) => x.id), [c.id]);
  });

  test('archiving again → 204, no change', async () => {
    const c = await create({ first_name: 'Twice' });
    expectStatus(await agent.client.del(`/api/v1/contacts/${c.id}`), 204);
    const once = await read(c.id);
    expectStatus(await agent.client.del(`/api/v1/contacts/${c.id}`), 204);
    assert.deepEqual(await read(c.id), once);
  });
});
