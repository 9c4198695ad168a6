import { clientEvents, serverEvents } from '@frontdesk/protocol';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../../test/client.js';
import {
  makeConversation,
  makeGuest,
  makeOrg,
  makeStaff,
  makeStay,
  signIn,
  signInWithToken,
  type TestOrg,
} from '../../../test/factories.js';
import { freshInstallation, startTestServer, type TestServer } from '../../../test/harness.js';
import { ask, eventually, socketsClosedAfterEach } from '../../../test/sockets.js';
import { conversations, messages, scheduledMessages, users } from '../../db/schema.js';
import { serviceContext } from '../../platform/service-context.js';
import { staffActorOf } from '../auth/index.js';
import { sendAsStaff } from '../conversations/index.js';
import { scheduledClientId, sendDueScheduledMessages } from './jobs.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

const socketFor = socketsClosedAfterEach(() => server.url);
const inMs = (ms: number) => new Date(Date.now() + ms).toISOString();
const pastDue = async (id: string) =>
  server.ctx.db
    .update(scheduledMessages)
    .set({ sendAt: sql`now() - interval '1 second'` })
    .where(eq(scheduledMessages.id, id));

/** A hotel, Anna and Piotr at the desk, an admin, and a guest on a socket with a request. */
async function desk() {
  const org = await makeOrg(server);
  const anna = await makeStaff(server, org, 'agent', { name: 'Anna' });
  const piotr = await makeStaff(server, org, 'agent', { name: 'Piotr' });
  const boss = await makeStaff(server, org, 'admin', { name: 'Boss' });
  const [annaApi, piotrApi, bossApi] = await Promise.all([
    signInWithToken(server, anna),
    signIn(server, piotr),
    signIn(server, boss),
  ]);
  const guest = await makeGuest(server, org, { name: 'Jan' });
  const guestSocket = await socketFor({ token: guest.token });
  const first = await ask(guestSocket, clientEvents.send, { text: 'A taxi at 6, please', clientId: 'guest-msg-0001' });
  const conversationId: string = first.data.conversation.id;
  const path = `/api/v1/conversations/${conversationId}/scheduled-messages`;
  return { org, anna, piotr, annaApi, piotrApi, bossApi, guest, guestSocket, conversationId, path };
}

const schedule = (api: ApiClient, path: string, body = 'Your taxi is here', sendAt = inMs(3_600_000)) =>
  api.post(path, { body, sendAt });

describe('scheduling a reply', () => {
  it('is listed for the desk with who wrote it; only its author or an admin edits or cancels it', async () => {
    const d = await desk();
    const created = await schedule(d.annaApi, d.path);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      conversationId: d.conversationId,
      author: { id: d.anna.id, name: 'Anna' },
      body: 'Your taxi is here',
      status: 'scheduled',
      failure: null,
      messageId: null,
      canChange: true,
    });
    const id = created.body.id;
    const seenByPiotr = await d.piotrApi.get(d.path);
    expect(seenByPiotr.body.scheduled).toEqual([expect.objectContaining({ id, canChange: false })]);

    const at = inMs(7_200_000);
    const edited = await d.annaApi.patch(`${d.path}/${id}`, { body: 'Your taxi is waiting', sendAt: at });
    expect(edited.body).toMatchObject({ body: 'Your taxi is waiting', sendAt: new Date(at).toISOString() });
    const byPiotr = await d.piotrApi.patch(`${d.path}/${id}`, { body: 'Mine now' });
    expect([byPiotr.status, byPiotr.body.error.code]).toEqual([403, 'forbidden']);
    expect((await d.piotrApi.delete(`${d.path}/${id}`)).status).toBe(403);
    expect((await d.bossApi.patch(`${d.path}/${id}`, { body: 'Your taxi is outside' })).status).toBe(200);
    expect((await d.bossApi.delete(`${d.path}/${id}`)).status).toBe(204);
    expect((await d.annaApi.get(d.path)).body.scheduled).toEqual([]);
    const again = await d.annaApi.patch(`${d.path}/${id}`, { body: 'Too late' });
    expect([again.status, again.body.error.code]).toEqual([409, 'already_sent']);
  });

  it('refuses a time in the past or too far ahead, and bad bodies', async () => {
    const d = await desk();
    for (const body of [
      { body: 'Late', sendAt: inMs(-60_000) },
      { body: 'Far', sendAt: inMs(61 * 86_400_000) },
      { body: '   ', sendAt: inMs(60_000) },
      { body: 'x'.repeat(4001), sendAt: inMs(60_000) },
      { body: 'No time' },
      { body: 'Bad time', sendAt: 'tomorrow at six' },
      { body: 'Extra', sendAt: inMs(60_000), status: 'sent' },
    ]) {
      const res = await d.annaApi.post(d.path, body);
      expect([res.status, res.body.error.code], JSON.stringify(body)).toEqual([400, 'validation_failed']);
    }
    expect(await server.ctx.db.select().from(scheduledMessages).where(eq(scheduledMessages.orgId, d.org.id))).toEqual(
      [],
    );
  });

  it('keeps organizations and conversations apart', async () => {
    const d = await desk();
    const other = await desk();
    const id = (await schedule(d.annaApi, d.path)).body.id;
    // another organization's staff, and a scheduled id named under another conversation
    expect((await other.annaApi.get(d.path)).status).toBe(404);
    expect((await other.annaApi.post(d.path, { body: 'Hi', sendAt: inMs(60_000) })).status).toBe(404);
    expect((await other.bossApi.delete(`${d.path}/${id}`)).status).toBe(404);
    expect((await other.annaApi.patch(`${other.path}/${id}`, { body: 'Moved' })).status).toBe(404);
    const guestTries = await fetch(`${server.url}${d.path}`, { headers: { authorization: `Bearer ${d.guest.token}` } });
    expect(guestTries.status).toBe(401);
    const [row] = await server.ctx.db.select().from(scheduledMessages).where(eq(scheduledMessages.id, id));
    expect(row).toMatchObject({ status: 'scheduled', body: 'Your taxi is here' });
  });
});

describe('sending it', () => {
  it('goes out once, as its author, through the normal send — even with two nodes claiming at once', async () => {
    const d = await desk();
    const id = (await schedule(d.annaApi, d.path, 'Your taxi is here')).body.id;
    const heard: any[] = [];
    d.guestSocket.on(serverEvents.message, (m) => heard.push(m.message));
    await pastDue(id);
    const [a, b] = await Promise.all([sendDueScheduledMessages(server.ctx), sendDueScheduledMessages(server.ctx)]);
    expect(a + b).toBe(1);
    expect(await sendDueScheduledMessages(server.ctx)).toBe(0);
    await eventually(async () => heard.some((m) => m.text === 'Your taxi is here'));
    const sent = await server.ctx.db
      .select()
      .from(messages)
      .where(and(eq(messages.conversationId, d.conversationId), eq(messages.body, 'Your taxi is here')));
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ senderType: 'staff', senderId: d.anna.id, senderName: 'Anna' });
    // as a reply typed then: it took the queued request and answered it
    const [c] = await server.ctx.db.select().from(conversations).where(eq(conversations.id, d.conversationId));
    expect(c).toMatchObject({ status: 'open', assigneeId: d.anna.id, awaitingSince: null });
    expect(c?.firstResponseAt).toBeInstanceOf(Date);
    const [row] = await server.ctx.db.select().from(scheduledMessages).where(eq(scheduledMessages.id, id));
    expect(row).toMatchObject({ status: 'sent', messageId: sent[0]?.id });
    expect((await d.annaApi.get(d.path)).body.scheduled).toEqual([]);
    const late = await d.annaApi.delete(`${d.path}/${id}`);
    expect([late.status, late.body.error.code]).toEqual([409, 'already_sent']);
  });

  it('a cancelled one never goes; a future one waits', async () => {
    const d = await desk();
    const cancelled = (await schedule(d.annaApi, d.path, 'Cancelled taxi')).body.id;
    await schedule(d.annaApi, d.path, 'Tomorrow’s taxi');
    expect((await d.annaApi.delete(`${d.path}/${cancelled}`)).status).toBe(204);
    await pastDue(cancelled);
    expect(await sendDueScheduledMessages(server.ctx)).toBe(0);
    const texts = (await d.annaApi.get(`/api/v1/conversations/${d.conversationId}/messages`)).body.messages.map(
      (m: any) => m.text,
    );
    expect(texts).toEqual(['A taxi at 6, please']);
  });

  it('a node that died mid-send: the claim expires and the message is stored once', async () => {
    const d = await desk();
    const id = (await schedule(d.annaApi, d.path, 'Breakfast is ready')).body.id;
    // the dead node sent it and died before marking it sent; its claim has run out
    const anna = await staffActorOf(server.ctx.db, d.anna.id, 'test');
    if (!anna) throw new Error('no actor');
    const ctx = serviceContext(server.ctx, anna, { ip: null, userAgent: null, requestId: null });
    const first = await sendAsStaff(ctx, {
      conversationId: d.conversationId,
      clientId: scheduledClientId(id),
      text: 'Breakfast is ready',
    });
    await server.ctx.db
      .update(scheduledMessages)
      .set({ status: 'sending', claimedUntil: sql`now() - interval '1 second'`, sendAt: sql`now()` })
      .where(eq(scheduledMessages.id, id));
    expect(await sendDueScheduledMessages(server.ctx)).toBe(1);
    const stored = await server.ctx.db.select().from(messages).where(eq(messages.body, 'Breakfast is ready'));
    expect(stored.filter((m) => m.conversationId === d.conversationId)).toHaveLength(1);
    const [row] = await server.ctx.db.select().from(scheduledMessages).where(eq(scheduledMessages.id, id));
    expect(row).toMatchObject({ status: 'sent', messageId: first.message.id });
  });

  it('a resolved request still gets it as a follow-up; a deactivated author’s fails with the reason shown', async () => {
    const d = await desk();
    const followUp = (await schedule(d.annaApi, d.path, 'How was the taxi?')).body.id;
    await ask(await socketFor({ token: d.annaApi.token }), clientEvents.take, { conversationId: d.conversationId });
    expect((await d.annaApi.post(`/api/v1/conversations/${d.conversationId}/resolve`)).status).toBe(200);
    await pastDue(followUp);
    expect(await sendDueScheduledMessages(server.ctx)).toBe(1);
    const [c] = await server.ctx.db.select().from(conversations).where(eq(conversations.id, d.conversationId));
    expect(c?.status, 'a staff follow-up does not reopen it').toBe('resolved');
    expect(c?.preview).toBe('How was the taxi?');

    const orphan = (await schedule(d.piotrApi, d.path, 'From Piotr')).body.id;
    await server.ctx.db.update(users).set({ active: false }).where(eq(users.id, d.piotr.id));
    await pastDue(orphan);
    expect(await sendDueScheduledMessages(server.ctx)).toBe(0);
    const listed = (await d.annaApi.get(d.path)).body.scheduled;
    expect(listed).toEqual([
      expect.objectContaining({
        id: orphan,
        status: 'failed',
        failure: { code: 'account_inactive', message: expect.stringContaining('author') },
        canChange: false,
      }),
    ]);
  });
});

describe('a scheduled reply survives a restart', () => {
  it('is sent by a new node started on the same database after the first one stopped', async () => {
    const install = await freshInstallation();
    let first: TestServer | undefined;
    let second: TestServer | undefined;
    try {
      first = await startTestServer({}, install.env);
      const org: TestOrg = await makeOrg(first);
      const anna = await makeStaff(first, org, 'agent', { name: 'Anna' });
      const annaApi = await signIn(first, anna);
      const { guest } = await makeStay(first, org);
      const { conversation } = await makeConversation(first, guest, { assigneeId: anna.id });
      const res = await annaApi.post(`/api/v1/conversations/${conversation.id}/scheduled-messages`, {
        body: 'Good morning from the new node',
        sendAt: inMs(1_500),
      });
      expect(res.status).toBe(201);
      await first.close();
      first = undefined;

      second = await startTestServer({}, install.env);
      const db = second.ctx.db;
      // the new node's job runner (every 5 s) finds it due and sends it
      await eventually(async () => {
        const [row] = await db.select().from(scheduledMessages).where(eq(scheduledMessages.id, res.body.id));
        return row?.status === 'sent';
      }, 30_000);
      const sent = await db.select().from(messages).where(eq(messages.conversationId, conversation.id));
      expect(sent.filter((m) => m.body === 'Good morning from the new node')).toEqual([
        expect.objectContaining({ senderType: 'staff', senderId: anna.id }),
      ]);
    } finally {
      await first?.close();
      await second?.close();
      await install.drop();
    }
  }, 60_000);
});
