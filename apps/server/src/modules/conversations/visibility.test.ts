import { clientEvents, serverEvents } from '@frontdesk/protocol';
import { eq } from 'drizzle-orm';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../../test/client.js';
import {
  makeConversation,
  makeGuest,
  makeOrg,
  makeStaff,
  makeStay,
  signInWithToken,
  type TestOrg,
} from '../../../test/factories.js';
import { startTestServer, type TestServer, uniqueSuffix, usingPostgres } from '../../../test/harness.js';
import { pdfTextLines } from '../../../test/qr-decode.js';
import { ask, connect, eventually, nextEvent, socketsClosedAfterEach } from '../../../test/sockets.js';
import { conversations, messages, stayGuests, teamMembers, teams, visitors } from '../../db/schema.js';
import { type StaffActor, senderKeyOf } from '../../platform/actor.js';
import { sendAsStaffInOneStatement } from './send-in-one-statement.js';

/** The tests poll resync to see when a socket has followed a change: lift its budget (10 per 10 s). */
const pollingSync = { CHAT_EVENT_LIMITS: JSON.stringify({ sync: { perSocket: 100_000, perSender: 100_000 } }) };

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({}, pollingSync);
});
afterAll(() => server?.close());

const socketFor = socketsClosedAfterEach(() => server.url);

/** Every server → client event a socket hears, with its payload, for "heard nothing of it" checks. */
function recorder(socket: Socket) {
  const heard: { event: string; payload: unknown }[] = [];
  socket.onAny((event: string, payload: unknown) => heard.push({ event, payload }));
  return {
    heard,
    /** What it heard that names the conversation. */
    about: (conversationId: string) => heard.filter((h) => JSON.stringify(h.payload).includes(conversationId)),
  };
}

/** Polls an async check until it holds (for what the gateway does right after a commit). */

interface Desk {
  id: string;
  api: ApiClient;
  socket: Socket;
}
type Account = Omit<Desk, 'socket'>;

/**
 * A hotel that shows each agent their team's requests only: Ada (admin), Sara (agent, in the Spa
 * team) and Olek (agent, in Front office), each with an open socket; a routing rule sends "massage"
 * requests to the Spa.
 */
async function hotel() {
  const org = await makeOrg(server);
  const account = async (role: 'admin' | 'agent', name: string): Promise<Account> => {
    const user = await makeStaff(server, org, role, { name });
    return { id: user.id, api: await signInWithToken(server, user) };
  };
  const [ada, sara, olek] = [
    await account('admin', 'Ada'),
    await account('agent', 'Sara'),
    await account('agent', 'Olek'),
  ];
  const team = async (name: string, member: Account) => {
    const created = await ada.api.post('/api/v1/teams', { name, description: '' });
    expect(created.status).toBe(201);
    const added = await ada.api.put(`/api/v1/teams/${created.body.id}/members/${member.id}`, {});
    expect(added.status).toBe(200);
    return created.body.id as string;
  };
  const spa = await team('Spa', sara);
  const front = await team('Front office', olek);
  const rule = await ada.api.post('/api/v1/routing-rules', {
    name: 'Massages to the spa',
    teamId: spa,
    conditions: { keywords: ['massage'] },
  });
  expect(rule.status).toBe(201);
  const setting = await ada.api.patch('/api/v1/organization', { conversationVisibility: 'team' });
  expect(setting.status).toBe(200);
  expect(setting.body.conversationVisibility).toBe('team');
  const withSocket = async (who: Account): Promise<Desk> => ({
    ...who,
    socket: await socketFor({ token: who.api.token }),
  });
  return { org, ada: await withSocket(ada), sara: await withSocket(sara), olek: await withSocket(olek), spa, front };
}

const sync = async (who: Desk, since: Record<string, number>) => {
  const res = await ask(who.socket, clientEvents.sync, { since });
  expect(res.ok, JSON.stringify(res)).toBe(true);
  return res.data as { conversations: { id: string }[] };
};
const sees = async (who: Desk, id: string) => (await sync(who, { [id]: 0 })).conversations.some((c) => c.id === id);

/** A guest of a new room in `org` with a socket, who writes `text` as their first message: the request. */
async function request(org: TestOrg, text: string) {
  const guest = await makeGuest(server, org, { name: 'Jan', room: `R${uniqueSuffix()}` });
  const socket = await socketFor({ token: guest.token });
  const first = await ask(socket, clientEvents.send, { text, clientId: `first-${uniqueSuffix()}` });
  expect(first.ok, JSON.stringify(first)).toBe(true);
  return { guest, socket, id: first.data.conversation.id as string };
}

const clientId = () => `c-${uniqueSuffix()}`;

describe('team visibility: agents see their teams’ requests, admins all', () => {
  it('hides a request of another team from an agent everywhere: every endpoint and socket event is 404, lists, counts and sync leave it out, and no socket tells them of it', async () => {
    const { org, ada, sara, olek } = await hotel();
    const olekHeard = recorder(olek.socket);
    const saraGotIt = nextEvent(sara.socket, serverEvents.message);
    const adaGotIt = nextEvent(ada.socket, serverEvents.message);
    const { id, guest, socket: guestSocket } = await request(org, 'Could I book a massage for tonight?');
    const [toSara, toAda] = await Promise.all([saraGotIt, adaGotIt]);
    expect(toSara.conversation).toMatchObject({ id, team: { name: 'Spa' } });
    expect(toAda.conversation.id).toBe(id);

    // REST: every conversation endpoint answers as if it did not exist
    const notFound = { error: { code: 'not_found', message: expect.any(String) } };
    const refusals = [
      await olek.api.get(`/api/v1/conversations/${id}`),
      await olek.api.get(`/api/v1/conversations/${id}/messages`),
      await olek.api.post(`/api/v1/conversations/${id}/take`),
      await olek.api.post(`/api/v1/conversations/${id}/resolve`),
      await olek.api.post(`/api/v1/conversations/${id}/assign`, { userId: olek.id }),
      await olek.api.put(`/api/v1/conversations/${id}/priority`, { priority: 'urgent' }),
    ];
    for (const res of refusals) {
      expect(res.status, JSON.stringify(res.body)).toBe(404);
      expect(res.body).toEqual(notFound);
    }
    // lists and counts leave it out; the same lists show it to its team and to the admin
    const inbox = async (who: Desk) => (await who.api.get('/api/v1/conversations?status=queued')).body;
    const [olekInbox, saraInbox, adaInbox] = [await inbox(olek), await inbox(sara), await inbox(ada)];
    expect(olekInbox.conversations.map((c: { id: string }) => c.id)).not.toContain(id);
    expect(olekInbox.counts.queued).toBe(0);
    expect(saraInbox.conversations.map((c: { id: string }) => c.id)).toContain(id);
    expect(saraInbox.counts.queued).toBe(1);
    expect(adaInbox.counts.queued).toBe(1);
    const ofStay = await olek.api.get(`/api/v1/stays/${guest.stayId}/conversations`);
    expect(ofStay.status).toBe(200);
    expect(ofStay.body).toEqual([]);
    expect((await olek.api.get(`/api/v1/stays/${guest.stayId}`)).body.liveConversations).toBe(0);
    expect((await sara.api.get(`/api/v1/stays/${guest.stayId}`)).body.liveConversations).toBe(1);
    expect((await sara.api.get(`/api/v1/conversations/${id}`)).status).toBe(200);
    expect((await ada.api.get(`/api/v1/conversations/${id}/messages`)).status).toBe(200);

    // sockets: every event about it is refused as not found, and resync leaves it out
    for (const [event, payload] of [
      [clientEvents.send, { conversationId: id, text: 'Hello from Olek', clientId: clientId() }],
      [clientEvents.take, { conversationId: id }],
      [clientEvents.assign, { conversationId: id, userId: olek.id }],
      [clientEvents.resolve, { conversationId: id }],
      [clientEvents.delivered, { conversationId: id, seq: 1 }],
      [clientEvents.read, { conversationId: id, seq: 1 }],
      [clientEvents.typing, { conversationId: id, typing: true }],
      [clientEvents.viewing, { conversationId: id, viewing: true }],
    ] as const) {
      const res = await ask(olek.socket, event, payload);
      expect(res, event).toMatchObject({ ok: false, error: { code: 'not_found' } });
    }
    expect(await sees(olek, id)).toBe(false);

    // its team works it: Sara takes it, types, answers and reads; the guest writes back
    const taken = await ask(sara.socket, clientEvents.take, { conversationId: id });
    expect(taken.ok, JSON.stringify(taken)).toBe(true);
    await ask(sara.socket, clientEvents.typing, { conversationId: id, typing: true });
    const answer = await ask(sara.socket, clientEvents.send, {
      conversationId: id,
      text: 'Of course, 8 pm?',
      clientId: clientId(),
    });
    expect(answer.ok, JSON.stringify(answer)).toBe(true);
    await ask(guestSocket, clientEvents.typing, { conversationId: id, typing: true });
    const adaHearsReply = nextEvent(ada.socket, serverEvents.message);
    const reply = await ask(guestSocket, clientEvents.send, {
      conversationId: id,
      text: 'Perfect',
      clientId: clientId(),
    });
    expect(reply.ok).toBe(true);
    expect((await adaHearsReply).message.text).toBe('Perfect');
    const adaHearsReceipt = nextEvent(ada.socket, serverEvents.receipt);
    expect((await ask(sara.socket, clientEvents.read, { conversationId: id, seq: 4 })).ok).toBe(true);
    await adaHearsReceipt;
    // Olek's own send into the open request (one statement for everyone else) is refused too
    const intoOpen = await ask(olek.socket, clientEvents.send, {
      conversationId: id,
      text: 'Hi',
      clientId: clientId(),
    });
    expect(intoOpen).toMatchObject({ ok: false, error: { code: 'not_found' } });

    // Olek's socket heard nothing of it all along: a request of no team, after the last event, reaches him
    const other = await request(org, 'Is breakfast still on?');
    await eventually(async () => olekHeard.about(other.id).length > 0);
    expect(olekHeard.about(id)).toEqual([]);
    // nothing of Olek's was stored
    const written = await server.ctx.db.select().from(messages).where(eq(messages.conversationId, id));
    expect(written.map((m) => m.senderId)).not.toContain(olek.id);
    const [row] = await server.ctx.db.select().from(conversations).where(eq(conversations.id, id));
    expect(row).toMatchObject({ status: 'open', assigneeId: sara.id, priority: 'normal' });
  });

  it('leaves the hidden request out of the CSV, the contact histories and the stay’s transcript, and answers its own transcript with 404', async () => {
    const { org, ada, sara, olek, spa } = await hotel();
    const { db } = server.ctx;
    // a guest back for a second stay: last time a massage (the Spa's) and a question of no team
    const email = `back-${uniqueSuffix()}@example.test`;
    const before = await makeStay(server, org, { guestName: 'Jan' });
    await db.update(stayGuests).set({ email }).where(eq(stayGuests.id, before.guest.id));
    const massage = 'A massage on Friday, please';
    const hidden = (await makeConversation(server, before.guest, { text: massage, teamId: spa })).conversation.id;
    const shown = (await makeConversation(server, before.guest, { text: 'Is there parking?' })).conversation.id;
    const now = await makeStay(server, org, { guestName: 'Jan' });
    await db.update(stayGuests).set({ email }).where(eq(stayGuests.id, now.guest.id));
    // a visitor with a request of each kind
    const [visitor] = await db.insert(visitors).values({ orgId: org.id, name: 'Piotr', topic: 'Spa' }).returning();
    if (!visitor) throw new Error('no visitor');
    const [visitorsHidden, visitorsShown] = await db
      .insert(conversations)
      .values(
        [spa, null].map((teamId) => ({
          orgId: org.id,
          visitorId: visitor.id,
          teamId,
          preview: teamId ? 'Spa voucher?' : 'Opening hours?',
          lastMessageAt: new Date(),
        })),
      )
      .returning();
    if (!visitorsHidden || !visitorsShown) throw new Error('no visitor requests');

    const download = async (who: Desk, path: string) => {
      const res = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${who.api.token}` } });
      return { status: res.status, bytes: Buffer.from(await res.arrayBuffer()) };
    };
    const ids = (res: { body: { conversations: { id: string }[] } }) => res.body.conversations.map((c) => c.id);

    // the inbox as CSV: the Spa's request only for the Spa's agent and the admin
    for (const [who, sees] of [
      [olek, false],
      [sara, true],
      [ada, true],
    ] as const) {
      const csv = await download(who, '/api/v1/conversations.csv?status=queued');
      expect(csv.status).toBe(200);
      const text = csv.bytes.toString('utf8');
      expect(text, 'a request of no team').toContain(shown);
      expect(text.includes(hidden), `the Spa's request in the CSV of ${who.id}`).toBe(sees);
      expect(text.includes(massage)).toBe(sees);
      expect(text.includes(visitorsHidden.id)).toBe(sees);
    }

    // the guest's earlier stays and the visitor's requests: the Spa's left out for Olek
    const historyPath = `/api/v1/stays/${now.stay.id}/guests/${now.guest.id}/history`;
    const olekHistory = await olek.api.get(historyPath);
    expect(olekHistory.status).toBe(200);
    expect(ids(olekHistory)).toEqual([shown]);
    expect(JSON.stringify(olekHistory.body)).not.toContain(massage);
    expect(ids(await sara.api.get(historyPath)).sort()).toEqual([hidden, shown].sort());
    expect(ids(await ada.api.get(historyPath)).sort()).toEqual([hidden, shown].sort());
    const visitorPath = `/api/v1/visitors/${visitor.id}/history`;
    const olekVisitor = await olek.api.get(visitorPath);
    expect(olekVisitor.status).toBe(200);
    expect(ids(olekVisitor)).toEqual([visitorsShown.id]);
    expect(ids(await sara.api.get(visitorPath)).sort()).toEqual([visitorsHidden.id, visitorsShown.id].sort());

    // the stay's transcript holds the request of no team alone for Olek, both for the Spa
    for (const format of ['txt', 'pdf'] as const) {
      const textOf = async (who: Desk) => {
        const file = await download(who, `/api/v1/stays/${before.stay.id}/transcript.${format}`);
        expect(file.status).toBe(200);
        return format === 'txt' ? file.bytes.toString('utf8') : pdfTextLines(file.bytes).flat().join('\n');
      };
      const [olekText, saraText] = [await textOf(olek), await textOf(sara)];
      expect(olekText).toContain('Guest: Is there parking?');
      expect(olekText).not.toContain(massage);
      expect(olekText).not.toContain(hidden);
      expect(saraText).toContain(`Guest: ${massage}`);

      // and the hidden request's own transcript is not found, as the request itself
      const own = await olek.api.get(`/api/v1/conversations/${hidden}/transcript.${format}`);
      expect(own.status, format).toBe(404);
      expect(own.body).toEqual({ error: { code: 'not_found', message: expect.any(String) } });
      expect((await download(sara, `/api/v1/conversations/${hidden}/transcript.${format}`)).status).toBe(200);
    }
  });

  it('shows a request of no team to every agent, and its own request to the assignee outside the team', async () => {
    const { org, ada, sara, olek } = await hotel();
    const olekHearsIt = nextEvent(olek.socket, serverEvents.message);
    const unteamed = await request(org, 'Is breakfast still on?');
    expect((await olekHearsIt).conversation).toMatchObject({ id: unteamed.id, team: null });
    expect((await olek.api.get(`/api/v1/conversations/${unteamed.id}`)).status).toBe(200);
    // an agent in no team at all works it too (the reply's one statement with an empty list of teams)
    const ninaApi = await signInWithToken(server, await makeStaff(server, org, 'agent', { name: 'Nina' }));
    const nina = await socketFor({ token: ninaApi.token });
    expect((await ask(nina, clientEvents.take, { conversationId: unteamed.id })).ok).toBe(true);
    const reply = await ask(nina, clientEvents.send, {
      conversationId: unteamed.id,
      text: 'Until 10',
      clientId: clientId(),
    });
    expect(reply.ok, JSON.stringify(reply)).toBe(true);

    const spa = await request(org, 'A massage, please');
    expect((await olek.api.get(`/api/v1/conversations/${spa.id}`)).status).toBe(404);
    // the admin hands it to Olek: he hears the hand-over and works it from then on
    const handedOver = nextEvent(olek.socket, serverEvents.conversation);
    const assigned = await ada.api.post(`/api/v1/conversations/${spa.id}/assign`, { userId: olek.id });
    expect(assigned.status).toBe(200);
    expect((await handedOver).id).toBe(spa.id);
    expect((await olek.api.get(`/api/v1/conversations/${spa.id}`)).status).toBe(200);
    const mine = await olek.api.get('/api/v1/conversations?status=open&mine=true');
    expect(mine.body.conversations.map((c: { id: string }) => c.id)).toEqual([spa.id]);
    const sent = await ask(olek.socket, clientEvents.send, {
      conversationId: spa.id,
      text: 'On it',
      clientId: clientId(),
    });
    expect(sent.ok, JSON.stringify(sent)).toBe(true);
    const olekHearsGuest = nextEvent(olek.socket, serverEvents.message);
    await ask(spa.socket, clientEvents.send, { conversationId: spa.id, text: 'Thanks', clientId: clientId() });
    expect((await olekHearsGuest).message.text).toBe('Thanks');
    // and Sara, in its team, still sees it
    expect(await sees(sara, spa.id)).toBe(true);
  });

  it('follows team membership and the setting at once, on open sockets too; back to "all", every agent sees everything', async () => {
    const { org, ada, olek, spa: spaTeam } = await hotel();
    const spa = await request(org, 'Massage at 6?');
    expect(await sees(olek, spa.id)).toBe(false);

    // Olek joins the Spa: his open socket is told to load its lists again, hears its requests and may take them
    const told = nextEvent(olek.socket, serverEvents.accessChanged);
    expect((await ada.api.put(`/api/v1/teams/${spaTeam}/members/${olek.id}`, {})).status).toBe(200);
    await told;
    expect((await olek.api.get(`/api/v1/conversations/${spa.id}`)).status).toBe(200);
    await eventually(() => sees(olek, spa.id));
    const heard = nextEvent(olek.socket, serverEvents.message);
    await ask(spa.socket, clientEvents.send, { conversationId: spa.id, text: 'Or 7', clientId: clientId() });
    expect((await heard).message.text).toBe('Or 7');

    // he leaves it: hidden again, at once
    expect((await ada.api.delete(`/api/v1/teams/${spaTeam}/members/${olek.id}`)).status).toBe(204);
    expect((await olek.api.get(`/api/v1/conversations/${spa.id}`)).status).toBe(404);
    await eventually(async () => !(await sees(olek, spa.id)));
    const olekHeard = recorder(olek.socket);
    const adaHeard = nextEvent(ada.socket, serverEvents.message);
    await ask(spa.socket, clientEvents.send, { conversationId: spa.id, text: 'Or 8', clientId: clientId() });
    await adaHeard;
    const take = await ask(olek.socket, clientEvents.take, { conversationId: spa.id });
    expect(take).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(olekHeard.about(spa.id)).toEqual([]);

    // the organization goes back to "all": he sees and hears it again; and "team" once more hides it
    const toldAgain = nextEvent(olek.socket, serverEvents.accessChanged);
    expect((await ada.api.patch('/api/v1/organization', { conversationVisibility: 'all' })).status).toBe(200);
    await toldAgain;
    expect((await olek.api.get(`/api/v1/conversations/${spa.id}`)).status).toBe(200);
    const inbox = await olek.api.get('/api/v1/conversations?status=queued');
    expect(inbox.body.conversations.map((c: { id: string }) => c.id)).toContain(spa.id);
    await eventually(() => sees(olek, spa.id));
    const again = nextEvent(olek.socket, serverEvents.message);
    await ask(spa.socket, clientEvents.send, { conversationId: spa.id, text: 'Or 9', clientId: clientId() });
    expect((await again).message.text).toBe('Or 9');
    const taken = await ask(olek.socket, clientEvents.take, { conversationId: spa.id });
    expect(taken.ok, JSON.stringify(taken)).toBe(true);

    const before = await request(org, 'A massage for two');
    expect(await sees(olek, before.id)).toBe(true);
    expect((await ada.api.patch('/api/v1/organization', { conversationVisibility: 'team' })).status).toBe(200);
    // he holds the first one now, so it stays his; the other Spa request is hidden from him again, and so is a new one
    expect((await olek.api.get(`/api/v1/conversations/${spa.id}`)).status).toBe(200);
    expect((await olek.api.get(`/api/v1/conversations/${before.id}`)).status).toBe(404);
    await eventually(async () => !(await sees(olek, before.id)));
    expect(await sees(olek, spa.id)).toBe(true);
    const olekHearsLater = recorder(olek.socket);
    const next = await request(org, 'Another massage');
    const unteamed = await request(org, 'Where is the gym?');
    await eventually(async () => olekHearsLater.about(unteamed.id).length > 0);
    expect(olekHearsLater.about(next.id)).toEqual([]);
  });

  it('catches up at the minute’s revalidation with a change no event announced (a membership written elsewhere)', async () => {
    const { org, olek, spa: spaTeam } = await hotel();
    const spa = await request(org, 'Massage at noon?');
    expect(await sees(olek, spa.id)).toBe(false);
    await server.ctx.db.insert(teamMembers).values({ orgId: org.id, teamId: spaTeam, userId: olek.id });
    await server.gateway.revalidate();
    expect(await sees(olek, spa.id)).toBe(true);
    const heard = nextEvent(olek.socket, serverEvents.message);
    await ask(spa.socket, clientEvents.send, { conversationId: spa.id, text: 'Or at one', clientId: clientId() });
    expect((await heard).message.text).toBe('Or at one');
  });

  it('hands the queued and open requests of a removed team to no team, so the desk still sees them', async () => {
    const { org, ada, olek, spa: spaTeam } = await hotel();
    const queued = await request(org, 'A massage tomorrow?');
    const done = await request(org, 'Was my massage booked?');
    expect((await ada.api.post(`/api/v1/conversations/${done.id}/resolve`)).status).toBe(200);
    expect((await olek.api.get(`/api/v1/conversations/${queued.id}`)).status).toBe(404);
    expect((await ada.api.delete(`/api/v1/teams/${spaTeam}`)).status).toBe(204);
    const now = await olek.api.get(`/api/v1/conversations/${queued.id}`);
    expect(now.status).toBe(200);
    expect(now.body.team).toBeNull();
    // a resolved one keeps its team, for history: admins (and whoever held it) still see it
    expect((await olek.api.get(`/api/v1/conversations/${done.id}`)).status).toBe(404);
    expect((await ada.api.get(`/api/v1/conversations/${done.id}`)).body.team).toMatchObject({ name: 'Spa' });
  });

  it('lets only admins change the setting, and refuses a value it does not know', async () => {
    const org = await makeOrg(server);
    const agent = await signInWithToken(server, await makeStaff(server, org, 'agent'));
    const admin = await signInWithToken(server, await makeStaff(server, org, 'admin'));
    const seen = await agent.get('/api/v1/organization');
    expect(seen.body.conversationVisibility).toBe('all');
    expect((await agent.patch('/api/v1/organization', { conversationVisibility: 'team' })).status).toBe(403);
    const wrong = await admin.patch('/api/v1/organization', { conversationVisibility: 'nobody' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.code).toBe('validation_failed');
    const audit = await admin.patch('/api/v1/organization', { conversationVisibility: 'team' });
    expect(audit.body.conversationVisibility).toBe('team');
    const log = await admin.get('/api/v1/audit-log');
    expect(log.body.entries[0]).toMatchObject({
      action: 'organization.updated',
      details: { changed: { conversationVisibility: 'team' } },
    });
  });
});

describe.skipIf(!usingPostgres || !process.env.REDIS_URL)('team visibility across nodes (PostgreSQL and Redis)', () => {
  it('moves an agent’s socket on another node at once when an admin changes his teams on this one', async () => {
    // two nodes of one installation: the same database, the same Redis keys
    const prefix = `frontdesk-test-visibility-${uniqueSuffix()}:`;
    const nodeA = await startTestServer({}, { ...pollingSync, REDIS_PREFIX: prefix });
    const nodeB = await startTestServer({}, { ...pollingSync, REDIS_PREFIX: prefix });
    const open: Socket[] = [];
    try {
      const org = await makeOrg(nodeA);
      const adaApi = await signInWithToken(nodeA, await makeStaff(nodeA, org, 'admin', { name: 'Ada' }));
      const olekUser = await makeStaff(nodeA, org, 'agent', { name: 'Olek' });
      const team = await adaApi.post('/api/v1/teams', { name: 'Spa', description: '' });
      await adaApi.post('/api/v1/routing-rules', {
        name: 'Spa',
        teamId: team.body.id,
        conditions: { keywords: ['massage'] },
      });
      await adaApi.patch('/api/v1/organization', { conversationVisibility: 'team' });
      const olekApi = await signInWithToken(nodeB, olekUser);
      const olek = { id: olekUser.id, api: olekApi, socket: await connect(nodeB.url, { token: olekApi.token }) };
      open.push(olek.socket);
      const guest = await makeGuest(nodeA, org, { name: 'Jan', room: `R${uniqueSuffix()}` });
      const guestSocket = await connect(nodeA.url, { token: guest.token });
      open.push(guestSocket);
      const first = await ask(guestSocket, clientEvents.send, { text: 'A massage, please', clientId: clientId() });
      const id = first.data.conversation.id as string;
      expect(await sees(olek, id)).toBe(false);

      // on node A, Ada adds him to the Spa: node B moves his socket long before its minute's revalidation
      expect((await adaApi.put(`/api/v1/teams/${team.body.id}/members/${olek.id}`, {})).status).toBe(200);
      await eventually(() => sees(olek, id), 3000);
      const heard = nextEvent(olek.socket, serverEvents.message);
      await ask(guestSocket, clientEvents.send, { conversationId: id, text: 'At 6?', clientId: clientId() });
      expect((await heard).message.text).toBe('At 6?');

      expect((await adaApi.delete(`/api/v1/teams/${team.body.id}/members/${olek.id}`)).status).toBe(204);
      await eventually(async () => !(await sees(olek, id)), 3000);
    } finally {
      for (const socket of open) socket.close();
      await nodeA.close();
      await nodeB.close();
    }
  });
});

describe('the staff reply in one statement under team visibility', () => {
  it('writes where the agent sees (no team, their teams, their own) and nothing elsewhere, for the transaction to refuse', async () => {
    const org = await makeOrg(server);
    const agent = await makeStaff(server, org, 'agent', { name: 'Olek' });
    const colleague = await makeStaff(server, org, 'agent');
    const [spa, front] = await server.ctx.db
      .insert(teams)
      .values([
        { orgId: org.id, name: 'Spa' },
        { orgId: org.id, name: 'Front' },
      ])
      .returning();
    if (!spa || !front) throw new Error('no teams');
    const open = async (teamId: string | null, assigneeId = colleague.id) => {
      const { guest } = await makeStay(server, org);
      return (await makeConversation(server, guest, { teamId, assigneeId })).conversation.id;
    };
    const actor = (teamIds: string[]): StaffActor => ({
      kind: 'staff',
      userId: agent.id,
      email: agent.email,
      name: 'Olek',
      orgId: org.id,
      orgKind: 'hotel',
      orgPlan: 'team',
      role: 'agent',
      superadmin: false,
      sessionId: 'unit',
      teamIds,
      conversationVisibility: 'team',
    });
    const reply = (who: StaffActor, conversationId: string) =>
      sendAsStaffInOneStatement(
        server.ctx.db,
        who,
        { conversationId, clientId: clientId(), text: 'On it' },
        senderKeyOf(who),
      );
    for (const [teamIds, conversationId, writes] of [
      [[], await open(null), true],
      [[], await open(spa.id), false],
      [[], await open(spa.id, agent.id), true],
      [[front.id], await open(spa.id), false],
      [[front.id, spa.id], await open(spa.id), true],
    ] as const) {
      const stored = await reply(actor([...teamIds]), conversationId);
      expect(stored !== null, `teams ${teamIds.length}, ${conversationId}`).toBe(writes);
      const [row] = await server.ctx.db.select().from(conversations).where(eq(conversations.id, conversationId));
      expect(row?.lastSeq).toBe(writes ? 2 : 1);
    }
  });
});
