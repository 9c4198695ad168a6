import { clientEvents, type QueuePosition, serverEvents } from '@frontdesk/protocol';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../../test/client.js';
import { makeOrg, makeStaff, makeStay, signIn, type TestOrg } from '../../../test/factories.js';
import { startTestServer, type TestServer } from '../../../test/harness.js';
import { ask, socketsClosedAfterEach, until } from '../../../test/sockets.js';
import { estimatedWaitSeconds } from './positions.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

const socketFor = socketsClosedAfterEach(() => server.url);

/** A signed-in guest of `org` with a socket that keeps the queue positions it is told. */
async function waitingGuest(org: TestOrg) {
  const { guest } = await makeStay(server, org);
  const login = await new ApiClient(server.url).post(`/api/v1/guest/${org.slug}/login`, { code: guest.code });
  const heard: QueuePosition[] = [];
  const socket = await socketFor(
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

  it('estimates the wait as the place times the team’s recent pace', () => {
    expect(estimatedWaitSeconds(3, 40_000)).toBe(120);
    expect(estimatedWaitSeconds(1, 1_499)).toBe(1);
    expect(estimatedWaitSeconds(5, null)).toBeNull();
  });
});
