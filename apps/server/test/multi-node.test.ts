import { clientEvents, serverEvents } from '@frontdesk/protocol';
import { ChatClient } from '@frontdesk/sdk';
import { eq } from 'drizzle-orm';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/connection.js';
import { messages } from '../src/db/schema.js';
import { type Node, startBalancer } from './cluster.js';
import { makeGuest, makeOrg, makeStaff, signInWithToken, type TestServer } from './factories.js';
import { ask, connect, nextEvent, until } from './sockets.js';
import { startTwoNodes, type TwoNodes } from './two-nodes.js';

// Several nodes need the shared servers: this file runs in the PostgreSQL + Redis pass of the suite.
const clustered = Boolean(process.env.DATABASE_URL && process.env.REDIS_URL);

describe.runIf(clustered)('two nodes over PostgreSQL and Redis', () => {
  let cluster: TwoNodes;
  let nodes: Node[];
  let database: Database;
  let nodeA: TestServer;
  let nodeB: TestServer;
  let track: TwoNodes['track'];

  beforeAll(async () => {
    cluster = await startTwoNodes({ REDIS_URL: process.env.REDIS_URL ?? '' });
    ({ nodes, database, nodeA, nodeB, track } = cluster);
  }, 120_000);

  afterAll(() => cluster?.stop());

  it('a guest on node A and a receptionist on node B: send, receive, read, resolve, rate', async () => {
    const org = await makeOrg(nodeA);
    const guest = await makeGuest(nodeA, org, { name: 'Ola', room: '305' });
    const agent = await signInWithToken(nodeB, await makeStaff(nodeB, org, 'agent', { name: 'Kasia' }));
    const desk = track(await connect(nodeB.url, { token: agent.token }));
    const guestSocket = track(await connect(nodeA.url, { token: guest.token }));

    const arrived = nextEvent(desk, serverEvents.message);
    const sent = await ask(guestSocket, clientEvents.send, { text: 'Can I get an iron?', clientId: 'multi-node-0001' });
    expect(sent.ok).toBe(true);
    const conversationId = sent.data.conversation.id;
    expect((await arrived).message).toMatchObject({ seq: 1, text: 'Can I get an iron?' });
    expect((await arrived).conversation).toMatchObject({ status: 'queued', stay: { roomNumber: '305' } });

    const guestHeard: { seq: number; event: string | null; text: string }[] = [];
    guestSocket.on(serverEvents.message, (m) => guestHeard.push(m.message));
    expect((await ask(desk, clientEvents.take, { conversationId })).ok).toBe(true);
    await ask(desk, clientEvents.send, { conversationId, text: 'On its way', clientId: 'multi-node-0002' });
    await until(() => guestHeard.length === 2);
    expect(guestHeard.map((m) => [m.seq, m.event ?? m.text])).toEqual([
      [2, 'taken'],
      [3, 'On its way'],
    ]);

    const readSeen = nextEvent(desk, serverEvents.receipt);
    guestSocket.emit(clientEvents.read, { conversationId, seq: 3 });
    expect((await readSeen).receipts.guestReadSeq).toBe(3);

    const resolvedSeen = nextEvent(guestSocket, serverEvents.conversation);
    await ask(desk, clientEvents.resolve, { conversationId });
    expect((await resolvedSeen).status).toBe('resolved');

    const ratingSeen = nextEvent(desk, serverEvents.conversation);
    const rated = await ask(guestSocket, clientEvents.rate, { conversationId, rating: 5, comment: 'Perfect' });
    expect(rated.ok).toBe(true);
    expect(await ratingSeen).toMatchObject({ id: conversationId, rating: 5, ratingComment: 'Perfect' });
  });

  it('reactions and "who is viewing" cross nodes: guest on A, two receptionists on A and B; the guest never hears who views', async () => {
    const org = await makeOrg(nodeA);
    const guest = await makeGuest(nodeA, org, { name: 'Ola' });
    const anna = await signInWithToken(nodeA, await makeStaff(nodeA, org, 'agent', { name: 'Anna' }));
    const bartek = await signInWithToken(nodeB, await makeStaff(nodeB, org, 'agent', { name: 'Bartek' }));
    const onA = track(await connect(nodeA.url, { token: anna.token }));
    const onB = track(await connect(nodeB.url, { token: bartek.token }));
    const guestSocket = track(await connect(nodeA.url, { token: guest.token }));
    const guestHeardViewing: unknown[] = [];
    guestSocket.on(serverEvents.viewing, (n) => guestHeardViewing.push(n));
    const sent = await ask(guestSocket, clientEvents.send, { text: 'Late check-out?', clientId: 'multi-react-0001' });
    const conversationId = sent.data.conversation.id;

    const viewingOnA = nextEvent(onA, serverEvents.viewing);
    await ask(onB, clientEvents.viewing, { conversationId, viewing: true });
    expect(await viewingOnA).toMatchObject({ conversationId, viewing: true, from: { name: 'Bartek' } });

    const reactionOnB = nextEvent(onB, serverEvents.reaction);
    const reacted = await ask(guestSocket, clientEvents.react, {
      conversationId,
      messageId: sent.data.message.id,
      emoji: '🙏',
      reacted: true,
    });
    expect(reacted.ok).toBe(true);
    expect(await reactionOnB).toMatchObject({
      emoji: '🙏',
      counts: [{ emoji: '🙏', count: 1 }],
      by: { type: 'guest' },
    });

    const goneOnA = nextEvent(onA, serverEvents.viewing);
    onB.close();
    expect(await goneOnA).toMatchObject({ viewing: false, from: { name: 'Bartek' } });
    expect(guestHeardViewing).toEqual([]);
  });

  it('two receptionists on different nodes race to take a request: exactly one wins', async () => {
    const org = await makeOrg(nodeA);
    const guest = await makeGuest(nodeA, org);
    const a = track(
      await connect(nodeA.url, { token: (await signInWithToken(nodeA, await makeStaff(nodeA, org, 'agent'))).token }),
    );
    const b = track(
      await connect(nodeB.url, { token: (await signInWithToken(nodeB, await makeStaff(nodeB, org, 'agent'))).token }),
    );
    const guestSocket = track(await connect(nodeA.url, { token: guest.token }));
    const first = await ask(guestSocket, clientEvents.send, { text: 'Taxi please', clientId: 'multi-race-0001' });
    const conversationId = first.data.conversation.id;
    const results = await Promise.all([
      ask(a, clientEvents.take, { conversationId }),
      ask(b, clientEvents.take, { conversationId }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)?.error.code).toBe('already_taken');
  });

  it('a guest cut off from node A reconnects to node B and ends with every message once, in order', async () => {
    const org = await makeOrg(nodeA);
    const guest = await makeGuest(nodeA, org);
    const agent = await signInWithToken(nodeB, await makeStaff(nodeB, org, 'agent'));
    const desk = track(await connect(nodeB.url, { token: agent.token }));
    const balancer = await startBalancer(nodes[0]?.port ?? 0);
    try {
      const socket = track(
        io(balancer.url, {
          auth: { token: guest.token },
          transports: ['websocket'],
          forceNew: true,
          reconnectionDelay: 100,
        }),
      );
      const client = new ChatClient(socket, { ackTimeoutMs: 3000 });
      await until(() => socket.connected);
      const first = await client.send('Hello from room 12');
      const id = first.conversationId;
      await ask(desk, clientEvents.take, { conversationId: id });
      await until(() => client.messages(id).length === 2);

      balancer.switchTo(nodes[1]?.port ?? 0); // node A "fails": the guest's connection drops
      const queued = client.send('Typed while the connection was down');
      for (let i = 1; i <= 10; i++) {
        const r = await ask(desk, clientEvents.send, {
          conversationId: id,
          text: `Staff ${i}`,
          clientId: `multi-gap-${String(i).padStart(4, '0')}`,
        });
        expect(r.ok).toBe(true);
      }
      await queued;
      await until(() => client.messages(id).length === 13, 15_000);
      expect(client.messages(id).map((m) => m.seq)).toEqual(Array.from({ length: 13 }, (_, i) => i + 1));
      const texts = client.messages(id).map((m) => m.text);
      expect(texts.filter((t) => t.startsWith('Staff '))).toEqual(
        Array.from({ length: 10 }, (_, i) => `Staff ${i + 1}`),
      );
      expect(texts.filter((t) => t === 'Typed while the connection was down')).toHaveLength(1);
      const stored = await database.db.select().from(messages).where(eq(messages.conversationId, id));
      expect(stored).toHaveLength(13);
    } finally {
      await balancer.close();
    }
  }, 60_000);

  it('presence is shared: a guest on node A sees reception come online on node B', async () => {
    const org = await makeOrg(nodeA);
    const guest = await makeGuest(nodeA, org);
    const statuses: string[] = [];
    const listen = { [serverEvents.reception]: (r: { status: string }) => statuses.push(r.status) };
    track(await connect(nodeA.url, { token: guest.token }, { listen }));
    await until(() => statuses.at(-1) === 'offline');
    track(
      await connect(nodeB.url, { token: (await signInWithToken(nodeB, await makeStaff(nodeB, org, 'agent'))).token }),
    );
    await until(() => statuses.at(-1) === 'online');
  });

  it('a sender’s event budget is one across nodes: sockets on A and B share it', async () => {
    const org = await makeOrg(nodeA);
    const guest = await makeGuest(nodeA, org);
    const first = await connect(nodeA.url, { token: guest.token });
    const opened = await ask(first, clientEvents.send, { text: 'Hello', clientId: 'multi-node-budget' });
    const typing = { conversationId: opened.data.conversation.id, typing: false };
    // by default 30 typing events per socket per 10 s and 120 per sender per minute: two sockets on
    // each node spend the sender's budget, which a fifth socket then finds spent, whichever node it is on
    const spenders = [
      first,
      ...(await Promise.all([nodeA, nodeB, nodeB].map((n) => connect(n.url, { token: guest.token })))),
    ];
    for (const s of spenders) track(s);
    const answers = await Promise.all(
      spenders.map(async (s) => {
        const mine = [];
        for (let i = 0; i < 30; i++) mine.push(await ask(s, clientEvents.typing, typing));
        return mine;
      }),
    );
    expect(answers.flat().every((a) => a.ok)).toBe(true);
    for (const node of [nodeA, nodeB]) {
      const fresh = track(await connect(node.url, { token: guest.token }));
      expect(await ask(fresh, clientEvents.typing, typing)).toMatchObject({
        ok: false,
        error: { code: 'rate_limited' },
      });
    }
  });

  // runs last: what the nodes logged through every test above
  it('no node logged an unhandled rejection or error event, and none exited', () => {
    for (const node of nodes) {
      expect(node.process.exitCode).toBeNull();
      expect(node.output()).not.toMatch(/unhandled/i);
    }
  });
});
