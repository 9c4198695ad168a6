import {
  AssignEvent,
  ConversationRef,
  clientEvents,
  RateEvent,
  ReactEvent,
  ReceiptEvent,
  SendMessage,
  SyncRequest,
  serverEvents,
  TypingEvent,
  type TypingNotice,
} from '@frontdesk/protocol';
import type { GuestActor, StaffActor } from '../../platform/actor.js';
import { notFound } from '../../platform/errors.js';
import type { ServiceContext } from '../../platform/service-context.js';
import { contactRoom, conversationStaffRooms } from '../../realtime/rooms.js';
import type { SocketHandlers } from '../../realtime/socket-events.js';
import { sync, typingTarget } from './queries.js';
import { reactToMessage } from './reactions.js';
import { sendAsGuest, sendAsStaff, stayReadOnly } from './send.js';
import { assignConversation, markSeen, rateConversation, resolveConversation, takeConversation } from './service.js';
import { presentShown } from './shown.js';
import { registerViewing } from './viewing.js';
import { loadConversationView, presentConversation, presentMessage } from './views.js';

async function presentedView(ctx: ServiceContext, id: string, side: 'staff' | 'guest') {
  const view = await loadConversationView(ctx.db, id);
  if (!view) throw notFound('Conversation');
  return presentConversation(view, side);
}

async function syncFor(ctx: ServiceContext<StaffActor | GuestActor>, since: Record<string, number>) {
  const side = ctx.actor.kind === 'staff' ? 'staff' : 'guest';
  const result = await sync(ctx, since);
  // reactions (and translations) of what was missed, one query each, and only when something was
  const shown = await presentShown(ctx.db, result.messages, ctx.actor, !!ctx.config.translation);
  return {
    conversations: result.views.map((v) => presentConversation(v, side)),
    messages: shown,
    hasMore: result.hasMore,
  };
}

/**
 * The conversations' socket events, the same services as their REST routes: staff send, take,
 * hand over, resolve, mark delivered and read, type and resync; guests send, rate, mark, type and
 * resync.
 */
export const conversationSockets: SocketHandlers = {
  budgets: {
    [clientEvents.send]: 'send',
    [clientEvents.sync]: 'sync',
    [clientEvents.typing]: 'typing',
    [clientEvents.viewing]: 'typing',
    [clientEvents.react]: 'reactions',
    [clientEvents.delivered]: 'receipts',
    [clientEvents.read]: 'receipts',
    [clientEvents.take]: 'actions',
    [clientEvents.assign]: 'actions',
    [clientEvents.resolve]: 'actions',
    [clientEvents.rate]: 'rate',
  },

  staff(api, socket, ctx) {
    // the staff member as of now: their teams and the visibility setting follow the gateway's refresh
    const view = (id: string) => presentedView(ctx(), id, 'staff');
    // a send waits for its group-commit batch holding no admission slot: see SocketApi.onSelfAdmitted
    api.onSelfAdmitted(socket, clientEvents.send, SendMessage, async (input, admit) => {
      api.presence.touch(ctx().actor);
      const sent = await sendAsStaff(ctx(), input, admit);
      return {
        message: presentMessage(sent.message),
        // the send returns the conversation as it left it; only a duplicate needs loading
        conversation: sent.view
          ? presentConversation(sent.view, 'staff')
          : await admit(() => view(sent.conversationId)),
        duplicate: sent.duplicate,
      };
    });
    api.on(socket, clientEvents.take, ConversationRef, async ({ conversationId }) => {
      api.presence.touch(ctx().actor);
      return presentConversation(await takeConversation(ctx(), conversationId), 'staff');
    });
    api.on(socket, clientEvents.assign, AssignEvent, async ({ conversationId, userId }) =>
      view((await assignConversation(ctx(), conversationId, userId)).id),
    );
    api.on(socket, clientEvents.resolve, ConversationRef, async ({ conversationId }) =>
      view((await resolveConversation(ctx(), conversationId)).id),
    );
    api.on(socket, clientEvents.delivered, ReceiptEvent, async ({ conversationId, seq }) => {
      await markSeen(ctx(), conversationId, seq, 'delivered');
    });
    api.on(socket, clientEvents.read, ReceiptEvent, async ({ conversationId, seq }) => {
      api.presence.touch(ctx().actor);
      await markSeen(ctx(), conversationId, seq, 'read');
    });
    api.on(socket, clientEvents.typing, TypingEvent, async ({ conversationId, typing }) => {
      if (!api.allowTyping(socket, conversationId, typing)) return;
      const { actor } = ctx();
      const c = await typingTarget(ctx(), conversationId);
      const room = contactRoom(c);
      const payload: TypingNotice = {
        conversationId,
        typing,
        from: { type: 'staff', id: actor.userId, name: actor.name },
      };
      if (room) api.io.to(room).emit(serverEvents.typing, payload);
      socket.to(conversationStaffRooms(c)).emit(serverEvents.typing, payload);
    });
    api.on(socket, clientEvents.react, ReactEvent, async (input) => reactToMessage(ctx(), input));
    registerViewing(api, socket, ctx);
    api.on(socket, clientEvents.sync, SyncRequest, async ({ since }) => syncFor(ctx(), since));
  },

  guest(api, socket, ctx) {
    const view = (id: string) => presentedView(ctx(), id, 'guest');
    /**
     * After check-out a guest may read and rate during the grace period, nothing else: no typing
     * and no receipts. The access is as of connecting, refreshed by the gateway's revalidation.
     */
    const stillStaying = () => {
      if (ctx().actor.access === 'read_only') throw stayReadOnly();
    };
    api.onSelfAdmitted(socket, clientEvents.send, SendMessage, async (input, admit) => {
      const sent = await sendAsGuest(ctx(), input, admit);
      return {
        message: presentMessage(sent.message),
        conversation: sent.view
          ? presentConversation(sent.view, 'guest')
          : await admit(() => view(sent.conversationId)),
        duplicate: sent.duplicate,
      };
    });
    api.on(socket, clientEvents.rate, RateEvent, async ({ conversationId, rating, comment }) =>
      view((await rateConversation(ctx(), conversationId, { rating, comment })).id),
    );
    api.on(socket, clientEvents.delivered, ReceiptEvent, async ({ conversationId, seq }) => {
      stillStaying();
      await markSeen(ctx(), conversationId, seq, 'delivered');
    });
    api.on(socket, clientEvents.read, ReceiptEvent, async ({ conversationId, seq }) => {
      stillStaying();
      await markSeen(ctx(), conversationId, seq, 'read');
    });
    api.on(socket, clientEvents.typing, TypingEvent, async ({ conversationId, typing }) => {
      stillStaying();
      if (!api.allowTyping(socket, conversationId, typing)) return;
      const guest = ctx().actor;
      const c = await typingTarget(ctx(), conversationId);
      const id = guest.kind === 'guest' ? guest.guestId : guest.visitorId;
      api.io
        .to(conversationStaffRooms(c))
        .emit(serverEvents.typing, { conversationId, typing, from: { type: guest.kind, id, name: null } });
    });
    api.on(socket, clientEvents.react, ReactEvent, async (input) => reactToMessage(ctx(), input));
    api.on(socket, clientEvents.sync, SyncRequest, async ({ since }) => syncFor(ctx(), since));
  },
};
