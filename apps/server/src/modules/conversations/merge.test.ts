import { clientEvents, MERGE_UNDO_HOURS, serverEvents } from '@frontdesk/protocol';
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../../test/client.js';
import { makeOrg, makeStaff, makeStay, signIn, signInWithToken, type TestOrg } from '../../../test/factories.js';
import { startTestServer, type TestServer } from '../../../test/harness.js';
import { ask, eventually, socketsClosedAfterEach } from '../../../test/sockets.js';
import { conversationMerges, conversations, messages, organizations } from '../../db/schema.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

const socketFor = socketsClosedAfterEach(() => server.url);
const clientId = () => `merge-${Math.random().toString(36).slice(2)}`;

interface Heard {
  conversations: { id: string; mergedInto?: string; epoch?: number; lastSeq: number }[];
}

/**
 * A guest with two requests: an earlier one reception answered and resolved, and a later one they
 * opened after it (the organization reopens nothing, so the second message starts a new request).
 */
async function guestWithTwoRequests(org: TestOrg) {
  const admin = await signIn(server, await makeStaff(server, org, 'admin', { name: 'Ada Admin' }));
  const agentUser = await makeStaff(server, org, 'agent', { name: 'Kasia' });
  const agent = await signIn(server, agentUser);
  await server.ctx.db.update(organizations).set({ reopenMinutes: 0 }).where(eq(organizations.id, org.id));
  const { guest } = await makeStay(server, org);
  const login = await new ApiClient(server.url).post(`/api/v1/guest/${org.slug}/login`, { code: guest.code });
  const heard: Heard = { conversations: [] };
  const socket = await socketFor(
    { token: login.body.token },
    { listen: { [serverEvents.conversation]: (c) => heard.conversations.push(c as Heard['conversations'][number]) } },
  );
  const send = async (text: string, conversationId?: string) => {
    const ack = await ask(socket, clientEvents.send, { text, clientId: clientId(), conversationId });
    expect(ack.ok, JSON.stringify(ack)).toBe(true);
    return ack.data.conversation.id as string;
  };
  const earlier = await send('The shower is cold');
  await send('Room 12, please hurry', earlier);
  const staff = await socketFor({ token: (await signInWithToken(server, agentUser)).token });
  const reply = await ask(staff, clientEvents.send, {
    conversationId: earlier,
    text: 'A technician is on the way',
    clientId: clientId(),
  });
  expect(reply.ok).toBe(true);
  expect((await agent.post(`/api/v1/conversations/${earlier}/resolve`)).status).toBe(200);
  const later = await send('Now the towels are missing');
  expect(later).not.toBe(earlier);
  return { admin, agent, staff, socket, heard, send, earlier, later, guestId: guest.id };
}

const threadOf = async (id: string) =>
  server.ctx.db
    .select({ seq: messages.seq, body: messages.body, event: messages.event })
    .from(messages)
    .where(eq(messages.conversationId, id))
    .orderBy(asc(messages.seq));
const row = async (id: string) => (await server.ctx.db.select().from(conversations).where(eq(conversations.id, id)))[0];

describe('merging two requests of one guest', () => {
  it('keeps the thread in order in the earlier request, and an admin can undo it', async () => {
    const org = await makeOrg(server);
    const g = await guestWithTwoRequests(org);

    const noted = await g.agent.post(`/api/v1/conversations/${g.later}/notes`, {
      clientId: clientId(),
      text: 'Towels ran out on floor 3',
    });
    expect(noted.status, JSON.stringify(noted.body)).toBe(201);
    const notesOf = async (id: string) =>
      ((await g.agent.get(`/api/v1/conversations/${id}/notes`)).body.notes as { text: string; afterSeq: number }[]).map(
        (n) => [n.text, n.afterSeq],
      );
    const merged = await g.agent.post(`/api/v1/conversations/${g.later}/merge`, { otherConversationId: g.earlier });
    expect(merged.status, JSON.stringify(merged.body)).toBe(200);
    // the earlier request keeps the thread and takes over the live state of the later one
    expect(merged.body).toMatchObject({ id: g.earlier, status: 'queued', assignee: null });
    const thread = await threadOf(g.earlier);
    expect(thread.map((m) => m.seq)).toEqual(thread.map((_, i) => i + 1));
    expect(thread.filter((m) => !m.event).map((m) => m.body)).toEqual([
      'The shower is cold',
      'Room 12, please hurry',
      'A technician is on the way',
      'Now the towels are missing',
    ]);
    expect(thread.at(-1)).toMatchObject({ event: 'merged', body: expect.stringContaining('Kasia merged') });
    expect(await threadOf(g.later)).toEqual([]);
    // the staff note follows the message it was written after (the later request's first, now the sixth)
    expect(await notesOf(g.earlier)).toEqual([['Towels ran out on floor 3', 6]]);
    expect(await row(g.later)).toMatchObject({ mergedIntoId: g.earlier, status: 'resolved' });

    // the guest hears that the later request now lives in the earlier one
    await eventually(async () => g.heard.conversations.some((c) => c.id === g.later && c.mergedInto === g.earlier));
    // no inbox tab lists the emptied request; the queue has the merged one
    const queue = await g.agent.get('/api/v1/conversations?status=queued');
    expect(queue.body.conversations.map((c: { id: string }) => c.id)).toContain(g.earlier);
    const resolved = await g.agent.get('/api/v1/conversations?status=resolved');
    expect(resolved.body.conversations.map((c: { id: string }) => c.id)).not.toContain(g.later);

    // a guest page that still answers the later request writes into the merged one
    expect(await g.send('Still waiting for towels', g.later)).toBe(g.earlier);
    // staff cannot write into, or act on, the emptied request
    const refused = await ask(g.staff, clientEvents.send, {
      conversationId: g.later,
      text: 'Hi',
      clientId: clientId(),
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'conversation_merged' } });
    const take = await g.agent.post(`/api/v1/conversations/${g.later}/take`);
    expect(take.status).toBe(409);
    expect(take.body.error).toMatchObject({ code: 'conversation_merged', details: { mergedInto: g.earlier } });

    // the merge is listed; only an admin may undo it
    const asAgent = await g.agent.get(`/api/v1/conversations/${g.earlier}/merges`);
    expect(asAgent.body.merges).toEqual([
      expect.objectContaining({ survivorId: g.earlier, absorbedId: g.later, movedMessages: 1, canUndo: false }),
    ]);
    const mergeId = asAgent.body.merges[0].id as string;
    expect((await g.agent.post(`/api/v1/conversation-merges/${mergeId}/undo`)).status).toBe(403);
    expect((await g.admin.get(`/api/v1/conversations/${g.earlier}/merges`)).body.merges[0].canUndo).toBe(true);

    const undone = await g.admin.post(`/api/v1/conversation-merges/${mergeId}/undo`);
    expect(undone.status, JSON.stringify(undone.body)).toBe(200);
    expect(undone.body).toMatchObject({ id: g.earlier, status: 'resolved', epoch: 1 });
    // the later request is back as it was, numbered from 1 again
    expect(await threadOf(g.later)).toEqual([{ seq: 1, body: 'Now the towels are missing', event: null }]);
    expect(await row(g.later)).toMatchObject({ mergedIntoId: null, status: 'queued', lastSeq: 1, epoch: 1 });
    expect(await notesOf(g.later)).toEqual([['Towels ran out on floor 3', 1]]);
    // the earlier one keeps what was written since the merge, without a gap
    const after = await threadOf(g.earlier);
    expect(after.map((m) => m.seq)).toEqual(after.map((_, i) => i + 1));
    expect(after.map((m) => m.event ?? m.body).slice(-3)).toEqual(['merged', 'Still waiting for towels', 'unmerged']);
    expect((await row(g.earlier))?.lastSeq).toBe(after.length);
    // the guest is told to reload both threads
    await eventually(async () => g.heard.conversations.some((c) => c.id === g.later && c.epoch === 1));
    // and a merge is undone once
    const again = await g.admin.post(`/api/v1/conversation-merges/${mergeId}/undo`);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('merge_not_undoable');
  });

  it('carries tags: the merged request gets the union; undo gives it back exactly the tags it had', async () => {
    const org = await makeOrg(server);
    const g = await guestWithTwoRequests(org);
    const tag = async (name: string) =>
      (await g.admin.post('/api/v1/tags', { name, color: '#1e88e5' })).body.id as string;
    const [vip, towels, complaint] = [await tag('VIP'), await tag('Towels'), await tag('Complaint')];
    const put = (id: string, tagId: string) => g.agent.put(`/api/v1/conversations/${id}/tags/${tagId}`, {});
    for (const [id, tagId] of [
      [g.earlier, vip],
      [g.earlier, complaint],
      [g.later, towels],
      [g.later, complaint],
    ] as const) {
      expect((await put(id, tagId)).status).toBe(200);
    }
    const tagsOf = async (id: string) =>
      ((await g.admin.get(`/api/v1/conversations/${id}`)).body.tags as { name: string }[]).map((t) => t.name);
    const merged = await g.admin.post(`/api/v1/conversations/${g.later}/merge`, { otherConversationId: g.earlier });
    expect(merged.status, JSON.stringify(merged.body)).toBe(200);
    expect(merged.body.tags.map((t: { name: string }) => t.name)).toEqual(['Complaint', 'Towels', 'VIP']);
    // filtering the inbox by a tag of the absorbed request finds the merged one
    const byTowels = await g.admin.get(`/api/v1/conversations?status=queued&tag=${towels}`);
    expect(byTowels.body.conversations.map((c: { id: string }) => c.id)).toEqual([g.earlier]);

    const mergeId = (await g.admin.get(`/api/v1/conversations/${g.earlier}/merges`)).body.merges[0].id as string;
    expect((await g.admin.post(`/api/v1/conversation-merges/${mergeId}/undo`)).status).toBe(200);
    expect(await tagsOf(g.earlier)).toEqual(['Complaint', 'VIP']);
    expect(await tagsOf(g.later)).toEqual(['Complaint', 'Towels']);
  });

  it('can be undone for a day only: an older merge stays, and says why', async () => {
    const org = await makeOrg(server);
    const g = await guestWithTwoRequests(org);
    const merged = await g.admin.post(`/api/v1/conversations/${g.later}/merge`, { otherConversationId: g.earlier });
    expect(merged.status, JSON.stringify(merged.body)).toBe(200);
    const mergeId = (await g.admin.get(`/api/v1/conversations/${g.earlier}/merges`)).body.merges[0].id as string;
    // the merge was made a day and a minute ago
    const longAgo = new Date(Date.now() - MERGE_UNDO_HOURS * 3_600_000 - 60_000);
    await server.ctx.db.update(conversationMerges).set({ mergedAt: longAgo }).where(eq(conversationMerges.id, mergeId));

    expect((await g.admin.get(`/api/v1/conversations/${g.earlier}/merges`)).body.merges[0]).toMatchObject({
      id: mergeId,
      canUndo: false,
    });
    const undo = await g.admin.post(`/api/v1/conversation-merges/${mergeId}/undo`);
    expect(undo.status).toBe(409);
    expect(undo.body.error).toMatchObject({ code: 'merge_not_undoable', message: expect.stringContaining('24 hours') });
    // nothing moved back
    expect(await row(g.later)).toMatchObject({ mergedIntoId: g.earlier });
    expect((await threadOf(g.later)).length).toBe(0);

    // within the day it still can be
    await server.ctx.db
      .update(conversationMerges)
      .set({ mergedAt: new Date(Date.now() - (MERGE_UNDO_HOURS - 1) * 3_600_000) })
      .where(eq(conversationMerges.id, mergeId));
    expect((await g.admin.post(`/api/v1/conversation-merges/${mergeId}/undo`)).status).toBe(200);
    expect(await row(g.later)).toMatchObject({ mergedIntoId: null });
  });

  it('sync after a merge gives a reconnecting guest the whole merged thread', async () => {
    const org = await makeOrg(server);
    const g = await guestWithTwoRequests(org);
    expect(
      (await g.admin.post(`/api/v1/conversations/${g.earlier}/merge`, { otherConversationId: g.later })).status,
    ).toBe(200);
    const synced = await ask(g.socket, clientEvents.sync, { since: { [g.earlier]: 3, [g.later]: 1 } });
    expect(synced.ok).toBe(true);
    const views = synced.data.conversations as { id: string; mergedInto?: string }[];
    expect(views.find((c) => c.id === g.later)?.mergedInto).toBe(g.earlier);
    const texts = (synced.data.messages as { conversationId: string; seq: number; text: string }[]).map((m) => [
      m.conversationId,
      m.seq,
      m.text,
    ]);
    expect(texts).toEqual([
      [g.earlier, 4, 'A technician is on the way'],
      [g.earlier, 5, expect.stringContaining('resolved')],
      [g.earlier, 6, 'Now the towels are missing'],
      [g.earlier, 7, expect.stringContaining('merged')],
    ]);
  });

  it('merges a customer’s (a visitor’s) two requests in order, and an admin undoes it', async () => {
    const org = await makeOrg(server);
    const admin = await signIn(server, await makeStaff(server, org, 'admin'));
    const agent = await signIn(server, await makeStaff(server, org, 'agent', { name: 'Kasia' }));
    await server.ctx.db
      .update(organizations)
      .set({ reopenMinutes: 0, publicEntryEnabled: true })
      .where(eq(organizations.id, org.id));
    const visitorSocket = async (name: string) => {
      const visit = await new ApiClient(server.url).post(`/api/v1/guest/${org.slug}/visit`, { name, topic: 'Boiler' });
      expect(visit.status, JSON.stringify(visit.body)).toBe(200);
      return socketFor({ token: visit.body.token });
    };
    const socket = await visitorSocket('Piotr Nowak');
    const send = async (text: string, conversationId?: string) => {
      const ack = await ask(socket, clientEvents.send, { text, clientId: clientId(), conversationId });
      expect(ack.ok, JSON.stringify(ack)).toBe(true);
      return ack.data.conversation.id as string;
    };
    const earlier = await send('The boiler makes a noise');
    expect((await agent.post(`/api/v1/conversations/${earlier}/resolve`)).status).toBe(200);
    const later = await send('Now the radiator is cold');
    expect(later).not.toBe(earlier);

    const merged = await agent.post(`/api/v1/conversations/${later}/merge`, { otherConversationId: earlier });
    expect(merged.status, JSON.stringify(merged.body)).toBe(200);
    expect(merged.body).toMatchObject({ id: earlier, contact: { kind: 'visitor', name: 'Piotr Nowak' } });
    const thread = await threadOf(earlier);
    expect(thread.map((m) => m.seq)).toEqual(thread.map((_, i) => i + 1));
    expect(thread.filter((m) => !m.event).map((m) => m.body)).toEqual([
      'The boiler makes a noise',
      'Now the radiator is cold',
    ]);
    expect(await threadOf(later)).toEqual([]);

    // another visitor's request is another person's: never merged into this one
    const stranger = await visitorSocket('Anna Lis');
    const theirs = await ask(stranger, clientEvents.send, { text: 'Hello', clientId: clientId() });
    const refused = await agent.post(`/api/v1/conversations/${theirs.data.conversation.id}/merge`, {
      otherConversationId: earlier,
    });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('not_mergeable');

    const mergeId = (await admin.get(`/api/v1/conversations/${earlier}/merges`)).body.merges[0].id as string;
    expect((await agent.post(`/api/v1/conversation-merges/${mergeId}/undo`)).status).toBe(403);
    expect((await admin.post(`/api/v1/conversation-merges/${mergeId}/undo`)).status).toBe(200);
    expect(await threadOf(later)).toEqual([{ seq: 1, body: 'Now the radiator is cold', event: null }]);
    expect(await row(later)).toMatchObject({ mergedIntoId: null, status: 'queued' });
  });

  it('refuses requests of different guests, of another organization, and the same request twice', async () => {
    const org = await makeOrg(server);
    const g = await guestWithTwoRequests(org);
    const other = await guestWithTwoRequests(org);
    const differentGuests = await g.admin.post(`/api/v1/conversations/${g.later}/merge`, {
      otherConversationId: other.later,
    });
    expect(differentGuests.status).toBe(409);
    expect(differentGuests.body.error.code).toBe('not_mergeable');
    const itself = await g.admin.post(`/api/v1/conversations/${g.later}/merge`, { otherConversationId: g.later });
    expect(itself.body.error.code).toBe('not_mergeable');

    const elsewhere = await guestWithTwoRequests(await makeOrg(server));
    const foreign = await g.admin.post(`/api/v1/conversations/${g.later}/merge`, {
      otherConversationId: elsewhere.earlier,
    });
    expect(foreign.status).toBe(404);
    expect(await threadOf(elsewhere.earlier)).toHaveLength(5);
    expect(await threadOf(g.later)).toHaveLength(1);
  });
});
