import { clientEvents } from '@frontdesk/protocol';
import { and, eq, sql } from 'drizzle-orm';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../../test/client.js';
import {
  makeOrg,
  makeStaff,
  makeStay,
  signIn,
  signInWithToken,
  type TestOrg,
  type TestUser,
} from '../../../test/factories.js';
import { startServerOfItsOwn, type TestServer } from '../../../test/harness.js';
import { assignmentEvents, queuedIds } from '../../../test/queue-probes.js';
import { ask, eventually, socketsClosedAfterEach } from '../../../test/sockets.js';
import { conversations, messages } from '../../db/schema.js';
import { systemContext } from '../../platform/service-context.js';
import { ASSIGNMENT_CHUNK, assignQueued } from './assign-queued.js';

let server: TestServer;
beforeAll(async () => {
  // hundreds of guests sign in from one address here: lift the guest limits for this file
  server = await startServerOfItsOwn({
    guestLimits: {
      codePerIp: 100_000,
      codeFailuresPerOrg: 1_000,
      codeWindowSeconds: 60,
      visitorPerIp: 1_000,
      visitorWindowSeconds: 60,
      labelAnswersPerLabel: 1_000,
      labelAnswersPerIp: 1_000,
      labelAnswerWindowSeconds: 60,
      labelCodesPerLabel: 1_000,
      labelCodesPerIp: 1_000,
      labelCodeWindowSeconds: 60,
    },
  });
});
afterAll(() => server?.close());

const socketFor = socketsClosedAfterEach(() => server.url);

/** Polls the database until `check` holds (eventual state, never timing). */

/** An organization whose requests all go to one team with `agents` members of `capacity` each. */
async function deskWithTeam(mode: 'round_robin' | 'least_busy', agents: number, capacity: number) {
  const org = await makeOrg(server);
  const admin = await signIn(server, await makeStaff(server, org, 'admin'));
  const team = await admin.post('/api/v1/teams', { name: 'Reception', assignmentMode: mode });
  expect(team.status, JSON.stringify(team.body)).toBe(201);
  expect(team.body.assignmentMode).toBe(mode);
  const teamId = team.body.id as string;
  expect((await admin.put('/api/v1/routing-rules/default-team', { teamId })).status).toBe(200);
  const members: TestUser[] = [];
  for (let i = 0; i < agents; i++) {
    const user = await makeStaff(server, org, 'agent', { name: `Agent ${String(i).padStart(2, '0')}` });
    expect((await admin.put(`/api/v1/teams/${teamId}/members/${user.id}`, { capacity })).status).toBe(200);
    members.push(user);
  }
  return { org, admin, teamId, members };
}

/** The agent signed in with a desk socket open: online, so automatic assignment may give them work. */
async function online(user: TestUser): Promise<Socket> {
  const client = await signInWithToken(server, user);
  return socketFor({ token: client.token });
}

/** Guests of `org`, signed in with their sockets open, ready to write. */
async function guests(org: TestOrg, n: number): Promise<Socket[]> {
  const sockets: Socket[] = [];
  for (let i = 0; i < n; i++) {
    const { guest } = await makeStay(server, org, { guestName: `Guest ${i}` });
    const login = await new ApiClient(server.url).post(`/api/v1/guest/${org.slug}/login`, { code: guest.code });
    expect(login.status).toBe(200);
    sockets.push(await socketFor({ token: login.body.token }));
  }
  return sockets;
}

let sent = 0;
async function write(socket: Socket, text: string): Promise<string> {
  // bursts of 200 sends wait their turn on the database: no ack may be lost, but it may be slow
  const ack = await ask(socket, clientEvents.send, { text, clientId: `assign-${++sent}` }, 60_000);
  expect(ack.ok, JSON.stringify(ack)).toBe(true);
  return ack.data.conversation.id as string;
}

/** Open conversations per assignee in `org`. */
async function loads(orgId: string): Promise<Map<string, number>> {
  const rows = await server.ctx.db
    .select({ assigneeId: conversations.assigneeId, n: sql<number>`count(*)::int` })
    .from(conversations)
    .where(and(eq(conversations.orgId, orgId), eq(conversations.status, 'open')))
    .groupBy(conversations.assigneeId);
  return new Map(rows.map((r) => [r.assigneeId ?? '', r.n]));
}

const total = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);

/** Every automatic assignment recorded in `org`, in order. */
const autoAssigned = (orgId: string) => assignmentEvents(server.ctx.db, orgId);
const queue = queuedIds;

describe('automatic assignment', () => {
  it('gives 200 requests arriving at once to 10 agents of capacity 3: exactly 3 each, the rest wait in order, each resolve backfills one', async () => {
    const { org, admin, members } = await deskWithTeam('least_busy', 10, 3);
    const agentSockets = await Promise.all(members.map(online));
    expect(agentSockets).toHaveLength(10);
    const writers = await guests(org, 200);

    const opened = await Promise.all(writers.map((g, i) => write(g, `Request ${i}`)));
    expect(new Set(opened).size).toBe(200);
    await eventually(async () => total(await loads(org.id)) === 30);

    // nobody is given a fourth, and another round finds no room
    const again = await assignQueued(systemContext(server.ctx, 'test'), server.ctx.availability, org.id);
    expect(again).toEqual([]);
    const byAgent = await loads(org.id);
    expect([...byAgent.entries()].sort()).toEqual(members.map((m) => [m.id, 3]).sort());
    const given = await autoAssigned(org.id);
    expect(given).toHaveLength(30);
    expect(new Set(given.map((g) => g.conversationId)).size).toBe(30);
    for (const g of given) expect(g.load).toBeLessThan(g.capacity);

    const waiting = await queue(admin);
    expect(waiting).toHaveLength(170);

    // each resolve frees one place, and the head of the queue goes to it at once
    for (const member of members.slice(0, 4)) {
      const agent = await signIn(server, member);
      const mine = await agent.get('/api/v1/conversations?status=open&mine=true');
      const head = (await queue(admin))[0];
      expect((await agent.post(`/api/v1/conversations/${mine.body.conversations[0].id}/resolve`)).status).toBe(200);
      await eventually(async () => (await loads(org.id)).get(member.id) === 3);
      const [latest] = (await autoAssigned(org.id)).slice(-1);
      expect(latest).toMatchObject({ conversationId: head, assigneeId: member.id, load: 2, capacity: 3 });
      expect(total(await loads(org.id))).toBe(30);
    }
    expect(await queue(admin)).toEqual(waiting.slice(4));
    expect(await autoAssigned(org.id)).toHaveLength(34);

    // the conversation says who got it and why
    const [first] = await autoAssigned(org.id);
    const view = await admin.get(`/api/v1/conversations/${first?.conversationId}`);
    expect(view.body.assignedBy).toMatchObject({ how: 'automatic', mode: 'least_busy', capacity: 3 });
    expect(view.body.assignedBy.reason).toMatch(/^Least busy: Agent \d\d had \d of 3 open$/);
  }, 120_000);

  it('never gives work to an agent who went offline mid-burst, nor to one away; round robin takes turns', async () => {
    const { org, members } = await deskWithTeam('round_robin', 3, 4);
    const [a, b, c] = members as [TestUser, TestUser, TestUser];
    const [socketA, , socketC] = [await online(a), await online(b), await online(c)];
    const away = await online(await makeStaff(server, org, 'agent'));
    expect((await ask(away, clientEvents.presence, { status: 'away' })).ok).toBe(true);
    const writers = await guests(org, 12);

    // the first requests go round the team in turn
    for (const g of writers.slice(0, 3)) await write(g, 'First come');
    await eventually(async () => (await autoAssigned(org.id)).length === 3);
    expect(new Set((await autoAssigned(org.id)).map((x) => x.assigneeId))).toEqual(new Set([a.id, b.id, c.id]));

    // C leaves while more arrive
    const burst = writers.slice(3).map((g, i) => write(g, `Burst ${i}`));
    socketC.close();
    await eventually(async () => !(await server.ctx.availability.available(org.id)).has(c.id));
    // a round that read C as there before they left may still be committing: rounds of an
    // organization run one at a time, so one more round is the barrier after which C gets nothing
    await assignQueued(systemContext(server.ctx, 'test'), server.ctx.availability, org.id);
    const givenToCBefore = (await autoAssigned(org.id)).filter((x) => x.assigneeId === c.id).length;
    await Promise.all(burst);
    await eventually(async () => total(await loads(org.id)) === 8 + givenToCBefore);
    expect(await assignQueued(systemContext(server.ctx, 'test'), server.ctx.availability, org.id)).toEqual([]);

    const final = await loads(org.id);
    expect(final.get(a.id)).toBe(4);
    expect(final.get(b.id)).toBe(4);
    expect(final.get(c.id) ?? 0).toBe(givenToCBefore);
    const given = await autoAssigned(org.id);
    expect(new Set(given.map((x) => x.conversationId)).size).toBe(given.length);
    expect(socketA.connected).toBe(true);
  }, 60_000);

  it('backfills an agent who comes online, and a team switched to automatic, at once', async () => {
    const org = await makeOrg(server);
    const admin = await signIn(server, await makeStaff(server, org, 'admin'));
    const team = await admin.post('/api/v1/teams', { name: 'Night desk' });
    expect(team.body.assignmentMode).toBe('manual');
    await admin.put('/api/v1/routing-rules/default-team', { teamId: team.body.id });
    const agent = await makeStaff(server, org, 'agent');
    await admin.put(`/api/v1/teams/${team.body.id}/members/${agent.id}`, { capacity: 2 });
    const [g1, g2, g3] = await guests(org, 3);
    for (const g of [g1, g2, g3]) await write(g as Socket, 'Anyone there?');
    await online(agent);

    // manual: nothing moves until the team assigns automatically
    expect(await assignQueued(systemContext(server.ctx, 'test'), server.ctx.availability, org.id)).toEqual([]);
    const changed = await admin.patch(`/api/v1/teams/${team.body.id}`, { assignmentMode: 'round_robin' });
    expect(changed.body.assignmentMode).toBe('round_robin');
    await eventually(async () => (await loads(org.id)).get(agent.id) === 2);

    // a colleague coming online takes the third
    const colleague = await makeStaff(server, org, 'agent');
    await admin.put(`/api/v1/teams/${team.body.id}/members/${colleague.id}`, {});
    expect((await loads(org.id)).get(colleague.id)).toBeUndefined();
    await online(colleague);
    await eventually(async () => (await loads(org.id)).get(colleague.id) === 1);
  }, 60_000);

  it('gives out a long queue in transactions of ASSIGNMENT_CHUNK, so nothing waits behind one round; all of it, once each', async () => {
    const { org, admin, teamId, members } = await deskWithTeam('least_busy', 3, 50);
    // queued while the team assigns by hand, then switched to automatic: one round finds them all
    expect((await admin.patch(`/api/v1/teams/${teamId}`, { assignmentMode: 'manual' })).status).toBe(200);
    await Promise.all(members.map(online));
    const count = ASSIGNMENT_CHUNK * 2 + 20;
    const writers = await guests(org, count);
    await Promise.all(writers.map((g, i) => write(g, `Waiting ${i}`)));
    expect(await queue(admin)).toHaveLength(count);
    expect((await admin.patch(`/api/v1/teams/${teamId}`, { assignmentMode: 'least_busy' })).status).toBe(200);
    await eventually(async () => total(await loads(org.id)) === count);

    const given = await autoAssigned(org.id);
    expect(given).toHaveLength(count);
    expect(new Set(given.map((g) => g.conversationId)).size).toBe(count);
    // the thread's "was assigned" lines were written by at least three transactions, none holding more than a chunk
    const perTransaction = await server.ctx.db
      .select({ n: sql<number>`count(*)::int` })
      .from(messages)
      .where(and(eq(messages.orgId, org.id), eq(messages.event, 'auto_assigned')))
      .groupBy(messages.xid);
    expect(perTransaction.length).toBeGreaterThanOrEqual(3);
    expect(Math.max(...perTransaction.map((t) => t.n))).toBeLessThanOrEqual(ASSIGNMENT_CHUNK);
    expect(perTransaction.reduce((sum, t) => sum + t.n, 0)).toBe(count);
  }, 120_000);

  it('refuses an unknown assignment mode', async () => {
    const org = await makeOrg(server);
    const admin = await signIn(server, await makeStaff(server, org, 'admin'));
    const res = await admin.post('/api/v1/teams', { name: 'Odd', assignmentMode: 'random' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
  });
});
