import { setImmediate as nextTurn } from 'node:timers/promises';
import type { DomainEvent, DomainEventType } from '@frontdesk/protocol';
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { eventConsumers, parkedEvents } from '../../db/schema.js';
import type { EventBus } from '../events.js';
import { backoffMs, releaseLease, takeLease } from './lease.js';
import { type Cursor, currentHead, type LoggedEvent, readAfter, summarizeMessageLog } from './read.js';

/** How often the message log's index is brought up to date (see summarizeMessageLog). */
const SUMMARIZE_EVERY_MS = 60_000;

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
  pollMs: number;
  onError?(err: unknown, consumer: string): void;
}

interface ConsumerRow {
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
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;
  private summarizedAt = 0;

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

  /** Polls, and runs at once when this node dispatches an event a consumer wants. */
  start(bus: EventBus): void {
    if (!this.consumers.length) return;
    for (const type of new Set(this.consumers.flatMap((c) => c.types))) bus.subscribe(type, () => this.wake());
    this.timer = setInterval(() => this.wake(), this.settings.pollMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
  }

  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain()
      .catch((err) => this.settings.onError?.(err, '*'))
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.wake();
        }
      });
  }

  /** Works until no consumer can progress (caught up, waiting to retry, or held by another node). */
  async drain(): Promise<void> {
    if (
      Date.now() - this.summarizedAt > SUMMARIZE_EVERY_MS &&
      this.consumers.some((c) => c.types.includes('message.created'))
    ) {
      this.summarizedAt = Date.now();
      await summarizeMessageLog(this.db);
    }
    for (;;) {
      await nextTurn();
      const rounds = await Promise.all(this.consumers.map((c) => this.round(c)));
      if (this.stopped || !rounds.includes('progress')) return;
    }
  }

  /** One batch of one consumer, if this node can take it now. */
  async round(consumer: DurableConsumer): Promise<Round> {
    const { node, leaseMs } = this.settings;
    const row = await takeLease<ConsumerRow>(
      this.db,
      eventConsumers,
      consumer.name,
      node,
      leaseMs,
      sql`(next_attempt_at is null or next_attempt_at <= now())`,
    );
    if (!row) return 'waiting';
    try {
      let cursor: Cursor = {
        xid: Number(row.cursor_xid),
        source: row.cursor_source,
        stream: row.cursor_stream,
        position: Number(row.cursor_position),
      };
      const batch = await readAfter(this.db, cursor, consumer.types, this.settings.batchSize);
      const last = batch.at(-1);
      if (consumer.handleBatch && last && batch.length > 1 && (await this.deliverBatch(consumer, batch, last))) {
        return 'progress';
      }
      for (const logged of batch) {
        if (this.stopped) return 'idle';
        // embedded PGlite answers within the same turn: without a pause a backlog of thousands of
        // events would run as one unbroken chain of promises and keep every socket and request waiting
        await nextTurn();
        const outcome = await this.deliver(consumer, logged);
        if (outcome === 'retry') return 'waiting';
        if (outcome === 'lost') return 'idle';
        cursor = logged.cursor;
      }
      return batch.length ? 'progress' : 'idle';
    } catch (err) {
      this.settings.onError?.(err, consumer.name);
      return 'idle';
    } finally {
      await releaseLease(this.db, eventConsumers, consumer.name, node);
    }
  }

  /** The batch through `handleBatch`, then the cursor after its last event; false to go one by one. */
  private async deliverBatch(consumer: DurableConsumer, batch: LoggedEvent[], last: LoggedEvent): Promise<boolean> {
    try {
      await consumer.handleBatch?.(batch.map((b) => b.event));
    } catch {
      return false;
    }
    const [updated] = await this.db
      .update(eventConsumers)
      .set({
        cursorXid: last.cursor.xid,
        cursorSource: last.cursor.source,
        cursorStream: last.cursor.stream,
        cursorPosition: last.cursor.position,
        attempts: 0,
        lastError: null,
        nextAttemptAt: null,
        leaseUntil: sql`now() + ${this.settings.leaseMs} * interval '1 millisecond'`,
      })
      .where(and(eq(eventConsumers.name, consumer.name), eq(eventConsumers.leaseOwner, this.settings.node)))
      .returning({ name: eventConsumers.name });
    // a node that lost the lease leaves the cursor to its new holder (what it did is idempotent)
    return !!updated;
  }

  private async deliver(consumer: DurableConsumer, { event, cursor }: LoggedEvent): Promise<'done' | 'retry' | 'lost'> {
    const { node, leaseMs, maxAttempts } = this.settings;
    const held = and(eq(eventConsumers.name, consumer.name), eq(eventConsumers.leaseOwner, node));
    const advance = {
      cursorXid: cursor.xid,
      cursorSource: cursor.source,
      cursorStream: cursor.stream,
      cursorPosition: cursor.position,
      attempts: 0,
      lastError: null,
      nextAttemptAt: null,
      leaseUntil: sql`now() + ${leaseMs} * interval '1 millisecond'`,
    };
    try {
      await consumer.handle(event);
    } catch (err) {
      const error = err instanceof Error ? err.message : String(err);
      // the failures so far are in the row: read them under the same fence
      const [state] = await this.db.select({ attempts: eventConsumers.attempts }).from(eventConsumers).where(held);
      if (!state) return 'lost';
      const attempts = state.attempts + 1;
      if (attempts >= maxAttempts) {
        const moved = await this.db.transaction(async (tx) => {
          const [updated] = await tx
            .update(eventConsumers)
            .set(advance)
            .where(held)
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
        this.settings.onError?.(err, consumer.name);
        return moved ? 'done' : 'lost';
      }
      const delay = backoffMs(attempts, this.settings.retryBaseMs, this.settings.retryMaxMs);
      await this.db
        .update(eventConsumers)
        .set({
          attempts,
          lastError: error,
          lastFailedAt: sql`now()`,
          nextAttemptAt: sql`now() + ${delay} * interval '1 millisecond'`,
        })
        .where(held);
      return 'retry';
    }
    const [updated] = await this.db
      .update(eventConsumers)
      .set(advance)
      .where(held)
      .returning({ name: eventConsumers.name });
    return updated ? 'done' : 'lost';
  }
}
