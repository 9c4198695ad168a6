import { type QueuePosition, serverEvents } from '@frontdesk/protocol';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { conversations } from '../../db/schema.js';
import type { FanOut, RealtimeListeners } from '../../realtime/listeners.js';
import { contactRoom } from '../../realtime/rooms.js';
import { estimatedWaitSeconds, pickUpPaceMs, type QueueKey, queuedPlaces } from './positions.js';

/**
 * A queue's positions are worked out at most this often per node: a burst of requests (or of
 * pick-ups) moves everybody's place many times a second, and each update is one message per
 * waiting guest.
 */
const COALESCE_MS = 500;

/** Tells everyone waiting in the queue their place and the wait to expect. */
export async function tellQueue({ io, db }: FanOut, key: QueueKey): Promise<void> {
  const [places, pace] = await Promise.all([queuedPlaces(db, key), pickUpPaceMs(db, key)]);
  for (const place of places) {
    const room = contactRoom(place);
    if (!room) continue;
    const payload: QueuePosition = {
      conversationId: place.conversationId,
      position: place.position,
      estimatedWaitSeconds: estimatedWaitSeconds(place.position, pace),
    };
    io.to(room).emit(serverEvents.queue, payload);
  }
}

async function queueOf(db: Db, conversationId: string): Promise<QueueKey | undefined> {
  const [row] = await db
    .select({ orgId: conversations.orgId, teamId: conversations.teamId })
    .from(conversations)
    .where(eq(conversations.id, conversationId));
  return row;
}

/**
 * Guests waiting in a queue hear their place move: when a request joins it (routed, reopened),
 * leaves it (taken, given out, handed over, resolved) or is reordered (priority).
 */
export function queueListeners(fanOut: FanOut): RealtimeListeners {
  const pending = new Map<string, Promise<void>>();
  const refresh = (key: QueueKey): Promise<void> => {
    const id = `${key.orgId}|${key.teamId ?? ''}`;
    let run = pending.get(id);
    if (!run) {
      run = new Promise((resolve) => setTimeout(resolve, COALESCE_MS).unref()).then(() => {
        pending.delete(id);
        return tellQueue(fanOut, key);
      });
      pending.set(id, run);
    }
    return run;
  };
  const refreshOf = async (conversationId: string) => {
    const key = await queueOf(fanOut.db, conversationId);
    if (key) await refresh(key);
  };
  return {
    'conversation.routed': ({ orgId, data }) => (orgId ? refresh({ orgId, teamId: data.teamId }) : undefined),
    'conversation.auto_assigned': ({ orgId, data }) => (orgId ? refresh({ orgId, teamId: data.teamId }) : undefined),
    'conversation.taken': ({ data }) => refreshOf(data.conversationId),
    'conversation.assigned': ({ data }) => refreshOf(data.conversationId),
    // both queues move: the one it left and the one it joined
    'conversation.transferred': ({ orgId, data }) =>
      orgId
        ? Promise.all([
            refresh({ orgId, teamId: data.fromTeamId }),
            ...(data.toTeamId !== data.fromTeamId ? [refresh({ orgId, teamId: data.toTeamId })] : []),
          ]).then(() => undefined)
        : undefined,
    'conversation.resolved': ({ data }) => refreshOf(data.conversationId),
    'conversation.prioritized': ({ data }) => refreshOf(data.conversationId),
    'message.created': ({ data }) => (data.event === 'reopened' ? refreshOf(data.conversationId) : undefined),
  };
}
