// Harness for the HTTP API scenarios: starts a real `hearth serve` on a fresh database
// (a temp-dir SQLite file, or a new PostgreSQL database when HEARTH_TEST_PG=1 inside
// pg_virtualenv) and gives the tests a small JSON client plus problem+json assertions.
// Each test file starts one server in `before` and stops it in `after`; tests use unique
// emails (uniqueEmail) so their order never matters. No mocks: every request is real HTTP.
//
// Run:  node --test tests/api/                                              (SQLite)
//       pg_virtualenv -- env HEARTH_TEST_PG=1 node --test tests/api/        (PostgreSQL)
// HEARTH_BIN overrides the binary (default build/hearth).

import { spawn, execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import assert from 'node:assert/strict';

const here = path.dirname(fileURLToPath(import.meta.url));
export const REPO = path.resolve(here, '..', '..');
export const HEARTH_BIN = process.env.HEARTH_BIN || path.join(REPO, 'build', 'hearth');
export const ADMIN_EMAIL = 'admin@example.com';
export const ADMIN_PASSWORD = 'correct-horse-1';
export const USING_PG = process.env.HEARTH_TEST_PG === '1';

const START_TIMEOUT_MS = 15_000;
const STOP_TIMEOUT_MS = 15_000;
const REQUEST_TIMEOUT_MS = 30_000;

// The phone normalisation scenarios (`412 34 567` → `+4741234567`) assume Norway as the
// default region; every setting is also read from HEARTH_<NAME>.
const serverEnv = () => ({ ...process.env, HEARTH_PHONE_REGION: 'NO' });

function run(cmd, args, { timeout = 60_000, env = process.env } = {}) {
  return new Promise((resolve) => {
    execFile(cmd, args, { timeout, env, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0,
                signal: err?.signal ?? null, stdout, stderr, error: err });
    });
  });
}

/** Runs `hearth ARGS…` to completion: {code, signal, stdout, stderr}. */
export function runHearth(args, opts = {}) {
  return run(HEARTH_BIN, args, { env: serverEnv(), ...opts });
}

async function createDatabase() {
  if (USING_PG) {
    const name = `hearth_t_${randomBytes(6).toString('hex')}`;
    const r = await run('createdb', [name]);
    if (r.code !== 0) throw new Error(`createdb ${name} failed (is this inside pg_virtualenv?): ${r.stderr}`);
    return {
      db: `postgresql:///${name}`,
      drop: async () => { await run('dropdb', ['--if-exists', '--force', name]); },
    };
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'hearth-api-'));
  return {
    db: path.join(dir, 'hearth.db'),
    drop: async () => { rmSync(dir, { recursive: true, force: true }); },
  };
}

/**
 * Starts `hearth serve` and resolves once it prints its address.
 * opts.db: reuse an existing database (no init; the caller owns its cleanup).
 * opts.serveArgs: extra `hearth serve` arguments, e.g. ['--clock', '2026-12-30T08:00:00Z'].
 * Returns {base, db, proc, stop(), stderr()}; stop() sends SIGTERM, awaits the exit and
 * resolves to {code, signal}. It throws if the server had already died (a crash is a bug).
 */
export async function startServer(opts = {}) {
  let database = null;
  let db = opts.db;
  if (!db) {
    database = await createDatabase();
    db = database.db;
    const init = await runHearth(['init', '--db', db, '--admin-email', ADMIN_EMAIL,
                                  '--admin-password', ADMIN_PASSWORD]);
    if (init.code !== 0) {
      await database.drop();
      throw new Error(`hearth init failed (exit ${init.code}, signal ${init.signal}` +
                      `${init.code === -1 ? `, ${init.error?.message}; binary ${HEARTH_BIN}, set HEARTH_BIN to override` : ''}):\n` +
                      `stdout: ${init.stdout}\nstderr: ${init.stderr}`);
    }
  }

  const proc = spawn(HEARTH_BIN, ['serve', '--db', db, '--listen', '127.0.0.1:0', ...(opts.serveArgs || [])],
                     { env: serverEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let exit = null;
  const exited = new Promise((resolve) => {
    proc.on('exit', (code, signal) => { exit = { code, signal }; resolve(exit); });
    proc.on('error', (err) => { exit = { code: -1, signal: null, err }; resolve(exit); });
  });
  proc.stderr.setEncoding('utf8');
  proc.stderr.on('data', (d) => { stderr = (stderr + d).slice(-64 * 1024); });
  proc.stdout.setEncoding('utf8');

  const base = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      reject(new Error(`hearth serve did not print "hearth listening on http://127.0.0.1:PORT" ` +
                       `within ${START_TIMEOUT_MS / 1000} s (db ${db}).\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, START_TIMEOUT_MS);
    proc.stdout.on('data', (d) => {
      stdout = (stdout + d).slice(-64 * 1024);
      const m = stdout.match(/hearth listening on (http:\/\/127\.0\.0\.1:\d+)/);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    exited.then((e) => {
      clearTimeout(timer);
      reject(new Error(`hearth serve exited before listening (code ${e.code}, signal ${e.signal}` +
                       `${e.err ? `, ${e.err.message}` : ''}).\nstdout: ${stdout}\nstderr: ${stderr}`));
    });
  }).catch(async (err) => { await database?.drop(); throw err; });

  let stopped = false;
  async function stop() {
    if (stopped) return exit;
    stopped = true;
    const diedEarly = exit;
    if (!diedEarly) {
      proc.kill('SIGTERM');
      const t = setTimeout(() => proc.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(t);
    }
    if (!opts.keepDb) await database?.drop();
    if (diedEarly) {
      throw new Error(`hearth serve died during the tests (code ${diedEarly.code}, signal ` +
                      `${diedEarly.signal}).\nstderr (tail): ${stderr.slice(-4000)}`);
    }
    if (exit.signal === 'SIGKILL') {
      throw new Error(`hearth serve did not stop within ${STOP_TIMEOUT_MS / 1000} s of SIGTERM.\n` +
                      `stderr (tail): ${stderr.slice(-4000)}`);
    }
    return exit;
  }

  // With opts.keepDb the database outlives stop(); dropDb() removes it afterwards.
  const dropDb = async () => { await database?.drop(); };

  // Sends `signal` (default SIGKILL) and resolves to {code, signal} once the process is gone.
  // Afterwards stop() is a no-op, so a deliberate kill is not reported as a crash.
  async function kill(signal = 'SIGKILL') {
    stopped = true;
    if (!exit) proc.kill(signal);
    return exited;
  }
  return { base, db, proc, stop, kill, exited, dropDb, alive: () => exit === null, stderr: () => stderr };
}

// ---------------------------------------------------------------------------------------
// HTTP client

/**
 * Sends one request. opts: {token, headers, body (object → JSON), raw (string/Buffer as is),
 * contentType}. Resolves to {status, headers, body, text}; body is parsed JSON when the
 * response is JSON or problem+json, else the text (null when empty).
 */
export async function request(base, method, pathname, opts = {}) {
  const headers = { ...(opts.headers || {}) };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  let body;
  if (opts.raw !== undefined) {
    body = opts.raw;
    if (opts.contentType) headers['content-type'] = opts.contentType;
  } else if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers['content-type'] = opts.contentType || 'application/json';
  }
  const res = await fetch(base + pathname, {
    method, headers, body, redirect: 'manual', signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  const text = await res.text();
  const ct = res.headers.get('content-type') || '';
  let parsed = text === '' ? null : text;
  if (text !== '' && /json/i.test(ct)) {
    try { parsed = JSON.parse(text); } catch { parsed = text; }
  }
  return { status: res.status, headers: res.headers, body: parsed, text, method, path: pathname };
}

/** A small client bound to a token: get/post/put/patch/del resolving to {status, headers, body}. */
export function api(base, token) {
  const call = (method) => (pathname, body, opts = {}) =>
    request(base, method, pathname, { token, body, ...opts });
  return {
    base,
    token,
    get: (pathname, opts = {}) => request(base, 'GET', pathname, { token, ...opts }),
    post: call('POST'),
    put: call('PUT'),
    patch: call('PATCH'),
    del: (pathname, opts = {}) => request(base, 'DELETE', pathname, { token, ...opts }),
    request: (method, pathname, opts = {}) => request(base, method, pathname, { token, ...opts }),
  };
}

/** Signs in; returns the token (throws with the response when the login fails). */
export async function login(base, email, password) {
  const r = await request(base, 'POST', '/api/v1/auth/login', { body: { email, password } });
  if (r.status !== 200 || typeof r.body?.token !== 'string') {
    throw new Error(`login ${email} failed: ${r.status} ${r.text}`);
  }
  return r.body.token;
}

let counter = 0;
/** A unique email (lower-case) for one test: `<prefix>-<n>-<random>@example.com`. */
export function uniqueEmail(prefix = 't') {
  counter += 1;
  return `${prefix}-${counter}-${randomBytes(4).toString('hex')}@example.com`;
}

/** A unique short token for tags and names. */
export function uniq(prefix = 'u') {
  counter += 1;
  return `${prefix}${counter}${randomBytes(3).toString('hex')}`;
}

/**
 * Creates a staff user with `role` via POST /api/v1/users as admin and signs it in.
 * Returns {id, email, password, role, user, token, client}.
 */
export async function makeUser(base, adminClient, role, { email, password, name } = {}) {
  email = email || uniqueEmail(role);
  password = password || `pw-${randomBytes(8).toString('hex')}`;
  const r = await adminClient.post('/api/v1/users',
                                   { email, name: name || `Test ${role}`, role, password });
  if (r.status !== 201) throw new Error(`creating ${role} user failed: ${r.status} ${r.text}`);
  const token = await login(base, email, password);
  return { id: r.body.id, email, password, role, user: r.body, token, client: api(base, token) };
}

/**
 * Starts a server and signs the admin in: {base, db, stop, admin (client), adminToken,
 * makeUser(role, opts), users}. opts.users: roles to make a user for, one each, in order
 * (`users` holds them, as makeUser returns them), e.g. ['agent', 'viewer'].
 */
export async function setup(opts = {}) {
  const server = await startServer(opts);
  try {
    const adminToken = await login(server.base, ADMIN_EMAIL, ADMIN_PASSWORD);
    const admin = api(server.base, adminToken);
    const users = [];
    for (const role of opts.users || []) users.push(await makeUser(server.base, admin, role));
    return {
      ...server,
      admin,
      adminToken,
      makeUser: (role, o) => makeUser(server.base, admin, role, o),
      users,
    };
  } catch (err) {
    await server.stop().catch(() => {});
    throw err;
  }
}

// ---------------------------------------------------------------------------------------
// Assertions

const show = (r) => `${r.method} ${r.path} → ${r.status} ${(r.text || '').slice(0, 1500)}`;

/** Asserts the status, with the whole response in the message. */
export function expectStatus(r, status) {
  assert.equal(r.status, status, `expected ${status}: ${show(r)}`);
  return r.body;
}

/**
 * Asserts an RFC 9457 problem: status, content type, `type` ending in /problems/<slug>,
 * `title` and a matching `status` member. `slug` may be an array of accepted slugs.
 */
export function expectProblem(r, status, slug) {
  assert.equal(r.status, status, `expected ${status} ${slug}: ${show(r)}`);
  const ct = r.headers.get('content-type') || '';
  assert.match(ct, /^application\/problem\+json\b/, `problem content type: ${ct} — ${show(r)}`);
  assert.equal(typeof r.body, 'object', `problem body is JSON: ${show(r)}`);
  assert.equal(typeof r.body.type, 'string', `problem has type: ${show(r)}`);
  const slugs = Array.isArray(slug) ? slug : [slug];
  assert.ok(slugs.some((s) => r.body.type.endsWith(`/problems/${s}`)),
            `problem type should end with /problems/${slugs.join(' or ')}: ${show(r)}`);
  assert.equal(typeof r.body.title, 'string', `problem has title: ${show(r)}`);
  assert.equal(r.body.status, status, `problem status member: ${show(r)}`);
  return r.body;
}

/** Asserts a 422 validation problem whose errors name every field in `fields`. */
export function expectFieldErrors(r, fields, { status = 422, slug = 'validation' } = {}) {
  const p = expectProblem(r, status, slug);
  assert.ok(Array.isArray(p.errors) && p.errors.length > 0, `errors[] expected: ${show(r)}`);
  for (const e of p.errors) {
    assert.equal(typeof e.field, 'string', `errors[].field: ${show(r)}`);
    assert.equal(typeof e.message, 'string', `errors[].message: ${show(r)}`);
  }
  const got = p.errors.map((e) => e.field);
  for (const f of fields) {
    assert.ok(got.includes(f), `errors should name field ${f}, got [${got.join(', ')}]: ${show(r)}`);
  }
  return p;
}

/** Parses CSV text (RFC 4180: quoted fields with commas, "" and line breaks) into rows of strings. */
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; i += 1; }
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(field); field = ''; }
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i += 1;
      row.push(field); rows.push(row); row = []; field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) { row.push(field); rows.push(row); }
  return rows;
}

export const RFC3339_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** Pages through a list (limit 500) and returns every item. */
export async function listAll(client, pathname) {
  const items = [];
  let cursor = null;
  for (let i = 0; i < 1000; i += 1) {
    const sep = pathname.includes('?') ? '&' : '?';
    const url = `${pathname}${sep}limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const r = await client.get(url);
    expectStatus(r, 200);
    items.push(...r.body.items);
    cursor = r.body.next_cursor;
    if (cursor === null || cursor === undefined) return items;
  }
  throw new Error(`listAll ${pathname}: more than 1000 pages`);
}

/** Number of records of a collection, archived ones included. */
export async function countAll(client, collection) {
  return (await listAll(client, `/api/v1/${collection}?archived=all`)).length;
}

/** Date helpers for YYYY-MM-DD values relative to today (UTC). */
export function isoDate(offsetDays = 0) {
  const d = new Date(Date.now() + offsetDays * 86_400_000);
  return d.toISOString().slice(0, 10);
}

// ---------------------------------------------------------------------------------------
// Raw sockets (protocol abuse: header injection, oversized headers, slow clients)

/** {host, port} of a base URL such as http://127.0.0.1:PORT. */
export function hostPort(base) {
  const u = new URL(base);
  return { host: u.hostname, port: Number(u.port) };
}

/** Parses the first HTTP response in `buf` (latin1): {status, headers (lower-case names), head, body} or null. */
export function parseRawResponse(buf) {
  const text = Buffer.isBuffer(buf) ? buf.toString('latin1') : String(buf);
  const end = text.indexOf('\r\n\r\n');
  if (!/^HTTP\/1\.[01] \d{3}/.test(text) || end < 0) return null;
  const head = text.slice(0, end);
  const lines = head.split('\r\n');
  const status = Number(lines[0].split(' ')[1]);
  const headers = {};
  for (const line of lines.slice(1)) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  let body = text.slice(end + 4);
  const len = Number(headers['content-length']);
  if (Number.isFinite(len)) body = body.slice(0, len);
  return { status, headers, head, body };
}

/**
 * Writes `data` (string as latin1, or Buffer) on a fresh TCP connection and collects what
 * comes back until the server closes the connection or `timeoutMs` passes. Write errors
 * (the server closing early, EPIPE/ECONNRESET) are recorded, not thrown.
 * Resolves {response (parseRawResponse or null), raw (Buffer), closed (the server ended or
 * reset the connection), error (code or null), ms}.
 */
export function rawRequest(base, data, { timeoutMs = 5_000 } = {}) {
  const { host, port } = hostPort(base);
  return new Promise((resolve) => {
    const started = Date.now();
    const socket = net.connect(port, host);
    const chunks = [];
    let error = null;
    let done = false;
    const finish = (closed) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      const raw = Buffer.concat(chunks);
      resolve({ response: parseRawResponse(raw), raw, closed, error, ms: Date.now() - started });
    };
    const timer = setTimeout(() => finish(false), timeoutMs);
    socket.on('data', (d) => chunks.push(d));
    socket.on('end', () => finish(true));
    socket.on('close', () => finish(true));
    socket.on('error', (err) => { error = err.code || err.message; finish(true); });
    socket.write(typeof data === 'string' ? Buffer.from(data, 'latin1') : data, () => {});
  });
}
