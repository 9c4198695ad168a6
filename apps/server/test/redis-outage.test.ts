import { clientEvents, serverEvents } from '@frontdesk/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, type Node } from './cluster.js';
import { makeGuest, makeOrg, makeStaff, signInWithToken, type TestServer } from './factories.js';
import { type RedisServer, startRedisServer } from './redis-server.js';
import { ask, connect, nextEvent, until } from './sockets.js';
import { startTwoNodes, type TwoNodes } from './two-nodes.js';

// Two nodes need PostgreSQL; the Redis is this file's own, so it can be taken away and brought back.
const onPostgres = Boolean(process.env.DATABASE_URL);

/** Polls an async condition until it holds; for eventual state (never for timing). */
async function eventually(check: () => Promise<boolean>, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function readyz(node: Node): Promise<{ status: number; body: any }> {
  const response = await fetch(`${node.url}/readyz`);
  return { status: response.status, body: await response.json() };
}

describe.runIf(onPostgres)('two nodes while their Redis goes away and comes back', () => {
  let redis: RedisServer;
  let cluster: TwoNodes;
  let nodes: Node[];
  let nodeA: TestServer;
  let nodeB: TestServer;
  let track: TwoNodes['track'];

  beforeAll(async () => {
    redis = await startRedisServer(await freePort());
    cluster = await startTwoNodes({ REDIS_URL: redis.url, LOG_LEVEL: 'info' });
    ({ nodes, nodeA, nodeB, track } = cluster);
  }, 120_000);

  afterAll(async () => {
    await cluster?.stop();
    await redis?.kill();
  });

  it('keeps serving, answers every send, says "degraded", then resumes fan-out and catches up by sequence', async () => {
    const org = await makeOrg(nodeA);
    const guest = await makeGuest(nodeA, org);
    const agent = await signInWithToken(nodeB, await makeStaff(nodeB, org, 'agent'));
    const desk = track(await connect(nodeB.url, { token: agent.token }));
    const guestSocket = track(await connect(nodeA.url, { token: guest.token }));

    const arrived = nextEvent(desk, serverEvents.message);
    const first = await ask(guestSocket, clientEvents.send, { text: 'Before the outage', clientId: 'outage-0001' });
    expect(first.ok).toBe(true);
    const conversationId: string = first.data.conversation.id;
    expect((await arrived).message.seq).toBe(1);
    for (const node of nodes) {
      expect((await readyz(node)).body).toMatchObject({ status: 'ok', redis: 'ok', database: { status: 'ok' } });
    }

    await redis.kill();
    for (const node of nodes) {
      await eventually(async () => (await readyz(node)).body.status === 'degraded');
      const ready = await readyz(node);
      // a load balancer keeps routing to a node without Redis
      expect(ready.status).toBe(200);
      expect(ready.body).toMatchObject({ status: 'degraded', redis: 'down', database: { status: 'ok' } });
    }

    // the guest types and sends on node A; staff answer on node B; a new guest connects
    for (let i = 2; i <= 6; i++) {
      guestSocket.emit(clientEvents.typing, { conversationId, typing: true });
      const sent = await ask(guestSocket, clientEvents.send, {
        text: `During the outage ${i}`,
        clientId: `outage-${String(i).padStart(4, '0')}`,
      });
      expect(sent).toMatchObject({ ok: true, data: { message: { seq: i } } });
      guestSocket.emit(clientEvents.typing, { conversationId, typing: false });
    }
    expect((await ask(desk, clientEvents.take, { conversationId })).ok).toBe(true);
    const reply = await ask(desk, clientEvents.send, { conversationId, text: 'Coming', clientId: 'outage-desk-1' });
    expect(reply).toMatchObject({ ok: true, data: { message: { seq: 8 } } });
    const other = await makeGuest(nodeA, org);
    const reception: string[] = [];
    track(
      await connect(
        nodeA.url,
        { token: other.token },
        { listen: { [serverEvents.reception]: (r: { status: string }) => reception.push(r.status) } },
      ),
    );
    await until(() => reception.length > 0);
    for (const node of nodes) expect(node.process.exitCode).toBeNull();

    await redis.restart();
    for (const node of nodes) await eventually(async () => (await readyz(node)).body.status === 'ok');

    // cross-node fan-out resumes by itself: a guest's message on node A reaches the desk on node B
    const live: { seq: number }[] = [];
    desk.on(serverEvents.message, (m: { message: { seq: number } }) => live.push(m.message));
    let n = 0;
    await eventually(async () => {
      n += 1;
      const sent = await ask(guestSocket, clientEvents.send, { text: `After ${n}`, clientId: `outage-after-${n}` });
      expect(sent.ok).toBe(true);
      const seq: number = sent.data.message.seq;
      const deadline = Date.now() + 1000;
      while (Date.now() < deadline && !live.some((m) => m.seq === seq)) await new Promise((r) => setTimeout(r, 20));
      return live.some((m) => m.seq === seq);
    });

    // the desk missed what was sent on node A during the outage, and gets exactly that by sequence
    const synced = await ask(desk, clientEvents.sync, { since: { [conversationId]: 1 } });
    expect(synced.ok).toBe(true);
    const seqs = synced.data.messages
      .filter((m: { conversationId: string }) => m.conversationId === conversationId)
      .map((m: { seq: number }) => m.seq);
    expect(seqs).toEqual(Array.from({ length: 8 + n - 1 }, (_, i) => i + 2));

    for (const node of nodes) {
      expect(node.process.exitCode).toBeNull();
      const output = node.output();
      expect(output).not.toMatch(/unhandled/i);
      // the outage is logged once per node, not once per command or reconnection attempt
      expect(output.match(/Redis is unreachable/g)).toHaveLength(1);
      expect(output).toMatch(/Redis is back/);
    }
  }, 120_000);

  it('treats a Redis that stops answering, without closing its connections, like one that is gone', async () => {
    const org = await makeOrg(nodeA);
    const guest = await makeGuest(nodeA, org);
    const agent = await signInWithToken(nodeB, await makeStaff(nodeB, org, 'agent'));
    const desk = track(await connect(nodeB.url, { token: agent.token }));
    const guestSocket = track(await connect(nodeA.url, { token: guest.token }));
    const first = await ask(guestSocket, clientEvents.send, { text: 'Before', clientId: 'hang-0001' });
    const conversationId: string = first.data.conversation.id;

    redis.pause();
    try {
      for (let i = 2; i <= 4; i++) {
        guestSocket.emit(clientEvents.typing, { conversationId, typing: true });
        const sent = await ask(guestSocket, clientEvents.send, { text: `Frozen ${i}`, clientId: `hang-000${i}` });
        expect(sent).toMatchObject({ ok: true, data: { message: { seq: i } } });
      }
      for (const node of nodes) await eventually(async () => (await readyz(node)).body.status === 'degraded');
    } finally {
      redis.resume();
    }
    for (const node of nodes) await eventually(async () => (await readyz(node)).body.status === 'ok');

    const live: number[] = [];
    desk.on(serverEvents.message, (m: { message: { seq: number } }) => live.push(m.message.seq));
    let seq = 4;
    await eventually(async () => {
      const sent = await ask(guestSocket, clientEvents.send, { text: 'After', clientId: `hang-after-${seq}` });
      seq = sent.data.message.seq;
      const deadline = Date.now() + 1000;
      while (Date.now() < deadline && !live.includes(seq)) await new Promise((r) => setTimeout(r, 20));
      return live.includes(seq);
    });
    const synced = await ask(desk, clientEvents.sync, { since: { [conversationId]: 1 } });
    const seqs = synced.data.messages
      .filter((m: { conversationId: string }) => m.conversationId === conversationId)
      .map((m: { seq: number }) => m.seq);
    expect(seqs).toEqual(Array.from({ length: seq - 1 }, (_, i) => i + 2));
    for (const node of nodes) {
      expect(node.process.exitCode).toBeNull();
      expect(node.output()).not.toMatch(/unhandled/i);
    }
  }, 120_000);
});
