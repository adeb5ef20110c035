// Crash safety: concurrent clients create contacts while the server is killed (SIGKILL) at
// random moments and restarted on the same database; then a clean SIGTERM under load.
//
// What must hold:
//  - every create acknowledged with 201 is stored, with exactly the fields sent;
//  - nothing half-written: every stored contact equals one of the attempted creates, and a
//    batch (/contacts/batch, also being written when the kill comes) is all or nothing;
//  - the search index agrees with the table (q= finds exactly the stored contacts);
//  - SQLite: `PRAGMA integrity_check` is `ok` (and the FTS5 index passes its own check);
//  - SIGTERM: every request sent before the signal gets a complete 201, the process exits 0
//    within a few seconds, and everything acknowledged is there after a restart.
//
// Run:  node --test tests/crash/                                               (SQLite)
//       pg_virtualenv -- env HEARTH_TEST_PG=1 node --test tests/crash/         (PostgreSQL)

import { describe, test, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import {
  startServer, login, api, listAll, USING_PG, ADMIN_EMAIL, ADMIN_PASSWORD,
} from '../api/harness.mjs';

const CLIENTS = 16;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const rand = (lo, hi) => lo + Math.random() * (hi - lo);
const PHASES = ['exploration', 'awareness', 'expansion', 'commitment', 'dissolution'];
const FIELDS = ['first_name', 'last_name', 'email', 'phone', 'job_title', 'kind', 'phase', 'tags'];

// Every server started here, so `after` can stop whatever a failing test left running.
const servers = [];
const databases = [];
after(async () => {
  for (const s of servers) if (s.alive()) await s.kill('SIGKILL');
  for (const s of databases) await s.dropDb();
});

async function start(opts) {
  const s = await startServer(opts);
  servers.push(s);
  if (!opts?.db) databases.push(s);
  return s;
}

function sh(cmd, args, timeout = 60_000) {
  return new Promise((resolve) => {
    execFile(cmd, args, { timeout, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr });
    });
  });
}

/** The fields of attempted create number `n` of run `run` (all unique per n). */
function contactFor(run, n) {
  return {
    first_name: `Crash${n}`,
    last_name: `Zqk${run}x${n}`,
    email: `crash-${run}-${n}@example.com`,
    phone: `+474${String(n % 10_000_000).padStart(7, '0')}`,
    job_title: `Tester ${n}`,
    kind: n % 2 ? 'customer' : 'prospect',
    phase: PHASES[n % PHASES.length],
    tags: ['crash', `n${n}`],
  };
}

const pick = (o) => Object.fromEntries(FIELDS.map((f) => [f, o[f]]));

/**
 * POSTs JSON over node:http (keep-alive agent) and reports when the request was handed to
 * the OS in full (`sentAt`, the 'finish' event) — so a test can tell which requests were
 * sent before a signal. Resolves {status, text, sentAt, doneAt, error}; never rejects.
 */
function postJson(agent, base, pathname, token, body, timeoutMs = 15_000) {
  const u = new URL(base);
  const data = Buffer.from(JSON.stringify(body));
  return new Promise((resolve) => {
    const out = { status: null, text: '', sentAt: null, doneAt: null, error: null };
    let settled = false;
    const done = () => { if (!settled) { settled = true; out.doneAt = Date.now(); resolve(out); } };
    const req = http.request({
      host: u.hostname, port: u.port, path: pathname, method: 'POST', agent,
      headers: { 'content-type': 'application/json', 'content-length': data.length, authorization: `Bearer ${token}` },
    });
    req.setTimeout(timeoutMs, () => req.destroy(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })));
    req.on('finish', () => { out.sentAt = Date.now(); });
    req.on('response', (res) => {
      res.setEncoding('utf8');
      res.on('data', (d) => { out.text += d; });
      res.on('end', () => {
        if (res.complete) out.status = res.statusCode;
        else out.error = 'INCOMPLETE_RESPONSE';
        done();
      });
      res.on('error', (err) => { out.error = err.code || err.message; done(); });
      res.on('aborted', () => { out.error = 'ABORTED'; });
    });
    req.on('error', (err) => { out.error = err.code || err.message; done(); });
    req.end(data);
  });
}

/**
 * Runs `CLIENTS` loops creating contacts one by one (plus `batchClients` loops creating
 * BATCH at a time through /contacts/batch) against `target()` (null while the server is
 * down) until `shouldStop()`. Every attempt is recorded (gen = the server generation it
 * went to); every 201 goes to `acked` with the fields sent and the record answered; every
 * batch goes to `batches` (its emails and whether it was acknowledged).
 */
const BATCH = 25;
function runLoad({ run, target, shouldStop, attempted, acked, records, batches = [], batchClients = 0 }) {
  let next = 0;
  const agents = new Map(); // one keep-alive agent per server generation
  const agentFor = (gen) => {
    if (!agents.has(gen)) agents.set(gen, new http.Agent({ keepAlive: true, maxSockets: CLIENTS + batchClients }));
    return agents.get(gen);
  };
  const loop = async (batched) => {
    for (let guard = 0; guard < 1_000_000 && !shouldStop(); guard += 1) {
      const t = target();
      if (!t) { await sleep(5); continue; }
      const ns = Array.from({ length: batched ? BATCH : 1 }, () => next++);
      const items = ns.map((n) => contactFor(run, n));
      for (const f of items) attempted.set(f.email, f);
      const r = batched
        ? await postJson(agentFor(t.gen), t.base, '/api/v1/contacts/batch', t.token, { items })
        : await postJson(agentFor(t.gen), t.base, '/api/v1/contacts', t.token, items[0]);
      const rec = { n: ns[0], gen: t.gen, batch: batched, ...r };
      records.push(rec);
      let body = null;
      if (r.status === 201) {
        try { body = JSON.parse(r.text); } catch { rec.badJson = true; }
      }
      const answered = batched ? body?.items : body && [body];
      if (answered) {
        if (answered.length !== items.length) rec.badJson = true;
        items.forEach((fields, i) => acked.push({ n: ns[i], gen: t.gen, fields, body: answered[i] ?? null, batch: batched }));
      }
      if (batched) batches.push({ emails: items.map((f) => f.email), acked: Boolean(answered) });
      if (r.error) await sleep(10); // the server is (probably) down: back off briefly
    }
  };
  const loops = [...Array.from({ length: CLIENTS }, () => loop(false)),
                 ...Array.from({ length: batchClients }, () => loop(true))];
  return {
    done: Promise.all(loops).then(() => { for (const a of agents.values()) a.destroy(); }),
  };
}

/** Runs `fn` over `items` with `width` concurrent workers. */
async function pool(items, width, fn) {
  let i = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (i < items.length) { const item = items[i++]; await fn(item); }
  }));
}

/** The checks after load: acknowledged creates, no partial rows, search index agreement. */
async function verifyStored({ client, run, attempted, acked }) {
  // 1. Every acknowledged create exists with exactly the fields sent (and as answered):
  //    read back one by one (batch items are checked against the full list below).
  const missing = [];
  const wrong = [];
  await pool(acked.filter((a) => !a.batch), 16, async (a) => {
    const r = await client.get(`/api/v1/contacts/${a.body.id}`);
    if (r.status !== 200) { missing.push({ n: a.n, id: a.body.id, status: r.status, text: r.text.slice(0, 200) }); return; }
    if (JSON.stringify(pick(r.body)) !== JSON.stringify(a.fields)) wrong.push({ sent: a.fields, stored: pick(r.body) });
    else if (r.body.id !== a.body.id || r.body.created_at !== a.body.created_at || r.body.version !== 1) {
      wrong.push({ answered: a.body, stored: r.body });
    }
  });
  assert.deepEqual(missing.slice(0, 10), [], `${missing.length} of ${acked.length} acknowledged creates are missing`);
  assert.deepEqual(wrong.slice(0, 5), [], `${wrong.length} acknowledged creates are stored with other fields`);

  // 2. Every stored contact is one of the attempted creates, complete (no half-written rows).
  const all = await listAll(client, '/api/v1/contacts?archived=all');
  const partial = all.filter((c) => {
    const sent = attempted.get(c.email);
    return !sent || JSON.stringify(pick(c)) !== JSON.stringify(sent);
  });
  assert.deepEqual(partial.slice(0, 5).map(pick), [], `${partial.length} stored contacts match no attempted create`);
  assert.equal(new Set(all.map((c) => c.id)).size, all.length, 'no duplicate ids in the list');
  assert.equal(new Set(all.map((c) => c.email)).size, all.length, 'no email stored twice');
  const ids = new Set(all.map((c) => c.id));
  const byId = new Map(all.map((c) => [c.id, c]));
  const lost = acked.filter((a) => !byId.has(a.body.id));
  assert.deepEqual(lost.slice(0, 5).map((a) => ({ n: a.n, id: a.body.id, batch: a.batch })), [],
                   `${lost.length} acknowledged creates are not in the list`);
  const changed = acked.filter((a) => JSON.stringify(pick(byId.get(a.body.id))) !== JSON.stringify(a.fields));
  assert.deepEqual(changed.slice(0, 3).map((a) => ({ sent: a.fields, stored: pick(byId.get(a.body.id)) })), [],
                   `${changed.length} acknowledged creates are listed with other fields`);
  assert.ok(all.length >= acked.length && all.length <= attempted.size,
            `stored ${all.length}, acknowledged ${acked.length}, attempted ${attempted.size}`);

  // 3. The search index agrees with the table: the run's token finds exactly the stored rows…
  const found = await listAll(client, `/api/v1/contacts?q=zqk${run}`);
  const foundIds = new Set(found.map((c) => c.id));
  const notFound = all.filter((c) => !foundIds.has(c.id)).map((c) => c.last_name);
  const phantom = found.filter((c) => !ids.has(c.id)).map((c) => c.id);
  assert.deepEqual(notFound.slice(0, 10), [], `${notFound.length} stored contacts are missing from the search index`);
  assert.deepEqual(phantom, [], 'search returns contacts the list does not have');
  assert.equal(found.length, all.length);
  // …and individual acknowledged last names and emails are found (q matches words of the
  // query anywhere, so `…-600@example.com` also finds `…1600…`: page through all matches).
  const sample = [...acked].sort(() => Math.random() - 0.5).slice(0, 8);
  for (const a of sample) {
    for (const q of [a.fields.last_name, a.fields.email]) {
      const hits = await listAll(client, `/api/v1/contacts?q=${encodeURIComponent(q)}`);
      assert.ok(hits.some((c) => c.id === a.body.id), `q=${q} finds contact ${a.body.id} (${hits.length} hits)`);
    }
  }
  return all;
}

async function sqliteChecks(db, expectedRows) {
  if (USING_PG) return;
  const ic = await sh('sqlite3', [db, 'PRAGMA integrity_check;']);
  assert.equal(ic.code, 0, `sqlite3 failed: ${ic.stderr}`);
  assert.equal(ic.stdout.trim(), 'ok', `PRAGMA integrity_check: ${ic.stdout.slice(0, 2000)}`);
  const fk = await sh('sqlite3', [db, 'PRAGMA foreign_key_check;']);
  assert.equal(fk.stdout.trim(), '', `PRAGMA foreign_key_check: ${fk.stdout.slice(0, 2000)}`);
  const count = await sh('sqlite3', [db, 'SELECT count(*) FROM contacts;']);
  assert.equal(Number(count.stdout.trim()), expectedRows, 'rows in the contacts table = contacts the API lists');
  // The FTS5 index's own consistency check writes, so it runs on a copy (server stopped).
  const dir = mkdtempSync(path.join(tmpdir(), 'hearth-crash-copy-'));
  try {
    const copy = path.join(dir, 'copy.db');
    copyFileSync(db, copy);
    for (const ext of ['-wal', '-shm']) if (existsSync(db + ext)) copyFileSync(db + ext, copy + ext);
    const fts = await sh('sqlite3', [copy, "INSERT INTO contacts_fts(contacts_fts) VALUES('integrity-check');"]);
    assert.equal(fts.code, 0, `FTS5 integrity-check failed: ${fts.stdout} ${fts.stderr}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const summary = (records) => {
  const by = {};
  for (const r of records) {
    const k = r.status ? String(r.status) : r.error;
    by[k] = (by[k] || 0) + 1;
  }
  return JSON.stringify(by);
};

// ---------------------------------------------------------------------------------------

describe('crash safety', { concurrency: 1, timeout: 120_000 }, () => {
  test(`SIGKILL at random moments under ${CLIENTS} concurrent writers and a batch writer: nothing acknowledged is lost, nothing half-written`, async (t) => {
    const run = randomBytes(3).toString('hex');
    const first = await start({ keepDb: true });
    const db = first.db;
    const token = await login(first.base, ADMIN_EMAIL, ADMIN_PASSWORD);
    let current = { gen: 0, base: first.base, token, server: first };
    const killedAt = new Map(); // gen → time of its SIGKILL
    const attempted = new Map();
    const acked = [];
    const records = [];
    let stop = false;
    const batches = [];
    const load = runLoad({ run, target: () => current, shouldStop: () => stop, attempted, acked, records,
                           batches, batchClients: 1 });

    const kills = 3 + Math.floor(Math.random() * 3);
    try {
      for (let k = 0; k < kills; k += 1) {
        await sleep(rand(300, 1500));
        const victim = current;
        killedAt.set(victim.gen, Date.now());
        const exit = await victim.server.kill('SIGKILL');
        assert.equal(exit.signal, 'SIGKILL', `server gen ${victim.gen} died before the kill: ${JSON.stringify(exit)}\n${victim.server.stderr().slice(-2000)}`);
        current = null;
        const s = await start({ db });
        current = { gen: victim.gen + 1, base: s.base, token, server: s };
      }
      await sleep(rand(500, 1000)); // some load on the last generation too
    } finally {
      stop = true;
      await load.done;
    }
    const last = current.server;
    const acks = acked.length;
    const perGen = [...new Set(records.map((r) => r.gen))].map((g) => `gen ${g}: ${summary(records.filter((r) => r.gen === g))}`);
    t.diagnostic(`${kills} kills; ${attempted.size} attempted, ${acks} acknowledged; ${perGen.join('; ')}`);
    assert.ok(acks >= 100, `too few acknowledged creates to mean anything (${acks}): ${perGen.join('; ')}`);
    assert.ok(acked.some((a) => a.gen === kills), 'creates are acknowledged after the last restart');

    // Any answer other than 201 is a server fault (the emails are unique, the fields valid);
    // a failed connection is only acceptable for a request its server was killed during.
    const badStatus = records.filter((r) => r.status !== null && r.status !== 201);
    assert.deepEqual(badStatus.slice(0, 5).map((r) => ({ gen: r.gen, status: r.status, text: r.text.slice(0, 300) })), [],
                     `${badStatus.length} creates were answered with something else than 201`);
    const badBodies = records.filter((r) => r.badJson);
    assert.deepEqual(badBodies.slice(0, 3).map((r) => r.text.slice(0, 300)), [], '201 answers are complete JSON records');
    assert.ok(acked.every((a) => a.body && typeof a.body.id === 'string'), '201 bodies are complete JSON records');
    const failedEarly = records.filter((r) => r.error && (!killedAt.has(r.gen) || r.doneAt < killedAt.get(r.gen)));
    assert.deepEqual(failedEarly.slice(0, 5).map((r) => ({ gen: r.gen, error: r.error, ms_before_kill: killedAt.has(r.gen) ? killedAt.get(r.gen) - r.doneAt : 'never killed' })),
                     [], `${failedEarly.length} requests failed while their server was still up`);

    try {
      const client = api(last.base, token);
      const all = await verifyStored({ client, run, attempted, acked });
      // A batch is all or nothing, also when the server dies during it.
      const stored = new Set(all.map((c) => c.email));
      const torn = batches.map((b) => ({ ...b, stored: b.emails.filter((e) => stored.has(e)).length }))
        .filter((b) => b.stored !== 0 && b.stored !== b.emails.length);
      assert.deepEqual(torn.slice(0, 3).map((b) => `${b.stored} of ${b.emails.length} stored (acknowledged: ${b.acked})`), [],
                       `${torn.length} of ${batches.length} batches are partly stored`);
      assert.ok(batches.some((b) => b.acked), 'some batches were acknowledged');
      const exit = await last.stop();
      assert.deepEqual({ code: exit.code, signal: exit.signal }, { code: 0, signal: null });
      await sqliteChecks(db, all.length);
    } finally {
      await last.stop().catch(() => {});
    }
  });

  test(`SIGTERM under ${CLIENTS} concurrent writers and a batch writer: requests sent before the signal get a 201, exit 0, all kept`, async (t) => {
    const run = randomBytes(3).toString('hex');
    const s = await start({ keepDb: true });
    const token = await login(s.base, ADMIN_EMAIL, ADMIN_PASSWORD);
    const target = { gen: 0, base: s.base, token };
    const attempted = new Map();
    const acked = [];
    const records = [];
    let stop = false;
    const load = runLoad({ run, target: () => (stop ? null : target), shouldStop: () => stop, attempted, acked, records,
                           batchClients: 1 });

    let signalAt;
    let exit;
    let exitMs;
    try {
      await sleep(rand(800, 1500));
      signalAt = Date.now();
      exit = await Promise.race([s.kill('SIGTERM'), sleep(15_000).then(() => null)]);
      exitMs = Date.now() - signalAt;
      if (exit === null) {
        s.proc.kill('SIGKILL');
        assert.fail(`the server did not exit within 15 s of SIGTERM\n${s.stderr().slice(-2000)}`);
      }
      // Let every in-flight request settle, then stop the clients.
      await sleep(200);
    } finally {
      stop = true;
      await load.done;
    }
    const before = records.filter((r) => r.sentAt !== null && r.sentAt < signalAt);
    const afterSig = records.filter((r) => !(r.sentAt !== null && r.sentAt < signalAt));
    t.diagnostic(`SIGTERM: exit ${JSON.stringify(exit)} after ${exitMs} ms; sent before the signal: ` +
                `${before.length} ${summary(before)}; after: ${afterSig.length} ${summary(afterSig)}`);
    assert.deepEqual({ code: exit.code, signal: exit.signal }, { code: 0, signal: null },
                     `exit after SIGTERM\n${s.stderr().slice(-2000)}`);
    assert.ok(exitMs < 5_000, `the server took ${exitMs} ms to exit after SIGTERM`);
    assert.ok(before.length >= 100, `too few requests before the signal (${before.length})`);

    const unanswered = before.filter((r) => r.status !== 201);
    assert.deepEqual(unanswered.slice(0, 10).map((r) => ({
      n: r.n, status: r.status, error: r.error, sent_ms_before_signal: signalAt - r.sentAt,
      ended_ms_after_signal: r.doneAt - signalAt, text: r.text.slice(0, 200),
    })), [], `${unanswered.length} of ${before.length} requests sent before SIGTERM got no complete 201`);

    // Requests that reached the server after the signal are refused or answered — never half-done.
    const afterBad = afterSig.filter((r) => r.status !== null && r.status !== 201);
    assert.deepEqual(afterBad.slice(0, 5).map((r) => ({ status: r.status, text: r.text.slice(0, 200) })), []);

    const again = await start({ db: s.db });
    try {
      const all = await verifyStored({ client: api(again.base, token), run, attempted, acked });
      const e = await again.stop();
      assert.equal(e.code, 0);
      await sqliteChecks(s.db, all.length);
    } finally {
      await again.stop().catch(() => {});
    }
  });
});
