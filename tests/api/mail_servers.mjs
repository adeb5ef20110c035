// Real mail servers on loopback for the API tests of the email channel: a private Dovecot
// IMAP server (the mailbox `hearth serve` polls) and a nodemailer smtp-server sink (where
// it sends replies). No mocks: the CRM talks to them with libcurl exactly as in production.
// Every call starts a fresh instance on its own port and temp dir, so test files can run
// concurrently. Dovecot needs root (it runs as root and stores mail as user `nobody`).
//
// Dovecot: `dovecot -F -c DIR/dovecot.conf` as a child process (stop = SIGTERM; it takes
// about a second to exit). DIR is a fresh mkdtemp holding the generated config, base_dir
// run/, state_dir state/, dovecot.log, a passwd-file (one user, random {PLAIN} password,
// uid/gid of `nobody`: Dovecot refuses UID 0 for mail) and home/Maildir owned by nobody.
// IMAP only, 127.0.0.1 on a free port, ssl = no, AUTH=PLAIN/LOGIN, no auth failure delay.
// deliver() writes the file into Maildir/tmp and renames it into new/ (Maildir delivery);
// the next IMAP session sees it. messages()/flags() read flags from the Maildir file names.
//
//   import { startImapServer, startSmtpServer } from './mail_servers.mjs';
//   const imap = await startImapServer();   // imap.url, imap.user, imap.password
//   imap.deliver('From: a@example.com\r\nSubject: hi\r\nMessage-ID: <1@x>\r\n\r\nbody\r\n');
//   const smtp = await startSmtpServer();   // smtp.url; await smtp.waitFor(1)
//   … await imap.stop(); await smtp.stop();
//
// curl forms proven against these servers by mail_servers.test.mjs (curl/libcurl 7.88.1,
// Dovecot 2.3.19). The libcurl equivalents: URL = CURLOPT_URL, -u = CURLOPT_USERNAME /
// CURLOPT_PASSWORD, -X = CURLOPT_CUSTOMREQUEST, --mail-from = CURLOPT_MAIL_FROM,
// --mail-rcpt = CURLOPT_MAIL_RCPT (a curl_slist), -T = CURLOPT_UPLOAD + CURLOPT_READFUNCTION.
//
//   List unseen UIDs:
//     curl --url 'imap://127.0.0.1:PORT/INBOX' -u USER:PW -X 'UID SEARCH UNSEEN'
//     curl SELECTs INBOX (from the URL path) and then sends the custom command; the body it
//     writes is the raw untagged response, e.g. "* SEARCH 1 2\r\n", and "* SEARCH\r\n" when
//     nothing is unseen. Parse: take the line starting "* SEARCH", split on spaces.
//     (Do NOT use the URL form 'imap://…/INBOX?UNSEEN': curl sends plain `SEARCH UNSEEN`,
//     which answers message SEQUENCE numbers, not UIDs.)
//   Fetch one message by UID (whole RFC 822 message, byte-exact, nothing else in the body):
//     curl --url 'imap://127.0.0.1:PORT/INBOX/;UID=N' -u USER:PW
//     curl sends `UID FETCH N BODY[]` (a real UID, checked after an EXPUNGE), and BODY[]
//     (not BODY.PEEK[]) SETS \Seen IMPLICITLY. ';UID=N;SECTION=HEADER' does the same for
//     the header only. A UID that does not exist (e.g. expunged meanwhile): curl exits 78
//     (CURLE_REMOTE_FILE_NOT_FOUND) with an empty body.
//     Custom `-X 'UID FETCH N BODY.PEEK[]'` is useless: curl prints only the first line
//     ("* 1 FETCH (UID N BODY[] {34}") and drops the literal.
//   Mark seen (or undo a fetch's implicit \Seen with -FLAGS if storing the message failed):
//     curl --url 'imap://127.0.0.1:PORT/INBOX' -u USER:PW -X 'UID STORE N +FLAGS (\Seen)'
//     body: "* SEQ FETCH (UID N FLAGS (\Seen))\r\n"; with +FLAGS.SILENT the body is empty.
//   Mailbox state (UIDVALIDITY changes mean every UID you remember is void):
//     curl --url 'imap://127.0.0.1:PORT/' -u USER:PW -X 'STATUS INBOX (UIDVALIDITY UIDNEXT UNSEEN)'
//     body: "* STATUS INBOX (UIDNEXT 3 UIDVALIDITY 1795897264 UNSEEN 2)\r\n" (any order)
//   Wrong password: curl exits 67 (CURLE_LOGIN_DENIED).
//   Send:
//     curl --url 'smtp://127.0.0.1:PORT' --mail-from a@x --mail-rcpt b@y --mail-rcpt c@y -T msg.eml
//     msg.eml is sent as is (use CRLF line ends); curl dot-stuffs lines starting with '.'.
//     With credentials add -u USER:PW (curl then uses AUTH PLAIN over the plain connection);
//     bad credentials: exit 67 (CURLE_LOGIN_DENIED); AUTH required but not sent: exit 55
//     ("MAIL failed: 530"). A rejected RCPT TO: exit 55 ("RCPT failed: 501").
//     A 4xx/5xx answer to the end of DATA (see rejectNext): exit 8 (CURLE_WEIRD_SERVER_REPLY)
//     for both; tell them apart by CURLINFO_RESPONSE_CODE (curl -w '%{response_code}'):
//     451 -> retry later, 550 -> permanent. Success: exit 0, response code 250.

import { spawn, execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync,
         renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import net from 'node:net';

const here = path.dirname(fileURLToPath(import.meta.url));
// smtp-server and mailparser are devDependencies of web/ (installed by `npm ci` there).
const webRequire = createRequire(path.resolve(here, '..', '..', 'web', 'package.json'));
const { SMTPServer } = webRequire('smtp-server');
const { simpleParser } = webRequire('mailparser');

const DOVECOT = process.env.DOVECOT_BIN || '/usr/sbin/dovecot';
const MAIL_OWNER = 'nobody';          // Dovecot refuses UID 0 for mail; nobody is always there
const READY_TIMEOUT_MS = 10_000;
const STOP_TIMEOUT_MS = 5_000;
const PORT_ATTEMPTS = 3;

// ---------------------------------------------------------------------------- helpers

/** A TCP port that was free a moment ago on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Resolves true once PORT answers with an IMAP greeting ("* OK"), false on timeout. */
function imapGreets(port) {
  return new Promise((resolve) => {
    const sock = net.connect(port, '127.0.0.1');
    let data = '';
    const done = (ok) => { sock.destroy(); resolve(ok); };
    sock.setTimeout(1000, () => done(false));
    sock.on('error', () => done(false));
    sock.on('data', (d) => { data += d; if (data.includes('\n')) done(data.startsWith('* OK')); });
  });
}

function idOf(user) {
  const num = (flag) => Number(execFileSync('id', [flag, user], { encoding: 'utf8' }).trim());
  return { uid: num('-u'), gid: num('-g') };
}

// Children that must not outlive a crashed test process.
const liveChildren = new Set();
process.once('exit', () => { for (const c of liveChildren) c.kill('SIGKILL'); });

function stopChild(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    child.once('exit', () => { clearTimeout(timer); resolve(); });
    child.kill('SIGTERM');
  });
}

// ---------------------------------------------------------------------------- IMAP

function dovecotConfig(dir, port) {
  return `# Private Dovecot for one Hearth API test; generated by tests/api/mail_servers.mjs
protocols = imap
listen = 127.0.0.1
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_verbose = yes
auth_failure_delay = 0
mail_location = maildir:~/Maildir
passdb {
  driver = passwd-file
  args = ${dir}/passwd
}
userdb {
  driver = passwd-file
  args = ${dir}/passwd
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
`;
}

/** Lays out the temp dir: run/, state/, passwd, home/Maildir/{cur,new,tmp} owned by nobody. */
function prepareImapDir(user, password) {
  const dir = mkdtempSync(path.join(tmpdir(), 'hearth-imap-'));
  chmodSync(dir, 0o755);                       // imap (as nobody) and auth (as dovecot) enter it
  const owner = idOf(MAIL_OWNER);
  const home = path.join(dir, 'home');
  const maildir = path.join(home, 'Maildir');
  for (const d of ['run', 'state']) mkdirSync(path.join(dir, d));
  for (const d of [home, maildir, ...['cur', 'new', 'tmp'].map((s) => path.join(maildir, s))]) {
    mkdirSync(d);
    chownSync(d, owner.uid, owner.gid);
  }
  writeFileSync(path.join(dir, 'passwd'),
                `${user}:{PLAIN}${password}:${owner.uid}:${owner.gid}::${home}\n`, { mode: 0o644 });
  return { dir, maildir, owner };
}

/** Spawns `dovecot -F` on PORT; resolves the child once it greets, or null if it died. */
async function launchDovecot(dir, port) {
  const conf = path.join(dir, 'dovecot.conf');
  writeFileSync(conf, dovecotConfig(dir, port));
  const child = spawn(DOVECOT, ['-F', '-c', conf], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  liveChildren.add(child);
  child.once('exit', () => liveChildren.delete(child));
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) return { child: null, stderr };
    if (await imapGreets(port)) return { child, stderr };
    await sleep(50);
  }
  await stopChild(child);
  throw new Error(`dovecot did not greet on 127.0.0.1:${port} within ${READY_TIMEOUT_MS} ms: ` +
                  `${stderr}\n${readLog(dir)}`);
}

function readLog(dir) {
  const f = path.join(dir, 'dovecot.log');
  return existsSync(f) ? readFileSync(f, 'utf8') : '';
}

const MAILDIR_FLAGS = { D: '\\Draft', F: '\\Flagged', R: '\\Answered', S: '\\Seen', T: '\\Deleted' };

function headerValue(raw, name) {
  const head = raw.split(/\r?\n\r?\n/, 1)[0].replace(/\r?\n[ \t]+/g, ' ');
  const m = head.match(new RegExp(`^${name}:[ \\t]*(.*)$`, 'im'));
  return m ? m[1].trim() : null;
}

/** One pass over new/ and cur/; throws ENOENT if Dovecot renamed a file meanwhile. */
function scanMaildir(maildir) {
  const out = [];
  for (const sub of ['new', 'cur']) {
    for (const file of readdirSync(path.join(maildir, sub))) {
      const [base, info = ''] = file.split(':2,');
      const raw = readFileSync(path.join(maildir, sub, file), 'utf8');
      const flags = [...info].map((c) => MAILDIR_FLAGS[c]).filter(Boolean);
      out.push({ file: base, raw, flags, seen: flags.includes('\\Seen'),
                 messageId: headerValue(raw, 'message-id'), subject: headerValue(raw, 'subject') });
    }
  }
  return out.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

function listMaildir(maildir) {
  for (let attempt = 0; ; attempt++) {
    try { return scanMaildir(maildir); } catch (e) { if (e.code !== 'ENOENT' || attempt > 5) throw e; }
  }
}

let deliverySeq = 0;

/** Maildir delivery: write into tmp/, rename into new/ (atomic; Dovecot sees it at once). */
function deliverTo(maildir, owner, raw) {
  const name = `${Date.now()}.P${process.pid}Q${String(++deliverySeq).padStart(6, '0')}` +
               `R${randomBytes(4).toString('hex')}.hearth-test`;
  const tmp = path.join(maildir, 'tmp', name);
  writeFileSync(tmp, raw, { mode: 0o600 });
  chownSync(tmp, owner.uid, owner.gid);
  renameSync(tmp, path.join(maildir, 'new', name));
  return name;
}

/**
 * Starts a private Dovecot (IMAP only, no TLS) on a free 127.0.0.1 port with one user.
 * Returns {url, host, port, user, password, dir, deliver(raw), messages(), flags(),
 * seenCount(), unseenCount(), log(), stop()}:
 *  - deliver(raw) puts RAW (an RFC 822 string; use CRLF) into INBOX as a new unseen
 *    message and returns its Maildir file name.
 *  - messages() lists INBOX in delivery order: {file, raw, flags:['\\Seen',…], seen,
 *    messageId, subject}, read straight from the Maildir (no IMAP session involved).
 *  - flags() maps each message's Message-ID (or file name if none) to its flags.
 *  - stop() kills Dovecot and removes the temp dir.
 */
export async function startImapServer({ user = 'hearth-inbox', password = randomBytes(12).toString('hex') } = {}) {
  if (process.getuid?.() !== 0) throw new Error('startImapServer needs root (dovecot runs as root)');
  const { dir, maildir, owner } = prepareImapDir(user, password);
  let child = null;
  let port = 0;
  let lastErr = '';
  try {
    for (let attempt = 0; attempt < PORT_ATTEMPTS && !child; attempt++) {
      port = await freePort();                          // another process may grab it first
      ({ child, stderr: lastErr } = await launchDovecot(dir, port));
    }
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  if (!child) {
    const log = readLog(dir);
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`dovecot failed to start ${PORT_ATTEMPTS} times: ${lastErr}\n${log}`);
  }
  const messages = () => listMaildir(maildir);
  return {
    url: `imap://127.0.0.1:${port}/INBOX`, host: '127.0.0.1', port, user, password, dir,
    deliver: (raw) => deliverTo(maildir, owner, raw),
    messages,
    flags: () => Object.fromEntries(messages().map((m) => [m.messageId ?? m.file, m.flags])),
    seenCount: () => messages().filter((m) => m.seen).length,
    unseenCount: () => messages().filter((m) => !m.seen).length,
    log: () => readLog(dir),
    stop: async () => { await stopChild(child); rmSync(dir, { recursive: true, force: true }); },
  };
}

// ---------------------------------------------------------------------------- SMTP

/** Raw header lines → {lowercase name: value} (a repeated header becomes an array). */
function headerMap(headerLines) {
  const map = {};
  for (const { key, line } of headerLines) {
    const value = line.slice(line.indexOf(':') + 1).replace(/\r?\n[ \t]+/g, ' ').trim();
    if (!(key in map)) map[key] = value;
    else map[key] = [].concat(map[key], value);
  }
  return map;
}

async function parseMessage(raw) {
  const p = await simpleParser(raw);
  const refs = p.references === undefined ? [] : [].concat(p.references);
  return { subject: p.subject ?? null, messageId: p.messageId ?? null,
           inReplyTo: p.inReplyTo ?? null, references: refs, text: p.text ?? '',
           html: p.html || null, headers: headerMap(p.headerLines) };
}

function collectStream(stream) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    stream.on('data', (c) => chunks.push(c));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

function smtpError(code, message) {
  const err = new Error(message);
  err.responseCode = code;
  return err;
}

/**
 * Starts an SMTP sink (nodemailer's smtp-server) on a free 127.0.0.1 port, no TLS.
 * opts.user/opts.password: require AUTH with these credentials (default: AUTH optional,
 * and any credentials a client sends are accepted).
 * Returns {url, host, port, messages, waitFor(n, timeoutMs), rejectNext(n, code, text), stop()}:
 *  - messages: every accepted message, in order: {from, to:[…], auth, raw, parsed:{subject,
 *    messageId, inReplyTo, references:[…], text, html, headers:{'message-id': …, …}}}.
 *  - waitFor(n) resolves with messages once there are at least n (rejects on timeout).
 *  - rejectNext(n, code=451) answers the next n DATA commands with CODE (451 temporary,
 *    550 permanent) and keeps nothing, to test retries and bounces.
 */
export async function startSmtpServer({ user = null, password = null } = {}) {
  const messages = [];
  const waiters = [];
  const rejections = [];
  const wake = () => {
    for (const w of [...waiters]) if (messages.length >= w.n) { w.done(); waiters.splice(waiters.indexOf(w), 1); }
  };
  // Reads one message; resolves the 250 text or rejects with the SMTP error to answer.
  const receive = async (stream, session) => {
    const raw = (await collectStream(stream)).toString('utf8');
    const rejection = rejections.shift();
    if (rejection) throw smtpError(rejection.code, rejection.text);
    messages.push({ from: session.envelope.mailFrom?.address ?? null,
                    to: session.envelope.rcptTo.map((r) => r.address),
                    auth: session.user ?? null, raw, parsed: await parseMessage(raw) });
    wake();
    return 'Queued';
  };
  const server = new SMTPServer({
    secure: false, disabledCommands: ['STARTTLS'], hideSTARTTLS: true,
    authOptional: !user, allowInsecureAuth: true, authMethods: ['PLAIN', 'LOGIN'],
    logger: false, closeTimeout: 1000,
    onAuth(auth, _session, cb) {
      if (user && (auth.username !== user || auth.password !== password)) {
        return cb(smtpError(535, 'Authentication failed'));
      }
      cb(null, { user: auth.username });
    },
    onData(stream, session, cb) {
      receive(stream, session).then((reply) => cb(null, reply), cb);
    },
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => { server.off('error', reject); resolve(); });
  });
  server.on('error', () => {});                 // client-side resets must not crash the test
  const { port } = server.server.address();
  return {
    url: `smtp://127.0.0.1:${port}`, host: '127.0.0.1', port, messages,
    waitFor(n, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(w), 1);
          reject(new Error(`SMTP sink: wanted ${n} messages, got ${messages.length} in ${timeoutMs} ms`));
        }, timeoutMs);
        const w = { n, done: () => { clearTimeout(timer); resolve(messages); } };
        waiters.push(w);
        wake();
      });
    },
    rejectNext(n = 1, code = 451, text = code >= 500 ? 'Rejected for the test' : 'Try again later') {
      for (let i = 0; i < n; i++) rejections.push({ code, text });
    },
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
