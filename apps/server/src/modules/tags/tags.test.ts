import { clientEvents, serverEvents } from '@frontdesk/protocol';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeGuest, makeOrg, makeStaff, signInWithToken, type TestOrg } from '../../../test/factories.js';
import { startTestServer, type TestServer, uniqueSuffix } from '../../../test/harness.js';
import { ask, eventually, socketsClosedAfterEach } from '../../../test/sockets.js';
import { domainEvents } from '../../db/schema.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

const socketFor = socketsClosedAfterEach(() => server.url);

/** A guest's new request (their first message), by id. */
async function request(org: TestOrg, text = 'The shower is cold') {
  const guest = await makeGuest(server, org, { name: 'Jan Kowalski', room: `R${uniqueSuffix()}` });
  const socket = await socketFor({ token: guest.token });
  const first = await ask(socket, clientEvents.send, { text, clientId: `t-${uniqueSuffix()}` });
  expect(first.ok, JSON.stringify(first)).toBe(true);
  return first.data.conversation.id as string;
}

describe('tags', () => {
  it('admins keep them: names unique in the organization (case aside), colours as #rrggbb; agents only read', async () => {
    const org = await makeOrg(server);
    const admin = await signInWithToken(server, await makeStaff(server, org, 'admin'));
    const agent = await signInWithToken(server, await makeStaff(server, org, 'agent'));
    const created = await admin.post('/api/v1/tags', { name: 'VIP', color: '#FFAA00' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ name: 'VIP', color: '#ffaa00', conversations: 0 });
    const clash = await admin.post('/api/v1/tags', { name: ' vip ', color: '#000000' });
    expect(clash.status).toBe(409);
    expect(clash.body.error.code).toBe('tag_name_taken');
    expect((await admin.post('/api/v1/tags', { name: 'Red', color: 'red' })).status).toBe(400);
    expect((await agent.post('/api/v1/tags', { name: 'Mine', color: '#000000' })).status).toBe(403);
    const other = await admin.post('/api/v1/tags', { name: 'Late checkout', color: '#2e7d32' });
    const renamed = await admin.patch(`/api/v1/tags/${other.body.id}`, { name: 'vip' });
    expect(renamed.body.error.code).toBe('tag_name_taken');
    expect((await admin.patch(`/api/v1/tags/${other.body.id}`, { color: '#123456' })).body.color).toBe('#123456');
    expect((await agent.get('/api/v1/tags')).body.tags.map((t: { name: string }) => t.name)).toEqual([
      'Late checkout',
      'VIP',
    ]);
    // another organization may use the same name, and sees none of these
    const elsewhere = await signInWithToken(server, await makeStaff(server, await makeOrg(server), 'admin'));
    expect((await elsewhere.post('/api/v1/tags', { name: 'VIP', color: '#ffaa00' })).status).toBe(201);
    expect((await elsewhere.patch(`/api/v1/tags/${created.body.id}`, { name: 'Mine' })).status).toBe(404);
    expect((await elsewhere.delete(`/api/v1/tags/${created.body.id}`)).status).toBe(404);
    expect((await elsewhere.get('/api/v1/tags')).body.tags).toHaveLength(1);
  });

  it('the desk tags a conversation: colleagues see it live, the inbox filters by it, events are recorded', async () => {
    const org = await makeOrg(server);
    const admin = await signInWithToken(server, await makeStaff(server, org, 'admin'));
    const agentUser = await makeStaff(server, org, 'agent');
    const agent = await signInWithToken(server, agentUser);
    const vip = (await admin.post('/api/v1/tags', { name: 'VIP', color: '#ffaa00' })).body.id as string;
    const tagged = await request(org, 'Champagne to the room, please');
    const plain = await request(org, 'Where is breakfast?');
    const colleague = await socketFor({ token: admin.token });
    const heard: { id: string; tags?: { name: string }[] }[] = [];
    colleague.on(serverEvents.conversation, (c) => heard.push(c));

    const put = await agent.put(`/api/v1/conversations/${tagged}/tags/${vip}`, {});
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(put.body.tags).toEqual([{ id: vip, name: 'VIP', color: '#ffaa00' }]);
    // again: nothing changes, no second event
    expect((await agent.put(`/api/v1/conversations/${tagged}/tags/${vip}`, {})).status).toBe(200);
    await eventually(async () => heard.some((c) => c.id === tagged && c.tags?.[0]?.name === 'VIP'));

    const filtered = await agent.get(`/api/v1/conversations?status=queued&tag=${vip}`);
    expect(filtered.body.conversations.map((c: { id: string }) => c.id)).toEqual([tagged]);
    expect(filtered.body.counts.queued).toBe(1);
    const all = await agent.get('/api/v1/conversations?status=queued');
    expect(all.body.conversations.map((c: { id: string }) => c.id)).toEqual(expect.arrayContaining([tagged, plain]));
    expect((await admin.get('/api/v1/tags')).body.tags[0].conversations).toBe(1);

    const off = await agent.delete(`/api/v1/conversations/${tagged}/tags/${vip}`);
    expect(off.status).toBe(200);
    expect(off.body.tags).toEqual([]);
    await eventually(async () => heard.some((c) => c.id === tagged && c.tags?.length === 0));
    const events = await server.ctx.db
      .select({ type: domainEvents.type, data: domainEvents.data })
      .from(domainEvents)
      .where(
        and(
          eq(domainEvents.orgId, org.id),
          inArray(domainEvents.type, ['conversation.tagged', 'conversation.untagged']),
        ),
      )
      // in the order they were recorded: without it PostgreSQL may return them in any order
      .orderBy(asc(domainEvents.position));
    expect(events.map((e) => e.type)).toEqual(['conversation.tagged', 'conversation.untagged']);
    expect(events[0]?.data).toEqual({ conversationId: tagged, tagId: vip, byUserId: agentUser.id });

    // removing the tag takes it off every conversation
    await agent.put(`/api/v1/conversations/${tagged}/tags/${vip}`, {});
    expect((await admin.delete(`/api/v1/tags/${vip}`)).status).toBe(204);
    expect((await agent.get(`/api/v1/conversations/${tagged}`)).body.tags).toEqual([]);
  });

  it('refuses another organization’s tag or conversation, a hidden team’s conversation, field staff and guests', async () => {
    const org = await makeOrg(server);
    const admin = await signInWithToken(server, await makeStaff(server, org, 'admin'));
    const agent = await signInWithToken(server, await makeStaff(server, org, 'agent'));
    const field = await signInWithToken(server, await makeStaff(server, org, 'field'));
    const vip = (await admin.post('/api/v1/tags', { name: 'VIP', color: '#ffaa00' })).body.id as string;
    const id = await request(org);
    const other = await makeOrg(server);
    const foreignAdmin = await signInWithToken(server, await makeStaff(server, other, 'admin'));
    const foreignTag = (await foreignAdmin.post('/api/v1/tags', { name: 'X', color: '#000000' })).body.id as string;
    expect((await admin.put(`/api/v1/conversations/${id}/tags/${foreignTag}`, {})).status).toBe(404);
    expect((await foreignAdmin.put(`/api/v1/conversations/${id}/tags/${vip}`, {})).status).toBe(404);
    expect((await foreignAdmin.put(`/api/v1/conversations/${id}/tags/${foreignTag}`, {})).status).toBe(404);
    expect((await field.put(`/api/v1/conversations/${id}/tags/${vip}`, {})).status).toBe(403);
    expect((await field.get('/api/v1/tags')).status).toBe(403);

    // team visibility: an agent outside the request's team does not find it
    const spa = (await admin.post('/api/v1/teams', { name: 'Spa', description: '' })).body.id as string;
    await admin.post('/api/v1/routing-rules', { name: 'Spa', teamId: spa, conditions: { keywords: ['massage'] } });
    expect((await admin.patch('/api/v1/organization', { conversationVisibility: 'team' })).status).toBe(200);
    const hidden = await request(org, 'A massage tonight');
    const outsider = await signInWithToken(server, await makeStaff(server, org, 'agent'));
    expect((await outsider.put(`/api/v1/conversations/${hidden}/tags/${vip}`, {})).status).toBe(404);
    expect((await admin.put(`/api/v1/conversations/${hidden}/tags/${vip}`, {})).status).toBe(200);
    const filtered = await outsider.get(`/api/v1/conversations?status=queued&tag=${vip}`);
    expect(filtered.body.conversations).toEqual([]);
    expect(agent).toBeDefined();
  });
});
