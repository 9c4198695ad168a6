import { clientEvents, serverEvents } from '@frontdesk/protocol';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../test/client.js';
import { makeGuest, makeOrg, makeStaff, signIn, signInWithToken } from '../../test/factories.js';
import { startTestServer, type TestServer } from '../../test/harness.js';
import { ask, connect, socketsClosedAfterEach, until } from '../../test/sockets.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

const socketFor = socketsClosedAfterEach(() => server.url);

/** Every event of the given names a socket receives, in order. */
function heard(socket: Socket, names: string[]) {
  const events: { name: string; payload: any }[] = [];
  for (const name of names) socket.on(name, (payload) => events.push({ name, payload }));
  return events;
}

const send = (socket: Socket, text: string, clientId: string, conversationId?: string) =>
  ask(socket, clientEvents.send, { text, clientId, ...(conversationId ? { conversationId } : {}) });

describe('live fan-out reaches the one guest of a conversation, not the room', () => {
  it('a roommate’s socket hears nothing of the other guest’s request, from either side', async () => {
    const org = await makeOrg(server);
    const anna = await signInWithToken(server, await makeStaff(server, org, 'agent', { name: 'Anna' }));
    const jan = await makeGuest(server, org, { name: 'Jan' });
    // Eva shares Jan's room: a second guest of the same stay, with her own code and session
    const added = await jan.desk.post(`/api/v1/stays/${jan.stayId}/guests`, { name: 'Eva' });
    expect(added.status).toBe(201);
    const eva = added.body.guests.find((g: { name: string }) => g.name === 'Eva');
    const evaLogin = await new ApiClient(server.url).post(`/api/v1/guest/${org.slug}/login`, { code: eva.code });
    const [staffSocket, janSocket, evaSocket] = await Promise.all([
      socketFor({ token: anna.token }),
      socketFor({ token: jan.token }),
      socketFor({ token: evaLogin.body.token }),
    ]);
    const names = [serverEvents.message, serverEvents.conversation, serverEvents.receipt, serverEvents.typing];
    const janHeard = heard(janSocket, names);
    const evaHeard = heard(evaSocket, names);

    const first = await send(janSocket, 'Could we get a baby cot?', 'roommate-0001');
    const conversationId = first.data.conversation.id;
    expect((await ask(staffSocket, clientEvents.take, { conversationId })).ok).toBe(true);
    staffSocket.emit(clientEvents.typing, { conversationId, typing: true });
    await send(staffSocket, 'On its way', 'roommate-0002', conversationId);
    janSocket.emit(clientEvents.typing, { conversationId, typing: true });
    expect((await ask(janSocket, clientEvents.read, { conversationId, seq: 3 })).ok).toBe(true);
    await send(janSocket, 'Thank you!', 'roommate-0003');

    // Jan hears all of it; a fan-out to the stay would have written each to Eva's socket at once
    await until(() => names.every((name) => janHeard.some((e) => e.name === name)));
    await until(() => janHeard.filter((e) => e.name === serverEvents.message).length === 4);
    await until(() => janHeard.some((e) => e.name === serverEvents.receipt && e.payload.receipts.guestReadSeq >= 3));
    // …and anything written to Eva's socket before this round trip reaches her before its answer
    expect((await ask(evaSocket, clientEvents.sync, { since: {} })).data).toEqual({
      conversations: [],
      messages: [],
      hasMore: false,
    });
    expect(evaHeard).toEqual([]);

    // her own request is hers alone, the other way round
    const hers = await send(evaSocket, 'Extra pillow please', 'roommate-0004');
    expect(hers.ok).toBe(true);
    await until(() => evaHeard.some((e) => e.name === serverEvents.message));
    await ask(janSocket, clientEvents.sync, { since: {} });
    expect(janHeard.filter((e) => e.payload.conversationId === hers.data.conversation.id)).toEqual([]);
    expect(
      janHeard.filter((e) => e.name === serverEvents.message && e.payload.message.text === 'Extra pillow please'),
    ).toEqual([]);
  });
});

describe('typing names a conversation the sender sees', () => {
  it('is refused as not found for another guest’s request and for staff of another organization', async () => {
    const org = await makeOrg(server);
    const other = await makeOrg(server);
    const [jan, stranger] = await Promise.all([makeGuest(server, org), makeGuest(server, org)]);
    const outsider = await signInWithToken(server, await makeStaff(server, other, 'agent'));
    const anna = await signInWithToken(server, await makeStaff(server, org, 'agent'));
    const [janSocket, strangerSocket, outsiderSocket, annaSocket] = await Promise.all([
      socketFor({ token: jan.token }),
      socketFor({ token: stranger.token }),
      socketFor({ token: outsider.token }),
      socketFor({ token: anna.token }),
    ]);
    const conversationId = (await send(janSocket, 'Is the pool open?', 'typing-0001')).data.conversation.id;
    const typing = { conversationId, typing: true };
    for (const socket of [strangerSocket, outsiderSocket])
      expect((await ask(socket, clientEvents.typing, typing)).error?.code).toBe('not_found');
    expect(await ask(annaSocket, clientEvents.typing, typing)).toEqual({ ok: true, data: null });
    expect(await ask(janSocket, clientEvents.typing, typing)).toEqual({ ok: true, data: null });
  });
});

describe('sync over a raw socket', () => {
  it('returns exactly the messages after the sequence given, for guest and staff', async () => {
    const org = await makeOrg(server);
    const anna = await signInWithToken(server, await makeStaff(server, org, 'agent'));
    const guest = await makeGuest(server, org);
    const [staffSocket, guestSocket] = await Promise.all([
      socketFor({ token: anna.token }),
      socketFor({ token: guest.token }),
    ]);
    const first = await send(guestSocket, 'one', 'rawsync-0001');
    const id = first.data.conversation.id;
    await ask(staffSocket, clientEvents.take, { conversationId: id }); // 2: taken
    await send(staffSocket, 'three', 'rawsync-0003', id);
    await send(guestSocket, 'four', 'rawsync-0004');
    await send(staffSocket, 'five', 'rawsync-0005', id);

    const seqs = async (socket: Socket, since: Record<string, number>) => {
      const answer = await ask(socket, clientEvents.sync, { since });
      expect(answer.ok).toBe(true);
      return answer.data.messages.map((m: { conversationId: string; seq: number }) => {
        expect(m.conversationId).toBe(id);
        return m.seq;
      });
    };
    expect(await seqs(guestSocket, { [id]: 2 })).toEqual([3, 4, 5]);
    expect(await seqs(guestSocket, { [id]: 4 })).toEqual([5]);
    expect(await seqs(guestSocket, { [id]: 5 })).toEqual([]);
    expect(await seqs(guestSocket, {})).toEqual([1, 2, 3, 4, 5]);
    expect(await seqs(staffSocket, { [id]: 0 })).toEqual([1, 2, 3, 4, 5]);
    expect(await seqs(staffSocket, { [id]: 3 })).toEqual([4, 5]);
    expect(await seqs(staffSocket, { [id]: 5 })).toEqual([]);
  });
});

describe('the socket handshake checks where a browser page comes from', () => {
  it('refuses a foreign-origin page holding the user’s cookie, and accepts the same origin', async () => {
    const org = await makeOrg(server);
    const staffBrowser = await signIn(server, await makeStaff(server, org, 'agent'));
    const guest = await makeGuest(server, org);
    const guestBrowser = new ApiClient(server.url);
    expect((await guestBrowser.post(`/api/v1/guest/${org.slug}/login`, { code: guest.code })).status).toBe(200);
    const own = new URL(server.url).origin;
    for (const browser of [staffBrowser, guestBrowser]) {
      const cookie = browser.cookie ?? '';
      expect(cookie).not.toBe('');
      await expect(connect(server.url, {}, { headers: { cookie, origin: 'https://evil.example' } })).rejects.toThrow();
      await expect(connect(server.url, {}, { headers: { cookie, origin: 'null' } })).rejects.toThrow();
      const fine = await socketFor({}, { headers: { cookie, origin: own } });
      expect((await ask(fine, clientEvents.sync, { since: {} })).ok).toBe(true);
    }
  });
});
