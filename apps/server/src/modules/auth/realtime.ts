import { serverEvents } from '@frontdesk/protocol';
import type { FanOut, RealtimeListeners } from '../../realtime/listeners.js';
import { rooms } from '../../realtime/rooms.js';

/** Signing out, or being deactivated or removed, closes the sockets it opened, on every node. */
export function signOutListeners({ io }: FanOut): RealtimeListeners {
  const endSessions = (room: string) => {
    io.to(room).emit(serverEvents.sessionEnded, {
      code: 'session_expired',
      message: 'Your session has ended. Sign in again.',
    });
    io.in(room).disconnectSockets(true);
  };
  return {
    'staff.signed_out': ({ data }) => endSessions(rooms.staffSession(data.sessionId)),
    'staff.deactivated': ({ data }) => endSessions(rooms.user(data.userId)),
    'staff.removed': ({ data }) => endSessions(rooms.user(data.userId)),
  };
}
