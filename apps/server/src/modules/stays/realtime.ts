import { serverEvents } from '@frontdesk/protocol';
import type { FanOut, RealtimeListeners } from '../../realtime/listeners.js';
import { rooms } from '../../realtime/rooms.js';
import { sessionEndedStrings } from '../../realtime/strings.js';
import { stayGuestLanguages } from './languages.js';

/** A stay that ends, or whose guest access staff end, closes its guests' sockets at once, on every node. */
export function stayListeners({ io, db }: FanOut): RealtimeListeners {
  // each guest of the stay is told in their own language, then all its sockets close
  const endStay = async (stayId: string, reason: 'stayEnded' | 'accessEnded') => {
    for (const [guestId, language] of await stayGuestLanguages(db, stayId)) {
      io.to(rooms.guest(guestId)).emit(serverEvents.sessionEnded, {
        code: 'stay_ended',
        message: sessionEndedStrings[language][reason],
      });
    }
    io.in(rooms.stay(stayId)).disconnectSockets(true);
  };
  return {
    'stay.ended': ({ data }) => endStay(data.stayId, 'stayEnded'),
    'stay.guest_access_ended': ({ data }) => endStay(data.stayId, 'accessEnded'),
  };
}
