// HTTP-level scenarios: health, routing errors (404, 405 + Allow), body errors (400 invalid
// JSON, 415, 413), problem+json shape with request ids, hostile input that must not crash
// the server, and the process lifecycle (clean SIGTERM, data kept across restarts, init
// refusing an existing admin).

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import {
  setup, startServer, request, runHearth, uniqueEmail, expectStatus, expectProblem, countAll,
  ADMIN_EMAIL, ADMIN_PASSWORD, login, api,
} from './harness.mjs';

let h, agent;
before(async () => {
  h = await setup();
  agent = await h.makeUser('agent');
});
after(async () => { await h?.stop(); });

const MiB = 1024 * 1024;

describe('basics', () => {
  test('GET /healthz → 200 {"status":"ok"} without auth', async () => {
    const r = await request(h.base, 'GET', '/healthz');
    expectStatus(r, 200);
    assert.deepEqual(r.body, { status: 'ok' });
    assert.match(r.headers.get('content-type') ?? '', /^application\/json/);
  });

  test('JSON answers are application/json', async () => {
    const r = await agent.client.get('/api/v1/contacts');
    expectStatus(r, 200);
    assert.match(r.headers.get('content-type') ?? '', /^application\/json/);
    assert.deepEqual(Object.keys(r.body).sort(), ['items', 'next_cursor']);
  });

  test('GET /api/v1/openapi.yaml without auth → 200 OpenAPI 3.1', async () => {
    const r = await request(h.base, 'GET', '/api/v1/openapi.yaml');
    expectStatus(r, 200);
    assert.match(r.text, /openapi:\s*["']?3\.1/);
    assert.match(r.text, /\/contacts/);
  });

  test('unknown route → 404 not-found problem', async () => {
    expectProblem(await agent.client.get('/api/v1/no-such-collection'), 404, 'not-found');
    expectProblem(await agent.client.get('/api/v1/contacts/abc/no-such-sub'), 404, 'not-found');
    expectProblem(await agent.client.post('/api/v1/no-such-collection', { a: 1 }), 404, 'not-found');
  });

  test('wrong method → 405 method-not-allowed with Allow', async () => {
    const r1 = await agent.client.del('/api/v1/contacts');
    expectProblem(r1, 405, 'method-not-allowed');
    const allow1 = (r1.headers.get('allow') ?? '').split(',').map((s) => s.trim().toUpperCase());
    assert.ok(allow1.includes('GET') && allow1.includes('POST'), `Allow: ${r1.headers.get('allow')}`);
    assert.ok(!allow1.includes('DELETE'));

    const c = expectStatus(await agent.client.post('/api/v1/contacts', { first_name: 'Allow' }), 201);
    const r2 = await agent.client.post(`/api/v1/contacts/${c.id}`, { first_name: 'x' });
    expectProblem(r2, 405, 'method-not-allowed');
    const allow2 = (r2.headers.get('allow') ?? '').split(',').map((s) => s.trim().toUpperCase());
    for (const m of ['GET', 'PATCH', 'DELETE']) assert.ok(allow2.includes(m), `Allow: ${r2.headers.get('allow')}`);
    assert.equal(expectStatus(await agent.client.get(`/api/v1/contacts/${c.id}`), 200).first_name, 'Allow');

    const r3 = await request(h.base, 'POST', '/healthz', { body: {} });
    expectProblem(r3, 405, 'method-not-allowed');
    assert.match(r3.headers.get('allow') ?? '', /GET/);
  });
});

describe('request bodies', () => {
  test('malformed JSON → 400 invalid-json, nothing stored', async () => {
    const n = await countAll(h.admin, 'contacts');
    for (const raw of ['{"first_name": ', '{first_name: "x"}', '{"first_name": "x",}', "{'a':1}", '',
                       '{"first_name":"x"} trailing']) {
      const r = await agent.client.request('POST', '/api/v1/contacts', { raw, contentType: 'application/json' });
      expectProblem(r, 400, 'invalid-json');
    }
    expectProblem(await request(h.base, 'POST', '/api/v1/auth/login', { raw: '{"email":', contentType: 'application/json' }),
                  400, 'invalid-json');
    const p = await agent.client.request('PATCH', '/api/v1/contacts/whatever',
                                         { raw: '{"a":', contentType: 'application/merge-patch+json' });
    assert.ok([400, 404].includes(p.status), `PATCH with bad JSON: ${p.status}`);
    expectProblem(p, p.status, p.status === 400 ? 'invalid-json' : 'not-found');
    assert.equal(await countAll(h.admin, 'contacts'), n);
  });

  test('invalid UTF-8 in JSON → 400 invalid-json', async () => {
    const raw = Buffer.concat([Buffer.from('{"first_name":"'), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('"}')]);
    const n = await countAll(h.admin, 'contacts');
    expectProblem(await agent.client.request('POST', '/api/v1/contacts', { raw, contentType: 'application/json' }),
                  400, 'invalid-json');
    assert.equal(await countAll(h.admin, 'contacts'), n);
  });

  test('text/plain or missing content type → 415 unsupported-media-type, nothing stored', async () => {
    const n = await countAll(h.admin, 'contacts');
    const json = JSON.stringify({ first_name: 'Plain' });
    expectProblem(await agent.client.request('POST', '/api/v1/contacts', { raw: json, contentType: 'text/plain' }),
                  415, 'unsupported-media-type');
    expectProblem(await agent.client.request('POST', '/api/v1/contacts',
                  { raw: Buffer.from(json) }), 415, 'unsupported-media-type');
    expectProblem(await agent.client.request('POST', '/api/v1/contacts',
                  { raw: 'first_name=Form', contentType: 'application/x-www-form-urlencoded' }),
                  415, 'unsupported-media-type');
    assert.equal(await countAll(h.admin, 'contacts'), n);
  });

  test('application/json; charset=utf-8 is accepted', async () => {
    const r = await agent.client.request('POST', '/api/v1/contacts',
      { raw: JSON.stringify({ first_name: 'Charset', last_name: 'Ærø' }), contentType: 'application/json; charset=utf-8' });
    expectStatus(r, 201);
    assert.equal(r.body.last_name, 'Ærø');
  });

  test('body over 8 MiB → 413 payload-too-large; server keeps serving; nothing stored', async () => {
    const n = await countAll(h.admin, 'contacts');
    const raw = `{"first_name":"${'a'.repeat(8 * MiB)}"}`;
    let r;
    try {
      r = await agent.client.request('POST', '/api/v1/contacts', { raw, contentType: 'application/json' });
    } catch (err) {
      assert.fail(`expected a 413 answer, the connection failed instead: ${err.message} ${err.cause?.code ?? ''}`);
    }
    expectProblem(r, 413, 'payload-too-large');
    expectStatus(await request(h.base, 'GET', '/healthz'), 200);
    assert.equal(await countAll(h.admin, 'contacts'), n);
  });

  test('Expect: 100-continue with Content-Length over 8 MiB → 413 before the body is sent', async () => {
    const size = 8 * MiB + 100;
    const r = await new Promise((resolve, reject) => {
      const u = new URL(h.base);
      const req = http.request({
        host: u.hostname, port: u.port, path: '/api/v1/contacts', method: 'POST',
        headers: { authorization: `Bearer ${agent.token}`, 'content-type': 'application/json',
                   'content-length': size, expect: '100-continue' },
      });
      req.setTimeout(15_000, () => req.destroy(new Error('no answer within 15 s')));
      req.on('continue', () => {
        // The server asked for the body although it is too large; send it anyway.
        req.end(`{"first_name":"${'a'.repeat(size - 17)}"}`);
      });
      req.on('response', (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d) => { text += d; });
        res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, text }));
        res.on('error', reject);
      });
      req.on('error', (err) => reject(new Error(`expected a 413 answer, got ${err.message}`)));
      req.flushHeaders();
    });
    assert.equal(r.status, 413, r.text.slice(0, 300));
    assert.match(r.headers['content-type'] ?? '', /^application\/problem\+json/);
    assert.match(JSON.parse(r.text).type, /\/problems\/payload-too-large$/);
    expectStatus(await request(h.base, 'GET', '/healthz'), 200);
  });

  test('chunked body over 8 MiB (no Content-Length) → 413 payload-too-large', async () => {
    const chunk = new TextEncoder().encode('a'.repeat(MiB));
    let sent = 0;
    const stream = new ReadableStream({
      pull(controller) {
        if (sent === 0) controller.enqueue(new TextEncoder().encode('{"first_name":"'));
        if (sent < 9) { controller.enqueue(chunk); sent += 1; } else {
          controller.enqueue(new TextEncoder().encode('"}'));
          controller.close();
        }
      },
    });
    const res = await fetch(`${h.base}/api/v1/contacts`, {
      method: 'POST', body: stream, duplex: 'half',
      headers: { authorization: `Bearer ${agent.token}`, 'content-type': 'application/json' },
    });
    const text = await res.text();
    assert.equal(res.status, 413, text.slice(0, 500));
    assert.match(JSON.parse(text).type, /\/problems\/payload-too-large$/);
    expectStatus(await request(h.base, 'GET', '/healthz'), 200);
  });

  test('a body just under 8 MiB is read (and judged on its fields: 422)', async () => {
    const raw = `{"first_name":"${'a'.repeat(8 * MiB - 1024)}"}`;
    const r = await agent.client.request('POST', '/api/v1/contacts', { raw, contentType: 'application/json' });
    expectProblem(r, 422, 'validation');
  });
});

describe('problem+json and request ids', () => {
  test('every response carries X-Request-Id; problems carry the same request_id', async () => {
    const c = expectStatus(await agent.client.post('/api/v1/contacts', { first_name: 'Rid' }), 201);
    const responses = [
      await request(h.base, 'GET', '/healthz'),
      await agent.client.get('/api/v1/contacts'),
      await agent.client.post('/api/v1/contacts', { first_name: 'Rid2' }),
      await agent.client.del(`/api/v1/contacts/${c.id}`),
      await request(h.base, 'GET', '/api/v1/me'),
      await agent.client.get('/api/v1/nowhere'),
      await agent.client.del('/api/v1/contacts'),
      await agent.client.post('/api/v1/contacts', { kind: 'nope' }),
      await agent.client.request('POST', '/api/v1/contacts', { raw: '{', contentType: 'application/json' }),
      await agent.client.request('POST', '/api/v1/contacts', { raw: '{}', contentType: 'text/plain' }),
      await agent.client.get('/api/v1/contacts?limit=9999'),
      await agent.client.get('/api/v1/users', {}),
      await request(h.base, 'POST', '/api/v1/auth/login', { body: { email: uniqueEmail('x'), password: 'wrong-pass' } }),
    ];
    const ids = new Set();
    for (const r of responses) {
      const rid = r.headers.get('x-request-id');
      assert.ok(rid && rid.length > 0, `X-Request-Id on ${r.method} ${r.path} (${r.status})`);
      ids.add(rid);
      if (r.status >= 400) {
        assert.match(r.headers.get('content-type') ?? '', /^application\/problem\+json/, `${r.method} ${r.path}`);
        assert.equal(typeof r.body.type, 'string');
        assert.equal(typeof r.body.title, 'string');
        assert.equal(r.body.status, r.status);
        assert.equal(r.body.request_id, rid, `problem request_id matches the header on ${r.path}`);
        assert.ok(!/ at .*\.(cpp|hpp)|SQLITE_|sqlite3_|ERROR:\s+duplicate key/i.test(r.text), 'no internals leak');
      }
    }
    assert.equal(ids.size, responses.length, 'request ids are unique');
  });

  test('field problems carry errors[] with field and message', async () => {
    const p = expectProblem(await agent.client.post('/api/v1/contacts', { first_name: 'E', email: 'bad' }), 422, 'validation');
    assert.ok(Array.isArray(p.errors) && p.errors.length >= 1);
    assert.equal(p.errors[0].field, 'email');
    assert.equal(typeof p.errors[0].message, 'string');
    const np = expectProblem(await agent.client.get('/api/v1/contacts/nope'), 404, 'not-found');
    assert.ok(!('errors' in np) || np.errors === undefined, 'errors only for field problems');
  });
});

describe('hostile input', () => {
  test('odd bodies get a 4xx problem, never a 5xx or a crash', async () => {
    const n = await countAll(h.admin, 'contacts');
    const bodies = [
      '[]', '"just a string"', 'null', '123', 'true',
      '{"first_name": {"nested": [1, 2, {"x": null}]}}',
      '{"first_name": ["array"]}',
      '{"first_name": "nul\\u0000byte"}',
      '{"first_name": "\\ud800"}',
      '{"first_name": "x", "tags": "not-a-list"}',
      '{"first_name": "x", "tags": [1, 2, 3]}',
      '{"first_name": "x", "birthday": 19900101}',
      '{"first_name": 1e400}',
      '{"first_name": "x", "owner_id": 12}',
      '{"first_name": "x", "company_id": ["a"]}',
      '{"first_name": "x", "email": "a@b.c' + '.c'.repeat(5000) + '"}',
      '{"first_name": "x", "first_name": "y", "first_name": 3}',
      '['.repeat(100000) + ']'.repeat(100000),
      '{"a":'.repeat(50000) + '1' + '}'.repeat(50000),
      `{"first_name": "${"'; DROP TABLE contacts; --"}"}`,
    ];
    for (const raw of bodies) {
      const r = await agent.client.request('POST', '/api/v1/contacts', { raw, contentType: 'application/json' });
      if (r.status === 201) {
        // Only the SQL-looking name is acceptable data; it must be stored verbatim.
        assert.equal(r.body.first_name, "'; DROP TABLE contacts; --", `unexpected 201 for ${raw.slice(0, 80)}`);
        continue;
      }
      assert.ok(r.status >= 400 && r.status < 500, `4xx for ${raw.slice(0, 80)}: ${r.status} ${r.text.slice(0, 300)}`);
      assert.match(r.headers.get('content-type') ?? '', /^application\/problem\+json/);
      assert.equal(r.body.status, r.status);
    }
    expectStatus(await request(h.base, 'GET', '/healthz'), 200);
    assert.ok(h.alive(), 'server still running');
    assert.equal(await countAll(h.admin, 'contacts'), n + 1, 'only the SQL-looking name was stored');
  });

  test('q that is not UTF-8 → 400 bad-request or no match, never everything', async () => {
    expectStatus(await agent.client.post('/api/v1/contacts', { first_name: 'Somebody' }), 201);
    for (const q of ['%ff', '%c3%28', '%ff%fe%fd']) {
      const r = await agent.client.get(`/api/v1/contacts?q=${q}`);
      if (r.status === 200) assert.deepEqual(r.body.items, [], `q=${q} must not match every contact`);
      else expectProblem(r, 400, 'bad-request');
    }
  });

  test('odd paths and parameters get a 4xx problem', async () => {
    for (const p of ['/api/v1/contacts/%00', '/api/v1/contacts/' + 'x'.repeat(5000), '/api/v1/contacts/%ff%fe',
                     '/api/v1/contacts?limit=-1', '/api/v1/contacts?limit=99999999999999999999',
                     '/api/v1/contacts?sort=', '/api/v1/contacts?cursor=' + 'A'.repeat(5000),
                     "/api/v1/contacts?q=' OR 1=1 --", '/api/v1/contacts?q=zq%25', '/api/v1/contacts?q=zq_',
                     '/api/v1/contacts?q=zqx%25%25', '/api/v1/contacts?q=zqx__',
                     '/..%2f..%2f..%2fetc%2fpasswd', '/api/v1/..%2f..%2fetc%2fpasswd']) {
      const r = await agent.client.get(p);
      assert.ok(!r.text.includes('root:x:0:0'), `${p} must not serve files outside the app`);
      if (r.status === 200) {
        assert.ok(Array.isArray(r.body?.items) || typeof r.body === 'string', `200 for ${p} must be a list`);
        if (Array.isArray(r.body?.items) && /q=/.test(p)) {
          assert.deepEqual(r.body.items, [], `${p} matches nothing`);
        }
        continue;
      }
      assert.ok(r.status >= 400 && r.status < 500, `${p}: ${r.status} ${r.text.slice(0, 200)}`);
      assert.match(r.headers.get('content-type') ?? '', /^application\/problem\+json/, p);
    }
    expectStatus(await request(h.base, 'GET', '/healthz'), 200);
  });
});

describe('lifecycle', () => {
  test('SIGTERM: in-flight request finishes, clean exit 0, data kept across restart', async () => {
    const s = await startServer({ keepDb: true });
    let restarted = null;
    try {
      const token = await login(s.base, ADMIN_EMAIL, ADMIN_PASSWORD);
      const items = Array.from({ length: 1000 }, (_, i) => ({ last_name: `Inflight ${i}` }));
      const pending = request(s.base, 'POST', '/api/v1/contacts/batch', { token, body: { items } });
      await new Promise((r) => setTimeout(r, 30));
      const exit = await s.stop();
      const r = await pending;
      expectStatus(r, 201);
      assert.deepEqual({ code: exit.code, signal: exit.signal }, { code: 0, signal: null }, 'clean exit');

      restarted = await startServer({ db: s.db });
      const c = api(restarted.base, await login(restarted.base, ADMIN_EMAIL, ADMIN_PASSWORD));
      const found = expectStatus(await c.get(`/api/v1/contacts/${r.body.items[999].id}`), 200);
      assert.equal(found.last_name, 'Inflight 999');
      assert.equal(await countAll(c, 'contacts'), 1000, 'everything acknowledged is stored');
    } finally {
      await restarted?.stop();
      await s.dropDb?.();
    }
  });

  test('hearth init refuses when the admin exists', async () => {
    const r = await runHearth(['init', '--db', h.db, '--admin-email', ADMIN_EMAIL, '--admin-password', 'other-pass-123']);
    assert.notEqual(r.code, 0, `second init must fail: ${r.stdout} ${r.stderr}`);
    assert.ok((r.stderr + r.stdout).trim().length > 0, 'with a message');
    // The old password still works.
    await login(h.base, ADMIN_EMAIL, ADMIN_PASSWORD);
  });
});
