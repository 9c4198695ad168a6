import { serverEvents } from '@frontdesk/protocol';
import type { Db } from '../db/connection.js';
import type { GuestActor } from '../platform/actor.js';
import type { SessionResolvers } from '../platform/context.js';
import type { Language } from '../platform/i18n.js';
import { sessionEndedStrings } from './strings.js';
import type { RealtimeServer, RealtimeSocket } from './types.js';

/** Guest sockets revalidated with one query. */
const REVALIDATE_BATCH = 500;

/**
 * Disconnects this node's sockets whose session was revoked or expired since they connected;
 * updates guests' access. Guests are checked a batch at a time in one query each: one query per
 * socket was, at 10,000 guests on a node, a third of its CPU (bench/README.md).
 */
export async function revalidateSockets(io: RealtimeServer, db: Db, sessions: SessionResolvers): Promise<void> {
  const guests: RealtimeSocket[] = [];
  for (const socket of [...io.of('/').sockets.values()]) {
    const identity = socket.data.identity;
    if (!identity || !socket.connected) continue;
    if (!identity.staff) {
      guests.push(socket);
      continue;
    }
    if (!(await sessions.staff(db, identity.token))) endSession(socket, 'session_expired');
  }
  for (let i = 0; i < guests.length; i += REVALIDATE_BATCH) {
    const batch = guests.slice(i, i + REVALIDATE_BATCH);
    const tokenOf = (socket: RealtimeSocket) => socket.data.identity?.token ?? '';
    const still = await sessions.guests(db, batch.map(tokenOf));
    const ending = batch.filter((socket) => !still.has(tokenOf(socket)));
    const languages = ending.length
      ? await sessions.contactLanguages(db, contactsOf(ending))
      : new Map<string, Language>();
    for (const socket of batch) {
      const guest = still.get(tokenOf(socket));
      if (guest) {
        socket.data.guest = guest;
        continue;
      }
      const language = languages.get(contactIdOf(socket.data.guest as GuestActor)) ?? 'en';
      endSession(socket, 'stay_ended', sessionEndedStrings[language].accessEnded);
    }
  }
}

function endSession(
  socket: RealtimeSocket,
  code: 'session_expired' | 'stay_ended',
  message = 'Your session has ended.',
) {
  if (!socket.connected) return;
  socket.emit(serverEvents.sessionEnded, { code, message });
  socket.disconnect(true);
}

const contactIdOf = (guest: GuestActor) => (guest.kind === 'guest' ? guest.guestId : guest.visitorId);

/** The guests and visitors behind some guest sockets. */
function contactsOf(sockets: RealtimeSocket[]): { guestIds: string[]; visitorIds: string[] } {
  const actors = sockets.map((socket) => socket.data.guest as GuestActor);
  return {
    guestIds: actors.flatMap((a) => (a.kind === 'guest' ? [a.guestId] : [])),
    visitorIds: actors.flatMap((a) => (a.kind === 'visitor' ? [a.visitorId] : [])),
  };
}
