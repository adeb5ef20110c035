// `hearth analytics fit` and `hearth analytics rules`, run as an analyst would: the real
// binary on CSV files. The fit must reproduce the published CDNOW estimates (Fader, Hardie
// & Lee 2005; Fader & Hardie 2013; CLVTools' more precise figures) and the rules the
// hand-worked five-basket example of Tan, Steinbach & Kumar.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const BIN = process.env.HEARTH_BIN ?? path.join(REPO, 'build', 'hearth');
const dir = mkdtempSync(path.join(tmpdir(), 'hearth-cli-'));

const hearth = (...args) => JSON.parse(execFileSync(BIN, args, { encoding: 'utf8' }));
const near = (actual, expected, tolerance, what) =>
  assert.ok(Math.abs(actual - expected) <= tolerance, `${what}: ${actual} not within ${tolerance} of ${expected}`);

// The 1/10th sample as customer_id,date,amount (sample id, YYYYMMDD, dollars).
function cdnowCsv() {
  const lines = readFileSync(path.join(REPO, 'tests', 'data', 'cdnow', 'CDNOW_sample.txt'), 'utf8')
    .split(/\r?\n/).filter((l) => l.trim());
  const rows = lines.map((l) => l.trim().split(/\s+/)).map(([, id, date, , dollars]) => `${id},${date},${dollars}`);
  const file = path.join(dir, 'cdnow.csv');
  writeFileSync(file, `customer_id,date,amount\n${rows.join('\n')}\n`);
  return file;
}

test('fit on CDNOW reproduces the published parameters and log-likelihoods', () => {
  const scores = path.join(dir, 'scores.csv');
  const out = hearth('analytics', 'fit', '--transactions', cdnowCsv(), '--calibration-end', '1997-09-30',
                     '--holdout-end', '1998-06-30', '--scores', scores, '--horizon-weeks', '39');
  assert.equal(out.customers, 2357);
  assert.equal(out.repeat_customers, 946);
  const b = out.bgnbd;
  near(b.r, 0.243, 0.0005, 'r'); near(b.alpha, 4.414, 0.0005, 'alpha');
  near(b.a, 0.793, 0.0005, 'a'); near(b.b, 2.426, 0.0005, 'b');
  near(b.log_likelihood, -9582.429, 0.001, 'BG/NBD LL (total)');
  const p = out.pareto_nbd;
  near(p.r, 0.553, 0.0005, 'r'); near(p.alpha, 10.578, 0.002, 'alpha');
  near(p.s, 0.606, 0.0005, 's'); near(p.beta, 11.669, 0.005, 'beta');
  near(p.log_likelihood, -9594.976, 0.001, 'Pareto/NBD LL');
  const g = out.gamma_gamma;
  near(g.p, 6.25, 0.005, 'p'); near(g.q, 3.74, 0.005, 'q'); near(g.gamma, 15.44, 0.005, 'gamma');
  near(g.log_likelihood, -4055.918, 0.001, 'Gamma-Gamma LL');
  assert.equal(out.holdout.actual_purchases, 1882, 'repeat purchases in weeks 40–78');

  const rows = readFileSync(scores, 'utf8').trim().split('\n');
  assert.equal(rows[0], 'customer_id,x,t_x,T,p_alive,expected_transactions,expected_spend,clv');
  assert.equal(rows.length, 2358);
  // Sample customer 1: x = 2, t_x = 30.43, T = 38.86; FHL's worked example expects 1.226
  // purchases in the next 39 weeks.
  const [id, x, tx, T, alive, expected, spend, clv] = rows[1].split(',');
  assert.equal(id, '0001');
  assert.equal(Number(x), 2);
  near(Number(tx), 30.43, 0.005, 't_x'); near(Number(T), 38.86, 0.005, 'T');
  near(Number(expected), 1.226, 0.0005, 'expected transactions in 39 weeks');
  assert.ok(Number(alive) > 0 && Number(alive) < 1);
  assert.ok(Number(spend) > 0 && Number(clv) > 0 && Number(clv) < Number(expected) * Number(spend));
});

test('rules: support, confidence and lift of the textbook baskets; summed quantities decide', () => {
  const file = path.join(dir, 'baskets.csv');
  const baskets = [['Bread', 'Milk'], ['Bread', 'Diaper', 'Beer', 'Eggs'], ['Milk', 'Diaper', 'Beer', 'Cola'],
                   ['Bread', 'Milk', 'Diaper', 'Beer'], ['Bread', 'Milk', 'Diaper', 'Cola']];
  const lines = ['invoice,item,qty'];
  baskets.forEach((items, i) => items.forEach((item) => lines.push(`T${i + 1}, ${item} ,2`)));
  // A returned line in T1 (-2 + 2 = 0 Eggs: not in the basket) and a basket of returns only.
  lines.push('T1,Eggs,-2', 'T1,Eggs,2', 'C9,Beer,-1');
  writeFileSync(file, lines.join('\n') + '\n');
  const out = hearth('analytics', 'rules', '--transactions', file, '--basket-col', 'invoice', '--item-col', 'item',
                     '--quantity-col', 'qty', '--min-support', '0.4');
  assert.equal(out.baskets, 5, 'the returns-only basket is no basket');
  const rule = (a, c) => out.rules.find((r) => r.antecedent.join() === a.join() && r.consequent.join() === c.join());
  const md = rule(['Diaper', 'Milk'], ['Beer']);
  near(md.support, 0.4, 1e-12, 'support'); near(md.confidence, 2 / 3, 1e-12, 'confidence'); near(md.lift, 10 / 9, 1e-12, 'lift');
  const bd = rule(['Beer'], ['Diaper']);
  near(bd.confidence, 1, 1e-12, 'confidence'); near(bd.lift, 1.25, 1e-12, 'lift');
  assert.equal(rule(['Eggs'], ['Bread']), undefined, 'Eggs are in one basket of five');
  for (let i = 1; i < out.rules.length; i += 1) assert.ok(out.rules[i - 1].lift >= out.rules[i].lift);

  const strict = hearth('analytics', 'rules', '--transactions', file, '--basket-col', 'invoice', '--item-col', 'item',
                        '--quantity-col', 'qty', '--min-support', '0.4', '--min-confidence', '0.9', '--min-lift', '1.2');
  for (const r of strict.rules) assert.ok(r.confidence >= 0.9 && r.lift >= 1.2 && r.support >= 0.4, JSON.stringify(r));
  const has = (a, c) => strict.rules.some((r) => r.antecedent.join() === a && r.consequent.join() === c);
  assert.ok(has('Beer', 'Diaper'), 'confidence 1, lift 1.25');
  assert.ok(has('Cola', 'Diaper,Milk'), 'confidence 1, lift 1 / 0.6');
  assert.ok(!has('Diaper', 'Beer'), 'confidence 0.75');
});

test('a file without the columns, or a bad date, is a clear error and exit code 1', () => {
  const file = path.join(dir, 'bad.csv');
  writeFileSync(file, 'customer,when,amount\n1,2020-01-01,5\n');
  let r = spawnSync(BIN, ['analytics', 'fit', '--transactions', file, '--calibration-end', '2020-12-31'], { encoding: 'utf8' });
  assert.equal(r.status, 1);
  assert.match(r.stderr, /no column 'customer_id'/);
  writeFileSync(file, 'customer_id,date,amount\n1,2020-13-01,5\n');
  r = spawnSync(BIN, ['analytics', 'fit', '--transactions', file, '--calibration-end', '2020-12-31'], { encoding: 'utf8' });
  assert.equal(r.status, 1);
  assert.match(r.stderr, /line 2: '2020-13-01' is not a date/);
  r = spawnSync(BIN, ['analytics', 'fit', '--transactions', path.join(dir, 'missing.csv'), '--calibration-end', '2020-12-31'],
                { encoding: 'utf8' });
  assert.equal(r.status, 1);
  assert.match(r.stderr, /Cannot read/);
});
