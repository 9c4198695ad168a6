import type { EventConsumerStatus } from '@frontdesk/protocol';
import { asc, desc, inArray } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { eventConsumers, parkedEvents } from '../../db/schema.js';
import type { StaffActor } from '../actor.js';
import { forbidden } from '../errors.js';

const PARKED_SHOWN = 100;

/** Every durable consumer of the installation, with the events it parked: the platform owner's to see. */
export async function listEventConsumers(db: Db, actor: StaffActor): Promise<EventConsumerStatus[]> {
  if (!actor.superadmin) throw forbidden('Only a platform super admin can do this');
  const consumers = await db.select().from(eventConsumers).orderBy(asc(eventConsumers.name));
  const parked = consumers.length
    ? await db
        .select()
        .from(parkedEvents)
        .where(
          inArray(
            parkedEvents.consumer,
            consumers.map((c) => c.name),
          ),
        )
        .orderBy(desc(parkedEvents.parkedAt))
    : [];
  return consumers.map((c) => ({
    name: c.name,
    attempts: c.attempts,
    lastError: c.lastError,
    nextAttemptAt: c.nextAttemptAt?.toISOString() ?? null,
    heldBy: c.leaseUntil && c.leaseUntil > new Date() ? c.leaseOwner : null,
    parked: parked
      .filter((p) => p.consumer === c.name)
      .slice(0, PARKED_SHOWN)
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
