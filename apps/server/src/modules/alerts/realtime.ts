import { serverEvents } from '@frontdesk/protocol';
import type { FanOut, RealtimeListeners } from '../../realtime/listeners.js';
import { rooms } from '../../realtime/rooms.js';
import { loadAlert } from './service.js';

/**
 * Alerts go to the rooms of the people the event names (the admins and the request's duty manager),
 * each a staff member's own room: never a desk, team or guest room.
 */
export function alertListeners({ io, db }: FanOut): RealtimeListeners {
  return {
    'alert.raised': async ({ data }) => {
      const alert = await loadAlert(db, data.alertId);
      if (alert && data.notifiedUserIds.length)
        io.to(data.notifiedUserIds.map(rooms.user)).emit(serverEvents.alert, { alert });
    },
    'alert.acknowledged': async ({ data }) => {
      const alert = await loadAlert(db, data.alertId);
      if (alert && data.notifiedUserIds.length)
        io.to(data.notifiedUserIds.map(rooms.user)).emit(serverEvents.alertAcknowledged, { alert });
    },
  };
}
