import { serverEvents } from '@frontdesk/protocol';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOrg } from '../../../test/factories.js';
import { startTestServer, type TestServer } from '../../../test/harness.js';
import { socketsClosedAfterEach, until } from '../../../test/sockets.js';
import { companyWithRequests, desk } from './test-company.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());
const connect = socketsClosedAfterEach(() => server.url);

/** A staff socket and the leads it hears, in order. */
async function listening(api: { token: string | null }) {
  const heard: { id: string; status: string; customer: { name: string } }[] = [];
  const socket: Socket = await connect({ token: api.token });
  socket.on(serverEvents.lead, ({ lead }) => heard.push(lead));
  return { socket, heard };
}

describe('the leads desk, live', () => {
  it('hears each lead arrive and change status; field staff and other companies hear nothing', async () => {
    const company = await companyWithRequests(server, 0);
    const agent = await desk(server, company.org, 'agent', 'Dorota');
    const tech = await desk(server, company.org, 'field', 'Tomek');
    const stranger = await desk(server, await makeOrg(server, { kind: 'service' }), 'admin', 'Bogdan');
    const admins = await listening(company.admin.api);
    const agents = await listening(agent.api);
    const field = await listening(tech.api);
    const others = await listening(stranger.api);

    const sent = await company.phone.post('/api/v1/guest/leads', {
      formId: company.forms[0],
      answers: { what: 'It leaks' },
    });
    expect(sent.status).toBe(201);
    await until(() => admins.heard.length === 1 && agents.heard.length === 1);
    expect(admins.heard[0]).toMatchObject({ id: sent.body.id, status: 'new', customer: { name: 'Jan' } });

    await agent.api.patch(`/api/v1/leads/${sent.body.id}`, { status: 'contacted' });
    await until(() => admins.heard.length === 2 && agents.heard.length === 2);
    expect(agents.heard.map((l) => l.status)).toEqual(['new', 'contacted']);

    // the same status again changes nothing, and says nothing
    await agent.api.patch(`/api/v1/leads/${sent.body.id}`, { status: 'contacted' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(admins.heard).toHaveLength(2);
    expect(field.heard).toEqual([]);
    expect(others.heard).toEqual([]);
  });
});
