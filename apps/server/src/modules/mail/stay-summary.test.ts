import { clientEvents } from '@frontdesk/protocol';
import { and, eq, like } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { ApiClient } from '../../../test/client.js';
import { makeGuest, makeOrg, makeStaff, signInWithToken, type TestOrg } from '../../../test/factories.js';
import { type TestServer, uniqueSuffix } from '../../../test/harness.js';
import { mailingServerForFile, type SmtpServer } from '../../../test/mailing-server.js';
import { ask, eventually, socketsClosedAfterEach } from '../../../test/sockets.js';
import { emails, organizations, stayGuests, workItems } from '../../db/schema.js';
import { systemContext } from '../../platform/service-context.js';

let smtp: SmtpServer;
let server: TestServer;
mailingServerForFile((running) => {
  ({ smtp, server } = running);
});

const socketFor = socketsClosedAfterEach(() => server.url);

/** A guest of `org` signed in, with an API client of their own. */
async function guestOf(org: TestOrg, name: string) {
  const guest = await makeGuest(server, org, { name });
  const api = new ApiClient(server.url);
  api.token = guest.token;
  return { ...guest, api };
}

async function summaryRows(stayId: string) {
  return server.ctx.db
    .select({ template: emails.template, to: emails.toAddress })
    .from(emails)
    .where(like(emails.key, `stay-summary:${stayId}:%`));
}

describe('the stay summary e-mail, through a real SMTP server', () => {
  it('an opted-in guest gets one summary of their requests in their language; nobody else does', async () => {
    const org = await makeOrg(server);
    const agent = await signInWithToken(server, await makeStaff(server, org, 'agent'));
    const anna = await guestOf(org, 'Anna Nowak');
    await server.ctx.db.update(stayGuests).set({ language: 'pl' }).where(eq(stayGuests.id, anna.guestId));
    const address = `anna-${uniqueSuffix()}@example.test`;

    // bad input and refusals first
    expect((await anna.api.put('/api/v1/guest/stay-summary', { email: 'not an address' })).status).toBe(400);
    expect((await agent.put('/api/v1/guest/stay-summary', { email: address })).status).toBe(401);
    expect((await anna.api.get('/api/v1/guest/stay-summary')).body).toEqual({ email: null });
    const set = await anna.api.put('/api/v1/guest/stay-summary', { email: address.toUpperCase() });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(set.body).toEqual({ email: address });
    expect((await anna.api.get('/api/v1/guest/stay-summary')).body).toEqual({ email: address });
    // the desk sees that she asked, not where to
    const stay = await agent.get(`/api/v1/stays/${anna.stayId}`);
    expect(stay.body.guests[0].summaryOptIn).toBe(true);
    expect(JSON.stringify(stay.body)).not.toContain(address);

    // a request: two lines, an answer, an internal note, a task done, resolved and rated
    const socket = await socketFor({ token: anna.token });
    const sent = await ask(socket, clientEvents.send, {
      clientId: `c-${uniqueSuffix()}`,
      text: 'Proszę dwa ręczniki\nI jeszcze mydło',
    });
    expect(sent.ok, JSON.stringify(sent)).toBe(true);
    const conversationId = sent.data.conversation.id as string;
    await agent.post(`/api/v1/conversations/${conversationId}/take`);
    const note = await agent.post(`/api/v1/conversations/${conversationId}/notes`, {
      clientId: `n-${uniqueSuffix()}`,
      text: 'Staff only: SECRETNOTE55',
    });
    expect(note.status, JSON.stringify(note.body)).toBeLessThan(300);
    await server.ctx.db.insert(workItems).values({
      orgId: org.id,
      title: 'Ręczniki do pokoju',
      status: 'done',
      conversationId,
      stayId: anna.stayId,
    });
    expect((await agent.post(`/api/v1/conversations/${conversationId}/resolve`)).status).toBe(200);
    const rated = await ask(socket, clientEvents.rate, { conversationId, rating: 5 });
    expect(rated.ok, JSON.stringify(rated)).toBe(true);

    // a guest who did not opt in, and a visitor (no stay: refused)
    const bob = await guestOf(org, 'Bob');
    await ask(await socketFor({ token: bob.token }), clientEvents.send, {
      clientId: `b-${uniqueSuffix()}`,
      text: 'Late checkout?',
    });
    await server.ctx.db.update(organizations).set({ publicEntryEnabled: true }).where(eq(organizations.id, org.id));
    const visit = await new ApiClient(server.url).post(`/api/v1/guest/${org.slug}/visit`, { name: 'V', topic: 'T' });
    const visitor = new ApiClient(server.url);
    visitor.token = visit.body.token;
    expect((await visitor.put('/api/v1/guest/stay-summary', { email: address })).status).toBe(403);

    expect((await agent.post(`/api/v1/stays/${anna.stayId}/check-out`)).status).toBe(200);
    expect((await agent.post(`/api/v1/stays/${bob.stayId}/check-out`)).status).toBe(200);
    await eventually(async () => smtp.to(address).length >= 1);
    const [mail] = smtp.to(address);
    expect(mail?.parsed.subject).toBe(`Twój pobyt w ${org.name}: Twoje prośby`);
    const text = mail?.parsed.text ?? '';
    expect(text).toContain('„Proszę dwa ręczniki”: załatwiona, Twoja ocena: 5 z 5. Wykonano: Ręczniki do pokoju.');
    expect(text).not.toContain('mydło');
    expect(text).not.toContain('SECRETNOTE55');
    expect(mail?.parsed.html || '').not.toContain('SECRETNOTE55');

    // the stay's end seen again (a second check-out event): still one e-mail. Another opted-in guest's
    // check-out, recorded after it, shows the consumer got past it.
    await systemContext(server.ctx, 'test-double-check-out').transact((tx) =>
      tx.record({
        type: 'stay.ended',
        orgId: org.id,
        stream: `stay:${anna.stayId}`,
        data: { stayId: anna.stayId, roomId: stay.body.room.id, reason: 'checked_out' },
      }),
    );
    const carl = await guestOf(org, 'Carl');
    const carlAddress = `carl-${uniqueSuffix()}@example.test`;
    await carl.api.put('/api/v1/guest/stay-summary', { email: carlAddress });
    await ask(await socketFor({ token: carl.token }), clientEvents.send, {
      clientId: `k-${uniqueSuffix()}`,
      text: 'Extra pillow please',
    });
    expect((await agent.post(`/api/v1/stays/${carl.stayId}/check-out`)).status).toBe(200);
    await eventually(async () => smtp.to(carlAddress).length >= 1);
    expect(smtp.to(carlAddress)[0]?.parsed.subject).toBe(`Your stay at ${org.name}: your requests`);
    expect(smtp.to(address)).toHaveLength(1);
    expect(await summaryRows(anna.stayId)).toEqual([{ template: 'stay_summary', to: address }]);
    expect(await summaryRows(bob.stayId)).toEqual([]);
  });

  it('a guest may take it back, and erasure forgets the address', async () => {
    const org = await makeOrg(server);
    const admin = await signInWithToken(server, await makeStaff(server, org, 'admin'));
    const dana = await guestOf(org, 'Dana');
    const address = `dana-${uniqueSuffix()}@example.test`;
    await dana.api.put('/api/v1/guest/stay-summary', { email: address });
    const cleared = await dana.api.delete('/api/v1/guest/stay-summary');
    expect(cleared.body).toEqual({ email: null });
    await dana.api.put('/api/v1/guest/stay-summary', { email: address });
    expect((await admin.post(`/api/v1/stays/${dana.stayId}/check-out`)).status).toBe(200);
    // after check-out the guest page is read-only: no change of mind any more
    expect((await dana.api.put('/api/v1/guest/stay-summary', { email: address })).status).toBe(403);
    expect((await admin.post(`/api/v1/stays/${dana.stayId}/erase`)).status).toBe(200);
    const [row] = await server.ctx.db
      .select({ email: stayGuests.summaryEmail, at: stayGuests.summaryOptedInAt })
      .from(stayGuests)
      .where(and(eq(stayGuests.id, dana.guestId)));
    expect(row).toEqual({ email: null, at: null });
  });
});
