import { setImmediate as nextTurn } from 'node:timers/promises';
import type { DomainEvent, DomainEventType } from '@frontdesk/protocol';
import { and, count, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { eventConsumers, parkedEvents } from '../../db/schema.js';
import type { EventBus } from '../events.js';
import type { ConsumerLag } from '../metrics.js';
import { backoffMs, takeLeases } from './lease.js';
import {
  type Cursor,
  compareCursors,
  currentHead,
  type LoggedEvent,
  logBehind,
  readLog,
  summarizeMessageLog,
} from './read.js';

/** How often the message log's index is brought up to date (see summarizeMessageLog). */
const SUMMARIZE_EVERY_MS = 1_000;
/** The most events behind a lag reading counts: a consumer further behind reads as this many. */
export const LAG_CAP = 10_000;

/**
 * A durable consumer (webhooks, e-mail, metrics, search): it gets every event of its types at
 * least once, in order per stream, from its own cursor. `handle` must be idempotent by event id:
 * a node that dies after handling and before saving the cursor hands the event over again.
 */
export interface DurableConsumer {
  name: string;
  types: readonly DomainEventType[];
  handle(event: DomainEvent): Promise<void>;
  /**
   * Optional: handles a whole batch at once (one statement for many events, say). When it fails,
   * the batch is handed over again one event at a time through `handle`, with its retries and
   * parking, so it must be just as idempotent.
   */
  handleBatch?(events: DomainEvent[]): Promise<void>;
  /**
   * Optional: the most events one round hands it, for a consumer whose work per event is a call to
   * another service (push, translation) that must end well within its lease. Without it, a consumer
   * that is behind gets up to `catchUpBatches` batches a round.
   */
  readAtMost?: number;
  /** Where a new consumer starts: after what is already committed (default), or at the beginning. */
  startAt?: 'now' | 'beginning';
}

export interface ConsumerSettings {
  node: string;
  /** Tries of one event before it is parked. */
  maxAttempts: number;
  retryBaseMs: number;
  retryMaxMs: number;
  /** How long a node keeps a consumer without renewing; a handler must finish well within it. */
  leaseMs: number;
  batchSize: number;
  /**
   * How many batches one read of a consumer that is behind may take (full reads double up to it);
   * 1, the default, reads one batch at a time. A round's work runs in the node's own thread on the
   * embedded database, where a round of 1,000 events held every socket up.
   */
  catchUpBatches?: number;
  pollMs: number;
  /**
   * How long after this node dispatches an event its consumers wait before reading: a burst of
   * sends is read in one round instead of one round (lease, read, cursor, release) per event.
   */
  gatherMs: number;
  onError?(err: unknown, consumer: string): void;
  /** Told what the consumers do, for the metrics (NodeMetrics implements it). */
  observer?: ConsumerObserver;
}

/** What a node's consumers report as they work: counters only, no awaits. */
export interface ConsumerObserver {
  consumerBatch(consumer: string, size: number): void;
  consumerFailed(consumer: string): void;
  consumerParkedEvent(consumer: string): void;
}

interface ConsumerRow {
  attempts: number;
  cursor_xid: string;
  cursor_source: number;
  cursor_stream: string;
  cursor_position: string;
}

/** What one round of a consumer did. */
export type Round = 'progress' | 'idle' | 'waiting';

/**
 * Runs this node's share of the durable consumers. Each consumer is leased by one node at a time
 * (the lease also fences its cursor: a node that lost it cannot move it), works through a batch
 * and gives the lease back, so any node can continue. A failing event is retried with exponential
 * backoff — the consumer waits, in order — and after `maxAttempts` it is parked with its error and
 * the consumer goes on. Consumers never wait for each other.
 */
export class EventConsumers {
  private timer: NodeJS.Timeout | undefined;
  private gathering: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  /** Consumers to run as soon as the current drain ends. */
  private readonly due = new Set<DurableConsumer>();
  private stopped = false;
  /** How many events each consumer's next read asks for: its batch, or more while it is behind. */
  private readonly readSizes = new Map<string, number>();
  private summarizedAt = 0;
  /** The first page of `messages` this node has not summarized yet. */
  private summarizedTo = 0;

  constructor(
    private readonly db: Db,
    private readonly consumers: readonly DurableConsumer[],
    private readonly settings: ConsumerSettings,
  ) {}

  /** Creates the cursors of consumers seen for the first time. */
  async register(): Promise<void> {
    for (const consumer of this.consumers) {
      const head: Cursor =
        consumer.startAt === 'beginning'
          ? { xid: 0, source: -1, stream: '', position: -1 }
          : await currentHead(this.db);
      await this.db
        .insert(eventConsumers)
        .values({
          name: consumer.name,
          cursorXid: head.xid,
          cursorSource: head.source,
          cursorStream: head.stream,
          cursorPosition: head.position,
        })
        .onConflictDoNothing();
    }
  }

  /**
   * Polls every consumer (for the other nodes' events), and runs the consumers that want an event
   * this node dispatches shortly after it, together with the rest of its burst.
   */
  start(bus: EventBus): void {
    if (!this.consumers.length) return;
    for (const type of new Set(this.consumers.flatMap((c) => c.types))) {
      const wanting = this.consumers.filter((c) => c.types.includes(type));
      bus.subscribe(type, () => this.gather(wanting));
    }
    this.timer = setInterval(() => this.wake(), this.settings.pollMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    clearTimeout(this.gathering);
    await this.running;
  }

  /**
   * How far behind the committed log each consumer is (events and the age of the oldest), and how
   * many events it parked: read from the database, so every node reports the installation's figures.
   */
  async lag(): Promise<ConsumerLag[]> {
    if (!this.consumers.length) return [];
    const names = this.consumers.map((c) => c.name);
    const [rows, parked] = await Promise.all([
      this.db.select().from(eventConsumers).where(inArray(eventConsumers.name, names)),
      this.db
        .select({ consumer: parkedEvents.consumer, n: count() })
        .from(parkedEvents)
        .where(inArray(parkedEvents.consumer, names))
        .groupBy(parkedEvents.consumer),
    ]);
    const now = Date.now();
    return Promise.all(
      rows.map(async (row) => {
        const consumer = this.consumers.find((c) => c.name === row.name);
        const cursor: Cursor = {
          xid: Number(row.cursorXid),
          source: row.cursorSource,
          stream: row.cursorStream,
          position: Number(row.cursorPosition),
        };
        const behind = await logBehind(this.db, cursor, consumer?.types ?? [], LAG_CAP);
        return {
          consumer: row.name,
          events: behind.events,
          seconds: behind.oldest ? Math.max(0, (now - behind.oldest.getTime()) / 1000) : 0,
          parked: Number(parked.find((p) => p.consumer === row.name)?.n ?? 0),
        };
      }),
    );
  }

  private gather(consumers: readonly DurableConsumer[]): void {
    if (this.stopped) return;
    for (const consumer of consumers) this.due.add(consumer);
    if (this.gathering) return;
    this.gathering = setTimeout(() => {
      this.gathering = undefined;
      this.wake([]);
    }, this.settings.gatherMs);
    this.gathering.unref?.();
  }

  /** Runs the given consumers (all by default) and those already due, now or right after the current drain. */
  wake(consumers: readonly DurableConsumer[] = this.consumers): void {
    if (this.stopped) return;
    for (const consumer of consumers) this.due.add(consumer);
    if (this.running || !this.due.size) return;
    const now = [...this.due];
    this.due.clear();
    this.running = this.drain(now)
      .catch((err) => this.settings.onError?.(err, '*'))
      .finally(() => {
        this.running = undefined;
        // events dispatched during the drain wait out their gathering like any burst: back to back,
        // rounds would run as fast as they finish, each with its lease, read and cursor for a few events
        if (!this.gathering) this.wake([]);
      });
  }

  /**
   * Works until none of the consumers can progress (caught up, waiting to retry, or held by another
   * node); a consumer whose round read less than a full batch is caught up and is not read again.
   */
  async drain(consumers: readonly DurableConsumer[] = this.consumers): Promise<void> {
    if (
      Date.now() - this.summarizedAt > SUMMARIZE_EVERY_MS &&
      consumers.some((c) => c.types.includes('message.created'))
    ) {
      this.summarizedAt = Date.now();
      this.summarizedTo = await summarizeMessageLog(this.db, this.summarizedTo);
    }
    let active = consumers;
    for (;;) {
      await nextTurn();
      const rounds = await this.rounds(active);
      if (this.stopped) return;
      active = active.filter((_, i) => rounds[i] === 'progress');
      if (!active.length) return;
    }
  }

  /** One round of one consumer (see rounds). */
  async round(consumer: DurableConsumer): Promise<Round> {
    const [outcome] = await this.rounds([consumer]);
    return outcome ?? 'waiting';
  }

  /**
   * One batch of each consumer this node can take now. Consumers near one place in the log — all
   * that had caught up, as a rule — share one read of it from the earliest of them, each taking its
   * own types after its own place; they come out of it at one place. The cursor moves in memory and
   * is written once, as the lease is given back (lease, shared read, cursor); a node that dies
   * mid-round hands the batch over again, which handlers are ready for (idempotent).
   */
  private async rounds(consumers: readonly DurableConsumer[]): Promise<Round[]> {
    const states = await this.lease(consumers);
    const outcomes = new Map<RoundState, Round>();
    const leased = states.filter((s): s is RoundState => s !== null);
    try {
      await Promise.all(
        readTogether(leased, (c) => this.mostOf(c)).map(async (group) => {
          const rounds = await this.readAndWork(group);
          for (const [i, state] of group.entries()) outcomes.set(state, rounds[i] ?? 'idle');
        }),
      );
    } finally {
      await this.release(leased);
    }
    return states.map((state) => (state ? (outcomes.get(state) ?? 'idle') : 'waiting'));
  }

  /**
   * Takes the leases of those consumers that are free and not waiting to retry, in one statement
   * (a round's bookkeeping is two statements however many consumers it runs: this and `release`);
   * each leased consumer's round starts where its cursor is.
   */
  private async lease(consumers: readonly DurableConsumer[]): Promise<(RoundState | null)[]> {
    const { node, leaseMs } = this.settings;
    const rows = await takeLeases<ConsumerRow & { name: string }>(
      this.db,
      eventConsumers,
      consumers.map((c) => c.name),
      node,
      leaseMs,
      sql`(next_attempt_at is null or next_attempt_at <= now())`,
    );
    const byName = new Map(rows.map((row) => [row.name, row]));
    return consumers.map((consumer) => {
      const row = byName.get(consumer.name);
      if (!row) return null;
      const at: Cursor = {
        xid: Number(row.cursor_xid),
        source: row.cursor_source,
        stream: row.cursor_stream,
        position: Number(row.cursor_position),
      };
      return { consumer, done: at, written: at, failures: row.attempts, writtenAt: Date.now(), held: true };
    });
  }

  /**
   * Writes where each consumer got to (those that moved) and gives every lease still held back, in
   * one statement; a lease lost meanwhile (expired and taken) is left to its new holder.
   */
  private async release(states: readonly RoundState[]): Promise<void> {
    const held = states.filter((s) => s.held);
    if (!held.length) return;
    const places = held.map((s) => ({ name: s.consumer.name, moved: s.done !== s.written, ...s.done }));
    await this.db.execute(sql`update ${eventConsumers} e set
        cursor_xid = case when v.moved then v.xid else e.cursor_xid end,
        cursor_source = case when v.moved then v.source else e.cursor_source end,
        cursor_stream = case when v.moved then v.stream else e.cursor_stream end,
        cursor_position = case when v.moved then v.position else e.cursor_position end,
        attempts = case when v.moved then 0 else e.attempts end,
        last_error = case when v.moved then null else e.last_error end,
        next_attempt_at = case when v.moved then null else e.next_attempt_at end,
        lease_owner = null, lease_until = null
      from jsonb_to_recordset(${JSON.stringify(places)}::jsonb)
        as v(name text, moved boolean, xid bigint, source int, stream text, position bigint)
      where e.name = v.name and e.lease_owner = ${this.settings.node}`);
    for (const state of held) {
      state.written = state.done;
      state.held = false;
    }
  }

  /** The most events a round of `consumer` reads (readTogether groups those with the same). */
  private mostOf(consumer: DurableConsumer): number {
    const { batchSize, catchUpBatches = 1 } = this.settings;
    return Math.min(consumer.readAtMost ?? Number.POSITIVE_INFINITY, batchSize * catchUpBatches);
  }

  /** Reads the log once for a group (earliest first), and works through it with each; every lease goes back. */
  private async readAndWork(group: RoundState[]): Promise<Round[]> {
    const [first] = group;
    if (!first) return [];
    const types = [...new Set(group.flatMap((s) => s.consumer.types))];
    try {
      const { batchSize } = this.settings;
      // a group's consumers take at most the same (readTogether)
      const most = this.mostOf(first.consumer);
      const limit = Math.min(most, Math.max(...group.map((s) => this.readSizes.get(s.consumer.name) ?? batchSize)));
      const read = await readLog(this.db, first.done, types, limit);
      // a read shorter than asked for reached the end of the log
      const full = read.events.length === limit;
      // behind, a read finds every row after its place (the messages' BRIN index) and costs as much
      // for 100 as for 1,000: full reads double, up to catchUpBatches times the batch (bench/README.md, session 19)
      for (const s of group) this.readSizes.set(s.consumer.name, full ? Math.min(limit * 2, most) : batchSize);
      const reached = full ? (read.events.at(-1)?.cursor ?? first.done) : read.caughtUp;
      return await Promise.all(
        group.map((state) => {
          const mine = read.events.filter(
            (logged) =>
              state.consumer.types.includes(logged.event.type) && compareCursors(logged.cursor, state.done) > 0,
          );
          return this.work(state, mine, reached, full ? 'progress' : 'idle');
        }),
      );
    } catch (err) {
      for (const state of group) {
        this.settings.observer?.consumerFailed(state.consumer.name);
        this.settings.onError?.(err, state.consumer.name);
      }
      return group.map(() => 'idle');
    }
  }

  /**
   * Hands one consumer its events of the read, then gives its lease back with the place the read
   * reached once it handled all of them (the read held every event of its types up to there): the
   * last event read, or past the read's horizon when it read to the end of the log. So consumers
   * that read together stay together, and share their next read too.
   */
  private async work(state: RoundState, batch: LoggedEvent[], reached: Cursor, outcome: Round): Promise<Round> {
    const { consumer } = state;
    const { leaseMs } = this.settings;
    let handled = 0;
    try {
      const last = batch.at(-1);
      if (consumer.handleBatch && last && batch.length > 1 && (await this.deliverBatch(consumer, batch))) {
        state.done = last.cursor;
        state.failures = 0;
        handled = batch.length;
      } else {
        for (const logged of batch) {
          if (this.stopped || !state.held) return 'idle';
          // embedded PGlite answers within the same turn: without a pause a backlog of thousands of
          // events would run as one unbroken chain of promises and keep every socket and request waiting
          await nextTurn();
          // a slow batch renews its lease (and saves its place) before the lease could run out
          if (Date.now() - state.writtenAt > leaseMs / 3 && !(await this.renew(state))) return 'idle';
          if ((await this.deliver(state, logged)) === 'retry') return 'waiting';
          handled++;
        }
      }
      if (compareCursors(reached, state.done) > 0) state.done = reached;
      return state.held ? outcome : 'idle';
    } catch (err) {
      this.settings.observer?.consumerFailed(consumer.name);
      this.settings.onError?.(err, consumer.name);
      return 'idle';
    } finally {
      if (handled) this.settings.observer?.consumerBatch(consumer.name, handled);
    }
  }

  /** Writes the round's place (when it moved) and renews the lease; false if it was lost. */
  private async renew(state: RoundState): Promise<boolean> {
    const moved = state.done !== state.written;
    const [updated] = await this.db
      .update(eventConsumers)
      .set({ ...(moved ? this.advance(state.done) : {}), leaseUntil: this.leaseFromNow(this.settings.leaseMs) })
      .where(this.held(state.consumer))
      .returning({ name: eventConsumers.name });
    state.written = state.done;
    state.writtenAt = Date.now();
    state.held = !!updated;
    return !!updated;
  }

  private advance(cursor: Cursor) {
    return {
      cursorXid: cursor.xid,
      cursorSource: cursor.source,
      cursorStream: cursor.stream,
      cursorPosition: cursor.position,
      attempts: 0,
      lastError: null,
      nextAttemptAt: null,
    };
  }

  private leaseFromNow(ms: number) {
    return sql`now() + ${ms} * interval '1 millisecond'`;
  }

  private held(consumer: DurableConsumer) {
    return and(eq(eventConsumers.name, consumer.name), eq(eventConsumers.leaseOwner, this.settings.node));
  }

  /** The batch through `handleBatch`; false to go one by one. */
  private async deliverBatch(consumer: DurableConsumer, batch: LoggedEvent[]): Promise<boolean> {
    try {
      await consumer.handleBatch?.(batch.map((b) => b.event));
      return true;
    } catch {
      return false;
    }
  }

  /**
   * One event through `handle`. A failure is written at once (with the place reached so far): the
   * consumer waits with backoff, or after the last try the event is parked and the consumer goes on.
   */
  private async deliver(state: RoundState, { event, cursor }: LoggedEvent): Promise<'done' | 'retry'> {
    const { consumer } = state;
    const { maxAttempts, leaseMs } = this.settings;
    try {
      await consumer.handle(event);
      state.done = cursor;
      state.failures = 0;
      return 'done';
    } catch (err) {
      this.settings.observer?.consumerFailed(consumer.name);
      const error = err instanceof Error ? err.message : String(err);
      const attempts = state.failures + 1;
      if (attempts >= maxAttempts) {
        const moved = await this.db.transaction(async (tx) => {
          const [updated] = await tx
            .update(eventConsumers)
            .set({ ...this.advance(cursor), leaseUntil: this.leaseFromNow(leaseMs) })
            .where(this.held(consumer))
            .returning({ name: eventConsumers.name });
          if (!updated) return false;
          await tx
            .insert(parkedEvents)
            .values({
              consumer: consumer.name,
              eventId: event.id,
              type: event.type,
              orgId: event.orgId,
              stream: event.stream,
              event: event as unknown as Record<string, unknown>,
              attempts,
              error,
            })
            .onConflictDoNothing();
          return true;
        });
        if (moved) this.settings.observer?.consumerParkedEvent(consumer.name);
        this.settings.onError?.(err, consumer.name);
        state.held = moved;
        state.done = state.written = cursor;
        state.writtenAt = Date.now();
        state.failures = 0;
        return 'done';
      }
      const delay = backoffMs(attempts, this.settings.retryBaseMs, this.settings.retryMaxMs);
      const [updated] = await this.db
        .update(eventConsumers)
        .set({
          ...(state.done !== state.written ? this.advance(state.done) : {}),
          attempts,
          lastError: error,
          lastFailedAt: sql`now()`,
          nextAttemptAt: sql`now() + ${delay} * interval '1 millisecond'`,
        })
        .where(this.held(consumer))
        .returning({ name: eventConsumers.name });
      state.held = !!updated;
      state.written = state.done;
      return 'retry';
    }
  }
}

/**
 * How far behind the most advanced of a group a consumer may be and still read with it: a few
 * seconds of a busy installation's transactions. One further behind (a new index being built from
 * the beginning) reads on its own, and does not hold the others back.
 */
const NEAR_XIDS = 10_000;

/** Groups the rounds that read the log together, each group earliest first. */
function readTogether(states: RoundState[], mostOf: (consumer: DurableConsumer) => number): RoundState[][] {
  // consumers that take at most fewer a round than the others read apart from them (on PostgreSQL,
  // where a consumer behind may take more than a batch); on PGlite every round is one batch, and a
  // read apart was one more query in the node's thread each round (the embedded steady p99 doubled)
  const byMost = new Map<number, RoundState[]>();
  for (const s of states) {
    const most = mostOf(s.consumer);
    byMost.set(most, [...(byMost.get(most) ?? []), s]);
  }
  return [...byMost.values()].flatMap(nearOnePlace);
}

function nearOnePlace(states: RoundState[]): RoundState[][] {
  const latestFirst = [...states].sort((a, b) => compareCursors(b.done, a.done));
  const groups: RoundState[][] = [];
  let group: RoundState[] = [];
  for (const state of latestFirst) {
    const leader = group[0];
    if (leader && leader.done.xid - state.done.xid > NEAR_XIDS) {
      groups.push(group.reverse());
      group = [];
    }
    group.push(state);
  }
  if (group.length) groups.push(group.reverse());
  return groups;
}

/** What one round of a consumer knows: where it got, what the row holds, whether it still holds it. */
interface RoundState {
  consumer: DurableConsumer;
  /** After the last event handled. */
  done: Cursor;
  /** The cursor in the row. */
  written: Cursor;
  /** Failed tries of the next event so far. */
  failures: number;
  writtenAt: number;
  held: boolean;
}
