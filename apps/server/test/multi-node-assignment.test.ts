import { clientEvents } from '@frontdesk/protocol';
import { and, eq, sql } from 'drizzle-orm';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversations, domainEvents } from '../src/db/schema.js';
import { ApiClient } from './client.js';
import { makeOrg, makeStaff, makeStay, signIn, signInWithToken, type TestServer, type TestUser } from './factories.js';
import { ask, connect, eventually } from './sockets.js';
import { startTwoNodes, type TwoNodes } from './two-nodes.js';

// Several nodes need the shared servers: this file runs in the PostgreSQL + Redis pass of the suite.
const clustered = Boolean(process.env.DATABASE_URL && process.env.REDIS_URL);

describe.runIf(clustered)('automatic assignment on two nodes', () => {
  let cluster: TwoNodes;

  beforeAll(async () => {
    cluster = await startTwoNodes({
      REDIS_URL: process.env.REDIS_URL ?? '',
      GUEST_CODE_MAX_PER_IP: '100000',
    });
  }, 120_000);
  afterAll(() => cluster?.stop());

  async function openLoads(orgId: string) {
    const rows = await cluster.database.db
      .select({ assigneeId: conversations.assigneeId, n: sql<number>`count(*)::int` })
      .from(conversations)
      .where(and(eq(conversations.orgId, orgId), eq(conversations.status, 'open')))
      .groupBy(conversations.assigneeId);
    return new Map(rows.map((r) => [r.assigneeId ?? '', r.n]));
  }

  async function events(orgId: string, type: 'conversation.auto_assigned' | 'conversation.taken') {
    const rows = await cluster.database.db
      .select({ data: domainEvents.data })
      .from(domainEvents)
      .where(and(eq(domainEvents.orgId, orgId), eq(domainEvents.type, type)));
    return rows.map((r) => r.data as { conversationId: string; assigneeId: string });
  }

  it('agents and guests on both nodes, a colleague taking by hand meanwhile: full capacity, nothing assigned twice, resolves backfill', async () => {
    const { nodeA, nodeB, track } = cluster;
    const nodeOf = (i: number): TestServer => (i % 2 ? nodeB : nodeA);
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
