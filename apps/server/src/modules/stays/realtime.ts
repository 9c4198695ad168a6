import { serverEvents } from '@frontdesk/protocol';
import type { FanOut, RealtimeListeners } from '../../realtime/listeners.js';
import { rooms } from '../../realtime/rooms.js';
import { sessionEndedStrings } from '../../realtime/strings.js';
import { stayGuestLanguages } from '../guest/language.js';

/** A stay that ends closes its guests' sockets at once, on every node. */
export function stayListeners({ io, db }: FanOut): RealtimeListeners {
  return {
    'stay.ended': async ({ stayId }) => {
      // each guest of the stay is told in their own language, then all its sockets close
      for (const [guestId, language] of await stayGuestLanguages(db, stayId)) {
        io.to(rooms.guest(guestId)).emit(serverEvents.sessionEnded, {
          code: 'stay_ended',
          message: sessionEndedStrings[language].stayEnded,
        });
      }
      io.in(rooms.stay(stayId)).disconnectSockets(true);
    },
  };
}
