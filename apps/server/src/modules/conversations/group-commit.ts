import { sql } from 'drizzle-orm';
import { PgTransaction } from 'drizzle-orm/pg-core';
import { PgliteDatabase } from 'drizzle-orm/pglite';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../db/connection.js';
import { fromJson } from '../../db/json-rows.js';
import { preparedOnce } from '../../db/prepared.js';
import { conversations, messages } from '../../db/schema.js';
import type { ConversationRow, ConversationView, MessageRow } from './views.js';
import { selectViewDetails } from './views.js';

/** One common send (a guest's reply to their request, staff answering one taken): see 0041_send_batch.sql. */
export interface BatchedSend {
  senderType: 'guest' | 'visitor' | 'staff';
  /** The guest, visitor or staff user writing. */
  contactId: string;
  /** Null: a guest's current request. */
  conversationId: string | null;
  /** Staff: their organization. */
  orgId: string | null;
  /** Staff under team visibility: the teams they see; null when they see every request. */
  teamIds: readonly string[] | null;
  /** Staff: their name as the message shows it (a guest's is read from their stay). */
  senderName: string | null;
  senderKey: string;
  clientId: string;
  body: string;
  preview: string;
}

export interface Stored {
  message: MessageRow;
  conversation: ConversationRow;
  view: ConversationView;
}

/** How many sends one statement writes at most, and how many such statements a node runs at once. */
export const MAX_BATCH = 64;
const CONCURRENT_BATCHES = { postgres: 4, pglite: 1 };

interface Waiting<I, R> {
  send: I;
  done: (stored: R | null) => void;
  /** Batches that found its conversation held by another transaction. */
  busy: number;
}

/** What a batch did with one send: wrote it, could not (null), or found its conversation held. */
export type Outcome<R> = R | null | 'busy';

/** Writes a batch in one statement and one commit: an outcome per item, in their order. */
export type WriteBatch<I, R> = (db: Db, items: readonly I[]) => Promise<Outcome<R>[]>;

/** How often a send whose conversation is held goes into a later batch before it waits alone. */
const BUSY_TRIES = 5;
const BUSY_DELAY_MS = 2;
/** How long batches may follow one another before the next waits for the event loop's turn. */
const CHAIN_MS = 100;

/**
 * Group commit: the common sends that arrive together are written by one statement in one
 * transaction — one round trip and one WAL flush for the batch — and each is acknowledged only after
 * that commit.
 *
 * No window is waited for. A send goes out with the sends of the same turn of the event loop (a
 * socket read often brings several) as soon as fewer than `CONCURRENT_BATCHES` statements are
 * running; while they run, the sends that arrive wait and go out together in the next (up to
 * `MAX_BATCH`). An idle node writes each send at once; a busy one writes more per commit.
 *
 * A send the statement could not write (see the SQL) resolves to null and its caller runs the full
 * transaction for it alone: one bad send fails only itself. A send whose conversation another
 * transaction holds (a batch of another node, a request being taken) goes into a later batch, a few
 * milliseconds on, ahead of what arrived meanwhile; the sender's later sends wait for it, so their
 * order holds. After `BUSY_TRIES` it resolves to null and waits for the lock alone. When the whole statement fails (a
 * concurrent retry of the same client id on another node, the database going away), every send of
 * the batch resolves to null, nothing of it was written, and each is tried alone.
 */
export class GroupCommit<I extends { senderKey: string }, R> {
  private waiting: Waiting<I, R>[] = [];
  /** Senders with a send waiting to try again: their later sends stay behind it. */
  private retrying = new Map<string, number>();
  private running = 0;
  private scheduled = false;
  /** When the event loop last started this group's batches (see `pump`). */
  private pumpedAt = 0;
  /** Sizes of the batches written, for the node's metrics. */
  onBatch?: (size: number) => void;
  /** Batches whose statement failed as a whole (their sends then went one by one). */
  failedBatches = 0;
  /** Sends that found their conversation held by another transaction, each time they did. */
  heldSends = 0;
  /** Sends this group did not write, left to their caller's full transaction (or a first message's statement). */
  fallbacks = 0;
  /** The three counts above as they happen, for the node's metrics. */
  onFailedBatch?: () => void;
  onHeld?: () => void;
  onFallback?: () => void;
  log?: Pick<FastifyBaseLogger, 'warn'>;
  /** What the items are, in the log's words. */
  what = 'sends';

  /** With `onePerSender`: the senders of the batches running now. */
  private inFlight = new Set<string>();

  /**
   * `write` writes a batch. `onePerSender`, for statements that cannot see what their own rows or a
   * concurrent batch's wrote: a sender's second item waits for the batch with their first to commit,
   * then goes into the next.
   */
  constructor(
    private readonly db: Db,
    private readonly concurrency: number,
    private readonly write: WriteBatch<I, R>,
    private readonly onePerSender = false,
  ) {}

  submit(send: I): Promise<R | null> {
    return new Promise((done) => {
      this.waiting.push({ send, done, busy: 0 });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.pumpedAt = performance.now();
      this.pump();
    });
  }

  /**
   * The next batch: the oldest sends, but none of a sender whose earlier send waits to try again
   * (nor, with `onePerSender`, a sender's second, nor one of a sender in a running batch).
   */
  private take(): Waiting<I, R>[] {
    if (!this.retrying.size && !this.onePerSender) return this.waiting.splice(0, MAX_BATCH);
    const batch: Waiting<I, R>[] = [];
    const rest: Waiting<I, R>[] = [];
    const inBatch = new Set<string>();
    for (const w of this.waiting) {
      const key = w.send.senderKey;
      const joins =
        batch.length < MAX_BATCH &&
        !this.retrying.has(key) &&
        !(this.onePerSender && (inBatch.has(key) || this.inFlight.has(key)));
      if (joins && this.onePerSender) inBatch.add(key);
      (joins ? batch : rest).push(w);
    }
    this.waiting = rest;
    for (const key of inBatch) this.inFlight.add(key);
    return batch;
  }

  /** Sends of one batch whose conversations were held: into a later batch, in their order. */
  private retry(again: Waiting<I, R>[]): void {
    for (const w of again) this.retrying.set(w.send.senderKey, (this.retrying.get(w.send.senderKey) ?? 0) + 1);
    setTimeout(
      () => {
        for (const w of again) {
          const left = (this.retrying.get(w.send.senderKey) ?? 1) - 1;
          if (left) this.retrying.set(w.send.senderKey, left);
          else this.retrying.delete(w.send.senderKey);
        }
        this.waiting.unshift(...again);
        this.schedule();
      },
      BUSY_DELAY_MS * Math.max(...again.map((w) => w.busy)),
    );
  }

  /** A send this group does not write: its caller writes it another way. */
  private fallBack(w: Waiting<I, R>): void {
    this.fallbacks++;
    this.onFallback?.();
    w.done(null);
  }

  private pump(): void {
    while (this.running < this.concurrency && this.waiting.length) {
      const batch = this.take();
      if (!batch.length) return;
      this.running++;
      this.onBatch?.(batch.length);
      void this.write(
        this.db,
        batch.map((w) => w.send),
      )
        .catch((err: unknown) => {
          this.failedBatches++;
          this.onFailedBatch?.();
          this.log?.warn({ err, size: batch.length }, `a batch of ${this.what} failed as a whole: each is tried alone`);
          return batch.map(() => null);
        })
        .then((outcomes) => {
          const again: Waiting<I, R>[] = [];
          for (const [i, w] of batch.entries()) {
            const outcome = outcomes[i] ?? null;
            if (outcome === 'busy') {
              this.heldSends++;
              this.onHeld?.();
              if (++w.busy < BUSY_TRIES) again.push(w);
              else this.fallBack(w);
            } else if (outcome) w.done(outcome);
            else this.fallBack(w);
          }
          if (again.length) this.retry(again);
        })
        .finally(() => {
          this.running--;
          if (this.onePerSender) for (const w of batch) this.inFlight.delete(w.send.senderKey);
          // sends wait here holding no admission slot (SocketApi.onSelfAdmitted): on the embedded
          // database a queue of hundreds would run batch after batch in microtasks, with no socket
          // read, timer or ping in between (see Admission). Straight on for a while, then after the
          // event loop's turn; always waiting for the turn cost a steady load its p99 (bench)
          if (performance.now() - this.pumpedAt < CHAIN_MS) this.pump();
          else this.schedule();
        });
    }
  }
}

const inTransaction = (db: Db): boolean => db instanceof PgTransaction;

/**
 * One kind of write by group commit, with a group per database made on first use: `write` writes
 * an item with the node's others of the moment, or at once inside the caller's transaction (a quick
 * action or a lead that sends as part of something bigger); `of` is the group, for the node's log
 * and metrics and for tests.
 */
export function groupCommitted<I extends { senderKey: string }, R>(
  writeBatch: WriteBatch<I, R>,
  opts: { what: string; onePerSender?: boolean },
) {
  const groups = new WeakMap<Db, GroupCommit<I, R>>();
  const of = (db: Db): GroupCommit<I, R> => {
    let group = groups.get(db);
    if (!group) {
      group = new GroupCommit(db, batchesAtOnce(db), writeBatch, opts.onePerSender);
      group.what = opts.what;
      groups.set(db, group);
    }
    return group;
  };
  const write = async (db: Db, item: I): Promise<R | null> => {
    if (!inTransaction(db)) return of(db).submit(item);
    const [outcome] = await writeBatch(db, [item]);
    return outcome && outcome !== 'busy' ? outcome : null;
  };
  return { of, write };
}

const sendGroup = groupCommitted(writeSendBatch, { what: 'sends' });
/** Writes one common send (see GroupCommit). */
export const writeSend = sendGroup.write;
/** The group of sends on `db`. */
export const groupCommitOf = sendGroup.of;

const p = (name: string) => sql.placeholder(name);

interface SentRow {
  idx: number;
  /** Null: its conversation was held by another transaction. */
  message: Record<string, unknown> | null;
  conversation: Record<string, unknown>;
}

/**
 * The batch's statement: the function writes the sends; each conversation written to comes back
 * once with the view the acks and the fan-out show and, in order, each send's message and the
 * conversation as that send left it. The view's joins read the snapshot from before the statement:
 * right for contact, room, assignee and team, which a send does not change. The planner expects one
 * row of the function (migration 0050) and joins the views by the written conversations (`in`, not
 * `= any(array(…))`, which it takes for ten): each view is then probed by primary keys instead of
 * hashing every stay and stay guest of the installation (send-batch-plan.test.ts).
 */
export function sendBatchQuery(db: Db) {
  const sent = db
    .$with('sent', { conversationId: sql<string>`conversation_id` })
    .as(sql`select * from frontdesk_send_batch(${p('sends')}::jsonb, ${p('now')}::timestamptz)`);
  return selectViewDetails(db.with(sent), {
    sends: sql<SentRow[]>`(select jsonb_agg(jsonb_build_object('idx', s.idx, 'message', s.message,
        'conversation', s.conversation) order by s.idx) from ${sent} s where s.conversation_id = ${conversations.id})`.as(
      'sends',
    ),
  }).where(sql`${conversations.id} in (select conversation_id from ${sent})`);
}

const buildBatch = (db: Db) => sendBatchQuery(db).prepare('frontdesk_send_batch');

const statements = new WeakMap<Db, Map<'send', ReturnType<typeof buildBatch>>>();

/** How many batch statements of one group a node runs at once on `db`. */
const batchesAtOnce = (db: Db): number =>
  db instanceof PgliteDatabase ? CONCURRENT_BATCHES.pglite : CONCURRENT_BATCHES.postgres;

export async function writeSendBatch(db: Db, batch: readonly BatchedSend[]): Promise<Outcome<Stored>[]> {
  const statement = preparedOnce(statements, db, 'send', buildBatch);
  const sends = batch.map((send, idx) => ({
    idx,
    sender_type: send.senderType,
    contact_id: send.contactId,
    conversation_id: send.conversationId,
    org_id: send.orgId,
    team_ids: send.teamIds,
    sender_name: send.senderName,
    sender_key: send.senderKey,
    client_id: send.clientId,
    body: send.body,
    preview: send.preview,
  }));
  const rows = await statement.execute({ sends: JSON.stringify(sends), now: new Date().toISOString() });
  const stored: Outcome<Stored>[] = batch.map(() => null);
  for (const { sends: written, ...view } of rows) {
    for (const s of written ?? []) {
      if (!s.message) {
        stored[s.idx] = 'busy';
        continue;
      }
      const conversation = fromJson(conversations, s.conversation) as ConversationRow;
      stored[s.idx] = {
        message: fromJson(messages, s.message) as MessageRow,
        conversation,
        view: { ...view, c: conversation },
      };
    }
  }
  return stored;
}
