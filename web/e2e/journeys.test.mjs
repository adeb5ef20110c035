// Browser journeys through the staff app against a real `hearth serve` (see server.mjs):
// sign in, create a contact, find it by an accent-free search, edit it, see a field
// error next to its field, see the duplicate and the "changed by someone else"
// messages, companies with their contacts, filters, paging, phone width, session loss
// and sign out. With HEARTH_SCREENSHOT=1 it also saves the contacts list as docs/screenshot.png.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { create } from './api.mjs';
import { startJourneys } from './browser.mjs';
import { ADMIN_EMAIL, repoRoot } from './server.mjs';

/** @type {Awaited<ReturnType<typeof startJourneys>>} */
let journeys;
let browser, page, api, base, expectUrl, heading, signIn;
const state = {};

describe('staff app journeys', { timeout: 180_000 }, () => {
  before(async () => {
    journeys = await startJourneys();
    ({ browser, page, api, base, expectUrl, heading, signIn } = journeys);

    // A few colleagues and records made through the API, as other staff would.
    state.sara = await create(api, '/api/v1/users', {
      email: 'sara.lind@example.com',
      name: 'Sara Lind',
      role: 'agent',
      password: 'sara-password-1',
    });
    const acme = await create(api, '/api/v1/companies', { name: 'Nordlys Energi', domain: 'nordlys.example', industry: 'Energy' });
    const seed = [
      { first_name: 'Kari', last_name: 'Nordmann', email: 'kari@nordlys.example', phone: '+47 22 33 44 55', company_id: acme.id, job_title: 'CFO', kind: 'customer', phase: 'expansion', owner_id: state.sara.id, customer_since: '2021-04-12', tags: ['vip'] },
      { first_name: 'Ola', last_name: 'Hansen', email: 'ola.hansen@example.com', kind: 'prospect', phase: 'awareness' },
      { first_name: 'Ingrid', last_name: 'Solberg', email: 'ingrid@nordlys.example', company_id: acme.id, job_title: 'Head of Procurement', kind: 'customer', phase: 'commitment', owner_id: state.sara.id },
      { first_name: 'Lars', last_name: 'Bakken', email: 'lars.bakken@example.org', phone: '900 12 345', kind: 'prospect', phase: 'exploration' },
      { first_name: 'Šárka', last_name: 'Šuštar', email: 'sarka@example.net', kind: 'customer', phase: 'dissolution' },
    ];
    for (const c of seed) await create(api, '/api/v1/contacts', c);
  });

  after(async () => {
    await journeys?.stop();
  });

  test('signs in (a wrong password first gets a clear message)', async () => {
    await page.goto(`${base}/contacts`);
    await expectUrl(/^\/sign-in/);
    await heading('Sign in to Hearth');
    await page.getByLabel('Email').fill(ADMIN_EMAIL);
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('That email and password do not match an account.').waitFor();

    await signIn();
    await expectUrl(/^\/contacts$/);
    await heading('Contacts');
    await page.getByRole('link', { name: 'Kari Nordmann' }).waitFor();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Companies' }).waitFor();
  });

  test('creates a contact', async () => {
    await page.getByRole('link', { name: 'New contact' }).first().click();
    await heading('New contact');
    await page.getByLabel('First name').fill('Øystein');
    await page.getByLabel('Last name').fill('Øvrebø');
    await page.getByLabel('Email').fill('oystein.ovrebo@example.com');
    await page.getByLabel('Phone').fill('412 34 567');
    await page.getByRole('button', { name: 'Create contact' }).click();

    await heading('Øystein Øvrebø');
    await expectUrl(/^\/contacts\/[^/]+$/);
    state.contactPath = new URL(page.url()).pathname;
    state.contactId = decodeURIComponent(state.contactPath.split('/').pop());
    await page.getByRole('link', { name: '+4741234567' }).waitFor();
    await page.getByRole('link', { name: 'oystein.ovrebo@example.com' }).waitFor();
  });

  test('finds it by searching an accent-free spelling', async () => {
    await page.getByRole('link', { name: 'Contacts', exact: true }).first().click();
    await heading('Contacts');
    await page.getByRole('link', { name: 'Kari Nordmann' }).waitFor();
    await page.getByLabel('Search contacts').fill('ovrebo');
    await expectUrl(/^\/contacts\?q=ovrebo$/);
    await page.getByRole('link', { name: 'Kari Nordmann' }).waitFor({ state: 'detached' });
    const rows = page.getByRole('table', { name: 'Contacts' }).locator('tbody tr');
    await page.getByRole('link', { name: 'Øystein Øvrebø' }).waitFor();
    assert.equal(await rows.count(), 1);

    await page.getByLabel('Search contacts').fill('zzzz-nobody');
    await page.getByText('No contacts match').waitFor();
    await page.getByLabel('Search contacts').press('Escape');
    await page.getByRole('link', { name: 'Kari Nordmann' }).waitFor();
  });

  test('edits it (also after a page reload, which recovers the CSRF token)', async () => {
    await page.goto(`${base}${state.contactPath}/edit`);
    await heading('Edit Øystein Øvrebø');
    assert.equal(await page.getByLabel('Phone').inputValue(), '+4741234567');
    await page.getByLabel('Job title').fill('Head of Sales');
    await page.getByLabel('Phase').selectOption('commitment');
    await page.getByLabel('Kind').selectOption('customer');
    await page.getByLabel('Tags').fill('vip, norway');
    await page.getByRole('button', { name: 'Save changes' }).click();

    await heading('Øystein Øvrebø');
    await page.getByText('Head of Sales').first().waitFor();
    await page.getByText('Commitment', { exact: true }).waitFor();
    await page.getByText('norway', { exact: true }).waitFor();
    const r = await api('GET', `/api/v1/contacts/${encodeURIComponent(state.contactId)}`);
    assert.equal(r.body.job_title, 'Head of Sales');
    assert.deepEqual([...r.body.tags].sort(), ['norway', 'vip']);
    assert.equal(r.body.version, 2);
  });

  test('shows a field error next to the field', async () => {
    await page.goto(`${base}/contacts/new`);
    await heading('New contact');
    await page.getByLabel('First name').fill('Broken');
    await page.getByLabel('Email').fill('not-an-email');
    await page.getByRole('button', { name: 'Create contact' }).click();

    const email = page.getByLabel('Email');
    await page.waitForFunction(() => document.querySelector('input[type=email]')?.getAttribute('aria-invalid') === 'true');
    const describedBy = await email.getAttribute('aria-describedby');
    assert.ok(describedBy, 'the email input points at its error');
    const message = page.locator(`[id="${describedBy.split(' ')[0]}"]`);
    await message.waitFor();
    assert.ok((await message.textContent()).trim().length > 0, 'the error says something');
    // The message sits in the email field's own box, right under the input.
    const field = page.locator('.field', { has: email });
    assert.equal(await field.locator('.field-error').count(), 1);
    assert.equal(await page.locator('.field-error').count(), 1, 'only the email field is marked');
    assert.equal(await email.evaluate((el) => el === document.activeElement), true, 'focus moves to the bad field');
    await expectUrl(/^\/contacts\/new$/);

    // Fixing the field hides its error.
    await email.fill('broken@example.com');
    assert.equal(await page.locator('.field-error').count(), 0);
  });

  test('a duplicate email links the existing contact, and can be kept on purpose', async () => {
    await page.goto(`${base}/contacts/new`);
    await page.getByLabel('First name').fill('Øystein');
    await page.getByLabel('Last name').fill('Duplikat');
    await page.getByLabel('Kind').selectOption('customer');
    await page.getByLabel('Email').fill('OYSTEIN.OVREBO@example.com');
    await page.getByRole('button', { name: 'Create contact' }).click();
    await page.getByText('A contact with this email already exists.').waitFor();
    const link = page.getByRole('alert').getByRole('link', { name: 'Øystein Øvrebø' });
    await link.waitFor();
    assert.equal(await link.getAttribute('href'), state.contactPath);
    await expectUrl(/^\/contacts\/new$/);

    await page.getByRole('button', { name: 'Create anyway' }).click();
    await heading('Øystein Duplikat');
    const both = await api('GET', '/api/v1/contacts?q=oystein.ovrebo');
    assert.equal(both.status, 200, JSON.stringify(both.body));
    assert.equal(both.body.items.length, 2);
  });

  test('says so when someone else changed the contact meanwhile', async () => {
    await page.goto(`${base}${state.contactPath}/edit`);
    await heading('Edit Øystein Øvrebø');
    await page.getByLabel('Job title').waitFor();

    // A colleague's integration changes the record behind the form's back.
    const patched = await api(
      'PATCH',
      `/api/v1/contacts/${encodeURIComponent(state.contactId)}`,
      { job_title: 'Chief Revenue Officer' },
      { 'Content-Type': 'application/merge-patch+json' },
    );
    assert.equal(patched.status, 200, JSON.stringify(patched.body));

    await page.getByLabel('Last name').fill('Øvrebø-Hansen');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('This contact was changed by someone else since you opened it.').waitFor();
    await expectUrl(/\/edit$/);
    const unchanged = await api('GET', `/api/v1/contacts/${encodeURIComponent(state.contactId)}`);
    assert.equal(unchanged.body.last_name, 'Øvrebø', 'the stale save changed nothing');

    await page.getByRole('button', { name: 'Reload' }).click();
    await page.getByText('This contact was changed by someone else').waitFor({ state: 'detached' });
    assert.equal(await page.getByLabel('Job title').inputValue(), 'Chief Revenue Officer');
    assert.equal(await page.getByLabel('Last name').inputValue(), 'Øvrebø');

    await page.getByLabel('Last name').fill('Øvrebø-Hansen');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await heading('Øystein Øvrebø-Hansen');
    await page.getByText('Chief Revenue Officer').first().waitFor();
  });

  test('filters by phase, owner and kind, and sorts', async () => {
    await page.goto(`${base}/contacts`);
    const table = page.getByRole('table', { name: 'Contacts' });
    await table.getByRole('link', { name: 'Kari Nordmann' }).waitFor();

    await page.getByLabel('Phase').selectOption('commitment');
    await table.getByRole('link', { name: 'Kari Nordmann' }).waitFor({ state: 'detached' });
    await table.getByRole('link', { name: 'Ingrid Solberg' }).waitFor();
    await table.getByRole('link', { name: 'Øystein Øvrebø-Hansen' }).waitFor();

    await page.getByLabel('Owner').selectOption({ label: 'Sara Lind' });
    await table.getByRole('link', { name: 'Øystein Øvrebø-Hansen' }).waitFor({ state: 'detached' });
    await table.getByRole('link', { name: 'Ingrid Solberg' }).waitFor();
    assert.equal(await table.locator('tbody tr').count(), 1);

    await page.getByRole('button', { name: 'Clear' }).click();
    await page.getByLabel('Kind').selectOption('prospect');
    await table.getByRole('link', { name: 'Ola Hansen' }).waitFor();
    await table.getByRole('link', { name: 'Kari Nordmann' }).waitFor({ state: 'detached' });

    await page.getByLabel('Sort by').selectOption('-name');
    await page.waitForFunction(() => /sort=-name/.test(location.search));
    await page.waitForFunction(() => {
      const names = [...document.querySelectorAll('table tbody tr .row-link')].map((a) => a.textContent);
      // Prospects now: Ola Hansen and Lars Bakken; by last name, Z–A.
      return names.length === 2 && names[0] === 'Ola Hansen' && names[1] === 'Lars Bakken';
    }).catch(async (e) => {
      const names = await table.locator('tbody tr .row-link').allTextContents();
      throw new Error(`prospects by name Z–A: ${JSON.stringify(names)} (${e.message})`);
    });
  });

  test('companies: create one, add a contact to it, see it in the company', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Companies' }).click();
    await heading('Companies');
    await page.getByRole('link', { name: 'Nordlys Energi' }).waitFor();
    await page.getByRole('link', { name: 'New company' }).first().click();
    await heading('New company');
    await page.getByLabel('Name').fill('Fjordline Shipping AS');
    await page.getByLabel('Domain').fill('Fjordline.Example');
    await page.getByLabel('Industry').fill('Shipping');
    await page.getByRole('button', { name: 'Create company' }).click();
    await heading('Fjordline Shipping AS');
    await page.getByRole('link', { name: 'fjordline.example' }).waitFor();
    await page.getByText('No contacts at this company yet').waitFor();
    const companyPath = new URL(page.url()).pathname;

    await page.getByRole('link', { name: 'Add contact' }).click();
    await heading('New contact');
    await page.waitForFunction(() => document.querySelector('[role=combobox]')?.value === 'Fjordline Shipping AS');
    await page.getByLabel('First name').fill('Ingvild');
    await page.getByLabel('Last name').fill('Berg');
    await page.getByRole('button', { name: 'Create contact' }).click();
    await heading('Ingvild Berg');
    await page.getByRole('main').getByRole('link', { name: 'Fjordline Shipping AS' }).first().click();
    await heading('Fjordline Shipping AS');
    await expectUrl(new RegExp(`^${companyPath}$`));
    await page.getByRole('table', { name: 'Contacts' }).getByRole('link', { name: 'Ingvild Berg' }).waitFor();

    // The company picker searches as you type.
    await page.goto(`${base}${state.contactPath}/edit`);
    await heading('Edit Øystein Øvrebø-Hansen');
    const picker = page.getByLabel('Company');
    await picker.fill('nordl');
    await page.getByRole('option', { name: /Nordlys Energi/ }).click();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await heading('Øystein Øvrebø-Hansen');
    await page.getByRole('main').getByRole('link', { name: 'Nordlys Energi' }).first().waitFor();
  });

  test('dialogs close with Escape and the keyboard reaches the actions', async () => {
    await page.goto(`${base}${state.contactPath}`);
    await heading('Øystein Øvrebø-Hansen');
    await page.getByRole('button', { name: 'Archive' }).click();
    const dialog = page.getByRole('dialog', { name: 'Archive Øystein Øvrebø-Hansen?' });
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    const still = await api('GET', `/api/v1/contacts/${encodeURIComponent(state.contactId)}`);
    assert.equal(still.body.archived_at, null);
  });

  test('takes the contacts list screenshot (HEARTH_SCREENSHOT=1)', { skip: process.env.HEARTH_SCREENSHOT !== '1' }, async () => {
    await page.goto(`${base}/contacts`);
    await page.getByRole('link', { name: 'Kari Nordmann' }).waitFor();
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: path.join(repoRoot, 'docs', 'screenshot.png') });
  });

  test('pages through a long result with "Load more"', async () => {
    const items = Array.from({ length: 57 }, (_, i) => ({
      first_name: `Pat ${String(i + 1).padStart(2, '0')}`,
      last_name: 'Zetterberg',
      email: `pat${i + 1}@zetterberg.example`,
      kind: 'customer',
      phase: 'awareness',
    }));
    const batch = await api('POST', '/api/v1/contacts/batch', { items });
    assert.equal(batch.status, 201, JSON.stringify(batch.body));

    await page.goto(`${base}/contacts?q=zetterberg`);
    const rows = page.getByRole('table', { name: 'Contacts' }).locator('tbody tr');
    await page.getByText('Showing the first 50').waitFor();
    assert.equal(await rows.count(), 50);
    await page.getByRole('button', { name: 'Load more' }).click();
    await page.getByText('57 contacts').waitFor();
    assert.equal(await rows.count(), 57);
    assert.equal(await page.getByRole('button', { name: 'Load more' }).count(), 0);
    const names = await rows.locator('.row-link').allTextContents();
    assert.equal(new Set(names).size, 57, 'no contact shows twice');
  });

  test('works at phone width: the table becomes cards, nothing scrolls sideways', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      await page.goto(`${base}/contacts`);
      await page.getByRole('link', { name: 'Kari Nordmann' }).waitFor();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `page scrolls sideways by ${overflow}px`);
      const display = await page.locator('table tbody tr').first().evaluate((el) => getComputedStyle(el).display);
      assert.equal(display, 'block');
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Companies' }).click();
      await heading('Companies');
    } finally {
      await page.setViewportSize({ width: 1280, height: 800 });
    }
  });

  test('a lost session (401) goes back to sign-in, then to where the user was', async () => {
    await page.goto(`${base}/contacts`);
    await page.getByRole('link', { name: 'Kari Nordmann' }).waitFor();
    await browser.context.clearCookies();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Companies' }).click();
    await expectUrl(/^\/sign-in\?/);
    await page.getByText('Your session has ended').waitFor();
    await signIn();
    await expectUrl(/^\/companies$/);
    await heading('Companies');
  });

  test('signs out', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expectUrl(/^\/sign-in/);
    await heading('Sign in to Hearth');
    await page.goto(`${base}/contacts`);
    await expectUrl(/^\/sign-in/);
    const me = await page.evaluate(async () => (await fetch('/api/v1/me')).status);
    assert.equal(me, 401);
  });
});
