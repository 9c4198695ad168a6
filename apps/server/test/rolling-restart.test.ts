import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clientEvents, type Message } from '@frontdesk/protocol';
import { ChatClient } from '@frontdesk/sdk';
import { asc, eq } from 'drizzle-orm';
import { io, type Socket } from 'socket.io-client';
import { afterAll, describe, expect, it } from 'vitest';
import { conversations, messages } from '../src/db/schema.js';
import { startFailoverBalancer } from './cluster.js';
import { makeGuest, makeOrg, makeStaff, signInWithToken } from './factories.js';
import { startTestServer, type TestServer, usingPostgres } from './harness.js';
import { ask, eventually, until } from './sockets.js';

// Several nodes share fan-out through Redis: with PostgreSQL and Redis the restart is rolling (two
// nodes, one drained at a time, the load moving to the other); otherwise the one node is drained
// and started again while its clients wait, which still proves that a drain loses and half-writes
// nothing. Each node restarts on its own port, behind a balancer that skips a refusing node.
const multiNode = Boolean(process.env.DATABASE_URL && process.env.REDIS_URL);
const NODE_COUNT = multiNode ? 2 : 1;
// the embedded database writes to disk here (it must outlive the restart): a lighter load
const GUESTS = multiNode ? 4 : 2;
const AGENTS = multiNode ? 2 : 1;
/** Acked sends every sender makes in each phase before the next step: progress, never a clock. */
const PER_PHASE = 3;

/** One client sending one message after another until stopped, keeping what was acknowledged. */
interface Sender {
  name: string;
  client: ChatClient;
  conversationId: string;
  acked: Message[];
  stop(): Promise<void>;
}

function sendContinuously(name: string, client: ChatClient, conversationId: string, first: Message[]): Sender {
  const acked = [...first];
  let stopped = false;
  const loop = (async () => {
    for (let i = 1; !stopped; i++) acked.push(await client.send(`${name} #${i}`, conversationId));
  })();
  return {
    name,
    client,
    conversationId,
    acked,
    stop: async () => {
      stopped = true;
      await loop;
    },
  };
}

describe(
  multiNode
    ? 'rolling restart of two nodes under load (SIGTERM drain): nothing acked is lost, doubled or half-written'
    : 'drain and restart of the only node under load (one node: a rolling restart needs PostgreSQL and Redis)',
  () => {
    const sockets: Socket[] = [];
    const nodes: TestServer[] = [];
    const env = {
      SESSION_SECRET: randomBytes(32).toString('hex'),
      REDIS_PREFIX: `frontdesk-rolling-${randomBytes(4).toString('hex')}:`,
      // an embedded database that outlives a node's restart (PostgreSQL ignores it)
      DATA_DIR: mkdtempSync(join(tmpdir(), 'frontdesk-rolling-')),
      CHAT_SEND_MAX_PER_SOCKET: '1000000',
      CHAT_SEND_MAX_PER_SENDER: '1000000',
    };
    const start = (port = 0) => startTestServer({ port }, env);

    afterAll(async () => {
      for (const s of sockets) s.close();
      await Promise.all(nodes.map((n) => n.close().catch(() => {})));
    });

    it('every acked message is stored once, in sequence order, and every client holds all of them', async () => {
      for (let i = 0; i < NODE_COUNT; i++) nodes.push(await start());
      const ports = nodes.map((n) => Number(new URL(n.url).port));
      const balancer = await startFailoverBalancer(ports);
      const chatClient = (token: string) => {
        const socket = io(balancer.url, {
          auth: { token },
          transports: ['websocket'],
          forceNew: true,
          reconnectionDelay: 50,
          reconnectionDelayMax: 250,
        });
        sockets.push(socket);
        return new ChatClient(socket, { ackTimeoutMs: 10_000 });
      };

      const first = nodes[0] as TestServer;
      const org = await makeOrg(first);
      const agentTokens = await Promise.all(
        Array.from(
          { length: AGENTS },
          async () => (await signInWithToken(first, await makeStaff(first, org, 'agent'))).token ?? '',
        ),
      );
      const guests = await Promise.all(Array.from({ length: GUESTS }, () => makeGuest(first, org)));
      const senders: Sender[] = [];
      for (const [g, guest] of guests.entries()) {
        const client = chatClient(guest.token);
        const opened = await client.send(`guest ${g} opens`);
        senders.push(sendContinuously(`guest ${g}`, client, opened.conversationId, [opened]));
      }
      for (const [a, token] of agentTokens.entries()) {
        const client = chatClient(token);
        await until(() => client.socket.connected);
        // each agent takes half of the requests and answers in each of them
        for (const [g, guestSender] of senders.slice(0, GUESTS).entries()) {
          if (g % AGENTS !== a) continue;
          const taken = await ask(client.socket, clientEvents.take, { conversationId: guestSender.conversationId });
          expect(taken.ok).toBe(true);
          senders.push(sendContinuously(`agent ${a} in ${g}`, client, guestSender.conversationId, []));
        }
      }

      const failures: unknown[] = [];
      const everyoneSends = async () => {
        const targets = senders.map((s) => s.acked.length + PER_PHASE);
        await until(() => senders.every((s, i) => s.acked.length >= (targets[i] ?? 0)), 120_000);
      };
      await everyoneSends();
      for (let i = 0; i < NODE_COUNT; i++) {
        await (nodes[i] as TestServer).drain();
        // with two nodes the load goes on on the other one while this one is down
        if (multiNode) await everyoneSends();
        nodes[i] = await start(ports[i]);
        await everyoneSends();
      }
      await Promise.all(senders.map((s) => s.stop().catch((err: unknown) => failures.push(err))));
      expect(failures).toEqual([]);

      const db = (nodes[0] as TestServer).ctx.db;
      const threads = new Set(senders.map((s) => s.conversationId));
      let total = 0;
      for (const conversationId of threads) {
        const stored = await db
          .select()
          .from(messages)
          .where(eq(messages.conversationId, conversationId))
          .orderBy(asc(messages.seq));
        total += stored.length;
        // in sequence order, with no gap and no second copy of a send
        expect(stored.map((m) => m.seq)).toEqual(stored.map((_, i) => i + 1));
        const clientIds = stored.flatMap((m) => (m.clientId ? [m.clientId] : []));
        expect(new Set(clientIds).size).toBe(clientIds.length);
        // not half-written: the conversation's row moved with every message
        const [conversation] = await db.select().from(conversations).where(eq(conversations.id, conversationId));
        expect(conversation?.lastSeq).toBe(stored.length);
        // every acked send is there once, as acked
        const byId = new Map(stored.map((m) => [m.id, m]));
        for (const sender of senders.filter((s) => s.conversationId === conversationId)) {
          for (const m of sender.acked) expect(byId.get(m.id)).toMatchObject({ seq: m.seq, body: m.text });
        }
        // every client in this conversation, reconnected after each drain, holds exactly what is stored
        for (const sender of senders.filter((s) => s.conversationId === conversationId)) {
          await until(() => sender.client.socket.connected, 30_000);
          // a catch-up over the server's sync budget waits its turn: ask until it has caught up
          const held = () => sender.client.messages(conversationId).map((m) => [m.seq, m.id]);
          const want = JSON.stringify(stored.map((m) => [m.seq, m.id]));
          await eventually(async () => {
            if (JSON.stringify(held()) !== want) await sender.client.resync();
            return JSON.stringify(held()) === want;
          }, 30_000).catch(() => {});
          expect(held()).toEqual(stored.map((m) => [m.seq, m.id]));
        }
      }
      const acked = senders.reduce((sum, s) => sum + s.acked.length, 0);
      console.log(
        `rolling restart (${NODE_COUNT} node${NODE_COUNT > 1 ? 's' : ''}, ${usingPostgres ? 'PostgreSQL' : 'PGlite'}): ` +
          `${acked} acked sends, ${total} stored messages, 0 lost, 0 duplicated`,
      );
      await balancer.close();
    }, 300_000);
  },
);
