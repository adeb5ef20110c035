// Self-test of the mail test servers (mail_servers.mjs) with real clients only: the curl
// CLI speaks IMAP to the private Dovecot and SMTP to the sink, using the exact command
// forms the C++ email channel uses through libcurl (documented at the top of
// mail_servers.mjs). Needs root and dovecot-imapd; needs neither PostgreSQL nor hearth.
//
// Run:  node --test tests/api/mail_servers.test.mjs

import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { startImapServer, startSmtpServer } from './mail_servers.mjs';

/** Runs curl ARGS (stdin = INPUT) asynchronously: {code, stdout, stderr}. */
function curl(args, input = '') {
  return new Promise((resolve, reject) => {
    const child = spawn('curl', ['-sS', '--max-time', '20', ...args]);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

const imapCurl = (imap, url, ...args) => curl(['--url', url, '-u', `${imap.user}:${imap.password}`, ...args]);

/** `UID SEARCH UNSEEN` through curl → the UIDs as numbers. */
async function unseenUids(imap) {
  const r = await imapCurl(imap, imap.url, '-X', 'UID SEARCH UNSEEN');
  assert.equal(r.code, 0, r.stderr);
  const line = r.stdout.split('\r\n').find((l) => l.startsWith('* SEARCH'));
  assert.ok(line !== undefined, `no SEARCH line in ${JSON.stringify(r.stdout)}`);
  return line.split(' ').slice(2).filter(Boolean).map(Number);
}

const message = (n, extra = '') =>
  `From: Customer ${n} <customer${n}@example.com>\r\nTo: support@hearth.test\r\n` +
  `Subject: Question ${n}\r\nMessage-ID: <q${n}@example.com>\r\n${extra}\r\nBody of message ${n}.\r\n`;

describe('IMAP (private dovecot) through curl', () => {
  let imap;
  before(async () => { imap = await startImapServer(); });
  after(async () => { await imap?.stop(); });

  test('lists unseen messages by UID; the response is "* SEARCH uid…"', async () => {
    assert.deepEqual(await unseenUids(imap), []);
    imap.deliver(message(1));
    imap.deliver(message(2));
    assert.deepEqual(await unseenUids(imap), [1, 2]);
    const r = await imapCurl(imap, imap.url, '-X', 'UID SEARCH UNSEEN');
    assert.equal(r.stdout, '* SEARCH 1 2\r\n');
  });

  test('fetching ;UID=N returns the message byte-exact and sets \\Seen implicitly', async () => {
    const r = await imapCurl(imap, `${imap.url}/;UID=2`);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, message(2));
    assert.deepEqual(await unseenUids(imap), [1]);
    assert.deepEqual(imap.flags()['<q2@example.com>'], ['\\Seen']);
  });

  test('UID STORE +FLAGS (\\Seen) marks a message seen', async () => {
    const r = await imapCurl(imap, imap.url, '-X', 'UID STORE 1 +FLAGS (\\Seen)');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^\* 1 FETCH \(UID 1 FLAGS \(\\Seen\)\)\r\n$/);
    assert.deepEqual(await unseenUids(imap), []);
    assert.equal(imap.seenCount(), 2);
    assert.equal(imap.unseenCount(), 0);
  });

  test('UID STORE -FLAGS (\\Seen) undoes it', async () => {
    const r = await imapCurl(imap, imap.url, '-X', 'UID STORE 2 -FLAGS.SILENT (\\Seen)');
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '');
    assert.deepEqual(await unseenUids(imap), [2]);
    await imapCurl(imap, imap.url, '-X', 'UID STORE 2 +FLAGS.SILENT (\\Seen)');
  });

  test(';UID=N is a real UID, not a sequence number (checked after an EXPUNGE)', async () => {
    imap.deliver(message(3));
    await imapCurl(imap, imap.url, '-X', 'UID STORE 1 +FLAGS.SILENT (\\Deleted)');
    const ex = await imapCurl(imap, imap.url, '-X', 'EXPUNGE');
    assert.equal(ex.code, 0, ex.stderr);
    assert.deepEqual(await unseenUids(imap), [3]);
    const r = await imapCurl(imap, `${imap.url}/;UID=3`);
    assert.equal(r.stdout, message(3));                // UID 3 is now sequence number 2
    const gone = await imapCurl(imap, `${imap.url}/;UID=1`);
    assert.equal(gone.code, 78, 'an expunged UID is CURLE_REMOTE_FILE_NOT_FOUND');
    assert.deepEqual(imap.messages().map((m) => m.subject), ['Question 2', 'Question 3']);
  });

  test('STATUS gives UIDVALIDITY, UIDNEXT and UNSEEN without selecting', async () => {
    imap.deliver(message(4));
    const r = await imapCurl(imap, `imap://${imap.host}:${imap.port}/`, '-X',
                             'STATUS INBOX (UIDVALIDITY UIDNEXT UNSEEN)');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^\* STATUS INBOX \(.*UIDNEXT 5.*\)\r\n$/);
    assert.match(r.stdout, /UIDVALIDITY \d+/);
    assert.match(r.stdout, /UNSEEN 1\b/);
  });

  test('a wrong password is CURLE_LOGIN_DENIED (67)', async () => {
    const r = await curl(['--url', imap.url, '-u', `${imap.user}:wrong`, '-X', 'UID SEARCH UNSEEN']);
    assert.equal(r.code, 67);
  });
});

test('two IMAP servers run side by side with separate ports and mailboxes', async () => {
  const [a, b] = await Promise.all([startImapServer(), startImapServer()]);
  try {
    assert.notEqual(a.port, b.port);
    assert.notEqual(a.dir, b.dir);
    a.deliver(message(1));
    assert.deepEqual(await unseenUids(a), [1]);
    assert.deepEqual(await unseenUids(b), []);
    const cross = await curl(['--url', b.url, '-u', `${a.user}:${a.password}`, '-X', 'UID SEARCH UNSEEN']);
    assert.equal(cross.code, 67, 'each server has its own random password');
  } finally {
    await Promise.all([a.stop(), b.stop()]);
  }
});

describe('SMTP sink through curl', () => {
  let smtp;
  before(async () => { smtp = await startSmtpServer(); });
  after(async () => { await smtp?.stop(); });

  const send = (body, ...args) =>
    curl(['--url', smtp.url, '-w', '%{response_code}', '--mail-from', 'support@hearth.test',
          '--mail-rcpt', 'customer1@example.com', ...args, '-T', '-'], body);

  test('receives a reply with its envelope and threading headers', async () => {
    const reply = 'From: Support <support@hearth.test>\r\nTo: customer1@example.com\r\n' +
      'Subject: Re: Question 1\r\nMessage-ID: <r1@hearth.test>\r\n' +
      'In-Reply-To: <q1@example.com>\r\nReferences: <q0@example.com> <q1@example.com>\r\n' +
      'X-Hearth-Case: 42\r\n\r\nThanks for asking.\r\n.A line that starts with a dot\r\n';
    const r = await send(reply, '--mail-rcpt', 'cc@example.com');
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '250');
    const [m] = await smtp.waitFor(1);
    assert.equal(m.from, 'support@hearth.test');
    assert.deepEqual(m.to, ['customer1@example.com', 'cc@example.com']);
    assert.equal(m.raw, reply, 'dot-stuffing is undone; bytes arrive as sent');
    assert.equal(m.parsed.subject, 'Re: Question 1');
    assert.equal(m.parsed.messageId, '<r1@hearth.test>');
    assert.equal(m.parsed.inReplyTo, '<q1@example.com>');
    assert.deepEqual(m.parsed.references, ['<q0@example.com>', '<q1@example.com>']);
    assert.equal(m.parsed.headers['message-id'], '<r1@hearth.test>');
    assert.equal(m.parsed.headers['x-hearth-case'], '42');
    assert.match(m.parsed.text, /^Thanks for asking\.\n\.A line/);
  });

  test('rejectNext answers DATA with 451 or 550: curl exits 8, response code tells which', async () => {
    const before = smtp.messages.length;
    smtp.rejectNext(1, 451);
    const soft = await send(message(5));
    assert.equal(soft.code, 8);
    assert.equal(soft.stdout, '451');
    smtp.rejectNext(1, 550);
    const hard = await send(message(6));
    assert.equal(hard.code, 8);
    assert.equal(hard.stdout, '550');
    assert.equal(smtp.messages.length, before, 'rejected messages are not kept');
    const ok = await send(message(7));
    assert.equal(ok.code, 0, ok.stderr);
    await smtp.waitFor(before + 1);
  });

  test('waitFor rejects when the messages do not come', async () => {
    await assert.rejects(smtp.waitFor(smtp.messages.length + 1, 200), /wanted/);
  });
});

test('SMTP sink with credentials requires AUTH and records the user', async () => {
  const smtp = await startSmtpServer({ user: 'hearth', password: 'mail-pw' });
  try {
    const args = ['--url', smtp.url, '--mail-from', 'a@hearth.test', '--mail-rcpt', 'b@example.com', '-T', '-'];
    assert.equal((await curl(args, message(1))).code, 55, 'no AUTH: MAIL FROM gets 530');
    assert.equal((await curl([...args, '-u', 'hearth:wrong'], message(1))).code, 67);
    const ok = await curl([...args, '-u', 'hearth:mail-pw'], message(1));
    assert.equal(ok.code, 0, ok.stderr);
    const [m] = await smtp.waitFor(1);
    assert.equal(m.auth, 'hearth');
    assert.equal(smtp.messages.length, 1);
  } finally {
    await smtp.stop();
  }
});
