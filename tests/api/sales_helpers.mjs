// Helpers the purchase, pipeline and analytics scenarios share (products, orders, order
// import, opportunities, analytics): products with unique SKUs, orders with lines, dates
// relative to a fixed `--clock`, a CSV writer and reader (RFC 4180) for the import, and
// money in minor units parsed from decimal strings without floating point.

import assert from 'node:assert/strict';
import { expectStatus, expectProblem, uniq } from './harness.mjs';

export const DAY = 86_400_000;

export const PRODUCT_FIELDS = ['id', 'sku', 'name', 'description', 'price_minor', 'currency', 'active', 'is_service',
  'created_at', 'updated_at', 'version'];

export const ORDER_FIELDS = ['id', 'number', 'contact_id', 'ordered_at', 'currency', 'status', 'channel', 'external_ref',
  'note', 'lines', 'total_minor', 'merchandise_minor', 'created_at', 'updated_at', 'version'];

export const LINE_FIELDS = ['product_id', 'sku', 'name', 'quantity', 'unit_price_minor', 'line_total_minor', 'is_service'];

export const OPPORTUNITY_FIELDS = ['id', 'title', 'contact_id', 'company_id', 'stage', 'probability', 'amount_minor',
  'currency', 'expected_close', 'owner_id', 'source_case_id', 'status', 'lost_reason', 'closed_at', 'note',
  'created_at', 'updated_at', 'version'];

/** Creates a product as `client` (manager+; asserts 201): a unique SKU, NOK 100.00, then `body`. */
export async function createProduct(client, body = {}) {
  const sku = uniq('SKU-');
  return expectStatus(await client.post('/api/v1/products', {
    sku, name: `Product ${sku}`, price_minor: 10_000, currency: 'NOK', ...body,
  }), 201);
}

/**
 * Creates an order as `client` (asserts 201) for `contact` with `lines`: each a product
 * record (quantity 1) or `{product, quantity, unit_price_minor}`; `body` adds fields
 * (currency defaults to the first product's).
 */
export async function createOrder(client, contact, lines, body = {}) {
  return expectStatus(await client.post('/api/v1/orders', orderBody(contact, lines, body)), 201);
}

/** The JSON body createOrder sends (for requests expected to fail). */
export function orderBody(contact, lines, body = {}) {
  const norm = lines.map((l) => (l.product ? l : { product: l }));
  return {
    contact_id: contact.id,
    currency: norm[0]?.product.currency ?? 'NOK',
    lines: norm.map(({ product, ...rest }) => ({ product_id: product.id, quantity: 1, ...rest })),
    ...body,
  };
}

/** GET /orders/{id} as `client` (asserts 200). */
export async function readOrder(client, id) {
  return expectStatus(await client.get(`/api/v1/orders/${id}`), 200);
}

/** YYYY-MM-DD `days` days after the date (or instant) `from`. */
export function addDays(from, days) {
  return new Date(Date.parse(`${from.slice(0, 10)}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

/** Whole days from date `a` to date `b` (both YYYY-MM-DD). */
export function daysBetween(a, b) {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY);
}

/** An RFC 3339 instant at `time` UTC on the date `days` days before `asOf` (YYYY-MM-DD). */
export function daysAgo(asOf, days, time = '10:00:00') {
  return `${addDays(asOf, -days)}T${time}Z`;
}

/** "12.50" → 1250 (exact; up to two decimals; a leading minus kept). */
export function minorOf(decimal) {
  const m = /^(-?)(\d*)(?:\.(\d{0,2}))?$/.exec(decimal.trim());
  assert.ok(m, `a decimal with at most two places: ${decimal}`);
  const units = Number(m[2] || '0') * 100 + Number((m[3] || '').padEnd(2, '0'));
  return m[1] ? -units : units;
}

/** The amount as the timeline writes it: `NOK 1,250.00`. */
export function money(currency, minor) {
  const units = Math.trunc(minor / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${currency} ${units}.${String(minor % 100).padStart(2, '0')}`;
}

/** One CSV field, quoted when it holds a comma, quote, CR or LF (RFC 4180). */
const csvField = (v) => {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};

/** Rows (arrays) to CSV text with `eol` line ends and a final line end. */
export function toCsv(rows, eol = '\n') {
  return rows.map((r) => r.map(csvField).join(',')).join(eol) + eol;
}

/** POST /api/v1/import/orders with `csv` as text/csv; `query` like `?dry_run=true`. */
export function importOrders(client, csv, query = '', contentType = 'text/csv') {
  return client.request('POST', `/api/v1/import/orders${query}`, { raw: csv, contentType });
}

/** Asserts the import report's counts (and `errors` empty unless `errors` is given). */
export function expectReport(r, counts) {
  const body = expectStatus(r, 200);
  for (const f of ['orders_created', 'lines_created', 'products_created', 'contacts_created', 'skipped', 'errors']) {
    assert.ok(f in body, `report has ${f}: ${r.text}`);
  }
  const { errors = [], ...rest } = counts;
  for (const [k, v] of Object.entries(rest)) assert.equal(body[k], v, `${k}: ${r.text.slice(0, 3000)}`);
  if (errors !== null) {
    assert.deepEqual(body.errors.map((e) => [e.row, e.field]), errors.map((e) => [e.row, e.field]),
                     `errors (row, field): ${r.text.slice(0, 3000)}`);
  }
  for (const e of body.errors) assert.ok(typeof e.message === 'string' && e.message.length > 0, `message: ${JSON.stringify(e)}`);
  return body;
}

/** Asserts `|actual - expected| <= tol` with a message. */
export function near(actual, expected, tol, what) {
  assert.equal(typeof actual, 'number', `${what} is a number: ${actual}`);
  assert.ok(Math.abs(actual - expected) <= tol, `${what}: expected ${expected} ± ${tol}, got ${actual}`);
}

/**
 * Asserts a list refuses what it does not know: an unknown parameter, an unknown sort, a bad
 * cursor and each query in `bad` → 400 bad-request; limit 501 → 422 limit-too-large.
 */
export async function expectListGuards(client, pathname, bad = []) {
  for (const q of ['colour=red', 'sort=colour', 'cursor=not-a-cursor', ...bad]) {
    expectProblem(await client.get(`${pathname}?${q}`), 400, 'bad-request');
  }
  expectProblem(await client.get(`${pathname}?limit=501`), 422, 'limit-too-large');
}
