import { type Language, serverEvents } from '@frontdesk/protocol';
import { eq } from 'drizzle-orm';
import { customers } from '../../db/schema.js';
import type { FanOut, RealtimeListeners } from '../../realtime/listeners.js';
import { rooms } from '../../realtime/rooms.js';
import { sessionEndedStrings } from '../../realtime/strings.js';

/** A customer signed out by staff is told in their language and loses their live sockets, on every node. */
export function customerListeners({ io, db }: FanOut): RealtimeListeners {
  return {
    'customer.signed_out': async ({ data }) => {
      if (!data.visitorId) return;
      const [row] = await db
        .select({ language: customers.language })
        .from(customers)
        .where(eq(customers.id, data.customerId));
      const strings = sessionEndedStrings[(row?.language ?? 'en') as Language] ?? sessionEndedStrings.en;
      const room = rooms.visitor(data.visitorId);
      io.to(room).emit(serverEvents.sessionEnded, { code: 'session_expired', message: strings.signedOut });
      io.in(room).disconnectSockets(true);
    },
  };
}
