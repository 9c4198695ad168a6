import { clientEvents, serverEvents } from '@frontdesk/protocol';
import { ChatClient } from '@frontdesk/sdk';
import { eq, inArray, sql } from 'drizzle-orm';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  makeConversation,
  makeGuest,
  makeOrg,
  makeStaff,
  makeStay,
  signIn,
  signInWithToken,
} from '../../../test/factories.js';
import { startTestServer, type TestServer } from '../../../test/harness.js';
import { ask, connect, nextEvent, socketsClosedAfterEach, until } from '../../../test/sockets.js';
import { conversations, messages, stays } from '../../db/schema.js';
import { senderKeyOf } from '../../platform/actor.js';
import { resolveGuestSession } from '../guest/index.js';
import { openAsGuestInOneStatement, sendAsGuestInOneStatement } from './send-in-one-statement.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

const socketFor = socketsClosedAfterEach(() => server.url);

/** An organization with two receptionists on sockets and a guest on a socket. */
async function hotel() {
  const org = await makeOrg(server);
  const anna = await makeStaff(server, org, 'agent', { name: 'Anna' });
  const piotr = await makeStaff(server, org, 'agent', { name: 'Piotr' });
  const annaApi = await signInWithToken(server, anna);
  const piotrApi = await signInWithToken(server, piotr);
  const guest = await makeGuest(server, org, { name: 'Jan', room: '214' });
  const [annaSocket, piotrSocket, guestSocket] = await Promise.all([
    socketFor({ token: annaApi.token }),
    socketFor({ token: piotrApi.token }),
    socketFor({ token: guest.token }),
  ]);
  return { org, anna, piotr, annaApi, piotrApi, guest, annaSocket, piotrSocket, guestSocket };
}

const send = (socket: Socket, text: string, clientId: string, conversationId?: string) =>
  ask(socket, clientEvents.send, { text, clientId, ...(conversationId ? { conversationId } : {}) });

describe('a request from first message to rating', () => {
  it('queues, is taken, answered with receipts and typing, resolved, and rated', async () => {
    const h = await hotel();
    const seenByPiotr = nextEvent(h.piotrSocket, serverEvents.message);
    const first = await send(h.guestSocket, 'The shower in 214 is cold', 'client-msg-0001');
    expect(first.ok).toBe(true);
    expect(first.data.message).toMatchObject({
      seq: 1,
      text: 'The shower in 214 is cold',
      sender: { type: 'guest', name: 'Jan' },
    });
    expect(first.data.conversation.status).toBe('queued');
    const conversationId = first.data.conversation.id;

    const live = await seenByPiotr;
    const desk = await h.guest.desk.get(`/api/v1/stays/${h.guest.stayId}`);
    expect(desk.body.liveConversations).toBe(1);
    expect(live.conversation).toMatchObject({
      id: conversationId,
      status: 'queued',
      stay: { roomNumber: '214' },
      contact: { name: 'Jan' },
      preview: 'The shower in 214 is cold',
      unread: 1,
    });

    const guestMessages: any[] = [];
    h.guestSocket.on(serverEvents.message, (m) => guestMessages.push(m.message));

    // both receptionists go for it: exactly one wins
    const [a, p] = await Promise.all([
      ask(h.annaSocket, clientEvents.take, { conversationId }),
      ask(h.piotrSocket, clientEvents.take, { conversationId }),
    ]);
    const winners = [a, p].filter((r) => r.ok);
    const losers = [a, p].filter((r) => !r.ok);
    expect(winners).toHaveLength(1);
    expect(losers[0].error.code).toBe('already_taken');
    const winnerSocket = a.ok ? h.annaSocket : h.piotrSocket;
    const winnerName = a.ok ? 'Anna' : 'Piotr';
    expect(losers[0].error.message).toContain(winnerName);

    // typing both ways
    const guestSeesTyping = nextEvent(h.guestSocket, serverEvents.typing);
    winnerSocket.emit(clientEvents.typing, { conversationId, typing: true });
    expect(await guestSeesTyping).toMatchObject({
      conversationId,
      typing: true,
      from: { type: 'staff', name: winnerName },
    });
    const staffSeesTyping = nextEvent(winnerSocket, serverEvents.typing);
    h.guestSocket.emit(clientEvents.typing, { conversationId, typing: true });
    expect(await staffSeesTyping).toMatchObject({ conversationId, typing: true, from: { type: 'guest' } });

    // the reply reaches the guest after the "taken" system message
    const reply = await send(winnerSocket, 'Sending someone up right away', 'client-msg-0002', conversationId);
    expect(reply.data.message.seq).toBe(3);
    await until(() => guestMessages.length === 2);
    expect(guestMessages.map((m) => [m.seq, m.event, m.text])).toEqual([
      [2, 'taken', `${winnerName} took the request`],
      [3, null, 'Sending someone up right away'],
    ]);

    // read receipts both ways
    const staffSeesRead = nextEvent(winnerSocket, serverEvents.receipt);
    h.guestSocket.emit(clientEvents.read, { conversationId, seq: 3 });
    expect((await staffSeesRead).receipts).toMatchObject({ guestReadSeq: 3 });
    const guestSeesRead = nextEvent(h.guestSocket, serverEvents.receipt);
    const readAck = await ask(winnerSocket, clientEvents.read, { conversationId, seq: 1 });
    expect(readAck.ok).toBe(true);
    expect((await guestSeesRead).receipts).toMatchObject({ staffReadSeq: 3 });

    // resolve, then the guest rates once
    const guestSeesResolved = nextEvent(h.guestSocket, serverEvents.conversation);
    const resolved = await ask(winnerSocket, clientEvents.resolve, { conversationId });
    expect(resolved.data.status).toBe('resolved');
    expect((await guestSeesResolved).status).toBe('resolved');
    expect((await h.guest.desk.get('/api/v1/stays')).body[0].liveConversations).toBe(0);
    const rated = await ask(h.guestSocket, clientEvents.rate, { conversationId, rating: 4, comment: 'Quick, thanks!' });
    expect(rated.data).toMatchObject({ rating: 4, ratingComment: 'Quick, thanks!' });
    const again = await ask(h.guestSocket, clientEvents.rate, { conversationId, rating: 1 });
    expect(again.error.code).toBe('already_rated');

    // staff lists and history over REST
    const list = await h.annaApi.get('/api/v1/conversations?status=resolved');
    expect(list.body.conversations.map((c: { id: string }) => c.id)).toEqual([conversationId]);
    expect(list.body.counts).toMatchObject({ queued: 0, open: 0, resolved: 1 });
    const history = await h.annaApi.get(`/api/v1/conversations/${conversationId}/messages?after=0`);
    expect(history.body.messages.map((m: { seq: number; event: string | null }) => [m.seq, m.event])).toEqual([
      [1, null],
      [2, 'taken'],
      [3, null],
      [4, 'resolved'],
    ]);
    const older = await h.annaApi.get(`/api/v1/conversations/${conversationId}/messages?before=4&limit=2`);
    expect(older.body).toMatchObject({ hasMore: true });
    expect(older.body.messages.map((m: { seq: number }) => m.seq)).toEqual([2, 3]);
  });

  it('reopens within the reopen window, and starts a new request after it', async () => {
    const h = await hotel();
    const first = await send(h.guestSocket, 'Need towels', 'client-reopen-01');
    const id = first.data.conversation.id;
    await ask(h.annaSocket, clientEvents.take, { conversationId: id });
    await ask(h.annaSocket, clientEvents.resolve, { conversationId: id });
    const again = await send(h.guestSocket, 'Actually two more please', 'client-reopen-02');
    expect(again.data.conversation).toMatchObject({ id, status: 'open' });
    expect(again.data.message.seq).toBe(5); // 1 msg, 2 taken, 3 resolved, 4 reopened, 5 msg

    await ask(h.annaSocket, clientEvents.resolve, { conversationId: id });
    await server.ctx.db
      .update(conversations)
      .set({ resolvedAt: new Date(Date.now() - 31 * 60_000) })
      .where(eq(conversations.id, id));
    const later = await send(h.guestSocket, 'New thing: late check-out?', 'client-reopen-03');
    expect(later.data.conversation.id).not.toBe(id);
    expect(later.data.message.seq).toBe(1);
    const mine = await ask(h.guestSocket, clientEvents.sync, { since: {} });
    expect(mine.data.conversations).toHaveLength(2);
  });
});

describe('a guest has one unresolved request at a time, and a reply goes where it answers', () => {
  /** Request A resolved past the reopen window, request B queued after it, a staff follow-up in A. */
  async function followUpBesideQueued() {
    const h = await hotel();
    const a = (await send(h.guestSocket, 'Need towels', 'client-third-a01')).data.conversation.id;
    await ask(h.annaSocket, clientEvents.take, { conversationId: a });
    await ask(h.annaSocket, clientEvents.resolve, { conversationId: a });
    await server.ctx.db
      .update(conversations)
      .set({ resolvedAt: new Date(Date.now() - 31 * 60_000) })
      .where(eq(conversations.id, a));
    const b = (await send(h.guestSocket, 'Late check-out?', 'client-third-b01')).data.conversation.id;
    expect(b).not.toBe(a);
    const followUp = await send(h.annaSocket, 'Did the towels arrive?', 'client-third-f01', a);
    expect(followUp.ok).toBe(true);
    const unresolved = async () =>
      (await ask(h.guestSocket, clientEvents.sync, { since: {} })).data.conversations.filter(
        (c: { status: string }) => c.status !== 'resolved',
      );
    return { h, a, b, unresolved };
  }

  it('sends an answer that names no conversation to the unresolved request, not into a third one', async () => {
    const { h, b, unresolved } = await followUpBesideQueued();
    const reply = await send(h.guestSocket, 'Yes, thank you', 'client-third-r01');
    expect(reply.ok).toBe(true);
    expect(reply.data.conversation.id).toBe(b);
    expect((await unresolved()).map((c: { id: string }) => c.id)).toEqual([b]);
    const all = await ask(h.guestSocket, clientEvents.sync, { since: {} });
    expect(all.data.conversations).toHaveLength(2);
  });

  it('puts an answer that names the followed-up request into it, leaving one unresolved request', async () => {
    const { h, a, b, unresolved } = await followUpBesideQueued();
    const reply = await send(h.guestSocket, 'Yes, thank you', 'client-third-r02', a);
    expect(reply.ok).toBe(true);
    expect(reply.data.conversation.id).toBe(a);
    expect(reply.data.message.text).toBe('Yes, thank you');
    expect((await unresolved()).map((c: { id: string }) => c.id)).toEqual([b]);
    const all = await ask(h.guestSocket, clientEvents.sync, { since: {} });
    expect(all.data.conversations).toHaveLength(2);
  });

  it('reopens the followed-up request it answers when the guest has no other unresolved one', async () => {
    const h = await hotel();
    const a = (await send(h.guestSocket, 'Need towels', 'client-third-a02')).data.conversation.id;
    await ask(h.annaSocket, clientEvents.take, { conversationId: a });
    await ask(h.annaSocket, clientEvents.resolve, { conversationId: a });
    await server.ctx.db
      .update(conversations)
      .set({ resolvedAt: new Date(Date.now() - 31 * 60_000) })
      .where(eq(conversations.id, a));
    // naming an old request nobody followed up starts a new one, as naming none does
    const fresh = await send(h.guestSocket, 'Something new', 'client-third-r04', a);
    expect(fresh.data.conversation.id).not.toBe(a);
    expect(fresh.data.message.seq).toBe(1);
    await ask(h.annaSocket, clientEvents.take, { conversationId: fresh.data.conversation.id });
    await ask(h.annaSocket, clientEvents.resolve, { conversationId: fresh.data.conversation.id });

    await send(h.annaSocket, 'Did the towels arrive?', 'client-third-f02', a);
    const reply = await send(h.guestSocket, 'Only one, sorry', 'client-third-r03', a);
    expect(reply.data.conversation).toMatchObject({ id: a, status: 'open' });
  });
});

describe('the inbox pages', () => {
  it('shows every conversation once when many share the boundary instant', async () => {
    const org = await makeOrg(server);
    const agent = await signInWithToken(server, await makeStaff(server, org, 'agent'));
    const { stay, guest } = await makeStay(server, org, { guestName: 'Jan' });
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      const { conversation } = await makeConversation(server, {
        id: guest.id,
        orgId: org.id,
        stayId: stay.id,
        name: 'Jan',
      });
      ids.push(conversation.id);
    }
    // five in one microsecond, one a microsecond later, one a millisecond earlier
    const at = (ids: string[], instant: string) =>
      server.ctx.db
        .update(conversations)
        .set({ lastMessageAt: sql`${instant}::timestamptz`, createdAt: sql`${instant}::timestamptz` })
        .where(inArray(conversations.id, ids));
    await at(ids.slice(0, 5), '2026-03-01 10:00:00.123456+00');
    await at([ids[5] ?? ''], '2026-03-01 10:00:00.123457+00');
    await at([ids[6] ?? ''], '2026-03-01 10:00:00.122456+00');
    const pages = async (status: string) => {
      const seen: string[] = [];
      let before: string | null = null;
      for (let n = 0; n < 10; n++) {
        const page: { status: number; body: any } = await agent.get(
          `/api/v1/conversations?status=${status}&limit=2${before ? `&before=${before}` : ''}`,
        );
        expect(page.status).toBe(200);
        seen.push(...page.body.conversations.map((c: { id: string }) => c.id));
        before = page.body.nextBefore;
        if (!before) break;
      }
      expect(seen).toHaveLength(7);
      expect(new Set(seen)).toEqual(new Set(ids));
      return seen;
    };

    // the queue: most urgent first, then who waited longest
    await server.ctx.db
      .update(conversations)
      .set({ priority: 'high' })
      .where(inArray(conversations.id, [ids[3] ?? '', ids[4] ?? '']));
    const queue = await pages('queued');
    expect(new Set(queue.slice(0, 2))).toEqual(new Set([ids[3], ids[4]]));
    expect(queue[2]).toBe(ids[6]);
    expect(queue[6]).toBe(ids[5]);

    // the other tabs: newest activity first
    await server.ctx.db.update(conversations).set({ status: 'open' }).where(inArray(conversations.id, ids));
    const open = await pages('open');
    expect(open[0]).toBe(ids[5]);
    expect(open[6]).toBe(ids[6]);

    const bad = await agent.get('/api/v1/conversations?status=queued&before=2026-03-01T10:00:00.123Z');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('validation_failed');
  });
});

describe('the one-statement paths and the transaction agree on when each applies', () => {
  it('opens a request in one statement only when the guest has none open, queued or reopenable', async () => {
    const h = await hotel();
    const guest = await resolveGuestSession(server.ctx.db, h.guest.token);
    if (!guest) throw new Error('no guest');
    const key = senderKeyOf(guest);
    const opened = await openAsGuestInOneStatement(server.ctx.db, guest, { clientId: 'open-0001', text: 'Hi' }, key);
    expect(opened?.message).toMatchObject({ seq: 1, body: 'Hi', senderName: 'Jan' });
    // one is queued now: the next message goes to it, not into a second one
    expect(await openAsGuestInOneStatement(server.ctx.db, guest, { clientId: 'open-0002', text: 'Hi?' }, key)).toBe(
      null,
    );
    const next = await sendAsGuestInOneStatement(server.ctx.db, guest, { clientId: 'open-0003', text: 'Hi?' }, key);
    expect(next?.message).toMatchObject({ seq: 2, conversationId: opened?.conversation.id });
    // resolved a minute ago: still reopenable, which only the transaction does
    await server.ctx.db
      .update(conversations)
      .set({ status: 'resolved', resolvedAt: new Date(Date.now() - 60_000) })
      .where(eq(conversations.id, opened?.conversation.id ?? ''));
    expect(await sendAsGuestInOneStatement(server.ctx.db, guest, { clientId: 'open-0004', text: 'a' }, key)).toBe(null);
    expect(await openAsGuestInOneStatement(server.ctx.db, guest, { clientId: 'open-0005', text: 'b' }, key)).toBe(null);
    // past the window (30 minutes by default): a new request opens
    await server.ctx.db
      .update(conversations)
      .set({ resolvedAt: new Date(Date.now() - 31 * 60_000) })
      .where(eq(conversations.id, opened?.conversation.id ?? ''));
    const again = await openAsGuestInOneStatement(server.ctx.db, guest, { clientId: 'open-0006', text: 'c' }, key);
    expect(again?.conversation.id).not.toBe(opened?.conversation.id);
    // a stay that is over: neither path writes anything
    await server.ctx.db
      .update(stays)
      .set({ checkOutAt: new Date(Date.now() - 1000) })
      .where(eq(stays.id, h.guest.stayId));
    expect(await sendAsGuestInOneStatement(server.ctx.db, guest, { clientId: 'open-0007', text: 'd' }, key)).toBe(null);
    await server.ctx.db
      .update(conversations)
      .set({ status: 'resolved', resolvedAt: new Date(Date.now() - 31 * 60_000) })
      .where(eq(conversations.id, again?.conversation.id ?? ''));
    expect(await openAsGuestInOneStatement(server.ctx.db, guest, { clientId: 'open-0008', text: 'e' }, key)).toBe(null);
    const stored = await server.ctx.db.select().from(messages).where(eq(messages.senderKey, key));
    expect(stored.map((m) => m.body).sort()).toEqual(['Hi', 'Hi?', 'c']);
  });
});

describe('nothing lost, nothing doubled', () => {
  it('stores and delivers a repeated client id once and acks both sends with the same message', async () => {
    const h = await hotel();
    const staffSaw: any[] = [];
    h.annaSocket.on(serverEvents.message, (m) => staffSaw.push(m.message));
    const [one, two] = await Promise.all([
      send(h.guestSocket, 'Hello?', 'client-dup-000001'),
      send(h.guestSocket, 'Hello?', 'client-dup-000001'),
    ]);
    const three = await send(h.guestSocket, 'Hello?', 'client-dup-000001');
    expect(one.data.message.id).toBe(two.data.message.id);
    expect(three.data.message.id).toBe(one.data.message.id);
    const stored = await server.ctx.db
      .select()
      .from(messages)
      .where(eq(messages.conversationId, one.data.conversation.id));
    expect(stored).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 200));
    expect(staffSaw).toHaveLength(1);
  });

  it('numbers concurrent sends from both sides without gaps, each stored once, each ack as stored', async () => {
    const h = await hotel();
    const first = await send(h.guestSocket, 'Room 214 here', 'client-burst-g000');
    const id = first.data.conversation.id;
    await ask(h.annaSocket, clientEvents.take, { conversationId: id });
    const acks = await Promise.all([
      ...Array.from({ length: 12 }, (_, i) => send(h.guestSocket, `Guest ${i}`, `client-burst-g${i + 100}`)),
      ...Array.from({ length: 12 }, (_, i) => send(h.annaSocket, `Anna ${i}`, `client-burst-a${i + 100}`, id)),
      send(h.guestSocket, 'Guest 0', 'client-burst-g100'), // a retry racing its original
    ]);
    expect(acks.every((a) => a.ok)).toBe(true);
    const stored = await server.ctx.db.select().from(messages).where(eq(messages.conversationId, id));
    // the first message, "taken", 24 sends; the retry stored nothing
    expect(stored.map((m) => m.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 26 }, (_, i) => i + 1));
    const bySeq = new Map(stored.map((m) => [m.seq, m]));
    for (const ack of acks) {
      expect(bySeq.get(ack.data.message.seq)?.body).toBe(ack.data.message.text);
      expect(ack.data.conversation.lastSeq).toBeGreaterThanOrEqual(ack.data.message.seq);
    }
    expect(acks[24]?.data.message.id).toBe(acks[0]?.data.message.id);
    const [row] = await server.ctx.db.select().from(conversations).where(eq(conversations.id, id));
    expect(row).toMatchObject({ lastSeq: 26, status: 'open', assigneeId: h.anna.id });
  });

  it('acks a send to an ongoing request with the conversation exactly as a fresh read shows it', async () => {
    const h = await hotel();
    const first = await send(h.guestSocket, 'Is breakfast included?', 'client-view-0001');
    const id = first.data.conversation.id;
    const opened = await ask(h.guestSocket, clientEvents.sync, { since: {} });
    expect(first.data.conversation).toEqual(opened.data.conversations.find((c: any) => c.id === id));
    expect(first.data.conversation).toMatchObject({ status: 'queued', lastSeq: 1, stay: { roomNumber: '214' } });
    await ask(h.annaSocket, clientEvents.take, { conversationId: id });
    const fromGuest = await send(h.guestSocket, 'And until when?', 'client-view-0002');
    const guestRead = await ask(h.guestSocket, clientEvents.sync, { since: {} });
    expect(fromGuest.data.conversation).toEqual(guestRead.data.conversations.find((c: any) => c.id === id));
    const fromStaff = await send(h.annaSocket, 'Until 10:30', 'client-view-0003', id);
    const staffRead = await ask(h.annaSocket, clientEvents.sync, { since: { [id]: 0 } });
    expect(fromStaff.data.conversation).toEqual(staffRead.data.conversations.find((c: any) => c.id === id));
    expect(fromStaff.data.conversation).toMatchObject({
      status: 'open',
      lastSeq: 4,
      unread: 0,
      assignee: { name: 'Anna' },
      stay: { roomNumber: '214' },
    });
  });

  it('a client that was offline gets exactly what it missed, in order, and its queued sends go out once', async () => {
    const h = await hotel();
    const guestSocket = await socketFor({ token: h.guest.token }, { reconnection: true });
    const client = new ChatClient(guestSocket);
    const first = await client.send('Hi reception');
    const id = first.conversationId;
    await ask(h.annaSocket, clientEvents.take, { conversationId: id });
    await until(() => client.messages(id).length === 2);

    guestSocket.io.engine.close(); // the network drops; socket.io-client will reconnect
    const whileAway = client.send('Sent while offline');
    for (let i = 1; i <= 5; i++) await send(h.annaSocket, `Update ${i}`, `client-away-${i}0000`, id);
    await whileAway;
    await until(() => client.messages(id).length === 8);
    const seqs = client.messages(id).map((m) => m.seq);
    expect(seqs).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const texts = client.messages(id).map((m) => m.text);
    expect(texts.filter((t) => t === 'Sent while offline')).toHaveLength(1);
    expect(texts.filter((t) => t.startsWith('Update'))).toEqual([
      'Update 1',
      'Update 2',
      'Update 3',
      'Update 4',
      'Update 5',
    ]);
    const stored = await server.ctx.db.select().from(messages).where(eq(messages.conversationId, id));
    expect(stored).toHaveLength(8);
  });

  it('catches up on more than one sync answer carries: the server says there is more, the SDK asks again', async () => {
    const h = await hotel();
    const first = await send(h.guestSocket, 'Hi reception', 'client-many-00001');
    const id = first.data.conversation.id;
    // 5,001 more staff messages than the client has seen (one answer carries at most 5,000)
    await server.ctx.db.execute(sql`
      with numbered as (
        insert into ${messages} (org_id, conversation_id, seq, sender_type, body)
        select ${h.org.id}, ${id}, 1 + n, 'staff', 'Update ' || n
        from generate_series(1, 5001) n
        returning seq)
      update ${conversations} set last_seq = (select max(seq) from numbered) where id = ${id}`);

    const direct = await ask(h.guestSocket, clientEvents.sync, { since: { [id]: 1 } });
    expect(direct.data.messages).toHaveLength(5000);
    expect(direct.data.hasMore).toBe(true);

    const guestSocket = await socketFor({ token: h.guest.token });
    const client = new ChatClient(guestSocket);
    await client.resync();
    expect(client.messages(id)).toHaveLength(5002);
    expect(client.messages(id).at(-1)).toMatchObject({ seq: 5002, text: 'Update 5001' });
  });

  it('a send whose broadcast overtakes its ack is settled by the broadcast: never shown as sent and sending', async () => {
    const h = await hotel();
    const guestSocket = await socketFor({ token: h.guest.token });
    // the network holds the ack back: the room's broadcast of the same message gets there first
    const withAck = guestSocket.timeout.bind(guestSocket);
    guestSocket.timeout = ((ms: number) => {
      const emitter = withAck(ms);
      return {
        emitWithAck: async (...args: Parameters<typeof emitter.emitWithAck>) => {
          const ack = await emitter.emitWithAck(...args);
          await new Promise((r) => setTimeout(r, 300));
          return ack;
        },
      };
    }) as unknown as typeof guestSocket.timeout;
    const client = new ChatClient(guestSocket);
    await client.resync();
    const pendingWhenShown: string[][] = [];
    client.onMessage(() => pendingWhenShown.push(client.pending().map((p) => p.text)));
    const sent = client.send('Extra towels please');
    await until(() => client.messages(client.allConversations()[0]?.id ?? '').length === 1);
    expect(pendingWhenShown).toEqual([[]]);
    expect(client.pending()).toEqual([]);
    const message = await sent;
    expect(message.text).toBe('Extra towels please');
    expect(client.messages(message.conversationId).map((m) => m.text)).toEqual(['Extra towels please']);
  });
});

describe('refusals', () => {
  it('refuses a message over 4,000 characters and stores nothing', async () => {
    const h = await hotel();
    const res = await send(h.guestSocket, 'x'.repeat(4001), 'client-long-0001');
    expect(res.ok).toBe(false);
    expect(res.error.code).toBe('validation_failed');
    expect(res.error.message).toMatch(/4000/);
    expect((await ask(h.guestSocket, clientEvents.sync, { since: {} })).data.conversations).toEqual([]);
    const empty = await send(h.guestSocket, '   ', 'client-long-0002');
    expect(empty.error.code).toBe('validation_failed');
  });

  it('drops a connection that sends an oversized packet', async () => {
    const h = await hotel();
    const dropped = nextEvent(h.guestSocket, 'disconnect');
    h.guestSocket.emit(clientEvents.send, { text: 'x'.repeat(100_000), clientId: 'client-huge-0001' });
    expect(await dropped).toBe('transport close');
    const stored = await server.ctx.db.select().from(messages).where(eq(messages.clientId, 'client-huge-0001'));
    expect(stored).toEqual([]);
  });

  it('refuses malformed events with a validation error', async () => {
    const h = await hotel();
    for (const bad of [
      null,
      'text',
      { text: 'hi' },
      { text: 'hi', clientId: 'short' },
      { text: 'hi', clientId: 'c'.repeat(10), extra: 1 },
    ]) {
      const res = await ask(h.guestSocket, clientEvents.send, bad);
      expect(res.ok, JSON.stringify(bad)).toBe(false);
      expect(res.error.code).toBe('validation_failed');
    }
  });

  it('limits sending too fast, saying when to try again', async () => {
    const limited = await startTestServer({
      chatLimits: { perSocket: 3, perSocketWindowSeconds: 60, perSender: 100, perSenderWindowSeconds: 60 },
    });
    let socket: Socket | undefined;
    try {
      const org = await makeOrg(limited);
      const guest = await makeGuest(limited, org);
      socket = await connect(limited.url, { token: guest.token });
      const results = [];
      for (let i = 0; i < 4; i++)
        results.push(await ask(socket, clientEvents.send, { text: `m${i}`, clientId: `client-fast-${i}000` }));
      expect(results.slice(0, 3).every((r) => r.ok)).toBe(true);
      expect(results[3].error.code).toBe('rate_limited');
      expect(results[3].error.details.retryAfterSeconds).toBeGreaterThan(0);
    } finally {
      socket?.close();
      await limited.close();
    }
  });

  it('keeps guests to their own conversations and staff to their organization', async () => {
    const h = await hotel();
    const first = await send(h.guestSocket, 'Private request', 'client-own-00001');
    const id = first.data.conversation.id;
    const stranger = await makeGuest(server, h.org, { name: 'Other guest' });
    const strangerSocket = await socketFor({ token: stranger.token });
    const foreign = await send(strangerSocket, 'Let me in', 'client-own-00002', id);
    expect(foreign.error.code).toBe('not_found');
    expect((await ask(strangerSocket, clientEvents.sync, { since: { [id]: 0 } })).data).toEqual({
      conversations: [],
      messages: [],
      hasMore: false,
    });

    const otherOrg = await makeOrg(server);
    const outsider = await signInWithToken(server, await makeStaff(server, otherOrg, 'admin'));
    const outsiderSocket = await socketFor({ token: outsider.token });
    const heard: unknown[] = [];
    outsiderSocket.on(serverEvents.message, (m) => heard.push(m));
    expect((await ask(outsiderSocket, clientEvents.take, { conversationId: id })).error.code).toBe('not_found');
    expect((await send(outsiderSocket, 'hi', 'client-own-00003', id)).error.code).toBe('not_found');
    expect((await outsider.get(`/api/v1/conversations/${id}`)).status).toBe(404);
    // once taken it is open, and staff replies go through the one-statement send: still not theirs
    expect((await ask(h.annaSocket, clientEvents.take, { conversationId: id })).ok).toBe(true);
    const taken = await server.ctx.db.select().from(conversations).where(eq(conversations.id, id));
    for (const [event, payload] of [
      [clientEvents.send, { conversationId: id, clientId: 'client-own-00005', text: 'Hello from elsewhere' }],
      [clientEvents.take, { conversationId: id }],
      [clientEvents.resolve, { conversationId: id }],
      [clientEvents.read, { conversationId: id, seq: 2 }],
      [clientEvents.sync, { since: { [id]: 0 } }],
    ] as const) {
      const answer = await ask(outsiderSocket, event, payload);
      if (event === clientEvents.sync) expect(answer.data).toEqual({ conversations: [], messages: [], hasMore: false });
      else expect(answer.error?.code, event).toBe('not_found');
    }
    for (const action of ['take', 'resolve']) {
      expect((await outsider.post(`/api/v1/conversations/${id}/${action}`)).status).toBe(404);
    }
    expect(taken[0]).toMatchObject({ status: 'open', assigneeId: h.anna.id, lastSeq: 2 });
    expect(await server.ctx.db.select().from(conversations).where(eq(conversations.id, id))).toEqual(taken);
    const stored = await server.ctx.db.select().from(messages).where(eq(messages.conversationId, id));
    expect(stored.map((m) => m.body)).not.toContain('Hello from elsewhere');
    await send(h.guestSocket, 'Another private line', 'client-own-00004');
    await new Promise((r) => setTimeout(r, 200));
    expect(heard).toEqual([]);
  });

  it('refuses unknown, expired and checked-out guests at connect, and drops a guest live at check-out', async () => {
    const h = await hotel();
    await expect(connect(server.url, { token: 'g_not-a-real-token' })).rejects.toMatchObject({ code: 'stay_ended' });
    await expect(connect(server.url, { token: 'not-a-real-staff-token' })).rejects.toMatchObject({
      code: 'session_expired',
    });
    await expect(connect(server.url, {})).rejects.toMatchObject({ code: 'unauthenticated' });

    const ended = nextEvent(h.guestSocket, serverEvents.sessionEnded);
    const dropped = nextEvent(h.guestSocket, 'disconnect');
    await h.guest.desk.post(`/api/v1/stays/${h.guest.stayId}/check-out`);
    expect((await ended).code).toBe('stay_ended');
    await dropped;

    // in the grace period the guest may come back to read and rate, not to write
    const readOnly = await socketFor({ token: h.guest.token });
    const refused = await send(readOnly, 'One more thing', 'client-gone-0001');
    expect(refused.error.code).toBe('stay_read_only');

    // after it, the guest's own (once valid) token is refused at connect
    const longAgo = new Date(Date.now() - 48 * 3600_000);
    await server.ctx.db
      .update(stays)
      .set({ endedAt: longAgo, checkOutAt: longAgo })
      .where(eq(stays.id, h.guest.stayId));
    await expect(connect(server.url, { token: h.guest.token })).rejects.toMatchObject({ code: 'stay_ended' });
  });

  it('drops a staff member’s sockets when they are deactivated', async () => {
    const h = await hotel();
    const admin = await signIn(server, await makeStaff(server, h.org, 'admin'));
    const dropped = nextEvent(h.piotrSocket, 'disconnect');
    await admin.post(`/api/v1/staff/${h.piotr.id}/deactivate`);
    await dropped;
    await expect(connect(server.url, { token: h.piotrApi.token })).rejects.toMatchObject({ code: 'session_expired' });
  });
});

describe('presence', () => {
  it('guests see whether reception is online; staff see each other', async () => {
    const org = await makeOrg(server);
    const guest = await makeGuest(server, org);
    const statuses: string[] = [];
    await socketFor(
      { token: guest.token },
      { listen: { [serverEvents.reception]: (r: { status: string }) => statuses.push(r.status) } },
    );
    // the desk account that checked the guest in is not connected: nobody is online yet
    await until(() => statuses.at(-1) === 'offline');
    const agent = await signInWithToken(server, await makeStaff(server, org, 'agent'));
    const staffSocket = await socketFor({ token: agent.token });
    await until(() => statuses.at(-1) === 'online');
    expect((await ask(staffSocket, clientEvents.presence, { status: 'away' })).ok).toBe(true);
    await until(() => statuses.at(-1) === 'away');
    staffSocket.close();
    await until(() => statuses.at(-1) === 'offline');
    expect(statuses).toEqual(['offline', 'online', 'away', 'offline']);
  });
});
