// The email channel against real mail servers on loopback: a private Dovecot IMAP inbox
// that `hearth serve` polls and an smtp-server sink (requiring AUTH) it sends replies to
// (both from mail_servers.mjs; needs root and dovecot-imapd). Covers the mailbox setting
// (write-only passwords, audit, validation, admin only), intake (RFC 2047 headers,
// quoted-printable and ISO-8859-1 bodies, prospects, known senders, duplicates by
// Message-ID or, without one, by content, \Seen, create_cases false, hostile or odd headers:
// comments in From, no address, control characters; HTML-only bodies; two polls at once), threading (In-Reply-To / References / "[Case #N]" from the customer
// only, pending and resolved cases reopen), MIME attachments (kept byte-exact, disallowed
// types dropped), ignored mail (the desk's own address, Auto-Submitted), outbound replies
// (subject, From, Message-ID, In-Reply-To/References, UTF-8 body, notes never sent,
// customer replies to our reply), an SMTP 451 leaving the email-send job queued for a
// retry, and the SLA-breach escalation email to managers.
//
// The server's clock starts at 10:00:02 (`--clock`) so the minute-slot `mail-poll` job
// (which runs at start, before the mailbox is configured) cannot run in the middle of a
// test and take emails a test polls for with POST /mailbox/poll.
//
// Run:  HEARTH_BIN=/tmp/hearth-e node --test tests/api/email.test.mjs
//       pg_virtualenv -- env HEARTH_TEST_PG=1 HEARTH_BIN=/tmp/hearth-e node --test tests/api/email.test.mjs

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import {
  setup, uniqueEmail, uniq, expectStatus, expectProblem, expectFieldErrors, listAll, REPO,
} from './harness.mjs';
import { startImapServer, startSmtpServer } from './mail_servers.mjs';

const { simpleParser } = createRequire(path.join(REPO, 'web', 'package.json'))('mailparser');

const CLOCK = '2030-01-09T10:00:02Z';   // a Wednesday: no weekly digest either
const DESK = 'support@hearth.test';
const DESK_NAME = 'Hearth Kundeservice Æøå';
const SMTP_USER = 'hearth-smtp';
const SMTP_PASSWORD = `smtp-${randomBytes(9).toString('hex')}`;
const MAIL_WAIT_MS = 6_000;

let h, agent, manager, imap, smtp;

before(async () => {
  [imap, smtp] = await Promise.all([
    startImapServer(),
    startSmtpServer({ user: SMTP_USER, password: SMTP_PASSWORD }),
  ]);
  h = await setup({ serveArgs: ['--clock', CLOCK] });
  agent = await h.makeUser('agent', { name: 'Agnes Agent' });
  manager = await h.makeUser('manager', { name: 'Mona Manager' });
  await settleJobs('mail-poll');
  expectStatus(await h.admin.put('/api/v1/settings/mailbox', mailboxSettings()), 200);
});

after(async () => {
  await h?.stop();
  await Promise.all([imap?.stop(), smtp?.stop()]);
});

const sleep = (ms) => new Promise((r) => { setTimeout(r, ms); });

function mailboxSettings() {
  return {
    imap_url: imap.url, imap_username: imap.user, imap_password: imap.password,
    smtp_url: smtp.url, smtp_username: SMTP_USER, smtp_password: SMTP_PASSWORD,
    from_address: DESK, from_name: DESK_NAME, create_cases: true,
  };
}

/** Waits until no job of KIND is queued or running (e.g. the ones the server runs at start). */
async function settleJobs(kind) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const jobs = await listAll(h.admin, `/api/v1/jobs?kind=${kind}`);
    if (!jobs.some((j) => j.status === 'queued' || j.status === 'running')) return;
    if (Date.now() > deadline) throw new Error(`${kind} jobs still pending: ${JSON.stringify(jobs)}`);
    await sleep(100);
  }
}

// ------------------------------------------------------------------ building emails

const b64 = (s) => Buffer.from(s, 'utf8').toString('base64');
const encodedWordB = (s) => `=?UTF-8?B?${b64(s)}?=`;
const encodedWordQ = (s) => `=?UTF-8?Q?${[...Buffer.from(s, 'utf8')].map((c) =>
  (c === 0x20 ? '_' : (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)
    ? String.fromCharCode(c) : `=${c.toString(16).toUpperCase().padStart(2, '0')}`)).join('')}?=`;

/** Quoted-printable (RFC 2045) of BYTES with soft line breaks at 76 characters. */
function qp(bytes) {
  const lines = [];
  let line = '';
  const text = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes, 'utf8');
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === 0x0a) { lines.push(line); line = ''; continue; }
    if (c === 0x0d) continue;
    const last = i + 1 === text.length || text[i + 1] === 0x0a;
    const piece = (c >= 33 && c <= 126 && c !== 61) || (c === 32 && !last)
      ? String.fromCharCode(c) : `=${c.toString(16).toUpperCase().padStart(2, '0')}`;
    if (line.length + piece.length > 75) { lines.push(`${line}=`); line = ''; }
    line += piece;
  }
  lines.push(line);
  return lines.join('\r\n');
}

const newMessageId = (tag = 'm') => `<${tag}.${randomBytes(8).toString('hex')}@customer.example>`;

/**
 * An RFC 5322 message (CRLF). opts: from (header value), subject (header value, already
 * encoded if need be), messageId, inReplyTo, references, headers (extra lines), and the
 * body: either `text` (UTF-8, sent quoted-printable) or `contentType` + `body` as is.
 */
function email(opts) {
  const lines = [
    `From: ${opts.from}`,
    `To: ${opts.to || `Support <${DESK}>`}`,
    `Subject: ${opts.subject}`,
    'Date: Wed, 09 Jan 2030 09:58:00 +0000',
    `Message-ID: ${opts.messageId}`,
  ];
  if (opts.inReplyTo) lines.push(`In-Reply-To: ${opts.inReplyTo}`);
  if (opts.references) lines.push(`References: ${opts.references}`);
  lines.push('MIME-Version: 1.0', ...(opts.headers || []));
  if (opts.contentType) {
    lines.push(`Content-Type: ${opts.contentType}`, '', opts.body);
  } else {
    lines.push('Content-Type: text/plain; charset=UTF-8', 'Content-Transfer-Encoding: quoted-printable', '',
               qp(opts.text));
  }
  return `${lines.join('\r\n')}\r\n`;
}

// ------------------------------------------------------------------ API helpers

const COUNT_KEYS = ['fetched', 'cases_created', 'messages_added', 'duplicates', 'ignored', 'failed'];

/** POST /mailbox/poll as admin; asserts the counts (missing keys = 0). */
async function poll(expected) {
  const body = expectStatus(await h.admin.post('/api/v1/mailbox/poll', {}), 200);
  const got = Object.fromEntries(COUNT_KEYS.map((k) => [k, body[k]]));
  const want = Object.fromEntries(COUNT_KEYS.map((k) => [k, expected[k] ?? 0]));
  assert.deepEqual(got, want, `poll counts: ${JSON.stringify(body)}`);
  return body;
}

async function contactsByEmail(address) {
  return listAll(h.admin, `/api/v1/contacts?email=${encodeURIComponent(address)}`);
}

async function casesOf(contactId) {
  return listAll(h.admin, `/api/v1/cases?contact_id=${contactId}`);
}

/** The single case of the single contact with ADDRESS. */
async function onlyCaseOf(address) {
  const contacts = await contactsByEmail(address);
  assert.equal(contacts.length, 1, `one contact with ${address}: ${JSON.stringify(contacts)}`);
  const cases = await casesOf(contacts[0].id);
  assert.equal(cases.length, 1, `one case for ${address}: ${JSON.stringify(cases)}`);
  return { contact: contacts[0], kase: cases[0] };
}

async function messagesOf(caseId) {
  return listAll(h.admin, `/api/v1/cases/${caseId}/messages`);
}

async function getCase(caseId) {
  return expectStatus(await h.admin.get(`/api/v1/cases/${caseId}`), 200);
}

function imapMessage(messageId) {
  const m = imap.messages().filter((x) => x.messageId === messageId);
  assert.ok(m.length > 0, `no IMAP message with Message-ID ${messageId}`);
  return m;
}

/** Delivers an email from a new customer and polls it in: {address, messageId, contact, kase}. */
async function caseByEmail({ subject = `Question ${uniq('q')}`, text = 'Hello, I need help.', name = 'Cora Customer' } = {}) {
  const address = uniqueEmail('cust');
  const messageId = newMessageId('first');
  imap.deliver(email({ from: `${name} <${address}>`, subject, messageId, text }));
  await poll({ fetched: 1, cases_created: 1 });
  const { contact, kase } = await onlyCaseOf(address);
  return { address, messageId, contact, kase };
}

/** Sink messages (parsed again with mailparser for From/To) sent to ADDRESS. */
async function mailTo(address) {
  const out = [];
  for (const m of smtp.messages.filter((x) => x.to.includes(address))) {
    out.push({ ...m, full: await simpleParser(m.raw) });
  }
  return out;
}

/** Waits until N emails have reached ADDRESS; returns them. */
async function waitForMailTo(address, n = 1, timeoutMs = MAIL_WAIT_MS) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const got = smtp.messages.filter((x) => x.to.includes(address));
    if (got.length >= n) return mailTo(address);
    if (Date.now() > deadline) {
      const jobs = await listAll(h.admin, '/api/v1/jobs?kind=email-send');
      throw new Error(`wanted ${n} email(s) to ${address} within ${timeoutMs} ms, got ${got.length}; ` +
                      `email-send jobs: ${JSON.stringify(jobs.filter((j) => j.payload?.to === address))}`);
    }
    await sleep(50);
  }
}

// ================================================================== settings

describe('mailbox settings', () => {
  test('GET shows the servers and whether passwords are set, never the passwords', async () => {
    const r = await h.admin.get('/api/v1/settings/mailbox');
    const s = expectStatus(r, 200);
    assert.equal(s.imap_url, imap.url);
    assert.equal(s.imap_username, imap.user);
    assert.equal(s.smtp_url, smtp.url);
    assert.equal(s.smtp_username, SMTP_USER);
    assert.equal(s.from_address, DESK);
    assert.equal(s.from_name, DESK_NAME);
    assert.equal(s.create_cases, true);
    assert.equal(s.imap_password_set, true);
    assert.equal(s.smtp_password_set, true);
    assert.ok(!('imap_password' in s) && !('smtp_password' in s), `password fields shown: ${r.text}`);
    assert.ok(!r.text.includes(imap.password) && !r.text.includes(SMTP_PASSWORD), `a password leaked: ${r.text}`);
  });

  test('a PUT answers without passwords and one without them keeps them', async () => {
    const r = await h.admin.put('/api/v1/settings/mailbox', { from_name: `${DESK_NAME} 2` });
    const s = expectStatus(r, 200);
    assert.equal(s.from_name, `${DESK_NAME} 2`);
    assert.equal(s.imap_password_set, true, r.text);
    assert.equal(s.smtp_password_set, true, r.text);
    assert.equal(s.imap_url, imap.url);
    assert.ok(!r.text.includes(imap.password) && !r.text.includes(SMTP_PASSWORD), `a password leaked: ${r.text}`);
    expectStatus(await h.admin.put('/api/v1/settings/mailbox', { from_name: DESK_NAME }), 200);
    // Still able to log in to IMAP with the kept password.
    await poll({});
  });

  test('the audit log records the change but never holds the passwords', async () => {
    const r = await h.admin.get('/api/v1/audit?record_type=setting&limit=500');
    const body = expectStatus(r, 200);
    const entries = body.items.filter((e) => e.record_id === 'mailbox');
    assert.ok(entries.length >= 1, `mailbox audit entries: ${r.text.slice(0, 2000)}`);
    const first = entries[entries.length - 1];
    assert.equal(first.after.imap_url, imap.url, JSON.stringify(first));
    assert.ok(!r.text.includes(imap.password), `IMAP password in the audit log: ${r.text.slice(0, 3000)}`);
    assert.ok(!r.text.includes(SMTP_PASSWORD), `SMTP password in the audit log: ${r.text.slice(0, 3000)}`);
  });

  test('a bad URL scheme is a 422 naming the field and changes nothing', async () => {
    expectFieldErrors(await h.admin.put('/api/v1/settings/mailbox', { imap_url: 'http://127.0.0.1:143/INBOX' }),
                      ['imap_url']);
    expectFieldErrors(await h.admin.put('/api/v1/settings/mailbox', { smtp_url: 'ftp://127.0.0.1:25' }),
                      ['smtp_url']);
    const s = expectStatus(await h.admin.get('/api/v1/settings/mailbox'), 200);
    assert.equal(s.imap_url, imap.url);
    assert.equal(s.smtp_url, smtp.url);
  });

  test('only an admin may read or change the mailbox or poll it', async () => {
    for (const user of [agent, manager]) {
      expectProblem(await user.client.get('/api/v1/settings/mailbox'), 403, 'forbidden');
      expectProblem(await user.client.put('/api/v1/settings/mailbox', { imap_url: 'imap://evil.example/INBOX' }),
                    403, 'forbidden');
      expectProblem(await user.client.post('/api/v1/mailbox/poll', {}), 403, 'forbidden');
    }
    const s = expectStatus(await h.admin.get('/api/v1/settings/mailbox'), 200);
    assert.equal(s.imap_url, imap.url);
  });
});

// ================================================================== intake

describe('inbound email', () => {
  test('an unknown sender opens an email case for a new prospect; headers and body decoded', async () => {
    const address = uniqueEmail('bjorn');
    const messageId = newMessageId('first');
    const body = 'Hei! Vaskemaskinen min er ødelagt – den lekker vann på gulvet, og displayet viser «E21». ' +
                 'Hva gjør jeg nå? 🙁\nMvh\nBjørn Åsheim';
    const raw = email({
      from: `${encodedWordQ('Bjørn Åsheim')} <${address}>`,
      // A long subject as two folded encoded words (the space is inside the second one).
      subject: `${encodedWordB('Ødelagt')}\r\n ${encodedWordB(' vaskemaskin')}`,
      messageId, text: body,
    });
    imap.deliver(raw);
    assert.equal(imapMessage(messageId)[0].seen, false);

    await poll({ fetched: 1, cases_created: 1 });

    const contacts = await contactsByEmail(address);
    assert.equal(contacts.length, 1, JSON.stringify(contacts));
    const contact = contacts[0];
    assert.equal(contact.kind, 'prospect');
    assert.equal(contact.email.toLowerCase(), address);
    assert.equal(contact.first_name, 'Bjørn');
    assert.equal(contact.last_name, 'Åsheim');

    const cases = await casesOf(contact.id);
    assert.equal(cases.length, 1, JSON.stringify(cases));
    const kase = cases[0];
    assert.equal(kase.channel, 'email');
    assert.equal(kase.subject, 'Ødelagt vaskemaskin');
    assert.equal(kase.status, 'new');

    const messages = await messagesOf(kase.id);
    assert.equal(messages.length, 1, JSON.stringify(messages));
    assert.equal(messages[0].direction, 'inbound');
    assert.equal(messages[0].public, true);
    assert.equal(messages[0].from_address, address);
    assert.equal(messages[0].body.replace(/\r\n/g, '\n'), body);

    assert.equal(imapMessage(messageId)[0].seen, true, 'the email is \\Seen once taken in');

    // Nothing new: no second case from the same email.
    await poll({});
    assert.equal((await casesOf(contact.id)).length, 1);

    // The same email delivered again (a new IMAP message, same Message-ID): a duplicate.
    imap.deliver(raw);
    await poll({ fetched: 1, duplicates: 1 });
    assert.equal((await casesOf(contact.id)).length, 1);
    assert.equal((await messagesOf(kase.id)).length, 1);
    assert.equal((await contactsByEmail(address)).length, 1);
    assert.ok(imapMessage(messageId).every((m) => m.seen), 'both copies are \\Seen');
  });

  test('an inbound body is stored with LF line ends, like staff messages (no CR from the email\'s CRLF)', async () => {
    const address = uniqueEmail('lines');
    imap.deliver(email({ from: address, subject: 'Lines', messageId: newMessageId(), text: 'one\ntwo\n\nthree' }));
    await poll({ fetched: 1, cases_created: 1 });
    const { kase } = await onlyCaseOf(address);
    const [m] = await messagesOf(kase.id);
    assert.equal(m.body, 'one\ntwo\n\nthree', `stored body ${JSON.stringify(m.body)}`);
  });

  test('a known sender\'s email becomes a case of that contact (address case-insensitive)', async () => {
    const address = uniqueEmail('kari');
    const contact = expectStatus(await h.admin.post('/api/v1/contacts', {
      first_name: 'Kari', last_name: 'Kjent', email: address.replace(/^kari/, 'Kari'), kind: 'customer',
      owner_id: agent.id,
    }), 201);
    const older = expectStatus(await agent.client.post('/api/v1/cases', {
      contact_id: contact.id, subject: 'An older phone case', channel: 'phone',
    }), 201);
    // ISO-8859-1, quoted-printable: "Hei, jeg får ikke logget inn på kontoen."
    imap.deliver(email({
      from: `"KARI KJENT (jobb)" <${address.toUpperCase()}>`, subject: '=?ISO-8859-1?Q?Innlogging_p=E5_nett?=',
      messageId: newMessageId(),
      contentType: 'text/plain; charset=ISO-8859-1', headers: ['Content-Transfer-Encoding: quoted-printable'],
      body: 'Hei, jeg f=E5r ikke logget inn p=E5 kontoen.\r\n',
    }));
    await poll({ fetched: 1, cases_created: 1 });
    assert.equal((await contactsByEmail(address)).length, 1, 'no second contact');
    const cases = await casesOf(contact.id);
    assert.equal(cases.length, 2, JSON.stringify(cases));
    const fresh = cases.find((c) => c.id !== older.id);
    assert.equal(fresh.subject, 'Innlogging på nett');
    assert.equal(fresh.channel, 'email');
    assert.equal(fresh.owner_id, agent.id, 'routed to the customer\'s owner');
    assert.equal(fresh.assignment_rule, 'owner');
    const messages = await messagesOf(fresh.id);
    assert.equal(messages.length, 1);
    assert.equal(messages[0].body, 'Hei, jeg får ikke logget inn på kontoen.');
    assert.equal((await messagesOf(older.id)).length, 0, 'nothing added to the other case');
    const after = expectStatus(await h.admin.get(`/api/v1/contacts/${contact.id}`), 200);
    assert.equal(after.first_name, 'Kari');
    assert.equal(after.kind, 'customer');
  });

  test('an email without a Message-ID is still taken in once only', async () => {
    const address = uniqueEmail('noid');
    const raw = `From: ${address}\r\nTo: ${DESK}\r\nSubject: No id\r\n\r\nNo Message-ID here.\r\n`;
    imap.deliver(raw);
    await poll({ fetched: 1, cases_created: 1 });
    imap.deliver(raw);
    await poll({ fetched: 1, duplicates: 1 });
    const { kase } = await onlyCaseOf(address);
    assert.equal((await messagesOf(kase.id)).length, 1);
  });

  test('with create_cases false a new email is ignored but replies still thread', async () => {
    const { address, messageId, kase } = await caseByEmail();
    expectStatus(await h.admin.put('/api/v1/settings/mailbox', { create_cases: false }), 200);
    try {
      const other = uniqueEmail('nocase');
      imap.deliver(email({ from: other, subject: 'New question', messageId: newMessageId(), text: 'Hi' }));
      imap.deliver(email({ from: address, subject: 'Re', messageId: newMessageId(), inReplyTo: messageId, text: 'More' }));
      await poll({ fetched: 2, ignored: 1, messages_added: 1 });
      assert.deepEqual(await contactsByEmail(other), []);
      assert.equal((await messagesOf(kase.id)).length, 2);
    } finally {
      expectStatus(await h.admin.put('/api/v1/settings/mailbox', { create_cases: true }), 200);
    }
  });

  test('a From with an RFC 5322 comment (addr (Name)) gives the bare address', async () => {
    const address = uniqueEmail('comment');
    imap.deliver(email({ from: `${address} (Bob Builder)`, subject: 'Old-style From', messageId: newMessageId(),
                         text: 'Hello' }));
    await poll({ fetched: 1, cases_created: 1 });
    const all = await listAll(h.admin, `/api/v1/contacts?q=${encodeURIComponent(address.split('@')[0])}`);
    assert.deepEqual(all.map((c) => c.email), [address], 'the contact\'s email is the bare address');
  });

  test('a From that is not an address never becomes a contact\'s email', async () => {
    const robot = `Robot ${uniq('r')}`;
    imap.deliver(email({ from: robot, subject: 'No address', messageId: newMessageId(), text: 'Hello' }));
    const r = await h.admin.post('/api/v1/mailbox/poll', {});
    const counts = expectStatus(r, 200);
    assert.equal(counts.fetched, 1, r.text);
    const bogus = (await listAll(h.admin, `/api/v1/contacts?q=${encodeURIComponent(robot.split(' ')[1])}`))
      .map((c) => c.email);
    assert.deepEqual(bogus, [], `a contact was made with an invalid email (poll: ${r.text})`);
  });

  test('an email whose subject holds control characters (a TAB, ESC) still opens a case, cleaned', async () => {
    const a1 = uniqueEmail('tab');
    const a2 = uniqueEmail('esc');
    imap.deliver(email({ from: a1, subject: 'Order\t12345 missing', messageId: newMessageId(), text: 'Where is it?' }));
    imap.deliver(email({ from: a2, subject: encodedWordB('Alert\x1b[31m red\x07 end'), messageId: newMessageId(),
                         text: 'Hi' }));
    await poll({ fetched: 2, cases_created: 2 });
    for (const a of [a1, a2]) {
      const { kase } = await onlyCaseOf(a);
      assert.ok(!/[\x00-\x1f\x7f]/.test(kase.subject), `subject holds control characters: ${JSON.stringify(kase.subject)}`);
    }
  });

  test('control characters in the sender\'s name never reach the contact', async () => {
    const address = uniqueEmail('ctl');
    imap.deliver(email({ from: `${encodedWordB('Eve\r\nBcc: victim@example.com')} <${address}>`, subject: 'Name',
                         messageId: newMessageId(), text: 'Hi' }));
    await poll({ fetched: 1, cases_created: 1 });
    const { contact } = await onlyCaseOf(address);
    for (const field of ['first_name', 'last_name']) {
      const value = contact[field];
      assert.ok(value === null || !/[\x00-\x1f\x7f]/.test(value), `${field} holds control characters: ${JSON.stringify(value)}`);
    }
  });

  test('an HTML-only email becomes readable text (no style or script content, entities decoded)', async () => {
    const address = uniqueEmail('html');
    const html = '<html><head><style>p { color: red; }</style><title>Mail</title></head><body>' +
                 '<p>Hei, Bj&#248;rn &amp; co!</p><div>Linje&nbsp;to</div><script>alert(1)</script></body></html>';
    imap.deliver(email({ from: address, subject: 'HTML', messageId: newMessageId(),
                         contentType: 'text/html; charset=UTF-8', body: html }));
    await poll({ fetched: 1, cases_created: 1 });
    const { kase } = await onlyCaseOf(address);
    const [m] = await messagesOf(kase.id);
    assert.ok(m.body.includes('Linje to'), JSON.stringify(m.body));
    assert.ok(!/color: red|alert\(1\)/.test(m.body), `style/script text in the body: ${JSON.stringify(m.body)}`);
    assert.ok(m.body.includes('Hei, Bjørn & co!'), `entities decoded: ${JSON.stringify(m.body)}`);
  });

  test('two polls at once take each email in exactly once', async () => {
    const addresses = [uniqueEmail('race'), uniqueEmail('race'), uniqueEmail('race')];
    for (const a of addresses) imap.deliver(email({ from: a, subject: 'Race', messageId: newMessageId('race'), text: 'x' }));
    const [r1, r2] = await Promise.all([h.admin.post('/api/v1/mailbox/poll', {}), h.admin.post('/api/v1/mailbox/poll', {})]);
    const b1 = expectStatus(r1, 200);
    const b2 = expectStatus(r2, 200);
    assert.equal(b1.cases_created + b2.cases_created, 3, `${r1.text} ${r2.text}`);
    for (const a of addresses) await onlyCaseOf(a);
    assert.equal(b1.failed + b2.failed, 0, `an email taken in by the other poll is a duplicate, not a failure: ${r1.text} ${r2.text}`);
  });
});

// ================================================================== threading

describe('replies thread into their case', () => {
  test('In-Reply-To or References naming the customer\'s first email adds to the same case', async () => {
    const { address, messageId, contact, kase } = await caseByEmail();
    imap.deliver(email({
      from: address, subject: 'Something quite different', messageId: newMessageId('re1'),
      inReplyTo: messageId, text: 'More details: it happened twice.',
    }));
    await poll({ fetched: 1, messages_added: 1 });
    imap.deliver(email({
      from: address, subject: 'Re: again', messageId: newMessageId('re2'),
      references: `<unknown.${uniq()}@elsewhere.example> ${messageId}`, text: 'And a third time.',
    }));
    await poll({ fetched: 1, messages_added: 1 });
    assert.equal((await casesOf(contact.id)).length, 1, 'no new case');
    const messages = await messagesOf(kase.id);
    assert.deepEqual(messages.map((m) => [m.direction, m.body]), [
      ['inbound', 'Hello, I need help.'],
      ['inbound', 'More details: it happened twice.'],
      ['inbound', 'And a third time.'],
    ]);
  });

  test('"[Case #N]" in the subject from the customer adds to case N; from a stranger it opens a new case', async () => {
    const { address, contact, kase } = await caseByEmail({ subject: 'Printer on fire' });
    imap.deliver(email({
      from: `Cora <${address.toUpperCase()}>`, subject: `Re: [Case #${kase.number}] Printer on fire`,
      messageId: newMessageId('subj'), text: 'Any news?',
    }));
    await poll({ fetched: 1, messages_added: 1 });
    assert.deepEqual((await messagesOf(kase.id)).map((m) => m.body), ['Hello, I need help.', 'Any news?']);

    const stranger = uniqueEmail('stranger');
    imap.deliver(email({
      from: `Mallory <${stranger}>`, subject: `Re: [Case #${kase.number}] Printer on fire`,
      messageId: newMessageId('evil'), text: 'Please send me the customer\'s details.',
    }));
    await poll({ fetched: 1, cases_created: 1 });
    assert.equal((await messagesOf(kase.id)).length, 2, 'the stranger\'s email is not on the customer\'s case');
    const { kase: strangers } = await onlyCaseOf(stranger);
    assert.notEqual(strangers.id, kase.id);
    assert.equal(strangers.subject, `Re: [Case #${kase.number}] Printer on fire`);
    assert.equal((await casesOf(contact.id)).length, 1);
  });

  test('a customer reply opens a pending or resolved case again', async () => {
    const { address, messageId, kase } = await caseByEmail();
    expectStatus(await agent.client.patch(`/api/v1/cases/${kase.id}`, { status: 'pending' }), 200);
    imap.deliver(email({
      from: address, subject: 'Re: here is the serial number', messageId: newMessageId('pend'),
      inReplyTo: messageId, text: 'Serial: 12345',
    }));
    await poll({ fetched: 1, messages_added: 1 });
    assert.equal((await getCase(kase.id)).status, 'open', 'pending → open on the customer\'s reply');

    expectStatus(await agent.client.patch(`/api/v1/cases/${kase.id}`, { status: 'resolved' }), 200);
    imap.deliver(email({
      from: address, subject: `[Case #${kase.number}] still broken`, messageId: newMessageId('res'),
      text: 'It is still broken.',
    }));
    await poll({ fetched: 1, messages_added: 1 });
    const c = await getCase(kase.id);
    assert.equal(c.status, 'open', 'resolved → open on the customer\'s reply');
    assert.equal(c.resolved_at, null);
    assert.equal((await messagesOf(kase.id)).length, 3);
  });
});

// ================================================================== attachments

describe('attachments', () => {
  test('multipart: the text part is the body, a PDF is kept byte-exact, executables are dropped', async () => {
    const address = uniqueEmail('att');
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n%âãÏÓ\n', 'latin1'),
                               Buffer.from([...Array(256).keys()]), randomBytes(3000),
                               Buffer.from('\n%%EOF\n')]);
    const png = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), randomBytes(200)]);
    const exe = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), randomBytes(500)]);
    const wrap = (buf) => buf.toString('base64').replace(/.{76}/g, '$&\r\n');
    const text = 'Se vedlagt faktura – beløpet er feil.';
    const body = [
      'This is a multi-part message in MIME format.',
      '--outer',
      'Content-Type: multipart/alternative; boundary="inner"',
      '',
      '--inner',
      'Content-Type: text/plain; charset="utf-8"',
      'Content-Transfer-Encoding: quoted-printable',
      '',
      qp(text),
      '--inner',
      'Content-Type: text/html; charset="utf-8"',
      'Content-Transfer-Encoding: quoted-printable',
      '',
      qp('<html><body><p>HTML version: <b>faktura</b></p></body></html>'),
      '--inner--',
      '',
      '--outer',
      'Content-Type: application/pdf; name="faktura-2030.pdf"',
      'Content-Disposition: attachment; filename="faktura-2030.pdf"',
      'Content-Transfer-Encoding: base64',
      '',
      wrap(pdf),
      '--outer',
      `Content-Type: image/png; name="${encodedWordB('skjermbilde-ø.png')}"`,
      `Content-Disposition: attachment; filename="${encodedWordB('skjermbilde-ø.png')}"`,
      'Content-Transfer-Encoding: base64',
      '',
      wrap(png),
      '--outer',
      'Content-Type: application/octet-stream; name="setup.exe"',
      'Content-Disposition: attachment; filename="setup.exe"',
      'Content-Transfer-Encoding: base64',
      '',
      wrap(exe),
      '--outer',
      'Content-Type: application/pdf; name="invoice.pdf.exe"',
      'Content-Disposition: attachment; filename="invoice.pdf.exe"',
      'Content-Transfer-Encoding: base64',
      '',
      wrap(exe),
      '--outer--',
      '',
    ].join('\r\n');
    const messageId = newMessageId('att');
    imap.deliver(email({
      from: `Ola <${address}>`, subject: 'Faktura', messageId,
      contentType: 'multipart/mixed; boundary="outer"', body,
    }));
    await poll({ fetched: 1, cases_created: 1 });
    const { kase } = await onlyCaseOf(address);
    const messages = await messagesOf(kase.id);
    assert.equal(messages.length, 1, 'the message is kept');
    assert.equal(messages[0].body, text, 'the body is the text/plain part');

    const list = expectStatus(await h.admin.get(`/api/v1/cases/${kase.id}/attachments`), 200).items;
    assert.deepEqual(list.map((a) => [a.filename, a.content_type]).sort(), [
      ['faktura-2030.pdf', 'application/pdf'],
      ['skjermbilde-ø.png', 'image/png'],
    ], `attachments: ${JSON.stringify(list)}`);
    for (const [name, bytes] of [['faktura-2030.pdf', pdf], ['skjermbilde-ø.png', png]]) {
      const a = list.find((x) => x.filename === name);
      assert.equal(a.size_bytes, bytes.length, name);
      assert.equal(a.sha256, createHash('sha256').update(bytes).digest('hex'), name);
      assert.equal(a.message_id, messages[0].id, `${name} belongs to the inbound message`);
      const res = await fetch(`${h.base}/api/v1/cases/${kase.id}/attachments/${a.id}`,
                              { headers: { authorization: `Bearer ${h.adminToken}` } });
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-disposition') || '', /^attachment/);
      assert.ok(Buffer.from(await res.arrayBuffer()).equals(bytes), `${name} downloads byte-identical`);
    }
  });
});

// ================================================================== ignored

describe('ignored email', () => {
  test('mail from the desk\'s own address and automatic replies are ignored; Auto-Submitted: no is not', async () => {
    const ownId = newMessageId('own');
    imap.deliver(email({ from: `Desk <${DESK.toUpperCase()}>`, subject: 'Loop?', messageId: ownId, text: 'From us.' }));
    const auto = uniqueEmail('ooo');
    const autoId = newMessageId('ooo');
    imap.deliver(email({
      from: `Out Of Office <${auto}>`, subject: 'Automatic reply: your case', messageId: autoId,
      headers: ['Auto-Submitted: auto-replied'], text: 'I am away until Monday.',
    }));
    const person = uniqueEmail('person');
    imap.deliver(email({
      from: `Per Son <${person}>`, subject: 'Written by hand', messageId: newMessageId('no'),
      headers: ['Auto-Submitted: no'], text: 'Hi!',
    }));
    await poll({ fetched: 3, ignored: 2, cases_created: 1 });
    assert.deepEqual(await contactsByEmail(auto), [], 'no contact for the autoresponder');
    assert.deepEqual(await contactsByEmail(DESK), [], 'no contact for the desk itself');
    await onlyCaseOf(person);
    assert.equal(imapMessage(ownId)[0].seen, true);
    assert.equal(imapMessage(autoId)[0].seen, true);
  });
});

// ================================================================== outbound

describe('outbound replies', () => {
  test('a public reply is emailed to the customer, threaded under their email; a note is not', async () => {
    const { address, messageId, kase } = await caseByEmail({ subject: 'Ødelagt tørketrommel', name: 'Åse Ødegård' });
    const text = 'Hei Åse!\n\nVi sender en ny varmepumpe i morgen – beklager bryet. ' +
                 'Dette er en lang linje som må brytes med myke linjeskift i quoted-printable-kodingen. 😀\n\nHilsen Agnes';
    const r = await agent.client.post(`/api/v1/cases/${kase.id}/messages`, { body: text, public: true });
    const reply = expectStatus(r, 201);
    assert.equal(reply.emailed, true, r.text);
    assert.equal(reply.direction, 'outbound');
    assert.equal(reply.case.status, 'open');

    const [sent] = await waitForMailTo(address, 1);
    assert.deepEqual(sent.to, [address]);
    assert.equal(sent.from, DESK, 'envelope sender is the desk');
    assert.equal(sent.auth, SMTP_USER, 'authenticated with the configured SMTP user');
    const p = sent.parsed;
    assert.ok(p.subject.includes(`[Case #${kase.number}]`), `subject: ${p.subject}`);
    assert.ok(p.subject.includes('Ødelagt tørketrommel'), `subject: ${p.subject}`);
    assert.deepEqual(sent.full.from.value.map((a) => [a.address, a.name]), [[DESK, DESK_NAME]]);
    assert.deepEqual(sent.full.to.value.map((a) => a.address), [address]);
    assert.match(p.messageId || '', /^<[^<>@\s]+@hearth\.test>$/, 'Message-ID in the desk\'s domain');
    assert.equal(p.inReplyTo, messageId);
    assert.deepEqual(p.references, [messageId]);
    assert.equal(p.text.replace(/\r\n/g, '\n').trim(), text);
    assert.match(p.headers['content-type'], /charset="?utf-8/i);
    assert.ok(p.headers.date, 'Date header');
    assert.equal(p.headers['auto-submitted'], undefined, 'a person\'s reply is not Auto-Submitted');

    // An internal note sends nothing.
    const note = expectStatus(await agent.client.post(`/api/v1/cases/${kase.id}/messages`,
                                                      { body: 'Internal: customer is VIP', public: false }), 201);
    assert.equal(note.emailed, false);
    // The email-send job is written with the message: none for the note.
    const jobs = (await listAll(h.admin, '/api/v1/jobs?kind=email-send')).filter((j) => j.payload?.to === address);
    assert.equal(jobs.length, 1, `one email-send job for the reply, none for the note: ${JSON.stringify(jobs)}`);
    assert.ok(!JSON.stringify(jobs).includes('VIP'), 'the note is in no email');

    // The customer answers our reply (In-Reply-To = our Message-ID only).
    imap.deliver(email({
      from: address, subject: `Re: ${p.subject}`, messageId: newMessageId('ans'),
      inReplyTo: p.messageId, text: 'Takk, det passer fint!',
    }));
    await poll({ fetched: 1, messages_added: 1 });
    const messages = await messagesOf(kase.id);
    assert.deepEqual(messages.map((m) => [m.direction, m.public]),
                     [['inbound', true], ['outbound', true], ['outbound', false], ['inbound', true]]);
    assert.equal(messages[3].body, 'Takk, det passer fint!');
    assert.equal((await mailTo(address)).length, 1, 'only the public reply was emailed');
  });

  test('a case opened by staff: the first reply starts the thread, the next ones answer it', async () => {
    const address = uniqueEmail('phone');
    const contact = expectStatus(await h.admin.post('/api/v1/contacts',
                                                   { first_name: 'Pia', last_name: 'Phone', email: address, owner_id: agent.id }), 201);
    const kase = expectStatus(await agent.client.post('/api/v1/cases', {
      contact_id: contact.id, subject: 'Called about billing', channel: 'phone',
    }), 201);
    expectStatus(await agent.client.post(`/api/v1/cases/${kase.id}/messages`, { body: 'First answer', public: true }), 201);
    const [first] = await waitForMailTo(address, 1);
    assert.equal(first.parsed.inReplyTo, null, 'nothing to answer yet');
    assert.ok(first.parsed.subject.includes(`[Case #${kase.number}] Called about billing`), first.parsed.subject);
    expectStatus(await agent.client.post(`/api/v1/cases/${kase.id}/messages`, { body: 'Second answer', public: true }), 201);
    const [, second] = await waitForMailTo(address, 2);
    assert.equal(second.parsed.inReplyTo, first.parsed.messageId);
    assert.ok(second.parsed.references.includes(first.parsed.messageId), JSON.stringify(second.parsed.references));
    assert.notEqual(second.parsed.messageId, first.parsed.messageId);

    // A customer without an email address: nothing to send.
    const nomail = expectStatus(await h.admin.post('/api/v1/contacts', { first_name: 'No', last_name: 'Mail', owner_id: agent.id }), 201);
    const k2 = expectStatus(await agent.client.post('/api/v1/cases', { contact_id: nomail.id, subject: 'Walk-in' }), 201);
    const r = expectStatus(await agent.client.post(`/api/v1/cases/${k2.id}/messages`, { body: 'Hi', public: true }), 201);
    assert.equal(r.emailed, false);
  });

  test('an SMTP 451 leaves the email-send job queued for a retry with the error', async () => {
    const { address, kase } = await caseByEmail();
    smtp.rejectNext(1, 451);
    const reply = expectStatus(await agent.client.post(`/api/v1/cases/${kase.id}/messages`,
                                                       { body: 'This one bounces first', public: true }), 201);
    assert.equal(reply.emailed, true);
    const deadline = Date.now() + MAIL_WAIT_MS;
    let job;
    for (;;) {
      const jobs = await listAll(h.admin, '/api/v1/jobs?kind=email-send');
      job = jobs.find((j) => j.payload?.to === address);
      if (job && job.attempts >= 1 && job.status !== 'running') break;
      if (Date.now() > deadline) assert.fail(`email-send job not retried in time: ${JSON.stringify(job)}`);
      await sleep(100);
    }
    assert.equal(job.status, 'queued', JSON.stringify(job));
    assert.equal(job.attempts, 1);
    assert.ok(job.max_attempts > 1, JSON.stringify(job));
    assert.equal(typeof job.last_error, 'string', JSON.stringify(job));
    assert.ok(job.last_error.length > 0);
    const retryIn = Date.parse(job.run_at) - Date.parse(job.updated_at);
    assert.ok(retryIn >= 25_000 && retryIn <= 35_000, `retry about 30 s later: ${JSON.stringify(job)}`);
    assert.ok(job.payload.subject.includes(`[Case #${kase.number}]`), JSON.stringify(job.payload));
    assert.ok(!JSON.stringify(job).includes(SMTP_PASSWORD), 'no SMTP password in the job');
    const filtered = await listAll(h.admin, '/api/v1/jobs?kind=email-send&status=queued');
    assert.ok(filtered.some((j) => j.id === job.id), 'status=queued lists it');
    assert.equal((await mailTo(address)).length, 0, 'nothing delivered');
  });
});

// ================================================================== escalation

describe('escalation email', () => {
  test('an SLA breach emails the managers (Auto-Submitted)', async () => {
    // 24/7 business hours: a one-minute first response target.
    const week = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [['00:00', '24:00']]]));
    expectStatus(await h.admin.post('/api/v1/sla-policies', {
      name: 'Urgent incidents', priority: 'urgent', kind: 'incident', first_response_minutes: 1,
      resolution_minutes: 60, business_hours: { tz: 'UTC', week }, holidays: [],
    }), 201);
    const contact = expectStatus(await h.admin.post('/api/v1/contacts',
                                                   { first_name: 'Esk', last_name: 'Alation', email: uniqueEmail('esc'), owner_id: agent.id }), 201);
    // Opened 57 s ago on the server's clock: the first response is due in about 3 s.
    const now = Date.parse(contact.created_at);
    const kase = expectStatus(await agent.client.post('/api/v1/cases', {
      contact_id: contact.id, subject: 'Server room flooded', kind: 'incident', priority: 'urgent',
      opened_at: new Date(now - 57_000).toISOString(),
    }), 201);
    assert.ok(kase.first_response_due_at, JSON.stringify(kase));
    const dueIn = Date.parse(kase.first_response_due_at) - now;
    assert.ok(dueIn > 0 && dueIn <= 5_000, `due in ${dueIn} ms: ${JSON.stringify(kase)}`);

    const [sent] = await waitForMailTo(manager.email, 1, dueIn + MAIL_WAIT_MS);
    assert.ok(sent.parsed.subject.includes(`#${kase.number}`), sent.parsed.subject);
    assert.match(sent.parsed.subject, /breach/i);
    assert.ok(sent.parsed.text.includes('Server room flooded'), sent.parsed.text);
    assert.equal(sent.from, DESK);
    assert.equal(sent.parsed.headers['auto-submitted'], 'auto-generated',
                 `an automatic notice carries Auto-Submitted: ${sent.raw.split('\r\n\r\n')[0]}`);
    const c = await getCase(kase.id);
    assert.equal(c.sla_state, 'breached');
    assert.equal(c.escalation_level, 'breach');
  });
});
