// List scenarios for contacts: folded text search (Øvrebø, Søren, Šuštar), matches inside
// email, phone and company name, short queries, filters and sorts, list parameter errors and
// keyset paging that stays stable while the list is being written to.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, uniq, expectStatus, expectProblem, listAll } from './harness.mjs';

let h, agent, owner;
const made = {};
// Emails here all start with "mail" so that the 1–2 letter prefix queries below are unambiguous.
const mail = (domain = 'example.com') => `mail${uniq('')}@${domain}`;

async function create(body) {
  return expectStatus(await agent.client.post('/api/v1/contacts', body), 201);
}
async function search(query, extra = '') {
  const r = await agent.client.get(`/api/v1/contacts?limit=500&q=${encodeURIComponent(query)}${extra}`);
  return expectStatus(r, 200).items;
}
const ids = (items) => items.map((x) => x.id);

before(async () => {
  h = await setup();
  agent = await h.makeUser('agent');
  owner = await h.makeUser('agent');
  const company = expectStatus(await agent.client.post('/api/v1/companies',
                               { name: 'Fjellheim Bakeri AS', domain: 'fjellheim.example' }), 201);
  made.ingrid = await create({ first_name: 'Ingrid', last_name: 'Øvrebø', email: mail() });
  made.soren = await create({ first_name: 'Søren', last_name: 'Kierkegaard', email: mail() });
  made.ana = await create({ first_name: 'Ana', last_name: 'Šuštar', email: mail() });
  made.bjorn = await create({ first_name: 'Bjørn', last_name: 'Ærlig', email: mail() });
  made.marit = await create({ first_name: 'Marit', last_name: 'Lindqvist', email: mail('fjordpost.example') });
  made.phone = await create({ first_name: 'Tor', last_name: 'Telefon', phone: '412 34 567' });
  made.per = await create({ first_name: 'Per', last_name: 'Nilsen', company_id: company.id });
  made.xavera = await create({ first_name: 'Xavera', last_name: 'Quill', email: mail() });
});
after(async () => { await h?.stop(); });

describe('text search', () => {
  const cases = [
    ['ovrebo finds Øvrebø', 'ovrebo', 'ingrid'],
    ['OVREBO (case)', 'OVREBO', 'ingrid'],
    ['Øvrebø itself', 'Øvrebø', 'ingrid'],
    ['øVREBØ (case with accents)', 'øVREBØ', 'ingrid'],
    ['inside a name', 'rebø', 'ingrid'],
    ['soren finds Søren', 'soren', 'soren'],
    ['Søren itself', 'Søren', 'soren'],
    ['SØREN', 'SØREN', 'soren'],
    ['sustar finds Šuštar', 'sustar', 'ana'],
    ['ŠUŠTAR', 'ŠUŠTAR', 'ana'],
    ['aerlig finds Ærlig', 'aerlig', 'bjorn'],
    ['bjorn finds Bjørn', 'bjorn', 'bjorn'],
    ['first and last name', 'ingrid', 'ingrid'],
    ['inside the email', 'fjordpost', 'marit'],
    ['email in upper case', 'FJORDPOST.EXAMPLE', 'marit'],
    ['phone digits', '41234567', 'phone'],
    ['phone in E.164', '+4741234567', 'phone'],
    ['digits inside the phone', '123456', 'phone'],
    ['company name', 'fjellheim', 'per'],
    ['company name, second word', 'Bakeri', 'per'],
  ];
  for (const [name, query, who] of cases) {
    test(`q=${query}: ${name}`, async () => {
      const found = ids(await search(query));
      assert.ok(found.includes(made[who].id), `q=${query} should find ${who}, got ${JSON.stringify(found)}`);
      for (const other of Object.keys(made).filter((k) => k !== who)) {
        assert.ok(!found.includes(made[other].id), `q=${query} should not find ${other}`);
      }
    });
  }

  test('no match → empty list', async () => {
    const r = expectStatus(await agent.client.get('/api/v1/contacts?q=zzqqxxnomatch'), 200);
    assert.deepEqual(r.items, []);
    assert.equal(r.next_cursor, null);
  });

  test('1–2 letter queries match the start of a name or email only', async () => {
    assert.deepEqual(ids(await search('xa')), [made.xavera.id]);
    assert.deepEqual(ids(await search('XA')), [made.xavera.id]);
    assert.deepEqual(ids(await search('qu')), [made.xavera.id], 'start of the last name');
    assert.deepEqual(ids(await search('x')), [made.xavera.id]);
    assert.deepEqual(ids(await search('av')), [], '"av" is inside Xavera, not at its start');
    assert.deepEqual(ids(await search('ø')), [made.ingrid.id], 'Øvrebø starts with ø');
    assert.deepEqual(ids(await search('o')), [made.ingrid.id], 'folded, Øvrebø starts with o');
    assert.deepEqual(ids(await search('šu')), [made.ana.id]);
    assert.deepEqual(ids(await search('su')), [made.ana.id]);
    const ma = ids(await search('ma'));
    for (const k of ['ingrid', 'soren', 'ana', 'bjorn', 'marit', 'xavera']) {
      assert.ok(ma.includes(made[k].id), `"ma" matches the start of ${k}'s email or name`);
    }
    assert.ok(!ma.includes(made.per.id) && !ma.includes(made.phone.id));
    assert.deepEqual(ids(await search('sø')), [made.soren.id]);
    assert.deepEqual(ids(await search('so')), [made.soren.id], 'folded prefix');
  });
});

describe('filters and sort', () => {
  let tag, A, B, C, D;
  before(async () => {
    tag = uniq('srt');
    A = await create({ first_name: 'Anna', last_name: 'Zorn', email: `c${uniq()}@sort.example`, tags: [tag],
                       phase: 'commitment', kind: 'customer', owner_id: owner.id });
    B = await create({ first_name: 'Berit', last_name: 'Åberg', email: `a${uniq()}@sort.example`, tags: [tag],
                       phase: 'commitment' });
    C = await create({ first_name: 'Carl', last_name: 'Aaron', email: `d${uniq()}@sort.example`, tags: [tag],
                       phase: 'awareness', kind: 'customer', owner_id: owner.id });
    D = await create({ first_name: 'Bodil', last_name: 'Aaron', email: `b${uniq()}@sort.example`, tags: [tag],
                       phase: 'commitment', kind: 'customer', relationship_type: 'personal' });
  });
  const list = async (params) => ids(expectStatus(await agent.client.get(`/api/v1/contacts?tag=${tag}&${params}`), 200).items);
  const sameSet = (got, want) => assert.deepEqual([...got].sort(), want.map((x) => x.id).sort());

  test('equality filters combine', async () => {
    sameSet(await list('phase=commitment'), [A, B, D]);
    sameSet(await list('phase=commitment&kind=customer'), [A, D]);
    sameSet(await list(`owner_id=${owner.id}`), [A, C]);
    sameSet(await list('relationship_type=personal'), [D]);
    sameSet(await list('kind=prospect'), [B]);
    sameSet(await list(`email=${encodeURIComponent(B.email)}`), [B]);
  });

  test('q combines with filters', async () => {
    sameSet(await list('q=aaron'), [C, D]);
    sameSet(await list('q=aaron&phase=commitment'), [D]);
  });

  test('sort=name: last name then first name, folded; -name reverses', async () => {
    assert.deepEqual(await list('sort=name'), [D.id, C.id, B.id, A.id]);
    assert.deepEqual(await list('sort=-name'), [A.id, B.id, C.id, D.id]);
  });

  test('sort=email and -email', async () => {
    assert.deepEqual(await list('sort=email'), [B.id, D.id, A.id, C.id]);
    assert.deepEqual(await list('sort=-email'), [C.id, A.id, D.id, B.id]);
  });

  test('sort=created_at (default) ascending, -created_at descending', async () => {
    const items = async (p) => expectStatus(await agent.client.get(`/api/v1/contacts?tag=${tag}${p}`), 200).items;
    const asc = await items('');
    const ascExplicit = await items('&sort=created_at');
    const desc = await items('&sort=-created_at');
    assert.deepEqual(ids(asc), ids(ascExplicit), 'default sort is created_at');
    sameSet(ids(asc), [A, B, C, D]);
    for (let i = 1; i < asc.length; i += 1) {
      assert.ok(Date.parse(asc[i - 1].created_at) <= Date.parse(asc[i].created_at), 'ascending');
    }
    sameSet(ids(desc), [A, B, C, D]);
    for (let i = 1; i < desc.length; i += 1) {
      assert.ok(Date.parse(desc[i - 1].created_at) >= Date.parse(desc[i].created_at), 'descending');
    }
  });

  test('sort=-updated_at puts the last changed first', async () => {
    await new Promise((r) => setTimeout(r, 1100)); // survive second-resolution timestamps
    expectStatus(await agent.client.patch(`/api/v1/contacts/${B.id}`, { job_title: 'Touched' }), 200);
    const items = expectStatus(await agent.client.get(`/api/v1/contacts?tag=${tag}&sort=-updated_at`), 200).items;
    assert.equal(items[0].id, B.id);
    for (let i = 1; i < items.length; i += 1) {
      assert.ok(Date.parse(items[i - 1].updated_at) >= Date.parse(items[i].updated_at), 'descending');
    }
  });

  test('unknown sort field → 400 bad-request', async () => {
    expectProblem(await agent.client.get('/api/v1/contacts?sort=favourite_colour'), 400, 'bad-request');
    expectProblem(await agent.client.get('/api/v1/contacts?sort=-password'), 400, 'bad-request');
  });
});

describe('list parameters', () => {
  test('limit 500 → 200; 501 → 422 limit-too-large; not a number → 400', async () => {
    const ok = expectStatus(await agent.client.get('/api/v1/contacts?limit=500'), 200);
    assert.ok(Array.isArray(ok.items));
    expectProblem(await agent.client.get('/api/v1/contacts?limit=501'), 422, 'limit-too-large');
    expectProblem(await agent.client.get('/api/v1/contacts?limit=100000'), 422, 'limit-too-large');
    expectProblem(await agent.client.get('/api/v1/contacts?limit=abc'), 400, 'bad-request');
  });

  test('limit=1 pages one at a time with an opaque cursor', async () => {
    const first = expectStatus(await agent.client.get('/api/v1/contacts?limit=1'), 200);
    assert.equal(first.items.length, 1);
    assert.equal(typeof first.next_cursor, 'string');
    const second = expectStatus(await agent.client.get(
      `/api/v1/contacts?limit=1&cursor=${encodeURIComponent(first.next_cursor)}`), 200);
    assert.equal(second.items.length, 1);
    assert.notEqual(second.items[0].id, first.items[0].id);
  });

  test('bad cursor → 400 bad-request', async () => {
    for (const c of ['garbage', 'AAAAAAAAAAAA', '%00%ff', 'eyJ4IjoxfQ', '-1']) {
      expectProblem(await agent.client.get(`/api/v1/contacts?cursor=${c}`), 400, 'bad-request');
    }
  });

  test('unknown parameter → 400 bad-request', async () => {
    expectProblem(await agent.client.get('/api/v1/contacts?colour=red'), 400, 'bad-request');
    expectProblem(await agent.client.get('/api/v1/contacts?first_nam=Ingrid'), 400, 'bad-request');
  });

  test('default limit is 50', async () => {
    for (let i = 0; i < 45; i += 1) await create({ last_name: `Filler ${i}` });
    const total = (await listAll(agent.client, '/api/v1/contacts')).length;
    assert.ok(total > 50);
    const r = expectStatus(await agent.client.get('/api/v1/contacts'), 200);
    assert.equal(r.items.length, 50);
    assert.equal(typeof r.next_cursor, 'string');
  });
});

describe('paging while the list is being written to', () => {
  const letters = 'abcdefghijklmnopqrstuvwxyzøå';
  const randomName = () => Array.from({ length: 6 },
    () => letters[Math.floor(Math.random() * letters.length)]).join('');

  for (const sort of [null, '-created_at', 'name', '-name', 'email']) {
    test(`sort=${sort ?? '(default)'}: every original seen exactly once`, async () => {
      const tag = uniq('page');
      const originals = [];
      for (let i = 0; i < 30; i += 1) {
        originals.push((await create({ first_name: randomName(), last_name: randomName(),
                                       email: `${randomName()}${uniq()}@page.example`, tags: [tag] })).id);
      }
      const seen = new Map();
      let cursor = null;
      let pages = 0;
      let inserted = 0;
      do {
        const q = `/api/v1/contacts?tag=${tag}&limit=7${sort ? `&sort=${sort}` : ''}` +
                  (cursor ? `&cursor=${encodeURIComponent(cursor)}` : '');
        const r = expectStatus(await agent.client.get(q), 200);
        assert.ok(r.items.length <= 7);
        for (const it of r.items) seen.set(it.id, (seen.get(it.id) ?? 0) + 1);
        cursor = r.next_cursor;
        // Write between pages: new rows that sort anywhere, and edits to old rows.
        for (let k = 0; k < 3; k += 1) {
          await create({ first_name: randomName(), last_name: randomName(),
                         email: `${randomName()}${uniq()}@page.example`, tags: [tag] });
          inserted += 1;
        }
        if (sort === null || sort === '-created_at') {
          const victim = originals[(pages * 5) % originals.length];
          expectStatus(await agent.client.patch(`/api/v1/contacts/${victim}`, { job_title: `p${pages}` }), 200);
        }
        pages += 1;
        assert.ok(pages < 100, 'paging terminates');
      } while (cursor !== null);
      for (const id of originals) {
        assert.equal(seen.get(id), 1, `original ${id} seen ${seen.get(id) ?? 0} times (pages ${pages})`);
      }
      for (const [id, n] of seen) assert.equal(n, 1, `${id} repeated`);
      assert.ok(inserted > 0);
    });
  }
});
