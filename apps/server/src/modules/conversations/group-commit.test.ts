import { randomUUID } from 'node:crypto';
import { clientEvents } from '@frontdesk/protocol';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { watchBatches } from '../../../test/batches.js';
import { startNode } from '../../../test/cluster.js';
import {
  guestActorOf,
  makeConversation,
  makeGuest,
  makeOrg,
  makeStaff,
  signInWithToken,
} from '../../../test/factories.js';
import { startTestServer, type TestServer, usingPostgres } from '../../../test/harness.js';
import { scrape } from '../../../test/metrics-scrape.js';
import { ask, connect, eventually } from '../../../test/sockets.js';
import { startTwoNodes } from '../../../test/two-nodes.js';
import type { Db } from '../../db/connection.js';
import { conversations, messages, stays } from '../../db/schema.js';
import { type GuestActor, type StaffActor, senderKeyOf } from '../../platform/actor.js';
import { AppError } from '../../platform/errors.js';
import { noRequest, serviceContext } from '../../platform/service-context.js';
import { staffActorOf } from '../auth/index.js';
import { type BatchedSend, GroupCommit, groupCommitOf, MAX_BATCH, writeSendBatch } from './group-commit.js';
import { sendAsGuest, sendAsStaff } from './send.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

const guestActor = (token: string) => guestActorOf(server, token);

const watchSends = () => watchBatches(groupCommitOf(server.ctx.db));

const codeOf = (r: PromiseSettledResult<unknown>) =>
  r.status === 'rejected' ? (r.reason instanceof AppError ? r.reason.code : String(r.reason)) : 'ok';

describe('group commit', () => {
  // every batch here is written by its statement: none falls back to the one-by-one path unseen
  afterEach(() => expect(groupCommitOf(server.ctx.db).failedBatches).toBe(0));

  it('writes the sends of one moment together; one that cannot be written fails alone, with its code', async () => {
    const org = await makeOrg(server);
    const agent = await makeStaff(server, org, 'agent', { name: 'Anna' });
    const guests = await Promise.all(['A', 'B', 'C', 'D', 'E'].map((name) => makeGuest(server, org, { name })));
    const actors = await Promise.all(guests.map((g) => guestActor(g.token)));
    const ctxOf = (a: GuestActor) => serviceContext(server.ctx, a, noRequest);
    // each guest has a request with a first message (the first send of a guest opens it, outside the batch)
    const opened = await Promise.all(
      actors.map((a, i) => sendAsGuest(ctxOf(a), { clientId: `gc-open-${i}-0000`, text: 'Hello' })),
    );
    const staff = await staffActorOf(server.ctx.db, agent.id, 'test');
    if (!staff) throw new Error('no staff actor');
    const staffCtx = serviceContext<StaffActor>(server.ctx, staff, noRequest);
    // D's request is taken (staff write to it in the batch); E's stay ended long ago (beyond the grace period)
    await sendAsStaff(staffCtx, {
      conversationId: opened[3]?.conversationId ?? '',
      clientId: 'gc-take-0000',
      text: 'Hi',
    });
    await server.ctx.db
      .update(stays)
      .set({ endedAt: new Date(Date.now() - 30 * 86_400_000), checkOutAt: new Date(Date.now() - 30 * 86_400_000) })
      .where(eq(stays.id, guests[4]?.stayId ?? ''));

    const sizes = watchSends();
    const results = await Promise.allSettled([
      sendAsGuest(ctxOf(actors[0] as GuestActor), { clientId: 'gc-batch-a-0001', text: 'Towels please' }),
      sendAsGuest(ctxOf(actors[1] as GuestActor), { clientId: 'gc-batch-b-0001', text: 'And a pillow' }),
      sendAsGuest(ctxOf(actors[4] as GuestActor), { clientId: 'gc-batch-e-0001', text: 'Still here?' }),
      sendAsGuest(ctxOf(actors[2] as GuestActor), { clientId: 'gc-batch-c-0001', text: 'Taxi at 7' }),
      // the same send twice in one batch: stored once
      sendAsGuest(ctxOf(actors[2] as GuestActor), { clientId: 'gc-batch-c-0001', text: 'Taxi at 7' }),
      sendAsStaff(staffCtx, {
        conversationId: opened[3]?.conversationId ?? '',
        clientId: 'gc-batch-s-0001',
        text: 'Done',
      }),
      // staff answering a queued request takes it: the full transaction, after the batch
      sendAsStaff(staffCtx, {
        conversationId: opened[1]?.conversationId ?? '',
        clientId: 'gc-batch-s-0002',
        text: 'OK',
      }),
    ]);
    expect(results.map(codeOf)).toEqual(['ok', 'ok', 'stay_ended', 'ok', 'ok', 'ok', 'ok']);
    // every send of that moment went out in the first statement
    expect(sizes[0]).toBe(7);

    const value = (i: number) => (results[i] as PromiseFulfilledResult<Awaited<ReturnType<typeof sendAsGuest>>>).value;
    expect(value(0).message).toMatchObject({ seq: 2, body: 'Towels please', senderName: 'A' });
    expect(value(0).view?.c).toMatchObject({ id: opened[0]?.conversationId, lastSeq: 2, staffUnread: 2 });
    expect(value(3).duplicate).toBe(false);
    expect(value(4).duplicate).toBe(true);
    expect(value(4).message.id).toBe(value(3).message.id);
    // D: first message, taken, "Hi", then "Done"
    expect(value(5).message).toMatchObject({ seq: 4, body: 'Done', senderName: 'Anna' });
    expect(value(5).view).toMatchObject({ assigneeName: 'Anna', guestName: 'D', roomNumber: expect.any(String) });
    // B's queued request was taken by the transaction: its "taken" message, then the reply
    expect(value(6).message).toMatchObject({ seq: 4, body: 'OK' });

    const stored = await server.ctx.db
      .select({ clientId: messages.clientId })
      .from(messages)
      .where(
        and(
          inArray(messages.clientId, ['gc-batch-c-0001', 'gc-batch-e-0001']),
          inArray(messages.senderKey, [senderKeyOf(actors[2] as GuestActor), senderKeyOf(actors[4] as GuestActor)]),
        ),
      );
    expect(stored).toEqual([{ clientId: 'gc-batch-c-0001' }]);
  });

  it('numbers many sends to one conversation in one batch in their order, without gaps', async () => {
    const org = await makeOrg(server);
    const agent = await makeStaff(server, org, 'agent', { name: 'Piotr' });
    const guest = await makeGuest(server, org, { name: 'Jan' });
    const actor = await guestActor(guest.token);
    const staff = await staffActorOf(server.ctx.db, agent.id, 'test');
    if (!staff) throw new Error('no staff actor');
    const conversation = await makeConversation(
      server,
      { id: guest.guestId, orgId: org.id, stayId: guest.stayId, name: 'Jan' },
      { status: 'open', assigneeId: agent.id },
    );
    const guestCtx = serviceContext(server.ctx, actor, noRequest);
    const staffCtx = serviceContext<StaffActor>(server.ctx, staff, noRequest);
    await sendAsGuest(guestCtx, { clientId: 'gc-order-warm-0000', text: 'warm' });
    const sizes = watchSends();
    const count = 40;
    const sent = await Promise.all(
      Array.from({ length: count }, (_, i) =>
        i % 2
          ? sendAsStaff(staffCtx, {
              conversationId: conversation.conversation.id,
              clientId: `gc-order-s-${i}-0000`,
              text: `s${i}`,
            })
          : sendAsGuest(guestCtx, { clientId: `gc-order-g-${i}-0000`, text: `g${i}` }),
      ),
    );
    expect(sizes[0]).toBe(count);
    const seqs = sent.map((s) => s.message.seq);
    const first = seqs[0] ?? 0;
    // in the order they were sent, one after another
    expect(seqs).toEqual(Array.from({ length: count }, (_, i) => first + i));
    const rows = await server.ctx.db
      .select({ seq: messages.seq })
      .from(messages)
      .where(eq(messages.conversationId, conversation.conversation.id));
    const all = rows.map((r) => r.seq).sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: all.length }, (_, i) => i + 1));
    const [row] = await server.ctx.db
      .select()
      .from(conversations)
      .where(eq(conversations.id, conversation.conversation.id));
    expect(row?.lastSeq).toBe(all.length);
    // the last ack shows the conversation as its own send left it: staff answered last
    expect(sent[count - 1]?.view?.c).toMatchObject({ lastSeq: all.length, staffUnread: 0 });
  });

  it('writes at most MAX_BATCH sends per statement and the rest in the next', async () => {
    const org = await makeOrg(server);
    const guests = await Promise.all(Array.from({ length: 3 }, () => makeGuest(server, org)));
    const actors = await Promise.all(guests.map((g) => guestActor(g.token)));
    await Promise.all(
      actors.map((a, i) =>
        sendAsGuest(serviceContext(server.ctx, a, noRequest), { clientId: `gc-max-open-${i}`, text: 'hi' }),
      ),
    );
    const sizes = watchSends();
    const total = MAX_BATCH + 10;
    const sent = await Promise.all(
      Array.from({ length: total }, (_, i) =>
        sendAsGuest(serviceContext(server.ctx, actors[i % 3] as GuestActor, noRequest), {
          clientId: `gc-max-${i}-0000`,
          text: `m${i}`,
        }),
      ),
    );
    expect(sizes.slice(0, 2)).toEqual([MAX_BATCH, 10]);
    expect(new Set(sent.map((s) => s.message.id)).size).toBe(total);
    const keys = actors.map((a) => senderKeyOf(a));
    const rows = await server.ctx.db
      .select({ id: messages.id })
      .from(messages)
      .where(and(inArray(messages.senderKey, keys)));
    expect(rows).toHaveLength(total + 3);
  });

  // on PostgreSQL no admission limits socket events, and up to 4 batches run at once
  it.skipIf(usingPostgres)(
    'sends arriving together over sockets go out in batches above the embedded admission limit',
    async () => {
      // only 8 socket events work on the embedded database at once (gateway.ts): a send holding
      // its slot while it waited for its batch kept every batch there at 8 sends or fewer
      const org = await makeOrg(server);
      const guests = await Promise.all(Array.from({ length: 5 }, () => makeGuest(server, org)));
      const sockets = await Promise.all(guests.map((g) => connect(server.url, { token: g.token })));
      try {
        await Promise.all(
          sockets.map((s, i) => ask(s, clientEvents.send, { text: 'hi', clientId: `gc-socket-open-${i}` })),
        );
        const sizes = watchSends();
        const acks = await Promise.all(
          sockets.flatMap((s, i) =>
            Array.from({ length: 12 }, (_, j) =>
              ask(s, clientEvents.send, { text: `m${j}`, clientId: `gc-socket-${i}-${j}-0000` }, 20_000),
            ),
          ),
        );
        expect(acks.filter((a) => !a.ok)).toEqual([]);
        expect(Math.max(...sizes)).toBeGreaterThan(8);
      } finally {
        for (const s of sockets) s.close();
      }
    },
  );
});

describe('group commit whose statement fails', () => {
  it('counts the failed batch and leaves each of its sends to the full transaction', async () => {
    // a database nobody answers for: the batch's statement fails as a whole
    const pool = new pg.Pool({ connectionString: 'postgres://nobody@127.0.0.1:1/nothing', max: 1 });
    const group = new GroupCommit(drizzlePg({ client: pool }) as unknown as Db, 1, writeSendBatch);
    const counted = { failed: 0, fallbacks: 0, held: 0 };
    group.onFailedBatch = () => counted.failed++;
    group.onFallback = () => counted.fallbacks++;
    group.onHeld = () => counted.held++;
    try {
      const send = (clientId: string): BatchedSend => ({
        senderType: 'guest',
        contactId: randomUUID(),
        conversationId: null,
        orgId: null,
        teamIds: null,
        senderName: null,
        senderKey: `guest:${randomUUID()}`,
        clientId,
        body: 'Hello',
        preview: 'Hello',
      });
      expect(await Promise.all([group.submit(send('gc-fail-1')), group.submit(send('gc-fail-2'))])).toEqual([
        null,
        null,
      ]);
      expect(counted).toEqual({ failed: 1, fallbacks: 2, held: 0 });
      expect(group).toMatchObject({ failedBatches: 1, fallbacks: 2, heldSends: 0 });
    } finally {
      await pool.end();
    }
  });
});

describe.runIf(usingPostgres)('group commit beside other transactions', () => {
  it('a send whose conversation another transaction holds goes into a later batch and is stored once', async () => {
    const org = await makeOrg(server);
    const guest = await makeGuest(server, org, { name: 'Ida' });
    const actor = await guestActor(guest.token);
    const ctx = serviceContext(server.ctx, actor, noRequest);
    const first = await sendAsGuest(ctx, { clientId: `gc-held-open-${randomUUID()}`, text: 'Hi' });
    const group = groupCommitOf(server.ctx.db);
    const heldBefore = group.heldSends;
    const heldSeries = 'frontdesk_send_batch_held_total';
    const scrapedBefore = (await scrape(server.url)).value(heldSeries) ?? 0;
    const blocker = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await blocker.connect();
    try {
      await blocker.query('begin');
      await blocker.query('select id from conversations where id = $1 for update', [first.conversationId]);
      const run = randomUUID().slice(0, 8);
      const sends = [1, 2, 3].map((i) => sendAsGuest(ctx, { clientId: `gc-held-${run}-${i}`, text: `m${i}` }));
      // the batch found the row held and did not wait for it
      await eventually(async () => group.heldSends > heldBefore, 10_000);
      await blocker.query('commit');
      const sent = await Promise.all(sends);
      expect(sent.map((s) => s.duplicate)).toEqual([false, false, false]);
      const rows = await server.ctx.db
        .select({ seq: messages.seq })
        .from(messages)
        .where(eq(messages.conversationId, first.conversationId));
      expect(rows.map((r) => r.seq).sort((a, b) => a - b)).toEqual([1, 2, 3, 4]);
      expect(new Set(sent.map((s) => s.message.seq))).toEqual(new Set([2, 3, 4]));
      // the node's metrics counted each time a send found its request held, as the group did
      const held = group.heldSends - heldBefore;
      expect(held).toBeGreaterThan(0);
      expect((await scrape(server.url)).value(heldSeries)).toBe(scrapedBefore + held);
    } finally {
      await blocker.end();
    }
  });
});

// Two nodes, and a node killed mid-batch: processes over the shared PostgreSQL and Redis
const clustered = Boolean(process.env.DATABASE_URL && process.env.REDIS_URL);

describe.runIf(clustered)('group commit on several nodes', () => {
  it('sends to one conversation from sockets on two nodes are numbered once each, without gaps', async () => {
    // bursts above the default send budgets: this test is about numbering, not limits
    const cluster = await startTwoNodes({
      REDIS_URL: process.env.REDIS_URL ?? '',
      CHAT_SEND_MAX_PER_SOCKET: '1000',
      CHAT_SEND_MAX_PER_SENDER: '1000',
    });
    try {
      const { nodeA, nodeB, track, database } = cluster;
      const org = await makeOrg(nodeA);
      const guest = await makeGuest(nodeA, org, { name: 'Ola' });
      const agent = await signInWithToken(nodeB, await makeStaff(nodeB, org, 'agent', { name: 'Kasia' }));
      const guestOnA = track(await connect(nodeA.url, { token: guest.token }));
      const guestOnB = track(await connect(nodeB.url, { token: guest.token }));
      const deskOnA = track(await connect(nodeA.url, { token: agent.token }));
      const deskOnB = track(await connect(nodeB.url, { token: agent.token }));
      const first = await ask(guestOnA, clientEvents.send, { text: 'Hi', clientId: 'gc-nodes-open-0000' });
      const conversationId = first.data.conversation.id;
      expect((await ask(deskOnB, clientEvents.take, { conversationId })).ok).toBe(true);
      const each = 25;
      const acks = await Promise.all(
        [guestOnA, guestOnB, deskOnA, deskOnB].flatMap((socket, s) =>
          Array.from({ length: each }, (_, i) =>
            ask(socket, clientEvents.send, {
              conversationId,
              text: `${s}-${i}`,
              clientId: `gc-nodes-${s}-${i}-0000`,
            }),
          ),
        ),
      );
      expect(acks.filter((a) => !a.ok)).toEqual([]);
      // and the retries of some, on the other node
      const retries = await Promise.all(
        Array.from({ length: 5 }, (_, i) =>
          ask(guestOnB, clientEvents.send, { conversationId, text: `0-${i}`, clientId: `gc-nodes-0-${i}-0000` }),
        ),
      );
      expect(retries.map((r) => r.data.duplicate)).toEqual([true, true, true, true, true]);
      const rows = await database.db
        .select({ seq: messages.seq, clientId: messages.clientId })
        .from(messages)
        .where(eq(messages.conversationId, conversationId));
      // the first message, "taken", and 100 sends
      expect(rows.map((r) => r.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 102 }, (_, i) => i + 1));
      expect(new Set(rows.map((r) => r.clientId)).size).toBe(rows.length);
      const bySeq = new Map(rows.map((r) => [r.seq, r.clientId]));
      for (const ack of acks) expect(bySeq.get(ack.data.message.seq)).toBe(ack.data.message.clientId);
    } finally {
      await cluster.stop();
    }
  }, 120_000);

  it('a node killed with sends waiting on their commit acknowledges none of them; sent again, each is stored once', async () => {
    const env = {
      DATABASE_URL: process.env.DATABASE_URL ?? '',
      REDIS_URL: process.env.REDIS_URL ?? '',
      SESSION_SECRET: 'g'.repeat(64),
      REDIS_PREFIX: `frontdesk-gc-${Date.now()}:`,
      FRONTDESK_DEMO: '0',
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      LOGIN_MAX_PER_IP: '1000000',
      GUEST_CODE_MAX_PER_IP: '1000000',
    };
    const node = await startNode(env, { captureOutput: true });
    const target = { url: node.url, ctx: server.ctx };
    const blocker = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await blocker.connect();
    try {
      const org = await makeOrg(target);
      const guest = await makeGuest(target, org, { name: 'Eva' });
      const socket = await connect(node.url, { token: guest.token });
      const first = await ask(socket, clientEvents.send, { text: 'Hi', clientId: 'gc-kill-open-0000' });
      const conversationId = first.data.conversation.id;
      // another transaction holds the request's row: the batch waits on it, uncommitted
      await blocker.query('begin');
      await blocker.query('select id from conversations where id = $1 for update', [conversationId]);
      const acked: string[] = [];
      const run = randomUUID().slice(0, 8);
      const clientIds = Array.from({ length: 5 }, (_, i) => `gc-kill-${run}-${i}`);
      for (const clientId of clientIds)
        socket.emit(clientEvents.send, { text: clientId, clientId, conversationId }, () => acked.push(clientId));
      // the batches found the row held and went on; the sends then wait for it alone, each in its
      // transaction (seen from outside the blocking transaction, whose view of
      // pg_stat_activity stays as it was when it first looked)
      await eventually(async () => {
        const [row] = await server.ctx.db
          .select({ n: sql<number>`count(*)::int` })
          .from(sql`pg_stat_activity`)
          .where(
            sql`datname = current_database() and wait_event_type = 'Lock' and query like 'select "conversations"."id"%'`,
          );
        return (row?.n ?? 0) > 0;
      }, 10_000);
      node.process.kill('SIGKILL');
      await new Promise((r) => node.process.once('exit', r));
      await blocker.query('commit');
      socket.close();
      expect(acked).toEqual([]);
      // the client sends them again through another node: each is stored once, whether or not the
      // database finished the dead node's statement after it died (its commit came before any ack)
      const again = await connect(server.url, { token: guest.token });
      const resent = await Promise.all(
        clientIds.map((clientId) => ask(again, clientEvents.send, { text: clientId, clientId, conversationId })),
      );
      again.close();
      expect(resent.every((r) => r.ok)).toBe(true);
      const stored = await server.ctx.db
        .select({ seq: messages.seq, clientId: messages.clientId })
        .from(messages)
        .where(eq(messages.conversationId, conversationId));
      expect(stored.map((m) => m.seq).sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6]);
      expect(stored.map((m) => m.clientId).sort()).toEqual(['gc-kill-open-0000', ...clientIds].sort());
    } finally {
      await blocker.end();
      await node.stop();
    }
  }, 120_000);
});
