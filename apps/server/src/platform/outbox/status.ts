import type { EventConsumerStatus } from '@frontdesk/protocol';
import { asc, desc, lte, sql } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { eventConsumers, parkedEvents } from '../../db/schema.js';
import type { StaffActor } from '../actor.js';
import { forbidden } from '../errors.js';

/** Every durable consumer of the installation, with the events it parked: the platform owner's to see. */
export async function listEventConsumers(db: Db, actor: StaffActor, limit: number): Promise<EventConsumerStatus[]> {
  if (!actor.superadmin) throw forbidden('Only a platform super admin can do this');
  const consumers = await db.select().from(eventConsumers).orderBy(asc(eventConsumers.name));
  // the latest `limit` of each consumer, in one query
  const ranked = db
    .select({
      consumer: parkedEvents.consumer,
      eventId: parkedEvents.eventId,
      type: parkedEvents.type,
      orgId: parkedEvents.orgId,
      stream: parkedEvents.stream,
      attempts: parkedEvents.attempts,
      error: parkedEvents.error,
      parkedAt: parkedEvents.parkedAt,
      rank: sql<number>`row_number() over (partition by ${parkedEvents.consumer} order by ${parkedEvents.parkedAt} desc)`.as(
        'rank',
      ),
    })
    .from(parkedEvents)
    .as('ranked');
  const parked = await db.select().from(ranked).where(lte(ranked.rank, limit)).orderBy(desc(ranked.parkedAt));
  return consumers.map((c) => ({
    name: c.name,
    attempts: c.attempts,
    lastError: c.lastError,
    nextAttemptAt: c.nextAttemptAt?.toISOString() ?? null,
    heldBy: c.leaseUntil && c.leaseUntil > new Date() ? c.leaseOwner : null,
    parked: parked
      .filter((p) => p.consumer === c.name)
      .map((p) => ({
        eventId: p.eventId,
        type: p.type,
        orgId: p.orgId,
        stream: p.stream,
        attempts: p.attempts,
        error: p.error,
        parkedAt: p.parkedAt.toISOString(),
      })),
  }));
}
