import { serverEvents } from '@frontdesk/protocol';
import type { FanOut, RealtimeListeners } from '../../realtime/listeners.js';
import { rooms } from '../../realtime/rooms.js';

/** Signing out (one session, or all of a user's) closes the sockets it opened, on every node. */
export function signOutListeners({ io }: FanOut): RealtimeListeners {
  return {
    'staff.signed_out': ({ userId, sessionId }) => {
      const room = sessionId ? rooms.staffSession(sessionId) : rooms.user(userId);
      io.to(room).emit(serverEvents.sessionEnded, {
        code: 'session_expired',
        message: 'Your session has ended. Sign in again.',
      });
      io.in(room).disconnectSockets(true);
    },
  };
}
