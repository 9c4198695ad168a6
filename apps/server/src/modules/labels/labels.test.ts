import { clientEvents } from '@frontdesk/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../../test/client.js';
import { makeOrg, makeStaff, signInWithToken, type TestOrg } from '../../../test/factories.js';
import { startTestServer, type TestServer, uniqueSuffix } from '../../../test/harness.js';
import { decodeQrsInPdf, pdfPageCount, pdfTextLines } from '../../../test/qr-decode.js';
import { ask, connect, until } from '../../../test/sockets.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({}, { LABEL_ANSWER_MAX_PER_LABEL: '3' });
});
afterAll(() => server?.close());

async function desk(org: TestOrg, role: 'admin' | 'agent' | 'field', name: string) {
  const user = await makeStaff(server, org, role, { name });
  return { id: user.id, api: await signInWithToken(server, user) };
}

async function company() {
  const org = await makeOrg(server, { kind: 'service' });
  const admin = await desk(org, 'admin', 'Ada');
  await admin.api.patch('/api/v1/organization', {
    contactPhone: '+48 58 123 45 67',
    contactEmail: 'office@heat.example',
  });
  return { org, admin };
}

const tokenOf = (url: string) => url.split('/l/')[1] ?? '';
const pdf = async (api: ApiClient, path: string) => {
  const res = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${api.token}` } });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('application/pdf');
  return Buffer.from(await res.arrayBuffer());
};

describe('label batches', () => {
  it('admins create them; every sheet layout prints each blank label’s QR and code', async () => {
    const { org, admin } = await company();
    const agent = await desk(org, 'agent', 'Dorota');
    expect((await agent.api.post('/api/v1/label-batches', { name: 'Nope', size: 3 })).status).toBe(403);
    const created = await admin.api.post('/api/v1/label-batches', {
      name: 'Winter',
      campaign: 'Boiler check',
      size: 30,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Winter', campaign: 'Boiler check', size: 30, counts: { blank: 30 } });
    const batchId = created.body.id;
    const list = await admin.api.get(`/api/v1/labels?batchId=${batchId}`);
    expect(list.body.labels).toHaveLength(30);
    const codes = list.body.labels.map((l: { code: string }) => l.code);
    expect(new Set(codes).size).toBe(30);
    for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    const urls = list.body.labels.map((l: { url: string }) => l.url);
    for (const url of urls) expect(tokenOf(url)).toMatch(/^[A-Za-z0-9_-]{22}$/);

    for (const [layout, perPage] of [
      ['a4-3x8', 24],
      ['a4-2x5', 10],
      ['letter-2x5', 10],
    ] as const) {
      const sheet = await pdf(admin.api, `/api/v1/label-batches/${batchId}/sheet.pdf?layout=${layout}`);
      expect(pdfPageCount(sheet), layout).toBe(Math.ceil(30 / perPage));
      expect([...decodeQrsInPdf(sheet)].sort(), layout).toEqual([...urls].sort());
      const text = pdfTextLines(sheet).flat().join('\n');
      for (const code of codes) expect(text).toContain(code);
    }
    // a given label leaves the blank sheet
    const customer = await admin.api.post('/api/v1/customers', { name: 'Jan' });
    await admin.api.post(`/api/v1/labels/${list.body.labels[0].id}/assign`, { customerId: customer.body.customer.id });
    const blanks = await pdf(admin.api, `/api/v1/label-batches/${batchId}/sheet.pdf?layout=a4-2x5`);
    expect(decodeQrsInPdf(blanks)).toHaveLength(29);
    const batches = await agent.api.get('/api/v1/label-batches');
    expect(batches.body.batches[0]).toMatchObject({ id: batchId, counts: { blank: 29, assigned: 1, retired: 0 } });
  });
});

describe('giving labels to customers', () => {
  it('a technician types the code, gives a blank label; only the office moves it; retired ones stay retired', async () => {
    const { org, admin } = await company();
    const tech = await desk(org, 'field', 'Tomek');
    const agent = await desk(org, 'agent', 'Dorota');
    const batch = await admin.api.post('/api/v1/label-batches', { name: 'Vans', size: 2 });
    const [label] = (await admin.api.get(`/api/v1/labels?batchId=${batch.body.id}`)).body.labels;
    const jan = (await tech.api.post('/api/v1/customers', { name: 'Jan' })).body.customer;
    const ewa = (await admin.api.post('/api/v1/customers', { name: 'Ewa' })).body.customer;

    const typed = label.code.toLowerCase().replace('-', ' ');
    const found = await tech.api.get(`/api/v1/labels/find?code=${encodeURIComponent(typed)}`);
    expect(found.body).toMatchObject({ id: label.id, status: 'blank', customer: null });
    const scanned = await tech.api.get(`/api/v1/labels/find?token=${tokenOf(label.url)}`);
    expect(scanned.body.id).toBe(label.id);
    expect((await tech.api.get('/api/v1/labels/find?code=ZZZZ-ZZZZ')).status).toBe(404);
    expect((await tech.api.get('/api/v1/labels/find?code=short')).status).toBe(400);

    const given = await tech.api.post(`/api/v1/labels/${label.id}/assign`, { customerId: jan.id });
    expect(given.status).toBe(200);
    expect(given.body).toMatchObject({
      status: 'assigned',
      customer: { id: jan.id, name: 'Jan' },
      assignedBy: { name: 'Tomek' },
    });
    const mine = await tech.api.get('/api/v1/labels?mine=true');
    expect(mine.body.labels.map((l: { id: string }) => l.id)).toEqual([label.id]);

    const moved = await tech.api.post(`/api/v1/labels/${label.id}/assign`, { customerId: ewa.id });
    expect(moved.status).toBe(409);
    expect(moved.body.error.code).toBe('label_taken');
    expect((await agent.api.post(`/api/v1/labels/${label.id}/assign`, { customerId: ewa.id })).status).toBe(200);
    expect((await agent.api.post(`/api/v1/labels/${label.id}/retire`)).status).toBe(403);
    expect((await admin.api.post(`/api/v1/labels/${label.id}/retire`)).body.status).toBe('retired');
    const again = await admin.api.post(`/api/v1/labels/${label.id}/assign`, { customerId: jan.id });
    expect(again.body.error.code).toBe('label_retired');

    const detail = await admin.api.get(`/api/v1/labels/${label.id}`);
    expect(
      detail.body.history.map(
        (h: { change: string; customer: { name: string } | null; by: { name: string } | null }) => [
          h.change,
          h.customer?.name ?? null,
          h.by?.name ?? null,
        ],
      ),
    ).toEqual([
      ['created', null, null],
      ['assigned', 'Jan', 'Tomek'],
      ['reassigned', 'Ewa', 'Dorota'],
      ['retired', 'Ewa', 'Ada'],
    ]);
  });

  it('never finds, gives or shows another company’s labels, nor gives a label to another company’s customer', async () => {
    const a = await company();
    const b = await company();
    const batch = await a.admin.api.post('/api/v1/label-batches', { name: 'A', size: 1 });
    const [label] = (await a.admin.api.get(`/api/v1/labels?batchId=${batch.body.id}`)).body.labels;
    const theirCustomer = (await b.admin.api.post('/api/v1/customers', { name: 'B’s customer' })).body.customer;
    expect((await b.admin.api.get(`/api/v1/labels/find?code=${label.code}`)).status).toBe(404);
    expect((await b.admin.api.get(`/api/v1/labels/${label.id}`)).status).toBe(404);
    expect((await b.admin.api.post(`/api/v1/labels/${label.id}/assign`, { customerId: theirCustomer.id })).status).toBe(
      404,
    );
    expect((await a.admin.api.post(`/api/v1/labels/${label.id}/assign`, { customerId: theirCustomer.id })).status).toBe(
      404,
    );
    expect((await b.admin.api.get(`/api/v1/labels?batchId=${batch.body.id}`)).body.labels).toEqual([]);
    expect((await b.admin.api.get(`/api/v1/label-batches/${batch.body.id}/sheet.pdf`)).status).toBe(404);
  });
});

describe('scanning a label as the customer', () => {
  async function assignedLabel() {
    const { org, admin } = await company();
    const batch = await admin.api.post('/api/v1/label-batches', { name: 'Stickers', size: 2 });
    const [label, blank] = (await admin.api.get(`/api/v1/labels?batchId=${batch.body.id}`)).body.labels;
    const customer = (
      await admin.api.post('/api/v1/customers', {
        name: 'Jan Kowalski',
        phones: ['+48 601 234 567'],
        serviceAddress: { line1: 'Długa 5', postcode: '80-827', city: 'Gdańsk' },
      })
    ).body.customer;
    await admin.api.post(`/api/v1/labels/${label.id}/assign`, { customerId: customer.id });
    return { org, admin, label, blank, customer, token: tokenOf(label.url) };
  }

  it('shows nothing personal before the customer answers; a blank or retired label says so with the contact', async () => {
    const { admin, label, blank, token } = await assignedLabel();
    const phone = new ApiClient(server.url);
    const scan = await phone.get(`/api/v1/public/labels/${token}`);
    expect(scan.status).toBe(200);
    expect(scan.body.status).toBe('assigned');
    expect(scan.body.challenges).toEqual(['phone_last4', 'postcode']);
    expect(scan.body.organization).toMatchObject({
      contactPhone: '+48 58 123 45 67',
      contactEmail: 'office@heat.example',
    });
    expect(JSON.stringify(scan.body)).not.toMatch(/Kowalski|601|80-827|Długa/);

    const empty = await phone.get(`/api/v1/public/labels/${tokenOf(blank.url)}`);
    expect(empty.body).toMatchObject({ status: 'blank', challenges: [] });
    const refused = await phone.post(`/api/v1/guest/labels/${tokenOf(blank.url)}/verify`, {
      kind: 'postcode',
      answer: '80-827',
    });
    expect(refused.body.error.code).toBe('label_not_assigned');
    await admin.api.post(`/api/v1/labels/${label.id}/retire`);
    expect((await phone.get(`/api/v1/public/labels/${token}`)).body).toMatchObject({
      status: 'retired',
      challenges: [],
    });
    expect((await phone.get(`/api/v1/public/labels/${'x'.repeat(22)}`)).status).toBe(404);
  });

  it('a right answer signs the device in as the customer; every device of theirs shares the requests', async () => {
    const { admin, token } = await assignedLabel();
    const phone = new ApiClient(server.url);
    const verified = await phone.post(`/api/v1/guest/labels/${token}/verify`, { kind: 'phone_last4', answer: '4567' });
    expect(verified.status).toBe(200);
    expect(verified.body.session).toMatchObject({ kind: 'visitor', guest: { name: 'Jan Kowalski' } });
    expect(phone.cookies.has('fd_guest')).toBe(true);

    const socket = await connect(server.url, { token: verified.body.token });
    let conversationId: string;
    try {
      const sent = await ask(socket, clientEvents.send, { text: 'The boiler is leaking', clientId: uniqueSuffix() });
      expect(sent.ok, JSON.stringify(sent)).toBe(true);
      conversationId = sent.data.conversation.id;
    } finally {
      socket.close();
    }
    const inbox = await admin.api.get(`/api/v1/conversations/${conversationId}`);
    expect(inbox.status).toBe(200);
    expect(inbox.body.contact).toMatchObject({ name: 'Jan Kowalski' });

    const laptop = new ApiClient(server.url);
    const second = await laptop.post(`/api/v1/guest/labels/${token}/verify`, { kind: 'postcode', answer: '80 827' });
    expect(second.status).toBe(200);
    expect(second.body.session.guest.id).toBe(verified.body.session.guest.id);
    const theirs = await laptop.get('/api/v1/guest/conversations');
    expect(theirs.body.map((c: { id: string }) => c.id)).toContain(conversationId);
  });

  it('staff sign a customer out on every device at once; their label signs them in again', async () => {
    const { org, admin, customer, token } = await assignedLabel();
    const phone = new ApiClient(server.url);
    const verified = await phone.post(`/api/v1/guest/labels/${token}/verify`, { kind: 'postcode', answer: '80827' });
    const ended: { code: string; message: string }[] = [];
    const socket = await connect(
      server.url,
      { token: verified.body.token },
      { listen: { 'session:ended': (p) => ended.push(p) } },
    );
    try {
      const field = await desk(org, 'field', 'Tomek');
      expect((await field.api.post(`/api/v1/customers/${customer.id}/sign-out`)).status).toBe(403);
      const out = await admin.api.post(`/api/v1/customers/${customer.id}/sign-out`);
      expect(out.body).toEqual({ sessions: 1 });
      await until(() => ended.length > 0 && socket.disconnected);
      expect(ended[0]?.message).toMatch(/signed out/);
      // a session that ended answers as every ended guest session does: 410, sign in again
      expect((await phone.get('/api/v1/guest/session')).status).toBe(410);
    } finally {
      socket.close();
    }
    const again = await phone.post(`/api/v1/guest/labels/${token}/verify`, { kind: 'postcode', answer: '80827' });
    expect(again.body.session.guest.id).toBe(verified.body.session.guest.id);
  });

  it('wrong answers are refused and, past the budget, lock the label for everyone until the window passes', async () => {
    const { token } = await assignedLabel();
    const other = await assignedLabel();
    const guesser = new ApiClient(server.url);
    for (const answer of ['0000', '1234', '80-828']) {
      const kind = answer.includes('-') ? 'postcode' : 'phone_last4';
      const res = await guesser.post(`/api/v1/guest/labels/${token}/verify`, { kind, answer });
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('verification_failed');
    }
    const locked = await new ApiClient(server.url).post(`/api/v1/guest/labels/${token}/verify`, {
      kind: 'phone_last4',
      answer: '4567',
    });
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe('rate_limited');
    expect(guesser.cookies.has('fd_guest')).toBe(false);
    // another customer's label is not locked by it
    const fine = await guesser.post(`/api/v1/guest/labels/${other.token}/verify`, {
      kind: 'phone_last4',
      answer: '4567',
    });
    expect(fine.status).toBe(200);
  });
});

describe('wrong answers from one address', () => {
  it('are limited across labels', async () => {
    const own = await startTestServer({}, { LABEL_ANSWER_MAX_PER_IP: '2' });
    try {
      const org = await makeOrg(own, { kind: 'service' });
      const admin = await signInWithToken(own, await makeStaff(own, org, 'admin'));
      const batch = await admin.post('/api/v1/label-batches', { name: 'B', size: 3 });
      const list = (await admin.get(`/api/v1/labels?batchId=${batch.body.id}`)).body.labels;
      const customer = (await admin.post('/api/v1/customers', { name: 'Jan', phones: ['601234567'] })).body.customer;
      for (const l of list) await admin.post(`/api/v1/labels/${l.id}/assign`, { customerId: customer.id });
      const phone = new ApiClient(own.url);
      const statuses = [];
      for (const l of list) {
        statuses.push(
          (await phone.post(`/api/v1/guest/labels/${tokenOf(l.url)}/verify`, { kind: 'phone_last4', answer: '0000' }))
            .status,
        );
      }
      expect(statuses).toEqual([401, 401, 429]);
    } finally {
      await own.close();
    }
  });
});
