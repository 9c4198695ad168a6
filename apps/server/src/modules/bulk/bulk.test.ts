import { clientEvents } from '@frontdesk/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeGuest, makeOrg, makeStaff, signInWithToken, type TestOrg } from '../../../test/factories.js';
import { startTestServer, type TestServer, uniqueSuffix } from '../../../test/harness.js';
import { ask, socketsClosedAfterEach } from '../../../test/sockets.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

const socketFor = socketsClosedAfterEach(() => server.url);

async function request(org: TestOrg, text = 'The shower is cold') {
  const guest = await makeGuest(server, org, { room: `R${uniqueSuffix()}` });
  const socket = await socketFor({ token: guest.token });
  const first = await ask(socket, clientEvents.send, { text, clientId: `b-${uniqueSuffix()}` });
  expect(first.ok, JSON.stringify(first)).toBe(true);
  return first.data.conversation.id as string;
}

describe('bulk actions', () => {
  it('resolve many: each through the resolve rules, answering per id what was done and why not', async () => {
    const org = await makeOrg(server);
    const agent = await signInWithToken(server, await makeStaff(server, org, 'agent'));
    const admin = await signInWithToken(server, await makeStaff(server, org, 'admin'));
    const colleague = await signInWithToken(server, await makeStaff(server, org, 'agent'));
    const [a, b, c, d] = [await request(org), await request(org), await request(org), await request(org)];
    expect((await agent.post(`/api/v1/conversations/${b}/resolve`)).status).toBe(200);
    expect((await colleague.post(`/api/v1/conversations/${c}/take`)).status).toBe(200);
    const foreign = await request(await makeOrg(server));
    const res = await agent.post('/api/v1/conversations/bulk', {
      ids: [a, c, d, foreign],
      action: { type: 'resolve' },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    // a colleague's request is theirs to resolve
    expect(res.body.results).toEqual([
      { ok: true },
      expect.objectContaining({ ok: false, code: 'forbidden' }),
      { ok: true },
      expect.objectContaining({ ok: false, code: 'not_found' }),
    ]);
    expect(res.body).toMatchObject({ done: 2, failed: 2 });
    // an admin resolving what is resolved already hears so
    const again = await admin.post('/api/v1/conversations/bulk', { ids: [b, c], action: { type: 'resolve' } });
    expect(again.body.results).toEqual([
      expect.objectContaining({ ok: false, code: 'already_resolved' }),
      { ok: true },
    ]);
    expect((await agent.get(`/api/v1/conversations/${d}`)).body.status).toBe('resolved');
    expect((await agent.get(`/api/v1/conversations/${c}`)).body.status).toBe('resolved');
  });

  it('resolve many with one resolved already: that one says so, whoever resolved it, and the rest resolve', async () => {
    const org = await makeOrg(server);
    const agent = await signInWithToken(server, await makeStaff(server, org, 'agent'));
    const colleague = await signInWithToken(server, await makeStaff(server, org, 'agent'));
    const [done, waiting] = [await request(org), await request(org)];
    // a colleague closed it while nobody held it: resolved, and held by nobody the agent could be
    expect((await colleague.post(`/api/v1/conversations/${done}/resolve`)).status).toBe(200);
    const res = await agent.post('/api/v1/conversations/bulk', { ids: [done, waiting], action: { type: 'resolve' } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.results).toEqual([
      { ok: false, code: 'already_resolved', message: expect.any(String) },
      { ok: true },
    ]);
    expect(res.body).toMatchObject({ done: 1, failed: 1 });
    expect((await agent.get(`/api/v1/conversations/${waiting}`)).body.status).toBe('resolved');
  });

  it('assign, transfer to a team, tag and prioritize many', async () => {
    const org = await makeOrg(server);
    const admin = await signInWithToken(server, await makeStaff(server, org, 'admin'));
    const agentUser = await makeStaff(server, org, 'agent', { name: 'Kasia' });
    const ids = [await request(org), await request(org)];
    const tag = (await admin.post('/api/v1/tags', { name: 'Towels', color: '#00796b' })).body.id as string;
    const team = (await admin.post('/api/v1/teams', { name: 'Housekeeping', description: '' })).body.id as string;
    const act = async (action: unknown) => {
      const res = await admin.post('/api/v1/conversations/bulk', { ids, action });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body).toMatchObject({ done: 2, failed: 0 });
    };
    await act({ type: 'tag', tagId: tag });
    await act({ type: 'priority', priority: 'urgent' });
    await act({ type: 'transfer', teamId: team });
    for (const id of ids) {
      expect((await admin.get(`/api/v1/conversations/${id}`)).body).toMatchObject({
        status: 'queued',
        priority: 'urgent',
        team: { id: team, name: 'Housekeeping' },
        tags: [{ id: tag, name: 'Towels' }],
      });
    }
    await act({ type: 'assign', userId: agentUser.id });
    await act({ type: 'untag', tagId: tag });
    for (const id of ids) {
      expect((await admin.get(`/api/v1/conversations/${id}`)).body).toMatchObject({
        status: 'open',
        assignee: { id: agentUser.id },
        tags: [],
      });
    }
    // an unknown tag is that conversation's not found, not the whole request's
    const unknown = await admin.post('/api/v1/conversations/bulk', {
      ids,
      action: { type: 'tag', tagId: crypto.randomUUID() },
    });
    expect(unknown.body.results.map((r: { code: string }) => r.code)).toEqual(['not_found', 'not_found']);
  });

  it('refuses field staff, guests, no ids, more than 100 and unknown actions; a hidden team’s request is not found', async () => {
    const org = await makeOrg(server);
    const admin = await signInWithToken(server, await makeStaff(server, org, 'admin'));
    const field = await signInWithToken(server, await makeStaff(server, org, 'field'));
    const id = await request(org);
    expect((await field.post('/api/v1/conversations/bulk', { ids: [id], action: { type: 'resolve' } })).status).toBe(
      403,
    );
    const tooMany = Array.from({ length: 101 }, () => crypto.randomUUID());
    expect((await admin.post('/api/v1/conversations/bulk', { ids: tooMany, action: { type: 'resolve' } })).status).toBe(
      400,
    );
    expect((await admin.post('/api/v1/conversations/bulk', { ids: [], action: { type: 'resolve' } })).status).toBe(400);
    expect((await admin.post('/api/v1/conversations/bulk', { ids: [id], action: { type: 'delete' } })).status).toBe(
      400,
    );
    expect(
      (await admin.post('/api/v1/conversations/bulk', { ids: [id, id], action: { type: 'resolve' } })).status,
    ).toBe(400);
    const spa = (await admin.post('/api/v1/teams', { name: 'Spa', description: '' })).body.id as string;
    await admin.post('/api/v1/routing-rules', { name: 'Spa', teamId: spa, conditions: { keywords: ['massage'] } });
    expect((await admin.patch('/api/v1/organization', { conversationVisibility: 'team' })).status).toBe(200);
    const hidden = await request(org, 'A massage tonight');
    const outsider = await signInWithToken(server, await makeStaff(server, org, 'agent'));
    const res = await outsider.post('/api/v1/conversations/bulk', {
      ids: [hidden, id],
      action: { type: 'priority', priority: 'high' },
    });
    expect(res.body.results).toEqual([expect.objectContaining({ code: 'not_found' }), { ok: true }]);
  });
});
