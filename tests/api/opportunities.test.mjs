// Opportunity and pipeline scenarios on a server whose clock starts at 2026-12-15T10:00:00Z
// (`--clock`), so "this month" is December 2026: the pipeline setting (defaults, admin only,
// validation, won/lost fixed at the end, a stage in use by an open opportunity cannot be
// removed), creating with defaults (first stage, the stage's probability, the contact's
// owner else the creator), won/lost/reopen (status, closed_at, lost_reason), source cases
// and POST /cases/{id}/opportunity, the customer's timeline, list filters and sorts, and the
// forecast with exact figures per month (weighted per opportunity, rounded half up) in one
// currency.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, expectStatus, expectProblem, expectFieldErrors, listAll, uniq, RFC3339_UTC } from './harness.mjs';
import { customer, openCase, MINUTE } from './service_helpers.mjs';
import { OPPORTUNITY_FIELDS, expectListGuards } from './sales_helpers.mjs';

const CLOCK = '2026-12-15T10:00:00.000Z';
const DEFAULT_STAGES = [['qualification', 10], ['needs_analysis', 25], ['proposal', 50], ['negotiation', 75],
  ['won', 100], ['lost', 0]];

let h, agent, manager, viewer, seller;
before(async () => {
  h = await setup({ users: ['agent', 'manager', 'viewer', 'agent'], serveArgs: ['--clock', CLOCK] });
  [agent, manager, viewer, seller] = h.users;
});
after(async () => { await h?.stop(); });

const owned = (owner = agent) => customer(agent.client, { owner_id: owner.id });
async function opportunity(contact, body = {}, client = manager.client) {
  return expectStatus(await client.post('/api/v1/opportunities',
    { title: uniq('Deal '), contact_id: contact.id, amount_minor: 100_000, currency: 'NOK', ...body }), 201);
}
const patchOpp = async (id, body) => expectStatus(await manager.client.patch(`/api/v1/opportunities/${id}`, body), 200);
const read = async (id) => expectStatus(await viewer.client.get(`/api/v1/opportunities/${id}`), 200);
const list = (query) => listAll(viewer.client, `/api/v1/opportunities?${query}`);
const ids = (items) => items.map((x) => x.id);
const pipeline = async () => expectStatus(await viewer.client.get('/api/v1/settings/pipeline'), 200);
const putPipeline = (stages, client = h.admin) => client.put('/api/v1/settings/pipeline', { stages });
const stagesOf = (p) => p.stages.map((s) => [s.key, s.probability]);
const withDefaults = (extra = []) => [...DEFAULT_STAGES.slice(0, 4), ...extra, ...DEFAULT_STAGES.slice(4)]
  .map(([key, probability]) => ({ key, name: key.replace('_', ' '), probability }));

/** closed_at lies between the clock's start and a few minutes after (the server's clock runs on). */
function assertClosedNow(o) {
  assert.match(o.closed_at, RFC3339_UTC);
  const t = Date.parse(o.closed_at);
  assert.ok(t >= Date.parse(CLOCK) && t < Date.parse(CLOCK) + 15 * MINUTE, `closed_at on the server's clock: ${o.closed_at}`);
}

describe('pipeline setting', () => {
  test('default stages and probabilities, won and lost last', async () => {
    const p = await pipeline();
    assert.deepEqual(stagesOf(p), DEFAULT_STAGES);
    for (const s of p.stages) assert.ok(typeof s.name === 'string' && s.name.length > 0, `stage name: ${JSON.stringify(s)}`);
  });

  test('only an admin changes it: manager and agent → 403', async () => {
    expectProblem(await putPipeline(withDefaults(), manager.client), 403, 'forbidden');
    expectProblem(await putPipeline(withDefaults(), agent.client), 403, 'forbidden');
    assert.deepEqual(stagesOf(await pipeline()), DEFAULT_STAGES);
  });

  const invalid = [
    ['probability over 100', (s) => { s[0].probability = 101; }, 'stages[0].probability'],
    ['negative probability', (s) => { s[1].probability = -1; }, 'stages[1].probability'],
    ['fractional probability', (s) => { s[1].probability = 12.5; }, 'stages[1].probability'],
    ['duplicate key', (s) => { s[1].key = s[0].key; }, 'stages[1].key'],
    ['empty key', (s) => { s[2].key = ''; }, 'stages[2].key'],
    ['no open stage', (s) => { s.splice(0, 4); }, null],
  ];
  for (const [name, change, field] of invalid) {
    test(`${name} → 422, unchanged`, async () => {
      const stages = withDefaults();
      change(stages);
      const r = await putPipeline(stages);
      const p = expectFieldErrors(r, field ? [field] : []);
      assert.ok(p.errors.every((e) => e.field.startsWith('stages')), `errors name stages: ${r.text}`);
      assert.deepEqual(stagesOf(await pipeline()), DEFAULT_STAGES);
    });
  }

  // "The last two stages are always won (100) and lost (0) and cannot be removed": a PUT
  // that leaves them out, moves them or changes their probability is refused (422) or
  // answered with them put back; either way the saved pipeline ends with won 100, lost 0.
  const fixedEnds = [
    ['won removed', (s) => { s.splice(4, 1); }],
    ['lost removed', (s) => { s.splice(5, 1); }],
    ['won and lost first', (s) => { s.unshift(...s.splice(4, 2)); }],
    ['won not at 100', (s) => { s[4].probability = 90; }],
    ['lost not at 0', (s) => { s[5].probability = 5; }],
    ['empty name', (s) => { s[2].name = ''; }],
  ];
  for (const [name, change] of fixedEnds) {
    test(`${name} → 422, or saved with won 100 and lost 0 last`, async () => {
      const stages = withDefaults();
      change(stages);
      const r = await putPipeline(stages);
      if (r.status === 422) expectFieldErrors(r, []);
      else expectStatus(r, 200);
      const now = await pipeline();
      assert.deepEqual(stagesOf(now).slice(-2), [['won', 100], ['lost', 0]], JSON.stringify(now));
      assert.ok(now.stages.every((x) => typeof x.name === 'string' && x.name.trim().length > 0), `names: ${JSON.stringify(now)}`);
      assert.deepEqual(stagesOf(now).filter(([key]) => key === 'won' || key === 'lost').length, 2, 'won and lost once each');
      expectStatus(await putPipeline(withDefaults()), 200);
    });
  }

  test('stages missing or not a list → 422', async () => {
    expectFieldErrors(await h.admin.put('/api/v1/settings/pipeline', { stages: 'qualification' }), ['stages']);
    expectFieldErrors(await h.admin.put('/api/v1/settings/pipeline', { stages: [] }), ['stages']);
  });

  test('a new stage is used at once; a stage used by an open opportunity cannot be removed (409) until it closes', async () => {
    const stages = withDefaults([['demo', 60]]);
    const saved = expectStatus(await putPipeline(stages), 200);
    assert.deepEqual(stagesOf(saved), [...DEFAULT_STAGES.slice(0, 4), ['demo', 60], ...DEFAULT_STAGES.slice(4)]);
    const o = await opportunity(await owned(), { stage: 'demo' });
    assert.equal(o.probability, 60, 'the new stage\'s probability');
    const r = await putPipeline(withDefaults());
    expectProblem(r, 409, ['stage-in-use', 'conflict']);
    assert.deepEqual(stagesOf(await pipeline())[4], ['demo', 60], 'unchanged');
    await patchOpp(o.id, { stage: 'won' });
    const back = expectStatus(await putPipeline(withDefaults()), 200);
    assert.deepEqual(stagesOf(back), DEFAULT_STAGES, 'a stage only closed opportunities used can go');
    assert.equal((await read(o.id)).stage, 'won');
  });

  test('agent and viewer read the pipeline', async () => {
    assert.deepEqual(stagesOf(expectStatus(await agent.client.get('/api/v1/settings/pipeline'), 200)), DEFAULT_STAGES);
    assert.deepEqual(stagesOf(await pipeline()), DEFAULT_STAGES);
  });
});

describe('create', () => {
  test('201 with Location, ETag and the defaults: first stage, its probability, the contact\'s owner, open', async () => {
    const c = await owned(seller);
    const r = await manager.client.post('/api/v1/opportunities',
      { title: 'Fleet renewal', contact_id: c.id, amount_minor: 250_000, currency: 'NOK', expected_close: '2027-02-28' });
    const o = expectStatus(r, 201);
    for (const f of OPPORTUNITY_FIELDS) assert.ok(f in o, `opportunity has ${f}: ${JSON.stringify(o)}`);
    assert.equal(o.title, 'Fleet renewal');
    assert.equal(o.contact_id, c.id);
    assert.equal(o.stage, 'qualification');
    assert.equal(o.probability, 10);
    assert.equal(o.owner_id, seller.id, 'owner defaults to the contact\'s owner');
    assert.equal(o.status, 'open');
    assert.equal(o.closed_at, null);
    assert.equal(o.lost_reason, null);
    assert.equal(o.source_case_id, null);
    assert.equal(o.amount_minor, 250_000);
    assert.equal(o.currency, 'NOK');
    assert.equal(o.expected_close, '2027-02-28');
    assert.equal(o.version, 1);
    assert.equal(r.headers.get('etag'), '"1"');
    assert.equal(new URL(r.headers.get('location'), h.base).pathname, `/api/v1/opportunities/${o.id}`);
    assert.deepEqual(await read(o.id), o);
  });

  test('a contact without an owner: the creating user owns it; owner_id given wins', async () => {
    const c = await customer(agent.client);
    assert.equal((await opportunity(c)).owner_id, manager.id);
    assert.equal((await opportunity(c, { owner_id: seller.id })).owner_id, seller.id);
  });

  test('a stage given brings its probability; a probability given wins', async () => {
    const c = await owned();
    assert.equal((await opportunity(c, { stage: 'negotiation' })).probability, 75);
    const o = await opportunity(c, { stage: 'proposal', probability: 35 });
    assert.deepEqual([o.stage, o.probability], ['proposal', 35]);
  });

  test('created won: status won, closed_at now', async () => {
    const o = await opportunity(await owned(), { stage: 'won' });
    assert.equal(o.status, 'won');
    assert.equal(o.probability, 100);
    assertClosedNow(o);
  });

  describe('validation → 422 naming the fields', () => {
    let c;
    before(async () => { c = await owned(); });
    const invalid = [
      ['missing title', { title: undefined }, ['title']],
      ['blank title', { title: '  ' }, ['title']],
      ['unknown stage', { stage: 'dreaming' }, ['stage']],
      ['negative amount', { amount_minor: -1 }, ['amount_minor']],
      ['fractional amount', { amount_minor: 10.5 }, ['amount_minor']],
      ['bad currency', { currency: 'kr' }, ['currency']],
      ['probability over 100', { probability: 120 }, ['probability']],
      ['expected_close not a date', { expected_close: '2027-02-30' }, ['expected_close']],
      ['unknown contact', { contact_id: 'con_nobody' }, ['contact_id']],
      ['unknown company', { company_id: 'cmp_nobody' }, ['company_id']],
      ['unknown owner', { owner_id: 'usr_nobody' }, ['owner_id']],
      ['unknown source case', { source_case_id: 'cas_nobody' }, ['source_case_id']],
      ['lost without lost_reason', { stage: 'lost' }, ['lost_reason']],
      ['unknown field', { chance: 'high' }, ['chance']],
    ];
    for (const [name, patch, fields] of invalid) {
      test(name, async () => {
        const marker = uniq('Invalid ');
        const body = { title: marker, contact_id: c.id, amount_minor: 1_000, currency: 'NOK', ...patch };
        expectFieldErrors(await manager.client.post('/api/v1/opportunities', body), fields);
        assert.deepEqual((await list(`contact_id=${c.id}`)).filter((o) => o.title === marker), [], 'nothing stored');
      });
    }
  });

  test('viewer cannot create or change → 403', async () => {
    const c = await owned();
    expectProblem(await viewer.client.post('/api/v1/opportunities',
      { title: 'No', contact_id: c.id, amount_minor: 1, currency: 'NOK' }), 403, 'forbidden');
    const o = await opportunity(c);
    expectProblem(await viewer.client.patch(`/api/v1/opportunities/${o.id}`, { stage: 'won' }), 403, 'forbidden');
    assert.deepEqual(await read(o.id), o);
  });
});

describe('won, lost and reopened', () => {
  test('lost needs lost_reason (422, unchanged); with it: status lost, probability 0, closed_at set', async () => {
    const o = await opportunity(await owned(), { stage: 'proposal' });
    expectFieldErrors(await manager.client.patch(`/api/v1/opportunities/${o.id}`, { stage: 'lost' }), ['lost_reason']);
    assert.deepEqual(await read(o.id), o);
    const lost = await patchOpp(o.id, { stage: 'lost', lost_reason: 'Went with a competitor' });
    assert.equal(lost.status, 'lost');
    assert.equal(lost.lost_reason, 'Went with a competitor');
    assert.equal(lost.probability, 0, 'the stage\'s probability');
    assertClosedNow(lost);
    assert.equal(lost.version, 2);
  });

  test('won sets closed_at; back to an open stage clears it and the status is open again', async () => {
    const o = await opportunity(await owned(), { stage: 'negotiation' });
    const won = await patchOpp(o.id, { stage: 'won' });
    assert.deepEqual([won.status, won.probability], ['won', 100]);
    assertClosedNow(won);
    const reopened = await patchOpp(o.id, { stage: 'proposal' });
    assert.deepEqual([reopened.status, reopened.probability, reopened.closed_at], ['open', 50, null]);
    const lost = await patchOpp(o.id, { stage: 'lost', lost_reason: 'Budget cut' });
    assertClosedNow(lost);
    const again = await patchOpp(o.id, { stage: 'qualification' });
    assert.deepEqual([again.status, again.closed_at], ['open', null]);
  });

  test('status is derived: a PATCH of status alone never closes it', async () => {
    const o = await opportunity(await owned());
    const r = await manager.client.patch(`/api/v1/opportunities/${o.id}`, { status: 'won' });
    if (r.status === 422) {
      expectFieldErrors(r, ['status']);
      assert.deepEqual(await read(o.id), o);
    } else {
      expectStatus(r, 200);
      const now = await read(o.id);
      assert.deepEqual([now.stage, now.status, now.closed_at], ['qualification', 'open', null]);
    }
  });

  test('If-Match: stale → 412, unchanged', async () => {
    const o = await opportunity(await owned());
    expectProblem(await manager.client.patch(`/api/v1/opportunities/${o.id}`, { stage: 'won' },
                                             { headers: { 'if-match': '"5"' } }), 412, 'precondition-failed');
    assert.deepEqual(await read(o.id), o);
  });

  test('timeline: kind opportunity when created, won and lost', async () => {
    const c = await owned();
    const a = await opportunity(c, { title: 'Timeline win' });
    const b = await opportunity(c, { title: 'Timeline loss' });
    await patchOpp(a.id, { stage: 'won' });
    await patchOpp(b.id, { stage: 'lost', lost_reason: 'No budget' });
    const body = expectStatus(await viewer.client.get(`/api/v1/contacts/${c.id}/timeline?kind=opportunity`), 200);
    const items = body.items;
    assert.ok(items.every((e) => e.kind === 'opportunity'), JSON.stringify(items));
    const forA = items.filter((e) => e.ref_id === a.id);
    const forB = items.filter((e) => e.ref_id === b.id);
    assert.ok(forA.length >= 1 && forB.length >= 1, `entries for both: ${JSON.stringify(items)}`);
    assert.ok(forA.some((e) => /won/i.test(e.summary)), `a won entry: ${JSON.stringify(forA)}`);
    assert.ok(forB.some((e) => /lost/i.test(e.summary)), `a lost entry: ${JSON.stringify(forB)}`);
    // TODO(implementer): one entry per event (created, won, lost) or one entry updated in
    // place, like tasks? Tighten to the exact entries and summaries once fixed.
  });
});

describe('source cases', () => {
  test('source_case_id names a case; the list filters by it', async () => {
    const c = await owned();
    const k = await openCase(agent.client, c, { subject: 'Wants a bigger plan' });
    const o = await opportunity(c, { source_case_id: k.id });
    assert.equal(o.source_case_id, k.id);
    assert.deepEqual(ids(await list(`source_case_id=${k.id}`)), [o.id]);
  });

  test('POST /cases/{id}/opportunity: for the case\'s customer, owned by the customer\'s owner', async () => {
    const c = await owned(seller);
    const k = await openCase(agent.client, c, { subject: 'Upsell chance' });
    const r = await agent.client.post(`/api/v1/cases/${k.id}/opportunity`,
      { title: 'Upgrade to premium', amount_minor: 480_000, currency: 'NOK' });
    const o = expectStatus(r, 201);
    assert.equal(o.contact_id, c.id);
    assert.equal(o.owner_id, seller.id);
    assert.equal(o.source_case_id, k.id);
    assert.deepEqual([o.title, o.amount_minor, o.currency, o.stage, o.status], ['Upgrade to premium', 480_000, 'NOK',
      'qualification', 'open']);
    assert.deepEqual(ids(await list(`source_case_id=${k.id}`)), [o.id]);
    expectProblem(await agent.client.post('/api/v1/cases/no-such-case/opportunity',
      { title: 'x', amount_minor: 1, currency: 'NOK' }), 404, 'not-found');
    expectFieldErrors(await agent.client.post(`/api/v1/cases/${k.id}/opportunity`,
      { title: 'Bad', amount_minor: -5, currency: 'kr' }), ['amount_minor', 'currency']);
    expectProblem(await viewer.client.post(`/api/v1/cases/${k.id}/opportunity`,
      { title: 'x', amount_minor: 1, currency: 'NOK' }), 403, 'forbidden');
    assert.deepEqual(ids(await list(`source_case_id=${k.id}`)), [o.id]);
  });
});

describe('lists', () => {
  let c1, c2, company, a, b, d, e;
  before(async () => {
    company = expectStatus(await agent.client.post('/api/v1/companies', { name: uniq('Pipeline AS ') }), 201);
    c1 = await owned(seller);
    c2 = await owned(agent);
    a = await opportunity(c1, { amount_minor: 300, expected_close: '2027-03-01', company_id: company.id });
    b = await opportunity(c1, { amount_minor: 100, expected_close: '2027-01-01', stage: 'proposal' });
    d = await opportunity(c2, { amount_minor: 200, expected_close: '2027-02-01', company_id: company.id });
    e = await opportunity(c2, { amount_minor: 400, expected_close: '2026-12-31', stage: 'won' });
  });

  test('filters stage, status, owner_id, contact_id, company_id', async () => {
    const mine = `contact_id=${c1.id}`;
    assert.deepEqual(ids(await list(`${mine}&stage=proposal`)), [b.id]);
    assert.deepEqual(ids(await list(`contact_id=${c2.id}&status=won`)), [e.id]);
    assert.deepEqual(ids(await list(`contact_id=${c2.id}&status=open`)), [d.id]);
    assert.deepEqual(ids(await list(`owner_id=${seller.id}&contact_id=${c1.id}&sort=amount_minor`)), [b.id, a.id]);
    assert.deepEqual(ids(await list(`company_id=${company.id}&sort=amount_minor`)), [d.id, a.id]);
  });

  test('sorts expected_close, amount_minor, created_at (- descending)', async () => {
    const both = async (q) => ids((await list(q)).filter((o) => [a.id, b.id, d.id, e.id].includes(o.id)));
    assert.deepEqual(await both('sort=expected_close'), [e.id, b.id, d.id, a.id]);
    assert.deepEqual(await both('sort=-amount_minor'), [e.id, a.id, d.id, b.id]);
    assert.deepEqual(await both('sort=created_at'), [a.id, b.id, d.id, e.id]);
  });

  test('bad parameters → 400; limit over 500 → 422; unknown id → 404', async () => {
    await expectListGuards(viewer.client, '/api/v1/opportunities');
    expectProblem(await viewer.client.get('/api/v1/opportunities/no-such-opp'), 404, 'not-found');
  });
});

describe('forecast', () => {
  // One owner's pipeline (forecaster, used nowhere else), as of December 2026:
  //   open NOK: 100,000 × 50% (Dec 20) = 50,000; 33,333 × 25% (Dec 31) = 8,333.25 → 8,333;
  //             3 × 50% (Jan 10) = 1.5 → 2; 3 × 50% (Jan 31) = 1.5 → 2 (per opportunity: 4, not 3);
  //             10,001 × 15% (Feb 1) = 1,500.15 → 1,500; 7,000 × 75% (Jul 1, beyond the default window)
  //   won NOK 70,000 and lost NOK 5,000, closed now (December) whatever their expected_close;
  //   open EUR 99,999 × 50% (Dec 20): another currency.
  let forecaster;
  const month = (m, open_count, pipeline_minor, weighted_minor, won_minor = 0, lost_minor = 0) =>
    ({ month: m, open_count, pipeline_minor, weighted_minor, won_minor, lost_minor });
  const figures = (x) => ({ month: x.month, open_count: x.open_count, pipeline_minor: x.pipeline_minor,
                            weighted_minor: x.weighted_minor, won_minor: x.won_minor, lost_minor: x.lost_minor });
  const totalsOf = (x) => { const { month: _, ...rest } = figures(x); return rest; };
  before(async () => {
    forecaster = await h.makeUser('agent');
    const c = await owned(forecaster);
    const make = (body) => opportunity(c, body);
    await make({ amount_minor: 100_000, expected_close: '2026-12-20', stage: 'proposal' });
    await make({ amount_minor: 33_333, expected_close: '2026-12-31', probability: 25 });
    await make({ amount_minor: 3, expected_close: '2027-01-10', probability: 50 });
    await make({ amount_minor: 3, expected_close: '2027-01-31', probability: 50 });
    await make({ amount_minor: 10_001, expected_close: '2027-02-01', probability: 15 });
    await make({ amount_minor: 7_000, expected_close: '2027-07-01', stage: 'negotiation' });
    const w = await make({ amount_minor: 70_000, expected_close: '2027-03-15', stage: 'negotiation' });
    await patchOpp(w.id, { stage: 'won' });
    await make({ amount_minor: 5_000, expected_close: '2027-04-01', stage: 'lost', lost_reason: 'Price' });
    await make({ amount_minor: 99_999, expected_close: '2026-12-20', stage: 'proposal', currency: 'EUR' });
  });

  const forecast = async (query) => expectStatus(await manager.client.get(`/api/v1/opportunities/forecast?${query}`), 200);

  test('default window: this month and the next five, in the most used currency, exact figures', async () => {
    const f = await forecast(`owner_id=${forecaster.id}`);
    assert.equal(f.currency, 'NOK');
    assert.deepEqual(f.months.map(figures), [
      month('2026-12', 2, 133_333, 58_333, 70_000, 5_000),
      month('2027-01', 2, 6, 4),
      month('2027-02', 1, 10_001, 1_500),
      month('2027-03', 0, 0, 0),
      month('2027-04', 0, 0, 0),
      month('2027-05', 0, 0, 0),
    ]);
    assert.deepEqual(totalsOf(f.totals), { open_count: 5, pipeline_minor: 143_340, weighted_minor: 59_837,
                                           won_minor: 70_000, lost_minor: 5_000 });
    assert.ok('other_currencies' in f, `other_currencies: ${JSON.stringify(f)}`);
    assert.ok(JSON.stringify(f.other_currencies).includes('EUR') || f.other_currencies === 1,
              `the EUR opportunity is counted as another currency: ${JSON.stringify(f.other_currencies)}`);
    // TODO(implementer): fix the shape of other_currencies (a count, or per currency) and assert it exactly.
  });

  test('from/to choose the months; July holds the opportunity beyond the default window', async () => {
    const f = await forecast(`owner_id=${forecaster.id}&from=2027-06&to=2027-07`);
    assert.deepEqual(f.months.map(figures), [month('2027-06', 0, 0, 0), month('2027-07', 1, 7_000, 5_250)]);
    assert.deepEqual(totalsOf(f.totals), { open_count: 1, pipeline_minor: 7_000, weighted_minor: 5_250, won_minor: 0,
                                           lost_minor: 0 });
  });

  test('currency=EUR: only the EUR opportunity', async () => {
    const f = await forecast(`owner_id=${forecaster.id}&currency=EUR&from=2026-12&to=2026-12`);
    assert.equal(f.currency, 'EUR');
    assert.deepEqual(f.months.map(figures), [month('2026-12', 1, 99_999, 50_000)]);
  });

  test('without owner_id every owner counts: at least this owner\'s figures', async () => {
    const f = await forecast('from=2027-01&to=2027-01&currency=NOK');
    assert.ok(f.months[0].open_count >= 2 && f.months[0].weighted_minor >= 4, JSON.stringify(f.months));
  });

  test('bad months → 400; from after to → 400 or 422', async () => {
    expectProblem(await manager.client.get('/api/v1/opportunities/forecast?from=2026-13'), 400, 'bad-request');
    expectProblem(await manager.client.get('/api/v1/opportunities/forecast?to=December'), 400, 'bad-request');
    const r = await manager.client.get('/api/v1/opportunities/forecast?from=2027-05&to=2027-01');
    assert.ok([400, 422].includes(r.status), `from after to: ${r.status} ${r.text}`);
  });
});
