import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOrg } from '../../../test/factories.js';
import { startTestServer, type TestServer } from '../../../test/harness.js';
import { conversations, organizations, teams } from '../../db/schema.js';
import { companyWithRequests, desk } from './test-company.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

describe('a customer’s history', () => {
  it('lists their requests and chats newest first, with status, for the desk', async () => {
    const { org, admin, customer, sent } = await companyWithRequests(server);
    const [first, second] = sent;
    await admin.api.patch(`/api/v1/leads/${first.id}`, { status: 'contacted' });
    const agent = await desk(server, org, 'agent', 'Dorota');
    const res = await agent.api.get(`/api/v1/customers/${customer.id}/history`);
    expect(res.status).toBe(200);
    expect(res.body.leads).toEqual([
      {
        id: second.id,
        formName: 'Emergency repair',
        status: 'new',
        conversationId: second.conversationId,
        createdAt: second.createdAt,
      },
      {
        id: first.id,
        formName: 'Boiler service',
        status: 'contacted',
        conversationId: first.conversationId,
        createdAt: first.createdAt,
      },
    ]);
    // both requests went into the customer's one open chat
    expect(res.body.conversations).toEqual([
      {
        id: first.conversationId,
        status: 'queued',
        preview: expect.stringContaining('Emergency repair'),
        createdAt: expect.any(String),
        lastMessageAt: expect.any(String),
      },
    ]);
    // another customer of the company has nothing yet
    const other = (await admin.api.post('/api/v1/customers', { name: 'Ewa' })).body.customer;
    expect((await admin.api.get(`/api/v1/customers/${other.id}/history`)).body).toEqual({
      leads: [],
      conversations: [],
    });
  });

  it('shows agents of a team-only desk only the chats they may open; field staff and other companies get nothing', async () => {
    const { org, admin, customer, sent } = await companyWithRequests(server);
    const agent = await desk(server, org, 'agent', 'Dorota');
    const tech = await desk(server, org, 'field', 'Tomek');
    const [team] = await server.ctx.db.insert(teams).values({ orgId: org.id, name: 'Boilers' }).returning();
    await server.ctx.db
      .update(conversations)
      .set({ teamId: team?.id })
      .where(eq(conversations.id, sent[0].conversationId));
    await server.ctx.db
      .update(organizations)
      .set({ conversationVisibility: 'team' })
      .where(eq(organizations.id, org.id));
    const agentAgain = await desk(server, org, 'agent', 'Dorota 2');
    expect((await agentAgain.api.get(`/api/v1/customers/${customer.id}/history`)).body).toMatchObject({
      conversations: [],
    });
    expect((await admin.api.get(`/api/v1/customers/${customer.id}/history`)).body.conversations).toHaveLength(1);
    expect((await agent.api.get(`/api/v1/customers/${customer.id}/history`)).body.leads).toHaveLength(2);

    expect((await tech.api.get(`/api/v1/customers/${customer.id}/history`)).status).toBe(403);
    const stranger = await desk(server, await makeOrg(server, { kind: 'service' }), 'admin', 'Bogdan');
    expect((await stranger.api.get(`/api/v1/customers/${customer.id}/history`)).status).toBe(404);
    const hotel = await desk(server, await makeOrg(server), 'admin', 'Hanna');
    expect((await hotel.api.get(`/api/v1/customers/${customer.id}/history`)).status).toBe(403);
  });
});
