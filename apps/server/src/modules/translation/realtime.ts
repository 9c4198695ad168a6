import { serverEvents } from '@frontdesk/protocol';
import type { FanOut, RealtimeListeners } from '../../realtime/listeners.js';
import { contactRoom, conversationStaffRooms } from '../../realtime/rooms.js';

/**
 * A translation reaches the staff who see the conversation (both directions: what the guest wrote,
 * and what the guest reads of the desk's replies) and its contact only when it is into their
 * language (the desk's replies): a guest is never sent the desk's reading of their own words.
 */
export function translationListeners({ io }: FanOut): RealtimeListeners {
  return {
    'message.translated': ({ conversation, forGuest, notice }) => {
      io.to(conversationStaffRooms(conversation)).emit(serverEvents.translation, notice);
      const contact = contactRoom(conversation);
      if (forGuest && contact) io.to(contact).emit(serverEvents.translation, notice);
    },
  };
}
