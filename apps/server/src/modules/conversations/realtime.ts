import { serverEvents } from '@frontdesk/protocol';
import { notFound } from '../../platform/errors.js';
import type { FanOut, RealtimeListeners } from '../../realtime/listeners.js';
import { contactRoom, conversationStaffRooms } from '../../realtime/rooms.js';
import type { MessageCreatedEvent } from './send.js';
import {
  type ConversationView,
  loadConversationView,
  loadMessages,
  presentConversation,
  presentMessage,
} from './views.js';

/**
 * Live fan-out of messages, conversation changes and receipts, in order through one batched
 * broadcast (a message, then the change that followed it, reach every node in that order): the
 * staff who see the conversation (its organization's desk, within team visibility: see
 * `conversationStaffRooms`) hear each as staff see it, the contact (the one guest or visitor of the
 * conversation) as they do.
 */
export function conversationListeners({ db, broadcast }: FanOut): RealtimeListeners {
  /**
   * The events of one commit are dispatched together (a take: its message, then `conversation.taken`),
   * and each of their listeners starts its load in that same turn: they share one. A load is shared
   * only within the turn it started in, so an event of a later commit never gets a view read before it.
   */
  const loading = new Map<string, Promise<ConversationView>>();
  const view = (id: string): Promise<ConversationView> => {
    let load = loading.get(id);
    if (!load) {
      load = loadConversationView(db, id).then((found) => {
        if (!found) throw notFound('Conversation');
        return found;
      });
      loading.set(id, load);
      queueMicrotask(() => loading.delete(id));
    }
    return load;
  };
  const conversationChanged = async (event: { data: { conversationId: string }; fresh?: unknown }) => {
    // a take hands over the view it answered with
    const fresh = (event.fresh as { view?: ConversationView } | undefined)?.view;
    const loaded = fresh ?? (await view(event.data.conversationId));
    broadcast.emit(
      asList(conversationStaffRooms(loaded.c)),
      serverEvents.conversation,
      presentConversation(loaded, 'staff'),
    );
    const contact = contactRoom(loaded.c);
    if (contact) broadcast.emit(asList(contact), serverEvents.conversation, presentConversation(loaded, 'guest'));
  };
  /** A change only the desk sees (tags): the guest hears nothing of it. */
  const deskChanged = async ({ data }: { data: { conversationId: string } }) => {
    const loaded = await view(data.conversationId);
    broadcast.emit(
      asList(conversationStaffRooms(loaded.c)),
      serverEvents.conversation,
      presentConversation(loaded, 'staff'),
    );
  };
  const bothOf = async ({ absorbedId, survivorId }: { absorbedId: string; survivorId: string }) => {
    await conversationChanged({ data: { conversationId: absorbedId } });
    await conversationChanged({ data: { conversationId: survivorId } });
  };
  return {
    'message.created': async (event) => {
      const { orgId, data } = event;
      // a send hands over the rows it just stored; other writers leave the fan-out to load them
      const fresh = (event as MessageCreatedEvent).fresh;
      const [[message], loaded] = await Promise.all([
        fresh ? [fresh.message] : loadMessages(db, [data.messageId]),
        fresh?.view ?? view(data.conversationId),
      ]);
      if (!message || !orgId) return;
      const payload = presentMessage(message);
      // messages come in batches (group commit): their broadcasts reach the other nodes together
      broadcast.emit(asList(conversationStaffRooms(loaded.c)), serverEvents.message, {
        message: payload,
        conversation: presentConversation(loaded, 'staff'),
      });
      const contact = contactRoom(loaded.c);
      if (contact)
        broadcast.emit([contact], serverEvents.message, {
          message: payload,
          conversation: presentConversation(loaded, 'guest'),
        });
    },
    'conversation.prioritized': conversationChanged,
    // escalation raised its priority
    'conversation.sla_breached': conversationChanged,
    'conversation.taken': conversationChanged,
    'conversation.assigned': conversationChanged,
    'conversation.resolved': conversationChanged,
    'conversation.rated': conversationChanged,
    // the desk sees a tag come and go at once (the guest's view carries no tags)
    'conversation.tagged': deskChanged,
    'conversation.untagged': deskChanged,
    // the absorbed request first (clients drop it, or reload it when it comes back), then the survivor
    'conversation.merged': ({ data }) => bothOf(data),
    'conversation.unmerged': ({ data }) => bothOf(data),
    'reaction.changed': ({ conversation, notice }) => {
      broadcast.emit(asList(conversationStaffRooms(conversation)), serverEvents.reaction, notice);
      const contact = contactRoom(conversation);
      if (contact) broadcast.emit(asList(contact), serverEvents.reaction, notice);
    },
    'receipt.updated': async ({ conversationId }) => {
      const loaded = await view(conversationId);
      const staffView = presentConversation(loaded, 'staff');
      broadcast.emit(asList(conversationStaffRooms(loaded.c)), serverEvents.receipt, {
        conversationId,
        receipts: staffView.receipts,
        unread: staffView.unread,
      });
      const contact = contactRoom(loaded.c);
      if (contact) {
        const guestView = presentConversation(loaded, 'guest');
        broadcast.emit(asList(contact), serverEvents.receipt, {
          conversationId,
          receipts: guestView.receipts,
          unread: guestView.unread,
        });
      }
    },
  };
}

const asList = (rooms: string | string[]) => (Array.isArray(rooms) ? rooms : [rooms]);
