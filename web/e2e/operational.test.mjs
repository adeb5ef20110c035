// Browser journeys through the operational CRM pages against a real `hearth serve` (see
// server.mjs): logging an interaction from the contact page (it shows on the timeline,
// notes rendered safely, with a follow-up task), the contact-pressure warning before
// submitting and after a 409, the timeline's kind filter and infinite scroll, owner and
// phase changes on the contact page, My tasks (done, done-and-log, new task, the
// contact-pressure warning when planning an outbound contact), the phase board (select
// fallback, drag and drop, an error), Needs attention with the managers' "Reassign
// customers", and the new pages at phone width.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { create } from './api.mjs';
import { startJourneys } from './browser.mjs';

/** @type {Awaited<ReturnType<typeof startJourneys>>} */
let journeys;
let page, api, base, expectUrl, heading, signIn;
const state = {};

const DAY = 24 * 3600 * 1000;

/** YYYY-MM-DD, `days` from now, in the browser's zone (Europe/Oslo). */
function osloDate(days) {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Oslo', year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(Date.now() + days * DAY),
  );
}

function contact(body) {
  return create(api, '/api/v1/contacts', body);
}

async function gotoContact(c, name) {
  await page.goto(`${base}/contacts/${encodeURIComponent(c.id)}`);
  await heading(name);
}

function logForm() {
  return page.getByRole('form', { name: 'Log interaction' });
}

function timeline() {
  return page.getByRole('list', { name: 'Timeline' });
}

function pressureAlert() {
  return page.getByRole('alert').filter({ hasText: 'contact pressure' });
}

/**
 * Allows `maxOutbound` outbound contacts per 7 days, opens Per Presset's page and chooses
 * outbound in the log form, which shows no warning yet (`why`). Returns the form.
 */
async function startOutboundToPer(maxOutbound, why) {
  const put = await api('PUT', '/api/v1/settings/contact-pressure', { max_outbound: maxOutbound, window_days: 7 });
  assert.equal(put.status, 200, JSON.stringify(put.body));
  await gotoContact(state.per, 'Per Presset');
  const form = logForm();
  await form.getByLabel('Direction').selectOption('outbound');
  await page.waitForLoadState('networkidle');
  assert.equal(await pressureAlert().count(), 0, why);
  return form;
}

describe('operational CRM journeys', { timeout: 240_000 }, () => {
  before(async () => {
    journeys = await startJourneys();
    ({ page, api, base, expectUrl, heading, signIn } = journeys);
    state.me = (await api('GET', '/api/v1/me')).body;

    for (const [key, name, role] of [
      ['sara', 'Sara Lind', 'agent'],
      ['jonas', 'Jonas Berg', 'agent'],
    ]) {
      state[key] = await create(api, '/api/v1/users', { email: `${key}@example.com`, name, role, password: `${key}-password-1` });
    }

    state.kari = await contact({ first_name: 'Kari', last_name: 'Nordmann', email: 'kari@example.com', kind: 'customer', phase: 'expansion', owner_id: state.me.id });
    state.per = await contact({ first_name: 'Per', last_name: 'Presset', email: 'per@example.com', kind: 'customer', phase: 'commitment', owner_id: state.me.id });
    state.ola = await contact({ first_name: 'Ola', last_name: 'Hansen', email: 'ola@example.com', kind: 'prospect', phase: 'awareness', owner_id: state.me.id });
    state.lars = await contact({ first_name: 'Lars', last_name: 'Bakken', email: 'lars@example.com', kind: 'prospect', phase: 'exploration' });
    state.gone = await contact({ first_name: 'Gunnar', last_name: 'Borte', email: 'gunnar@example.com', kind: 'customer', phase: 'exploration' });
    state.nora = await contact({ first_name: 'Nora', last_name: 'Negativ', email: 'nora@example.com', kind: 'customer', phase: 'commitment', owner_id: state.sara.id });
    state.siri = await contact({ first_name: 'Siri', last_name: 'Lind', email: 'siri@example.com', kind: 'customer', phase: 'expansion', owner_id: state.sara.id });

    await page.goto(`${base}/contacts`);
    await expectUrl(/^\/sign-in/);
    await signIn();
    await heading('Contacts');
  });

  after(async () => {
    await journeys?.stop();
  });

  test('the shell links My tasks, Phase board and Needs attention', async () => {
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'My tasks' }).click();
    await heading('My tasks');
    await expectUrl(/^\/tasks$/);
    await nav.getByRole('link', { name: 'Phase board' }).click();
    await heading('Phase board');
    await expectUrl(/^\/phases$/);
    await nav.getByRole('link', { name: 'Needs attention' }).click();
    await heading('Needs attention');
    await expectUrl(/^\/attention$/);
  });

  test('logs an interaction from the contact page: it shows on the timeline with its notes and follow-up', async () => {
    await gotoContact(state.kari, 'Kari Nordmann');
    await page.getByText('Nothing on the timeline yet').waitFor();
    const form = logForm();
    await form.getByLabel('Channel').selectOption('meeting');
    await form.getByLabel('Direction').selectOption('inbound');
    await form.getByLabel('Sentiment').selectOption('1');
    await form.getByLabel('Subject').fill('Renewal meeting');
    await form.getByLabel('Notes').fill('**Renewal** looks likely.\n\n<script>window.pwned = 1</script>');
    await form.getByLabel('Outcome').fill('answered');
    await form.getByLabel('Follow-up task').fill('Send the renewal offer');
    await form.getByLabel('Due date').fill(osloDate(3));
    await form.getByRole('button', { name: 'Log interaction' }).click();

    const entry = timeline().getByRole('listitem').filter({ hasText: 'Inbound meeting: Renewal meeting' });
    await entry.waitFor();
    await entry.locator('.timeline-notes strong', { hasText: 'Renewal' }).waitFor();
    await entry.getByText('<script>window.pwned = 1</script>').waitFor();
    assert.equal(await entry.locator('.timeline-notes script').count(), 0, 'no script element from the notes');
    assert.equal(await page.evaluate(() => window.pwned), undefined);
    await entry.getByText('Sentiment +1').waitFor();
    await timeline().getByText('Task (call): Send the renewal offer').waitFor();

    // The form starts over.
    assert.equal(await form.getByLabel('Subject').inputValue(), '');
    assert.equal(await form.getByLabel('Follow-up task').inputValue(), '');

    const list = await api('GET', `/api/v1/interactions?contact_id=${encodeURIComponent(state.kari.id)}`);
    assert.equal(list.body.items.length, 1);
    const logged = list.body.items[0];
    assert.equal(logged.channel, 'meeting');
    assert.equal(logged.direction, 'inbound');
    assert.equal(logged.sentiment, 1);
    assert.equal(logged.outcome, 'answered');
    assert.equal(logged.user_id, state.me.id);
    assert.ok(Math.abs(Date.parse(logged.occurred_at) - Date.now()) < 5 * 60_000, 'occurred_at defaults to now');
    const tasks = await api('GET', `/api/v1/tasks?contact_id=${encodeURIComponent(state.kari.id)}`);
    assert.equal(tasks.body.items.length, 1);
    assert.equal(tasks.body.items[0].title, 'Send the renewal offer');
    assert.equal(tasks.body.items[0].assignee_id, state.me.id);
    assert.ok(tasks.body.items[0].due_at, 'the follow-up has a due time');
  });

  test('the timeline filters by kind with chips', async () => {
    const chips = page.getByRole('group', { name: 'Show on the timeline' });
    await chips.getByRole('button', { name: 'Tasks' }).click();
    assert.equal(await chips.getByRole('button', { name: 'Tasks' }).getAttribute('aria-pressed'), 'true');
    await timeline().getByText('Inbound meeting: Renewal meeting').waitFor({ state: 'detached' });
    await timeline().getByText('Task (call): Send the renewal offer').waitFor();
    await chips.getByRole('button', { name: 'Owner changes' }).click();
    await timeline().getByText('Task (call): Send the renewal offer').waitFor();
    await chips.getByRole('button', { name: 'Tasks' }).click();
    await page.getByText('Nothing of this kind yet').waitFor();
    await chips.getByRole('button', { name: 'All' }).click();
    await timeline().getByText('Inbound meeting: Renewal meeting').waitFor();
  });

  test('reassigns the owner (If-Match) and moves the phase with a reason from the contact page', async () => {
    await gotoContact(state.kari, 'Kari Nordmann');
    await page.getByRole('button', { name: 'Reassign' }).click();
    const dialog = page.getByRole('dialog', { name: 'Reassign Kari Nordmann' });
    await dialog.waitFor();
    await dialog.getByLabel('New owner').selectOption({ label: 'Sara Lind' });
    await dialog.getByRole('button', { name: 'Save owner' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('region', { name: 'Relationship' }).getByText('Sara Lind').waitFor();
    await timeline().getByText(/^Owner: .* → Sara Lind$/).waitFor();
    let r = await api('GET', `/api/v1/contacts/${encodeURIComponent(state.kari.id)}`);
    assert.equal(r.body.owner_id, state.sara.id);

    // Someone else changes the contact: the stale reassign is refused and says so.
    const patched = await api('PATCH', `/api/v1/contacts/${encodeURIComponent(state.kari.id)}`, { job_title: 'CFO' }, { 'Content-Type': 'application/merge-patch+json' });
    assert.equal(patched.status, 200, JSON.stringify(patched.body));
    await page.getByRole('button', { name: 'Reassign' }).click();
    await dialog.getByLabel('New owner').selectOption({ label: 'Jonas Berg' });
    await dialog.getByRole('button', { name: 'Save owner' }).click();
    await dialog.getByText('changed by someone else').waitFor();
    r = await api('GET', `/api/v1/contacts/${encodeURIComponent(state.kari.id)}`);
    assert.equal(r.body.owner_id, state.sara.id, 'the stale save changed nothing');
    await dialog.getByRole('button', { name: 'Reload' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('CFO').first().waitFor();

    await page.getByRole('button', { name: 'Move phase' }).click();
    const move = page.getByRole('dialog', { name: /^Move Kari Nordmann to/ });
    await move.waitFor();
    await move.getByLabel('New phase').selectOption('commitment');
    await move.getByLabel('Reason').fill('Signed a three-year deal');
    await move.getByRole('button', { name: 'Move' }).click();
    await move.waitFor({ state: 'hidden' });
    await page.getByRole('region', { name: 'Relationship' }).getByText('Commitment', { exact: true }).waitFor();
    await timeline().getByText('Phase: expansion → commitment (Signed a three-year deal)').waitFor();
    const phases = await api('GET', `/api/v1/contacts/${encodeURIComponent(state.kari.id)}/phases`);
    assert.equal(phases.body.current, 'commitment');
    assert.equal(phases.body.history.at(-1).reason, 'Signed a three-year deal');
  });

  test('warns about contact pressure before submitting, and needs an override reason', async () => {
    const form = await startOutboundToPer(1, 'no warning while a touch is left');
    await form.getByLabel('Subject').fill('First call');
    await form.getByRole('button', { name: 'Log interaction' }).click();
    await timeline().getByText('Outbound phone: First call').waitFor();

    // Choosing outbound again: the warning shows before anything is submitted.
    await form.getByLabel('Direction').selectOption('inbound');
    await form.getByLabel('Direction').selectOption('outbound');
    const warning = pressureAlert();
    await warning.waitFor();
    const text = await warning.textContent();
    assert.match(text, /1 outbound contact per 7 days/, 'names the limit and the window');
    assert.match(text, /next outbound contact is possible from/, 'names when the next touch is possible');
    const submit = form.getByRole('button', { name: 'Log interaction' });
    assert.equal(await submit.isDisabled(), true, 'submitting needs an override reason');
    await form.getByLabel('Subject').fill('Second call');
    assert.equal(await submit.isDisabled(), true);
    await form.getByLabel('Override reason').fill('The customer asked us to call back today');
    assert.equal(await submit.isDisabled(), false);

    // Inbound contacts do not count: the warning goes away.
    await form.getByLabel('Direction').selectOption('inbound');
    await warning.waitFor({ state: 'detached' });
    await form.getByLabel('Direction').selectOption('outbound');
    await warning.waitFor();
    await submit.click();
    const entry = timeline().getByRole('listitem').filter({ hasText: 'Outbound phone: Second call' });
    await entry.waitFor();
    await entry.getByText('The customer asked us to call back today').waitFor();

    const list = await api('GET', `/api/v1/interactions?contact_id=${encodeURIComponent(state.per.id)}&direction=outbound`);
    assert.equal(list.body.items.length, 2);
    const second = list.body.items.find((i) => i.subject === 'Second call');
    assert.equal(second.override_reason, 'The customer asked us to call back today');
  });

  test('a 409 contact-pressure answer shows the same warning', async () => {
    const form = await startOutboundToPer(3, 'one touch is left');

    // A colleague takes the last touch meanwhile.
    const other = await api('POST', '/api/v1/interactions', { contact_id: state.per.id, channel: 'email', direction: 'outbound', subject: 'Newsletter follow-up' });
    assert.equal(other.status, 201, JSON.stringify(other.body));

    await form.getByLabel('Subject').fill('Third call');
    await form.getByRole('button', { name: 'Log interaction' }).click();
    const warning = pressureAlert();
    await warning.waitFor();
    assert.match(await warning.textContent(), /3 outbound contacts per 7 days/);
    const submit = form.getByRole('button', { name: 'Log interaction' });
    assert.equal(await submit.isDisabled(), true);
    assert.equal(await form.getByLabel('Subject').inputValue(), 'Third call', 'what was typed stays');
    await form.getByLabel('Override reason').fill('Agreed on the phone');
    await submit.click();
    await timeline().getByText('Outbound phone: Third call').waitFor();
    const list = await api('GET', `/api/v1/interactions?contact_id=${encodeURIComponent(state.per.id)}&direction=outbound`);
    assert.equal(list.body.items.length, 4);
  });

  test('the timeline loads older entries as it scrolls', async () => {
    const start = Date.now() - 90 * DAY;
    for (let i = 0; i < 60; i++) {
      const r = await api('POST', '/api/v1/interactions', {
        contact_id: state.lars.id,
        channel: 'email',
        direction: 'inbound',
        subject: `Question ${String(i + 1).padStart(2, '0')}`,
        occurred_at: new Date(start + i * DAY).toISOString(),
      });
      assert.equal(r.status, 201, JSON.stringify(r.body));
    }
    await gotoContact(state.lars, 'Lars Bakken');
    const items = timeline().getByRole('listitem');
    await timeline().getByText('Inbound email: Question 60').waitFor();
    assert.equal(await items.count(), 25);
    await page.locator('.timeline-sentinel').scrollIntoViewIfNeeded();
    await page.waitForFunction(() => document.querySelectorAll('.timeline > li').length >= 50);
    await page.locator('.timeline-sentinel').scrollIntoViewIfNeeded();
    await timeline().getByText('Inbound email: Question 01').waitFor();
    assert.equal(await items.count(), 60);
    const subjects = await items.locator('.timeline-summary').allTextContents();
    assert.equal(new Set(subjects).size, 60, 'no entry shows twice');
    assert.equal(subjects[0], 'Inbound email: Question 60', 'newest first');
    assert.equal(await page.getByRole('button', { name: 'Load more' }).count(), 0);
  });

  test('My tasks: groups by due day, Done takes a task off, Done and log logs it, New task adds one', async () => {
    const mk = (body) => create(api, '/api/v1/tasks', body);
    state.overdue = await mk({ title: 'Call Per about the invoice', kind: 'call', due_at: new Date(Date.now() - 2 * DAY).toISOString(), contact_id: state.per.id });
    state.today = await mk({ title: 'Prepare the quarterly review', kind: 'meeting', due_at: new Date().toISOString(), contact_id: state.ola.id });
    state.later = await mk({ title: 'Plan the summer party', kind: 'other', due_at: new Date(Date.now() + 6 * DAY).toISOString() });
    await mk({ title: 'Sara’s own task', assignee_id: state.sara.id });

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My tasks' }).click();
    await heading('My tasks');
    const overdue = page.getByRole('region', { name: /^Overdue/ });
    const today = page.getByRole('region', { name: /^Today/ });
    const upcoming = page.getByRole('region', { name: /^Upcoming/ });
    await overdue.getByText('Call Per about the invoice').waitFor();
    await today.getByText('Prepare the quarterly review').waitFor();
    await upcoming.getByText('Plan the summer party').waitFor();
    await upcoming.getByText('Send the renewal offer').waitFor();
    assert.equal(await page.getByText('Sara’s own task').count(), 0, 'only my tasks');
    await overdue.getByRole('link', { name: 'Per Presset' }).waitFor();

    const row = overdue.getByRole('listitem').filter({ hasText: 'Call Per about the invoice' });
    await row.getByRole('button', { name: 'Done', exact: true }).click();
    await row.waitFor({ state: 'detached' });
    await overdue.getByText('Nothing overdue.').waitFor();
    let r = await api('GET', `/api/v1/tasks/${encodeURIComponent(state.overdue.id)}`);
    assert.equal(r.body.status, 'done');
    assert.ok(r.body.completed_at);

    const todayRow = today.getByRole('listitem').filter({ hasText: 'Prepare the quarterly review' });
    await todayRow.getByRole('button', { name: 'Done and log…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Done: Prepare the quarterly review' });
    await dialog.waitFor();
    assert.equal(await dialog.getByLabel('Channel').inputValue(), 'meeting', 'the channel follows the task kind');
    await dialog.getByLabel('Direction').selectOption('inbound');
    await dialog.getByLabel('Subject').fill('Quarterly review held');
    await dialog.getByLabel('Outcome').fill('answered');
    await dialog.getByRole('button', { name: 'Done and log' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await todayRow.waitFor({ state: 'detached' });
    r = await api('GET', `/api/v1/tasks/${encodeURIComponent(state.today.id)}`);
    assert.equal(r.body.status, 'done');
    assert.ok(r.body.interaction_id, 'the task points at its interaction');
    const logged = await api('GET', `/api/v1/interactions/${encodeURIComponent(r.body.interaction_id)}`);
    assert.equal(logged.body.task_id, state.today.id);
    assert.equal(logged.body.contact_id, state.ola.id);
    assert.equal(logged.body.subject, 'Quarterly review held');

    await page.getByRole('button', { name: 'New task' }).click();
    const form = page.getByRole('form', { name: 'Create task' });
    await form.getByLabel('Title').fill('Send Ola a welcome card');
    await form.getByLabel('Kind').selectOption('card');
    await form.getByLabel('Due date').fill(osloDate(2));
    await form.getByLabel('Contact').fill('Ola');
    await page.getByRole('option', { name: /Ola Hansen/ }).click();
    await form.getByRole('button', { name: 'Create task' }).click();
    await form.waitFor({ state: 'detached' });
    const created = upcoming.getByRole('listitem').filter({ hasText: 'Send Ola a welcome card' });
    await created.waitFor();
    await created.getByRole('link', { name: 'Ola Hansen' }).waitFor();
    const mine = await api('GET', '/api/v1/tasks?assignee_id=me&status=open');
    const made = mine.body.items.find((t) => t.title === 'Send Ola a welcome card');
    assert.equal(made.kind, 'card');
    assert.equal(made.contact_id, state.ola.id);

    // An empty title is refused next to the field.
    await page.getByRole('button', { name: 'New task' }).click();
    await form.getByRole('button', { name: 'Create task' }).click();
    await page.waitForFunction(() => document.querySelector('form[aria-label="Create task"] [aria-invalid="true"]'));
    await form.getByRole('button', { name: 'Cancel' }).click();
    await form.waitFor({ state: 'detached' });
  });

  test('New task warns when a planned outbound contact would go over the contact pressure limit, but still creates it', async () => {
    const put = await api('PUT', '/api/v1/settings/contact-pressure', { max_outbound: 1, window_days: 7 });
    assert.equal(put.status, 200, JSON.stringify(put.body));
    const tove = await contact({ first_name: 'Tove', last_name: 'Travel', email: 'tove@example.com', kind: 'customer', phase: 'commitment', owner_id: state.me.id });
    await create(api, '/api/v1/interactions', { contact_id: tove.id, channel: 'phone', direction: 'outbound', subject: 'Intro call' });

    await page.goto(`${base}/tasks`);
    await heading('My tasks');
    await page.getByRole('button', { name: 'New task' }).click();
    const form = page.getByRole('form', { name: 'Create task' });
    await form.getByLabel('Title').fill('Call Tove about the offer');
    await form.getByLabel('Kind').selectOption('note');
    await form.getByLabel('Contact').fill('Tove');
    await page.getByRole('option', { name: /Tove Travel/ }).click();
    await page.waitForLoadState('networkidle');
    const warning = form.getByRole('alert').filter({ hasText: 'contact pressure' });
    assert.equal(await warning.count(), 0, 'a note is no outbound contact');

    await form.getByLabel('Kind').selectOption('call');
    await warning.waitFor();
    const text = await warning.textContent();
    assert.match(text, /1 outbound contact per 7 days, so this planned contact would go over it/);
    assert.match(text, /next outbound contact is possible from/);
    assert.match(text, /You can still plan it; logging it will need an override reason/);
    const submit = form.getByRole('button', { name: 'Create task' });
    assert.equal(await submit.isDisabled(), false, 'the warning does not block planning');

    await form.getByLabel('Kind').selectOption('note');
    await warning.waitFor({ state: 'detached' });
    await form.getByLabel('Kind').selectOption('call');
    await warning.waitFor();

    // Due after the window: a touch is free then. Due tomorrow: it is not.
    await form.getByLabel('Due date').fill(osloDate(10));
    await warning.waitFor({ state: 'detached' });
    await form.getByLabel('Due date').fill(osloDate(1));
    await warning.waitFor();

    await submit.click();
    await form.waitFor({ state: 'detached' });
    await page.getByRole('region', { name: /^Upcoming/ }).getByText('Call Tove about the offer').waitFor();
    const tasks = await api('GET', `/api/v1/tasks?contact_id=${encodeURIComponent(tove.id)}`);
    assert.equal(tasks.body.items.length, 1);
    assert.equal(tasks.body.items[0].kind, 'call');
    assert.equal(tasks.body.items[0].title, 'Call Tove about the offer');
  });

  test('phase board: moves a card with the "Move to…" fallback, asking for the reason', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Phase board' }).click();
    await heading('Phase board');
    const awareness = page.getByRole('region', { name: 'Awareness' });
    const commitment = page.getByRole('region', { name: 'Commitment' });
    await awareness.getByRole('link', { name: 'Ola Hansen' }).waitFor();
    await commitment.getByRole('link', { name: 'Per Presset' }).waitFor();

    await page.getByLabel('Move Ola Hansen to…').selectOption('commitment');
    const dialog = page.getByRole('dialog', { name: 'Move Ola Hansen to Commitment?' });
    await dialog.waitFor();
    await dialog.getByLabel('Reason').fill('Signed the framework agreement');
    await dialog.getByRole('button', { name: 'Move' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await commitment.getByRole('link', { name: 'Ola Hansen' }).waitFor();
    assert.equal(await awareness.getByRole('link', { name: 'Ola Hansen' }).count(), 0);

    const phases = await api('GET', `/api/v1/contacts/${encodeURIComponent(state.ola.id)}/phases`);
    assert.equal(phases.status, 200, JSON.stringify(phases.body));
    assert.equal(phases.body.current, 'commitment');
    const last = phases.body.history.at(-1);
    assert.equal(last.from, 'awareness');
    assert.equal(last.to, 'commitment');
    assert.equal(last.reason, 'Signed the framework agreement');
    assert.equal(last.user_id, state.me.id);

    // Cancel leaves the card where it was.
    await page.getByLabel('Move Per Presset to…').selectOption('dissolution');
    await page.getByRole('dialog', { name: 'Move Per Presset to Dissolution?' }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
    await commitment.getByRole('link', { name: 'Per Presset' }).waitFor();
  });

  test('phase board: drag and drop a card to another column', async () => {
    await page.goto(`${base}/phases`);
    await heading('Phase board');
    const exploration = page.getByRole('region', { name: 'Exploration' });
    const expansion = page.getByRole('region', { name: 'Expansion' });
    const card = exploration.getByRole('listitem').filter({ has: page.getByRole('link', { name: 'Lars Bakken' }) });
    await card.waitFor();
    await card.dragTo(expansion);
    const dialog = page.getByRole('dialog', { name: 'Move Lars Bakken to Expansion?' });
    await dialog.waitFor();
    await dialog.getByLabel('Reason').fill('Asked for a bigger plan');
    await dialog.getByRole('button', { name: 'Move' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expansion.getByRole('link', { name: 'Lars Bakken' }).waitFor();
    const phases = await api('GET', `/api/v1/contacts/${encodeURIComponent(state.lars.id)}/phases`);
    assert.equal(phases.body.history.at(-1).to, 'expansion');
    assert.equal(phases.body.history.at(-1).reason, 'Asked for a bigger plan');
  });

  test('phase board: a failed move shows the error and leaves the card', async () => {
    await page.goto(`${base}/phases`);
    const exploration = page.getByRole('region', { name: 'Exploration' });
    await exploration.getByRole('link', { name: 'Gunnar Borte' }).waitFor();
    const archived = await api('DELETE', `/api/v1/contacts/${encodeURIComponent(state.gone.id)}`);
    assert.equal(archived.status, 204);
    await page.getByLabel('Move Gunnar Borte to…').selectOption('awareness');
    const dialog = page.getByRole('dialog', { name: 'Move Gunnar Borte to Awareness?' });
    await dialog.getByRole('button', { name: 'Move' }).click();
    await dialog.getByRole('alert').getByText('Could not move the contact.').waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await exploration.getByRole('link', { name: 'Gunnar Borte' }).waitFor();
    assert.equal(await page.getByRole('region', { name: 'Awareness' }).getByRole('link', { name: 'Gunnar Borte' }).count(), 0);
  });

  test('phase board: the "Mine" filter shows only my contacts', async () => {
    await page.goto(`${base}/phases`);
    await page.getByRole('region', { name: 'Expansion' }).getByRole('link', { name: 'Siri Lind' }).waitFor();
    await page.getByLabel('Owner').selectOption('mine');
    await expectUrl(/^\/phases\?owner=mine$/);
    await page.getByRole('link', { name: 'Siri Lind' }).waitFor({ state: 'detached' });
    await page.getByRole('region', { name: 'Commitment' }).getByRole('link', { name: 'Per Presset' }).waitFor();
  });

  test('Log interaction warns when its outbound follow-up task would go over the contact pressure limit', async () => {
    const put = await api('PUT', '/api/v1/settings/contact-pressure', { max_outbound: 2, window_days: 7 });
    assert.equal(put.status, 200, JSON.stringify(put.body));
    const finn = await contact({ first_name: 'Finn', last_name: 'Followup', email: 'finn@example.com', kind: 'customer', phase: 'commitment', owner_id: state.me.id });
    await create(api, '/api/v1/interactions', { contact_id: finn.id, channel: 'phone', direction: 'outbound', subject: 'Intro call' });

    await gotoContact(finn, 'Finn Followup');
    const form = logForm();
    await form.getByLabel('Direction').selectOption('outbound');
    await form.getByLabel('Subject').fill('Second call');
    await page.waitForLoadState('networkidle');
    assert.equal(await pressureAlert().count(), 0, 'one touch is left for the interaction itself');

    const followUp = form.getByRole('group', { name: 'Follow-up (optional)' });
    const warning = followUp.getByRole('alert').filter({ hasText: 'contact pressure' });
    await form.getByLabel('Follow-up task').fill('Call Finn back');
    await form.getByLabel('Task kind').selectOption('call');
    await form.getByLabel('Due date').fill(osloDate(1));
    // One touch is left, but the call being logged takes it.
    await warning.waitFor();
    assert.match(await warning.textContent(), /2 outbound contacts per 7 days, so this planned contact would go over it/);
    assert.equal(await form.getByRole('button', { name: 'Log interaction' }).isDisabled(), false, 'the warning does not block');

    // An inbound interaction does not take the touch.
    await form.getByLabel('Direction').selectOption('inbound');
    await warning.waitFor({ state: 'detached' });
    await form.getByLabel('Direction').selectOption('outbound');
    await warning.waitFor();

    // A note is no outbound contact.
    await form.getByLabel('Task kind').selectOption('note');
    await warning.waitFor({ state: 'detached' });
    assert.equal(await pressureAlert().count(), 0);
  });

  test('Needs attention lists troubled customers with reasons; managers reassign customers', async () => {
    for (const subject of ['Complaint about delivery', 'Still unhappy']) {
      const r = await api('POST', '/api/v1/interactions', { contact_id: state.nora.id, channel: 'phone', direction: 'inbound', sentiment: -2, subject });
      assert.equal(r.status, 201, JSON.stringify(r.body));
    }
    await page.goto(`${base}/attention`);
    await heading('Needs attention');
    const list = page.getByRole('list', { name: 'Customers who need attention' });
    const item = list.getByRole('listitem').filter({ has: page.getByRole('link', { name: 'Nora Negativ' }) }).first();
    await item.waitFor();
    await item.getByText('Negative interactions').waitFor();
    await item.getByText(/2 negative or failed interactions/).waitFor();
    await item.getByText('Sara Lind').waitFor();

    // Nora is Sara's, not mine.
    await page.getByLabel('Owner').selectOption('mine');
    await expectUrl(/^\/attention\?owner=mine$/);
    await page.getByRole('link', { name: 'Nora Negativ' }).waitFor({ state: 'detached' });
    await page.getByLabel('Owner').selectOption('');
    await item.waitFor();

    await page.getByRole('button', { name: 'Reassign customers' }).click();
    const dialog = page.getByRole('dialog', { name: 'Reassign customers' });
    await dialog.waitFor();
    await dialog.getByLabel('From owner').selectOption({ label: 'Sara Lind' });
    await dialog.getByLabel('To owner').selectOption({ label: 'Jonas Berg' });
    await dialog.getByRole('button', { name: 'Reassign' }).click();
    // Sara owned Kari (reassigned earlier), Nora and Siri.
    await dialog.getByText('Moved 3 customers from Sara Lind to Jonas Berg.').waitFor();
    await dialog.getByRole('button', { name: 'Done' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await item.getByText('Jonas Berg').waitFor();
    const jonas = await api('GET', `/api/v1/contacts?owner_id=${encodeURIComponent(state.jonas.id)}`);
    assert.deepEqual(jonas.body.items.map((c) => c.first_name).sort(), ['Kari', 'Nora', 'Siri']);

    await item.getByRole('link', { name: 'Nora Negativ' }).click();
    await heading('Nora Negativ');
    await timeline().getByText(/^Owner: Sara Lind → Jonas Berg$/).waitFor();
  });

  test('works at phone width: the new pages do not scroll sideways', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      for (const [path, title] of [
        ['/tasks', 'My tasks'],
        ['/phases', 'Phase board'],
        ['/attention', 'Needs attention'],
        [`/contacts/${encodeURIComponent(state.per.id)}`, 'Per Presset'],
      ]) {
        await page.goto(`${base}${path}`);
        await heading(title);
        await page.waitForLoadState('networkidle');
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(overflow <= 0, `${path} scrolls sideways by ${overflow}px`);
      }
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Phase board' }).click();
      await heading('Phase board');
      await page.getByLabel('Move Ola Hansen to…').waitFor();
    } finally {
      await page.setViewportSize({ width: 1280, height: 800 });
    }
  });
});
