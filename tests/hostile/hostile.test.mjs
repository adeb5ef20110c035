// Hostile input: malformed, oversized, injected and slow requests against a real server.
// Every case must get a clear 4xx problem+json (or, for protocol abuse, a 4xx or a closed
// connection), leave stored data untouched (a sentinel contact created first is read back
// and the contacts are counted after every case) and never stop /healthz from answering.
//
// Two groups run side by side to keep the suite short: "slow clients" (slowloris, 1,000 idle
// connections, a /healthz monitor — about 16 s, bounded by the server's 15 s header timeout)
// and "fast cases" (everything else, one after the other, each followed by the integrity
// check). Not covered: a body trickled slower than the 60 s body timeout (too slow for the
// suite; the header timeout is covered by the slowloris case).
//
// Run:  node --test tests/hostile/
// The 1,000 connections need more than 1,000 file descriptors in this process and in the
// server; Node raises its own soft RLIMIT_NOFILE to the hard limit at start-up and the
// server inherits it, so only a hard limit below 2,048 is a problem (the test says so).

import { describe, test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import {
  setup, request, rawRequest, hostPort, uniqueEmail, uniq, expectStatus, expectProblem,
  countAll, listAll, login, ADMIN_EMAIL, ADMIN_PASSWORD, REPO,
} from '../api/harness.mjs';

const MiB = 1024 * 1024;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

let h;              // the server (setup(): base, admin client, …)
let agent;          // an agent user: {token, client, id}
let sentinel;       // the contact created before any hostile request, as read back
let expectedContacts = 0;
let expectedCompanies = 0;
let indexHtml = null;

before(async () => {
  h = await setup();
  agent = await h.makeUser('agent');
  const company = expectStatus(await agent.client.post('/api/v1/companies',
    { name: 'Sentinel AS', domain: 'sentinel.example.no' }), 201);
  const me = expectStatus(await h.admin.get('/api/v1/me'), 200);
  const created = expectStatus(await agent.client.post('/api/v1/contacts', {
    first_name: 'Sentinel', last_name: 'Øvrebø', email: uniqueEmail('sentinel'), phone: '+4741234567',
    company_id: company.id, job_title: 'Keeper', kind: 'customer', owner_id: me.id, phase: 'commitment',
    relationship_type: 'personal', birthday: '1980-02-29', customer_since: '2020-01-01',
    tags: ['vip', 'sentinel'],
  }), 201);
  sentinel = expectStatus(await agent.client.get(`/api/v1/contacts/${created.id}`), 200);
  expectedContacts = await countAll(h.admin, 'contacts');
  expectedCompanies = await countAll(h.admin, 'companies');
  const root = await request(h.base, 'GET', '/');
  if (root.status === 200 && /<html/i.test(root.text)) indexHtml = root.text;
});

after(async () => { await h?.stop(); });

// ---------------------------------------------------------------------------------------
// Checks shared by every case

async function assertHealthy(what = '') {
  assert.ok(h.alive(), `server process still running ${what}`);
  const started = Date.now();
  const r = await fetch(`${h.base}/healthz`, { signal: AbortSignal.timeout(5_000) });
  const text = await r.text();
  assert.equal(r.status, 200, `/healthz ${what}: ${r.status} ${text}`);
  assert.deepEqual(JSON.parse(text), { status: 'ok' });
  assert.ok(Date.now() - started < 1_000, `/healthz ${what} took ${Date.now() - started} ms`);
}

/** The sentinel reads back unchanged, the counts are as expected, /healthz answers. */
async function assertIntact(what = '') {
  await assertHealthy(what);
  const r = await h.admin.get(`/api/v1/contacts/${sentinel.id}`);
  expectStatus(r, 200);
  assert.deepEqual(r.body, sentinel, `sentinel contact unchanged ${what}`);
  assert.equal(await countAll(h.admin, 'contacts'), expectedContacts, `contact count ${what}`);
  assert.equal(await countAll(h.admin, 'companies'), expectedCompanies, `company count ${what}`);
}

const show = (r) => `${r.method} ${String(r.path).slice(0, 120)} → ${r.status} ${(r.text || '').slice(0, 400)}`;

/** A 4xx problem+json (any 4xx when `status` is omitted); never a 5xx. */
function expect4xx(r, status, slug) {
  if (status !== undefined) return expectProblem(r, status, slug);
  assert.ok(r.status >= 400 && r.status < 500, `expected a 4xx: ${show(r)}`);
  assert.match(r.headers.get('content-type') ?? '', /^application\/problem\+json/, show(r));
  assert.equal(r.body.status, r.status, show(r));
  return r.body;
}

/** A 422 validation problem naming `field` (or an element of it, `tags[0]`). */
function expectFieldError(r, field) {
  const p = expectProblem(r, 422, 'validation');
  assert.ok(Array.isArray(p.errors) && p.errors.length > 0, `errors[]: ${show(r)}`);
  const fields = p.errors.map((e) => e.field);
  assert.ok(fields.some((f) => f === field || f.startsWith(`${field}[`) || f.startsWith(`${field}.`)),
            `errors should name ${field}, got [${fields.join(', ')}]: ${show(r)}`);
  for (const e of p.errors) assert.equal(typeof e.message, 'string');
  return p;
}

const postRaw = (pathname, raw, opts = {}) =>
  agent.client.request(opts.method || 'POST', pathname,
                       { raw, contentType: opts.contentType || 'application/json', headers: opts.headers });
const patchSentinel = (raw) =>
  agent.client.request('PATCH', `/api/v1/contacts/${sentinel.id}`,
                       { raw, contentType: 'application/merge-patch+json' });

/** A raw request whose answer must be a 4xx problem (`statuses`) or a closed connection. */
async function expectRefusedRaw(data, statuses, what) {
  const r = await rawRequest(h.base, data, { timeoutMs: 5_000 });
  if (r.response) {
    assert.ok(statuses.includes(r.response.status),
              `${what}: expected ${statuses.join('/')} or a closed connection, got ${r.response.head.split('\r\n')[0]} ${r.response.body.slice(0, 300)}`);
    assert.match(r.response.headers['content-type'] ?? '', /^application\/problem\+json/, what);
    assert.equal(JSON.parse(r.response.body).status, r.response.status, what);
  } else {
    assert.ok(r.closed, `${what}: no answer and the connection was not closed within 5 s (got ${JSON.stringify(r.raw.toString('latin1').slice(0, 200))})`);
  }
  return r;
}

function fdLimit() {
  try {
    const m = readFileSync('/proc/self/limits', 'utf8').match(/^Max open files\s+(\d+|unlimited)/m);
    return !m || m[1] === 'unlimited' ? Infinity : Number(m[1]);
  } catch { return Infinity; }
}

// ---------------------------------------------------------------------------------------

describe('hostile input', { concurrency: 2, timeout: 120_000 }, () => {
  // -------------------------------------------------------------------------------------
  // Slow clients: run concurrently with each other and with the fast cases below.
  describe('slow clients', { concurrency: true }, () => {
    let slowDone;
    const slowFinished = new Promise((resolve) => { slowDone = resolve; });
    let pendingSlow = 3;
    const oneSlowDone = () => { pendingSlow -= 1; if (pendingSlow === 0) slowDone(); };

    test('slowloris (one header byte a second) is disconnected within ~16 s', async () => {
      try {
        const { host, port } = hostPort(h.base);
        const socket = net.connect(port, host);
        const header = `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ${'a'.repeat(100)}`;
        let received = '';
        let sent = 0;
        const started = Date.now();
        const closedAfter = await new Promise((resolve) => {
          let done = false;
          const finish = (v) => { if (!done) { done = true; clearInterval(iv); clearTimeout(cap); resolve(v); } };
          socket.on('connect', () => { socket.write(header[sent]); sent += 1; });
          const iv = setInterval(() => {
            if (!socket.destroyed && sent < header.length) { socket.write(header[sent]); sent += 1; }
          }, 1_000);
          socket.on('data', (d) => { received += d.toString('latin1'); });
          socket.on('close', () => finish(Date.now() - started));
          socket.on('error', () => {});
          const cap = setTimeout(() => finish(null), 25_000);
        });
        socket.destroy();
        assert.notEqual(closedAfter, null, `the server kept a slowloris connection open for 25 s (${sent} bytes sent)`);
        assert.ok(closedAfter <= 17_000, `slowloris closed only after ${closedAfter} ms (limit: 15 s header timeout)`);
        assert.ok(!/^HTTP\/1\.1 2/.test(received), `an incomplete header must not be answered 2xx: ${received.slice(0, 200)}`);
      } finally { oneSlowDone(); }
    });

    test('a slow second request on a kept-alive connection is disconnected within ~16 s', async () => {
      try {
        const { host, port } = hostPort(h.base);
        const socket = net.connect(port, host);
        let received = '';
        let firstAnsweredAt = null;
        let sent = 0;
        const slow = `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ${'b'.repeat(100)}`;
        const result = await new Promise((resolve) => {
          let done = false;
          let iv = null;
          const finish = (v) => { if (!done) { done = true; clearInterval(iv); clearTimeout(cap); resolve(v); } };
          socket.on('connect', () => socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n'));
          socket.on('data', (d) => {
            received += d.toString('latin1');
            if (firstAnsweredAt === null && /\r\n\r\n\{"status":"ok"\}/.test(received)) {
              firstAnsweredAt = Date.now();
              iv = setInterval(() => {
                if (!socket.destroyed && sent < slow.length) { socket.write(slow[sent]); sent += 1; }
              }, 1_000);
            }
          });
          socket.on('close', () => finish(firstAnsweredAt === null ? -1 : Date.now() - firstAnsweredAt));
          socket.on('error', () => {});
          const cap = setTimeout(() => finish(null), 25_000);
        });
        socket.destroy();
        assert.notEqual(result, -1, `the first request was not answered: ${received.slice(0, 300)}`);
        assert.notEqual(result, null, 'the server kept a slow kept-alive connection open for 25 s');
        assert.ok(result <= 17_000, `closed only ${result} ms after the first answer`);
        assert.equal((received.match(/HTTP\/1\.1 200/g) || []).length, 1, 'only the complete request is answered');
      } finally { oneSlowDone(); }
    });

    test('1,000 idle connections opened at once: /healthz still answers within 1 s; they are closed at the idle limit', async () => {
      const conns = [];
      try {
        const limit = fdLimit();
        assert.ok(limit >= 2048, `open-file limit ${limit} is too low for 1,000 connections: raise the hard limit ` +
                                 '(`ulimit -Hn 4096` as root, or LimitNOFILE= for a service)');
        const { host, port } = hostPort(h.base);
        const started = Date.now();
        const states = await Promise.all(Array.from({ length: 1000 }, () => new Promise((resolve) => {
          const s = net.connect(port, host);
          const c = { s, connected: false, closedAt: null, error: null };
          conns.push(c);
          s.on('connect', () => { c.connected = true; resolve(c); });
          s.on('close', () => { c.closedAt = Date.now(); resolve(c); });
          s.on('error', (err) => { c.error = err.code; });
          setTimeout(() => resolve(c), 10_000);
        })));
        const connected = states.filter((c) => c.connected).length;
        assert.equal(connected, 1000, `connections established: ${connected} (errors: ` +
          `${[...new Set(states.map((c) => c.error).filter(Boolean))].join(', ')})`);

        // The server keeps answering (health and a real, authenticated read) while they sit idle.
        for (let i = 0; i < 3; i += 1) {
          const t0 = Date.now();
          const r = await fetch(`${h.base}/healthz`, { signal: AbortSignal.timeout(1_000) });
          assert.equal(r.status, 200);
          await r.text();
          assert.ok(Date.now() - t0 < 1_000, `/healthz took ${Date.now() - t0} ms with 1,000 idle connections`);
          const t1 = Date.now();
          const l = await agent.client.get('/api/v1/contacts?limit=5');
          expectStatus(l, 200);
          assert.ok(Date.now() - t1 < 1_000, `a contact list took ${Date.now() - t1} ms with 1,000 idle connections`);
          await sleep(500);
        }
        const stillOpen = conns.filter((c) => c.closedAt === null).length;
        assert.ok(stillOpen >= 990, `the server should keep idle connections until the idle limit; only ${stillOpen} open`);

        // A connection that never sends a header is closed at the 15 s header/idle limit.
        const deadline = started + 18_000;
        while (Date.now() < deadline && conns.some((c) => c.closedAt === null)) await sleep(200);
        const notClosed = conns.filter((c) => c.closedAt === null).length;
        assert.equal(notClosed, 0, `${notClosed} idle connections were still open 18 s after opening`);
        const earliest = Math.min(...conns.map((c) => c.closedAt)) - started;
        assert.ok(earliest >= 10_000, `idle connections were closed after only ${earliest} ms`);
        await assertHealthy('after 1,000 idle connections');
      } finally {
        for (const c of conns) c.s.destroy();
        oneSlowDone();
      }
    });

    test('/healthz answers 200 within 1 s throughout the slow-client cases', async () => {
      const samples = [];
      const until = Date.now() + 30_000;
      let finished = false;
      slowFinished.then(() => { finished = true; });
      while (!finished && Date.now() < until) {
        const t0 = Date.now();
        let status = 0;
        try {
          const r = await fetch(`${h.base}/healthz`, { signal: AbortSignal.timeout(2_000) });
          status = r.status;
          await r.text();
        } catch (err) { status = `${err.name}: ${err.cause?.code ?? err.message}`; }
        samples.push({ at: t0, ms: Date.now() - t0, status });
        await sleep(200);
      }
      assert.ok(samples.length >= 20, `only ${samples.length} samples`);
      const bad = samples.filter((s) => s.status !== 200 || s.ms >= 1_000);
      assert.deepEqual(bad, [], `slow /healthz answers (${samples.length} samples, max ` +
                                `${Math.max(...samples.map((s) => s.ms))} ms)`);
    });
  });

  // -------------------------------------------------------------------------------------
  describe('fast cases', { concurrency: 1 }, () => {
    afterEach(async () => { await assertIntact('after the case'); });

    test('invalid UTF-8 in a JSON body → 400 invalid-json', async () => {
      const bad = [
        [0xc3, 0x28], [0xff], [0xfe, 0xff], [0xed, 0xa0, 0x80] /* encoded surrogate */,
        [0xc0, 0xaf] /* overlong "/" */, [0xe2, 0x82] /* truncated */, [0xf8, 0x88, 0x80, 0x80, 0x80],
        [0x80], [0xf4, 0x90, 0x80, 0x80] /* above U+10FFFF */,
      ];
      const wrap = (pre, bytes, post) => Buffer.concat([Buffer.from(pre), Buffer.from(bytes), Buffer.from(post)]);
      for (const bytes of bad) {
        const hex = Buffer.from(bytes).toString('hex');
        const bodies = [
          wrap('{"first_name":"', bytes, '"}'),
          wrap(`{"first_name":"x","email":"u${hex}`, bytes, '@example.com"}'),
          wrap('{"first_name":"x","tags":["', bytes, '"]}'),
          wrap('{"first_name":"x","', bytes, '":1}'),
        ];
        for (const raw of bodies) {
          expect4xx(await postRaw('/api/v1/contacts', raw), 400, 'invalid-json');
        }
        expect4xx(await patchSentinel(wrap('{"last_name":"', bytes, '"}')), 400, 'invalid-json');
        expect4xx(await postRaw('/api/v1/contacts/batch', wrap('{"items":[{"first_name":"', bytes, '"}]}')),
                  400, 'invalid-json');
        expect4xx(await postRaw('/api/v1/companies', wrap('{"name":"', bytes, '"}')), 400, 'invalid-json');
        expect4xx(await request(h.base, 'POST', '/api/v1/auth/login',
          { raw: wrap('{"email":"', bytes, `","password":"${ADMIN_PASSWORD}"}`), contentType: 'application/json' }),
                  400, 'invalid-json');
      }
      // JSON escapes for lone surrogates are not valid Unicode either.
      for (const esc of ['\\ud800', '\\udc00', '\\ud800\\u0041', 'x\\udfff']) {
        expect4xx(await postRaw('/api/v1/contacts', `{"first_name":"${esc}"}`), 400, 'invalid-json');
      }
      // A valid astral character is fine (control: the checks above are about validity, not range).
      const ok = expectStatus(await postRaw('/api/v1/contacts',
        JSON.stringify({ first_name: 'Emoji 😀', email: uniqueEmail('emoji') })), 201);
      expectedContacts += 1;
      assert.equal(ok.first_name, 'Emoji 😀');
    });

    test('invalid UTF-8 in the URL path and query → 400 bad-request', async () => {
      for (const p of [
        '/api/v1/contacts?q=%ff', '/api/v1/contacts?q=%c3%28', '/api/v1/contacts?q=%ed%a0%80',
        '/api/v1/contacts?q=%c0%af', '/api/v1/contacts?q=ok%e2%82', '/api/v1/contacts?%ff=1',
        '/api/v1/contacts?email=%ff%fe', '/api/v1/contacts?tag=%80', '/api/v1/contacts?sort=%ff',
        '/api/v1/contacts?cursor=%ff', `/api/v1/contacts/%ff%fe`, `/api/v1/contacts/${sentinel.id}%ff`,
        '/api/v1/companies?q=%f8%88%80%80%80', '/%ff', '/assets/%c0%ae%c0%ae/x.js',
      ]) {
        const r = await agent.client.get(p);
        expect4xx(r, 400, 'bad-request');
      }
      // The same with a body-changing method: nothing is applied.
      expect4xx(await agent.client.patch(`/api/v1/contacts/${sentinel.id}?x=%ff`, { last_name: 'Changed' }),
                400, 'bad-request');
      expect4xx(await agent.client.post('/api/v1/contacts?%ff', { first_name: 'Nope' }), 400, 'bad-request');
      // Raw (not percent-encoded) bytes ≥ 0x80 in the request target.
      for (const target of ['/api/v1/contacts?q=\xff\xfe', '/\xff\xfe', '/api/v1/contacts/\xc3\x28']) {
        await expectRefusedRaw(`GET ${target} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${agent.token}\r\n` +
                               'Connection: close\r\n\r\n', [400], `raw target ${JSON.stringify(target)}`);
      }
    });

    test('NUL bytes in field values → 422 naming the field; raw NUL → 400', async () => {
      const nul = 'a\u0000b';
      const cases = {
        first_name: nul, last_name: nul, email: `a\u0000b${uniq('n')}@example.com`, phone: '+47\u000041234567',
        job_title: nul, kind: 'customer\u0000', phase: 'commitment\u0000', relationship_type: 'personal\u0000',
        birthday: '1980-01-01\u0000', customer_since: '\u00002020-01-01', company_id: nul, owner_id: nul,
        tags: ['ok', nul],
      };
      for (const [field, value] of Object.entries(cases)) {
        const body = field === 'email' ? { first_name: 'Nul', email: value }
                                       : { email: uniqueEmail('nul'), [field]: value };
        expectFieldError(await agent.client.post('/api/v1/contacts', body), field);
        expectFieldError(await agent.client.request('PATCH', `/api/v1/contacts/${sentinel.id}`,
          { body: { [field]: value }, contentType: 'application/merge-patch+json' }), field);
      }
      expectFieldError(await agent.client.post('/api/v1/contacts/batch',
        { items: [{ first_name: 'Fine', email: uniqueEmail('b') }, { first_name: nul }] }), 'items[1].first_name');
      expectFieldError(await agent.client.post('/api/v1/companies', { name: nul }), 'name');
      expectFieldError(await agent.client.patch(`/api/v1/companies/${sentinel.company_id}`, { name: nul }), 'name');
      // An unescaped NUL byte inside a JSON string is not JSON.
      expect4xx(await postRaw('/api/v1/contacts', Buffer.from('{"first_name":"a\u0000b"}', 'latin1')),
                400, 'invalid-json');
      expect4xx(await postRaw('/api/v1/contacts', Buffer.from('{"first_name":"ab"}\u0000', 'latin1')),
                400, 'invalid-json');
      // NUL in a sign-in is just a failed sign-in (or a validation error), never a 5xx.
      const li = await request(h.base, 'POST', '/api/v1/auth/login',
        { body: { email: `${ADMIN_EMAIL}\u0000`, password: ADMIN_PASSWORD } });
      assert.ok([400, 401, 422].includes(li.status), show(li));
      // NUL in the URL.
      expect4xx(await agent.client.get('/api/v1/contacts/%00'), 400, 'bad-request');
      expect4xx(await agent.client.get(`/api/v1/contacts/${sentinel.id}%00`), 400, 'bad-request');
      // A filter value with a NUL matches literally (nothing) or is refused; it must not be cut
      // at the NUL (which would make `email=<sentinel's email>%00junk` find the sentinel).
      for (const p of [`/api/v1/contacts?email=${encodeURIComponent(sentinel.email)}%00junk`, '/api/v1/contacts?tag=vip%00junk',
                       `/api/v1/contacts?company_id=${sentinel.company_id}%00junk`, `/api/v1/contacts?owner_id=${sentinel.owner_id}%00`,
                       '/api/v1/contacts?phase=commitment%00x']) {
        const r = await h.admin.get(p);
        if (r.status === 200) assert.deepEqual(r.body.items, [], `${p} must match nothing`);
        else expect4xx(r, 400, 'bad-request');
      }
      // In q a NUL is either refused or dropped by the search folding (a 200 either way is fine).
      const q = await agent.client.get('/api/v1/contacts?q=Sent%00inel');
      if (q.status !== 200) expect4xx(q, 400, 'bad-request');
    });

    test('10 MB strings → 413; a 7 MB string in a field → 422 (answer stays small)', async () => {
      const ten = 'a'.repeat(10 * MiB);
      for (const [method, p] of [['POST', '/api/v1/contacts'], ['POST', '/api/v1/contacts/batch'],
                                  ['PATCH', `/api/v1/contacts/${sentinel.id}`], ['POST', '/api/v1/companies'],
                                  ['POST', '/api/v1/auth/login']]) {
        const raw = `{"first_name":"${ten}","items":[],"name":"x","email":"x","password":"x"}`;
        let r;
        try {
          r = await request(h.base, method, p, { token: agent.token, raw, contentType: 'application/json' });
        } catch (err) {
          assert.fail(`${method} ${p} with 10 MB: expected a 413 answer, the connection failed: ${err.cause?.code ?? err.message}`);
        }
        expect4xx(r, 413, 'payload-too-large');
      }
      const seven = 'é'.repeat(3.5 * MiB); // 7 MiB of UTF-8
      for (const [field, value] of [['first_name', seven], ['last_name', seven], ['job_title', seven],
                                    ['email', `${seven}@example.com`], ['phone', '1'.repeat(7 * MiB)],
                                    ['tags', [seven]], ['kind', seven], ['birthday', seven]]) {
        const body = field === 'email' ? { first_name: 'Big', email: value } : { email: uniqueEmail('big'), [field]: value };
        const r = await agent.client.post('/api/v1/contacts', body);
        expectFieldError(r, field);
        assert.ok(r.text.length < 16 * 1024, `the 422 for a 7 MB ${field} must not echo it (${r.text.length} bytes)`);
      }
      const pr = await patchSentinel(JSON.stringify({ last_name: seven }));
      expectFieldError(pr, 'last_name');
      // A 7 MB unknown field name.
      const kr = await postRaw('/api/v1/contacts', `{"first_name":"x","${'k'.repeat(7 * MiB)}":1}`);
      expect4xx(kr, 422, 'validation');
      assert.ok(kr.text.length < 16 * 1024, `the 422 for a 7 MB field name must not echo it (${kr.text.length} bytes)`);
    });

    test('JSON nested 100,000 deep → 400 invalid-json', async () => {
      const N = 100_000;
      const bodies = [
        '['.repeat(N) + ']'.repeat(N),
        '{"a":'.repeat(N) + '1' + '}'.repeat(N),
        `{"first_name":"x","tags":${'['.repeat(N)}${']'.repeat(N)}}`,
        `{"first_name":${'{"a":'.repeat(N)}null${'}'.repeat(N)}}`,
        '[{"a":'.repeat(N / 2) + '0' + '}]'.repeat(N / 2),
        '['.repeat(N),
        '{"a":'.repeat(N),
      ];
      for (const raw of bodies) {
        expect4xx(await postRaw('/api/v1/contacts', raw), 400, 'invalid-json');
        expect4xx(await patchSentinel(raw), 400, 'invalid-json');
      }
      expect4xx(await postRaw('/api/v1/contacts/batch', `{"items":${bodies[0]}}`), 400, 'invalid-json');
      expect4xx(await postRaw('/api/v1/companies', bodies[1]), 400, 'invalid-json');
      expect4xx(await request(h.base, 'POST', '/api/v1/auth/login',
                              { raw: bodies[1], contentType: 'application/json' }), 400, 'invalid-json');
    });

    test('huge numbers and wrong types for every contact field → 422 naming the field', async () => {
      const numbers = ['1e400', '-1e400', '123456789012345678901234567890', '-0', '1.5', '0'];
      const nonString = [...numbers, 'true', 'false', '{}', '{"a":"b"}', '[]', '["x"]', '[1e400]'];
      const fields = {
        first_name: nonString, last_name: nonString, email: nonString, phone: nonString,
        company_id: nonString, job_title: nonString, kind: nonString, owner_id: nonString,
        phase: nonString, relationship_type: nonString, birthday: nonString, customer_since: nonString,
        tags: [...numbers, 'true', '"vip"', '{}', '{"0":"x"}', '[1]', '[1e400]', '[123456789012345678901234567890]',
               '[true]', '[null]', '[{}]', '[["x"]]'],
        allow_duplicate: [...numbers, '"true"', '"yes"', '{}', '[]', '[true]'],
      };
      for (const [field, literals] of Object.entries(fields)) {
        for (const lit of literals) {
          const raw = field === 'email'
            ? `{"first_name":"Typed","email":${lit}}`
            : `{"email":"${uniqueEmail('typed')}","${field}":${lit}}`;
          expectFieldError(await postRaw('/api/v1/contacts', raw), field);
          if (field !== 'allow_duplicate') expectFieldError(await patchSentinel(`{"${field}":${lit}}`), field);
        }
      }
      // Every field wrong at once: every field is named.
      const all = `{${Object.keys(fields).map((f) => `"${f}":1e400`).join(',')}}`;
      const p = expectProblem(await postRaw('/api/v1/contacts', all), 422, 'validation');
      const named = p.errors.map((e) => e.field.replace(/\[.*$/, ''));
      for (const f of Object.keys(fields)) assert.ok(named.includes(f), `${f} not named in ${JSON.stringify(p.errors)}`);
      // In a batch the path is items[i].field.
      expectFieldError(await postRaw('/api/v1/contacts/batch',
        `{"items":[{"email":"${uniqueEmail('b')}"},{"email":"${uniqueEmail('b')}","kind":123456789012345678901234567890}]}`),
                       'items[1].kind');
      // Huge numbers in numeric query parameters.
      for (const lim of ['1e400', '123456789012345678901234567890', '-123456789012345678901234567890', '1.5', '0x10', 'NaN']) {
        const r = await agent.client.get(`/api/v1/contacts?limit=${lim}`);
        assert.ok([400, 422].includes(r.status), `limit=${lim}: ${show(r)}`);
        expect4xx(r);
      }
      // A body that is not an object.
      for (const raw of ['1e400', '123456789012345678901234567890', '"x"', 'null', '[]', 'true']) {
        const r = await postRaw('/api/v1/contacts', raw);
        assert.ok([400, 422].includes(r.status), `body ${raw}: ${show(r)}`);
        expect4xx(r);
      }
    });

    test('duplicate keys: the last one wins, deterministically, and is stored consistently', async () => {
      // Observed behaviour (documented here): for a repeated member the last value is used.
      const tag = uniq('dupk');
      const created = [];
      for (let i = 0; i < 5; i += 1) {
        const first = uniqueEmail('dupfirst');
        const last = uniqueEmail('duplast');
        const raw = `{"first_name":"Loser${tag}","first_name":"Winner${tag}","email":"${first}","email":"${last}",` +
                    `"tags":["a"],"tags":["${tag}"],"kind":"customer","kind":"prospect"}`;
        const c = expectStatus(await postRaw('/api/v1/contacts', raw), 201);
        expectedContacts += 1;
        created.push(c.id);
        assert.equal(c.first_name, `Winner${tag}`);
        assert.equal(c.email, last);
        assert.deepEqual(c.tags, [tag]);
        assert.equal(c.kind, 'prospect');
        const back = expectStatus(await agent.client.get(`/api/v1/contacts/${c.id}`), 200);
        assert.deepEqual(back, c, 'read back as answered');
        // The losing email is free; the winning one is taken.
        expect4xx(await agent.client.post('/api/v1/contacts', { first_name: 'Again', email: last }), 409, 'duplicate-email');
      }
      // Lists and search agree with the stored (winning) values.
      const byTag = await listAll(agent.client, `/api/v1/contacts?tag=${tag}`);
      assert.deepEqual(byTag.map((c) => c.id).sort(), [...created].sort());
      const found = await listAll(agent.client, `/api/v1/contacts?q=winner${tag}`);
      assert.deepEqual(found.map((c) => c.id).sort(), [...created].sort(), 'search finds the winning value');
      assert.deepEqual((await agent.client.get(`/api/v1/contacts?q=loser${tag}`)).body.items, [],
                       'search does not find the losing value');
      // Last one wins also when the last one is invalid, and when the first one is.
      expectFieldError(await postRaw('/api/v1/contacts', `{"email":"${uniqueEmail('d')}","last_name":"ok","last_name":3}`), 'last_name');
      const c2 = expectStatus(await postRaw('/api/v1/contacts',
        `{"email":"${uniqueEmail('d')}","last_name":3,"last_name":"Fixed${tag}"}`), 201);
      expectedContacts += 1;
      assert.equal(c2.last_name, `Fixed${tag}`);
      // In a merge patch too.
      const p = expectStatus(await agent.client.request('PATCH', `/api/v1/contacts/${c2.id}`, {
        raw: '{"job_title":"A","job_title":"B","job_title":"C"}', contentType: 'application/merge-patch+json' }), 200);
      assert.equal(p.job_title, 'C');
      assert.equal(p.version, 2);
      // A duplicated key that is invalid in its last occurrence changes nothing on the sentinel.
      expectProblem(await patchSentinel('{"last_name":"Changed","last_name":null,"first_name":null,"email":null}'),
                    422, 'validation');
    });

    test('SQL-injection strings: stored literally in fields, harmless in q, filters, sort, cursor, ids', async () => {
      const SQLI = [
        "' OR '1'='1", "'; DROP TABLE contacts; --", "Robert'); DROP TABLE contacts;--", '" OR ""="',
        '1; SELECT * FROM users', "admin'--", "' UNION SELECT password_hash, 1 FROM users --",
        "%' OR 1=1 OR name LIKE '%", "\\'; DELETE FROM contacts WHERE 1=1; --", "1' AND SLEEP(5)--",
        "'; SELECT pg_sleep(5); --", "x' || (SELECT sqlite_version()) || '", 'contacts_fts MATCH *',
        'a" OR "b" NEAR(c d) *', "1)) OR 1=1 /*", '$1; TRUNCATE contacts CASCADE',
      ];
      const stored = [];
      for (const s of SQLI) {
        const tag = s.slice(0, 50).trim();
        const c = expectStatus(await agent.client.post('/api/v1/contacts', {
          first_name: s, last_name: s, job_title: s, tags: [tag], email: uniqueEmail('sqli'),
        }), 201);
        expectedContacts += 1;
        stored.push(c);
        const back = expectStatus(await agent.client.get(`/api/v1/contacts/${c.id}`), 200);
        assert.equal(back.first_name, s);
        assert.equal(back.last_name, s);
        assert.equal(back.job_title, s);
        assert.deepEqual(back.tags, [tag]);
        const co = expectStatus(await agent.client.post('/api/v1/companies', { name: s, address: s }), 201);
        expectedCompanies += 1;
        assert.equal(expectStatus(await agent.client.get(`/api/v1/companies/${co.id}`), 200).name, s);
      }
      // An email with quotes is either stored literally or refused as invalid.
      const qe = `o'brien-${uniq('q')}@example.com`;
      const er = await agent.client.post('/api/v1/contacts', { first_name: 'Quote', email: qe });
      if (er.status === 201) { expectedContacts += 1; assert.equal(er.body.email, qe); } else expectFieldError(er, 'email');

      const total = expectedContacts;
      for (const s of SQLI) {
        const enc = encodeURIComponent(s);
        // q: 200 with a subset that does not include the sentinel (or a 400), never a 5xx.
        for (const coll of ['contacts', 'companies']) {
          const r = await agent.client.get(`/api/v1/${coll}?q=${enc}&limit=500`);
          if (r.status !== 200) { expect4xx(r, 400, 'bad-request'); continue; }
          assert.ok(!r.body.items.some((c) => c.id === sentinel.id || c.id === sentinel.company_id),
                    `q=${s} must not match the sentinel`);
          if (coll === 'contacts') assert.ok(r.body.items.length < total, `q=${s} must not match everything`);
        }
        // Equality filters take the value literally.
        for (const f of ['email', 'kind', 'phase', 'relationship_type', 'owner_id', 'company_id']) {
          const r = await agent.client.get(`/api/v1/contacts?${f}=${enc}`);
          if (r.status === 200) assert.deepEqual(r.body.items, [], `${f}=${s} matches nothing`);
          else expect4xx(r, 400, 'bad-request');
        }
        const byTag = await agent.client.get(`/api/v1/contacts?tag=${encodeURIComponent(s.slice(0, 50).trim())}`);
        expectStatus(byTag, 200);
        assert.ok(byTag.body.items.length >= 1 && byTag.body.items.every((c) => c.tags.includes(s.slice(0, 50).trim())),
                  `tag=${s} finds exactly the contacts with that tag: ${JSON.stringify(byTag.body.items.map((c) => c.tags))}`);
        // sort, cursor, limit, archived, unknown parameter names: 400.
        for (const p of [`sort=${enc}`, `sort=-${enc}`, `cursor=${enc}`, `limit=${enc}`, `archived=${enc}`, `${enc}=1`]) {
          expect4xx(await agent.client.get(`/api/v1/contacts?${p}`), 400, 'bad-request');
        }
        // As a record id: not found, and nothing happens.
        expect4xx(await agent.client.get(`/api/v1/contacts/${enc}`), 404, 'not-found');
        expect4xx(await agent.client.patch(`/api/v1/contacts/${enc}`, { last_name: 'Changed' }), 404, 'not-found');
        expect4xx(await agent.client.del(`/api/v1/contacts/${enc}`), 404, 'not-found');
        // In an If-Match and an Idempotency-Key.
        const im = await agent.client.request('PATCH', `/api/v1/contacts/${sentinel.id}`,
          { body: { last_name: 'Changed' }, headers: { 'if-match': s } });
        assert.ok([400, 412].includes(im.status), `If-Match ${s}: ${show(im)}`);
        expect4xx(im);
      }
      const ik = "' OR 1=1; DROP TABLE idempotency_keys; --";
      const first = expectStatus(await agent.client.post('/api/v1/contacts', { first_name: 'Idem', email: uniqueEmail('ik') },
                                                         { headers: { 'idempotency-key': ik } }), 201);
      expectedContacts += 1;
      // Another key that would match with a LIKE or a quote-broken query must not replay it.
      const other = await agent.client.post('/api/v1/contacts', { first_name: 'Idem2', email: uniqueEmail('ik') },
                                            { headers: { 'idempotency-key': "' OR '1'='1" } });
      expectStatus(other, 201);
      expectedContacts += 1;
      assert.notEqual(other.body.id, first.id);
      // Everything is still there and the users table works.
      for (const c of stored) assert.equal(expectStatus(await agent.client.get(`/api/v1/contacts/${c.id}`), 200).first_name, c.first_name);
      await login(h.base, ADMIN_EMAIL, ADMIN_PASSWORD);
      assert.ok(expectStatus(await h.admin.get('/api/v1/users'), 200).items.length >= 2);
    });

    test('CR/LF in header values over a raw socket → 400 or closed; never echoed back raw', async () => {
      const T = agent.token;
      const body = '{"first_name":"HeaderInjected"}';
      const post = (extra) => `POST /api/v1/contacts HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${T}\r\n` +
        `Content-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n${extra}\r\n\r\n${body}`;
      const get = (extra) => `GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n${extra}\r\n\r\n`;
      const cases = {
        'CR in a value': get('X-Foo: a\rInjected: yes'),
        'LF in a value': get('X-Foo: a\nInjected: yes'),
        'CR in X-Request-Id': get('X-Request-Id: abc\rSet-Cookie: evil=1'),
        'LF in X-Request-Id': get('X-Request-Id: abc\nSet-Cookie: evil=1'),
        'NUL in X-Request-Id': get('X-Request-Id: abc\u0000Set-Cookie: evil=1'),
        'CR in Idempotency-Key': post('Idempotency-Key: k\rSet-Cookie: evil=1'),
        'LF in Idempotency-Key': post('Idempotency-Key: k\nSet-Cookie: evil=1'),
        'CR in Authorization': get(`Authorization: Bearer ${T}\rSet-Cookie: evil=1`),
        'LF in Content-Type': post('X-Pad: 1').replace('Content-Type: application/json', 'Content-Type: application/json\nSet-Cookie: evil=1'),
        'CR/LF in the request line': 'GET /healthz\r\nInjected: yes HTTP/1.1\r\nHost: x\r\n\r\n',
        'bare LF line ends': 'GET /healthz HTTP/1.1\nHost: x\nInjected: yes\n\n',
      };
      for (const [what, data] of Object.entries(cases)) {
        const r = await expectRefusedRaw(data, [400], what);
        const head = r.response?.head ?? '';
        assert.ok(!/\r\n(set-cookie: evil|injected:)/i.test(head), `${what}: injected header echoed: ${head}`);
      }
      // Header values the server may accept (obsolete line folding, odd characters, a long id)
      // are never echoed raw: X-Request-Id is echoed only when it is a safe token.
      const tolerated = {
        'obs-fold X-Request-Id': get('X-Request-Id: abc\r\n Set-Cookie: evil=1'),
        'obs-fold Idempotency-Key': post('Idempotency-Key: k-fold\r\n\tSet-Cookie: evil=1'),
        'X-Request-Id with spaces and quotes': get('X-Request-Id: a b"c<script>'),
        'X-Request-Id with UTF-8': get('X-Request-Id: \xc3\xa6\xc3\xb8'),
        'X-Request-Id of 5000 chars': get(`X-Request-Id: ${'r'.repeat(5000)}`),
        'X-Request-Id with control chars': get('X-Request-Id: a\u0001\u007fb'),
      };
      for (const [what, data] of Object.entries(tolerated)) {
        const r = await rawRequest(h.base, data + '', { timeoutMs: 5_000 });
        if (r.response) {
          assert.ok(r.response.status < 500, `${what}: ${r.response.head.split('\r\n')[0]}`);
          const head = r.response.head;
          assert.ok(!/\r\n(set-cookie: evil|injected:)/i.test(head), `${what}: injected header echoed: ${head}`);
          const rid = r.response.headers['x-request-id'] ?? '';
          assert.match(rid, /^[A-Za-z0-9._-]{1,64}$/, `${what}: X-Request-Id ${JSON.stringify(rid)} is a safe token`);
          if (r.response.status === 201) {
            expectedContacts += 1; // the folded key was accepted as a key: a legal (obsolete) header
            const c = JSON.parse(r.response.body);
            assert.equal(c.first_name, 'HeaderInjected');
          }
        } else {
          assert.ok(r.closed, `${what}: neither answered nor closed`);
        }
      }
      // A safe X-Request-Id is echoed exactly.
      const ok = await request(h.base, 'GET', '/healthz', { headers: { 'x-request-id': 'trace-abc_123.4' } });
      assert.equal(ok.headers.get('x-request-id'), 'trace-abc_123.4');
      // Percent-encoded CR/LF in the target never becomes a header.
      for (const p of ['/api/v1/x%0d%0aSet-Cookie:%20evil=1', '/x%0d%0aInjected:%20yes', '/api/v1/contacts?q=%0d%0aInjected:%20yes',
                       `/api/v1/contacts/${sentinel.id}%0d%0aInjected:%20yes`]) {
        const r = await rawRequest(h.base, `GET ${p} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${T}\r\nConnection: close\r\n\r\n`);
        assert.ok(r.response, `${p}: an answer`);
        assert.ok(r.response.status < 500, `${p}: ${r.response.status}`);
        assert.ok(!/\r\n(set-cookie: evil|injected:)/i.test(r.response.head), `${p}: injected header: ${r.response.head}`);
      }
    });

    test('path traversal in static URLs → 404 or 400, never file content', async () => {
      const secrets = [];
      if (existsSync('/etc/passwd')) secrets.push(readFileSync('/etc/passwd', 'utf8').split('\n')[0]);
      if (existsSync(path.join(REPO, '.git', 'config'))) secrets.push('repositoryformatversion');
      secrets.push(readFileSync(path.join(REPO, 'README.md'), 'utf8').split('\n').slice(0, 3).join('\n'));
      secrets.push('#include', 'PRAGMA', 'CREATE TABLE', 'HEARTH_PHONE_REGION');
      const required = ['/../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/assets/..%2f..%2fetc/passwd', '/.git/config'];
      const more = [
        '/../../../../../../etc/passwd', '/assets/../../../../etc/passwd', '/assets/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
        '/%2e%2e%2f%2e%2e%2fetc%2fpasswd', '/assets/..%2f..%2f..%2f..%2fetc%2fpasswd', '/..%5c..%5cetc%5cpasswd',
        '/assets/%252e%252e/%252e%252e/etc/passwd', '/assets/..%00/etc/passwd', '/%00', '//etc/passwd',
        '/assets//etc/passwd', '/../../.git/config', '/assets/../../../.git/config', '/%2e%2e/%2e%2e/.git/config',
        '/.git/HEAD', '/.env', '/../../README.md', '/..%2f..%2fREADME.md', '/../../src/main.cpp',
        '/../../../../proc/self/environ', '/assets/../index.html', '/..', '/assets/..', '/.%2e/.%2e/etc/passwd',
        '/assets/.%2e/.%2e/.%2e/etc/passwd', '/api/v1/openapi.yaml/../../../../etc/passwd',
        '/portal/../../../etc/passwd', 'http://x/../../etc/passwd', '/assets/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd',
      ];
      for (const p of [...required, ...more]) {
        const r = await rawRequest(h.base, `GET ${p} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
        const what = `GET ${p}`;
        if (!r.response) { assert.ok(r.closed, `${what}: neither answered nor closed`); continue; }
        const { status, body } = r.response;
        for (const s of secrets) assert.ok(!body.includes(s), `${what} (${status}) must not serve file content: ${body.slice(0, 200)}`);
        if (required.includes(p) || status !== 200) {
          assert.ok([400, 404].includes(status), `${what}: expected 404 or 400, got ${status} ${body.slice(0, 200)}`);
          assert.match(r.response.headers['content-type'] ?? '', /^application\/problem\+json/, what);
        } else {
          // The only 200 allowed is the web app's own index.html (client-side routes).
          assert.ok(indexHtml !== null && body === indexHtml, `${what}: 200 with something else than index.html: ${body.slice(0, 200)}`);
        }
      }
    });

    test('oversized headers (20 KiB) and a 100 KB request line → 431 or closed', async () => {
      const cases = {
        'one 20 KiB header': `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20 * 1024)}\r\n\r\n`,
        '20 KiB cookie on an API route': `GET /api/v1/contacts HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${agent.token}\r\n` +
                                         `Cookie: hearth_session=${'c'.repeat(20 * 1024)}\r\n\r\n`,
        '2,000 small headers': `GET /healthz HTTP/1.1\r\nHost: x\r\n${Array.from({ length: 2000 }, (_, i) => `X-H${i}: v\r\n`).join('')}\r\n`,
        '100 KB request line (query)': `GET /healthz?${'q'.repeat(100 * 1024)} HTTP/1.1\r\nHost: x\r\n\r\n`,
        '100 KB request line (path)': `GET /api/v1/contacts/${'x'.repeat(100 * 1024)} HTTP/1.1\r\nHost: x\r\n\r\n`,
        '1 MB header, then a body': `POST /api/v1/contacts HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${agent.token}\r\n` +
                                    `Content-Type: application/json\r\nX-Big: ${'a'.repeat(MiB)}\r\nContent-Length: 20\r\n\r\n{"first_name":"big"}`,
      };
      for (const [what, data] of Object.entries(cases)) {
        const r = await expectRefusedRaw(data, [431, 414], what);
        if (r.response?.status === 431) assert.match(JSON.parse(r.response.body).type, /\/problems\/header-too-large$/);
      }
      // Just under the limit is still served.
      const under = await rawRequest(h.base, `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(12 * 1024)}\r\nConnection: close\r\n\r\n`);
      assert.equal(under.response?.status, 200, 'a 12 KiB header is within the 16 KiB limit');
    });

    test('malformed HTTP (smuggling, garbage, bad lengths) → 400 or closed, nothing stored', async () => {
      const T = agent.token;
      const body = '{"first_name":"Smuggled"}';
      const cases = {
        garbage: '\u0000\u0001\u0002garbage\r\n\r\n',
        'TLS hello on the HTTP port': Buffer.from('160301002c010000280303', 'hex'),
        'bad version': 'GET /healthz HTTP/9.9\r\nHost: x\r\n\r\n',
        'space in the target': 'GET /a b HTTP/1.1\r\nHost: x\r\n\r\n',
        'Content-Length and Transfer-Encoding': `POST /api/v1/contacts HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${T}\r\n` +
          `Content-Type: application/json\r\nContent-Length: ${body.length}\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n${body}`,
        'two Content-Lengths': `POST /api/v1/contacts HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${T}\r\n` +
          `Content-Type: application/json\r\nContent-Length: 5\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
        'negative Content-Length': `POST /api/v1/contacts HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${T}\r\nContent-Length: -1\r\n\r\n`,
        'Content-Length of 10^23': `POST /api/v1/contacts HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${T}\r\nContent-Length: 99999999999999999999999\r\n\r\n`,
        'bad chunk size': `POST /api/v1/contacts HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${T}\r\nContent-Type: application/json\r\n` +
          `Transfer-Encoding: chunked\r\n\r\nzz\r\n${body}\r\n0\r\n\r\n`,
        'chunk size overflow': `POST /api/v1/contacts HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${T}\r\nContent-Type: application/json\r\n` +
          `Transfer-Encoding: chunked\r\n\r\nffffffffffffffffffff\r\n${body}\r\n0\r\n\r\n`,
      };
      for (const [what, data] of Object.entries(cases)) {
        await expectRefusedRaw(data, [400, 413], what);
      }
      // Content-Length larger than the body sent: the request is not processed as it stands
      // (the server waits for the rest); closing our side must not store anything.
      const short = await rawRequest(h.base, `POST /api/v1/contacts HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${T}\r\n` +
        `Content-Type: application/json\r\nContent-Length: ${body.length + 10}\r\n\r\n${body}`, { timeoutMs: 1_000 });
      assert.equal(short.response, null, `a short body must not be answered: ${short.raw.toString('latin1').slice(0, 200)}`);
    });

    test('validation errors are bounded: many bad members do not amplify into a huge answer', async () => {
      // One error per offending member with no cap turns a small body into a much larger
      // answer held in memory (an 8 MiB body of unknown members at the unauthenticated
      // sign-in gave a 48 MB answer and ~650 MB of server memory per request).
      const keys = Array.from({ length: 50_000 }, (_, i) => `"k${i.toString(36)}":0`).join(',');
      const login422 = await request(h.base, 'POST', '/api/v1/auth/login',
        { raw: `{"email":"a@example.com","password":"x",${keys}}`, contentType: 'application/json' });
      expect4xx(login422);
      assert.ok(login422.text.length < 256 * 1024,
                `sign-in (no auth needed) with 50,000 unknown members (${Math.round(keys.length / 1024)} KiB) answered ` +
                `${Math.round(login422.text.length / 1024)} KiB: the error list should be capped`);
      const tags = `[${Array(50_000).fill('1').join(',')}]`;
      const tags422 = await postRaw('/api/v1/contacts', `{"first_name":"x","tags":${tags}}`);
      expectFieldError(tags422, 'tags');
      assert.ok(tags422.text.length < 256 * 1024,
                `a contact with 50,000 numeric tags (${Math.round(tags.length / 1024)} KiB) answered ` +
                `${Math.round(tags422.text.length / 1024)} KiB: the error list should be capped`);
    });

    test('tag validation takes linear time: 60,000 distinct tags are refused within 2 s', async () => {
      // An 8 MiB body holds ~800,000 short tags; a quadratic duplicate check keeps a worker
      // busy for many minutes per request (500,000 tags took ~10 minutes), and /healthz
      // shares those workers.
      const tags = Array.from({ length: 60_000 }, (_, i) => `t${i}`);
      const started = Date.now();
      let r;
      try {
        r = await fetch(`${h.base}/api/v1/contacts`, {
          method: 'POST', signal: AbortSignal.timeout(4_000),
          headers: { authorization: `Bearer ${agent.token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ first_name: 'x', email: uniqueEmail('tags'), tags }),
        });
        await r.text();
      } catch (err) {
        assert.fail(`no answer within 4 s for a contact with 60,000 distinct tags (590 KB): ${err.name}`);
      }
      const ms = Date.now() - started;
      assert.equal(r.status, 422);
      assert.ok(ms < 2_000, `60,000 distinct tags took ${ms} ms to refuse`);
    });

    test('the server is still whole: sentinel, counts, sign-in, a normal create', async () => {
      await login(h.base, ADMIN_EMAIL, ADMIN_PASSWORD);
      const c = expectStatus(await agent.client.post('/api/v1/contacts', { first_name: 'After', email: uniqueEmail('after') }), 201);
      expectedContacts += 1;
      assert.equal(expectStatus(await agent.client.get(`/api/v1/contacts/${c.id}`), 200).first_name, 'After');
      const all = await listAll(h.admin, '/api/v1/contacts?archived=all');
      assert.ok(all.some((x) => x.id === sentinel.id));
      assert.equal(new Set(all.map((x) => x.id)).size, all.length, 'no duplicated ids in the list');
    });
  });
});
