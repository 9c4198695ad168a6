import { type QueuePosition, serverEvents } from '@frontdesk/protocol';
import { and, eq } from 'drizzle-orm';
import { conversations } from '../../db/schema.js';
import type { GuestActor } from '../../platform/actor.js';
import type { ServiceContext } from '../../platform/service-context.js';
import type { SocketHandlers } from '../../realtime/socket-events.js';
import { estimatedWaitSeconds, pickUpPaceMs, queuedPlaces } from './positions.js';

/** The guest's waiting request's place in its queue, if one of theirs is waiting. */
export async function placeOfGuest(ctx: ServiceContext<GuestActor>): Promise<QueuePosition | null> {
  const { db, actor } = ctx;
  const [waiting] = await db
    .select({ id: conversations.id, orgId: conversations.orgId, teamId: conversations.teamId })
    .from(conversations)
    .where(
      and(
        eq(conversations.orgId, actor.orgId),
        actor.kind === 'guest'
          ? eq(conversations.guestId, actor.guestId)
          : eq(conversations.visitorId, actor.visitorId),
        eq(conversations.status, 'queued'),
      ),
    )
    .limit(1);
  if (!waiting) return null;
  const key = { orgId: waiting.orgId, teamId: waiting.teamId };
  const [places, pace] = await Promise.all([queuedPlaces(db, key), pickUpPaceMs(db, key)]);
  const place = places.find((p) => p.conversationId === waiting.id);
  if (!place) return null;
  return {
    conversationId: waiting.id,
    position: place.position,
    estimatedWaitSeconds: estimatedWaitSeconds(place.position, pace),
  };
}

/** A guest (re)connecting with a request waiting is told its place at once; later moves come by the listeners. */
export const queueSockets: SocketHandlers = {
  budgets: {},
  guest(_api, socket, ctx) {
    const current = ctx();
    placeOfGuest(current).then(
      (place) => place && socket.emit(serverEvents.queue, place),
      (err) => current.log.warn({ err }, 'queue position on connection failed'),
    );
  },
};
