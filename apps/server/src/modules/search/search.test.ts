import { clientEvents } from '@frontdesk/protocol';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../../test/client.js';
import { makeGuest, makeOrg, makeStaff, signInWithToken, type TestOrg } from '../../../test/factories.js';
import { startTestServer, type TestServer, uniqueSuffix } from '../../../test/harness.js';
import { ask, eventually, socketsClosedAfterEach } from '../../../test/sockets.js';
import { messageSearch, stayGuests } from '../../db/schema.js';
import { indexMessages, rebuildSearchIndex } from './indexer.js';
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
const idsOf = (result: unknown) => (result as { rows: { id: string }[] }).rows.map((r) => r.id);
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

    // filters: team and assignee
    const kitchen = (await admin.post('/api/v1/teams', { name: 'Kitchen', description: '' })).body.id as string;
    const olek = await makeStaff(server, org, 'agent', { name: 'Olek' });
    const toKitchen = await admin.post(`/api/v1/conversations/${c.id}/transfer`, { userId: null, teamId: kitchen });
    expect(toKitchen.status, JSON.stringify(toKitchen.body)).toBe(200);
    const toOlek = await admin.post(`/api/v1/conversations/${a.id}/transfer`, { userId: olek.id });
    expect(toOlek.status, JSON.stringify(toOlek.body)).toBe(200);
    expect((await found(admin, `q=cold&teamId=${kitchen}`)).messages.map((m) => m.conversation.id)).toEqual([c.id]);
    expect((await found(admin, `q=cold&assigneeId=${olek.id}`)).messages.map((m) => m.conversation.id)).toEqual([a.id]);
    expect((await found(admin, `q=cold&teamId=${kitchen}&assigneeId=${olek.id}`)).messages).toEqual([]);

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

  it('finds a visitor’s request by the name they gave at the public entry, never another organization’s namesake', async () => {
    const name = `Zofia ${`Wrzos${uniqueSuffix()}`.replace(/[^a-z]/gi, '')}`;
    const visiting = async (org: TestOrg) => {
      const admin = await signInWithToken(server, await makeStaff(server, org, 'admin'));
      expect((await admin.patch('/api/v1/organization', { publicEntryEnabled: true })).status).toBe(200);
      const entry = await new ApiClient(server.url).post(`/api/v1/guest/${org.slug}/visit`, {
        name,
        topic: 'A table for four tonight?',
      });
      expect(entry.status, JSON.stringify(entry.body)).toBe(200);
      const socket = await socketFor({ token: entry.body.token });
      const ack = await ask(socket, clientEvents.send, {
        text: 'A table for four tonight?',
        clientId: `v-${uniqueSuffix()}`,
      });
      expect(ack.ok, JSON.stringify(ack)).toBe(true);
      return { admin, id: ack.data.conversation.id as string };
    };
    const ours = await visiting(await makeOrg(server));
    const theirs = await visiting(await makeOrg(server));
    const surname = name.split(' ')[1] as string;

    for (const q of [surname, name, surname.slice(0, 5).toLowerCase()]) {
      const result = await found(ours.admin, `q=${encodeURIComponent(q)}`);
      expect(result.conversations, q).toEqual([expect.objectContaining({ id: ours.id, matched: 'contact' })]);
      expect(JSON.stringify(result)).not.toContain(theirs.id);
    }
    // the other hotel finds its own visitor, and only that one
    expect((await found(theirs.admin, `q=${surname}`)).conversations.map((c) => c.id)).toEqual([theirs.id]);
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

  it('finds a common word’s newest hits of a team among more requests than the first read takes, older ones behind them, and a rare word’s', async () => {
    const org = await makeOrg(server);
    const admin = await signInWithToken(server, await makeStaff(server, org, 'admin'));
    const team = (await admin.post('/api/v1/teams', { name: 'Night', description: '' })).body.id as string;
    expect((await admin.patch('/api/v1/organization', { conversationVisibility: 'team' })).status).toBe(200);
    const agent = await makeStaff(server, org, 'agent');
    expect((await admin.put(`/api/v1/teams/${team}/members/${agent.id}`, {})).status).toBeLessThan(300);
    const { guestId, stayId } = await makeGuest(server, org);
    // 1,200 resolved requests of the team, an hour apart (more hits of "towels" than a rare word
    // has, more requests than the first read takes); the oldest five also say "chandelier"; the
    // other requests, of no team, are newer than all of them
    const { db } = server.ctx;
    const rows = await db.execute(sql`
      with c as (
        insert into conversations (org_id, stay_id, guest_id, status, team_id, last_seq, last_message_at, created_at)
        select ${org.id}, ${stayId}, ${guestId}, 'resolved', ${team}, 1, now() - (n || ' hours')::interval,
          now() - (n || ' hours')::interval
        from generate_series(1, 1200) n returning id, last_message_at
      )
      insert into messages (org_id, conversation_id, seq, sender_type, sender_key, client_id, body, created_at)
      select ${org.id}, c.id, 1, 'guest', 'search-test:' || c.id, 'm1',
        case when c.last_message_at < now() - interval '1195 hours' then 'towels and a chandelier' else 'towels please' end,
        c.last_message_at
      from c returning id`);
    await db.execute(sql`
      insert into conversations (org_id, stay_id, guest_id, status, last_seq, last_message_at, created_at)
      select ${org.id}, ${stayId}, ${guestId}, 'resolved', 0, now(), now() from generate_series(1, 5)`);
    await indexMessages(db, idsOf(rows));
    const agentApi = await signInWithToken(server, agent);
    const newestOfTeam = async (before: string) =>
      idsOf(
        await db.execute(
          sql`select id from conversations where team_id = ${team} and last_message_at < ${before}::timestamptz order by last_message_at desc limit 20`,
        ),
      );

    // among the latest 200 requests of the team
    const common = await found(agentApi, 'q=towels');
    expect(common.messages.map((m) => m.conversation.id)).toEqual(await newestOfTeam(new Date().toISOString()));
    // before all of those: walking back
    const before = new Date(Date.now() - 1_000 * 3_600_000).toISOString();
    const older = await found(agentApi, `q=towels&to=${encodeURIComponent(before)}`);
    expect(older.messages.map((m) => m.conversation.id)).toEqual(await newestOfTeam(before));
    // a rare word by its hits
    expect((await found(agentApi, 'q=chandelier')).messages).toHaveLength(5);
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
