import { and, eq } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { watchBatches } from '../../../test/batches.js';
import { makeGuest, makeOrg, makeStaff, type TestOrg } from '../../../test/factories.js';
import { startTestServer, type TestServer, usingPostgres } from '../../../test/harness.js';
import { conversations, domainEvents, messages, teams, users } from '../../db/schema.js';
import type { StaffActor } from '../../platform/actor.js';
import { staffActorOf } from '../auth/index.js';
import { takeGroupOf, takeInOneStatement } from './take-in-one-statement.js';
import { loadConversationView } from './views.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

async function agent(org: TestOrg, name: string): Promise<StaffActor> {
  const user = await makeStaff(server, org, 'agent', { name });
  const actor = await staffActorOf(server.ctx.db, user.id, 'take-test');
  if (!actor) throw new Error('no agent');
  return actor;
}

/** A queued request with one message from the guest, optionally in a team. */
async function queued(org: TestOrg, values: Partial<typeof conversations.$inferInsert> = {}) {
  const guest = await makeGuest(server, org);
  const [row] = await server.ctx.db
    .insert(conversations)
    .values({ orgId: org.id, stayId: guest.stayId, guestId: guest.guestId, status: 'queued', lastSeq: 1, ...values })
    .returning();
  if (!row) throw new Error('no request');
  return row;
}

/** What a take would have written for the request: its row, its messages, its events. */
async function written(id: string) {
  const { db } = server.ctx;
  const [row] = await db.select().from(conversations).where(eq(conversations.id, id));
  const lines = await db.select().from(messages).where(eq(messages.conversationId, id));
  const events = await db
    .select()
    .from(domainEvents)
    .where(and(eq(domainEvents.stream, `conversation:${id}`), eq(domainEvents.type, 'conversation.taken')));
  return { row, lines, events };
}

describe('a take in one statement', () => {
  it('marks a queued request theirs, numbers its line after the last message and records the event', async () => {
    const org = await makeOrg(server);
    const anna = await agent(org, 'Anna');
    const request = await queued(org);
    const taken = await takeInOneStatement(server.ctx.db, anna, request.id);
    expect(taken?.conversation).toMatchObject({ id: request.id, status: 'open', assigneeId: anna.userId, lastSeq: 2 });
    expect(taken?.message).toMatchObject({
      seq: 2,
      senderType: 'system',
      event: 'taken',
      body: 'Anna took the request',
    });
    expect(taken?.event).toMatchObject({ type: 'conversation.taken', orgId: org.id });
    const { row, lines, events } = await written(request.id);
    expect(row).toMatchObject({ status: 'open', assigneeId: anna.userId, lastSeq: 2 });
    expect(row?.pickedAt).toBeInstanceOf(Date);
    expect(lines.map((m) => m.seq)).toEqual([2]);
    expect(events.map((e) => [e.id, e.data])).toEqual([
      [taken?.event.id, { conversationId: request.id, assigneeId: anna.userId }],
    ]);
  });

  it('writes nothing and leaves the decision to the transaction when the request is not a queued one they see', async () => {
    const org = await makeOrg(server);
    const other = await makeOrg(server);
    const anna = await agent(org, 'Anna');
    const olek = await agent(org, 'Olek');
    const [spa] = await server.ctx.db.insert(teams).values({ orgId: org.id, name: 'Spa' }).returning();
    const cases = {
      'taken already': await queued(org, { status: 'open', assigneeId: olek.userId }),
      'theirs already': await queued(org, { status: 'open', assigneeId: anna.userId }),
      resolved: await queued(org, { status: 'resolved', resolvedAt: new Date() }),
      "another organization's": await queued(other),
      "another team's, when they see only their teams'": await queued(org, { teamId: spa?.id }),
    };
    const teamOnly: StaffActor = { ...anna, conversationVisibility: 'team', teamIds: [] };
    for (const [what, request] of Object.entries(cases)) {
      const before = await written(request.id);
      expect(await takeInOneStatement(server.ctx.db, teamOnly, request.id), what).toBeNull();
      expect(await written(request.id), what).toEqual(before);
    }
    // seen by everyone who sees all, and by a member of the team
    const spaRequest = cases["another team's, when they see only their teams'"];
    expect(
      await takeInOneStatement(server.ctx.db, { ...teamOnly, teamIds: [spa?.id ?? ''] }, spaRequest.id),
    ).not.toBeNull();
  });

  it('lets exactly one of two racing takes win', async () => {
    const org = await makeOrg(server);
    const [anna, olek] = [await agent(org, 'Anna'), await agent(org, 'Olek')];
    const request = await queued(org);
    const results = await Promise.all([
      takeInOneStatement(server.ctx.db, anna, request.id),
      takeInOneStatement(server.ctx.db, olek, request.id),
    ]);
    expect(results.filter(Boolean)).toHaveLength(1);
    const { row, lines, events } = await written(request.id);
    expect(lines).toHaveLength(1);
    expect(events).toHaveLength(1);
    expect(row?.assigneeId).toBe(results.find(Boolean)?.conversation.assigneeId);
  });

  it('writes the takes of one moment in one statement, each answered with the view a load reads after it', async () => {
    const org = await makeOrg(server);
    const [anna, olek] = [await agent(org, 'Anna'), await agent(org, 'Olek')];
    await server.ctx.db.update(users).set({ motto: 'Here to help' }).where(eq(users.id, olek.userId));
    const [spa] = await server.ctx.db.insert(teams).values({ orgId: org.id, name: 'Spa' }).returning();
    const requests = [await queued(org), await queued(org, { teamId: spa?.id }), await queued(org)];
    const sizes = watchBatches(takeGroupOf(server.ctx.db));
    const [a, b, c, again] = await Promise.all([
      takeInOneStatement(server.ctx.db, anna, requests[0]?.id ?? ''),
      takeInOneStatement(server.ctx.db, olek, requests[1]?.id ?? ''),
      takeInOneStatement(server.ctx.db, anna, requests[2]?.id ?? ''),
      // Olek's take of what Anna takes in the same batch: hers wins, his is left to the transaction
      takeInOneStatement(server.ctx.db, olek, requests[0]?.id ?? ''),
    ]);
    expect(sizes[0]).toBe(4);
    expect(again).toBeNull();
    for (const taken of [a, b, c]) {
      const loaded = await loadConversationView(server.ctx.db, taken?.conversation.id ?? '');
      expect(taken?.view).toEqual(loaded);
    }
    expect(b?.view).toMatchObject({ assigneeName: 'Olek', assigneeMotto: 'Here to help', teamName: 'Spa' });
    expect(a?.view).toMatchObject({ assigneeName: 'Anna', c: { status: 'open', assigneeId: anna.userId } });
    expect((await written(requests[0]?.id ?? '')).lines).toHaveLength(1);
  });

  // PostgreSQL only: the embedded database runs one statement at a time
  it.skipIf(!usingPostgres)(
    'two batches taking the same requests in opposite orders lock them in one order: no deadlock',
    async () => {
      const org = await makeOrg(server);
      const [anna, olek] = [await agent(org, 'Anna'), await agent(org, 'Olek')];
      const [low, high] = [await queued(org), await queued(org)].sort((x, y) => (x.id < y.id ? -1 : 1));
      const group = takeGroupOf(server.ctx.db);
      const failedBefore = group.failedBatches;
      // another transaction holds the request Anna's batch would lock first; her batch waits for it,
      // and Olek's, asking in the opposite order, waits behind hers. Had his locked the other request
      // first, releasing the hold would leave each batch waiting for the other's.
      const holder = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await holder.connect();
      const waiting = async (n: number) => {
        for (;;) {
          const { rows } = await holder.query(
            `select count(*)::int as n from pg_locks l join pg_stat_activity a on a.pid = l.pid
             where not l.granted and a.datname = current_database()`,
          );
          if (rows[0].n >= n) return;
          await new Promise((r) => setTimeout(r, 10));
        }
      };
      try {
        await holder.query('begin');
        await holder.query('select 1 from conversations where id = $1 for update', [low?.id]);
        const annas = Promise.all([
          takeInOneStatement(server.ctx.db, anna, low?.id ?? ''),
          takeInOneStatement(server.ctx.db, anna, high?.id ?? ''),
        ]);
        await waiting(1);
        const oleks = Promise.all([
          takeInOneStatement(server.ctx.db, olek, high?.id ?? ''),
          takeInOneStatement(server.ctx.db, olek, low?.id ?? ''),
        ]);
        await waiting(2);
        await holder.query('commit');
        const [hers, his] = [await annas, await oleks];
        expect(hers.map((t) => t?.conversation.assigneeId)).toEqual([anna.userId, anna.userId]);
        // his are left to the transaction, which answers `already_taken`
        expect(his).toEqual([null, null]);
        expect(group.failedBatches).toBe(failedBefore);
      } finally {
        await holder.end();
      }
    },
  );
});
