import { serverEvents } from '@frontdesk/protocol';
import { eq } from 'drizzle-orm';
import { conversations } from '../../db/schema.js';
import type { FanOut, RealtimeListeners } from '../../realtime/listeners.js';
import { conversationStaffRooms, rooms } from '../../realtime/rooms.js';
import { presentMention, presentNote } from './present.js';
import { loadMention, loadNote } from './service.js';

/**
 * Notes go to the staff rooms of their conversation only (its desk within team visibility), never to
 * the contact's room; a mention to the mentioned staff member's own room.
 */
export function noteListeners({ io, db }: FanOut): RealtimeListeners {
  return {
    'note.created': async ({ data }) => {
      const [loaded, [c]] = await Promise.all([
        loadNote(db, data.noteId),
        db
          .select({ orgId: conversations.orgId, teamId: conversations.teamId, assigneeId: conversations.assigneeId })
          .from(conversations)
          .where(eq(conversations.id, data.conversationId)),
      ]);
      if (!loaded || !c) return;
      io.to(conversationStaffRooms(c)).emit(serverEvents.note, { note: presentNote(loaded.note, loaded.mentioned) });
    },
    'staff.mentioned': async ({ data }) => {
      const loaded = await loadMention(db, data.mentionId, data.userId);
      if (!loaded) return;
      io.to(rooms.user(data.userId)).emit(serverEvents.mention, {
        mention: presentMention(loaded.mention),
        unread: loaded.unread,
      });
    },
  };
}
