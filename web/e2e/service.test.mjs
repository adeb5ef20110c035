// Browser journeys through the service desk against a real `hearth serve` (see
// server.mjs): working a case from the queue to resolved (live countdowns, a public reply
// that records the first response, an internal note, pending/open/resolve/reopen with
// If-Match, a file, the sales-lead hand-off, the notification bell), a case opened from
// the contact page, the away setting, the SLA policy editor's live preview (Friday 16:30
// Oslo + 60 business minutes → Monday 09:30), the service dashboard (charts, CSV export,
// digests), and the customer-experience policy that each user must accept before using
// the app.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import { apiClient, apiLogin, create } from './api.mjs';
import { startJourneys } from './browser.mjs';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from './server.mjs';

/** @type {Awaited<ReturnType<typeof startJourneys>>} */
let journeys;
let page, api, base, expectUrl, heading, signIn;
const state = {};

const ALL_DAY = [['00:00', '24:00']];
const OFFICE = [['09:00', '17:00']];
const HOUR = 3600 * 1000;

function week(hours, weekend = []) {
  return { mon: hours, tue: hours, wed: hours, thu: hours, fri: hours, sat: weekend, sun: weekend };
}

function nav() {
  return page.getByRole('navigation', { name: 'Main' });
}

function queue() {
  return page.getByRole('table', { name: 'Case queue' });
}

function queueRow(subject) {
  return queue().getByRole('row').filter({ hasText: subject });
}

function slaPanel() {
  return page.getByRole('region', { name: 'Service level' });
}

function conversation() {
  return page.getByRole('list', { name: 'Conversation' });
}

function history() {
  return page.getByRole('list', { name: 'Case history' });
}

async function getCase(id) {
  const r = await api('GET', `/api/v1/cases/${encodeURIComponent(id)}`);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body;
}

/** Clicks a status action on the case page and waits until the case has `status`. */
async function setStatus(button, status, id) {
  await page.getByRole('button', { name: button, exact: true }).click();
  await page.getByRole('group', { name: 'Case state' }).getByText(status, { exact: true }).waitFor();
  assert.equal((await getCase(id)).status, status.toLowerCase());
}

async function signInAs(email, password) {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByLabel('Password').press('Enter');
}

async function signOut() {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expectUrl(/^\/sign-in/);
}

describe('service desk journeys', { timeout: 300_000 }, () => {
  before(async () => {
    journeys = await startJourneys();
    ({ page, api, base, expectUrl, heading, signIn } = journeys);
    state.me = (await api('GET', '/api/v1/me')).body;
    state.sara = await create(api, '/api/v1/users', { email: 'sara@example.com', name: 'Sara Lind', role: 'agent', password: 'sara-password-1' });
    state.kari = await create(api, '/api/v1/contacts', {
      first_name: 'Kari',
      last_name: 'Nordmann',
      email: 'kari@example.com',
      kind: 'customer',
      owner_id: state.me.id,
    });
    state.ola = await create(api, '/api/v1/contacts', { first_name: 'Ola', last_name: 'Hansen', email: 'ola@example.com', kind: 'customer' });
    // Around the clock, so the clocks run now whatever the day.
    state.policy = await create(api, '/api/v1/sla-policies', {
      name: 'Standard',
      priority: 'normal',
      first_response_minutes: 60,
      resolution_minutes: 480,
      business_hours: { tz: 'Europe/Oslo', week: week(ALL_DAY, ALL_DAY) },
      holidays: [],
    });
    state.lamp = await create(api, '/api/v1/cases', { contact_id: state.kari.id, subject: 'Lamp arrived broken', kind: 'complaint' });
    state.late = await create(api, '/api/v1/cases', {
      contact_id: state.ola.id,
      subject: 'Invoice is wrong',
      opened_at: new Date(Date.now() - 3 * HOUR).toISOString(),
      owner_id: state.me.id,
    });

    await page.goto(`${base}/cases`);
    await expectUrl(/^\/sign-in/);
    await signIn();
    await heading('Cases');
  });

  after(async () => {
    await journeys?.stop();
  });

  test('the queue: tabs, live countdowns, overdue in red, badges and owner', async () => {
    await nav().getByRole('link', { name: 'Cases' }).waitFor();
    const tabs = page.getByRole('tablist', { name: 'Case queue' });
    assert.equal(await tabs.getByRole('tab', { name: 'Mine' }).getAttribute('aria-selected'), 'true');

    const lamp = queueRow('Lamp arrived broken');
    await lamp.waitFor();
    await lamp.getByText('Normal', { exact: true }).waitFor();
    await lamp.getByText('New', { exact: true }).waitFor();
    await lamp.getByText('SLA ok').waitFor();
    await lamp.getByRole('link', { name: 'Kari Nordmann' }).waitFor();
    await lamp.getByText('admin', { exact: true }).waitFor();

    // Nearest due first: the late case is first.
    const first = await queue().locator('tbody tr').first().textContent();
    assert.match(first, /Invoice is wrong/);
    const late = queueRow('Invoice is wrong');
    const overdue = late.locator('.due-overdue');
    await overdue.waitFor();
    assert.match(await overdue.textContent(), /^Overdue \dh \d\dm$/);
    const color = await overdue.evaluate((el) => getComputedStyle(el).color);
    assert.equal(color, 'rgb(153, 27, 27)', 'overdue is red');

    // The countdown moves on its own.
    const due = lamp.locator('time.due');
    const before = await due.textContent();
    assert.match(before, /^in \d+m \d\ds$/, 'a first response due within the hour');
    await page.waitForFunction(
      ([el, text]) => el.textContent !== text,
      [await due.elementHandle(), before],
      { timeout: 12_000 },
    );

    await tabs.getByRole('tab', { name: 'Breaching soon' }).click();
    await expectUrl(/^\/cases\?view=breaching$/);
    await queueRow('Invoice is wrong').waitFor();
    await queueRow('Lamp arrived broken').waitFor(); // due within 4 hours too
    await tabs.getByRole('tab', { name: 'Team' }).click();
    await page.getByText('The service team has no open cases.').waitFor();
    await tabs.getByRole('tab', { name: 'All' }).click();
    await queueRow('Invoice is wrong').waitFor();
  });

  test('works a case from the queue to resolved', async () => {
    await page.goto(`${base}/cases`);
    await queueRow('Lamp arrived broken').getByRole('link', { name: /Lamp arrived broken/ }).click();
    await heading(`#${state.lamp.number} Lamp arrived broken`);
    const id = state.lamp.id;

    // The clocks before any answer.
    await slaPanel().getByText('First response').waitFor();
    await slaPanel().locator('time.due').first().waitFor();
    assert.match(await slaPanel().textContent(), /SLA ok/);

    // A public reply is the first response; the case becomes open.
    const reply = page.getByRole('form', { name: 'Reply' });
    assert.equal(await reply.getByLabel('Reply to customer').isChecked(), true, 'a public reply by default');
    await reply.getByLabel('Message').fill('Sorry about that, **a new lamp** is on its way.');
    await reply.getByRole('button', { name: 'Send reply' }).click();
    const publicReply = conversation().getByRole('listitem').filter({ hasText: 'a new lamp' });
    await publicReply.waitFor();
    await publicReply.getByText('Public reply').waitFor();
    await publicReply.locator('strong', { hasText: 'a new lamp' }).waitFor();
    await slaPanel().getByText(/Responded/).waitFor();
    await page.getByRole('group', { name: 'Case state' }).getByText('Open', { exact: true }).waitFor();
    let c = await getCase(id);
    assert.ok(c.first_responded_at, 'the first response is recorded');
    assert.equal(c.status, 'open');
    assert.equal(await reply.getByLabel('Message').inputValue(), '', 'the box empties');

    // An internal note looks different and is not a reply.
    await reply.getByLabel('Internal note').check();
    await reply.getByLabel('Message').fill('Courier says the box was dropped.');
    await reply.getByRole('button', { name: 'Add note' }).click();
    const note = conversation().getByRole('listitem').filter({ hasText: 'Courier says' });
    await note.waitFor();
    await note.getByText('Internal note').waitFor();
    assert.match(await note.getAttribute('class'), /message-note/);
    assert.match(await publicReply.getAttribute('class'), /message-reply/);
    const messages = await api('GET', `/api/v1/cases/${encodeURIComponent(id)}/messages`);
    assert.deepEqual(messages.body.items.map((m) => m.public), [true, false]);

    // Pending pauses the clocks; Open starts them again.
    await setStatus('Pending', 'Pending', id);
    await slaPanel().getByText(/Clocks paused since/).waitFor();
    await slaPanel().getByText('Paused', { exact: true }).waitFor();
    await setStatus('Open', 'Open', id);
    await slaPanel().getByText(/Clocks paused since/).waitFor({ state: 'detached' });

    // Resolve, reopen, resolve.
    await setStatus('Resolve', 'Resolved', id);
    await slaPanel().getByText(/^Resolved/).first().waitFor();
    await setStatus('Reopen', 'Open', id);
    await setStatus('Resolve', 'Resolved', id);
    c = await getCase(id);
    assert.ok(c.resolved_at);
    await history().getByText('Reopened: resolved → open').waitFor();
    await history().getByText('Status: open → pending').waitFor();
    await history().getByText('Status: new → open').waitFor();
  });

  test('a status change over someone else’s change is refused and offers Reload', async () => {
    const id = state.late.id;
    await page.goto(`${base}/cases/${encodeURIComponent(id)}`);
    await heading(`#${state.late.number} Invoice is wrong`);
    // (A case logged after its due time is escalated at once, so its priority may have moved: change the subject.)
    const patched = await api('PATCH', `/api/v1/cases/${encodeURIComponent(id)}`, { subject: 'Invoice is wrong (VAT)' }, { 'Content-Type': 'application/merge-patch+json' });
    assert.equal(patched.status, 200, JSON.stringify(patched.body));
    await page.getByRole('button', { name: 'Pending', exact: true }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'changed by someone else' });
    await alert.waitFor();
    assert.equal((await getCase(id)).status, 'new', 'the stale change changed nothing');
    await alert.getByRole('button', { name: 'Reload' }).click();
    await alert.waitFor({ state: 'detached' });
    await heading(`#${state.late.number} Invoice is wrong (VAT)`);

    // Priority and owner change in place.
    await page.getByLabel('Priority').selectOption('urgent');
    await page.getByRole('group', { name: 'Case state' }).getByText('Urgent', { exact: true }).waitFor();
    await page.getByLabel('Owner').selectOption({ label: 'Sara Lind' });
    await history().getByText('Reassigned by admin').waitFor();
    await page.getByRole('region', { name: 'Details' }).getByText('Reassigned by admin').waitFor();
    const c = await getCase(id);
    assert.equal(c.priority, 'urgent');
    assert.equal(c.owner_id, state.sara.id);
  });

  test('attachments upload as raw files and download', async () => {
    const id = state.lamp.id;
    await page.goto(`${base}/cases/${encodeURIComponent(id)}`);
    await heading(/Lamp arrived broken/);
    const files = page.getByRole('region', { name: 'Attachments' });
    await files.getByText('No files yet.').waitFor();
    await files.getByLabel('Attach a file').setInputFiles({ name: 'delivery-note.txt', mimeType: 'text/plain', buffer: Buffer.from('Parcel 123, dropped.\n') });
    const link = files.getByRole('link', { name: 'delivery-note.txt' });
    await link.waitFor();
    const href = await link.getAttribute('href');
    const download = await page.evaluate(async (url) => {
      const r = await fetch(url);
      return { status: r.status, text: await r.text(), disposition: r.headers.get('Content-Disposition') };
    }, href);
    assert.equal(download.status, 200);
    assert.equal(download.text, 'Parcel 123, dropped.\n');
    assert.match(download.disposition, /attachment/);
    await history().getByText(/Attached delivery-note\.txt/).waitFor();

    // A file whose bytes are not what it claims is refused with the server's reason.
    await files.getByLabel('Attach a file').setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: Buffer.from('not a png') });
    await files.getByRole('alert').getByText(/Could not attach photo\.png/).waitFor();
    const list = await api('GET', `/api/v1/cases/${encodeURIComponent(id)}/attachments`);
    assert.deepEqual(list.body.items.map((a) => a.filename), ['delivery-note.txt']);
  });

  test('hands a sales lead to the owner; the bell shows it and leads to it', async () => {
    await page.goto(`${base}/cases/${encodeURIComponent(state.lamp.id)}`);
    await heading(/Lamp arrived broken/);
    await page.getByRole('button', { name: 'Hand sales lead to owner' }).click();
    await history().getByText(/Sales lead handed to admin/).waitFor();
    const tasks = await api('GET', `/api/v1/tasks?contact_id=${encodeURIComponent(state.kari.id)}`);
    const lead = tasks.body.items.find((t) => t.kind === 'sales_lead');
    assert.ok(lead, 'a sales_lead task');
    assert.equal(lead.assignee_id, state.me.id);

    // A colleague hands the owner (the signed-in admin) another lead from the same case:
    // that one reaches the bell (a lead one hands oneself does not).
    const colleague = await api('POST', '/api/v1/users',
                                { email: `colleague.${Date.now()}@example.com`, role: 'agent', password: 'colleague-pass-1' });
    assert.equal(colleague.status, 201);
    const asColleague = apiClient(base, await apiLogin(base, colleague.body.email, 'colleague-pass-1'));
    assert.equal((await asColleague('POST', `/api/v1/cases/${encodeURIComponent(state.lamp.id)}/sales-lead`, {})).status, 201);

    // The customer without an owner: the server's reason shows.
    await page.goto(`${base}/cases/${encodeURIComponent(state.late.id)}`);
    await heading(/Invoice is wrong/);
    await page.getByRole('button', { name: 'Hand sales lead to owner' }).click();
    await page.getByRole('alert').getByText(/no owner/).waitFor();

    // The bell: the unread count, the list, and a click that marks read and leads on.
    await page.reload();
    const bell = page.getByRole('button', { name: /^Notifications, \d+ unread$/ });
    await bell.waitFor();
    const unread = Number(/(\d+) unread/.exec(await bell.getAttribute('aria-label'))[1]);
    await bell.click();
    const panel = page.getByRole('dialog', { name: 'Notifications' });
    const item = panel.getByRole('button', { name: /Sales lead: Lamp arrived broken/ });
    await item.waitFor();
    await item.click();
    await expectUrl(/^\/tasks$/);
    await heading('My tasks');
    const after = unread - 1;
    await page.getByRole('button', { name: after ? `Notifications, ${after} unread` : 'Notifications', exact: true }).waitFor();
    // Marking read runs beside the navigation: give it a moment.
    let count = -1;
    for (let i = 0; i < 25 && count !== after; i++) {
      count = (await api('GET', '/api/v1/notifications?unread=true')).body.unread_count;
      if (count !== after) await new Promise((res) => setTimeout(res, 200));
    }
    assert.equal(count, after);
    if (after > 0) {
      await page.getByRole('button', { name: /^Notifications/ }).click();
      await panel.getByRole('button', { name: 'Mark all read' }).click();
      await page.getByRole('button', { name: 'Notifications', exact: true }).waitFor();
      await page.keyboard.press('Escape');
    }
  });

  test('the contact page lists the customer’s cases and opens a new one for them', async () => {
    await page.goto(`${base}/contacts/${encodeURIComponent(state.kari.id)}`);
    await heading('Kari Nordmann');
    const cases = page.getByRole('region', { name: 'Cases' });
    await cases.getByRole('link', { name: /Lamp arrived broken/ }).waitFor();
    await cases.getByRole('button', { name: 'New case' }).click();
    const dialog = page.getByRole('dialog', { name: 'New case' });
    await dialog.waitFor();
    assert.equal(await dialog.getByLabel('Customer').inputValue(), 'Kari Nordmann', 'the customer is filled in');
    await dialog.getByLabel('Subject').fill('Wants a second lamp');
    await dialog.getByLabel('Kind').selectOption('request');
    await dialog.getByLabel('Channel').selectOption('email');
    await dialog.getByLabel('Description').fill('Same model, in blue.');
    await dialog.getByRole('button', { name: 'Create case' }).click();
    await heading(/^#\d+ Wants a second lamp$/);
    await page.getByText('Same model, in blue.').waitFor();
    const list = await api('GET', `/api/v1/cases?contact_id=${encodeURIComponent(state.kari.id)}`);
    const made = list.body.items.find((c) => c.subject === 'Wants a second lamp');
    assert.equal(made.kind, 'request');
    assert.equal(made.channel, 'email');
    assert.equal(made.owner_id, state.me.id, 'routed to the customer’s owner');
  });

  test('"New case" from the queue needs a customer and a subject', async () => {
    await page.goto(`${base}/cases`);
    await page.getByRole('button', { name: 'New case' }).click();
    const dialog = page.getByRole('dialog', { name: 'New case' });
    await dialog.getByRole('button', { name: 'Create case' }).click();
    await page.waitForFunction(() => document.querySelectorAll('dialog [aria-invalid="true"]').length >= 2);
    await dialog.getByLabel('Customer').fill('Ola');
    await page.getByRole('option', { name: /Ola Hansen/ }).click();
    await dialog.getByLabel('Subject').fill('Called about a refund');
    await dialog.getByLabel('Priority').selectOption('high');
    await dialog.getByRole('button', { name: 'Create case' }).click();
    await heading(/^#\d+ Called about a refund$/);
  });

  test('sets and clears an away period from the user menu', async () => {
    await page.getByRole('button', { name: /^Account:/ }).click();
    await page.getByRole('menuitem', { name: 'Set away…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Away' });
    await dialog.getByLabel('Away until').fill('2030-01-10T08:00');
    await dialog.getByRole('button', { name: 'Save away period' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.locator('.sidebar-user').getByText(/^Away until/).waitFor();
    let me = (await api('GET', '/api/v1/me')).body;
    assert.ok(me.away_from);
    assert.equal(me.away_until, '2030-01-10T07:00:00.000Z', '08:00 in Oslo');

    await page.getByRole('button', { name: /^Account:/ }).click();
    await page.getByRole('menuitem', { name: 'Change away period…' }).click();
    await dialog.getByRole('button', { name: "I'm back" }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.locator('.sidebar-user-role', { hasText: /^admin$/ }).waitFor();
    me = (await api('GET', '/api/v1/me')).body;
    assert.equal(me.away_from, null);
  });

  test('SLA policy editor: weekday hours, holidays and the live preview (Friday 16:30 Oslo → Monday 09:30)', async () => {
    await nav().getByRole('link', { name: 'SLA policies' }).click();
    await heading('SLA policies');
    await page.getByRole('table', { name: 'SLA policies' }).getByRole('link', { name: 'Standard' }).waitFor();
    await page.getByRole('link', { name: 'New policy' }).click();
    await heading('New SLA policy');
    const form = page.getByRole('form', { name: 'Create policy' });
    await form.getByLabel('Name').fill('Urgent desk');
    await form.getByLabel('Priority').selectOption('urgent');
    await form.getByLabel('First response within (minutes)').fill('60');
    await form.getByLabel('Resolution within (minutes)').fill('480');
    await form.getByLabel('Time zone').fill('Europe/Oslo');
    assert.equal(await form.getByLabel('Monday opens').inputValue(), '09:00');
    assert.equal(await form.getByLabel('Friday closes').inputValue(), '17:00');
    await form.getByText('Closed').first().waitFor(); // the weekend

    const preview = page.getByRole('region', { name: /^Preview/ });
    const times = preview.locator('.sla-preview-times');
    await preview.getByLabel('Case opened at').fill('2026-11-20T16:30');
    const dueText = () => preview.locator('dt', { hasText: 'First response due' }).locator('xpath=following-sibling::dd');
    await page.waitForFunction(() => /Fri, 20 Nov 2026, 16:30/.test(document.querySelector('.sla-preview')?.textContent ?? ''));
    await dueText().getByText(/Mon, 23 Nov 2026, 09:30/).waitFor();
    assert.match(await times.textContent(), /Europe\/Oslo/);

    // A second interval on Friday, open till midnight: due the same evening.
    await form.getByRole('button', { name: 'Add hours on Friday' }).click();
    assert.equal(await form.getByLabel('Friday 2 opens').inputValue(), '17:00');
    assert.equal(await form.getByLabel('Friday 2 closes').inputValue(), '24:00');
    await dueText().getByText(/Fri, 20 Nov 2026, 17:30/).waitFor();
    await form.getByRole('button', { name: 'Remove Friday 2 hours' }).click();
    await dueText().getByText(/Mon, 23 Nov 2026, 09:30/).waitFor();

    // A holiday on Monday moves it to Tuesday.
    await form.getByLabel('Holiday date').fill('2026-11-23');
    await form.getByRole('button', { name: 'Add holiday' }).click();
    await dueText().getByText(/Tue, 24 Nov 2026, 09:30/).waitFor();

    // A broken interval: the preview says what to fix.
    await form.getByLabel('Monday opens').fill('18:00');
    await preview.getByText(/business_hours\.week\.mon\[0\]/).waitFor();
    await form.getByLabel('Monday opens').fill('09:00');
    await dueText().getByText(/Tue, 24 Nov 2026, 09:30/).waitFor();

    await form.getByRole('button', { name: 'Create policy' }).click();
    await heading('SLA policies');
    await page.getByRole('table', { name: 'SLA policies' }).getByRole('link', { name: 'Urgent desk' }).waitFor();
    const list = await api('GET', '/api/v1/sla-policies');
    const made = list.body.items.find((p) => p.name === 'Urgent desk');
    assert.equal(made.priority, 'urgent');
    assert.deepEqual(made.business_hours.week.mon, OFFICE);
    assert.deepEqual(made.business_hours.week.sat, []);
    assert.deepEqual(made.holidays, ['2026-11-23']);

    // A second policy for the same priority and kind: the conflict names the first.
    await page.getByRole('link', { name: 'New policy' }).click();
    await form.getByLabel('Name').fill('Another urgent');
    await form.getByLabel('Priority').selectOption('urgent');
    await form.getByRole('button', { name: 'Create policy' }).click();
    await page.getByRole('alert').getByText('Another active policy covers this priority and kind.').waitFor();
    await page.getByRole('alert').getByRole('link', { name: 'Open that policy' }).click();
    await heading('Urgent desk');
    assert.deepEqual(await page.getByLabel('Holiday dates').getByRole('listitem').count(), 1);
  });

  test('service dashboard: charts, period and bucket, CSV export and weekly digests', async () => {
    await nav().getByRole('link', { name: 'Service' }).click();
    await heading('Service');
    const volumes = page.getByRole('region', { name: 'Cases opened' });
    await volumes.locator('.recharts-wrapper').first().waitFor();
    await volumes.locator('.recharts-bar-rectangle').first().waitFor();
    await page.getByRole('region', { name: 'Open backlog by age' }).locator('.recharts-wrapper').first().waitFor();
    await page.getByRole('region', { name: 'SLA compliance' }).waitFor();
    await page.getByRole('region', { name: /Response times/ }).waitFor();
    const figures = page.locator('dl.figures');
    assert.match(await figures.textContent(), /Cases opened\s*\d+/);
    await page.getByRole('table', { name: 'Workload per agent' }).getByText('admin').waitFor();

    await page.getByLabel('Bucket').selectOption('day');
    await expectUrl(/bucket=day/);
    await volumes.locator('.recharts-wrapper').first().waitFor();

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
    assert.match(download.suggestedFilename(), /^service-report-.*\.csv$/);
    const csv = await readFile(await download.path(), 'utf8');
    assert.match(csv.split('\n')[0], /^section,period,dimension,key,value/);

    // A digest for last week, made now.
    const monday = new Date();
    monday.setUTCDate(monday.getUTCDate() - ((monday.getUTCDay() + 6) % 7));
    const asOf = monday.toISOString().slice(0, 10);
    const run = await api('POST', '/api/v1/jobs/run', { kind: 'service-digest', as_of: asOf });
    assert.ok(run.status < 300, JSON.stringify(run.body));
    for (let i = 0; i < 50; i++) {
      const r = await api('GET', '/api/v1/reports/digests');
      if (r.status === 200 && r.body.items.length > 0) break;
      await new Promise((res) => setTimeout(res, 200));
    }
    await page.reload();
    const digests = page.getByRole('list', { name: 'Weekly digests' });
    await digests.getByRole('link', { name: /^Week of/ }).first().click();
    await heading(/^Week of/);
    await page.getByRole('region', { name: 'Summary' }).waitFor();
    await page.getByRole('region', { name: 'Cases opened' }).waitFor();
  });

  test('agents do not see the service dashboard or settings', async () => {
    // (Runs before the policy journey, which signs in as Sara too.)
    await signOut();
    await signInAs('sara@example.com', 'sara-password-1');
    await heading('Contacts');
    await nav().getByRole('link', { name: 'Cases' }).waitFor();
    assert.equal(await nav().getByRole('link', { name: 'Service' }).count(), 0);
    assert.equal(await nav().getByRole('link', { name: 'SLA policies' }).count(), 0);
    await page.goto(`${base}/service`);
    await page.getByText('You do not have access to this page').waitFor();
    await signOut();
    await signInAs(ADMIN_EMAIL, ADMIN_PASSWORD);
    await heading('Contacts');
  });

  test('each user must accept the customer-experience policy before using the app', async () => {
    const published = await api('POST', '/api/v1/cx-policies', {
      title: 'How we serve our customers',
      body: 'We **answer every customer** within the promised time.\n\nOne owner per customer.',
    });
    assert.equal(published.status, 201, `POST /cx-policies: ${published.status} ${JSON.stringify(published.body)}`);
    state.cx = published.body;

    // Sara signs in: the policy stands in for the app until she accepts it.
    await signOut();
    await page.goto(`${base}/cases`);
    await signInAs('sara@example.com', 'sara-password-1');
    await heading('Read and accept the customer-experience policy');
    await page.getByRole('heading', { name: 'How we serve our customers' }).waitFor();
    await page.locator('.policy-card strong', { hasText: 'answer every customer' }).waitFor();
    await page.getByRole('table', { name: 'Service levels we promise' }).getByText('Standard').waitFor();
    assert.equal(await nav().count(), 0, 'no navigation behind the policy');
    await page.goto(`${base}/contacts`);
    await heading('Read and accept the customer-experience policy');

    await page.getByRole('button', { name: 'I have read and accept' }).click();
    await heading('Contacts');
    await page.reload();
    await heading('Contacts');
    assert.equal(await page.getByRole('button', { name: 'I have read and accept' }).count(), 0, 'not asked again');

    const acks = await api('GET', `/api/v1/cx-policies/${encodeURIComponent(state.cx.id)}/acknowledgements`);
    assert.equal(acks.status, 200, JSON.stringify(acks.body));
    assert.ok(acks.body.acknowledged.some((a) => a.user_id === state.sara.id));
    assert.ok(acks.body.pending.some((p) => p.user_id === state.me.id));

    // The admin is asked too; then sees who has read it and publishes a new version.
    await signOut();
    await signInAs(ADMIN_EMAIL, ADMIN_PASSWORD);
    await heading('Read and accept the customer-experience policy');
    await page.getByRole('button', { name: 'I have read and accept' }).click();
    await heading('Contacts');
    await nav().getByRole('link', { name: 'CX policy' }).click();
    await heading('Customer-experience policy');
    const ackRegion = page.getByRole('region', { name: 'Acknowledgements' });
    await ackRegion.getByText(/staff have acknowledged version 1/).waitFor();
    await ackRegion.getByRole('table', { name: 'Acknowledged', exact: true }).getByText('Sara Lind').waitFor();

    await page.getByRole('button', { name: 'Publish new version' }).click();
    const form = page.getByRole('form', { name: 'Publish new version' });
    await form.getByLabel('Title').fill('How we serve our customers (2027)');
    await form.getByLabel('Policy text').fill('Same promise, faster answers.');
    await form.getByRole('button', { name: 'Publish version 2' }).click();
    // Publishing asks the publisher to accept the new version as well.
    await heading('Read and accept the customer-experience policy');
    await page.getByRole('heading', { name: 'How we serve our customers (2027)' }).waitFor();
    await page.getByRole('button', { name: 'I have read and accept' }).click();
    await heading('Customer-experience policy');
  });
});
