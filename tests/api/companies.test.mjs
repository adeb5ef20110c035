// Company scenarios: create, validation, merge patch, If-Match, archive, list search,
// filters and sort, the contacts of a company, batch create and roles.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  setup, uniq, uniqueEmail, expectStatus, expectProblem, expectFieldErrors, countAll, RFC3339_UTC,
} from './harness.mjs';

let h, agent, viewer;
before(async () => {
  h = await setup();
  agent = await h.makeUser('agent');
  viewer = await h.makeUser('viewer');
});
after(async () => { await h?.stop(); });

const COMPANY_FIELDS = ['id', 'name', 'domain', 'industry', 'owner_id', 'phone', 'address', 'archived_at',
  'created_at', 'updated_at', 'version'];

async function create(body) {
  return expectStatus(await agent.client.post('/api/v1/companies', body), 201);
}
async function read(id) {
  return expectStatus(await h.admin.get(`/api/v1/companies/${id}`), 200);
}

describe('create and read', () => {
  test('201 with Location, ETag, version 1, defaults null', async () => {
    const name = `Nordlys ${uniq()} AS`;
    const r = await agent.client.post('/api/v1/companies', { name });
    const c = expectStatus(r, 201);
    for (const f of COMPANY_FIELDS) assert.ok(f in c, `company has ${f}`);
    assert.equal(c.name, name);
    assert.equal(c.version, 1);
    for (const f of ['domain', 'industry', 'owner_id', 'phone', 'address', 'archived_at']) {
      assert.equal(c[f], null, `${f} defaults to null`);
    }
    assert.match(c.created_at, RFC3339_UTC);
    assert.match(c.updated_at, RFC3339_UTC);
    assert.equal(r.headers.get('etag'), '"1"');
    assert.equal(new URL(r.headers.get('location'), h.base).pathname, `/api/v1/companies/${c.id}`);
    const g = await h.admin.get(`/api/v1/companies/${c.id}`);
    expectStatus(g, 200);
    assert.equal(g.headers.get('etag'), '"1"');
    assert.deepEqual(g.body, c);
  });

  test('domain stored lower-case, phone as E.164, other fields kept', async () => {
    const c = await create({ name: 'Havbris', domain: 'Havbris-Fisk.EXAMPLE', industry: 'Fishing',
                             owner_id: agent.id, phone: '412 34 567', address: 'Kaia 1\n6000 Ålesund' });
    assert.equal(c.domain, 'havbris-fisk.example');
    assert.equal(c.phone, '+4741234567');
    assert.equal(c.industry, 'Fishing');
    assert.equal(c.owner_id, agent.id);
    assert.equal(c.address, 'Kaia 1\n6000 Ålesund');
    assert.deepEqual(await read(c.id), c);
  });

  test('unknown id → 404 not-found', async () => {
    expectProblem(await h.admin.get('/api/v1/companies/nope-404'), 404, 'not-found');
    expectProblem(await agent.client.patch('/api/v1/companies/nope-404', { name: 'x' }), 404, 'not-found');
    expectProblem(await agent.client.del('/api/v1/companies/nope-404'), 404, 'not-found');
  });
});

describe('validation → 422, nothing stored', () => {
  for (const [name, body, field] of [
    ['name missing', { domain: 'nameless.example' }, 'name'],
    ['name empty', { name: '' }, 'name'],
    ['name over 200', { name: 'n'.repeat(201) }, 'name'],
    ['domain not a host name', { name: 'D', domain: 'not a host' }, 'domain'],
    ['domain is a URL', { name: 'D', domain: 'https://example.com/path' }, 'domain'],
    ['bad phone', { name: 'P', phone: 'phone-me' }, 'phone'],
    ['address over 1000', { name: 'A', address: 'a'.repeat(1001) }, 'address'],
    ['unknown owner', { name: 'O', owner_id: 'no-such-user' }, 'owner_id'],
    ['unknown field', { name: 'U', employees: 12 }, 'employees'],
  ]) {
    test(name, async () => {
      const n = await countAll(h.admin, 'companies');
      expectFieldErrors(await agent.client.post('/api/v1/companies', body), [field]);
      assert.equal(await countAll(h.admin, 'companies'), n);
    });
  }

  test('address of exactly 1000 and name of exactly 200 are fine', async () => {
    const c = await create({ name: 'n'.repeat(200), address: 'a'.repeat(1000) });
    assert.equal(c.name.length, 200);
    assert.equal(c.address.length, 1000);
  });
});

describe('change and archive', () => {
  test('merge patch: only given fields change, null clears', async () => {
    const c = await create({ name: 'Patchco', domain: 'patchco.example', industry: 'Retail' });
    const r = await agent.client.patch(`/api/v1/companies/${c.id}`, { domain: null, industry: 'Wholesale' });
    const u = expectStatus(r, 200);
    assert.equal(u.domain, null);
    assert.equal(u.industry, 'Wholesale');
    assert.equal(u.name, 'Patchco');
    assert.equal(u.version, 2);
    assert.equal(r.headers.get('etag'), '"2"');
    assert.deepEqual(await read(c.id), u);
  });

  test('name cannot be cleared → 422, unchanged', async () => {
    const c = await create({ name: 'Keepname' });
    expectFieldErrors(await agent.client.patch(`/api/v1/companies/${c.id}`, { name: null }), ['name']);
    assert.deepEqual(await read(c.id), c);
  });

  test('If-Match stale → 412 and nothing changed; current → 200', async () => {
    const c = await create({ name: 'Matchco' });
    const v2 = expectStatus(await agent.client.patch(`/api/v1/companies/${c.id}`, { industry: 'A' }), 200);
    const p = expectProblem(await agent.client.patch(`/api/v1/companies/${c.id}`, { industry: 'B' },
                                                     { headers: { 'if-match': '"1"' } }), 412, 'precondition-failed');
    assert.equal(p.current_version, 2);
    assert.deepEqual(await read(c.id), v2);
    const v3 = expectStatus(await agent.client.patch(`/api/v1/companies/${c.id}`, { industry: 'C' },
                                                     { headers: { 'if-match': '"2"' } }), 200);
    assert.equal(v3.version, 3);
    expectProblem(await agent.client.del(`/api/v1/companies/${c.id}`, { headers: { 'if-match': '"2"' } }),
                  412, 'precondition-failed');
    assert.equal((await read(c.id)).archived_at, null);
  });

  test('parallel PATCHes of different fields: none is lost', async () => {
    const c = await create({ name: 'Busy AS' });
    for (let round = 1; round <= 4; round += 1) {
      const changes = [{ domain: `busy${round}.example` }, { industry: `Logistics ${round}` },
                       { phone: `412 34 22${round}` }, { address: `Storgata ${round}` },
                       { owner_id: round % 2 ? agent.id : viewer.id }];
      const rs = await Promise.all(changes.map((body) => agent.client.patch(`/api/v1/companies/${c.id}`, body)));
      for (const r of rs) expectStatus(r, 200);
      const now = await read(c.id);
      const want = Object.assign({}, ...changes, { phone: `+474123422${round}` });
      const lost = Object.keys(want).filter((k) => now[k] !== want[k]);
      assert.deepEqual(lost, [], `round ${round}, lost updates: ${lost.join(', ')}; final ${JSON.stringify(now)}`);
      assert.equal(now.version, 1 + 5 * round);
    }
  });

  test('DELETE archives → 204; out of the list; back with archived=true', async () => {
    const name = `Gone ${uniq()}`;
    const c = await create({ name });
    expectStatus(await agent.client.del(`/api/v1/companies/${c.id}`), 204);
    const a = await read(c.id);
    assert.match(a.archived_at, RFC3339_UTC);
    const q = encodeURIComponent(name);
    assert.deepEqual(expectStatus(await agent.client.get(`/api/v1/companies?q=${q}`), 200).items, []);
    assert.deepEqual(expectStatus(await agent.client.get(`/api/v1/companies?q=${q}&archived=true`), 200)
      .items.map((x) => x.id), [c.id]);
    expectStatus(await agent.client.del(`/api/v1/companies/${c.id}`), 204);
    assert.deepEqual(await read(c.id), a, 'archiving again changes nothing');
  });

  test('viewer cannot create, change or archive (403 forbidden)', async () => {
    const c = await create({ name: 'Viewerproof' });
    expectProblem(await viewer.client.post('/api/v1/companies', { name: 'By viewer' }), 403, 'forbidden');
    expectProblem(await viewer.client.patch(`/api/v1/companies/${c.id}`, { name: 'Hacked' }), 403, 'forbidden');
    expectProblem(await viewer.client.del(`/api/v1/companies/${c.id}`), 403, 'forbidden');
    assert.deepEqual(await read(c.id), c);
    expectStatus(await viewer.client.get(`/api/v1/companies/${c.id}`), 200);
  });
});

describe('lists', () => {
  let ind, x, y, z;
  before(async () => {
    ind = uniq('Industry');
    x = await create({ name: 'Ørsta Møbler', domain: 'orsta-mobler.example', industry: ind, owner_id: agent.id });
    y = await create({ name: 'Bergen Brygge', domain: 'bryggeriet.example', industry: ind });
    z = await create({ name: 'Askøy Auto', domain: 'askoy.example', industry: ind });
  });
  const list = async (p) => expectStatus(await agent.client.get(`/api/v1/companies?${p}`), 200).items.map((c) => c.id);

  test('q searches the name (folded) and the domain', async () => {
    assert.deepEqual(await list('q=orsta'), [x.id]);
    assert.deepEqual(await list(`q=${encodeURIComponent('MØBLER')}`), [x.id]);
    assert.deepEqual(await list('q=bryggeriet'), [y.id], 'domain match');
    assert.deepEqual(await list('q=askoy'), [z.id]);
  });

  test('filters: industry, owner_id, domain', async () => {
    assert.deepEqual((await list(`industry=${ind}`)).sort(), [x.id, y.id, z.id].sort());
    assert.deepEqual(await list(`industry=${ind}&owner_id=${agent.id}`), [x.id]);
    assert.deepEqual(await list('domain=bryggeriet.example'), [y.id]);
  });

  test('sort=name and -name', async () => {
    assert.deepEqual(await list(`industry=${ind}&sort=name`), [z.id, y.id, x.id]);
    assert.deepEqual(await list(`industry=${ind}&sort=-name`), [x.id, y.id, z.id]);
  });

  test('list parameter errors', async () => {
    expectProblem(await agent.client.get('/api/v1/companies?limit=501'), 422, 'limit-too-large');
    expectProblem(await agent.client.get('/api/v1/companies?cursor=nonsense'), 400, 'bad-request');
    expectProblem(await agent.client.get('/api/v1/companies?size=big'), 400, 'bad-request');
    expectProblem(await agent.client.get('/api/v1/companies?sort=email'), 400, 'bad-request');
  });

  test('contacts of a company: GET /contacts?company_id=…', async () => {
    const co = await create({ name: `Holder ${uniq()}` });
    const a = expectStatus(await agent.client.post('/api/v1/contacts', { first_name: 'In', company_id: co.id }), 201);
    const b = expectStatus(await agent.client.post('/api/v1/contacts', { first_name: 'Also', company_id: co.id }), 201);
    expectStatus(await agent.client.post('/api/v1/contacts', { first_name: 'Out', email: uniqueEmail('out') }), 201);
    const r = expectStatus(await agent.client.get(`/api/v1/contacts?company_id=${co.id}`), 200);
    assert.deepEqual(r.items.map((c) => c.id).sort(), [a.id, b.id].sort());
  });
});

describe('batch', () => {
  test('POST /companies/batch → 201 with all items, in order', async () => {
    const names = [`B1 ${uniq()}`, `B2 ${uniq()}`, `B3 ${uniq()}`];
    const r = await agent.client.post('/api/v1/companies/batch',
                                      { items: names.map((name) => ({ name, domain: `${uniq('d')}.Example` })) });
    const body = expectStatus(r, 201);
    assert.deepEqual(body.items.map((c) => c.name), names);
    for (const c of body.items) {
      assert.equal(c.version, 1);
      assert.equal(c.domain, c.domain.toLowerCase());
      assert.deepEqual(await read(c.id), c);
    }
  });

  test('one bad item → 422 items[i].field, nothing stored', async () => {
    const n = await countAll(h.admin, 'companies');
    expectFieldErrors(await agent.client.post('/api/v1/companies/batch',
                      { items: [{ name: 'Fine' }, { domain: 'x.example' }] }), ['items[1].name']);
    assert.equal(await countAll(h.admin, 'companies'), n);
  });
});
