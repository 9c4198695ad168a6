import { serverEvents } from '@frontdesk/protocol';
import type { FanOut, RealtimeListeners } from '../../realtime/listeners.js';
import { rooms } from '../../realtime/rooms.js';

/**
 * Guests of the organization hear that a team's hours changed and ask again whether their desk is
 * open (each guest's desk depends on their own request, which only the guest's own query knows).
 */
export function teamListeners({ io }: FanOut): RealtimeListeners {
  return {
    'team.hours_changed': ({ orgId, data }) => {
      if (orgId) io.to(rooms.orgGuests(orgId)).emit(serverEvents.desk, { teamId: data.teamId });
    },
  };
}
