import { clientEvents, type QueuePosition, serverEvents } from '@frontdesk/protocol';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../../test/client.js';
import { makeOrg, makeStaff, makeStay, signIn, type TestOrg } from '../../../test/factories.js';
import { startTestServer, type TestServer, uniqueSuffix, usingPostgres } from '../../../test/harness.js';
import { ask, connect, socketsClosedAfterEach, until } from '../../../test/sockets.js';
import { estimatedWaitSeconds, pickUpPaceMs } from './positions.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

const socketFor = socketsClosedAfterEach(() => server.url);

/** A signed-in guest of `org` with a socket that keeps the queue positions it is told. */
async function waitingGuest(org: TestOrg, node = server, open = socketFor) {
  const { guest } = await makeStay(node, org);
  const login = await new ApiClient(node.url).post(`/api/v1/guest/${org.slug}/login`, { code: guest.code });
  const heard: QueuePosition[] = [];
  const socket = await open(
    { token: login.body.token },
    { listen: { [serverEvents.queue]: (p: QueuePosition) => heard.push(p) } },
  );
  const last = () => heard.at(-1);
  return { socket, heard, last, token: login.body.token as string };
}

let sent = 0;
async function write(socket: Socket, text: string): Promise<string> {
  const ack = await ask(socket, clientEvents.send, { text, clientId: `queue-test-${++sent}` });
  expect(ack.ok, JSON.stringify(ack)).toBe(true);
  return ack.data.conversation.id as string;
}

describe('the guest knows where they stand', () => {
  it('hears their live place in the queue as requests ahead are taken, and a wait once the team has a pace', async () => {
    const org = await makeOrg(server);
    const admin = await signIn(server, await makeStaff(server, org, 'admin'));
    const team = await admin.post('/api/v1/teams', { name: 'Reception' });
    await admin.put('/api/v1/routing-rules/default-team', { teamId: team.body.id });
    const agent = await signIn(server, await makeStaff(server, org, 'agent'));

    const guests: (Awaited<ReturnType<typeof waitingGuest>> & { conversationId: string })[] = [];
    for (let i = 0; i < 6; i++) {
      const g = await waitingGuest(org);
      guests.push({ ...g, conversationId: await write(g.socket, `Question ${i}`) });
    }
    await until(() => guests.every((g, i) => g.last()?.position === i + 1), 10_000).catch((e) => {
      console.log(JSON.stringify(guests.map((g) => g.heard)));
      throw e;
    });
    for (const g of guests) {
      // only their own request, and nothing about the others but how many are ahead
      expect(Object.keys(g.last() ?? {}).sort()).toEqual(['conversationId', 'estimatedWaitSeconds', 'position']);
      expect(g.heard.every((p) => p.conversationId === g.conversationId)).toBe(true);
      // the team has picked nothing up lately: no estimate yet
      expect(g.last()?.estimatedWaitSeconds).toBeNull();
    }

    // the desk takes the first three: everyone behind moves up, and now the team has a pace
    for (const g of guests.slice(0, 3)) {
      expect((await agent.post(`/api/v1/conversations/${g.conversationId}/take`)).status).toBe(200);
    }
    const behind = guests.slice(3);
    await until(
      () => behind.every((g, i) => g.last()?.position === i + 1 && g.last()?.estimatedWaitSeconds !== null),
      10_000,
    );
    const waits = behind.map((g) => g.last()?.estimatedWaitSeconds ?? -1);
    expect(waits[0]).toBeGreaterThanOrEqual(0);
    expect(waits[2]).toBeGreaterThanOrEqual(waits[0] ?? 0);

    // an urgent request joins ahead of them
    const urgent = await waitingGuest(org);
    const urgentId = await write(urgent.socket, 'Help, water everywhere');
    expect((await admin.put(`/api/v1/conversations/${urgentId}/priority`, { priority: 'urgent' })).status).toBe(200);
    await until(() => urgent.last()?.position === 1 && behind.every((g, i) => g.last()?.position === i + 2), 10_000);

    // a guest (re)connecting is told their place at once
    const again = behind[2];
    const heardOnConnect: QueuePosition[] = [];
    await socketFor(
      { token: again?.token },
      { listen: { [serverEvents.queue]: (p: QueuePosition) => heardOnConnect.push(p) } },
    );
    await until(() => heardOnConnect.length > 0);
    expect(heardOnConnect[0]).toMatchObject({ conversationId: again?.conversationId, position: 4 });
  }, 60_000);

  it('reads a team’s pace again only every ten seconds once it has one', async () => {
    const org = await makeOrg(server);
    const admin = await signIn(server, await makeStaff(server, org, 'admin'));
    const team = await admin.post('/api/v1/teams', { name: 'Night desk' });
    await admin.put('/api/v1/routing-rules/default-team', { teamId: team.body.id });
    const agent = await signIn(server, await makeStaff(server, org, 'agent'));
    const waiting: (Awaited<ReturnType<typeof waitingGuest>> & { conversationId: string })[] = [];
    for (let i = 0; i < 4; i++) {
      const g = await waitingGuest(org);
      waiting.push({ ...g, conversationId: await write(g.socket, `Towels ${i}`) });
    }
    const key = { orgId: org.id, teamId: team.body.id as string };
    // no pick-ups yet: no pace, and none kept — the first estimate comes with the pick-ups that make it
    expect(await pickUpPaceMs(server.ctx.db, key)).toBeNull();
    for (const g of waiting.slice(0, 3)) {
      expect((await agent.post(`/api/v1/conversations/${g.conversationId}/take`)).status).toBe(200);
    }
    // the last guest heard the pace (the node's own read is done before the reads below)
    await until(() => waiting[3]?.last()?.estimatedWaitSeconds != null, 10_000);

    const t0 = Date.now() + 60_000;
    const first = await pickUpPaceMs(server.ctx.db, key, new Date(t0));
    expect(first).not.toBeNull();
    const last = waiting[3];
    expect((await agent.post(`/api/v1/conversations/${last?.conversationId}/take`)).status).toBe(200);
    // within ten seconds the read of three pick-ups is used again: the fourth is not counted yet
    const reused = await pickUpPaceMs(server.ctx.db, key, new Date(t0 + 1_000));
    expect(reused).toBeCloseTo((first ?? 0) + 1_000 / 3, 6);
    // ten seconds on it is read again, with the fourth pick-up
    const again = await pickUpPaceMs(server.ctx.db, key, new Date(t0 + 10_000));
    expect(again).toBeCloseTo(((first ?? 0) * 3 + 10_000) / 4, 6);
  }, 60_000);

  it('estimates the wait as the place times the team’s recent pace', () => {
    expect(estimatedWaitSeconds(3, 40_000)).toBe(120);
    expect(estimatedWaitSeconds(1, 1_499)).toBe(1);
    expect(estimatedWaitSeconds(5, null)).toBeNull();
  });
});

describe.skipIf(!usingPostgres || !process.env.REDIS_URL)('the queue across nodes (PostgreSQL and Redis)', () => {
  it('tells guests on another node their new places when a request is taken on this one', async () => {
    // two nodes of one installation: the same database, the same Redis keys
    const prefix = `frontdesk-test-queue-${uniqueSuffix()}:`;
    const nodeA = await startTestServer({}, { REDIS_PREFIX: prefix });
    const nodeB = await startTestServer({}, { REDIS_PREFIX: prefix });
    const open: Socket[] = [];
    const onB = async (auth: Record<string, unknown>, opts?: Parameters<typeof connect>[2]) => {
      const socket = await connect(nodeB.url, auth, opts);
      open.push(socket);
      return socket;
    };
    try {
      const org = await makeOrg(nodeA);
      const agent = await signIn(nodeA, await makeStaff(nodeA, org, 'agent'));
      const guests: (Awaited<ReturnType<typeof waitingGuest>> & { conversationId: string })[] = [];
      for (let i = 0; i < 4; i++) {
        const g = await waitingGuest(org, nodeB, onB);
        guests.push({ ...g, conversationId: await write(g.socket, `Late check-out ${i}`) });
      }
      await until(() => guests.every((g, i) => g.last()?.position === i + 1), 10_000);

      // taken on node A: the three behind, all on node B, move up, each told only of their own request
      expect((await agent.post(`/api/v1/conversations/${guests[0]?.conversationId}/take`)).status).toBe(200);
      const behind = guests.slice(1);
      await until(() => behind.every((g, i) => g.last()?.position === i + 1), 10_000);
      for (const g of behind) expect(g.heard.every((p) => p.conversationId === g.conversationId)).toBe(true);
    } finally {
      for (const socket of open) socket.close();
      await nodeA.close();
      await nodeB.close();
    }
  }, 60_000);
});
