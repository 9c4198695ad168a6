import { clientEvents, serverEvents } from '@frontdesk/protocol';
import { ChatClient } from '@frontdesk/sdk';
import { eq } from 'drizzle-orm';
import type { Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { makeConversation, makeOrg, makeStaff, makeStay, signInWithToken } from '../../test/factories.js';
import { startTestServer, type TestServer, uniqueSuffix } from '../../test/harness.js';
import { ask, connect, until } from '../../test/sockets.js';
import { chatEventGroups } from '../config.js';
import { conversations, messages, stays } from '../db/schema.js';
import { createGuestSession } from '../modules/guest/index.js';

/** Every budget small, so that going over it takes a handful of events: 3 per socket, 5 per sender. */
const small = { perSocket: 3, perSocketWindowSeconds: 60, perSender: 5, perSenderWindowSeconds: 60 };

let server: TestServer;
let limited: TestServer;
const open: Socket[] = [];
beforeAll(async () => {
  [server, limited] = await Promise.all([
    startTestServer(),
    startTestServer({
      chatLimits: small,
      chatEventLimits: Object.fromEntries(chatEventGroups.map((group) => [group, small])),
    }),
  ]);
});
afterEach(() => {
  for (const s of open.splice(0)) s.close();
});
afterAll(async () => {
  await Promise.all([server?.close(), limited?.close()]);
});

async function socketFor(on: TestServer, token: string) {
  const socket = await connect(on.url, { token });
  open.push(socket);
  return socket;
}

/** An organization with an agent and a guest whose request (seq 1) is queued, with their tokens. */
async function hotel(on: TestServer) {
  const org = await makeOrg(on);
  const agent = await makeStaff(on, org, 'agent', { name: 'Anna' });
  const agentApi = await signInWithToken(on, agent);
  const { stay, guest } = await makeStay(on, org, { guestName: 'Jan' });
  const { token: guestToken } = await createGuestSession(on.ctx.db, { orgId: org.id, guestId: guest.id });
  const { conversation } = await makeConversation(on, { id: guest.id, orgId: org.id, stayId: stay.id, name: 'Jan' });
  return { org, agent, agentToken: agentApi.token ?? '', guestToken, stay, conversationId: conversation.id };
}

type Hotel = Awaited<ReturnType<typeof hotel>>;

/** Each event a client may send, from the side that may send it, with a valid payload. */
const allowed: { event: string; who: 'guest' | 'staff'; payload: (h: Hotel) => unknown; ack: boolean }[] = [
  {
    event: clientEvents.send,
    who: 'guest',
    payload: (h) => ({ conversationId: h.conversationId, clientId: `limit-${uniqueSuffix()}`, text: 'hi' }),
    ack: true,
  },
  {
    event: clientEvents.send,
    who: 'staff',
    payload: (h) => ({ conversationId: h.conversationId, clientId: `limit-${uniqueSuffix()}`, text: 'hi' }),
    ack: true,
  },
  { event: clientEvents.sync, who: 'guest', payload: () => ({ since: {} }), ack: true },
  { event: clientEvents.sync, who: 'staff', payload: (h) => ({ since: { [h.conversationId]: 0 } }), ack: true },
  {
    event: clientEvents.typing,
    who: 'guest',
    payload: (h) => ({ conversationId: h.conversationId, typing: true }),
    ack: false,
  },
  {
    event: clientEvents.typing,
    who: 'staff',
    payload: (h) => ({ conversationId: h.conversationId, typing: true }),
    ack: false,
  },
  {
    event: clientEvents.read,
    who: 'guest',
    payload: (h) => ({ conversationId: h.conversationId, seq: 1 }),
    ack: false,
  },
  { event: clientEvents.read, who: 'staff', payload: (h) => ({ conversationId: h.conversationId, seq: 1 }), ack: true },
  {
    event: clientEvents.delivered,
    who: 'guest',
    payload: (h) => ({ conversationId: h.conversationId, seq: 1 }),
    ack: false,
  },
  {
    event: clientEvents.delivered,
    who: 'staff',
    payload: (h) => ({ conversationId: h.conversationId, seq: 1 }),
    ack: true,
  },
  { event: clientEvents.take, who: 'staff', payload: (h) => ({ conversationId: h.conversationId }), ack: true },
  {
    event: clientEvents.assign,
    who: 'staff',
    payload: (h) => ({ conversationId: h.conversationId, userId: h.agent.id }),
    ack: true,
  },
  { event: clientEvents.resolve, who: 'staff', payload: (h) => ({ conversationId: h.conversationId }), ack: true },
  {
    event: clientEvents.rate,
    who: 'guest',
    payload: (h) => ({ conversationId: h.conversationId, rating: 5 }),
    ack: true,
  },
  { event: clientEvents.presence, who: 'staff', payload: () => ({ status: 'online' }), ack: true },
];

describe('every socket event has a budget per socket and per sender', () => {
  it.each(allowed)('$event from $who: over budget it is refused with rate_limited and when to retry', async (c) => {
    const h = await hotel(limited);
    const token = c.who === 'guest' ? h.guestToken : h.agentToken;
    const [first, second] = [await socketFor(limited, token), await socketFor(limited, token)];
    // within the budget, whatever the answer (a second take is already_taken), it is no rate limit;
    // events sent without an ack are counted all the same
    for (let i = 0; i < small.perSocket; i++) {
      if (c.ack) expect((await ask(first, c.event, c.payload(h))).error?.code).not.toBe('rate_limited');
      else first.emit(c.event, c.payload(h));
    }
    const overSocket = await ask(first, c.event, c.payload(h));
    expect(overSocket).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
    expect(overSocket.error.details.retryAfterSeconds).toBeGreaterThan(0);
    // the same sender on another socket has what is left of the sender's budget: 5 - 3
    for (let i = 0; i < small.perSender - small.perSocket; i++)
      expect((await ask(second, c.event, c.payload(h))).error?.code).not.toBe('rate_limited');
    const overSender = await ask(second, c.event, c.payload(h));
    expect(overSender).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
    expect(overSender.error.details.retryAfterSeconds).toBeGreaterThan(0);
  });

  it('stops a flood of sync from one socket after a few, by default', async () => {
    const h = await hotel(server);
    const socket = await socketFor(server, h.guestToken);
    const answers = await Promise.all(Array.from({ length: 30 }, () => ask(socket, clientEvents.sync, { since: {} })));
    expect(answers.filter((a) => a.ok)).toHaveLength(10);
    expect(answers.slice(10).every((a) => a.error?.code === 'rate_limited')).toBe(true);
  });
});

describe('the SDK under a sync budget', () => {
  it('tries a refused resync again when the server says, so nothing stays missing', async () => {
    const tight = await startTestServer({
      chatEventLimits: {
        sync: { perSocket: 1, perSocketWindowSeconds: 1, perSender: 100, perSenderWindowSeconds: 60 },
      },
    });
    try {
      const h = await hotel(tight);
      const client = new ChatClient(await socketFor(tight, h.guestToken));
      await client.resync();
      expect(client.conversation(h.conversationId)?.lastSeq).toBe(1);
      // a message the live fan-out never carried (written straight to the database)…
      await tight.ctx.db.update(conversations).set({ lastSeq: 2 }).where(eq(conversations.id, h.conversationId));
      await tight.ctx.db.insert(messages).values({
        orgId: h.org.id,
        conversationId: h.conversationId,
        seq: 2,
        senderType: 'staff',
        senderId: h.agent.id,
        senderName: 'Anna',
        senderKey: `user:${h.agent.id}`,
        clientId: 'sdk-retry-0002',
        body: 'Missed while away',
      });
      // …is asked for at once, over the budget: refused, then tried again after the retry time
      await client.resync();
      await until(() => client.messages(h.conversationId).length === 2, 10_000);
      expect(client.messages(h.conversationId).map((m) => m.text)).toEqual(['The shower is cold', 'Missed while away']);
    } finally {
      await tight.close();
    }
  });
});

describe('events the sender may not send', () => {
  it('answers a guest’s staff events with forbidden and changes nothing', async () => {
    const h = await hotel(server);
    const guest = await socketFor(server, h.guestToken);
    for (const [event, payload] of [
      [clientEvents.take, { conversationId: h.conversationId }],
      [clientEvents.assign, { conversationId: h.conversationId, userId: h.agent.id }],
      [clientEvents.resolve, { conversationId: h.conversationId }],
      [clientEvents.presence, { status: 'away' }],
    ] as const) {
      const answer = await ask(guest, event, payload);
      expect(answer, event).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(answer.error.message).toEqual(expect.any(String));
    }
    const [row] = await server.ctx.db.select().from(conversations).where(eq(conversations.id, h.conversationId));
    expect(row).toMatchObject({ status: 'queued', assigneeId: null });
  });

  it('answers staff rating a request with forbidden', async () => {
    const h = await hotel(server);
    const staff = await socketFor(server, h.agentToken);
    const answer = await ask(staff, clientEvents.rate, { conversationId: h.conversationId, rating: 1 });
    expect(answer).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const [row] = await server.ctx.db.select().from(conversations).where(eq(conversations.id, h.conversationId));
    expect(row?.rating).toBe(null);
  });

  it('answers an event the protocol does not have, and limits refused events too', async () => {
    const h = await hotel(server);
    for (const token of [h.guestToken, h.agentToken]) {
      const socket = await socketFor(server, token);
      expect(await ask(socket, 'conversation:delete', { conversationId: h.conversationId })).toMatchObject({
        ok: false,
        error: { code: 'bad_request' },
      });
      // 20 refused events per socket per 10 s, then rate_limited
      const answers = await Promise.all(
        Array.from({ length: 20 }, () =>
          ask(socket, token === h.guestToken ? clientEvents.take : clientEvents.rate, {}),
        ),
      );
      expect(answers.slice(0, 19).every((a) => a.error.code === 'forbidden')).toBe(true);
      expect(answers[19]).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
      expect((await ask(socket, 'anything', null)).error.code).toBe('rate_limited');
    }
  });
});

describe('a checked-out guest during the grace period', () => {
  it('may read and rate, but typing and receipts are refused with stay_read_only and reach nobody', async () => {
    const h = await hotel(server);
    const staff = await socketFor(server, h.agentToken);
    const updates: { status: string; rating: number | null }[] = [];
    staff.on(serverEvents.conversation, (c) => updates.push(c));
    await ask(staff, clientEvents.take, { conversationId: h.conversationId });
    await ask(staff, clientEvents.resolve, { conversationId: h.conversationId });
    await until(() => updates.some((c) => c.status === 'resolved'));
    const typingSeen: unknown[] = [];
    const receiptsSeen: unknown[] = [];
    staff.on(serverEvents.typing, (t) => typingSeen.push(t));
    staff.on(serverEvents.receipt, (r) => receiptsSeen.push(r));
    await server.ctx.db
      .update(stays)
      .set({ endedAt: new Date(), checkOutAt: new Date() })
      .where(eq(stays.id, h.stay.id));
    // the guest's session began before check-out: it reconnects read-only
    const guest = await socketFor(server, h.guestToken);
    const { conversationId } = h;
    for (const [event, payload] of [
      [clientEvents.typing, { conversationId, typing: true }],
      [clientEvents.read, { conversationId, seq: 3 }],
      [clientEvents.delivered, { conversationId, seq: 3 }],
      [clientEvents.send, { conversationId, clientId: 'grace-00001', text: 'One more thing' }],
    ] as const) {
      expect(await ask(guest, event, payload), event).toMatchObject({ ok: false, error: { code: 'stay_read_only' } });
    }
    const [row] = await server.ctx.db.select().from(conversations).where(eq(conversations.id, conversationId));
    expect(row).toMatchObject({ guestReadSeq: 1, guestDeliveredSeq: 1 });
    const synced = await ask(guest, clientEvents.sync, { since: {} });
    expect(synced.data.messages.map((m: { seq: number }) => m.seq)).toEqual([1, 2, 3]);
    expect((await ask(guest, clientEvents.rate, { conversationId, rating: 5 })).data.rating).toBe(5);
    // what the guest did before rating would have reached staff before the rating does
    await until(() => updates.some((c) => c.rating === 5));
    expect(typingSeen).toEqual([]);
    expect(receiptsSeen).toEqual([]);
  });
});
