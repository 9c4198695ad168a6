import { and, desc, eq, gt, gte, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { conversations } from '../../db/schema.js';
import { queueOrder } from '../conversations/index.js';

/** A team's queue: the requests of the organization routed to it, or to none (`teamId` null). */
export interface QueueKey {
  orgId: string;
  teamId: string | null;
}

export interface QueuedPlace {
  conversationId: string;
  guestId: string | null;
  visitorId: string | null;
  /** 1 for the next request the team will pick up. */
  position: number;
}

/** The pace is read from this many of the team's latest pick-ups … */
const PACE_SAMPLE = 10;
/** … within this window; fewer than `PACE_MIN` in it and no estimate is given. */
const PACE_WINDOW_MS = 2 * 3600_000;
const PACE_MIN = 3;

const sameQueue = ({ orgId, teamId }: QueueKey) =>
  and(eq(conversations.orgId, orgId), teamId ? eq(conversations.teamId, teamId) : isNull(conversations.teamId));

/** Everyone waiting in the queue, with their place in the order the desk works it. */
export async function queuedPlaces(db: Db, key: QueueKey): Promise<QueuedPlace[]> {
  const rows = await db
    .select({
      conversationId: conversations.id,
      guestId: conversations.guestId,
      visitorId: conversations.visitorId,
      position: sql<number>`(row_number() over (order by ${sql.join(queueOrder, sql`, `)}))::int`,
    })
    .from(conversations)
    .where(and(sameQueue(key), eq(conversations.status, 'queued')))
    .orderBy(...queueOrder);
  return rows;
}

/**
 * A pace read is used again for this long by the node: the pace moves slowly, and reading it costs
 * a sort of every request the team picked up lately — 4.8 ms a read at 10,000 guests, where the
 * queue's places were told twice a second (bench/README.md, session 24). A queue with no pace yet
 * is read each time, so its first estimate comes with the pick-up that makes it.
 */
const PACE_REUSE_MS = 10_000;

/** The last ten pick-ups of a queue as read: how many, the oldest, and when they were read. */
interface PaceRead {
  readAt: number;
  count: number;
  oldest: number;
}

const paceReads = new WeakMap<Db, Map<string, PaceRead>>();

/**
 * How long the team has recently taken per request picked up from its queue: the time since the
 * oldest of its last ten pick-ups (within two hours), divided by their number. Null when it has
 * picked up too few lately to say.
 */
export async function pickUpPaceMs(db: Db, key: QueueKey, now = new Date()): Promise<number | null> {
  const reads = paceReads.get(db) ?? new Map<string, PaceRead>();
  paceReads.set(db, reads);
  const id = `${key.orgId}|${key.teamId ?? ''}`;
  let read: PaceRead | null = reads.get(id) ?? null;
  if (!read || now.getTime() - read.readAt >= PACE_REUSE_MS || now.getTime() < read.readAt) {
    read = await readPickUps(db, key, now);
    if (read) reads.set(id, read);
    else reads.delete(id);
  }
  return read ? Math.max(0, now.getTime() - read.oldest) / read.count : null;
}

/** The queue's latest pick-ups, or null when there are too few of them to give a pace. */
async function readPickUps(db: Db, key: QueueKey, now: Date): Promise<PaceRead | null> {
  const since = new Date(now.getTime() - PACE_WINDOW_MS);
  const recent = await db
    .select({ pickedAt: conversations.pickedAt })
    .from(conversations)
    .where(
      and(
        sameQueue(key),
        // picked up: it left the queue, with a system line at that moment (so active since then)
        inArray(conversations.status, ['open', 'resolved']),
        gte(conversations.lastMessageAt, since),
        isNotNull(conversations.pickedAt),
        gt(conversations.pickedAt, since),
      ),
    )
    .orderBy(desc(conversations.pickedAt))
    .limit(PACE_SAMPLE);
  const oldest = recent.at(-1)?.pickedAt;
  if (recent.length < PACE_MIN || !oldest) return null;
  return { readAt: now.getTime(), count: recent.length, oldest: oldest.getTime() };
}

/** The wait to expect at `position`, in whole seconds, at the team's pace (null without one). */
export function estimatedWaitSeconds(position: number, paceMs: number | null): number | null {
  return paceMs === null ? null : Math.round((position * paceMs) / 1000);
}
