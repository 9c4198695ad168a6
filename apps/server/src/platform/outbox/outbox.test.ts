import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DomainEvent } from '@frontdesk/protocol';
import { eq, inArray, type SQL, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { makeOrg, makeStaff, makeStay, makeSuperadmin, signIn, type TestOrg } from '../../../test/factories.js';
import { startTestServer, type TestServer, uniqueSuffix, usingPostgres } from '../../../test/harness.js';
import { type Database, type Db, openDatabase } from '../../db/connection.js';
import { eventConsumers, jobs, messages, parkedEvents } from '../../db/schema.js';
import { sendAsGuest } from '../../modules/conversations/index.js';
import type { GuestActor } from '../actor.js';
import { noRequest, serviceContext } from '../service-context.js';
import { type ConsumerSettings, type DurableConsumer, EventConsumers } from './consumers.js';
import { JobRunner } from './job-runner.js';

const settings = (node: string, over: Partial<ConsumerSettings> = {}): ConsumerSettings => ({
  node,
  maxAttempts: 3,
  retryBaseMs: 20,
  retryMaxMs: 60_000,
  leaseMs: 60_000,
  batchSize: 5,
  pollMs: 60_000,
  gatherMs: 10,
  ...over,
});

/** A consumer that keeps what it received of one organization (the database may be shared with other tests). */
function recorder(
  name: string,
  org: TestOrg,
  types: DurableConsumer['types'],
  onEvent?: (e: DomainEvent) => Promise<void>,
) {
  const received: DomainEvent[] = [];
  const consumer: DurableConsumer = {
    name,
    types,
    handle: async (event) => {
      if (event.orgId !== org.id) return;
      // every event a consumer gets honours the public contract, whichever table it came from
      DomainEvent.parse(event);
      await onEvent?.(event);
      received.push(event);
    },
  };
  return { consumer, received };
}

async function guestOf(server: TestServer, org: TestOrg): Promise<{ actor: GuestActor; stayId: string }> {
  const { stay, guest } = await makeStay(server, org);
  return {
    stayId: stay.id,
    actor: { kind: 'guest', orgId: org.id, guestId: guest.id, stayId: stay.id, sessionId: 'test', access: 'active' },
  };
}

/** The database, counting each read of the event log that goes through it. */
function countingReads(db: Db, count: () => void): Db {
  const textOf = (query: SQL) =>
    (db as unknown as { dialect: { sqlToQuery(q: SQL): { sql: string } } }).dialect.sqlToQuery(query).sql;
  return new Proxy(db, {
    get(target, key) {
      if (key === 'execute')
        return (query: SQL) => {
          if (textOf(query).includes('left join lateral')) count();
          return target.execute(query);
        };
      const value = Reflect.get(target, key);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

async function forgetConsumers(db: Db, names: string[]) {
  await db.delete(eventConsumers).where(inArray(eventConsumers.name, names));
}

describe('a node that stops between commit and dispatch', () => {
  it('loses nothing: a durable consumer started afterwards gets each event exactly once', async () => {
    // PGlite keeps its files in a folder the next node opens; PostgreSQL is shared anyway
    const env: Record<string, string> = usingPostgres
      ? {}
      : { DATA_DIR: mkdtempSync(join(tmpdir(), 'frontdesk-outbox-')) };
    const name = `test-after-crash-${uniqueSuffix()}`;
    const first = recorder(name, { id: 'none', slug: '', name: '' }, ['message.created', 'stay.ended']);
    const nodeA = await startTestServer({}, env, { consumers: [first.consumer] });
    const org = await makeOrg(nodeA);
    const admin = await signIn(nodeA, await makeStaff(nodeA, org, 'admin'));
    const { actor, stayId } = await guestOf(nodeA, org);
    const dispatched: unknown[] = [];
    nodeA.ctx.events.subscribe('stay.ended', (e) => void dispatched.push(e));
    nodeA.ctx.events.subscribe('message.created', (e) => void dispatched.push(e));

    // the node dies right after its commits: nothing is dispatched, its consumers run no more
    await nodeA.background.stop();
    nodeA.ctx.events.stop();
    const sent = await sendAsGuest(serviceContext(nodeA.ctx, actor, noRequest), {
      clientId: `c-${uniqueSuffix()}`,
      text: 'Towels, please',
    });
    expect((await admin.post(`/api/v1/stays/${stayId}/check-out`)).status).toBe(200);
    expect(dispatched).toEqual([]);
    await nodeA.close();

    const second = recorder(name, org, ['message.created', 'stay.ended']);
    const nodeB = await startTestServer({}, env, { consumers: [second.consumer] });
    try {
      await nodeB.background.consumers.drain();
      await nodeB.background.consumers.drain();
      expect(second.received.map((e) => [e.type, e.data])).toEqual([
        [
          'message.created',
          {
            conversationId: sent.conversationId,
            messageId: sent.message.id,
            seq: 1,
            sender: { type: 'guest', id: actor.kind === 'guest' ? actor.guestId : null, name: 'Test Guest' },
            text: 'Towels, please',
            event: null,
          },
        ],
        ['stay.ended', { stayId, roomId: expect.any(String), reason: 'checked_out' }],
      ]);
      expect(second.received[0]?.id).toBe(sent.message.id);
      expect(second.received[1]?.stream).toBe(`stay:${stayId}`);
    } finally {
      await forgetConsumers(nodeB.ctx.db, [name]);
      await nodeB.close();
    }
  });
});

describe('durable consumers', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server?.close());

  it('retries a failing consumer with growing delays and parks the event after the last try, while another keeps going', async () => {
    const org = await makeOrg(server);
    const admin = await signIn(server, await makeStaff(server, org, 'admin'));
    const failingName = `test-failing-${uniqueSuffix()}`;
    const tries = new Map<string, number>();
    const failing = recorder(failingName, org, ['stay.ended'], async (event) => {
      tries.set(event.id, (tries.get(event.id) ?? 0) + 1);
      throw new Error('the receiver answered 500');
    });
    const healthy = recorder(`test-healthy-${uniqueSuffix()}`, org, ['stay.ended']);
    const runner = new EventConsumers(server.ctx.db, [failing.consumer, healthy.consumer], settings('node-1'));
    await runner.register();
    const stays = [await makeStay(server, org), await makeStay(server, org)];
    for (const { stay } of stays) await admin.post(`/api/v1/stays/${stay.id}/check-out`);

    const state = async () => {
      const [row] = await server.ctx.db.select().from(eventConsumers).where(eq(eventConsumers.name, failingName));
      return row;
    };
    const parked = () => server.ctx.db.select().from(parkedEvents).where(eq(parkedEvents.consumer, failingName));
    const delays: number[] = [];
    let lastAttempts = 0;
    try {
      // one batch at a time (a round stops at the first failure), so every failure is seen
      await runner.round(failing.consumer);
      while ((await runner.round(healthy.consumer)) === 'progress');
      // the healthy consumer is not held up by the failing one
      expect(healthy.received.map((e) => e.data)).toEqual(
        stays.map(({ stay }) => ({ stayId: stay.id, roomId: stay.roomId, reason: 'checked_out' })),
      );
      for (;;) {
        const row = await state();
        if (row?.attempts && row.attempts !== lastAttempts && row.nextAttemptAt && row.lastFailedAt) {
          delays.push(row.nextAttemptAt.getTime() - row.lastFailedAt.getTime());
          expect(row.lastError).toBe('the receiver answered 500');
        }
        lastAttempts = row?.attempts ?? 0;
        if ((await parked()).length === 2) break;
        await sleep(10);
        await runner.round(failing.consumer);
      }
      // two failures before each parking, the second retry waiting twice as long as the first
      expect(delays).toEqual([20, 40, 20, 40]);
      expect([...tries.values()]).toEqual([3, 3]);
      const parkedRows = await parked();
      expect(parkedRows.map((p) => [p.type, p.attempts, p.error]).sort()).toEqual([
        ['stay.ended', 3, 'the receiver answered 500'],
        ['stay.ended', 3, 'the receiver answered 500'],
      ]);
      expect((await state())?.attempts).toBe(0);

      // and the platform owner sees them
      const owner = await signIn(server, await makeSuperadmin(server));
      const listed = await owner.get('/api/v1/platform/event-consumers');
      expect(listed.status).toBe(200);
      const mine = listed.body.consumers.find((c: { name: string }) => c.name === failingName);
      expect(mine.parked.map((p: { eventId: string }) => p.eventId).sort()).toEqual([...tries.keys()].sort());
      expect(mine.parked[0]).toMatchObject({ type: 'stay.ended', orgId: org.id, error: 'the receiver answered 500' });
    } finally {
      await forgetConsumers(server.ctx.db, [failingName, healthy.consumer.name]);
    }
  });

  it('takes a batch at once when the consumer can, and goes one by one, with retries, when the batch fails', async () => {
    const org = await makeOrg(server);
    const admin = await signIn(server, await makeStaff(server, org, 'admin'));
    const name = `test-batch-${uniqueSuffix()}`;
    const batches: string[][] = [];
    const singles: string[] = [];
    let failBatches = false;
    const ours = (events: DomainEvent[]) => events.filter((e) => e.orgId === org.id).map((e) => e.id);
    const consumer: DurableConsumer = {
      name,
      types: ['stay.ended'],
      handle: async (event) => {
        if (event.orgId === org.id) singles.push(event.id);
      },
      handleBatch: async (events) => {
        if (failBatches && ours(events).length) throw new Error('the bulk insert failed');
        batches.push(ours(events));
      },
    };
    const runner = new EventConsumers(server.ctx.db, [consumer], settings('node-1', { batchSize: 10 }));
    await runner.register();
    try {
      const checkOut = async (n: number) => {
        for (let i = 0; i < n; i++) {
          const { stay } = await makeStay(server, org);
          await admin.post(`/api/v1/stays/${stay.id}/check-out`);
        }
      };
      await checkOut(3);
      while ((await runner.round(consumer)) === 'progress');
      expect(batches.flat()).toHaveLength(3);
      expect(batches.filter((b) => b.length > 0)).toHaveLength(1);
      expect(singles).toEqual([]);

      failBatches = true;
      await checkOut(2);
      while ((await runner.round(consumer)) === 'progress');
      // the failed batch went through `handle`, each event once, and the cursor moved past them
      expect(singles).toHaveLength(2);
      expect(batches.flat()).toHaveLength(3);
      const [row] = await server.ctx.db.select().from(eventConsumers).where(eq(eventConsumers.name, name));
      expect(row?.attempts).toBe(0);
    } finally {
      await forgetConsumers(server.ctx.db, [name]);
    }
  });

  it('runs only the consumers that want an event this node dispatched, and reads a burst of them in one round', async () => {
    const org = await makeOrg(server);
    const { actor } = await guestOf(server, org);
    const suffix = uniqueSuffix();
    const messagesSeen = recorder(`test-gather-messages-${suffix}`, org, ['message.created']);
    const staysSeen = recorder(`test-gather-stays-${suffix}`, org, ['stay.ended']);
    // the burst is gathered until the test says it is over (a real node waits gatherMs)
    const runner = new EventConsumers(
      server.ctx.db,
      [messagesSeen.consumer, staysSeen.consumer],
      settings('node-1', { batchSize: 100, gatherMs: 3_600_000 }),
    );
    await runner.register();
    const drains: string[][] = [];
    const drain = runner.drain.bind(runner);
    runner.drain = (consumers) => {
      drains.push((consumers ?? []).map((c) => c.name));
      return drain(consumers);
    };
    runner.start(server.ctx.events);
    try {
      for (const text of ['Towels, please', 'Two of them', 'Thanks']) {
        await sendAsGuest(serviceContext(server.ctx, actor, noRequest), { clientId: `c-${uniqueSuffix()}`, text });
      }
      await sleep(50);
      expect(drains).toEqual([]);
      runner.wake([]);
      await vi.waitFor(() => expect(messagesSeen.received).toHaveLength(3));
      // one drain of the one consumer that wants messages: its one read (of up to 100) got all three
      expect(drains).toEqual([[messagesSeen.consumer.name]]);
      expect(staysSeen.received).toEqual([]);
    } finally {
      await runner.stop();
      await forgetConsumers(server.ctx.db, [messagesSeen.consumer.name, staysSeen.consumer.name]);
    }
  });

  it('events dispatched during a drain wait for their gathering: rounds do not run back to back', async () => {
    const org = await makeOrg(server);
    const { actor } = await guestOf(server, org);
    const seen = recorder(`test-spaced-${uniqueSuffix()}`, org, ['message.created']);
    // the gathering never ends by itself: only the test's wake runs a round
    const runner = new EventConsumers(server.ctx.db, [seen.consumer], settings('node-1', { gatherMs: 3_600_000 }));
    await runner.register();
    const send = (text: string) =>
      sendAsGuest(serviceContext(server.ctx, actor, noRequest), { clientId: `c-${uniqueSuffix()}`, text });
    let drains = 0;
    const drain = runner.drain.bind(runner);
    runner.drain = async (consumers) => {
      // the second message is dispatched while the first drain runs
      if (++drains === 1) await send('Also a pillow');
      return drain(consumers);
    };
    runner.start(server.ctx.events);
    try {
      await send('Towels, please');
      runner.wake([]);
      await vi.waitFor(() => expect(seen.received.length).toBeGreaterThanOrEqual(1));
      await sleep(100);
      expect(drains).toBe(1);
      runner.wake([]);
      await vi.waitFor(() => expect(seen.received).toHaveLength(2));
      expect(drains).toBe(2);
    } finally {
      await runner.stop();
      await forgetConsumers(server.ctx.db, [seen.consumer.name]);
    }
  });

  it('reads the log once for consumers near one place: each gets its own types, and they come out at one place', async () => {
    const org = await makeOrg(server);
    const { actor } = await guestOf(server, org);
    const suffix = uniqueSuffix();
    const messagesSeen = recorder(`test-shared-messages-${suffix}`, org, ['message.created']);
    const routedSeen = recorder(`test-shared-routed-${suffix}`, org, ['conversation.routed']);
    let reads = 0;
    const runner = new EventConsumers(
      countingReads(server.ctx.db, () => reads++),
      [messagesSeen.consumer, routedSeen.consumer],
      settings('node-1', { batchSize: 100 }),
    );
    await runner.register();
    const placeOf = async (consumer: DurableConsumer) => {
      const [row] = await server.ctx.db.select().from(eventConsumers).where(eq(eventConsumers.name, consumer.name));
      return [row?.cursorXid, row?.cursorSource, row?.cursorStream, row?.cursorPosition];
    };
    const send = (text: string) =>
      sendAsGuest(serviceContext(server.ctx, actor, noRequest), { clientId: `c-${uniqueSuffix()}`, text });
    try {
      await send('Towels, please');
      await send('Two of them');
      await runner.drain();
      expect(reads).toBe(1);
      expect(messagesSeen.received.map((e) => e.type === 'message.created' && e.data.text)).toEqual([
        'Towels, please',
        'Two of them',
      ]);
      expect(routedSeen.received.map((e) => e.type)).toEqual(['conversation.routed']);
      // both moved past what they read, to one place: their next read is one read again
      expect(await placeOf(messagesSeen.consumer)).toEqual(await placeOf(routedSeen.consumer));
      await send('Thanks');
      await runner.drain();
      expect(reads).toBe(2);
      expect(messagesSeen.received).toHaveLength(3);
      expect(routedSeen.received).toHaveLength(1);
    } finally {
      await forgetConsumers(server.ctx.db, [messagesSeen.consumer.name, routedSeen.consumer.name]);
    }
  });

  it.skipIf(!usingPostgres)(
    'never reads past a transaction still running, so an event committed later cannot overtake it',
    async () => {
      const org = await makeOrg(server);
      const [early, late] = [await guestOf(server, org), await guestOf(server, org)];
      const name = `test-horizon-${uniqueSuffix()}`;
      const { consumer, received } = recorder(name, org, ['message.created']);
      const runner = new EventConsumers(server.ctx.db, [consumer], settings('node-1'));
      await runner.register();
      const slow = await openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir: '' });
      let release = () => {};
      const gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      let wrote = () => {};
      const written = new Promise<void>((resolve) => {
        wrote = resolve;
      });
      try {
        // writes first (so its transaction id is the lower one) and commits last
        const slowSend = serviceContext({ ...server.ctx, db: slow.db }, early.actor, noRequest).transact(async (tx) => {
          const sent = await sendAsGuest(tx, {
            clientId: `early-${uniqueSuffix()}`,
            text: 'early',
          });
          wrote();
          await gate;
          return sent;
        });
        await written;
        await sendAsGuest(serviceContext(server.ctx, late.actor, noRequest), {
          clientId: `late-${uniqueSuffix()}`,
          text: 'late',
        });
        await runner.drain();
        expect(received).toEqual([]);
        release();
        await slowSend;
        while (received.length < 2) {
          await runner.drain();
          await sleep(10);
        }
        expect(received.map((e) => e.type === 'message.created' && e.data.text)).toEqual(['early', 'late']);
      } finally {
        release();
        await forgetConsumers(server.ctx.db, [name]);
        await slow.close();
      }
    },
  );

  it('gives the server its turn while it works through a backlog (embedded PGlite answers within the same turn)', async () => {
    const org = await makeOrg(server);
    const { actor } = await guestOf(server, org);
    const name = `test-backlog-${uniqueSuffix()}`;
    const { consumer, received } = recorder(name, org, ['message.created']);
    const runner = new EventConsumers(server.ctx.db, [consumer], settings('node-1', { batchSize: 50 }));
    await runner.register();
    try {
      // a backlog: 200 messages written at once, as an import or a node down for a while leaves
      const sent = await sendAsGuest(serviceContext(server.ctx, actor, noRequest), {
        clientId: `c-${uniqueSuffix()}`,
        text: 'Towels, please',
      });
      await server.ctx.db.execute(sql`
        insert into ${messages} (org_id, conversation_id, seq, sender_type, body)
        select ${org.id}, ${sent.conversationId}, 1 + n, 'staff', 'Update ' || n from generate_series(1, 200) n`);
      let handledWhenTimerRan = -1;
      setTimeout(() => {
        handledWhenTimerRan = received.length;
      }, 0);
      await runner.drain();
      // each once, in the stream's order (seq 10 after 9, not after 1)
      expect(received.map((e) => (e.data as { seq: number }).seq)).toEqual(
        Array.from({ length: 201 }, (_, i) => i + 1),
      );
      // a timer (a socket, a request) ran while the consumer was still at it
      expect(handledWhenTimerRan).toBeGreaterThanOrEqual(0);
      expect(handledWhenTimerRan).toBeLessThan(201);
    } finally {
      await forgetConsumers(server.ctx.db, [name]);
    }
  });

  it('reads more at a time while it is behind, and its own batch again once it caught up', async () => {
    const org = await makeOrg(server);
    const { actor } = await guestOf(server, org);
    const name = `test-catch-up-${uniqueSuffix()}`;
    const { consumer, received } = recorder(name, org, ['message.created']);
    // one that calls another service per event takes no more than it says a round
    const slow = recorder(`${name}-slow`, org, ['message.created']);
    slow.consumer.readAtMost = 30;
    const handled = new Map<string, number[]>();
    const runnerOf = (c: DurableConsumer) =>
      new EventConsumers(
        server.ctx.db,
        [c],
        settings('node-1', {
          batchSize: 50,
          catchUpBatches: 10,
          observer: {
            consumerBatch: (who, size) => handled.set(who, [...(handled.get(who) ?? []), size]),
            consumerFailed: () => {},
            consumerParkedEvent: () => {},
          },
        }),
      );
    const runner = runnerOf(consumer);
    const slowRunner = runnerOf(slow.consumer);
    await runner.register();
    await slowRunner.register();
    try {
      const sent = await sendAsGuest(serviceContext(server.ctx, actor, noRequest), {
        clientId: `c-${uniqueSuffix()}`,
        text: 'Towels, please',
      });
      const backlog = (from: number, n: number) =>
        server.ctx.db.execute(sql`
          insert into ${messages} (org_id, conversation_id, seq, sender_type, body)
          select ${org.id}, ${sent.conversationId}, n, 'staff', 'Update ' || n from generate_series(${from}::int, ${from + n - 1}::int) n`);
      const seqs = (events: DomainEvent[]) => events.map((e) => (e.data as { seq: number }).seq);
      const upTo = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
      // a reader behind by thousands read 100 at a time, each read costing the whole backlog's scan
      // (bench/README.md, session 19): full reads double, up to ten times the batch
      await backlog(2, 400);
      await runner.drain();
      expect(seqs(received)).toEqual(upTo(401));
      expect(handled.get(name)?.slice(0, 3)).toEqual([50, 100, 200]);
      handled.set(name, []);
      await backlog(402, 60);
      await runner.drain();
      expect(seqs(received)).toEqual(upTo(461));
      expect(handled.get(name)?.[0]).toBe(50);

      await slowRunner.drain();
      expect(seqs(slow.received)).toEqual(upTo(461));
      expect(Math.max(...(handled.get(slow.consumer.name) ?? []))).toBe(30);
    } finally {
      await forgetConsumers(server.ctx.db, [name, slow.consumer.name]);
    }
  });

  it('is handled by one node at a time: two nodes on one stream never handle an event twice, and keep its order', async () => {
    const org = await makeOrg(server);
    const { actor } = await guestOf(server, org);
    const name = `test-two-nodes-${uniqueSuffix()}`;
    // two nodes: two connection pools on PostgreSQL; on PGlite (one process by nature) two runners
    const extra: Database[] = usingPostgres
      ? await Promise.all([1, 2].map(() => openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir: '' })))
      : [];
    const dbs = usingPostgres ? extra.map((d) => d.db) : [server.ctx.db, server.ctx.db];
    const handled: { node: string; seq: number; id: string }[] = [];
    let inside = 0;
    let overlapped = false;
    const runners = dbs.map((db, i) => {
      const node = `node-${i + 1}`;
      const { consumer } = recorder(name, org, ['message.created'], async (event) => {
        inside++;
        if (inside > 1) overlapped = true;
        await sleep(1); // long enough for the other node to try its luck
        inside--;
        if (event.type === 'message.created') handled.push({ node, seq: event.data.seq, id: event.id });
      });
      return new EventConsumers(db, [consumer], settings(node));
    });
    try {
      await Promise.all(runners.map((r) => r.register()));
      const total = 20;
      let done = false;
      // both nodes work while the guest is still writing
      const working = runners.map(async (runner) => {
        while (!done) {
          await runner.drain();
          await sleep(2);
        }
        await runner.drain();
      });
      for (let i = 0; i < total; i++)
        await sendAsGuest(serviceContext(server.ctx, actor, noRequest), {
          clientId: `two-nodes-${i}-${uniqueSuffix()}`,
          text: `m${i}`,
        });
      while (handled.length < total) await sleep(10);
      done = true;
      await Promise.all(working);
      expect(overlapped).toBe(false);
      expect(handled.map((h) => h.seq)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
      expect(new Set(handled.map((h) => h.id)).size).toBe(total);
    } finally {
      await forgetConsumers(server.ctx.db, [name]);
      await Promise.all(extra.map((d) => d.close()));
    }
  });
});

describe('the job runner', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server?.close());

  it('runs a due job on one node only, and retries a failed run sooner with a growing delay', async () => {
    const name = `test-job-${uniqueSuffix()}`;
    const extra: Database[] = usingPostgres
      ? await Promise.all([1, 2].map(() => openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir: '' })))
      : [];
    const dbs = usingPostgres ? extra.map((d) => d.db) : [server.ctx.db, server.ctx.db];
    let runs = 0;
    let fail = true;
    const runners = dbs.map(
      (db, i) =>
        new JobRunner(
          db,
          [
            {
              name,
              everyMs: 60 * 60_000,
              run: async () => {
                runs++;
                await sleep(5);
                if (fail) throw new Error('mail server away');
              },
            },
          ],
          { node: `node-${i + 1}`, tickMs: 60_000, leaseMs: 60_000, retryBaseMs: 30_000 },
        ),
    );
    try {
      await Promise.all(runners.map((r) => r.register()));
      const ran = await Promise.all(runners.map((r) => r.runDue()));
      expect(runs).toBe(1);
      expect(ran.flat()).toEqual([name]);
      const [failed] = await server.ctx.db.select().from(jobs).where(eq(jobs.name, name));
      expect(failed).toMatchObject({ attempts: 1, lastError: 'mail server away', leaseOwner: null });
      // retried after 30 s, not after the hour of its schedule; nothing is due before that
      const retryIn = (failed?.nextRunAt.getTime() ?? 0) - (failed?.lastRunAt?.getTime() ?? 0);
      expect(retryIn).toBe(30_000);
      expect((await Promise.all(runners.map((r) => r.runDue()))).flat()).toEqual([]);
      await server.ctx.db
        .update(jobs)
        .set({ nextRunAt: new Date(0) })
        .where(eq(jobs.name, name));
      fail = false;
      await Promise.all(runners.map((r) => r.runDue()));
      const [succeeded] = await server.ctx.db.select().from(jobs).where(eq(jobs.name, name));
      expect(runs).toBe(2);
      expect(succeeded).toMatchObject({ attempts: 0, lastError: null });
      expect((succeeded?.nextRunAt.getTime() ?? 0) - (succeeded?.lastRunAt?.getTime() ?? 0)).toBe(60 * 60_000);
    } finally {
      await server.ctx.db.delete(jobs).where(eq(jobs.name, name));
      await Promise.all(extra.map((d) => d.close()));
    }
  });
});
