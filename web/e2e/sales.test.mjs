// Browser journeys through purchases, the sales pipeline and the analytics against a real
// `hearth serve` (see server.mjs). The data is seeded through the API: a small catalogue
// and two years of back-dated orders for a dozen customers (Kari buys coffee every month
// and has let it lapse; six others buy coffee with filters; three more buy now and then;
// Dag bought three times long ago and stopped; Ida bought once), so the models have
// something to stand on.
// Journeys: a product made in the catalogue and an order for a customer (live total,
// status change with If-Match) seen on the customer's value panel and timeline; a CSV
// import with a dry run, a bad row and a second run that skips; an opportunity moved
// across the sales board to won (losing another asks why) and the forecast; an
// opportunity raised from a case; the analytics pages (RFM grid and a segment's
// customers, CLV charts, the due list → follow-up tasks, affinity); the customer value
// panel's health, offer-next ("due again" for what a customer already buys) and "Move to
// dissolution" (with the health reasons in the phase history); what an agent sees; and
// an agent's "Due purchases" work list (only their own customers, a follow-up task once;
// a manager starts on their own and may show all owners).
//
// Parts of the server may not be there yet while it is being built: a journey whose
// endpoint answers 404 is skipped with that reason (and says so in the test output).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { create } from './api.mjs';
import { startJourneys } from './browser.mjs';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from './server.mjs';

/** @type {Awaited<ReturnType<typeof startJourneys>>} */
let journeys;
let page, api, base, expectUrl, heading, signIn;
const state = { customers: {}, products: {} };
/** Which parts of the API the server answers (see `probe`). */
const has = {};

const DAY = 24 * 3600 * 1000;

/** An RFC 3339 time `days` ago (at 10:00 UTC that day, so same-day orders stay one purchase). */
function daysAgo(days) {
  const d = new Date(Date.now() - days * DAY);
  d.setUTCHours(10, 0, 0, 0);
  if (d.getTime() > Date.now()) d.setTime(Date.now() - 60_000);
  return d.toISOString();
}

/** YYYY-MM-DD `days` ago (UTC). */
function dateAgo(days) {
  return daysAgo(days).slice(0, 10);
}

/** "Nov 2026" as the app writes this month (en-GB, as the browser runs). */
function thisMonthLabel() {
  return new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric' }).format(new Date());
}

/** "NOK 1,047.00" as the app writes it (en-GB), with plain spaces. */
const nok = (minor) => new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'NOK' }).format(minor / 100).replace(/\s/g, ' ');

/** An element's text with plain spaces (Intl puts a no-break space after the currency code). */
async function text(locator) {
  return (await locator.textContent()).replace(/\s/g, ' ');
}

function nav() {
  return page.getByRole('navigation', { name: 'Main' });
}

async function ok(r, what) {
  assert.ok(r.status >= 200 && r.status < 300, `${what}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

/** True when the server has the route behind `path` (a 404 from a collection or settings GET means it has not). */
async function probe(path) {
  const r = await api('GET', path);
  return r.status !== 404 && r.status !== 405;
}

/** Skips the test `t` unless every named part of the API is there. Returns whether it may run. */
function needs(t, ...parts) {
  const missing = parts.filter((p) => !has[p]);
  if (missing.length) {
    const why = `the server does not answer ${missing.map((m) => PROBES[m]).join(', ')} yet`;
    console.log(`# skipped "${t.name}": ${why}`);
    t.skip(why);
    return false;
  }
  return true;
}

const PROBES = {
  products: '/api/v1/products',
  orders: '/api/v1/orders',
  pipeline: '/api/v1/settings/pipeline',
  opportunities: '/api/v1/opportunities',
  forecast: '/api/v1/opportunities/forecast',
  analytics: '/api/v1/analytics/rfm',
};

/**
 * Recomputes the analyses now (as a manager's Recompute does), so a journey does not
 * meet an answer computed before the orders the earlier journeys made.
 */
async function refreshAnalytics() {
  await ok(await api('GET', '/api/v1/analytics/rfm?refresh=true'), 'recompute the analyses');
}

async function order(contact, days, lines, extra = {}) {
  const body = {
    contact_id: contact.id,
    currency: 'NOK',
    ordered_at: daysAgo(days),
    status: 'delivered',
    lines: lines.map(([sku, quantity = 1]) => ({ product_id: state.products[sku].id, quantity })),
    ...extra,
  };
  return create(api, '/api/v1/orders', body);
}

async function seed() {
  state.me = (await api('GET', '/api/v1/me')).body;
  state.sara = await create(api, '/api/v1/users', { email: 'sara@example.com', name: 'Sara Lind', role: 'agent', password: 'sara-password-1' });
  const people = [
    ['kari', 'Kari', 'Nordmann', state.me.id],
    ['anne', 'Anne', 'Berg', state.me.id],
    ['bjorn', 'Bjørn', 'Dahl', state.me.id],
    ['eva', 'Eva', 'Lie', state.sara.id],
    ['finn', 'Finn', 'Moe', state.sara.id],
    ['gro', 'Gro', 'Nes', state.me.id],
    ['hans', 'Hans', 'Ruud', state.sara.id],
    ['dag', 'Dag', 'Drift', state.me.id],
    ['ida', 'Ida', 'Ny', state.me.id],
    ['jon', 'Jon', 'Vik', state.sara.id],
    ['liv', 'Liv', 'Aas', state.me.id],
    ['mia', 'Mia', 'Holm', state.me.id],
    ['per', 'Per', 'Olsen', state.me.id],
  ];
  for (const [key, first, last, owner] of people) {
    state.customers[key] = await create(api, '/api/v1/contacts', {
      first_name: first,
      last_name: last,
      email: `${key}@example.com`,
      kind: 'customer',
      phase: 'commitment',
      owner_id: owner,
    });
  }
  if (!has.products || !has.orders) return;

  for (const [sku, name, price, isService] of [
    ['COF-1', 'Coffee beans', 14900, false],
    ['FLT-1', 'Coffee filters', 3900, false],
    ['MUG-1', 'Mug', 9900, false],
    ['SHIP', 'Shipping', 5900, true],
  ]) {
    state.products[sku] = await create(api, '/api/v1/products', { sku, name, price_minor: price, currency: 'NOK', is_service: isService });
  }

  const c = state.customers;
  // Kari: coffee every 30 days for two years, a mug now and then, never filters; the
  // last purchase 75 days ago, so she is overdue (2.5 × her interval, not yet drifting).
  for (let d = 735; d >= 75; d -= 30) await order(c.kari, d, d % 150 === 15 ? [['COF-1'], ['MUG-1'], ['SHIP']] : [['COF-1'], ['SHIP']]);
  // Six customers buy coffee with filters, at different rhythms and recencies.
  const rhythm = { anne: [40, 5], bjorn: [45, 12], eva: [60, 30], finn: [70, 150], gro: [50, 20], hans: [90, 300] };
  for (const [key, [every, last]] of Object.entries(rhythm)) {
    for (let d = 700; d >= last; d -= every) await order(c[key], d, [['COF-1', 2], ['FLT-1', 1]]);
  }
  // Three more regulars, so at least ten customers repeat within the calibration period
  // of the model's holdout check: Liv buys only mugs.
  for (let d = 690; d >= 15; d -= 55) await order(c.jon, d, [['COF-1'], ['MUG-1']]);
  for (let d = 680; d >= 60; d -= 65) await order(c.liv, d, [['MUG-1']]);
  for (let d = 700; d >= 100; d -= 80) await order(c.mia, d, [['COF-1', 3]]);
  // Dag bought three times, a month apart, over a year and a half ago, and stopped.
  for (const d of [620, 590, 560]) await order(c.dag, d, [['COF-1'], ['MUG-1']]);
  // Ida bought once, last week.
  await order(c.ida, 7, [['MUG-1', 2]]);
}

describe('purchases, pipeline and analytics journeys', { timeout: 420_000 }, () => {
  before(async () => {
    journeys = await startJourneys();
    ({ page, api, base, expectUrl, heading, signIn } = journeys);
    for (const [part, path] of Object.entries(PROBES)) has[part] = await probe(path);
    console.log(`# server answers: ${Object.entries(has).map(([k, v]) => `${k} ${v ? 'yes' : 'NO'}`).join(', ')}`);
    await seed();

    await page.goto(`${base}/contacts`);
    await expectUrl(/^\/sign-in/);
    await signIn();
    await heading('Contacts');
  });

  after(async () => {
    await journeys?.stop();
  });

  test('the sales navigation', async () => {
    for (const name of ['Sales board', 'Forecast', 'Orders', 'Due purchases', 'Products', 'Analytics']) {
      await nav().getByRole('link', { name, exact: true }).waitFor();
    }
  });

  test('creates a product, then an order for a customer; both show on the customer page', async (t) => {
    if (!needs(t, 'products', 'orders')) return;
    const per = state.customers.per;

    // The catalogue: a new product, found again by search.
    await nav().getByRole('link', { name: 'Products', exact: true }).click();
    await heading('Products');
    await page.getByRole('table', { name: 'Products' }).getByRole('link', { name: 'Coffee beans' }).waitFor();
    await page.getByRole('link', { name: 'New product' }).click();
    await heading('New product');
    const form = page.getByRole('form', { name: 'Create product' });
    await form.getByLabel('SKU').fill('LAMP-1');
    await form.getByLabel('Name').fill('Reading lamp');
    await form.getByLabel('Price').fill('49,9x');
    await form.getByRole('button', { name: 'Create product' }).click();
    await form.getByText('Price is not an amount').waitFor();
    await form.getByLabel('Price').fill('499.00');
    await form.getByLabel('Currency').selectOption('NOK');
    await form.getByRole('button', { name: 'Create product' }).click();
    await heading('Products');
    await page.getByLabel('Search products').fill('lamp');
    const row = page.getByRole('table', { name: 'Products' }).getByRole('row').filter({ hasText: 'Reading lamp' });
    await row.getByText('NOK 499.00').waitFor();
    await row.getByText('Active').waitFor();
    await expectUrl(/^\/products\?q=lamp$/);
    const lamp = (await api('GET', '/api/v1/products?q=LAMP-1')).body.items[0];
    assert.equal(lamp.price_minor, 49900);

    // A second product with the same SKU: the conflict says so.
    await page.getByRole('link', { name: 'New product' }).click();
    await form.getByLabel('SKU').fill('lamp-1');
    await form.getByLabel('Name').fill('Another lamp');
    await form.getByLabel('Price').fill('10');
    await form.getByRole('button', { name: 'Create product' }).click();
    await form.getByRole('link', { name: 'Open the product with this SKU' }).waitFor();

    // A customer without purchases: the value panel says so.
    await page.goto(`${base}/contacts/${encodeURIComponent(per.id)}`);
    await heading('Per Olsen');
    if (has.analytics) await page.getByRole('region', { name: 'Value' }).getByText('No purchases yet').waitFor();
    const orders = page.getByRole('region', { name: 'Orders' });
    await orders.getByText('No orders yet').waitFor();

    // New order from the contact page: the customer is filled in; the total follows the lines.
    await orders.getByRole('link', { name: 'New order' }).click();
    await heading('New order');
    const orderForm = page.getByRole('form', { name: 'Create order' });
    assert.equal(await orderForm.getByLabel('Customer').inputValue(), 'Per Olsen');
    await orderForm.getByLabel('Product 1').fill('Reading');
    await page.getByRole('option', { name: /Reading lamp/ }).click();
    assert.equal(await orderForm.getByLabel('Unit price 1').inputValue(), '499.00');
    await orderForm.getByLabel('Quantity 1').fill('2');
    const total = page.getByTestId('order-total');
    await page.waitForFunction(() => document.querySelector('[data-testid="order-total"]')?.textContent.replace(/\s/g, ' ') === 'NOK 998.00');
    await orderForm.getByRole('button', { name: 'Add line' }).click();
    await orderForm.getByLabel('Product 2').fill('Ship');
    await page.getByRole('option', { name: /Shipping/ }).click();
    await orderForm.getByLabel('Unit price 2').fill('0');
    assert.equal(await text(total), 'NOK 998.00');
    await orderForm.getByLabel('Unit price 2').fill('59');
    assert.equal(await text(total), nok(99800 + 5900));
    await orderForm.getByRole('button', { name: 'Create order' }).click();
    await heading(/^Order #\d+$/);
    const lines = page.getByRole('table', { name: 'Order lines' });
    await lines.getByRole('row').filter({ hasText: 'Reading lamp' }).getByText('NOK 998.00').waitFor();
    await lines.getByText('Merchandise (without service lines)').waitFor();
    await lines.getByRole('row', { name: /^Total/ }).getByText(nok(105700)).waitFor();
    const made = (await api('GET', `/api/v1/orders?contact_id=${encodeURIComponent(per.id)}`)).body.items[0];
    assert.equal(made.total_minor, 105700);
    assert.equal(made.merchandise_minor, 99800);
    assert.equal(made.channel, 'staff');

    // Status: paid in place; then a change over someone else's is refused and offers Reload.
    await page.getByLabel('Status').selectOption('paid');
    await page.getByRole('group', { name: 'Order state' }).getByText('Paid', { exact: true }).waitFor();
    const behind = await api('PATCH', `/api/v1/orders/${encodeURIComponent(made.id)}`, { note: 'Gift wrap' }, { 'Content-Type': 'application/merge-patch+json' });
    await ok(behind, 'PATCH order behind the page');
    await page.getByLabel('Status').selectOption('shipped');
    const stale = page.getByRole('alert').filter({ hasText: 'changed by someone else' });
    await stale.waitFor();
    assert.equal((await api('GET', `/api/v1/orders/${encodeURIComponent(made.id)}`)).body.status, 'paid');
    await stale.getByRole('button', { name: 'Reload' }).click();
    await page.getByRole('region', { name: 'Note' }).getByText('Gift wrap').waitFor();
    await page.getByLabel('Status').selectOption('shipped');
    await page.getByRole('group', { name: 'Order state' }).getByText('Shipped', { exact: true }).waitFor();

    // The customer page: the order in Orders and on the timeline, and (with analytics) in Value.
    await page.getByRole('link', { name: 'Per Olsen' }).first().click();
    await heading('Per Olsen');
    await page.getByRole('region', { name: 'Orders' }).getByRole('link', { name: `Order #${made.number}` }).waitFor();
    await page.getByRole('list', { name: 'Timeline' }).getByText(new RegExp(`Order #${made.number} · 3 items`)).waitFor();
    if (has.analytics) {
      const value = page.getByRole('region', { name: 'Value' });
      // The analysis may stand on the data before this order until it is recomputed.
      await value.getByText(/^As of /).waitFor();
      if (await value.getByText('No purchases yet').count()) await value.getByRole('button', { name: 'Recompute' }).click();
      const figures = value.getByRole('definition').filter({ hasText: nok(99800) });
      await figures.first().waitFor();
      await value.locator('dl.figures').getByText('1', { exact: true }).first().waitFor();
    }
  });

  test('imports a CSV of orders: a dry run, the report with a bad row, and a second run that skips', async (t) => {
    if (!needs(t, 'orders')) return;
    await page.goto(`${base}/orders`);
    await heading('Orders');
    await page.getByRole('link', { name: 'Import CSV' }).click();
    await heading('Import orders');
    const csv = [
      'Order,Date,Email,SKU,Description,Quantity,Unit price,Currency',
      `WEB-1001,${dateAgo(40)},ida@example.com,COF-1,,2,149.00,NOK`,
      `WEB-1001,${dateAgo(40)},ida@example.com,FLT-1,,1,39.00,NOK`,
      `WEB-1002,${dateAgo(20)},new.buyer@example.com,TEA-9,Green tea,3,59.50,NOK`,
      `WEB-1003,${dateAgo(10)},ida@example.com,COF-1,,0,149.00,NOK`,
      '',
    ].join('\r\n');
    const form = page.getByRole('form', { name: 'Import orders' });
    const file = { name: 'shop-orders.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) };
    await form.getByLabel('CSV file').setInputFiles(file);
    await form.getByLabel(/Dry run/).check();
    await form.getByRole('button', { name: 'Check file' }).click();

    const figures = async () =>
      page.locator('dl[aria-label="Import figures"] .figure').evaluateAll((els) =>
        Object.fromEntries(els.map((e) => [e.querySelector('dt').textContent, Number(e.querySelector('dd').textContent)])),
      );
    await page.getByRole('heading', { name: 'Dry run: nothing was written' }).waitFor();
    let f = await figures();
    assert.equal(f['Would create: orders'], 2, JSON.stringify(f));
    assert.equal(f['Would create: lines'], 3);
    assert.equal(f['Would create: products'], 1);
    assert.equal(f['Would create: customers'], 1);
    assert.equal(f['Rows with errors'], 1);
    const errors = page.getByRole('table', { name: 'Import errors' });
    await errors.getByText(/quantity/i).first().waitFor();
    assert.equal((await api('GET', '/api/v1/orders?external_ref=WEB-1001')).body.items.length, 0, 'a dry run writes nothing');

    await form.getByLabel(/Dry run/).uncheck();
    await form.getByRole('button', { name: 'Import' }).click();
    await page.getByRole('heading', { name: 'Import report' }).waitFor();
    f = await figures();
    assert.equal(f['Created: orders'], 2, JSON.stringify(f));
    assert.equal(f['Created: products'], 1);
    assert.equal(f['Skipped (already imported)'], 0);
    const imported = (await api('GET', '/api/v1/orders?external_ref=WEB-1001')).body.items;
    assert.equal(imported.length, 1);
    assert.equal(imported[0].channel, 'import');
    assert.equal(imported[0].total_minor, 2 * 14900 + 3900);

    // The same file again: nothing new, the two orders skipped.
    await form.getByRole('button', { name: 'Import' }).click();
    await page.waitForFunction(() => /Skipped \(already imported\)\s*2/.test(document.querySelector('dl[aria-label="Import figures"]')?.textContent ?? ''));
    f = await figures();
    assert.equal(f['Created: orders'], 0);
    assert.equal(f['Skipped (already imported)'], 2);

    // The list filters by channel.
    await page.getByRole('link', { name: 'Orders' }).first().click();
    await heading('Orders');
    await page.getByLabel('Channel').selectOption('import');
    await expectUrl(/channel=import/);
    const table = page.getByRole('table', { name: 'Orders' });
    await table.getByRole('link', { name: 'new.buyer@example.com' }).waitFor();
    // Only the two imported orders, once the filtered list has replaced the full one.
    await page.waitForFunction(() => document.querySelectorAll('table[aria-label="Orders"] tbody tr').length === 2);
    await table.getByRole('link', { name: 'Ida Ny' }).waitFor();
  });

  test('moves an opportunity across the sales board to won; losing another asks why; the forecast shows it', async (t) => {
    if (!needs(t, 'pipeline', 'opportunities', 'forecast')) return;
    const kari = state.customers.kari;
    const thisMonth = new Date().toISOString().slice(0, 8) + '28';
    const deal = await create(api, '/api/v1/opportunities', {
      title: 'Office coffee contract',
      contact_id: kari.id,
      amount_minor: 12_000_000,
      currency: 'NOK',
      expected_close: thisMonth,
    });
    const doomed = await create(api, '/api/v1/opportunities', { title: 'Espresso machine', contact_id: kari.id, amount_minor: 2_500_000, currency: 'NOK' });

    await nav().getByRole('link', { name: 'Sales board', exact: true }).click();
    await heading('Sales board');
    const column = (name) => page.getByRole('region', { name: new RegExp(`^${name}`, 'i') });
    const cards = (name) => page.getByRole('list', { name: `${name} opportunities` });
    await cards('Qualification').getByRole('link', { name: 'Office coffee contract' }).waitFor();
    await column('Qualification').getByText('NOK 120,000.00').first().waitFor();
    for (const name of ['Needs analysis', 'Proposal', 'Negotiation', 'Won', 'Lost']) await column(name).waitFor();

    // Along the stages with the "Move to…" menu (what keyboards and phones use).
    await page.getByLabel('Move Office coffee contract to…').selectOption('proposal');
    await cards('Proposal').getByRole('link', { name: 'Office coffee contract' }).waitFor();
    assert.equal((await api('GET', `/api/v1/opportunities/${deal.id}`)).body.stage, 'proposal');

    // Drag and drop to Negotiation.
    await cards('Proposal').locator('li', { hasText: 'Office coffee contract' }).dragTo(column('Negotiation'));
    await cards('Negotiation').getByRole('link', { name: 'Office coffee contract' }).waitFor();

    await page.getByLabel('Move Office coffee contract to…').selectOption('won');
    await cards('Won').getByRole('link', { name: 'Office coffee contract' }).waitFor();
    const won = (await api('GET', `/api/v1/opportunities/${deal.id}`)).body;
    assert.equal(won.status, 'won');
    assert.ok(won.closed_at);

    // Losing asks why; without a reason nothing moves.
    await page.getByLabel('Move Espresso machine to…').selectOption('lost');
    const dialog = page.getByRole('dialog', { name: /as lost/ });
    await dialog.getByRole('button', { name: 'Mark as lost' }).click();
    await dialog.getByText(/is required/).waitFor();
    await dialog.getByLabel('Why was it lost?').fill('Chose a cheaper machine');
    await dialog.getByRole('button', { name: 'Mark as lost' }).click();
    await cards('Lost').getByRole('link', { name: 'Espresso machine' }).waitFor();
    await cards('Lost').getByText('Lost: Chose a cheaper machine').waitFor();
    const lost = (await api('GET', `/api/v1/opportunities/${doomed.id}`)).body;
    assert.equal(lost.lost_reason, 'Chose a cheaper machine');

    // A move over someone else's change is refused and offers Reload.
    const fresh = await create(api, '/api/v1/opportunities', { title: 'Grinder upgrade', contact_id: kari.id, amount_minor: 300_000, currency: 'NOK' });
    await page.reload();
    await cards('Qualification').getByRole('link', { name: 'Grinder upgrade' }).waitFor();
    await ok(await api('PATCH', `/api/v1/opportunities/${fresh.id}`, { note: 'Call first' }, { 'Content-Type': 'application/merge-patch+json' }), 'PATCH behind the board');
    await page.getByLabel('Move Grinder upgrade to…').selectOption('proposal');
    const stale = page.getByRole('alert').filter({ hasText: 'changed by someone else' });
    // The board keeps its cards while it reloads: wait for the new ones before moving again.
    const reloaded = page.waitForResponse((r) => /\/api\/v1\/opportunities\?.*stage=qualification/.test(r.url()));
    await stale.getByRole('button', { name: 'Reload' }).click();
    await stale.waitFor({ state: 'detached' });
    await reloaded;
    await page.waitForFunction(() => !document.querySelector('.board .spinner'));
    await page.getByLabel('Move Grinder upgrade to…').selectOption('proposal');
    await cards('Proposal').getByRole('link', { name: 'Grinder upgrade' }).waitFor();

    // The forecast: won this month, a chart and a table.
    await nav().getByRole('link', { name: 'Forecast', exact: true }).click();
    await heading('Forecast');
    const chart = page.getByRole('region', { name: 'Pipeline, weighted and won by month' });
    await chart.locator('.recharts-wrapper').first().waitFor();
    const month = page.getByRole('table', { name: 'Forecast by month' }).getByRole('row', { name: new RegExp(`^${thisMonthLabel()}`) });
    await month.getByText('NOK 120,000.00').waitFor();
    const f = (await api('GET', '/api/v1/opportunities/forecast')).body;
    assert.equal(f.months[0].won_minor, 12_000_000);
    // Sara owns none of it.
    await page.getByLabel('Owner').selectOption({ label: 'Sara Lind' });
    await expectUrl(/owner_id=/);
    await page.getByRole('table', { name: 'Forecast by month' }).getByRole('row', { name: new RegExp(`^${thisMonthLabel()}`) }).waitFor();
    assert.equal(await page.getByRole('table', { name: 'Forecast by month' }).getByText('NOK 120,000.00').count(), 0);
  });

  test('raises an opportunity from a case; the case lists it', async (t) => {
    if (!needs(t, 'opportunities')) return;
    const kase = await create(api, '/api/v1/cases', { contact_id: state.customers.anne.id, subject: 'Wants coffee for the whole office', kind: 'request' });
    await page.goto(`${base}/cases/${encodeURIComponent(kase.id)}`);
    await heading(/Wants coffee for the whole office/);
    const card = page.getByRole('region', { name: 'Opportunities' });
    await card.getByText('No opportunity was raised from this case.').waitFor();
    await card.getByRole('button', { name: 'Create opportunity' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create opportunity from this case' });
    assert.equal(await dialog.getByLabel('Title').inputValue(), 'Wants coffee for the whole office');
    await dialog.getByLabel('Amount').fill('45000');
    await dialog.getByRole('button', { name: 'Create opportunity' }).click();
    await card.getByRole('list', { name: 'Opportunities from this case' }).getByRole('link', { name: 'Wants coffee for the whole office' }).click();
    await heading('Wants coffee for the whole office');
    await page.getByRole('link', { name: 'Open the case' }).waitFor();
    const list = (await api('GET', `/api/v1/opportunities?source_case_id=${encodeURIComponent(kase.id)}`)).body.items;
    assert.equal(list.length, 1);
    assert.equal(list[0].contact_id, state.customers.anne.id);
    assert.equal(list[0].amount_minor, 4_500_000);
  });

  test('analytics: the RFM grid and a segment’s customers, CLV charts, the due list → follow-up tasks, affinity', async (t) => {
    if (!needs(t, 'orders', 'analytics')) return;
    await refreshAnalytics();
    await nav().getByRole('link', { name: 'Analytics', exact: true }).click();
    await heading('Analytics');
    const tabs = page.getByRole('tablist', { name: 'Analyses' });

    // RFM: the 5×5 grid counts every scored customer.
    const grid = page.getByRole('table', { name: 'RFM grid' });
    await grid.waitFor();
    const cells = await grid.locator('td').allTextContents();
    assert.equal(cells.length, 25);
    const rfm = (await api('GET', '/api/v1/analytics/rfm')).body;
    const title = await page.getByRole('heading', { name: /^Recency × frequency/ }).textContent();
    const shown = Number(/\((\d+) customers\)/.exec(title)[1]);
    assert.equal(cells.reduce((n, x) => n + Number(x), 0), shown, 'the grid counts every scored customer');
    assert.equal(shown, rfm.customers);
    assert.ok(rfm.customers >= 9, `customers with orders are scored: ${rfm.customers}`);
    // A cell says how many customers and their average value (cells have no segment: segments come from R and FM).
    const busiest = rfm.grid.reduce((a, c) => (c.customers > a.customers ? c : a));
    assert.equal(
      (await grid.locator(`td[data-r="${busiest.r}"][data-f="${busiest.f}"]`).getAttribute('title')).replace(/\s/g, ' '),
      `${busiest.customers} customers, average value ${nok(busiest.average_monetary_minor)}`,
    );
    await page.getByText(/^As of /).first().waitFor();
    // A segment with customers leads to them.
    const segments = page.getByRole('table', { name: 'RFM segments' });
    const some = rfm.segments.find((s) => s.customers > 0);
    const link = segments.locator(`a[href$="segment=${some.segment}"]`);
    const segName = await link.textContent();
    await link.click();
    await expectUrl(new RegExp(`segment=${some.segment}$`));
    const members = page.getByRole('table', { name: `${segName} customers` });
    await members.getByRole('link').first().waitFor();
    await page.getByRole('region', { name: 'Movement between segments' }).waitFor();
    const computedBefore = rfm.computed_at;
    await page.getByRole('button', { name: 'Recompute' }).click();
    await page.waitForFunction(() => !document.querySelector('button[aria-busy="true"]'));
    const after = (await api('GET', '/api/v1/analytics/rfm')).body;
    assert.ok(after.computed_at >= computedBefore);

    // CLV: the distribution, the holdout check, the model and the top customers.
    await tabs.getByRole('tab', { name: 'CLV' }).click();
    await expectUrl(/tab=clv/);
    await page.getByRole('region', { name: 'CLV distribution' }).locator('.recharts-wrapper').first().waitFor();
    const holdout = page.getByRole('region', { name: 'Predicted vs actual purchases (holdout)' });
    await holdout.waitFor();
    const clv = (await api('GET', '/api/v1/analytics/clv')).body;
    assert.ok(clv.diagnostics?.by_frequency?.length > 0, `a holdout check: ${JSON.stringify(clv.diagnostics)}`);
    await holdout.locator('.recharts-wrapper').first().waitFor();
    await holdout.locator('.recharts-line').first().waitFor();
    assert.match(await holdout.textContent(), new RegExp(`a holdout of ${clv.diagnostics.holdout_weeks} weeks`));
    const model = page.getByRole('region', { name: 'Model parameters' });
    await model.getByText(/BG\/NBD/).waitFor();
    await model.getByText(`${clv.settings.horizon_weeks} weeks · 10% annual discount rate · 100% margin`).waitFor();
    const top = page.getByRole('table', { name: 'Top customers by lifetime value' });
    await top.getByRole('link', { name: clv.items[0].name }).waitFor();

    // Due now: Kari is overdue; a follow-up task for her owner, once.
    await tabs.getByRole('tab', { name: 'Due now' }).click();
    const due = page.getByRole('table', { name: 'Customers due to buy again' });
    const kariRow = due.getByRole('row').filter({ hasText: 'Kari Nordmann' });
    await kariRow.getByText('Overdue').waitFor();
    const dueAnswer = (await api('GET', '/api/v1/analytics/due')).body;
    const kariDue = dueAnswer.items.find((x) => x.contact_id === state.customers.kari.id);
    assert.ok(kariDue, `Kari is due: ${JSON.stringify(dueAnswer.items.map((x) => x.name))}`);
    assert.equal(await kariRow.locator('td[data-label="Purchase days"]').textContent(), String(kariDue.purchase_days));
    await page.getByText(`${dueAnswer.total} customers are due or overdue.`).waitFor();
    await page.getByLabel('Owner').selectOption({ label: 'Sara Lind' });
    await kariRow.waitFor({ state: 'detached' });
    await page.getByLabel('Owner').selectOption({ label: 'All owners' });
    await page.getByLabel('Select Kari Nordmann').check();
    await page.getByRole('button', { name: 'Create follow-up tasks (1)' }).click();
    await page.getByRole('status').filter({ hasText: 'Created 1 follow-up task' }).waitFor();
    const tasks = (await api('GET', `/api/v1/tasks?contact_id=${encodeURIComponent(state.customers.kari.id)}`)).body.items;
    const task = tasks.find((x) => /Purchase due/.test(x.title));
    assert.ok(task, `a purchase-due task: ${JSON.stringify(tasks.map((x) => x.title))}`);
    assert.equal(task.kind, 'call');
    assert.equal(task.assignee_id, state.me.id);
    await page.getByLabel('Select Kari Nordmann').check();
    await page.getByRole('button', { name: 'Create follow-up tasks (1)' }).click();
    await page.getByRole('status').filter({ hasText: /Created 0 follow-up tasks; skipped 1/ }).waitFor();

    // Affinity: who buys coffee also buys filters.
    await tabs.getByRole('tab', { name: 'Affinity' }).click();
    const rules = page.getByRole('table', { name: 'Product affinity' });
    const rule = rules.getByRole('row').filter({ hasText: 'Coffee beans (COF-1)' }).filter({ hasText: 'Coffee filters (FLT-1)' });
    await rule.first().waitFor();
    const affinity = (await api('GET', '/api/v1/analytics/affinity?limit=100')).body;
    await page.getByText(new RegExp(`^From ${affinity.baskets} baskets: ${affinity.rules_total} rules?[.,]`)).waitFor();
  });

  test('the customer value panel: rhythm, RFM, CLV, health with reasons and offer-next; drifting → dissolution', async (t) => {
    if (!needs(t, 'orders', 'analytics')) return;
    await refreshAnalytics();
    const kari = state.customers.kari;
    await page.goto(`${base}/contacts/${encodeURIComponent(kari.id)}`);
    await heading('Kari Nordmann');
    const value = page.getByRole('region', { name: 'Value' });
    await value.getByText(/^As of /).waitFor();
    await value.getByRole('term').filter({ hasText: 'Total spent' }).waitFor();
    const rhythm = page.getByRole('region', { name: 'Purchase rhythm' });
    await rhythm.getByText(/^Every 30 days$/).waitFor();
    await rhythm.getByText('Overdue', { exact: true }).waitFor();
    await rhythm.getByText(/\(R \d · F \d · M \d\)/).waitFor();
    await rhythm.getByText(/^\d+%$/).waitFor();
    await rhythm.getByText(/^NOK\s[\d,]+\.\d\d$/).waitFor();

    const health = page.getByRole('region', { name: 'Health' });
    const score = Number(await health.locator('meter[aria-label="Health score"]').getAttribute('value'));
    assert.ok(score >= 0 && score <= 100, `score ${score}`);
    await health.getByRole('list', { name: 'Why this score' }).getByText(/usually every 30 days/).waitFor();

    const offer = page.getByRole('region', { name: 'Offer next' });
    const filters = offer.getByRole('list', { name: 'Products to offer next' }).getByRole('listitem').filter({ hasText: 'Coffee filters' });
    await filters.getByText(/Because they bought COF-1/).waitFor();
    assert.equal(await filters.getByText('due again').count(), 0, 'Kari never bought filters: not "due again"');
    const kariValue = (await api('GET', `/api/v1/analytics/customers/${kari.id}`)).body;
    const coffee = kariValue.products.find((p) => p.sku === 'COF-1');
    assert.ok(coffee.days_overdue > 0, `Kari is overdue for coffee: ${JSON.stringify(coffee)}`);
    const bought = page.getByRole('table', { name: 'Products bought' }).getByRole('row').filter({ hasText: 'Coffee beans (COF-1)' });
    await bought.getByText(`${coffee.days_overdue} days overdue`).waitFor();
    await page.getByRole('region', { name: 'Orders' }).getByRole('link', { name: /^Order #/ }).first().waitFor();
    if (has.opportunities) await page.getByRole('region', { name: 'Opportunities' }).getByRole('link', { name: 'Office coffee contract' }).waitFor();

    // Finn buys coffee with filters every 70 days and last bought 210 days ago: what he is
    // offered he already buys, so it is marked "due again", not offered as new.
    const finn = state.customers.finn;
    const finnValue = (await api('GET', `/api/v1/analytics/customers/${finn.id}`)).body;
    const again = finnValue.recommendations.filter((r) => r.due_again);
    assert.ok(again.length > 0, `Finn is due again for something he buys: ${JSON.stringify(finnValue.recommendations)}`);
    await page.goto(`${base}/contacts/${encodeURIComponent(finn.id)}`);
    await heading('Finn Moe');
    const finnOffer = page.getByRole('list', { name: 'Products to offer next' });
    for (const r of finnValue.recommendations) {
      const item = finnOffer.getByRole('listitem').filter({ hasText: `${r.name} ${r.sku}` });
      await item.waitFor();
      assert.equal(await item.getByText('due again', { exact: true }).count(), r.due_again ? 1 : 0, `${r.sku} due again: ${r.due_again}`);
    }

    // Dag stopped buying long ago: drifting, with a button that moves him to dissolution;
    // the phase history keeps why (the health reasons).
    const dag = state.customers.dag;
    await page.goto(`${base}/contacts/${encodeURIComponent(dag.id)}`);
    await heading('Dag Drift');
    const dagHealth = page.getByRole('region', { name: 'Health' });
    const drifting = dagHealth.getByRole('alert').filter({ hasText: 'This relationship is drifting.' });
    await drifting.waitFor();
    const dagValue = (await api('GET', `/api/v1/analytics/customers/${dag.id}`)).body;
    assert.ok(dagValue.health.reasons.length > 0, `Dag's health has reasons: ${JSON.stringify(dagValue.health)}`);
    const why = `Drifting: ${dagValue.health.reasons.map((r) => r.detail.replace(/; /g, ', ').replace(/^./, (c) => c.toLowerCase())).join('; ')}`;
    await drifting.getByRole('button', { name: 'Move to dissolution' }).click();
    await page.getByRole('region', { name: 'Relationship' }).getByText('Dissolution', { exact: true }).waitFor();
    assert.equal((await api('GET', `/api/v1/contacts/${dag.id}`)).body.phase, 'dissolution');
    const history = (await api('GET', `/api/v1/contacts/${dag.id}/phases`)).body.history;
    const last = history[history.length - 1];
    assert.deepEqual({ from: last.from, to: last.to, reason: last.reason }, { from: 'commitment', to: 'dissolution', reason: why });
    await page.getByRole('list', { name: 'Timeline' }).getByText(/dissolution/i).first().waitFor();
    await drifting.waitFor({ state: 'detached' });
  });

  test('an agent sees orders, products read-only and the board, not analytics', async (t) => {
    if (!needs(t, 'products')) return;
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expectUrl(/^\/sign-in/);
    await page.getByLabel('Email').fill('sara@example.com');
    await page.getByLabel('Password').fill('sara-password-1');
    await page.getByLabel('Password').press('Enter');
    await heading('Contacts');
    await nav().getByRole('link', { name: 'Orders', exact: true }).waitFor();
    assert.equal(await nav().getByRole('link', { name: 'Analytics', exact: true }).count(), 0);
    await page.goto(`${base}/analytics`);
    await page.getByText('You do not have access to this page').waitFor();

    await page.goto(`${base}/products`);
    await heading('Products');
    assert.equal(await page.getByRole('link', { name: 'New product' }).count(), 0, 'agents do not add products');
    await page.getByRole('table', { name: 'Products' }).getByRole('link', { name: 'Coffee beans' }).click();
    await heading('Coffee beans');
    await page.getByText('Only managers and administrators change products.').waitFor();
    assert.equal(await page.getByRole('button', { name: 'Save product' }).isDisabled(), true);

    if (has.analytics) {
      // An agent still sees a customer's value.
      await page.goto(`${base}/contacts/${encodeURIComponent(state.customers.kari.id)}`);
      await page.getByRole('region', { name: 'Health' }).waitFor();
      assert.equal(await page.getByRole('region', { name: 'Value' }).getByRole('button', { name: 'Recompute' }).count(), 0);
    }

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expectUrl(/^\/sign-in/);
    await page.getByLabel('Email').fill(ADMIN_EMAIL);
    await page.getByLabel('Password').fill(ADMIN_PASSWORD);
    await page.getByLabel('Password').press('Enter');
    await heading('Contacts');
  });

  test('an agent’s due purchases: only their own customers, a follow-up task once; a manager may show all owners', async (t) => {
    if (!needs(t, 'orders', 'analytics')) return;
    await refreshAnalytics();
    const { sara } = state;
    const { finn, kari } = state.customers;
    // What the server counts as Sara's work list: Finn (every 70 days, last 150 days ago) is
    // overdue; Kari is overdue too, but she is the admin's.
    const saras = (await api('GET', `/api/v1/analytics/due?owner_id=${encodeURIComponent(sara.id)}`)).body.items;
    assert.ok(saras.some((x) => x.contact_id === finn.id), `Finn is due: ${JSON.stringify(saras.map((x) => x.name))}`);
    assert.ok(saras.every((x) => x.owner_id === sara.id));
    const everyone = (await api('GET', '/api/v1/analytics/due')).body.items;
    assert.ok(everyone.some((x) => x.contact_id === kari.id && x.owner_id !== sara.id), 'someone else’s customer is due too');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expectUrl(/^\/sign-in/);
    await page.getByLabel('Email').fill('sara@example.com');
    await page.getByLabel('Password').fill('sara-password-1');
    await page.getByLabel('Password').press('Enter');
    await heading('Contacts');
    await nav().getByRole('link', { name: 'Due purchases', exact: true }).click();
    await heading('Due purchases');
    await expectUrl(/^\/due$/);

    // Only her own customers, with no owner to pick.
    const due = page.getByRole('table', { name: 'Customers due to buy again' });
    const finnRow = due.getByRole('row').filter({ hasText: 'Finn Moe' });
    await finnRow.getByText('Overdue').waitFor();
    assert.equal(await due.getByRole('row').count(), saras.length + 1, 'her due customers and the header row');
    assert.equal(await due.getByRole('row').filter({ hasText: 'Kari Nordmann' }).count(), 0);
    assert.equal(await page.getByLabel('Owner').count(), 0, 'agents see their own list');
    await page.getByText(`${saras.length} ${saras.length === 1 ? 'customer' : 'customers'}`, { exact: true }).waitFor();

    // A follow-up call for Finn, hers; asked again, it is skipped.
    await page.getByLabel('Select Finn Moe').check();
    await page.getByRole('button', { name: 'Create follow-up tasks (1)' }).click();
    await page.getByRole('status').filter({ hasText: 'Created 1 follow-up task' }).waitFor();
    const tasks = (await api('GET', `/api/v1/tasks?contact_id=${encodeURIComponent(finn.id)}`)).body.items.filter((x) => /Purchase due/.test(x.title));
    assert.equal(tasks.length, 1, `one purchase-due task: ${JSON.stringify(tasks.map((x) => x.title))}`);
    assert.equal(tasks[0].kind, 'call');
    assert.equal(tasks[0].assignee_id, sara.id);
    await page.getByLabel('Select Finn Moe').check();
    await page.getByRole('button', { name: 'Create follow-up tasks (1)' }).click();
    await page.getByRole('status').filter({ hasText: /Created 0 follow-up tasks; skipped 1/ }).waitFor();
    const again = (await api('GET', `/api/v1/tasks?contact_id=${encodeURIComponent(finn.id)}`)).body.items.filter((x) => /Purchase due/.test(x.title));
    assert.equal(again.length, 1, 'no second task');

    // The row leads to the customer.
    await finnRow.getByRole('link', { name: 'Finn Moe' }).click();
    await heading('Finn Moe');
    await expectUrl(new RegExp(`^/contacts/${finn.id}$`));

    // A manager starts on their own customers and may show every owner's.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expectUrl(/^\/sign-in/);
    await page.getByLabel('Email').fill(ADMIN_EMAIL);
    await page.getByLabel('Password').fill(ADMIN_PASSWORD);
    await page.getByLabel('Password').press('Enter');
    await heading('Contacts');
    await nav().getByRole('link', { name: 'Due purchases', exact: true }).click();
    await heading('Due purchases');
    await due.getByRole('row').filter({ hasText: 'Kari Nordmann' }).waitFor();
    assert.equal(await finnRow.count(), 0, 'the manager’s own list first');
    await page.getByLabel('Owner').selectOption({ label: 'All owners' });
    await expectUrl(/^\/due\?owner=all$/);
    await finnRow.getByRole('cell', { name: 'Sara Lind' }).waitFor();
  });
});
