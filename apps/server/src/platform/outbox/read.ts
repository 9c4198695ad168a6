import type { DomainEvent, DomainEventType } from '@frontdesk/protocol';
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';

/**
 * Where a consumer is in the log: the key of the last event it finished. The log is ordered by
 * (xid, source, stream, position): the writing transaction's id, then the outbox (0) before the
 * messages table (1), then the event's place within its transaction.
 */
export interface Cursor {
  xid: number;
  source: number;
  stream: string;
  position: number;
}

export interface LoggedEvent {
  cursor: Cursor;
  event: DomainEvent;
}

const OUTBOX = 0;
const MESSAGES = 1;

/** The oldest transaction still running: every row written by an older one is final (committed or gone). */
const horizon = sql`(pg_snapshot_xmin(pg_current_snapshot())::text::bigint)`;

/** A new consumer's starting point: after everything committed so far, before anything still running. */
export async function currentHead(db: Db): Promise<Cursor> {
  const rows = await rowsOf<{ xid: string }>(db, sql`select ${horizon}::text as xid`);
  return { xid: Number(rows[0]?.xid) - 1, source: MESSAGES + 1, stream: '', position: 0 };
}

/** A read of the log: the events, and the horizon it read below. */
export interface LogRead {
  events: LoggedEvent[];
  /**
   * Where a reader that got fewer events than it asked for may move its cursor: past every
   * transaction older than the read's horizon, none of which can add an event any more. Readers
   * that have caught up so share one place, and so one read (see consumers.ts).
   */
  caughtUp: Cursor;
}

/** The place just past every transaction below `horizon`. */
const pastTransactionsBelow = (horizon: number): Cursor => ({
  xid: horizon - 1,
  source: MESSAGES + 1,
  stream: '',
  position: 0,
});

/** Orders two places in the log. */
export function compareCursors(a: Cursor, b: Cursor): number {
  return (
    a.xid - b.xid ||
    a.source - b.source ||
    (a.stream < b.stream ? -1 : a.stream > b.stream ? 1 : 0) ||
    a.position - b.position
  );
}

/**
 * One select a source of the log (the outbox, the messages table) that holds any of `types`: of
 * its rows after `cursor` and below the horizon (a `horizon` table the caller's query provides),
 * `columns` of the first `limit` in the log's order, for the caller to union. Each source is cut
 * to the batch on its own (then merged), so a consumer far behind sorts little.
 */
function logSources(
  cursor: Cursor,
  types: readonly DomainEventType[],
  limit: number,
  columns: { outbox: SQL; messages: SQL },
): SQL[] {
  const key = (source: number, stream: SQL, position: SQL) =>
    sql`xid >= ${cursor.xid}::bigint and xid < (select h from horizon)
        and (xid, ${source}::int, ${stream}, ${position}) > (${cursor.xid}::bigint, ${cursor.source}::int, ${cursor.stream}::text, ${cursor.position}::bigint)
        order by xid, ${stream}, ${position} limit ${limit}`;
  const outboxTypes = types.filter((t) => t !== 'message.created');
  const parts: SQL[] = [];
  if (outboxTypes.length)
    parts.push(sql`(
      select ${columns.outbox}
      from domain_events
      where type in (${sql.join(
        outboxTypes.map((t) => sql`${t}`),
        sql`, `,
      )}) and ${key(OUTBOX, sql`stream`, sql`position`)})`);
  // the rows are chosen by their keys alone, then read: a reader behind by thousands of messages
  // (the BRIN index finds every one after its place) sorted each with its whole payload built, 27 ms
  // a read of 100 with 3,600 behind, and 8 ms so (bench/README.md, session 19)
  if (types.includes('message.created'))
    parts.push(sql`(
      select ${columns.messages}
      from messages
      where ctid = any(array(
        select ctid from messages
        where ${key(MESSAGES, sql`('conversation:' || conversation_id)`, sql`seq::bigint`)})))`);
  return parts;
}

/**
 * The next events after `cursor`, oldest first, of the given types. Only rows of transactions
 * older than every transaction still running are read: a bigserial position alone is not
 * commit-ordered (a lower one can commit after a higher one was read), a transaction id below
 * the snapshot's xmin is — nothing can commit behind the cursor any more. Rows of one stream are
 * written under that stream's row lock, so their transactions, and so their xids, follow each
 * other in the stream's order.
 */
export async function readLog(
  db: Db,
  cursor: Cursor,
  types: readonly DomainEventType[],
  limit: number,
): Promise<LogRead> {
  const parts = logSources(cursor, types, limit, {
    outbox: sql`xid, ${OUTBOX}::int as source, stream, position, id, type, version, org_id, occurred_at, data`,
    messages: sql`xid, ${MESSAGES}::int, 'conversation:' || conversation_id, seq::bigint, id, 'message.created', 1, org_id,
             created_at, jsonb_build_object(
               'conversationId', conversation_id, 'messageId', id, 'seq', seq,
               'sender', jsonb_build_object('type', sender_type, 'id', sender_id, 'name', sender_name),
               'text', body, 'event', event)`,
  });
  if (!parts.length) return { events: [], caughtUp: cursor };
  // the horizon comes back on a row of its own when no event does (the left join keeps it)
  const rows = await rowsOf<{
    horizon: string;
    xid: string | null;
    source: number;
    stream: string;
    position: string;
    id: string;
    type: string;
    version: number;
    org_id: string | null;
    occurred_at: Date | string;
    data: Record<string, unknown>;
  }>(
    db,
    sql`with horizon as (select ${horizon} as h)
        select horizon.h::text as horizon, log.xid::text as xid, log.source, log.stream, log.position::text as position,
               log.id, log.type, log.version, log.org_id, log.occurred_at, log.data
        from horizon left join lateral (
          select * from (${sql.join(parts, sql` union all `)}) as log (xid, source, stream, position, id, type, version, org_id, occurred_at, data)
          -- the log's own columns: bare names would be the text columns selected above (10 before 9)
          order by log.xid, log.source, log.stream, log.position
          limit ${limit}
        ) as log on true
        order by log.xid, log.source, log.stream, log.position`,
  );
  const events = rows.flatMap((r): LoggedEvent[] =>
    r.xid === null
      ? []
      : [
          {
            cursor: { xid: Number(r.xid), source: r.source, stream: r.stream, position: Number(r.position) },
            event: {
              id: r.id,
              type: r.type,
              version: r.version,
              orgId: r.org_id,
              stream: r.stream,
              occurredAt: new Date(r.occurred_at).toISOString(),
              data: r.data,
            } as DomainEvent,
          },
        ],
  );
  const past = pastTransactionsBelow(Number(rows[0]?.horizon));
  return { events, caughtUp: compareCursors(past, cursor) > 0 ? past : cursor };
}

/** How far a reader at `cursor` is behind the committed log, for the lag metrics. */
export interface LogBehind {
  /** Committed events of the types after the cursor, at most `cap`. */
  events: number;
  /** When the first of them occurred; null when there is none. */
  oldest: Date | null;
}

/**
 * Counts (up to `cap`) the committed events of `types` after `cursor`, and finds when the first of
 * them occurred: the same rows `readLog` would hand over, without their data. Cheap for a reader
 * near the head (the xid bounds use the indexes); a reader far behind costs at most `cap` rows.
 */
export async function logBehind(
  db: Db,
  cursor: Cursor,
  types: readonly DomainEventType[],
  cap: number,
): Promise<LogBehind> {
  const parts = logSources(cursor, types, cap, { outbox: sql`occurred_at`, messages: sql`created_at` });
  if (!parts.length) return { events: 0, oldest: null };
  const [row] = await rowsOf<{ events: number | string; oldest: Date | string | null }>(
    db,
    sql`with horizon as (select ${horizon} as h)
        select count(*) as events, min(log.at) as oldest
        from (${sql.join(parts, sql` union all `)}) as log (at)`,
  );
  return {
    events: Math.min(Number(row?.events ?? 0), cap),
    oldest: row?.oldest ? new Date(row.oldest) : null,
  };
}

/**
 * Summarizes the full page ranges of `messages` written since `fromPage` into its BRIN index on
 * xid, so that reading the message log scans only the newest pages; the range still being filled
 * is left alone (an insert into an unsummarized range touches no index). PGlite has no
 * autovacuum, and PostgreSQL's would summarize a minute late at best. Gives up rather than wait
 * for a lock (a running VACUUM holds it: waiting would get it cancelled). Returns where the next
 * call starts.
 */
export async function summarizeMessageLog(db: Db, fromPage: number): Promise<number> {
  return db
    .transaction(async (tx) => {
      await tx.execute(sql`set local lock_timeout = '100ms'`);
      const [row] = await rowsOf<{ next: string }>(
        tx,
        sql`with full_ranges as (
              -- the last page's range is the one being filled: the full ones start a range before it
              select (pg_relation_size('messages') / current_setting('block_size')::bigint - 1)
                     / ${RANGE_PAGES} * ${RANGE_PAGES} - ${RANGE_PAGES} as last_start)
            select coalesce(max(b), ${fromPage - RANGE_PAGES}) + ${RANGE_PAGES} as next,
                   count(brin_summarize_range('messages_xid_idx', b)) as ranges
            from full_ranges, generate_series(${fromPage}::bigint, last_start, ${RANGE_PAGES}) as b`,
      );
      return Number(row?.next ?? fromPage);
    })
    .catch(() => fromPage);
}

/** Pages per range of the messages' BRIN index on xid (schema.ts). */
const RANGE_PAGES = 16;

export async function rowsOf<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
