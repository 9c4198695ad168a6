import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../../test/client.js';
import { makeOrg, makeStaff, makeSuperadmin, signInWithToken } from '../../../test/factories.js';
import { freshInstallation, startTestServer, type TestServer, uniqueSuffix } from '../../../test/harness.js';
import { startSmtpServer } from '../../../test/smtp.js';
import { eventually } from '../../../test/sockets.js';
import { startWebhookReceiver } from '../../../test/webhook-receiver.js';
import { customerCodes, domainEvents, emails } from '../../db/schema.js';
import { customerCodeToMail } from './customer-code.js';

/**
 * "E-mail me a code" at a customer's QR label: a real SMTP server receives the code, the customer
 * types it, and the device is signed in as them; everything that must refuse it does.
 */
type Smtp = Awaited<ReturnType<typeof startSmtpServer>>;
let smtp: Smtp;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
let server: TestServer;
let installation: Awaited<ReturnType<typeof freshInstallation>> | undefined;

beforeAll(async () => {
  smtp = await startSmtpServer();
  receiver = await startWebhookReceiver();
  // an installation of its own: on a shared PostgreSQL another file's nodes would send this file's mail
  installation = process.env.DATABASE_URL ? await freshInstallation() : undefined;
  server = await startTestServer(
    {},
    {
      ...installation?.env,
      SMTP_URL: smtp.url,
      MAIL_FROM: 'Frontdesk <desk@frontdesk.test>',
      WEBHOOK_ALLOW_PRIVATE: 'true',
      // the code's own limit of wrong tries is what these tests reach, not the label's
      LABEL_ANSWER_MAX_PER_LABEL: '50',
      LABEL_CODE_MAX_PER_LABEL: '3',
    },
  );
});
afterAll(async () => {
  await server?.close();
  await installation?.drop();
  await smtp?.close();
  await receiver?.close();
});

const tokenOf = (url: string) => url.split('/l/')[1] ?? '';

async function company() {
  const org = await makeOrg(server, { kind: 'service' });
  const admin = await signInWithToken(server, await makeStaff(server, org, 'admin'));
  return { org, admin };
}

/** A customer of a company with `address` on file (or none), holding two labels; the first one's token. */
async function customerWithLabel(
  c: Awaited<ReturnType<typeof company>>,
  opts: { address?: string | null; language?: string } = {},
) {
  const address = opts.address === undefined ? `jan-${uniqueSuffix()}@example.test` : opts.address;
  const batch = await c.admin.post('/api/v1/label-batches', { name: 'Stickers', size: 2 });
  const [label, second] = (await c.admin.get(`/api/v1/labels?batchId=${batch.body.id}`)).body.labels;
  const created = await c.admin.post('/api/v1/customers', {
    name: 'Jan Kowalski',
    phones: ['+48 601 234 567'],
    emails: address ? [address] : [],
    language: opts.language ?? 'en',
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const customer = created.body.customer;
  await c.admin.post(`/api/v1/labels/${label.id}/assign`, { customerId: customer.id });
  await c.admin.post(`/api/v1/labels/${second.id}/assign`, { customerId: customer.id });
  return { address: address ?? '', customer, label, token: tokenOf(label.url), secondToken: tokenOf(second.url) };
}

/** The code in the n-th e-mail to `address` (1-based), once it arrived. */
async function codeMailed(address: string, n = 1) {
  await eventually(async () => smtp.to(address).length >= n);
  const mail = smtp.to(address)[n - 1];
  const code = mail?.parsed.text?.match(/\b(\d{6})\b/)?.[1];
  if (!code) throw new Error(`no code in the e-mail to ${address}: ${mail?.parsed.text}`);
  return { mail, code };
}

const ask = (phone: ApiClient, token: string) => phone.post(`/api/v1/guest/labels/${token}/code`);
const verify = (phone: ApiClient, token: string, answer: string) =>
  phone.post(`/api/v1/guest/labels/${token}/verify`, { kind: 'email_code', answer });

describe('a one-time code by e-mail at a customer’s label', () => {
  it('arrives at the address on file in the customer’s language; typed once, it signs the device in as them', async () => {
    const c = await company();
    const path = `/hook-${uniqueSuffix()}`;
    const hook = await c.admin.post('/api/v1/webhooks', {
      url: receiver.url(path),
      eventTypes: ['customer.code_requested', 'customer.verified'],
    });
    expect(hook.status).toBe(201);
    const { address, customer, token } = await customerWithLabel(c, { language: 'de' });
    const phone = new ApiClient(server.url);

    const scan = await phone.get(`/api/v1/public/labels/${token}`);
    expect(scan.body.challenges).toEqual(['phone_last4', 'email_code']);
    expect(JSON.stringify(scan.body)).not.toContain(address);

    const sent = await ask(phone, token);
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    expect(sent.body.sentTo).toBe('j•••@e•••.test');
    expect(JSON.stringify(sent.body)).not.toContain(address);
    const minutes = (Date.parse(sent.body.expiresAt) - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(9);
    expect(minutes).toBeLessThanOrEqual(10);

    const { mail, code } = await codeMailed(address);
    expect(mail?.to).toEqual([address]);
    expect(mail?.parsed.subject).toMatch(/^Ihr Code für /);
    expect(mail?.parsed.text).toContain(`Ihr Bestätigungscode bei ${c.org.name}: ${code}`);
    expect(mail?.parsed.text).toContain('10 Minuten');
    // essential: no unsubscribe link, and the code is not in the subject an admin's list shows
    expect(mail?.parsed.text).not.toContain('unsubscribe');
    expect(mail?.parsed.subject).not.toContain(code);

    const verified = await verify(phone, token, code);
    expect(verified.status, JSON.stringify(verified.body)).toBe(200);
    expect(verified.body.session).toMatchObject({ kind: 'visitor', guest: { name: 'Jan Kowalski' } });
    const session = await phone.get('/api/v1/guest/session');
    expect(session.status).toBe(200);
    expect(session.body).toMatchObject({ kind: 'visitor', organization: { slug: c.org.slug } });

    // the same event as the other answers record, with its kind
    const events = await server.ctx.db
      .select()
      .from(domainEvents)
      .where(eq(domainEvents.stream, `customer:${customer.id}`))
      .orderBy(asc(domainEvents.position));
    expect(events.map((e) => e.type)).toEqual(['customer.changed', 'customer.code_requested', 'customer.verified']);
    expect(events[2]?.data).toMatchObject({ customerId: customer.id, kind: 'email_code' });
    // the code is in no event (the log, and so no webhook) …
    for (const event of events) expect(JSON.stringify(event.data)).not.toContain(code);
    await eventually(async () => receiver.at(path).length >= 2);
    expect(receiver.at(path).map((r) => JSON.parse(r.body).type)).toEqual([
      'customer.code_requested',
      'customer.verified',
    ]);
    for (const delivery of receiver.at(path)) expect(delivery.body).not.toContain(code);
    // … nor stored as it is: the row holds a keyed hash
    const [row] = await server.ctx.db.select().from(customerCodes).where(eq(customerCodes.customerId, customer.id));
    expect(row?.codeHash).not.toContain(code);
    expect(row?.usedAt).not.toBeNull();

    // the company's admin sees the e-mail went out, not the code; the platform owner (support) does
    const [stored] = await server.ctx.db
      .select()
      .from(emails)
      .where(and(eq(emails.orgId, c.org.id), eq(emails.template, 'customer_code')));
    expect(stored?.essential).toBe(true);
    const forAdmin = await c.admin.get(`/api/v1/emails/${stored?.id}`);
    expect(forAdmin.body.text).not.toContain(code);
    expect(forAdmin.body.text).toContain('(hidden');
    const owner = await signInWithToken(server, await makeSuperadmin(server));
    expect((await owner.get(`/api/v1/emails/${stored?.id}`)).body.text).toContain(code);

    // used once, it never works again
    const again = await verify(new ApiClient(server.url), token, code);
    expect(again.status).toBe(410);
    expect(again.body.error.code).toBe('code_expired');
  });

  it('a new request replaces the last code; a code works only at the label it was asked at', async () => {
    const c = await company();
    const { address, token, secondToken } = await customerWithLabel(c);
    const phone = new ApiClient(server.url);
    expect((await ask(phone, token)).status).toBe(200);
    const first = await codeMailed(address, 1);
    expect((await ask(phone, token)).status).toBe(200);
    const second = await codeMailed(address, 2);
    expect(second.code).not.toBe(first.code);

    const old = await verify(phone, token, first.code);
    expect(old.status).toBe(401);
    expect(old.body.error.code).toBe('verification_failed');
    // the customer's other label has no code of its own
    expect((await verify(phone, secondToken, second.code)).body.error.code).toBe('code_expired');
    expect(phone.cookies.has('fd_guest')).toBe(false);
    expect((await verify(phone, token, second.code)).status).toBe(200);
  });

  it('wrong codes are counted and, after five, the code is void even for the right one', async () => {
    const c = await company();
    const { address, customer, token } = await customerWithLabel(c);
    const phone = new ApiClient(server.url);
    await ask(phone, token);
    const { code } = await codeMailed(address);
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) {
      const res = await verify(phone, token, wrong);
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('verification_failed');
    }
    const [row] = await server.ctx.db.select().from(customerCodes).where(eq(customerCodes.customerId, customer.id));
    expect(row?.tries).toBe(5);
    const late = await verify(phone, token, code);
    expect(late.status).toBe(410);
    expect(late.body.error.code).toBe('code_expired');
    expect(phone.cookies.has('fd_guest')).toBe(false);
  });

  it('an expired code is refused, and no e-mail goes out for a code that died before it was sent', async () => {
    const c = await company();
    const { address, customer, token } = await customerWithLabel(c);
    const phone = new ApiClient(server.url);
    await ask(phone, token);
    const { code } = await codeMailed(address);
    await server.ctx.db
      .update(customerCodes)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(customerCodes.customerId, customer.id));
    const res = await verify(phone, token, code);
    expect(res.status).toBe(410);
    expect(res.body.error.code).toBe('code_expired');
    expect(phone.cookies.has('fd_guest')).toBe(false);
    // the e-mail consumer, were it late, finds nothing worth sending
    const [row] = await server.ctx.db.select().from(customerCodes).where(eq(customerCodes.customerId, customer.id));
    expect(await customerCodeToMail(server.ctx.db, server.ctx.config.sessionSecret, row?.id ?? '')).toBeNull();
  });

  it('a customer without an e-mail is told politely, and nothing is sent', async () => {
    const c = await company();
    const { token } = await customerWithLabel(c, { address: null });
    const phone = new ApiClient(server.url);
    expect((await phone.get(`/api/v1/public/labels/${token}`)).body.challenges).toEqual(['phone_last4']);
    const res = await ask(phone, token);
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'no_email_on_file', message: expect.stringMatching(/no e-mail/) });
    const events = await server.ctx.db
      .select()
      .from(domainEvents)
      .where(and(eq(domainEvents.orgId, c.org.id), eq(domainEvents.type, 'customer.code_requested')));
    expect(events).toEqual([]);
    // a blank label has no customer to send to
    const batch = await c.admin.post('/api/v1/label-batches', { name: 'Blank', size: 1 });
    const [blank] = (await c.admin.get(`/api/v1/labels?batchId=${batch.body.id}`)).body.labels;
    expect((await ask(phone, tokenOf(blank.url))).body.error.code).toBe('label_not_assigned');
  });

  it('a code of company A’s label never works at company B’s, even for a customer with the same address', async () => {
    const a = await company();
    const b = await company();
    const shared = `same-${uniqueSuffix()}@example.test`;
    const atA = await customerWithLabel(a, { address: shared });
    const atB = await customerWithLabel(b, { address: shared });
    const phone = new ApiClient(server.url);
    await ask(phone, atA.token);
    const { code } = await codeMailed(shared);
    const refused = await verify(phone, atB.token, code);
    expect(refused.status).toBe(410);
    expect(refused.body.error.code).toBe('code_expired');
    // B asking too makes B's own code; A's stays A's
    await ask(phone, atB.token);
    const fromB = await codeMailed(shared, 2);
    expect(fromB.mail?.parsed.text).toContain(b.org.name);
    expect((await verify(phone, atB.token, code)).body.error.code).toBe('verification_failed');
    const inA = await verify(phone, atA.token, code);
    expect(inA.status).toBe(200);
    expect(inA.body.session.organization.slug).toBe(a.org.slug);
  });

  it('asking is limited per label (from any address)', async () => {
    const c = await company();
    const { token } = await customerWithLabel(c);
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await ask(new ApiClient(server.url), token)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await ask(new ApiClient(server.url), token);
    expect(limited.body.error.code).toBe('rate_limited');
    expect(limited.body.error.details.retryAfterSeconds).toBeGreaterThan(0);
  });
});

describe('asking for codes from one address', () => {
  it('is limited across labels', async () => {
    const fresh = process.env.DATABASE_URL ? await freshInstallation() : undefined;
    const own = await startTestServer({}, { ...fresh?.env, LABEL_CODE_MAX_PER_IP: '2' });
    try {
      const org = await makeOrg(own, { kind: 'service' });
      const admin = await signInWithToken(own, await makeStaff(own, org, 'admin'));
      const batch = await admin.post('/api/v1/label-batches', { name: 'B', size: 3 });
      const list = (await admin.get(`/api/v1/labels?batchId=${batch.body.id}`)).body.labels;
      const customer = (
        await admin.post('/api/v1/customers', { name: 'Jan', emails: [`jan-${uniqueSuffix()}@example.test`] })
      ).body.customer;
      for (const l of list) await admin.post(`/api/v1/labels/${l.id}/assign`, { customerId: customer.id });
      const phone = new ApiClient(own.url);
      const statuses = [];
      for (const l of list) statuses.push((await phone.post(`/api/v1/guest/labels/${tokenOf(l.url)}/code`)).status);
      expect(statuses).toEqual([200, 200, 429]);
    } finally {
      await own.close();
      await fresh?.drop();
    }
  });
});
