import { clientEvents, type Message } from '@frontdesk/protocol';
import { ChatClient, ChatError } from '@frontdesk/sdk';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { io, type Socket } from 'socket.io-client';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/connection.js';
import { messages } from '../src/db/schema.js';
import { clusterEnv, freePort, type Node, startFailoverBalancer, startNode } from './cluster.js';
import { makeGuest, makeOrg, makeStaff, signInWithToken, type TestServer } from './factories.js';
import { startRedisServer } from './redis-server.js';
import { eventually, until } from './sockets.js';

// Several nodes need PostgreSQL and Redis: this file runs in the PostgreSQL + Redis pass of the suite.
const clustered = Boolean(process.env.DATABASE_URL && process.env.REDIS_URL);

/** The nodes' database connections carry this name, so that the test ends theirs and no one else's. */
const APPLICATION_NAME = 'frontdesk-chaos';

const GUESTS = 6;
const AGENTS = 2;

/** A fixed sequence of "random" picks: a failing run can be run again the same way. */
function picks(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sends until the server has it: a send that fails outright (its node lost the database half-way)
 * is sent again with the same client id, as the guest page's "try again" does.
 */
async function sendUntilStored(
  client: ChatClient,
  text: string,
  conversationId?: string,
  onRefused = () => {},
): Promise<Message> {
  const clientId = globalThis.crypto.randomUUID();
  for (;;) {
    try {
      return await client.send(text, conversationId, clientId);
    } catch (err) {
      if (!(err instanceof ChatError)) throw err;
      onRefused();
      await pause(200);
    }
  }
}

describe.runIf(clustered)('chaos: two nodes behind a balancer while a node, Redis and PostgreSQL fail', () => {
  it('loses no acknowledged message and doubles none: every client ends holding what the database holds', async () => {
    const redis = await startRedisServer(await freePort());
    const databaseUrl = new URL(process.env.DATABASE_URL ?? '');
    databaseUrl.searchParams.set('application_name', APPLICATION_NAME);
    const env = clusterEnv({ DATABASE_URL: databaseUrl.toString(), REDIS_URL: redis.url });
    const nodes: Node[] = await Promise.all([
      startNode(env, { captureOutput: true }),
      startNode(env, { captureOutput: true }),
    ]);
    const balancer = await startFailoverBalancer(nodes.map((n) => n.port));
    const database = await openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir: '' });
    const sockets: Socket[] = [];
    const counts = { sent: 0, refused: 0, drops: 0, nodeKills: 0, redisRestarts: 0, backendsEnded: 0 };
    const acked: Message[] = [];
    try {
      const server: TestServer = { url: balancer.url, ctx: { db: database.db } };
      const org = await makeOrg(server);
      const clientOf = (token: string) => {
        const socket = io(balancer.url, {
          auth: { token },
          transports: ['websocket'],
          forceNew: true,
          reconnectionDelay: 100,
          reconnectionDelayMax: 500,
        });
        sockets.push(socket);
        return new ChatClient(socket, { ackTimeoutMs: 2_000 });
      };
      const guests = await Promise.all(
        Array.from({ length: GUESTS }, async (_, i) =>
          clientOf((await makeGuest(server, org, { name: `Guest ${i}`, room: `C${i}` })).token),
        ),
      );
      const agents = await Promise.all(
        Array.from({ length: AGENTS }, async () =>
          clientOf((await signInWithToken(server, await makeStaff(server, org, 'agent'))).token ?? ''),
        ),
      );
      const clients = [...guests, ...agents];
      await until(() => clients.every((c) => c.socket.connected), 30_000);

      // each guest opens a request; the agents follow them all, and each request is taken by one
      const conversationIds: string[] = [];
      for (const [i, guest] of guests.entries()) {
        const first = await sendUntilStored(guest, `Guest ${i}: hello`);
        conversationIds.push(first.conversationId);
      }
      for (const id of conversationIds) for (const agent of agents) agent.follow(id);
      for (const [i, id] of conversationIds.entries()) {
        await (agents[i % AGENTS] as ChatClient).request(clientEvents.take, { conversationId: id });
      }

      // everyone talks until the faults are over, then ten more rounds
      let faultsOver = false;
      const talk = async (client: ChatClient, label: string, conversationId?: string) => {
        let rounds = 0;
        for (let n = 1; !faultsOver || rounds < 10; n++) {
          if (faultsOver) rounds++;
          counts.sent++;
          acked.push(await sendUntilStored(client, `${label} #${n}`, conversationId, () => counts.refused++));
          await pause(150);
        }
      };
      const talking = Promise.all([
        ...guests.map((guest, i) => talk(guest, `Guest ${i}`)),
        ...conversationIds.map((id, i) => talk(agents[i % AGENTS] as ChatClient, `Agent to ${i}`, id)),
      ]);

      // client-side drops all along: a client's connection closes and it connects again
      const random = picks(20_261_204);
      const dropping = (async () => {
        while (!faultsOver) {
          const client = clients[Math.floor(random() * clients.length)];
          client?.socket.io.engine?.close();
          counts.drops++;
          await pause(400);
        }
      })();

      // 1. a node dies (SIGKILL) and is started again
      await pause(2_000);
      const [killed, survivor] = nodes as [Node, Node];
      balancer.setTargets([survivor.port]);
      killed.process.kill('SIGKILL');
      counts.nodeKills++;
      const restarted = await startNode(env, { captureOutput: true });
      nodes.push(restarted);
      balancer.setTargets([restarted.port, survivor.port]);
      await pause(2_000);

      // 2. Redis goes away and comes back empty
      await redis.kill();
      await pause(1_500);
      await redis.restart();
      counts.redisRestarts++;
      await pause(2_000);

      // 3. PostgreSQL ends the nodes' connections
      const ended = await database.db.execute(
        sql`select pg_terminate_backend(pid) from pg_stat_activity where application_name = ${APPLICATION_NAME}`,
      );
      counts.backendsEnded = (ended as unknown as { rows: unknown[] }).rows.length;
      await pause(2_000);

      faultsOver = true;
      await dropping;
      await talking;

      // everyone catches up; then each holds exactly the database's messages, once, in order
      const stored = async (id: string) =>
        database.db
          .select({ seq: messages.seq, text: messages.body })
          .from(messages)
          .where(eq(messages.conversationId, id))
          .orderBy(asc(messages.seq));
      await until(() => clients.every((c) => c.socket.connected), 30_000);
      await eventually(async () => {
        await Promise.all(clients.map((c) => c.resync()));
        for (const [i, id] of conversationIds.entries()) {
          const want = (await stored(id)).map((m) => `${m.seq}:${m.text}`);
          for (const client of [guests[i] as ChatClient, ...agents]) {
            const held = client.messages(id).map((m) => `${m.seq}:${m.text}`);
            if (held.join('\n') !== want.join('\n')) return false;
          }
        }
        return true;
      }, 60_000);

      // every acknowledged message is stored (lost: 0), and every text once (duplicated: 0)
      const rows = await database.db
        .select({ id: messages.id, text: messages.body })
        .from(messages)
        .where(and(eq(messages.orgId, org.id), isNull(messages.event)));
      const storedIds = new Set(rows.map((r) => r.id));
      const lost = acked.filter((m) => !storedIds.has(m.id)).length;
      const duplicated = rows.length - new Set(rows.map((r) => r.text)).size;
      console.log(
        `chaos: ${counts.sent} sent and ${acked.length} acknowledged (${counts.refused} refused once and sent again), ` +
          `${rows.length} stored with the requests' first messages; ${counts.drops} client drops, ` +
          `${counts.nodeKills} node killed and restarted, ${counts.redisRestarts} Redis restart, ` +
          `${counts.backendsEnded} database connections ended; lost ${lost}, duplicated ${duplicated}`,
      );
      expect(acked).toHaveLength(counts.sent);
      expect(lost).toBe(0);
      expect(duplicated).toBe(0);
      for (const id of conversationIds) {
        const seqs = (await stored(id)).map((r) => r.seq);
        expect(seqs).toEqual(seqs.map((_, i) => i + 1));
      }
      // the nodes that were not killed are still up
      for (const node of [survivor, restarted]) expect(node.process.exitCode, node.output().slice(-4_000)).toBeNull();
    } finally {
      for (const socket of sockets) socket.close();
      await balancer.close();
      await Promise.all(nodes.map((n) => n.stop()));
      await database.close();
      await redis.kill();
    }
  }, 240_000);
});
