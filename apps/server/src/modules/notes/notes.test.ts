import { clientEvents, serverEvents } from '@frontdesk/protocol';
import { and, eq } from 'drizzle-orm';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../../test/client.js';
import { makeGuest, makeOrg, makeStaff, signInWithToken, type TestOrg } from '../../../test/factories.js';
import { startTestServer, type TestServer, uniqueSuffix } from '../../../test/harness.js';
import { ask, connect, eventually, nextEvent, socketsClosedAfterEach, until } from '../../../test/sockets.js';
import { conversations, domainEvents } from '../../db/schema.js';
import { readLog } from '../../platform/outbox/read.js';
import { mentionedIn } from './mentions.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

const socketFor = socketsClosedAfterEach(() => server.url);
const clientId = () => `n-${uniqueSuffix()}`;

/** Every server → client event a socket hears, for "heard nothing of it" checks. */
function recorder(socket: Socket) {
  const heard: { event: string; payload: unknown }[] = [];
  socket.onAny((event: string, payload: unknown) => heard.push({ event, payload }));
  return heard;
}

interface Desk {
  id: string;
  name: string;
  api: ApiClient;
  socket: Socket;
}

async function deskOf(org: TestOrg, role: 'admin' | 'agent', name: string): Promise<Desk> {
  const user = await makeStaff(server, org, role, { name });
  const api = await signInWithToken(server, user);
  return { id: user.id, name, api, socket: await socketFor({ token: api.token }) };
}

/** A guest of a new room with a socket who has written their first message. */
async function request(org: TestOrg, text = 'The shower is cold') {
  const guest = await makeGuest(server, org, { name: 'Jan Kowalski', room: `R${uniqueSuffix()}` });
  const socket = await socketFor({ token: guest.token });
  const first = await ask(socket, clientEvents.send, { text, clientId: clientId() });
  expect(first.ok, JSON.stringify(first)).toBe(true);
  return { guest, socket, id: first.data.conversation.id as string };
}

describe('mentions in a note', () => {
  it('finds @Full Name case-insensitively, longest names first, each once, not inside a longer word', () => {
    const people = [
      { id: '1', name: 'Anna' },
      { id: '2', name: 'Anna Nowak' },
      { id: '3', name: 'Olek' },
      { id: '4', name: 'Ola' },
    ];
    expect(mentionedIn('@anna nowak please check, and @Anna too', people).map((p) => p.id)).toEqual(['2', '1']);
    expect(mentionedIn('ask @Olek, then @olek again', people).map((p) => p.id)).toEqual(['3']);
    expect(mentionedIn('@Olaf is nobody; mail me@ola.example', people).map((p) => p.id)).toEqual([]);
    expect(mentionedIn('no mention of Anna here', people)).toEqual([]);
  });
});

describe('internal notes', () => {
  it('never reach the guest: not live, not in sync after reconnecting, not in REST history or lists; the guest’s sequence has no gap', async () => {
    const org = await makeOrg(server);
    const agent = await deskOf(org, 'agent', 'Sara Agent');
    const { guest, socket: guestSocket, id } = await request(org);
    const guestHeard = recorder(guestSocket);
    const secret = `Guest complained twice already ${uniqueSuffix()}`;

    const staffGot = nextEvent(agent.socket, serverEvents.note);
    const created = await agent.api.post(`/api/v1/conversations/${id}/notes`, { clientId: clientId(), text: secret });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({
      conversationId: id,
      afterSeq: 1,
      text: secret,
      author: { id: agent.id, name: 'Sara Agent' },
      mentioned: [],
    });
    // the desk hears it live
    expect((await staffGot).note).toMatchObject({ id: created.body.id, text: secret });

    // the staff reply after the note takes the request (seq 2) and is seq 3: the note took no number
    const reply = await ask(agent.socket, clientEvents.send, {
      conversationId: id,
      text: 'On my way',
      clientId: clientId(),
    });
    expect(reply.ok, JSON.stringify(reply)).toBe(true);
    expect(reply.data.message.seq).toBe(3);
    await until(() => JSON.stringify(guestHeard).includes('On my way'));

    // the guest's socket heard the reply, nothing of the note
    expect(JSON.stringify(guestHeard)).not.toContain(secret);
    expect(guestHeard.map((h) => h.event)).not.toContain(serverEvents.note);

    // reconnecting: sync from nothing gives seq 1 to 3, without a gap and without the note
    guestSocket.close();
    const again = await connect(server.url, { token: guest.token });
    try {
      const synced = await ask(again, clientEvents.sync, { since: {} });
      expect(synced.ok).toBe(true);
      expect(synced.data.messages.map((m: { seq: number }) => m.seq)).toEqual([1, 2, 3]);
      expect(JSON.stringify(synced.data)).not.toContain(secret);
      const after1 = await ask(again, clientEvents.sync, { since: { [id]: 1 } });
      expect(after1.data.messages.map((m: { seq: number }) => m.seq)).toEqual([2, 3]);
    } finally {
      again.close();
    }

    // REST: the guest's history and list know nothing of it
    const guestApi = new ApiClient(server.url);
    guestApi.token = guest.token;
    const history = await guestApi.get(`/api/v1/guest/conversations/${id}/messages`);
    expect(history.status).toBe(200);
    expect(history.body.messages.map((m: { seq: number }) => m.seq)).toEqual([1, 2, 3]);
    expect(JSON.stringify(history.body)).not.toContain(secret);
    const list = await guestApi.get('/api/v1/guest/conversations');
    expect(JSON.stringify(list.body)).not.toContain(secret);
    // the guest cannot ask for the notes
    expect((await guestApi.get(`/api/v1/conversations/${id}/notes`)).status).toBe(401);

    // the staff history is the messages alone too; notes are their own list
    const staffHistory = await agent.api.get(`/api/v1/conversations/${id}/messages`);
    expect(JSON.stringify(staffHistory.body)).not.toContain(secret);
    const notes = await agent.api.get(`/api/v1/conversations/${id}/notes`);
    expect(notes.body.notes.map((n: { text: string }) => n.text)).toEqual([secret]);

    // durable consumers (webhooks, e-mail, exports to come) read no note text from the event log
    const log = await readLog(
      server.ctx.db,
      { xid: 0, source: 0, stream: '', position: 0 },
      ['message.created', 'note.created'],
      100_000,
    );
    const ours = log.events.filter((e) => JSON.stringify(e.event).includes(id));
    expect(ours.map((e) => e.event.type)).toContain('note.created');
    expect(JSON.stringify(ours)).not.toContain(secret);
  });

  it('is no reply: the guest still waits, nobody’s unread count moves, the preview stays', async () => {
    const org = await makeOrg(server);
    const agent = await deskOf(org, 'agent', 'Sara Agent');
    const { id } = await request(org, 'Where is breakfast?');
    const read = async () => (await server.ctx.db.select().from(conversations).where(eq(conversations.id, id)))[0];
    const before = await read();
    expect(before?.awaitingSince).not.toBeNull();
    const created = await agent.api.post(`/api/v1/conversations/${id}/notes`, {
      clientId: clientId(),
      text: 'Checking with the kitchen',
    });
    expect(created.status).toBe(201);
    const after = await read();
    expect(after).toMatchObject({
      lastSeq: before?.lastSeq,
      awaitingSince: before?.awaitingSince,
      firstResponseAt: null,
      guestUnread: before?.guestUnread,
      staffUnread: before?.staffUnread,
      preview: 'Where is breakfast?',
      lastMessageAt: before?.lastMessageAt,
      status: 'queued',
    });
  });

  it('a retry with the same client id is stored once', async () => {
    const org = await makeOrg(server);
    const agent = await deskOf(org, 'agent', 'Sara Agent');
    const { id } = await request(org);
    const body = { clientId: clientId(), text: 'Once only' };
    const first = await agent.api.post(`/api/v1/conversations/${id}/notes`, body);
    const second = await agent.api.post(`/api/v1/conversations/${id}/notes`, body);
    expect(first.status).toBe(201);
    expect(second.status).toBe(200);
    expect(second.body.id).toBe(first.body.id);
    expect((await agent.api.get(`/api/v1/conversations/${id}/notes`)).body.notes).toHaveLength(1);
  });

  it('under team visibility reach only the staff who see the conversation; others get 404 and cannot be mentioned', async () => {
    const org = await makeOrg(server);
    const ada = await deskOf(org, 'admin', 'Ada Admin');
    const sara = await deskOf(org, 'agent', 'Sara Spa');
    const olek = await deskOf(org, 'agent', 'Olek Front');
    const spa = (await ada.api.post('/api/v1/teams', { name: 'Spa', description: '' })).body.id;
    expect((await ada.api.put(`/api/v1/teams/${spa}/members/${sara.id}`, {})).status).toBe(200);
    await ada.api.post('/api/v1/routing-rules', { name: 'Spa', teamId: spa, conditions: { keywords: ['massage'] } });
    expect((await ada.api.patch('/api/v1/organization', { conversationVisibility: 'team' })).status).toBe(200);
    // the sockets join their rooms as of connecting: reconnect after the setting changed
    for (const d of [ada, sara, olek]) {
      d.socket.close();
      d.socket = await socketFor({ token: d.api.token });
    }
    const olekHeard = recorder(olek.socket);
    const { id } = await request(org, 'A massage tonight, please');
    const secret = `VIP, comp the massage ${uniqueSuffix()}`;
    const [adaGot, saraGot] = [nextEvent(ada.socket, serverEvents.note), nextEvent(sara.socket, serverEvents.note)];
    const created = await sara.api.post(`/api/v1/conversations/${id}/notes`, {
      clientId: clientId(),
      text: `${secret} @Ada Admin @Olek Front`,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    // Olek does not see the spa's request: not mentioned, not told
    expect(created.body.mentioned).toEqual([{ id: ada.id, name: 'Ada Admin' }]);
    await Promise.all([adaGot, saraGot]);
    expect((await olek.api.get(`/api/v1/conversations/${id}/notes`)).status).toBe(404);
    expect(
      (await olek.api.post(`/api/v1/conversations/${id}/notes`, { clientId: clientId(), text: 'hi' })).status,
    ).toBe(404);
    expect((await olek.api.get('/api/v1/me/mentions')).body.mentions).toEqual([]);
    // an event Olek might hear would have come with Ada's and Sara's
    await new Promise((r) => setTimeout(r, 200));
    expect(JSON.stringify(olekHeard)).not.toContain(secret);
  });

  it('refuses field staff, another organization and a missing conversation', async () => {
    const org = await makeOrg(server);
    const other = await makeOrg(server);
    const { id } = await request(org);
    const field = await signInWithToken(server, await makeStaff(server, org, 'field'));
    const foreign = await signInWithToken(server, await makeStaff(server, other, 'admin'));
    const body = { clientId: clientId(), text: 'Hello' };
    expect((await field.post(`/api/v1/conversations/${id}/notes`, body)).status).toBe(403);
    expect((await foreign.post(`/api/v1/conversations/${id}/notes`, body)).status).toBe(404);
    expect((await foreign.get(`/api/v1/conversations/${id}/notes`)).status).toBe(404);
    const admin = await signInWithToken(server, await makeStaff(server, org, 'admin'));
    expect((await admin.post(`/api/v1/conversations/${crypto.randomUUID()}/notes`, body)).status).toBe(404);
    expect((await admin.post(`/api/v1/conversations/${id}/notes`, { clientId: clientId(), text: '   ' })).status).toBe(
      400,
    );
  });
});

describe('mentions', () => {
  it('tell the mentioned colleague live, list newest first with conversation and snippet, and mark read', async () => {
    const org = await makeOrg(server);
    const sara = await deskOf(org, 'agent', 'Sara Agent');
    const olek = await deskOf(org, 'agent', 'Olek Nowak');
    const ada = await deskOf(org, 'admin', 'Ada Admin');
    const { id } = await request(org);
    const olekGot = nextEvent(olek.socket, serverEvents.mention);
    const adaHeard = recorder(ada.socket);
    const first = await sara.api.post(`/api/v1/conversations/${id}/notes`, {
      clientId: clientId(),
      text: '@Olek Nowak can you bring towels to this guest?',
    });
    expect(first.status).toBe(201);
    const notice = await olekGot;
    expect(notice).toMatchObject({
      unread: 1,
      mention: {
        conversationId: id,
        noteId: first.body.id,
        by: { id: sara.id, name: 'Sara Agent' },
        snippet: '@Olek Nowak can you bring towels to this guest?',
        contactName: 'Jan Kowalski',
        roomNumber: expect.any(String),
        read: false,
      },
    });
    const second = await sara.api.post(`/api/v1/conversations/${id}/notes`, {
      clientId: clientId(),
      text: `@olek nowak also ${'x'.repeat(300)}`,
    });
    expect(second.status).toBe(201);

    await eventually(async () => (await olek.api.get('/api/v1/me/mentions')).body.unread === 2);
    const page1 = await olek.api.get('/api/v1/me/mentions?limit=1');
    expect(page1.body.mentions).toHaveLength(1);
    expect(page1.body.mentions[0].noteId).toBe(second.body.id);
    expect(page1.body.mentions[0].snippet.length).toBeLessThanOrEqual(140);
    expect(page1.body.nextBefore).toEqual(expect.any(String));
    const page2 = await olek.api.get(`/api/v1/me/mentions?limit=1&before=${encodeURIComponent(page1.body.nextBefore)}`);
    expect(page2.body.mentions.map((m: { noteId: string }) => m.noteId)).toEqual([first.body.id]);
    expect(page2.body.nextBefore).toBeNull();
    // a date PostgreSQL cannot store (no year 0; past 9999 once in UTC) is bad input, not a failed query
    for (const before of ['0000-01-01T00:00:00Z', '0001-01-01T00:00:00+01:00', '9999-12-31T23:30:00-01:00']) {
      const refused = await olek.api.get(`/api/v1/me/mentions?before=${encodeURIComponent(before)}`);
      expect(refused.status, before).toBe(400);
      expect(refused.body.error).toMatchObject({ code: 'validation_failed' });
    }
    expect((await olek.api.get('/api/v1/me/mentions?before=0001-01-01T00:00:00Z')).body.mentions).toEqual([]);

    // only Olek was mentioned: nobody else has mentions, Ada heard no mention event
    expect((await sara.api.get('/api/v1/me/mentions')).body).toMatchObject({ mentions: [], unread: 0 });
    expect((await ada.api.get('/api/v1/me/mentions')).body).toMatchObject({ mentions: [], unread: 0 });
    expect(adaHeard.map((h) => h.event)).not.toContain(serverEvents.mention);

    // marking one read leaves one; marking Olek's mention as Sara changes nothing
    const mentionId = page1.body.mentions[0].id;
    expect((await sara.api.post('/api/v1/me/mentions/read', { ids: [mentionId] })).body).toEqual({ unread: 0 });
    expect((await olek.api.get('/api/v1/me/mentions')).body.unread).toBe(2);
    expect((await olek.api.post('/api/v1/me/mentions/read', { ids: [mentionId] })).body).toEqual({ unread: 1 });
    expect(
      (await olek.api.get('/api/v1/me/mentions?unread=true')).body.mentions.map((m: { id: string }) => m.id),
    ).not.toContain(mentionId);
    expect((await olek.api.post('/api/v1/me/mentions/read', {})).body).toEqual({ unread: 0 });

    // recorded as domain events in the note's transaction
    const events = await server.ctx.db
      .select({ type: domainEvents.type, data: domainEvents.data })
      .from(domainEvents)
      .where(and(eq(domainEvents.orgId, org.id), eq(domainEvents.type, 'staff.mentioned')));
    expect(events).toHaveLength(2);
    expect(events[0]?.data).toMatchObject({ userId: olek.id, conversationId: id, byUserId: sara.id });
  });
});
