import { type QueuePosition, serverEvents } from '@frontdesk/protocol';
import { and, eq } from 'drizzle-orm';
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

/**
 * Tells everyone waiting in the queue their place and the wait to expect: one broadcast per waiting
 * guest, sent to the other nodes together (`BatchedBroadcast`), not as a Redis publish each — with
 * thousands waiting that was thousands of publishes a refresh, each decoded by every node.
 */
export async function tellQueue({ broadcast, db }: FanOut, key: QueueKey): Promise<void> {
  const [places, pace] = await Promise.all([queuedPlaces(db, key), pickUpPaceMs(db, key)]);
  for (const place of places) {
    const room = contactRoom(place);
    if (!room) continue;
    const payload: QueuePosition = {
      conversationId: place.conversationId,
      position: place.position,
      estimatedWaitSeconds: estimatedWaitSeconds(place.position, pace),
    };
    broadcast.emit([room], serverEvents.queue, payload);
  }
}

/** The queues of the organization someone waits in: a team's, or the one of requests no rule routed. */
async function waitingQueues(db: Db, orgId: string): Promise<QueueKey[]> {
  const rows = await db
    .selectDistinct({ teamId: conversations.teamId })
    .from(conversations)
    .where(and(eq(conversations.orgId, orgId), eq(conversations.status, 'queued')));
  return rows.map(({ teamId }) => ({ orgId, teamId }));
}

/**
 * Guests waiting in a queue hear their place move: when a request joins it (routed, reopened),
 * leaves it (taken, given out, handed over, resolved) or is reordered (priority). Where the event
 * names no team, every queue of the organization is told: one look a round, not one per event
 * (at 10,000 guests that was a query per take).
 */
export function queueListeners(fanOut: FanOut): RealtimeListeners {
  const pending = new Map<string, Promise<void>>();
  const coalesced = (id: string, work: () => Promise<void>): Promise<void> => {
    let run = pending.get(id);
    if (!run) {
      run = new Promise((resolve) => setTimeout(resolve, COALESCE_MS).unref()).then(() => {
        pending.delete(id);
        return work();
      });
      pending.set(id, run);
    }
    return run;
  };
  const refresh = (key: QueueKey) => coalesced(`${key.orgId}|${key.teamId ?? ''}`, () => tellQueue(fanOut, key));
  const refreshAll = (orgId: string | null) =>
    orgId
      ? coalesced(`${orgId}|*`, async () => {
          for (const key of await waitingQueues(fanOut.db, orgId)) await tellQueue(fanOut, key);
        })
      : undefined;
  return {
    'conversation.routed': ({ orgId, data }) => (orgId ? refresh({ orgId, teamId: data.teamId }) : undefined),
    'conversation.auto_assigned': ({ orgId, data }) => (orgId ? refresh({ orgId, teamId: data.teamId }) : undefined),
    'conversation.taken': ({ orgId }) => refreshAll(orgId),
    'conversation.assigned': ({ orgId }) => refreshAll(orgId),
    // both queues move: the one it left and the one it joined
    'conversation.transferred': ({ orgId, data }) =>
      orgId
        ? Promise.all([
            refresh({ orgId, teamId: data.fromTeamId }),
            ...(data.toTeamId !== data.fromTeamId ? [refresh({ orgId, teamId: data.toTeamId })] : []),
          ]).then(() => undefined)
        : undefined,
    'conversation.resolved': ({ orgId }) => refreshAll(orgId),
    'conversation.prioritized': ({ orgId }) => refreshAll(orgId),
    'message.created': ({ orgId, data }) => (data.event === 'reopened' ? refreshAll(orgId) : undefined),
  };
}
