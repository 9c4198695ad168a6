import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../../test/client.js';
import { makeOrg, makeStaff, signInWithToken, type TestOrg } from '../../../test/factories.js';
import { startTestServer, type TestServer } from '../../../test/harness.js';
import { organizations, teamMembers, teams } from '../../db/schema.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

interface Person {
  id: string;
  api: ApiClient;
}
async function person(org: TestOrg, role: 'admin' | 'agent' | 'field', name?: string): Promise<Person> {
  const user = await makeStaff(server, org, role, { name });
  return { id: user.id, api: await signInWithToken(server, user) };
}

const inHours = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();

async function company() {
  const org = await makeOrg(server, { kind: 'service' });
  await server.ctx.db.update(organizations).set({ timezone: 'Europe/Warsaw' }).where(eq(organizations.id, org.id));
  const admin = await person(org, 'admin', 'Ada');
  const customer = (await admin.api.post('/api/v1/customers', { name: 'Jan Kowalski' })).body.customer;
  return { org, admin, customer };
}

async function create(api: ApiClient, body: Record<string, unknown>) {
  const res = await api.post('/api/v1/work-items', body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

describe('a customer’s work items', () => {
  it('lists their tasks and work orders latest planned first, with status, time, assignee and time zone', async () => {
    const { org, admin, customer } = await company();
    const tech = await person(org, 'field', 'Tomek');
    const other = (await admin.api.post('/api/v1/customers', { name: 'Ewa' })).body.customer;
    const window = { start: inHours(48), end: inHours(51) };
    const visit = await create(admin.api, {
      kind: 'work_order',
      title: 'Boiler service',
      customerId: customer.id,
      assigneeId: tech.id,
      window,
    });
    const call = await create(admin.api, {
      title: 'Call back about the quote',
      customerId: customer.id,
      dueAt: inHours(2),
    });
    await create(admin.api, { title: 'Ewa’s sink', customerId: other.id, dueAt: inHours(1) });
    await create(admin.api, { title: 'Nobody’s', dueAt: inHours(3) });
    await admin.api.post(`/api/v1/work-items/${call.id}/status`, { status: 'in_progress' });

    const res = await admin.api.get(`/api/v1/customers/${customer.id}/work-items`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.items.map((i: { id: string }) => i.id)).toEqual([visit.id, call.id]);
    expect(res.body.items[0]).toMatchObject({
      title: 'Boiler service',
      kind: 'work_order',
      status: 'scheduled',
      window,
      dueAt: null,
      assignee: { id: tech.id, name: 'Tomek' },
      customerId: customer.id,
      timeZone: 'Europe/Warsaw',
    });
    expect(res.body.items[1]).toMatchObject({ kind: 'task', status: 'in_progress', assignee: null, window: null });
    expect((await admin.api.get(`/api/v1/customers/${other.id}/work-items`)).body.items).toHaveLength(1);
  });

  it('shows field staff only their own and their teams’ items; team-only agents as on the board', async () => {
    const { org, admin, customer } = await company();
    const tech = await person(org, 'field', 'Tomek');
    const otherTech = await person(org, 'field', 'Marek');
    const [team] = await server.ctx.db.insert(teams).values({ orgId: org.id, name: 'Boilers' }).returning();
    if (!team) throw new Error('no team');
    const mine = await create(admin.api, { title: 'Mine', customerId: customer.id, assigneeId: tech.id });
    const theirs = await create(admin.api, { title: 'Marek’s', customerId: customer.id, assigneeId: otherTech.id });
    const teamItem = await create(admin.api, { title: 'Boilers’', customerId: customer.id, teamId: team.id });
    const ids = (body: { items: { id: string }[] }) => body.items.map((i) => i.id).sort();

    expect(ids((await tech.api.get(`/api/v1/customers/${customer.id}/work-items`)).body)).toEqual([mine.id]);
    expect(ids((await otherTech.api.get(`/api/v1/customers/${customer.id}/work-items`)).body)).toEqual([theirs.id]);
    const agent = await person(org, 'agent', 'Dorota');
    await server.ctx.db
      .update(organizations)
      .set({ conversationVisibility: 'team' })
      .where(eq(organizations.id, org.id));
    const agentAgain = await person(org, 'agent', 'Dorota 2');
    expect(ids((await agentAgain.api.get(`/api/v1/customers/${customer.id}/work-items`)).body)).toEqual(
      [mine.id, theirs.id].sort(),
    );
    await server.ctx.db.insert(teamMembers).values({ orgId: org.id, teamId: team.id, userId: agent.id });
    const agentInTeam = await person(org, 'agent', 'Dorota 3');
    await server.ctx.db.insert(teamMembers).values({ orgId: org.id, teamId: team.id, userId: agentInTeam.id });
    expect(ids((await agentInTeam.api.get(`/api/v1/customers/${customer.id}/work-items`)).body)).toEqual(
      [mine.id, theirs.id, teamItem.id].sort(),
    );
    expect(ids((await admin.api.get(`/api/v1/customers/${customer.id}/work-items`)).body)).toEqual(
      [mine.id, theirs.id, teamItem.id].sort(),
    );
  });

  it('never shows one company’s items to another, and a hotel has no customers', async () => {
    const a = await company();
    await create(a.admin.api, { title: 'A’s job', customerId: a.customer.id });
    const b = await company();
    await create(b.admin.api, { title: 'B’s job', customerId: b.customer.id });
    const res = await b.admin.api.get(`/api/v1/customers/${a.customer.id}/work-items`);
    expect(res.status).toBe(404);
    expect(JSON.stringify(res.body)).not.toContain('A’s job');
    const bTech = await person(b.org, 'field', 'Bartek');
    expect((await bTech.api.get(`/api/v1/customers/${a.customer.id}/work-items`)).status).toBe(404);
    const own = await b.admin.api.get(`/api/v1/customers/${b.customer.id}/work-items`);
    expect(own.body.items.map((i: { title: string }) => i.title)).toEqual(['B’s job']);
    const hotel = await person(await makeOrg(server), 'admin', 'Hanna');
    expect((await hotel.api.get(`/api/v1/customers/${a.customer.id}/work-items`)).status).toBe(403);
    expect((await a.admin.api.get('/api/v1/customers/not-an-id/work-items')).status).toBe(400);
  });
});
