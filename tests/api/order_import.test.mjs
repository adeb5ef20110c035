// Order import scenarios (POST /api/v1/import/orders, text/csv, manager+): header names
// matched whatever their case, spaces and underscores, with their aliases; rows sharing an
// external_ref make one order; unknown SKUs create products and unknown emails create
// customers; the report's counts are exact; a second import of the same file skips every
// order and creates nothing; rows with errors are reported by row (the header is row 1, so
// the first data row is row 2: the line a spreadsheet shows) and field, and their order is
// not created (nor the product or customer only it would have made); dry_run writes
// nothing; RFC 4180 quoting (commas, quotes, line breaks, CRLF, a BOM); 415 for other
// content types; roles. The last part imports the first 300 lines of the UCI Online Retail
// France file (tests/data/online-retail) and checks it against counts computed here
// from the file itself.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  setup, expectStatus, expectProblem, expectFieldErrors, listAll, countAll, uniq, uniqueEmail, REPO, parseCsv,
} from './harness.mjs';
import { customer, norm } from './service_helpers.mjs';
import {
  createProduct, importOrders, expectReport, toCsv, minorOf,
} from './sales_helpers.mjs';

let h, agent, manager, viewer;
before(async () => {
  h = await setup({ users: ['agent', 'manager', 'viewer'] });
  [agent, manager, viewer] = h.users;
});
after(async () => { await h?.stop(); });

const imp = (csv, query = '') => importOrders(manager.client, csv, query);
const byRef = async (ref) => listAll(viewer.client, `/api/v1/orders?external_ref=${encodeURIComponent(ref)}`);
async function oneByRef(ref) {
  const found = await byRef(ref);
  assert.equal(found.length, 1, `one order with external_ref ${ref}: ${JSON.stringify(found).slice(0, 2000)}`);
  return found[0];
}
async function productBySku(sku) {
  const found = (await listAll(viewer.client, `/api/v1/products?q=${encodeURIComponent(sku)}&archived=all`))
    .filter((p) => p.sku.toLowerCase() === sku.toLowerCase());
  return found.length === 1 ? found[0] : (assert.equal(found.length, 0, `at most one product ${sku}`), null);
}
async function contactByEmail(email) {
  const found = await listAll(viewer.client, `/api/v1/contacts?email=${encodeURIComponent(email)}&archived=all`);
  return found.length === 1 ? found[0] : (assert.equal(found.length, 0, `at most one contact ${email}`), null);
}
const lineTuples = (o) => o.lines.map((l) => [l.sku, l.quantity, l.unit_price_minor, l.line_total_minor]);
const CANONICAL = ['external_ref', 'ordered_at', 'email', 'sku', 'quantity', 'unit_price'];

describe('headers, grouping and what is created', () => {
  test('aliases in any case, spaces and underscores; two orders from four rows; report counts exact', async () => {
    const m = uniq('H');
    const known = await customer(agent.client);
    const old = await createProduct(manager.client, { sku: `${m}-OLD`, name: 'Old teapot', price_minor: 5_000 });
    const newEmail = uniqueEmail('imported');
    const csv = toCsv([
      [' Invoice No ', 'ORDER DATE', 'Email', 'Stock_Code', 'Description', 'QUANTITY', 'Unit Price', 'currency', 'Status',
       'Country'],
      [`${m}-1001`, '2025-03-04', known.email.toUpperCase(), `${m}-old`, 'Not used', '2', '45.50', 'NOK', 'paid', 'Norway'],
      [`${m}-1001`, '2025-03-04', known.email.toUpperCase(), `${m}-NEW1`, 'Tea towel, linen', '3', '12.5', 'NOK', 'paid',
       'Norway'],
      [`${m}-1002`, '2025-03-05 14:30', newEmail, `${m}-NEW1`, 'Tea towel, linen', '1', '12.50', 'NOK', 'delivered', 'Norway'],
      [`${m}-1002`, '2025-03-05 14:30', newEmail, `${m}-NEW2`, 'Candle', '4', '3.00', 'NOK', 'delivered', 'Norway'],
    ]);
    const nOrders = await countAll(h.admin, 'orders');
    const nProducts = await countAll(h.admin, 'products');
    const nContacts = await countAll(h.admin, 'contacts');
    expectReport(await imp(csv), { orders_created: 2, lines_created: 4, products_created: 2, contacts_created: 1,
                                   skipped: 0, errors: [] });
    assert.equal(await countAll(h.admin, 'orders'), nOrders + 2);
    assert.equal(await countAll(h.admin, 'products'), nProducts + 2);
    assert.equal(await countAll(h.admin, 'contacts'), nContacts + 1);

    const o1 = await oneByRef(`${m}-1001`);
    assert.equal(o1.contact_id, known.id, 'the email matched the existing contact, whatever its case');
    assert.equal(o1.currency, 'NOK');
    assert.equal(o1.status, 'paid');
    assert.equal(o1.channel, 'import');
    assert.equal(norm(o1.ordered_at), '2025-03-04T00:00:00.000Z');
    assert.deepEqual(lineTuples(o1), [[old.sku, 2, 4_550, 9_100], [`${m}-NEW1`, 3, 1_250, 3_750]],
                     'the existing SKU matched whatever its case, at the row\'s price');
    assert.equal(o1.lines[0].product_id, old.id);
    assert.equal(o1.total_minor, 12_850);
    assert.equal(o1.merchandise_minor, 12_850);

    const o2 = await oneByRef(`${m}-1002`);
    assert.equal(norm(o2.ordered_at), '2025-03-05T14:30:00.000Z', 'a time without zone is UTC');
    assert.equal(o2.status, 'delivered');
    assert.deepEqual(lineTuples(o2), [[`${m}-NEW1`, 1, 1_250, 1_250], [`${m}-NEW2`, 4, 300, 1_200]]);
    assert.equal(o2.total_minor, 2_450);
    assert.equal(o2.lines[0].product_id, o1.lines[1].product_id, 'one product for the SKU on both orders');

    const made = await contactByEmail(newEmail);
    assert.ok(made, `a contact for ${newEmail}`);
    assert.equal(o2.contact_id, made.id);
    assert.equal(made.kind, 'customer');

    const towel = await productBySku(`${m}-NEW1`);
    assert.deepEqual([towel.name, towel.price_minor, towel.currency, towel.active, towel.is_service],
                     ['Tea towel, linen', 1_250, 'NOK', true, false]);
    const candle = await productBySku(`${m}-NEW2`);
    assert.deepEqual([candle.name, candle.price_minor, candle.currency], ['Candle', 300, 'NOK']);
    const oldNow = await productBySku(old.sku);
    assert.deepEqual(oldNow, old, 'an existing product is not changed by the import');
  });

  test('date formats; no quantity, currency or status column: 1, the currency parameter (else EUR), delivered', async () => {
    const m = uniq('D');
    const k = await customer(agent.client);
    const eur = await createProduct(manager.client, { sku: `${m}-EUR`, currency: 'EUR', price_minor: 700 });
    const nok = await createProduct(manager.client, { sku: `${m}-NOK`, currency: 'NOK', price_minor: 800 });
    const rows = [
      [`${m}-a`, '20250102', '2025-01-02T00:00:00.000Z'],
      [`${m}-b`, '2025-01-03 04:05:06', '2025-01-03T04:05:06.000Z'],
      [`${m}-c`, '2025-01-04T10:00:00+02:00', '2025-01-04T08:00:00.000Z'],
      [`${m}-d`, '2025-01-05T10:00:00Z', '2025-01-05T10:00:00.000Z'],
      [`${m}-e`, '2025-01-06 23:59', '2025-01-06T23:59:00.000Z'],
    ];
    const csv = toCsv([['order', 'date', 'email', 'product', 'unit_price_minor'],
                       ...rows.map(([ref, date]) => [ref, date, k.email, eur.sku, '999'])]);
    expectReport(await imp(csv), { orders_created: 5, lines_created: 5, products_created: 0, contacts_created: 0,
                                   skipped: 0 });
    for (const [ref, , at] of rows) {
      const o = await oneByRef(ref);
      assert.equal(norm(o.ordered_at), at, `${ref} ordered_at`);
      assert.equal(o.currency, 'EUR', 'currency defaults to EUR');
      assert.equal(o.status, 'delivered', 'status defaults to delivered');
      assert.deepEqual(lineTuples(o), [[eur.sku, 1, 999, 999]], 'quantity defaults to 1; unit_price_minor taken as is');
    }
    const nokCsv = toCsv([['invoice', 'order_date', 'email', 'sku', 'unit_price'], [`${m}-n`, '2025-02-01', k.email, nok.sku, '8']]);
    expectReport(await imp(nokCsv, '?currency=NOK'), { orders_created: 1, lines_created: 1, products_created: 0,
                                                       contacts_created: 0, skipped: 0 });
    const n = await oneByRef(`${m}-n`);
    assert.equal(n.currency, 'NOK', 'the currency parameter is the default');
    assert.deepEqual(lineTuples(n), [[nok.sku, 1, 800, 800]]);
  });

  test('the customer by contact_id', async () => {
    const m = uniq('C');
    const byId = await customer(agent.client);
    const p = await createProduct(manager.client, { sku: `${m}-P` });
    const csv = toCsv([['order_id', 'invoice_date', 'contact_id', 'sku', 'quantity', 'unit_price', 'currency'],
                       [`${m}-1`, '2025-04-01', byId.id, p.sku, '1', '100', 'NOK']]);
    expectReport(await imp(csv), { orders_created: 1, lines_created: 1, products_created: 0, contacts_created: 0,
                                   skipped: 0, errors: [] });
    assert.equal((await oneByRef(`${m}-1`)).contact_id, byId.id);
  });
});

describe('a second import of the same file', () => {
  test('every order skipped, nothing new: no order, line, product or contact', async () => {
    const m = uniq('T');
    const [e1, e2] = [uniqueEmail('twice'), uniqueEmail('twice')];
    const fixed = toCsv([['external_ref', 'ordered_at', 'email', 'sku', 'name', 'quantity', 'unit_price', 'currency'],
                         [`${m}-1`, '2025-05-01', e1, `${m}-S1`, 'Spoon', '6', '2.00', 'NOK'],
                         [`${m}-2`, '2025-05-02', e2, `${m}-S1`, 'Spoon', '1', '2.00', 'NOK'],
                         [`${m}-2`, '2025-05-02', e2, `${m}-S2`, 'Fork', '1', '2.50', 'NOK']]);
    expectReport(await imp(fixed), { orders_created: 2, lines_created: 3, products_created: 2, contacts_created: 2,
                                     skipped: 0, errors: [] });
    const counts = async () => Promise.all(['orders', 'products', 'contacts'].map((c) => countAll(h.admin, c)));
    const before = await counts();
    const firstOrders = [await oneByRef(`${m}-1`), await oneByRef(`${m}-2`)];
    expectReport(await imp(fixed), { orders_created: 0, lines_created: 0, products_created: 0, contacts_created: 0,
                                     skipped: 2, errors: [] });
    assert.deepEqual(await counts(), before);
    assert.deepEqual([await oneByRef(`${m}-1`), await oneByRef(`${m}-2`)], firstOrders, 'the orders are untouched');
  });

  test('an order made by hand with the same external_ref is skipped too', async () => {
    const m = uniq('K');
    const k = await customer(agent.client);
    const p = await createProduct(manager.client, { sku: `${m}-P` });
    const byHand = expectStatus(await agent.client.post('/api/v1/orders', {
      contact_id: k.id, currency: 'NOK', external_ref: `${m}-1`, lines: [{ product_id: p.id, quantity: 1 }] }), 201);
    const csv = toCsv([CANONICAL, [`${m}-1`, '2025-01-01', k.email, p.sku, '5', '1.00'],
                       [`${m}-2`, '2025-01-01', k.email, p.sku, '5', '1.00']]);
    expectReport(await imp(csv, '?currency=NOK'), { orders_created: 1, lines_created: 1, products_created: 0,
                                                    contacts_created: 0, skipped: 1, errors: [] });
    assert.deepEqual(await oneByRef(`${m}-1`), byHand);
  });
});

describe('rows with errors', () => {
  test('reported with row (header = row 1) and field; their orders are not created, the others are', async () => {
    const m = uniq('E');
    const k = await customer(agent.client);
    const p = await createProduct(manager.client, { sku: `${m}-P`, price_minor: 100 });
    const csv = toCsv([
      CANONICAL,                                                  // row 1
      [`${m}-E1`, '2025-06-01', k.email, p.sku, '1', '1.00'],     // row 2: fine, but E1 has a bad row
      [`${m}-E1`, 'yesterday', k.email, p.sku, '1', '1.00'],      // row 3: bad date
      [`${m}-E2`, '2025-06-01', k.email, p.sku, '0', '1.00'],     // row 4: quantity 0
      [`${m}-E3`, '2025-06-01', k.email, p.sku, '2', '1.25'],     // row 5: fine
      [`${m}-E4`, '2025-06-01', k.email, p.sku, '1', 'abc'],      // row 6: bad price
      [`${m}-E5`, '2025-06-01', k.email, p.sku, '-2', '1.00'],    // row 7: a negative quantity (returns are orders)
      [`${m}-E6`, '2025-06-02', k.email, p.sku, '1', '1.00'],     // row 8: fine
      [`${m}-E6`, '2025-06-02', k.email, p.sku, '3', '0.10'],     // row 9: fine
      [`${m}-E7`, '2025-06-01', k.email, '', '1', '1.00'],        // row 10: no SKU
      [`${m}-E8`, '2025-13-01', k.email, p.sku, '1', '1.00'],     // row 11: no such month
      [`${m}-E9`, '2025-06-01', k.email, p.sku, '1.5', '1.00'],   // row 12: a fractional quantity
    ]);
    const nOrders = await countAll(h.admin, 'orders');
    const report = expectReport(await imp(csv, '?currency=NOK'), {
      orders_created: 2, lines_created: 3, products_created: 0, contacts_created: 0, skipped: 0,
      errors: [{ row: 3, field: 'ordered_at' }, { row: 4, field: 'quantity' }, { row: 6, field: 'unit_price' },
               { row: 7, field: 'quantity' }, { row: 10, field: 'sku' }, { row: 11, field: 'ordered_at' },
               { row: 12, field: 'quantity' }],
    });
    assert.equal(report.errors_total, 7);
    assert.equal(await countAll(h.admin, 'orders'), nOrders + 2);
    for (const bad of ['E1', 'E2', 'E4', 'E5', 'E7', 'E8', 'E9']) assert.deepEqual(await byRef(`${m}-${bad}`), [], `${bad} not created`);
    assert.deepEqual(lineTuples(await oneByRef(`${m}-E3`)), [[p.sku, 2, 125, 250]]);
    const e6 = await oneByRef(`${m}-E6`);
    assert.deepEqual(lineTuples(e6), [[p.sku, 1, 100, 100], [p.sku, 3, 10, 30]]);
    assert.equal(e6.total_minor, 130);
  });

  test('a rejected order leaves no product or customer behind', async () => {
    const m = uniq('G');
    const ghostEmail = uniqueEmail('ghost');
    const csv = toCsv([[...CANONICAL, 'name'],
                       [`${m}-1`, '2025-06-01', ghostEmail, `${m}-GHOST`, '1', '1.00', 'Ghost'],
                       [`${m}-1`, '2025-06-01', ghostEmail, `${m}-GHOST2`, '0', '1.00', 'Ghost two']]);
    expectReport(await imp(csv), { orders_created: 0, lines_created: 0, products_created: 0, contacts_created: 0,
                                   skipped: 0, errors: [{ row: 3, field: 'quantity' }] });
    assert.equal(await productBySku(`${m}-GHOST`), null);
    assert.equal(await productBySku(`${m}-GHOST2`), null);
    assert.equal(await contactByEmail(ghostEmail), null);
  });

  test('at most 1,000 errors listed; errors_total counts them all', async () => {
    const m = uniq('M');
    const k = await customer(agent.client);
    const p = await createProduct(manager.client, { sku: `${m}-P` });
    const rows = [CANONICAL];
    for (let i = 0; i < 1_200; i += 1) rows.push([`${m}-${i}`, '2025-06-01', k.email, p.sku, '0', '1.00']);
    const r = await imp(toCsv(rows));
    const body = expectReport(r, { orders_created: 0, lines_created: 0, skipped: 0, errors: null });
    assert.equal(body.errors.length, 1_000);
    assert.equal(body.errors_total, 1_200);
    assert.deepEqual(body.errors.slice(0, 3).map((e) => [e.row, e.field]), [[2, 'quantity'], [3, 'quantity'], [4, 'quantity']]);
  });

  test('a file without a required column creates nothing', async () => {
    const m = uniq('N');
    const k = await customer(agent.client);
    const csv = toCsv([['external_ref', 'ordered_at', 'email', 'quantity'], [`${m}-1`, '2025-06-01', k.email, '1']]);
    const r = await imp(csv);
    if (r.status === 422) expectFieldErrors(r, ['sku']);
    else {
      const body = expectReport(r, { orders_created: 0, lines_created: 0, errors: null });
      assert.ok(body.errors.some((e) => e.field === 'sku'), `an error names sku: ${r.text}`);
    }
    assert.deepEqual(await byRef(`${m}-1`), []);
  });
});

describe('dry_run and quoting', () => {
  test('dry_run=true reports what would happen and writes nothing; then the real run does it', async () => {
    const m = uniq('R');
    const email = uniqueEmail('dry');
    const csv = toCsv([[...CANONICAL, 'description'],
                       [`${m}-1`, '2025-07-01', email, `${m}-NEW`, '2', '9.99', 'Dry glass'],
                       [`${m}-2`, '2025-07-02', email, `${m}-NEW`, '1', '9.99', 'Dry glass'],
                       [`${m}-3`, '2025-07-03', email, `${m}-NEW`, '0', '9.99', 'Dry glass']]);
    const counts = async () => Promise.all(['orders', 'products', 'contacts'].map((c) => countAll(h.admin, c)));
    const before = await counts();
    const expected = { orders_created: 2, lines_created: 2, products_created: 1, contacts_created: 1, skipped: 0,
                       errors: [{ row: 4, field: 'quantity' }] };
    const dry = expectReport(await imp(csv, '?dry_run=true&currency=NOK'), expected);
    assert.deepEqual(await counts(), before, 'a dry run writes nothing');
    assert.deepEqual(await byRef(`${m}-1`), []);
    assert.equal(await productBySku(`${m}-NEW`), null);
    assert.equal(await contactByEmail(email), null);
    const { dry_run: dryFlag, ...dryReport } = dry;
    const { dry_run: realFlag, ...realReport } = expectReport(await imp(csv, '?currency=NOK'), expected);
    assert.deepEqual(realReport, dryReport, 'the dry run answered what the real run did');
    assert.deepEqual([dryFlag, realFlag], [true, false], 'the report says whether it was a dry run');
    const after = await counts();
    assert.deepEqual(after, [before[0] + 2, before[1] + 1, before[2] + 1]);
  });

  test('quoted fields with commas, quotes and line breaks; CRLF line ends; a UTF-8 BOM', async () => {
    const m = uniq('Q');
    const k = await customer(agent.client);
    const rows = [[...CANONICAL, 'name', 'currency', 'comment'],
                  [`${m}-1`, '2025-08-01', k.email, `${m}-A`, '1', '10.00', 'Mug "Large", blue', 'NOK',
                   'first line\nsecond, "quoted" line'],
                  [`${m}-1`, '2025-08-01', k.email, `${m}-B`, '2', '1000.00', 'Plate, deep; ø', 'NOK',
                   'one\r\ntwo'],
                  [`${m}-2`, '2025-08-02', k.email, `${m}-A`, '3', '10.00', 'Mug "Large", blue', 'NOK', '']];
    const csv = `\uFEFF${toCsv(rows, '\r\n')}`;
    assert.ok(csv.includes('"Mug ""Large"", blue"') && csv.includes('"first line\nsecond, ""quoted"" line"'));
    expectReport(await imp(csv), { orders_created: 2, lines_created: 3, products_created: 2, contacts_created: 0,
                                   skipped: 0, errors: [] });
    const a = await productBySku(`${m}-A`);
    assert.equal(a.name, 'Mug "Large", blue');
    assert.equal(a.price_minor, 1_000);
    const b = await productBySku(`${m}-B`);
    assert.equal(b.name, 'Plate, deep; ø');
    assert.equal(b.price_minor, 100_000);
    assert.deepEqual(lineTuples(await oneByRef(`${m}-1`)), [[`${m}-A`, 1, 1_000, 1_000], [`${m}-B`, 2, 100_000, 200_000]]);
    assert.deepEqual(lineTuples(await oneByRef(`${m}-2`)), [[`${m}-A`, 3, 1_000, 3_000]]);
  });
});

describe('content type and roles', () => {
  test('a JSON body → 415; nothing created', async () => {
    const m = uniq('J');
    const n = await countAll(h.admin, 'orders');
    const r = await manager.client.post('/api/v1/import/orders', [{ external_ref: `${m}-1` }]);
    expectProblem(r, 415, 'unsupported-media-type');
    const plain = await importOrders(manager.client, 'external_ref,ordered_at\n', '', 'application/octet-stream');
    expectProblem(plain, 415, 'unsupported-media-type');
    assert.equal(await countAll(h.admin, 'orders'), n);
  });

  test('agent and viewer → 403 and nothing created; admin may import', async () => {
    const m = uniq('A');
    const k = await customer(agent.client);
    const p = await createProduct(manager.client, { sku: `${m}-P` });
    const csv = toCsv([CANONICAL, [`${m}-1`, '2025-09-01', k.email, p.sku, '1', '1.00']]);
    expectProblem(await importOrders(agent.client, csv), 403, 'forbidden');
    expectProblem(await importOrders(viewer.client, csv), 403, 'forbidden');
    expectProblem(await importOrders(agent.client, csv, '?dry_run=true'), 403, 'forbidden');
    assert.deepEqual(await byRef(`${m}-1`), []);
    expectReport(await importOrders(h.admin, csv, '?currency=NOK'), { orders_created: 1, lines_created: 1, skipped: 0 });
  });
});

// ---------------------------------------------------------------------------------------
// Real data: the first 300 lines (the header and 299 rows) of the UCI Online Retail France
// file. CustomerID is not an email, so each line gets an `Email` column made from it
// (customer-12583@online-retail.example); the other lines are sent byte for byte. InvoiceNo,
// StockCode, Description, Quantity, InvoiceDate and UnitPrice are matched by the aliases;
// CustomerID and Country are columns the importer does not know and ignores.

// A copy kept in the repository (tests/data/README.md says where it comes from).
const franceFile = path.join(REPO, 'tests', 'data', 'online-retail', 'online_retail_france.csv');

describe('UCI Online Retail, France: the first 300 lines', () => {
  let lines, csv, expected, invoices, emailOf;
  before(() => {
    lines = readFileSync(franceFile, 'utf8').split('\n').slice(0, 300);
    assert.equal(lines[0], 'InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country');
    emailOf = (id) => `customer-${id.replace(/\.0$/, '')}@online-retail.example`;
    const parsed = parseCsv(lines.join('\n'));
    const [header, ...rows] = parsed;
    assert.equal(rows.length, 299);
    const col = Object.fromEntries(header.map((name, i) => [name, i]));
    csv = `${lines[0]},Email\n${lines.slice(1).map((l, i) => `${l},${emailOf(rows[i][col.CustomerID])}`).join('\n')}\n`;

    // The model: invoices in file order, each with its rows (row = line number, header 1).
    invoices = new Map();
    rows.forEach((r, i) => {
      const ref = r[col.InvoiceNo];
      if (!invoices.has(ref)) invoices.set(ref, { ref, rows: [] });
      invoices.get(ref).rows.push({
        row: i + 2, sku: r[col.StockCode], description: r[col.Description], quantity: Number(r[col.Quantity]),
        price: r[col.UnitPrice], date: r[col.InvoiceDate], email: emailOf(r[col.CustomerID]),
      });
    });
    const errors = [];
    const good = [];
    for (const inv of invoices.values()) {
      const bad = inv.rows.filter((x) => !(Number.isInteger(x.quantity) && x.quantity > 0));
      errors.push(...bad.map((x) => ({ row: x.row, field: 'quantity' })));
      if (bad.length === 0) good.push(inv);
    }
    errors.sort((a, b) => a.row - b.row);
    const goodRows = good.flatMap((inv) => inv.rows);
    expected = {
      good,
      bad: [...invoices.values()].filter((inv) => !good.includes(inv)),
      counts: {
        orders_created: good.length,
        lines_created: goodRows.length,
        products_created: new Set(goodRows.map((x) => x.sku.toLowerCase())).size,
        contacts_created: new Set(goodRows.map((x) => x.email)).size,
        skipped: 0,
        errors,
      },
    };
  });

  test('the slice is what the counts below assume: cancellations among the invoices', () => {
    assert.ok(expected.bad.length >= 1, 'at least one cancellation (quantity ≤ 0) in the slice');
    assert.ok(expected.bad.every((inv) => inv.ref.startsWith('C')), 'the rejected invoices are the cancellations');
    assert.ok(expected.good.length >= 10, `${expected.good.length} good invoices`);
  });

  test('import: exact report; every good invoice one order with its lines and total; cancellations not created', async () => {
    const nOrders = await countAll(h.admin, 'orders');
    const nProducts = await countAll(h.admin, 'products');
    const nContacts = await countAll(h.admin, 'contacts');
    const report = expectReport(await imp(csv, '?currency=GBP'), expected.counts);
    assert.equal(report.errors_total, expected.counts.errors.length);
    assert.equal(await countAll(h.admin, 'orders'), nOrders + expected.counts.orders_created);
    assert.equal(await countAll(h.admin, 'products'), nProducts + expected.counts.products_created);
    assert.equal(await countAll(h.admin, 'contacts'), nContacts + expected.counts.contacts_created);

    for (const inv of expected.good) {
      const o = await oneByRef(inv.ref);
      const first = inv.rows[0];
      assert.equal(norm(o.ordered_at), `${first.date.replace(' ', 'T')}.000Z`, `${inv.ref} ordered_at`);
      assert.equal(o.currency, 'GBP');
      assert.equal(o.status, 'delivered');
      assert.equal(o.channel, 'import');
      assert.deepEqual(o.lines.map((l) => [l.sku, l.quantity, l.unit_price_minor]),
                       inv.rows.map((x) => [x.sku, x.quantity, minorOf(x.price)]), `${inv.ref} lines`);
      const total = inv.rows.reduce((s, x) => s + x.quantity * minorOf(x.price), 0);
      assert.equal(o.total_minor, total, `${inv.ref} total`);
      assert.equal(o.merchandise_minor, total);
      const c = expectStatus(await viewer.client.get(`/api/v1/contacts/${o.contact_id}`), 200);
      assert.equal(c.email, first.email);
    }
    for (const inv of expected.bad) assert.deepEqual(await byRef(inv.ref), [], `${inv.ref} is not created`);
  });

  test('products made from the rows: name from Description, price from the row, GBP', async () => {
    const products = new Map((await listAll(viewer.client, '/api/v1/products?archived=all'))
      .filter((p) => p.currency === 'GBP').map((p) => [p.sku.toLowerCase(), p]));
    const rowsBySku = new Map();
    for (const x of expected.good.flatMap((inv) => inv.rows)) {
      if (!rowsBySku.has(x.sku.toLowerCase())) rowsBySku.set(x.sku.toLowerCase(), []);
      rowsBySku.get(x.sku.toLowerCase()).push(x);
    }
    assert.equal(rowsBySku.size, expected.counts.products_created);
    for (const [sku, rows] of rowsBySku) {
      const p = products.get(sku);
      assert.ok(p, `a product for ${sku}`);
      assert.equal(p.name.trim(), rows[0].description.trim(), `${sku} name`);
      assert.equal(p.currency, 'GBP');
      assert.equal(p.active, true);
      const prices = new Set(rows.map((x) => minorOf(x.price)));
      assert.ok(prices.has(p.price_minor), `${sku} price ${p.price_minor} is one of its rows' ${[...prices]}`);
      if (prices.size === 1) assert.equal(p.price_minor, minorOf(rows[0].price), `${sku} price`);
    }
    for (const inv of expected.bad) {
      for (const x of inv.rows) {
        if (!rowsBySku.has(x.sku.toLowerCase())) assert.equal(products.get(x.sku.toLowerCase()), undefined,
                                                               `no product for ${x.sku}, only on a cancellation`);
      }
    }
  });

  test('the same file again: every order skipped, the same errors, nothing new', async () => {
    const counts = async () => Promise.all(['orders', 'products', 'contacts'].map((c) => countAll(h.admin, c)));
    const before = await counts();
    expectReport(await imp(csv, '?currency=GBP'), {
      orders_created: 0, lines_created: 0, products_created: 0, contacts_created: 0,
      skipped: expected.counts.orders_created, errors: expected.counts.errors,
    });
    assert.deepEqual(await counts(), before);
  });
});
