// Start-up timer for bench/startup.sh (Node 18+, built-ins only): starts
// `HEARTH serve --db DB --listen 127.0.0.1:PORT --access-log false` RUNS times and
// measures, from the spawn to the first 200 answer of GET /healthz (polled every
// millisecond), the time to first answer; also the time to the "hearth listening on"
// line, the server's RSS at the first answer and the time SIGTERM takes to stop it.
// Prints one line per run:  RUN n=… first_answer_ms=… listening_ms=… rss_kb=… stop_ms=…
// Usage: node bench/startup.mjs --bin HEARTH --db DB [--runs 5] [--log FILE (server stderr, appended)]
import { spawn } from 'node:child_process';
import { appendFileSync, readFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { parseArgs } from 'node:util';

const { values: opt } = parseArgs({
  options: { bin: { type: 'string' }, db: { type: 'string' }, runs: { type: 'string', default: '5' },
             log: { type: 'string' } },
});
if (!opt.bin || !opt.db) {
  console.error('usage: node bench/startup.mjs --bin HEARTH --db DB [--runs 5]');
  process.exit(2);
}

const freePort = () => new Promise((resolve, reject) => {
  const s = net.createServer();
  s.once('error', reject);
  s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
});

const healthz = (port) => new Promise((resolve) => {
  const req = http.get({ host: '127.0.0.1', port, path: '/healthz', agent: false }, (res) => {
    res.resume();
    res.on('end', () => resolve(res.statusCode));
  });
  req.setTimeout(5000, () => req.destroy());
  req.on('error', () => resolve(0));
});

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const rssKb = (pid) => {
  try { return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]); } catch { return 0; }
};

let failed = false;
for (let run = 1; run <= Number(opt.runs); run++) {
  const port = await freePort();
  const t0 = process.hrtime.bigint();
  const ms = () => Number(process.hrtime.bigint() - t0) / 1e6;
  const child = spawn(opt.bin, ['serve', '--db', opt.db, '--listen', `127.0.0.1:${port}`, '--access-log', 'false'],
                      { stdio: ['ignore', 'pipe', 'pipe'] });
  let listening = null, exited = null, stderr = '';
  child.stdout.on('data', (d) => { if (listening === null && String(d).includes('hearth listening on')) listening = ms(); });
  child.stderr.on('data', (d) => { stderr += d; });
  const exit = new Promise((resolve) => child.on('exit', (code, signal) => { exited = { code, signal }; resolve(); }));

  let first = null;
  while (first === null && exited === null && ms() < 120_000) {
    if ((await healthz(port)) === 200) first = ms();
    else await sleep(1);
  }
  const rss = first !== null ? rssKb(child.pid) : 0;
  const stopStart = process.hrtime.bigint();
  if (exited === null) child.kill('SIGTERM');
  const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exit;
  clearTimeout(killer);
  const stopMs = Number(process.hrtime.bigint() - stopStart) / 1e6;
  if (opt.log) appendFileSync(opt.log, stderr);
  if (first === null) {
    failed = true;
    console.error(`run ${run}: no answer from /healthz (exit ${JSON.stringify(exited)}): ${stderr.slice(-500)}`);
    continue;
  }
  console.log(`RUN n=${run} first_answer_ms=${first.toFixed(1)} listening_ms=${(listening ?? NaN).toFixed(1)} ` +
              `rss_kb=${rss} stop_ms=${stopMs.toFixed(1)} exit=${exited.code ?? exited.signal}`);
}
process.exit(failed ? 1 : 0);
