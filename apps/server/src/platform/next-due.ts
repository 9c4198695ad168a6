import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/connection.js';
import { rowsOf } from './outbox/read.js';

/**
 * Milliseconds until the earliest time `due` selects (0 when it has passed), or null when it
 * selects none. `due` is a query of one timestamp column, such as a queue's `next_attempt_at`.
 *
 * Null must stay null: PostgreSQL's `greatest(0, null)` is 0, and a sender that read "due now"
 * from an empty queue woke itself every few milliseconds, forever.
 */
export async function msUntilNextDue(db: Db, due: SQL): Promise<number | null> {
  const [next] = await rowsOf<{ wait: string | null }>(
    db,
    sql`select (extract(epoch from min(due.at) - now()) * 1000)::text as wait from (${due}) as due(at)`,
  );
  return next?.wait == null ? null : Math.max(0, Number(next.wait));
}
