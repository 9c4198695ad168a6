import { clientEvents, serverEvents } from '@frontdesk/protocol';
import { eq } from 'drizzle-orm';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeGuest, makeOrg, makeStaff, signInWithToken } from '../../../test/factories.js';
import { startTestServer, type TestServer } from '../../../test/harness.js';
import { ask, nextEvent, socketsClosedAfterEach } from '../../../test/sockets.js';
import { messageReactions, organizations, teams } from '../../db/schema.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

const socketFor = socketsClosedAfterEach(() => server.url);

/** A hotel with two receptionists and a guest on sockets, and a request the guest opened and Anna answered. */
async function thread() {
  const org = await makeOrg(server);
  const anna = await makeStaff(server, org, 'agent', { name: 'Anna' });
  const piotr = await makeStaff(server, org, 'agent', { name: 'Piotr' });
  const annaApi = await signInWithToken(server, anna);
  const piotrApi = await signInWithToken(server, piotr);
  const guest = await makeGuest(server, org, { name: 'Jan' });
  const [annaSocket, piotrSocket, guestSocket] = await Promise.all([
    socketFor({ token: annaApi.token }),
    socketFor({ token: piotrApi.token }),
    socketFor({ token: guest.token }),
  ]);
  const first = await ask(guestSocket, clientEvents.send, {
    text: 'Is breakfast included?',
    clientId: 'guest-msg-0001',
  });
  const conversationId: string = first.data.conversation.id;
  const reply = await ask(annaSocket, clientEvents.send, {
    conversationId,
    text: 'Yes, from 7 to 10',
    clientId: 'anna-msg-0001',
  });
  return {
    org,
    anna,
    piotr,
    annaApi,
    guest,
    annaSocket,
    piotrSocket,
    guestSocket,
    conversationId,
    guestMessageId: first.data.message.id as string,
    staffMessageId: reply.data.message.id as string,
  };
}

const react = (socket: Socket, conversationId: string, messageId: string, emoji: string, reacted = true) =>
  ask(socket, clientEvents.react, { conversationId, messageId, emoji, reacted });

describe('reactions', () => {
  it('a guest reacts to a staff reply: the desk sees it live, the guest gets their own summary', async () => {
    const t = await thread();
    const atAnna = nextEvent(t.annaSocket, serverEvents.reaction);
    const atPiotr = nextEvent(t.piotrSocket, serverEvents.reaction);
    const ack = await react(t.guestSocket, t.conversationId, t.staffMessageId, '👍');
    expect(ack).toEqual({
      ok: true,
      data: {
        conversationId: t.conversationId,
        messageId: t.staffMessageId,
        reactions: [{ emoji: '👍', count: 1, mine: true }],
      },
    });
    for (const notice of [await atAnna, await atPiotr])
      expect(notice).toEqual({
        conversationId: t.conversationId,
        messageId: t.staffMessageId,
        emoji: '👍',
        reacted: true,
        by: { type: 'guest', id: t.guest.guestId },
        counts: [{ emoji: '👍', count: 1 }],
      });
  });

  it('staff react to a guest message: the guest sees it live; one of each emoji per person, taken back by a second call', async () => {
    const t = await thread();
    const atGuest = nextEvent(t.guestSocket, serverEvents.reaction);
    expect((await react(t.annaSocket, t.conversationId, t.guestMessageId, '❤️')).ok).toBe(true);
    expect(await atGuest).toMatchObject({ emoji: '❤️', reacted: true, by: { type: 'staff', id: t.anna.id } });

    // the same emoji again by the same person: still one, and nobody is told of a change that did not happen
    const quiet: unknown[] = [];
    t.guestSocket.on(serverEvents.reaction, (n) => quiet.push(n));
    const again = await react(t.annaSocket, t.conversationId, t.guestMessageId, '❤️');
    expect(again.data.reactions).toEqual([{ emoji: '❤️', count: 1, mine: true }]);
    // another person, the same emoji; and a second emoji of Anna's
    const byPiotr = await react(t.piotrSocket, t.conversationId, t.guestMessageId, '❤️');
    expect(byPiotr.data.reactions).toEqual([{ emoji: '❤️', count: 2, mine: true }]);
    const second = await react(t.annaSocket, t.conversationId, t.guestMessageId, '🎉');
    expect(second.data.reactions).toEqual([
      { emoji: '❤️', count: 2, mine: true },
      { emoji: '🎉', count: 1, mine: true },
    ]);
    // Anna takes her heart back; taking it back twice changes nothing more
    const back = await react(t.annaSocket, t.conversationId, t.guestMessageId, '❤️', false);
    expect(back.data.reactions).toEqual([
      { emoji: '❤️', count: 1, mine: false },
      { emoji: '🎉', count: 1, mine: true },
    ]);
    expect((await react(t.annaSocket, t.conversationId, t.guestMessageId, '❤️', false)).data.reactions).toEqual(
      back.data.reactions,
    );
    await new Promise((r) => setTimeout(r, 100));
    expect(quiet.map((n: any) => [n.emoji, n.reacted, n.by.id])).toEqual([
      ['❤️', true, t.piotr.id],
      ['🎉', true, t.anna.id],
      ['❤️', false, t.anna.id],
    ]);
    const rows = await server.ctx.db
      .select()
      .from(messageReactions)
      .where(eq(messageReactions.messageId, t.guestMessageId));
    expect(rows.map((r) => [r.reactorKind, r.emoji]).sort()).toEqual([
      ['staff', '❤️'],
      ['staff', '🎉'],
    ]);
    expect(rows.every((r) => r.orgId === t.org.id && r.conversationId === t.conversationId)).toBe(true);
  });

  it('comes with the thread: history and sync carry each message’s reactions with the reader’s own `mine`', async () => {
    const t = await thread();
    await react(t.guestSocket, t.conversationId, t.staffMessageId, '👍');
    await react(t.annaSocket, t.conversationId, t.staffMessageId, '👍');
    await react(t.annaSocket, t.conversationId, t.guestMessageId, '🙏');

    const history = await t.annaApi.get(`/api/v1/conversations/${t.conversationId}/messages`);
    const byId = new Map(history.body.messages.map((m: any) => [m.id, m.reactions]));
    expect(byId.get(t.staffMessageId)).toEqual([{ emoji: '👍', count: 2, mine: true }]);
    expect(byId.get(t.guestMessageId)).toEqual([{ emoji: '🙏', count: 1, mine: true }]);

    const guestHistory = await fetch(`${server.url}/api/v1/guest/conversations/${t.conversationId}/messages`, {
      headers: { authorization: `Bearer ${t.guest.token}` },
    }).then((r) => r.json() as Promise<any>);
    const guestSees = new Map(guestHistory.messages.map((m: any) => [m.id, m.reactions]));
    expect(guestSees.get(t.staffMessageId)).toEqual([{ emoji: '👍', count: 2, mine: true }]);
    expect(guestSees.get(t.guestMessageId)).toEqual([{ emoji: '🙏', count: 1, mine: false }]);

    const piotrSync = await ask(t.piotrSocket, clientEvents.sync, { since: { [t.conversationId]: 0 } });
    const synced = piotrSync.data.messages.find((m: any) => m.id === t.staffMessageId);
    expect(synced.reactions).toEqual([{ emoji: '👍', count: 2, mine: false }]);
    // a message without reactions carries no field at all, and a plain send's ack none either
    expect(piotrSync.data.messages.find((m: any) => m.event === 'taken')).not.toHaveProperty('reactions');
    const plain = await ask(t.annaSocket, clientEvents.send, {
      conversationId: t.conversationId,
      text: 'Anything else?',
      clientId: 'anna-msg-0002',
    });
    expect(plain.data.message).not.toHaveProperty('reactions');
  });

  it('refuses other conversations, other organizations, teams out of sight, system events and non-emoji', async () => {
    const t = await thread();
    const other = await thread();
    // a message of another conversation named with this one's id, or the other way round
    for (const [conversationId, messageId] of [
      [t.conversationId, other.staffMessageId],
      [other.conversationId, other.staffMessageId],
    ] as const) {
      const ack = await react(t.guestSocket, conversationId, messageId, '👍');
      expect(ack.error.code).toBe('not_found');
      const staffAck = await react(t.annaSocket, conversationId, messageId, '👍');
      expect(staffAck.error.code, 'another organization').toBe('not_found');
    }
    // a request of a team the agent is not in, where the organization shows agents their teams only
    await server.ctx.db
      .update(organizations)
      .set({ conversationVisibility: 'team' })
      .where(eq(organizations.id, t.org.id));
    const [team] = await server.ctx.db.insert(teams).values({ orgId: t.org.id, name: 'Spa' }).returning();
    const { conversations } = await import('../../db/schema.js');
    await server.ctx.db
      .update(conversations)
      .set({ teamId: team?.id ?? null, assigneeId: t.anna.id })
      .where(eq(conversations.id, t.conversationId));
    const piotrApi = await signInWithToken(server, t.piotr);
    const piotrAgain = await socketFor({ token: piotrApi.token });
    expect((await react(piotrAgain, t.conversationId, t.guestMessageId, '👍')).error.code).toBe('not_found');

    const taken = (await t.annaApi.get(`/api/v1/conversations/${t.conversationId}/messages`)).body.messages.find(
      (m: any) => m.event === 'taken',
    );
    expect((await react(t.annaSocket, t.conversationId, taken.id, '👍')).error.code).toBe('validation_failed');
    for (const emoji of ['a', '👍👍', 'x👍', '', '❤', '👍'.repeat(20)]) {
      const ack = await react(t.guestSocket, t.conversationId, t.staffMessageId, emoji);
      expect(ack.error?.code, JSON.stringify(emoji)).toBe('validation_failed');
    }
    const none = await server.ctx.db.select().from(messageReactions).where(eq(messageReactions.orgId, t.org.id));
    expect(none).toEqual([]);
  });
});

describe('who is viewing', () => {
  it('tells the other staff who see the request, never the guest; closing or disconnecting says goodbye', async () => {
    const t = await thread();
    const guestHeard: unknown[] = [];
    t.guestSocket.on(serverEvents.viewing, (n) => guestHeard.push(n));
    const annaHeard: unknown[] = [];
    t.annaSocket.on(serverEvents.viewing, (n) => annaHeard.push(n));

    const opened = nextEvent(t.piotrSocket, serverEvents.viewing);
    expect(await ask(t.annaSocket, clientEvents.viewing, { conversationId: t.conversationId, viewing: true })).toEqual({
      ok: true,
      data: null,
    });
    expect(await opened).toEqual({
      conversationId: t.conversationId,
      viewing: true,
      from: { id: t.anna.id, name: 'Anna' },
    });
    const closed = nextEvent(t.piotrSocket, serverEvents.viewing);
    await ask(t.annaSocket, clientEvents.viewing, { conversationId: t.conversationId, viewing: false });
    expect(await closed).toMatchObject({ viewing: false, from: { id: t.anna.id } });

    // open again, then the socket goes away: colleagues hear that at once
    await ask(t.annaSocket, clientEvents.viewing, { conversationId: t.conversationId, viewing: true });
    const gone = nextEvent(t.piotrSocket, serverEvents.viewing);
    t.annaSocket.close();
    expect(await gone).toMatchObject({ viewing: false, from: { id: t.anna.id } });

    // typing of a colleague reaches the other staff too (and the guest, as reception typing)
    const typing = nextEvent(t.piotrSocket, serverEvents.typing);
    const piotrTyping = nextEvent(t.guestSocket, serverEvents.typing);
    const annaApi = await signInWithToken(server, t.anna);
    const annaAgain = await socketFor({ token: annaApi.token });
    annaAgain.emit(clientEvents.typing, { conversationId: t.conversationId, typing: true });
    expect(await typing).toMatchObject({ typing: true, from: { type: 'staff', name: 'Anna' } });
    await piotrTyping;

    await new Promise((r) => setTimeout(r, 100));
    expect(guestHeard, 'the guest never hears who views').toEqual([]);
    expect(annaHeard, 'nobody hears their own viewing').toEqual([]);
  });

  it('is refused for guests, for requests out of sight, and for another organization', async () => {
    const t = await thread();
    const other = await thread();
    const guestAck = await ask(t.guestSocket, clientEvents.viewing, {
      conversationId: t.conversationId,
      viewing: true,
    });
    expect(guestAck.error.code).toBe('forbidden');
    const heard: unknown[] = [];
    other.piotrSocket.on(serverEvents.viewing, (n) => heard.push(n));
    const foreign = await ask(t.annaSocket, clientEvents.viewing, {
      conversationId: other.conversationId,
      viewing: true,
    });
    expect(foreign.error.code).toBe('not_found');
    await new Promise((r) => setTimeout(r, 100));
    expect(heard).toEqual([]);
  });
});
