import { clientEvents, serverEvents } from '@frontdesk/protocol';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversations } from '../src/db/schema.js';
import { ApiClient } from './client.js';
import {
  makeOrg,
  makeStaff,
  makeStay,
  signIn,
  signInWithToken,
  type TestOrg,
  type TestServer,
  type TestUser,
} from './factories.js';
import { freshInstallation } from './harness.js';
import { assignmentEvents, queuedIds } from './queue-probes.js';
import { ask, connect, eventually } from './sockets.js';
import { startTwoNodes, type TwoNodes } from './two-nodes.js';

// Several nodes need the shared servers: this file runs in the PostgreSQL + Redis pass of the suite.
const clustered = Boolean(process.env.DATABASE_URL && process.env.REDIS_URL);

/** A burst of hundreds of sends over two nodes waits its turn on the database: slow, never lost. */
const BURST_MS = 90_000;

describe.runIf(clustered)('automatic assignment on two nodes', () => {
  let cluster: TwoNodes;
  let installation: Awaited<ReturnType<typeof freshInstallation>>;

  beforeAll(async () => {
    // a database of their own: on the shared one another test file's server, another cluster where
    // nobody is online, may lease the assignment consumer and rightly give out nothing
    installation = await freshInstallation();
    cluster = await startTwoNodes({
      REDIS_URL: process.env.REDIS_URL ?? '',
      GUEST_CODE_MAX_PER_IP: '100000',
      DATABASE_URL: installation.env.DATABASE_URL ?? '',
    });
  }, 120_000);
  afterAll(async () => {
    await cluster?.stop();
    await installation?.drop();
  });

  /** Even-numbered people on node A, odd on node B. */
  const nodeOf = (i: number): TestServer => (i % 2 ? cluster.nodeB : cluster.nodeA);

  /** An organization whose requests all go to one team of `agents` members of `capacity` each. */
  async function deskWithTeam(mode: 'round_robin' | 'least_busy', agents: number, capacity: number) {
    const { nodeA } = cluster;
    const org = await makeOrg(nodeA);
    const admin = await signIn(nodeA, await makeStaff(nodeA, org, 'admin'));
    const team = await admin.post('/api/v1/teams', { name: 'Reception', assignmentMode: mode });
    expect(team.status, JSON.stringify(team.body)).toBe(201);
    expect((await admin.put('/api/v1/routing-rules/default-team', { teamId: team.body.id })).status).toBe(200);
    const members: TestUser[] = [];
    for (let i = 0; i < agents; i++) {
      const user = await makeStaff(nodeA, org, 'agent', { name: `Agent ${String(i).padStart(2, '0')}` });
      expect((await admin.put(`/api/v1/teams/${team.body.id}/members/${user.id}`, { capacity })).status).toBe(200);
      members.push(user);
    }
    return { org, admin, members };
  }

  /** The team's agents online, each with a desk socket to their node (see nodeOf). */
  async function online(members: TestUser[]): Promise<Socket[]> {
    return Promise.all(
      members.map(async (user, i) => {
        const client = await signInWithToken(nodeOf(i), user);
        return cluster.track(await connect(nodeOf(i).url, { token: client.token }));
      }),
    );
  }

  /** `n` guests of `org` signed in with their sockets open, alternately on node A and node B. */
  async function guests(org: TestOrg, n: number): Promise<Socket[]> {
    const one = async (i: number) => {
      const { guest } = await makeStay(nodeOf(i), org, { guestName: `Guest ${i}` });
      const login = await new ApiClient(nodeOf(i).url).post(`/api/v1/guest/${org.slug}/login`, { code: guest.code });
      expect(login.status).toBe(200);
      return cluster.track(await connect(nodeOf(i).url, { token: login.body.token }));
    };
    const sockets: Socket[] = [];
    // ten at a time: quick to set up, without a burst before the burst
    for (let i = 0; i < n; i += 10)
      sockets.push(...(await Promise.all(Array.from({ length: Math.min(10, n - i) }, (_, j) => one(i + j)))));
    return sockets;
  }

  let sent = 0;
  async function write(socket: Socket, text: string): Promise<string> {
    const ack = await ask(socket, clientEvents.send, { text, clientId: `cluster-assign-${++sent}` }, BURST_MS);
    expect(ack.ok, JSON.stringify(ack)).toBe(true);
    return ack.data.conversation.id as string;
  }

  async function openLoads(orgId: string) {
    const rows = await cluster.database.db
      .select({ assigneeId: conversations.assigneeId, n: sql<number>`count(*)::int` })
      .from(conversations)
      .where(and(eq(conversations.orgId, orgId), eq(conversations.status, 'open')))
      .groupBy(conversations.assigneeId);
    return new Map(rows.map((r) => [r.assigneeId ?? '', r.n]));
  }

  const total = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);

  /** Events of one type in `org`, in the order recorded. */
  const events = (orgId: string, type: 'conversation.auto_assigned' | 'conversation.taken') =>
    assignmentEvents(cluster.database.db, orgId, type);
  const queue = queuedIds;

  /** The rows of the queued `ids`, in that order: priority and since when each has waited. */
  async function queuedRows(ids: string[]) {
    const rows = await cluster.database.db
      .select({
        id: conversations.id,
        status: conversations.status,
        priority: conversations.priority,
        createdAt: conversations.createdAt,
      })
      .from(conversations)
      .where(inArray(conversations.id, ids));
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id));
  }

  /** No conversation was given automatically twice. */
  function assignedOnce(given: { conversationId: string }[]) {
    expect(new Set(given.map((g) => g.conversationId)).size).toBe(given.length);
  }

  it('200 requests at once over both nodes to 10 agents of capacity 3: exactly 3 each, the rest wait in order, each resolve on either node backfills one', async () => {
    const { org, admin, members } = await deskWithTeam('least_busy', 10, 3);
    await online(members);
    const writers = await guests(org, 200);

    const opened = await Promise.all(writers.map((g, i) => write(g, `Request ${i}`)));
    expect(new Set(opened).size).toBe(200);
    await eventually(async () => total(await openLoads(org.id)) === 30, BURST_MS);

    const byAgent = await openLoads(org.id);
    expect([...byAgent.entries()].sort()).toEqual(members.map((m) => [m.id, 3]).sort());
    const given = await events(org.id, 'conversation.auto_assigned');
    expect(given).toHaveLength(30);
    assignedOnce(given);
    for (const g of given) expect(g.load).toBeLessThan(g.capacity);

    // the other 170 wait, most urgent first, then longest waiting (all normal here: oldest first)
    const waiting = await queue(admin);
    expect(waiting).toHaveLength(170);
    const rows = await queuedRows(waiting);
    for (const r of rows) expect(r).toMatchObject({ status: 'queued', priority: 'normal' });
    for (let i = 1; i < rows.length; i++)
      expect(rows[i]?.createdAt.getTime()).toBeGreaterThanOrEqual(rows[i - 1]?.createdAt.getTime() ?? 0);

    // the last to arrive made urgent (on node B) goes first
    const urgent = waiting[169] as string;
    const staffB = await signIn(cluster.nodeB, await makeStaff(cluster.nodeB, org, 'agent'));
    expect((await staffB.put(`/api/v1/conversations/${urgent}/priority`, { priority: 'urgent' })).status).toBe(200);
    const reordered = await queue(admin);
    expect(reordered).toEqual([urgent, ...waiting.slice(0, 169)]);

    // each resolve — on the agent's own node, A and B in turn — frees one place, and the head of the queue goes to it
    for (const [i, member] of members.slice(0, 4).entries()) {
      const agent = await signIn(nodeOf(i), member);
      const mine = await agent.get('/api/v1/conversations?status=open&mine=true');
      const head = (await queue(admin))[0];
      expect((await agent.post(`/api/v1/conversations/${mine.body.conversations[0].id}/resolve`)).status).toBe(200);
      await eventually(async () => (await openLoads(org.id)).get(member.id) === 3, BURST_MS);
      const after = await events(org.id, 'conversation.auto_assigned');
      expect(after).toHaveLength(31 + i);
      expect(after.at(-1)).toMatchObject({ conversationId: head, assigneeId: member.id, load: 2, capacity: 3 });
      expect(total(await openLoads(org.id))).toBe(30);
    }
    expect(await queue(admin)).toEqual(reordered.slice(4));
    const final = await events(org.id, 'conversation.auto_assigned');
    expect(final).toHaveLength(34);
    assignedOnce(final);
    expect(final.slice(30, 31).map((g) => g.conversationId)).toEqual([urgent]);
  }, 300_000);

  it('an agent who goes offline on one node mid-burst is never given anything after, round robin on both nodes', async () => {
    const { org, admin, members } = await deskWithTeam('round_robin', 10, 3);
    const sockets = await online(members);
    const leaver = members[1] as TestUser; // on node B
    // a colleague at the desk on node A hears who is there
    let statuses: Record<string, string> = {};
    const watcher = await signInWithToken(cluster.nodeA, await makeStaff(cluster.nodeA, org, 'agent'));
    cluster.track(
      await connect(
        cluster.nodeA.url,
        { token: watcher.token },
        { listen: { [serverEvents.presence]: (p: { statuses: Record<string, string> }) => (statuses = p.statuses) } },
      ),
    );
    await eventually(async () => members.every((m) => statuses[m.id] === 'online'));
    const writers = await guests(org, 200);

    // the leaver goes once they have work, while the requests are still arriving
    const burst = writers.map((g, i) => write(g, `Burst ${i}`));
    await eventually(async () => ((await openLoads(org.id)).get(leaver.id) ?? 0) > 0, BURST_MS);
    sockets[1]?.close();
    await eventually(async () => !(leaver.id in statuses), BURST_MS);
    const opened = await Promise.all(burst);
    expect(new Set(opened).size).toBe(200);

    // the other nine fill up; a resolve by one of them after the leaver left is the barrier: the
    // round that backfills it ran after every round that could still have seen the leaver
    const stayers = members.filter((m) => m.id !== leaver.id);
    await eventually(async () => {
      const loads = await openLoads(org.id);
      return stayers.every((m) => loads.get(m.id) === 3);
    }, BURST_MS);
    const first = await signIn(cluster.nodeA, members[0] as TestUser);
    const mine = await first.get('/api/v1/conversations?status=open&mine=true');
    expect((await first.post(`/api/v1/conversations/${mine.body.conversations[0].id}/resolve`)).status).toBe(200);
    await eventually(async () => (await openLoads(org.id)).get(members[0]?.id ?? '') === 3, BURST_MS);
    const before = (await events(org.id, 'conversation.auto_assigned')).length;
    const toLeaver = (await events(org.id, 'conversation.auto_assigned')).filter((g) => g.assigneeId === leaver.id);
    expect(toLeaver.length).toBeGreaterThan(0);
    expect(toLeaver.length).toBeLessThanOrEqual(3);

    // the leaver's requests resolved (by an admin on node A, by themselves over REST on node B):
    // room the leaver has now, but they are away, so nothing goes to them; a colleague's resolve still backfills
    const leaving = await signIn(cluster.nodeB, leaver);
    const theirs = (await leaving.get('/api/v1/conversations?status=open&mine=true')).body.conversations as {
      id: string;
    }[];
    expect(theirs).toHaveLength(toLeaver.length);
    for (const [i, c] of theirs.entries())
      expect((await (i % 2 ? leaving : admin).post(`/api/v1/conversations/${c.id}/resolve`)).status).toBe(200);
    const second = await signIn(cluster.nodeB, members[3] as TestUser);
    const hers = await second.get('/api/v1/conversations?status=open&mine=true');
    const head = (await queue(admin))[0];
    expect((await second.post(`/api/v1/conversations/${hers.body.conversations[0].id}/resolve`)).status).toBe(200);
    await eventually(async () => (await openLoads(org.id)).get(members[3]?.id ?? '') === 3, BURST_MS);
    const given = await events(org.id, 'conversation.auto_assigned');
    expect(given.at(-1)).toMatchObject({ conversationId: head, assigneeId: members[3]?.id });
    expect(given).toHaveLength(before + 1);
    expect(given.filter((g) => g.assigneeId === leaver.id)).toEqual(toLeaver);
    assignedOnce(given);

    const final = await openLoads(org.id);
    expect(final.get(leaver.id)).toBeUndefined();
    for (const m of stayers) expect(final.get(m.id)).toBe(3);
    expect(await queue(admin)).toHaveLength(200 - given.length);
    expect(sockets[0]?.connected).toBe(true);
  }, 300_000);

  it('agents and guests on both nodes, a colleague taking by hand meanwhile: full capacity, nothing assigned twice, resolves backfill', async () => {
    const { nodeA, nodeB, track } = cluster;
    const org = await makeOrg(nodeA);
    const admin = await signIn(nodeA, await makeStaff(nodeA, org, 'admin'));
    const team = await admin.post('/api/v1/teams', { name: 'Reception', assignmentMode: 'least_busy' });
    await admin.put('/api/v1/routing-rules/default-team', { teamId: team.body.id });
    const agents: TestUser[] = [];
    for (let i = 0; i < 6; i++) {
      const user = await makeStaff(nodeA, org, 'agent');
      await admin.put(`/api/v1/teams/${team.body.id}/members/${user.id}`, { capacity: 3 });
      agents.push(user);
    }
    for (const [i, user] of agents.entries()) {
      const client = await signInWithToken(nodeOf(i), user);
      track(await connect(nodeOf(i).url, { token: client.token }));
    }
    // not in the team: takes requests from the queue by hand while the team's are assigned
    const hand = await signIn(nodeB, await makeStaff(nodeB, org, 'agent'));

    const guests: Socket[] = [];
    for (let i = 0; i < 60; i++) {
      const { guest } = await makeStay(nodeOf(i), org);
      const login = await new ApiClient(nodeOf(i).url).post(`/api/v1/guest/${org.slug}/login`, { code: guest.code });
      guests.push(track(await connect(nodeOf(i).url, { token: login.body.token })));
    }
    const burst = guests.map(async (g, i) => {
      const ack = await ask(g, clientEvents.send, { text: `Request ${i}`, clientId: `cluster-assign-${i}` });
      expect(ack.ok).toBe(true);
      return ack.data.conversation.id as string;
    });
    const opened = await Promise.all(burst);
    const handTaken: string[] = [];
    for (const id of opened.slice(0, 20)) {
      const res = await hand.post(`/api/v1/conversations/${id}/take`);
      if (res.status === 200) handTaken.push(id);
      else expect(res.body.error.code).toBe('already_taken');
    }

    await eventually(async () => {
      const loads = await openLoads(org.id);
      return agents.every((a) => loads.get(a.id) === 3);
    });
    const auto = await events(org.id, 'conversation.auto_assigned');
    const taken = await events(org.id, 'conversation.taken');
    expect(auto).toHaveLength(18);
    const autoIds = new Set(auto.map((a) => a.conversationId));
    expect(autoIds.size).toBe(18);
    for (const t of taken) expect(autoIds.has(t.conversationId)).toBe(false);
    expect(taken.map((t) => t.conversationId).sort()).toEqual(handTaken.sort());
    const [queued] = await cluster.database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(conversations)
      .where(and(eq(conversations.orgId, org.id), eq(conversations.status, 'queued')));
    expect(queued?.n).toBe(60 - 18 - handTaken.length);

    // resolving on either node backfills exactly one, to the agent who made room
    for (const [i, user] of agents.slice(0, 2).entries()) {
      const agent = await signIn(nodeOf(i), user);
      const mine = await agent.get('/api/v1/conversations?status=open&mine=true');
      expect((await agent.post(`/api/v1/conversations/${mine.body.conversations[0].id}/resolve`)).status).toBe(200);
      await eventually(async () => (await events(org.id, 'conversation.auto_assigned')).length === 19 + i);
      expect((await openLoads(org.id)).get(user.id)).toBe(3);
    }
  }, 120_000);
});
