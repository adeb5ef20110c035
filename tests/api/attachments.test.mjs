// Case attachments and sales leads. Attachments: the file is the raw request body with its
// type as Content-Type and `?filename=`; PDF, PNG, text and the other allowed types are
// kept byte for byte (sha256); a type not on the list, or bytes that do not match the
// declared type, is a 415 attachment-type; more than 5 MiB is a 413 attachment-too-large
// (below the server's general 8 MiB body limit); names lose their paths and control
// characters; downloads are `Content-Disposition: attachment` with nosniff and a sandbox
// CSP. Sales leads: POST /cases/{id}/sales-lead makes a `sales_lead` task for the
// customer's owner (on their /tasks/mine and the timeline), noted on the case; 409
// no-owner when the customer has none.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { setup, expectStatus, expectProblem, expectFieldErrors, RFC3339_UTC } from './harness.mjs';
import { customer, openCase, caseEvents, notifications } from './service_helpers.mjs';

let h, agent, owner, viewer;
before(async () => {
  h = await setup({ users: ['agent', 'viewer'] });
  [agent, viewer] = h.users;
  owner = await h.makeUser('agent', { name: 'Siri Salg' });
});
after(async () => { await h?.stop(); });

const MiB = 1024 * 1024;
const sha256 = (buf) => createHash('sha256').update(buf).digest('hex');

/** A real 1×1 PNG. */
function png() {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const c = Buffer.alloc(4);
    c.writeUInt32BE(crc(td));
    return Buffer.concat([len, td, c]);
  };
  const ihdr = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr),
                        chunk('IDAT', deflateSync(Buffer.from([0, 255, 0, 0]))), chunk('IEND', Buffer.alloc(0))]);
}

/** A small PDF; `size` pads it with a comment to exactly that many bytes. */
function pdf(size = 0) {
  const head = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');
  if (size <= head.length) return head;
  return Buffer.concat([head, Buffer.from('%'), Buffer.alloc(size - head.length - 2, 'x'), Buffer.from('\n')]);
}

async function upload(k, name, bytes, contentType, client = agent.client) {
  const q = name === null ? '' : `?filename=${encodeURIComponent(name)}`;
  return client.request('POST', `/api/v1/cases/${k.id}/attachments${q}`, { raw: bytes, contentType });
}

/** Downloads an attachment: {res, bytes (Buffer)} — the harness decodes bodies as text. */
async function download(k, id, token = viewer.token) {
  const res = await fetch(`${h.base}/api/v1/cases/${k.id}/attachments/${id}`, { headers: { authorization: `Bearer ${token}` } });
  return { res, bytes: Buffer.from(await res.arrayBuffer()) };
}

async function listed(k) {
  const body = expectStatus(await viewer.client.get(`/api/v1/cases/${k.id}/attachments`), 200);
  assert.ok(Array.isArray(body.items));
  return body.items;
}

describe('attachments', () => {
  let c;
  before(async () => { c = await customer(agent.client, { owner_id: owner.id }); });

  const files = [
    ['a PDF', 'report.pdf', () => pdf(), 'application/pdf'],
    ['a PNG', 'screenshot.png', png, 'image/png'],
    ['plain text (UTF-8)', 'notes.txt', () => Buffer.from('Hei på deg — ærlig talt\nline 2\n', 'utf8'), 'text/plain'],
    ['CSV', 'orders.csv', () => Buffer.from('sku,qty\nA-1,2\n'), 'text/csv'],
  ];
  for (const [what, name, make, type] of files) {
    test(`${what}: 201 with metadata; listed; downloaded byte for byte as an attachment`, async () => {
      const k = await openCase(agent.client, c);
      const bytes = make();
      const r = await upload(k, name, bytes, type);
      const a = expectStatus(r, 201);
      assert.equal(typeof a.id, 'string');
      assert.equal(a.filename, name);
      assert.equal(a.content_type, type);
      assert.equal(a.size_bytes, bytes.length);
      assert.equal(a.sha256, sha256(bytes));
      assert.match(a.created_at, RFC3339_UTC);
      const items = await listed(k);
      assert.equal(items.length, 1);
      for (const f of ['id', 'filename', 'content_type', 'size_bytes', 'sha256']) assert.deepEqual(items[0][f], a[f], f);

      const { res, bytes: got } = await download(k, a.id);
      assert.equal(res.status, 200);
      assert.equal(sha256(got), sha256(bytes), 'the same bytes come back');
      assert.equal(got.length, bytes.length);
      assert.match(res.headers.get('content-type') || '', new RegExp(`^${type.replace('/', '\\/')}`));
      const cd = res.headers.get('content-disposition') || '';
      assert.match(cd, /^attachment\b/, cd);
      assert.ok(cd.includes(`filename="${name}"`), cd);
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
      assert.match(res.headers.get('content-security-policy') || '', /sandbox/);
    });
  }

  test('Content-Type with parameters and in upper case is accepted', async () => {
    const k = await openCase(agent.client, c);
    const a = expectStatus(await upload(k, 'x.txt', Buffer.from('hello'), 'Text/Plain; charset=utf-8'), 201);
    assert.equal(a.content_type, 'text/plain');
  });

  test('names lose paths and control characters: Content-Disposition has only the safe name', async () => {
    const k = await openCase(agent.client, c);
    const cases = [
      ['../../etc/passwd.txt', 'passwd.txt'],
      ['C:\\Users\\kari\\Desktop\\invoice.pdf', 'invoice.pdf'],
      ['bad\r\nSet-Cookie: x=1.txt', 'badSet-Cookie: x=1.txt'],
      ['tab\tand\u001bescape\u007f.txt', 'tabandescape.txt'],
    ];
    for (const [given, safe] of cases) {
      const bytes = given.endsWith('.pdf') ? pdf() : Buffer.from(`content of ${safe}`);
      const type = given.endsWith('.pdf') ? 'application/pdf' : 'text/plain';
      const a = expectStatus(await upload(k, given, bytes, type), 201);
      assert.equal(a.filename, safe, `${JSON.stringify(given)} is stored as ${JSON.stringify(safe)}`);
      const { res } = await download(k, a.id);
      const cd = res.headers.get('content-disposition') || '';
      assert.match(cd, /^attachment\b/);
      assert.ok(!/[\r\n]/.test(cd) && !cd.includes('/') && !cd.includes('\\'), `no path or line break: ${cd}`);
      assert.ok(cd.includes(safe.replace(/"/g, '')), cd);
      assert.equal(res.headers.get('set-cookie'), null, 'no header injection');
    }
  });

  test('a non-ASCII name is kept (filename* for clients that read it)', async () => {
    const k = await openCase(agent.client, c);
    const a = expectStatus(await upload(k, 'Kvittering ø.pdf', pdf(), 'application/pdf'), 201);
    assert.equal(a.filename, 'Kvittering ø.pdf');
    const { res } = await download(k, a.id);
    const cd = res.headers.get('content-disposition') || '';
    assert.match(cd, /filename\*=UTF-8''Kvittering%20%C3%B8\.pdf/i, cd);
  });

  const refused = [
    ['HTML', 'page.html', Buffer.from('<html><script>alert(1)</script></html>'), 'text/html'],
    ['SVG (scriptable)', 'logo.svg', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), 'image/svg+xml'],
    ['an executable', 'setup.exe', Buffer.from('MZ\x90\x00\x03', 'latin1'), 'application/x-msdownload'],
    ['octet-stream', 'blob.bin', randomBytes(64), 'application/octet-stream'],
    ['no Content-Type', 'none.pdf', pdf(), undefined],
  ];
  for (const [what, name, bytes, type] of refused) {
    test(`type not allowed: ${what} → 415 attachment-type, nothing stored`, async () => {
      const k = await openCase(agent.client, c);
      expectProblem(await upload(k, name, bytes, type), 415, 'attachment-type');
      assert.deepEqual(await listed(k), []);
    });
  }

  const mismatched = [
    ['HTML declared as PDF', 'x.pdf', Buffer.from('<html><body>hi</body></html>'), 'application/pdf'],
    ['a PDF declared as PNG', 'x.png', pdf(), 'image/png'],
    ['a PNG declared as JPEG', 'x.jpg', png(), 'image/jpeg'],
    ['binary declared as text', 'x.txt', Buffer.from([0x48, 0x00, 0xff, 0xfe, 0x00]), 'text/plain'],
    ['HTML declared as a Word document', 'x.docx', Buffer.from('<html></html>'), 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
  ];
  for (const [what, name, bytes, type] of mismatched) {
    test(`bytes do not match the type: ${what} → 415 attachment-type`, async () => {
      const k = await openCase(agent.client, c);
      expectProblem(await upload(k, name, bytes, type), 415, 'attachment-type');
      assert.deepEqual(await listed(k), []);
    });
  }

  test('size: exactly 5 MiB is accepted; 5 MiB + 1 byte → 413 attachment-too-large; 9 MiB → 413', async () => {
    const k = await openCase(agent.client, c);
    const max = pdf(5 * MiB);
    const a = expectStatus(await upload(k, 'max.pdf', max, 'application/pdf'), 201);
    assert.equal(a.size_bytes, 5 * MiB);
    const { bytes } = await download(k, a.id);
    assert.equal(sha256(bytes), sha256(max));
    expectProblem(await upload(k, 'over.pdf', pdf(5 * MiB + 1), 'application/pdf'), 413, 'attachment-too-large');
    expectProblem(await upload(k, 'huge.pdf', pdf(9 * MiB), 'application/pdf'), 413,
                  ['attachment-too-large', 'payload-too-large']);
    assert.deepEqual((await listed(k)).map((x) => x.filename), ['max.pdf']);
  });

  test('an empty file → 422; no ?filename → 400; viewer → 403; unknown case or attachment → 404', async () => {
    const k = await openCase(agent.client, c);
    const r = await upload(k, 'empty.txt', Buffer.alloc(0), 'text/plain');
    assert.ok([400, 422].includes(r.status), `an empty file is refused: ${r.status} ${r.text}`);
    expectProblem(await upload(k, null, pdf(), 'application/pdf'), 400, 'bad-request');
    expectProblem(await upload(k, 'x.pdf', pdf(), 'application/pdf', viewer.client), 403, 'forbidden');
    expectProblem(await upload({ id: 'cas_nothing' }, 'x.pdf', pdf(), 'application/pdf'), 404, 'not-found');
    assert.deepEqual(await listed(k), []);
    const a = expectStatus(await upload(k, 'real.pdf', pdf(), 'application/pdf'), 201);
    const otherCase = await openCase(agent.client, c);
    const { res } = await download(otherCase, a.id);
    assert.equal(res.status, 404, 'an attachment is only found through its own case');
    assert.equal((await download(k, 'att_nothing')).res.status, 404);
    expectProblem(await viewer.client.get('/api/v1/cases/cas_nothing/attachments'), 404, 'not-found');
  });

  test('an upload is a case event (attachment)', async () => {
    const k = await openCase(agent.client, c);
    expectStatus(await upload(k, 'evidence.png', png(), 'image/png'), 201);
    const events = (await caseEvents(viewer.client, k.id)).filter((e) => e.kind === 'attachment');
    assert.equal(events.length, 1);
    assert.ok(events[0].detail.includes('evidence.png'), events[0].detail);
  });
});

describe('sales leads', () => {
  test('a sales_lead task for the customer\'s owner: on their /tasks/mine, the timeline, the case events', async () => {
    const c = await customer(agent.client, { owner_id: owner.id, first_name: 'Lise', last_name: 'Lead' });
    const k = await openCase(agent.client, c, { subject: 'Wants 40 more licences' });
    const r = await agent.client.post(`/api/v1/cases/${k.id}/sales-lead`, {
      title: 'Offer 40 licences', notes: 'Asked on the phone', due_at: '2031-01-15T09:00:00Z',
    });
    const t = expectStatus(r, 201);
    assert.equal(t.kind, 'sales_lead');
    assert.equal(t.assignee_id, owner.id, 'for the customer\'s owner, not the caller');
    assert.equal(t.contact_id, c.id);
    assert.equal(t.title, 'Offer 40 licences');
    assert.equal(t.notes, 'Asked on the phone');
    assert.equal(Date.parse(t.due_at), Date.parse('2031-01-15T09:00:00Z'));
    assert.equal(t.status, 'open');
    assert.equal(t.created_by, agent.id);
    assert.deepEqual(expectStatus(await viewer.client.get(`/api/v1/tasks/${t.id}`), 200).kind, 'sales_lead');

    const mine = expectStatus(await owner.client.get('/api/v1/tasks/mine'), 200);
    assert.ok(mine.upcoming.some((x) => x.id === t.id), 'on the owner\'s task list');
    const callers = expectStatus(await agent.client.get('/api/v1/tasks/mine'), 200);
    assert.ok(![...callers.overdue, ...callers.today, ...callers.upcoming].some((x) => x.id === t.id));

    const tl = expectStatus(await viewer.client.get(`/api/v1/contacts/${c.id}/timeline?kind=task`), 200).items;
    assert.deepEqual(tl.map((e) => e.ref_id), [t.id]);

    const events = (await caseEvents(viewer.client, k.id)).filter((e) => e.kind === 'sales_lead');
    assert.equal(events.length, 1);
    assert.equal(events[0].data?.task_id, t.id);
    const notes = (await notifications(owner.client)).items.filter((n) => n.kind === 'sales_lead');
    assert.ok(notes.some((n) => n.ref_id === t.id), 'the owner is notified');
    assert.ok(expectStatus(await viewer.client.get(`/api/v1/tasks?kind=sales_lead&assignee_id=${owner.id}`), 200)
      .items.some((x) => x.id === t.id), 'listed by kind');
  });

  test('no body: a default title naming the case', async () => {
    const c = await customer(agent.client, { owner_id: owner.id });
    const k = await openCase(agent.client, c, { subject: 'Upgrade question' });
    const r = await agent.client.request('POST', `/api/v1/cases/${k.id}/sales-lead`);
    const t = expectStatus(r, 201);
    assert.ok(t.title.includes(`#${k.number}`) || t.title.includes('Upgrade question'), t.title);
    assert.equal(t.assignee_id, owner.id);
  });

  test('the customer has no owner → 409 no-owner, no task', async () => {
    const c = await customer(agent.client);
    // The case has an owner (chosen by hand); the customer has none — that is what counts.
    const k = await openCase(agent.client, c, { owner_id: agent.id });
    expectProblem(await agent.client.post(`/api/v1/cases/${k.id}/sales-lead`, {}), 409, 'no-owner');
    assert.deepEqual(expectStatus(await viewer.client.get(`/api/v1/tasks?contact_id=${c.id}`), 200).items, []);
    assert.deepEqual((await caseEvents(viewer.client, k.id)).filter((e) => e.kind === 'sales_lead'), []);
  });

  test('validation → 422; viewer → 403; unknown case → 404', async () => {
    const c = await customer(agent.client, { owner_id: owner.id });
    const k = await openCase(agent.client, c);
    expectFieldErrors(await agent.client.post(`/api/v1/cases/${k.id}/sales-lead`, { due_at: 'next week' }), ['due_at']);
    expectFieldErrors(await agent.client.post(`/api/v1/cases/${k.id}/sales-lead`, { title: 't'.repeat(201) }), ['title']);
    expectFieldErrors(await agent.client.post(`/api/v1/cases/${k.id}/sales-lead`, { amount: 5 }), ['amount']);
    expectProblem(await viewer.client.post(`/api/v1/cases/${k.id}/sales-lead`, {}), 403, 'forbidden');
    expectProblem(await agent.client.post('/api/v1/cases/cas_nothing/sales-lead', {}), 404, 'not-found');
    assert.deepEqual(expectStatus(await viewer.client.get(`/api/v1/tasks?contact_id=${c.id}`), 200).items, []);
  });
});
