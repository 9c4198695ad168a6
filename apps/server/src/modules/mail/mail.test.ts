import { clientEvents, type DomainEvent } from '@frontdesk/protocol';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { ApiClient } from '../../../test/client.js';
import {
  makeConversation,
  makeGuest,
  makeOrg,
  makeStaff,
  makeSuperadmin,
  signIn,
  signInWithToken,
  type TestOrg,
} from '../../../test/factories.js';
import { freshInstallation, startTestServer, type TestServer, uniqueSuffix } from '../../../test/harness.js';
import { mailingServerForFile, type SmtpServer } from '../../../test/mailing-server.js';
import { startSmtpServer } from '../../../test/smtp.js';
import { ask, eventually, socketsClosedAfterEach } from '../../../test/sockets.js';
import { domainEvents, emailDigests, emails, organizations, stayGuests } from '../../db/schema.js';
import type { AppContext } from '../../platform/context.js';
import { mailConsumers } from './triggers.js';

let smtp: SmtpServer;
let server: TestServer;

mailingServerForFile((running) => {
  ({ smtp, server } = running);
  // retries within the test: three tries, 50 ms apart and doubling
  server.ctx.config.mail.maxAttempts = 3;
  server.ctx.config.mail.retryBaseMs = 50;
  // a burst waits an hour: tests make it due by hand, so what arrives never depends on timing
  server.ctx.config.mail.messageDelayMs = 3600_000;
});
const socketFor = socketsClosedAfterEach(() => server.url);

const address = (prefix = 'staff') => `${prefix}-${uniqueSuffix()}@example.test`;

async function mailTo(to: string, count = 1) {
  await eventually(async () => smtp.to(to).length >= count);
  return smtp.to(to);
}

async function emailRows(orgId: string, to: string) {
  return server.ctx.db
    .select()
    .from(emails)
    .where(and(eq(emails.orgId, orgId), eq(emails.toAddress, to)));
}

describe('account e-mails', () => {
  it('welcomes a new staff member with a set-password link that works, in the organization’s language, with its name and logo', async () => {
    const org = await makeOrg(server, { name: 'Hotel <Maris> & Spa' });
    await server.ctx.db
      .update(organizations)
      .set({ language: 'de', logoUrl: 'https://cdn.example.test/maris.png' })
      .where(eq(organizations.id, org.id));
    const admin = await signIn(server, await makeStaff(server, org, 'admin'));
    const email = address();
    const added = await admin.post('/api/v1/staff', { email, name: 'Ewa Nowak', role: 'agent' });
    expect(added.status).toBe(201);

    const [mail] = await mailTo(email);
    expect(mail?.parsed.subject).toBe('Willkommen bei Hotel <Maris> & Spa in Frontdesk');
    expect(mail?.parsed.from?.text).toContain('desk@frontdesk.test');
    expect(mail?.parsed.html).toContain('Hotel &lt;Maris&gt; &amp; Spa');
    expect(mail?.parsed.html).toContain('src="https://cdn.example.test/maris.png"');
    const link = mail?.parsed.text?.match(/https?:\/\/\S+\/app\/set-password\?token=\S+/)?.[0];
    expect(link).toBeDefined();
    // the e-mailed link is a link of its own: it works beside the one shown on screen
    expect(link).not.toBe(added.body.invite.setPasswordUrl);
    const token = new URL(link as string).searchParams.get('token');
    const anon = new ApiClient(server.url);
    expect((await anon.post('/api/v1/auth/set-password', { token, password: 'ewa-secret-pass' })).status).toBe(204);
    expect((await anon.login(email, 'ewa-secret-pass')).status).toBe(200);
    // …and once one is used, the other is not
    const screenToken = new URL(added.body.invite.setPasswordUrl).searchParams.get('token');
    expect(
      (await anon.post('/api/v1/auth/set-password', { token: screenToken, password: 'other-pass-1' })).status,
    ).toBe(410);

    // marked sent once the server took it (which may be just after it arrived)
    await eventually(async () => (await emailRows(org.id, email))[0]?.status === 'sent');
    const [row] = await emailRows(org.id, email);
    expect(row).toMatchObject({ template: 'staff_welcome', language: 'de', essential: true, attempts: 1 });
  });

  it('tells a member when their role changes and when they are deactivated', async () => {
    const org = await makeOrg(server);
    const admin = await signIn(server, await makeStaff(server, org, 'admin'));
    const member = await makeStaff(server, org, 'agent', { name: 'Olek Field' });
    expect((await admin.patch(`/api/v1/staff/${member.id}`, { role: 'field' })).status).toBe(200);
    const [roleMail] = await mailTo(member.email);
    expect(roleMail?.parsed.subject).toBe(`Your role at ${org.name} is now field staff`);
    expect(roleMail?.parsed.text).toContain('Hello Olek Field');

    expect((await admin.post(`/api/v1/staff/${member.id}/deactivate`)).status).toBe(200);
    const mails = await mailTo(member.email, 2);
    expect(mails[1]?.parsed.subject).toBe(`Your account at ${org.name} was deactivated`);
  });

  it('tells every admin when the organization’s settings change and when it is deactivated', async () => {
    const org = await makeOrg(server);
    const ada = await makeStaff(server, org, 'admin');
    const bob = await makeStaff(server, org, 'admin');
    const agent = await makeStaff(server, org, 'agent');
    const admin = await signIn(server, ada);
    expect((await admin.patch('/api/v1/organization', { name: `${org.name} Renamed`, timezone: 'UTC' })).status).toBe(
      200,
    );
    for (const to of [ada.email, bob.email]) {
      const [mail] = await mailTo(to);
      expect(mail?.parsed.subject).toBe(`The settings of ${org.name} Renamed were changed`);
      expect(mail?.parsed.text).toContain('name, time zone');
    }

    const owner = await signIn(server, await makeSuperadmin(server));
    expect((await owner.patch(`/api/v1/platform/organizations/${org.id}`, { active: false })).status).toBe(200);
    for (const to of [ada.email, bob.email]) {
      const mails = await mailTo(to, 2);
      expect(mails[1]?.parsed.subject).toBe(`${org.name} Renamed was deactivated on Frontdesk`);
    }
    expect(await emailRows(org.id, agent.email)).toEqual([]);
  });
});

describe('new messages for someone who is away', () => {
  async function assignedConversation(org: TestOrg, guestEmail: string | null, language: string | null = null) {
    const agent = await makeStaff(server, org, 'agent', { name: 'Sara Agent' });
    const guest = await makeGuest(server, org, { name: 'Jan Kowalski' });
    await server.ctx.db.update(stayGuests).set({ email: guestEmail, language }).where(eq(stayGuests.id, guest.guestId));
    const { conversation } = await makeConversation(
      server,
      { id: guest.guestId, orgId: org.id, stayId: guest.stayId, name: 'Jan Kowalski' },
      { assigneeId: agent.id },
    );
    return { agent, guest, conversationId: conversation.id };
  }

  const digestOf = async (conversationId: string, audience: 'staff' | 'guest') =>
    (
      await server.ctx.db
        .select()
        .from(emailDigests)
        .where(and(eq(emailDigests.conversationId, conversationId), eq(emailDigests.audience, audience)))
    )[0];

  /** Waits until the burst up to `seq` is noted, then makes it due now. */
  async function burstNoted(conversationId: string, audience: 'staff' | 'guest', seq: number) {
    await eventually(async () => (await digestOf(conversationId, audience))?.lastSeq === seq);
    await server.ctx.db
      .update(emailDigests)
      .set({ dueAt: new Date() })
      .where(and(eq(emailDigests.conversationId, conversationId), eq(emailDigests.audience, audience)));
  }

  it('sends the offline assignee one e-mail for a burst of guest messages, quoting the latest, with a link to it', async () => {
    const org = await makeOrg(server);
    const { agent, guest, conversationId } = await assignedConversation(org, null);
    const socket = await socketFor({ token: guest.token });
    for (let i = 2; i <= 5; i++) {
      const ack = await ask(socket, clientEvents.send, {
        conversationId,
        text: `Line ${i}`,
        clientId: `b-${i}-${uniqueSuffix()}`,
      });
      expect(ack.ok).toBe(true);
    }
    await burstNoted(conversationId, 'staff', 5);
    const [mail] = await mailTo(agent.email);
    expect(mail?.parsed.subject).toBe('5 new messages from Jan Kowalski');
    expect(mail?.parsed.text).toContain('> Line 5');
    expect(mail?.parsed.text).toContain(`/app?c=${conversationId}`);
    await eventually(async () => (await digestOf(conversationId, 'staff')) === undefined);
    expect(await emailRows(org.id, agent.email)).toHaveLength(1);
    expect(smtp.to(agent.email)).toHaveLength(1);
  });

  it('e-mails a guest who is away in their language, honours their unsubscribe, and sends nothing when they read in time', async () => {
    const org = await makeOrg(server);
    const guestEmail = address('guest');
    const { agent, guest, conversationId } = await assignedConversation(org, guestEmail, 'pl');
    const deskApi = await signInWithToken(server, agent);
    const desk = await socketFor({ token: deskApi.token });
    const secret = `NOTE${uniqueSuffix()}`;
    for (const text of ['Dzień dobry', 'Ręczniki są w drodze']) {
      const ack = await ask(desk, clientEvents.send, { conversationId, text, clientId: `d-${uniqueSuffix()}` });
      expect(ack.ok).toBe(true);
      // an internal note in the middle of the burst is no message of the e-mail's
      const note = await deskApi.post(`/api/v1/conversations/${conversationId}/notes`, {
        clientId: `n-${uniqueSuffix()}`,
        text: `Staff only: ${secret}`,
      });
      expect(note.status, JSON.stringify(note.body)).toBe(201);
    }
    await burstNoted(conversationId, 'guest', 3);
    const [mail] = await mailTo(guestEmail);
    expect(mail?.parsed.subject).toBe(`Nowe wiadomości (2) od ${org.name}`);
    expect(mail?.parsed.text).toContain('> Ręczniki są w drodze');
    expect(`${mail?.parsed.text}${mail?.parsed.html || ''}`).not.toContain(secret);
    expect(mail?.parsed.text).toContain(`/g/${org.slug}?code=${guest.code}`);
    expect(mail?.parsed.headerLines.find((h) => h.key === 'list-unsubscribe-post')?.line).toBe(
      'List-Unsubscribe-Post: List-Unsubscribe=One-Click',
    );

    // the guest reads the next burst in time: no e-mail
    const guestSocket = await socketFor({ token: guest.token });
    await ask(desk, clientEvents.send, { conversationId, text: 'Anything else?', clientId: `d-${uniqueSuffix()}` });
    await eventually(async () => (await digestOf(conversationId, 'guest'))?.lastSeq === 4);
    guestSocket.emit(clientEvents.read, { conversationId, seq: 4 });
    await burstNoted(conversationId, 'guest', 4);
    await eventually(async () => (await digestOf(conversationId, 'guest')) === undefined);
    // the digest and its e-mail go in one transaction: none was stored
    expect(await emailRows(org.id, guestEmail)).toHaveLength(1);

    // unsubscribing: the page asks first, the form's post does it
    const link = mail?.parsed.text?.match(/https?:\/\/\S+\/api\/v1\/mail\/unsubscribe\?token=\S+/)?.[0] as string;
    const anon = new ApiClient(server.url);
    const page = await anon.get(new URL(link).pathname + new URL(link).search);
    expect(page.status).toBe(200);
    expect(page.body).toContain(guestEmail);
    expect(page.body).toContain('<form method="post"');
    const done = await anon.post(new URL(link).pathname + new URL(link).search, undefined);
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ address: guestEmail, organization: org.name });
    expect((await anon.get(new URL(link).pathname + new URL(link).search)).body).toContain('You are unsubscribed');
    const forged = await anon.post(`/api/v1/mail/unsubscribe?token=${link.split('token=')[1]?.slice(0, -2)}xx`);
    expect(forged.status).toBe(410);

    await ask(desk, clientEvents.send, { conversationId, text: 'One more', clientId: `d-${uniqueSuffix()}` });
    await burstNoted(conversationId, 'guest', 5);
    await eventually(async () => (await emailRows(org.id, guestEmail)).some((e) => e.status === 'opted_out'));
    expect(smtp.to(guestEmail)).toHaveLength(1);
    // essential mail (a password link) still reaches the address
    const admin = await signIn(server, await makeStaff(server, org, 'admin'));
    expect((await admin.post('/api/v1/staff', { email: guestEmail, name: 'Jan Kowalski', role: 'agent' })).status).toBe(
      201,
    );
    const [, welcome] = await mailTo(guestEmail, 2);
    expect(welcome?.parsed.text).toContain('/app/set-password?token=');
  });
});

describe('when the mail server fails', () => {
  it('retries a recipient the server asks to try later, then shows it failed with the reason; a refused one fails at once', async () => {
    const org = await makeOrg(server);
    const admin = await signIn(server, await makeStaff(server, org, 'admin'));
    const later = `temp-fail-${uniqueSuffix()}@example.test`;
    const never = `perm-fail-${uniqueSuffix()}@example.test`;
    await admin.post('/api/v1/staff', { email: later, name: 'Later', role: 'agent' });
    await admin.post('/api/v1/staff', { email: never, name: 'Never', role: 'agent' });
    await eventually(async () => (await emailRows(org.id, later))[0]?.status === 'failed');
    await eventually(async () => (await emailRows(org.id, never))[0]?.status === 'failed');
    expect(smtp.refused.filter((to) => to === later)).toHaveLength(3);
    expect(smtp.refused.filter((to) => to === never)).toHaveLength(1);

    const list = await admin.get('/api/v1/emails?status=failed');
    expect(list.status).toBe(200);
    expect(list.body.delivery).toBe('smtp');
    const failed = list.body.emails as { to: string; attempts: number; lastError: string }[];
    expect(failed.find((e) => e.to === later)).toMatchObject({ attempts: 3 });
    expect(failed.find((e) => e.to === later)?.lastError).toMatch(/^The mail server asked to try again later\./);
    expect(failed.find((e) => e.to === never)?.lastError).toMatch(/^The mail server refused this recipient for good\./);
  });

  it('retries while the mail server is down, then shows the e-mail failed', async () => {
    const down = await startSmtpServer();
    await down.close();
    // an installation of its own: on a shared database the first server's nodes would share its mail
    const fresh = await freshInstallation();
    const node = await startTestServer({}, { ...fresh.env, SMTP_URL: down.url });
    node.ctx.config.mail.maxAttempts = 2;
    node.ctx.config.mail.retryBaseMs = 50;
    try {
      const org = await makeOrg(node);
      const admin = await signIn(node, await makeStaff(node, org, 'admin'));
      const email = address();
      await admin.post('/api/v1/staff', { email, name: 'Nobody Home', role: 'agent' });
      await eventually(async () => {
        const [row] = await node.ctx.db.select().from(emails).where(eq(emails.toAddress, email));
        return row?.status === 'failed';
      });
      const [row] = await node.ctx.db.select().from(emails).where(eq(emails.toAddress, email));
      expect(row?.attempts).toBe(2);
      expect(row?.lastError).toMatch(/^The mail server could not be reached/);
    } finally {
      await node.close();
      await fresh.drop();
    }
  });
});

describe('durability', () => {
  it('queues the e-mails of an event delivered twice once, and sends what a node that died left half-sent', async () => {
    const org = await makeOrg(server);
    const admin = await signIn(server, await makeStaff(server, org, 'admin'));
    const member = await makeStaff(server, org, 'agent');
    await admin.patch(`/api/v1/staff/${member.id}`, { role: 'field' });
    await mailTo(member.email);
    const [logged] = await server.ctx.db
      .select()
      .from(domainEvents)
      .where(and(eq(domainEvents.type, 'staff.role_changed'), eq(domainEvents.stream, `user:${member.id}`)));
    if (!logged) expect.fail('no staff.role_changed event');
    const event = { ...logged, occurredAt: logged.occurredAt.toISOString() } as unknown as DomainEvent;
    // at-least-once delivery: the same event handed over again
    const [consumer] = mailConsumers(server.ctx as unknown as AppContext);
    await consumer?.handle(event);
    expect(await emailRows(org.id, member.email)).toHaveLength(1);

    // a node claimed an e-mail and died before it was sent: once its lease ends, another sends it
    const orphan = address('orphan');
    await server.ctx.db.insert(emails).values({
      orgId: org.id,
      key: `orphan:${orphan}`,
      template: 'staff_deactivated',
      language: 'en',
      toAddress: orphan,
      subject: 'Left half-sent',
      text: 'Left half-sent',
      html: '<p>Left half-sent</p>',
      essential: true,
      status: 'sending',
      attempts: 1,
      leaseUntil: new Date(Date.now() - 1000),
    });
    const [arrived] = await mailTo(orphan);
    expect(arrived?.parsed.subject).toBe('Left half-sent');
    await eventually(async () => (await emailRows(org.id, orphan))[0]?.status === 'sent');
    expect((await emailRows(org.id, orphan))[0]?.attempts).toBe(2);
  });
});

describe('without SMTP settings', () => {
  it('keeps e-mails, lists them for admins and the platform owner, and hides one-time links from admins', async () => {
    const fresh = await freshInstallation();
    const node = await startTestServer({}, fresh.env);
    try {
      const org = await makeOrg(node);
      const admin = await signIn(node, await makeStaff(node, org, 'admin'));
      const email = address();
      await admin.post('/api/v1/staff', { email, name: 'Kept Person', role: 'agent' });
      let id = '';
      await eventually(async () => {
        const list = await admin.get('/api/v1/emails');
        id = list.body.emails.find((e: { to: string }) => e.to === email)?.id ?? '';
        return !!id;
      });
      const list = await admin.get('/api/v1/emails');
      expect(list.body.delivery).toBe('kept');
      expect(list.body.emails[0]).toMatchObject({ to: email, status: 'kept', template: 'staff_welcome' });
      const detail = await admin.get(`/api/v1/emails/${id}`);
      expect(detail.body.text).toContain('/app/set-password?token=(hidden');
      const owner = await signIn(node, await makeSuperadmin(node));
      const full = await owner.get(`/api/v1/emails/${id}`);
      expect(full.body.text).toMatch(/\/app\/set-password\?token=[A-Za-z0-9_-]{20,}/);
      expect((await owner.get('/api/v1/platform/emails')).body.emails.map((e: { id: string }) => e.id)).toContain(id);

      const other = await signIn(node, await makeStaff(node, await makeOrg(node), 'admin'));
      expect((await other.get(`/api/v1/emails/${id}`)).status).toBe(404);
      expect((await other.get('/api/v1/emails')).body.emails).toEqual([]);
    } finally {
      await node.close();
      await fresh.drop();
    }
  });
});
