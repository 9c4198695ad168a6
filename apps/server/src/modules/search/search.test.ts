import { clientEvents } from '@frontdesk/protocol';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../../test/client.js';
import { makeGuest, makeOrg, makeStaff, signInWithToken, type TestOrg } from '../../../test/factories.js';
import { startTestServer, type TestServer, uniqueSuffix } from '../../../test/harness.js';
import { ask, eventually, socketsClosedAfterEach } from '../../../test/sockets.js';
import { messageSearch, stayGuests } from '../../db/schema.js';
import { rebuildSearchIndex } from './indexer.js';
import { snippetParts } from './present.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

const socketFor = socketsClosedAfterEach(() => server.url);

/** A guest (of a new room) who writes `texts` into one request; its id and the room. */
async function guestWriting(org: TestOrg, texts: string[], opts: { name?: string; language?: string } = {}) {
  const room = `R${uniqueSuffix()}`;
  const guest = await makeGuest(server, org, { name: opts.name ?? 'Jan Kowalski', room });
  if (opts.language) {
    await server.ctx.db.update(stayGuests).set({ language: opts.language }).where(eq(stayGuests.id, guest.guestId));
  }
  const socket = await socketFor({ token: guest.token });
  let id: string | undefined;
  for (const text of texts) {
    const ack = await ask(socket, clientEvents.send, { text, clientId: `s-${uniqueSuffix()}`, conversationId: id });
    expect(ack.ok, JSON.stringify(ack)).toBe(true);
    id = ack.data.conversation.id as string;
  }
  return { id: id as string, room };
}

const found = async (api: ApiClient, query: string) => {
  const res = await api.get(`/api/v1/search?${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as {
    messages: {
      seq: number;
      snippet: { text: string; hit: boolean }[];
      conversation: { id: string; contactName: string };
    }[];
    conversations: { id: string; matched: string }[];
  };
};
const textOf = (parts: { text: string }[]) => parts.map((p) => p.text).join('');

describe('search', () => {
  it('finds messages by their stems, phrases and filters, newest first, with marked plain-text snippets and the seq to jump to', async () => {
    const org = await makeOrg(server);
    const admin = await signInWithToken(server, await makeStaff(server, org, 'admin'));
    const a = await guestWriting(org, ['Hello', 'The showers in <b>my</b> room are cold']);
    const b = await guestWriting(org, ['Die Duschen sind kalt'], { language: 'de', name: 'Hans Müller' });
    const c = await guestWriting(org, ['Breakfast was cold']);
    await eventually(async () => (await found(admin, 'q=cold')).messages.length === 2);

    const shower = await found(admin, 'q=shower');
    expect(shower.messages).toHaveLength(1);
    expect(shower.messages[0]).toMatchObject({ seq: 2, conversation: { id: a.id, contactName: 'Jan Kowalski' } });
    // the writer's "<b>" is text, never markup; the hit is a part of its own
    expect(textOf(shower.messages[0]?.snippet ?? [])).toContain('showers in <b>my</b> room are cold');
    expect(shower.messages[0]?.snippet.filter((p) => p.hit).map((p) => p.text)).toEqual(['showers']);

    // German stems for a German guest: "Dusche" finds "Duschen"
    expect((await found(admin, 'q=Dusche')).messages.map((m) => m.conversation.id)).toEqual([b.id]);
    // a phrase, and a word left out
    expect((await found(admin, `q=${encodeURIComponent('"breakfast was cold"')}`)).messages).toHaveLength(1);
    expect(
      (await found(admin, `q=${encodeURIComponent('cold -breakfast')}`)).messages.map((m) => m.conversation.id),
    ).toEqual([a.id]);
    // newest first
    expect((await found(admin, 'q=cold')).messages.map((m) => m.conversation.id)).toEqual([c.id, a.id]);

    // filters: status, tag, dates
    expect((await admin.post(`/api/v1/conversations/${c.id}/resolve`)).status).toBe(200);
    expect((await found(admin, 'q=cold&status=resolved')).messages.map((m) => m.conversation.id)).toEqual([c.id]);
    const tag = (await admin.post('/api/v1/tags', { name: 'Plumbing', color: '#1565c0' })).body.id as string;
    await admin.put(`/api/v1/conversations/${a.id}/tags/${tag}`, {});
    expect((await found(admin, `q=cold&tagId=${tag}`)).messages.map((m) => m.conversation.id)).toEqual([a.id]);
    const future = new Date(Date.now() + 3_600_000).toISOString();
    expect((await found(admin, `q=cold&from=${encodeURIComponent(future)}`)).messages).toEqual([]);

    // conversations by the guest's name, the room and a tag
    expect((await found(admin, 'q=Müller')).conversations).toEqual([
      expect.objectContaining({ id: b.id, matched: 'contact' }),
    ]);
    expect((await found(admin, `q=${a.room}`)).conversations).toEqual([
      expect.objectContaining({ id: a.id, matched: 'room' }),
    ]);
    expect((await found(admin, 'q=plumbing')).conversations).toEqual([
      expect.objectContaining({ id: a.id, matched: 'tag' }),
    ]);
  });

  it('never shows another organization’s or a hidden team’s conversations; field staff and guests cannot search', async () => {
    const org = await makeOrg(server);
    const admin = await signInWithToken(server, await makeStaff(server, org, 'admin'));
    const spa = (await admin.post('/api/v1/teams', { name: 'Spa', description: '' })).body.id as string;
    await admin.post('/api/v1/routing-rules', { name: 'Spa', teamId: spa, conditions: { keywords: ['massage'] } });
    expect((await admin.patch('/api/v1/organization', { conversationVisibility: 'team' })).status).toBe(200);
    const word = `zebra${uniqueSuffix()}`.replace(/[^a-z0-9]/gi, '');
    const hidden = await guestWriting(org, [`A massage and a ${word} please`]);
    const open = await guestWriting(org, [`Just a ${word}`]);
    const other = await makeOrg(server);
    await guestWriting(other, [`A ${word} elsewhere`]);
    const foreignAdmin = await signInWithToken(server, await makeStaff(server, other, 'admin'));
    await eventually(async () => (await found(admin, `q=${word}`)).messages.length === 2);

    const outsider = await signInWithToken(server, await makeStaff(server, org, 'agent'));
    expect((await found(outsider, `q=${word}`)).messages.map((m) => m.conversation.id)).toEqual([open.id]);
    expect((await found(outsider, 'q=massage')).messages).toEqual([]);
    expect((await found(admin, `q=${word}`)).messages.map((m) => m.conversation.id).sort()).toEqual(
      [hidden.id, open.id].sort(),
    );
    const foreign = await found(foreignAdmin, `q=${word}`);
    expect(foreign.messages).toHaveLength(1);
    expect(JSON.stringify(foreign)).not.toContain(open.id);
    const field = await signInWithToken(server, await makeStaff(server, org, 'field'));
    expect((await field.get(`/api/v1/search?q=${word}`)).status).toBe(403);
    expect((await admin.get('/api/v1/search?q=')).status).toBe(400);
  });

  it('rebuilds the index from the messages', async () => {
    const org = await makeOrg(server);
    const admin = await signInWithToken(server, await makeStaff(server, org, 'admin'));
    await guestWriting(org, ['The minibar is empty']);
    await eventually(async () => (await found(admin, 'q=minibar')).messages.length === 1);
    await server.ctx.db.delete(messageSearch).where(eq(messageSearch.orgId, org.id));
    expect((await found(admin, 'q=minibar')).messages).toEqual([]);
    await rebuildSearchIndex(server.ctx.db, org.id);
    expect((await found(admin, 'q=minibar')).messages).toHaveLength(1);
  });

  it('turns marked snippets into plain parts', () => {
    expect(snippetParts('a \u0001b\u0002 \u0003i>c')).toEqual([
      { text: 'a ', hit: false },
      { text: 'b', hit: true },
      { text: ' <i>c', hit: false },
    ]);
  });
});
