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

/**
 * The next events after `cursor`, oldest first, of the given types. Only rows of transactions
 * older than every transaction still running are read: a bigserial position alone is not
 * commit-ordered (a lower one can commit after a higher one was read), a transaction id below
 * the snapshot's xmin is — nothing can commit behind the cursor any more. Rows of one stream are
 * written under that stream's row lock, so their transactions, and so their xids, follow each
 * other in the stream's order.
 */
export async function readAfter(
  db: Db,
  cursor: Cursor,
  types: readonly DomainEventType[],
  limit: number,
): Promise<LoggedEvent[]> {
  // each source is cut to the batch on its own (then merged), so a consumer far behind sorts little
  const key = (source: number, stream: SQL, position: SQL) =>
    sql`xid >= ${cursor.xid}::bigint and xid < (select h from horizon)
        and (xid, ${source}::int, ${stream}, ${position}) > (${cursor.xid}::bigint, ${cursor.source}::int, ${cursor.stream}::text, ${cursor.position}::bigint)
        order by xid, ${stream}, ${position} limit ${limit}`;
  const outboxTypes = types.filter((t) => t !== 'message.created');
  const parts: SQL[] = [];
  if (outboxTypes.length)
    parts.push(sql`(
      select xid, ${OUTBOX}::int as source, stream, position, id, type, version, org_id, occurred_at, data
      from domain_events
      where type in (${sql.join(
        outboxTypes.map((t) => sql`${t}`),
        sql`, `,
      )}) and ${key(OUTBOX, sql`stream`, sql`position`)})`);
  if (types.includes('message.created'))
    parts.push(sql`(
      select xid, ${MESSAGES}::int, 'conversation:' || conversation_id, seq::bigint, id, 'message.created', 1, org_id,
             created_at, jsonb_build_object(
               'conversationId', conversation_id, 'messageId', id, 'seq', seq,
               'sender', jsonb_build_object('type', sender_type, 'id', sender_id, 'name', sender_name),
               'text', body, 'event', event)
      from messages
      where ${key(MESSAGES, sql`('conversation:' || conversation_id)`, sql`seq::bigint`)})`);
  if (!parts.length) return [];
  const rows = await rowsOf<{
    xid: string;
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
        select xid::text, source, stream, position::text, id, type, version, org_id, occurred_at, data
        from (${sql.join(parts, sql` union all `)}) as log (xid, source, stream, position, id, type, version, org_id, occurred_at, data)
        -- the log's own columns: bare names would be the text columns selected above (10 before 9)
        order by log.xid, log.source, log.stream, log.position
        limit ${limit}`,
  );
  return rows.map((r) => ({
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
  }));
}

/**
 * Summarizes the page ranges of `messages` written since the last time into its BRIN index on
 * xid, so that reading the message log scans only recent pages. PostgreSQL's autovacuum does it
 * too; PGlite has no autovacuum, so the consumers of `message.created` do it now and then.
 */
export async function summarizeMessageLog(db: Db): Promise<void> {
  await db.execute(sql`select brin_summarize_new_values('messages_xid_idx')`);
}

export async function rowsOf<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
