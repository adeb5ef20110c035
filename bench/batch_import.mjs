// Batch import client for bench/batch_import.sh (Node 18+, built-ins only): creates
// --total contacts through POST /api/v1/contacts/batch in batches of --batch items, with
// --clients requests in flight at once over keep-alive connections. Contacts have names
// with accents, unique emails and Norwegian phone numbers written "412 34 567".
// Prints progress to stderr and one line to stdout:
//   RESULT contacts=… seconds=… rate=… batches=… failed=… p50_ms=… p99_ms=… max_ms=…
// Exits 1 if any batch failed (the first failures are printed).
//
// Usage: node bench/batch_import.mjs --url http://127.0.0.1:PORT --token T
//          [--total 1000000] [--batch 1000] [--clients 4] [--tag TAG] [--owner USER_ID]
import http from 'node:http';
import { parseArgs } from 'node:util';

const { values: opt } = parseArgs({
  options: {
    url: { type: 'string' }, token: { type: 'string' },
    total: { type: 'string', default: '1000000' }, batch: { type: 'string', default: '1000' },
    clients: { type: 'string', default: '4' }, tag: { type: 'string', default: String(Date.now()) },
    owner: { type: 'string', default: '' },
  },
});
if (!opt.url || !opt.token) {
  console.error('usage: node bench/batch_import.mjs --url URL --token TOKEN [--total N] [--batch N] [--clients N]');
  process.exit(2);
}
const total = Number(opt.total), batchSize = Number(opt.batch), clients = Number(opt.clients);
const base = new URL(opt.url);
const agent = new http.Agent({ keepAlive: true, maxSockets: clients });

const firstNames = ['Søren', 'Åse', 'Bjørn', 'Ingrid', 'Øystein', 'Håkon', 'Špela', 'Žiga', 'Tjaša', 'Gašper',
  'Mette', 'Frederik', 'Oliver', 'Amelia', 'Kari', 'Jure', 'Urška', 'Ståle'];
const lastNames = ['Øvrebø', 'Šuštar', 'Jørgensen', 'Hansen', 'Kovačič', 'Møller', 'Smith', 'Bråten', 'Sæther',
  'Østergaard', 'Zupančič', "O'Brien", 'Strøm', 'Nielsen', 'Horvat', 'Løkken'];
const phases = ['exploration', 'awareness', 'expansion', 'commitment', 'dissolution'];
const mobileStarts = ['40', '41', '45', '46', '47', '48', '90', '91', '92', '93', '94', '95', '97', '98'];
const slug = (s) => s.normalize('NFKD').replace(/[øØ]/g, 'o').replace(/[æÆ]/g, 'ae').replace(/[åÅ]/g, 'a')
  .replace(/[^A-Za-z0-9]/g, '').toLowerCase();
const pick = (list) => list[Math.floor(Math.random() * list.length)];
const digits = (n) => String(Math.floor(Math.random() * 10 ** n)).padStart(n, '0');

function contact(i) {
  const first = pick(firstNames), last = pick(lastNames);
  const c = {
    first_name: first, last_name: last,
    email: `${slug(first)}.${slug(last)}.${opt.tag}.${i}@import.example`,
    phone: `${pick(mobileStarts)}${digits(1)} ${digits(2)} ${digits(3)}`,
    kind: Math.random() < 0.6 ? 'customer' : 'prospect',
    phase: pick(phases),
    tags: Math.random() < 0.3 ? ['imported'] : [],
  };
  if (opt.owner) c.owner_id = opt.owner;
  return c;
}

function post(body) {
  return new Promise((resolve, reject) => {
    const req = http.request({
      host: base.hostname, port: base.port, path: '/api/v1/contacts/batch', method: 'POST', agent,
      headers: { authorization: `Bearer ${opt.token}`, 'content-type': 'application/json',
                 'content-length': Buffer.byteLength(body) },
    }, (res) => {
      const chunks = [];
      res.on('data', (d) => chunks.push(d));
      res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString() }));
    });
    req.setTimeout(300_000, () => req.destroy(new Error('timeout after 300 s')));
    req.on('error', reject);
    req.end(body);
  });
}

const batches = Math.ceil(total / batchSize);
let next = 0, created = 0, failed = 0, done = 0;
const latencies = [], failures = [];
const started = process.hrtime.bigint();
const elapsed = () => Number(process.hrtime.bigint() - started) / 1e9;
let lastReport = 0;

async function worker() {
  while (next < batches) {
    const b = next++;
    const from = b * batchSize, to = Math.min(total, from + batchSize);
    const items = [];
    for (let i = from; i < to; i++) items.push(contact(i));
    const body = JSON.stringify({ items });
    const t0 = process.hrtime.bigint();
    let r;
    try { r = await post(body); } catch (e) { r = { status: 0, body: String(e) }; }
    latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
    done++;
    if (r.status === 201) created += to - from;
    else { failed++; if (failures.length < 5) failures.push(`batch ${b}: ${r.status} ${r.body.slice(0, 300)}`); }
    const pct = Math.floor((100 * done) / batches);
    if (pct >= lastReport + 10) {
      lastReport = pct - (pct % 10);
      console.error(`   ${pct}%: ${created} contacts in ${elapsed().toFixed(1)} s (${Math.round(created / elapsed())}/s)`);
    }
  }
}

await Promise.all(Array.from({ length: clients }, worker));
const seconds = elapsed();
agent.destroy();
latencies.sort((a, b) => a - b);
const pctl = (p) => (latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] : 0);
for (const f of failures) console.error(`   FAILED ${f}`);
console.log(`RESULT contacts=${created} seconds=${seconds.toFixed(2)} rate=${Math.round(created / seconds)} ` +
  `batches=${done} failed=${failed} p50_ms=${pctl(50).toFixed(1)} p99_ms=${pctl(99).toFixed(1)} ` +
  `max_ms=${(latencies.at(-1) ?? 0).toFixed(1)}`);
process.exit(failed ? 1 : 0);
