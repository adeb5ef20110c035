// Starts a real Hearth server for the browser tests: `hearth init` on a fresh SQLite
// file in a temp dir, then `hearth serve --listen 127.0.0.1:0` with the built web app,
// and waits for its "hearth listening on http://127.0.0.1:PORT" line. stop() sends
// SIGTERM and removes the temp dir. HEARTH_BIN overrides the binary (default
// <repo>/build/hearth).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '..', '..');
export const webRoot = path.join(repoRoot, 'web', 'dist');
export const ADMIN_EMAIL = 'admin@example.com';
export const ADMIN_PASSWORD = 'correct-horse-1';

function hearthBin() {
  return process.env.HEARTH_BIN || path.join(repoRoot, 'build', 'hearth');
}

function run(bin, args, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`${path.basename(bin)} ${args[0]} exited ${code}:\n${out}`)),
    );
  });
}

/** @returns {Promise<{url: string, dir: string, stop: () => Promise<void>, log: () => string}>} */
export async function startServer() {
  const bin = hearthBin();
  if (!existsSync(bin)) throw new Error(`No Hearth binary at ${bin} (build it, or set HEARTH_BIN)`);
  if (!existsSync(path.join(webRoot, 'index.html'))) {
    throw new Error(`No built web app at ${webRoot}: run \`npm run build\` in web/ first`);
  }
  const dir = await mkdtemp(path.join(tmpdir(), 'hearth-e2e-'));
  const db = path.join(dir, 'e2e.db');
  // Norwegian numbers like "412 34 567" need the NO default region.
  const env = { ...process.env, HEARTH_PHONE_REGION: process.env.HEARTH_PHONE_REGION ?? 'NO' };
  await run(bin, ['init', '--db', db, '--admin-email', ADMIN_EMAIL, '--admin-password', ADMIN_PASSWORD], env);

  const child = spawn(bin, ['serve', '--db', db, '--listen', '127.0.0.1:0', '--web-root', webRoot], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));

  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`hearth serve did not report its address within 30 s:\n${log}`)), 30_000);
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      log += chunk;
      const m = /hearth listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(log);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk) => (log += chunk));
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`hearth serve exited early (code ${code}, signal ${signal}):\n${log}`));
    });
  }).catch(async (e) => {
    child.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
    throw e;
  });

  async function stop() {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(killer);
    }
    await rm(dir, { recursive: true, force: true });
  }

  return { url, dir, stop, log: () => log };
}
