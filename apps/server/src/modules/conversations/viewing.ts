import { clientEvents, serverEvents, ViewingEvent, type ViewingNotice } from '@frontdesk/protocol';
import type { StaffActor } from '../../platform/actor.js';
import type { ServiceContext } from '../../platform/service-context.js';
import { conversationStaffRooms } from '../../realtime/rooms.js';
import type { SocketApi } from '../../realtime/socket-events.js';
import type { RealtimeSocket } from '../../realtime/types.js';
import { typingTarget } from './queries.js';

/**
 * "Anna is viewing": a staff member's open conversation, told to the colleagues who see it (never
 * to the guest), so two agents do not answer the same guest at once. Nothing is stored: the web app
 * repeats `viewing` while the conversation is open and colleagues drop an entry not repeated in
 * time (VIEWING_EXPIRES_MS), which also covers a node that dies; a socket that closes tells its
 * colleagues at once. Over Redis the rooms reach every node.
 */
export function registerViewing(api: SocketApi, socket: RealtimeSocket, ctx: () => ServiceContext<StaffActor>): void {
  // what this socket has open, with the rooms it was told to, for its goodbye
  const open = new Map<string, string[]>();
  const tell = (rooms: string[], notice: ViewingNotice) => socket.to(rooms).emit(serverEvents.viewing, notice);
  api.on(socket, clientEvents.viewing, ViewingEvent, async ({ conversationId, viewing }) => {
    const { actor } = ctx();
    const from = { id: actor.userId, name: actor.name };
    if (!viewing) {
      const rooms = open.get(conversationId);
      open.delete(conversationId);
      if (rooms) tell(rooms, { conversationId, viewing: false, from });
      return;
    }
    // the same check and the one query typing has: only a conversation the staff member sees
    const rooms = conversationStaffRooms(await typingTarget(ctx(), conversationId));
    open.set(conversationId, rooms);
    tell(rooms, { conversationId, viewing: true, from });
  });
  socket.on('disconnect', () => {
    const { actor } = ctx();
    for (const [conversationId, rooms] of open)
      tell(rooms, { conversationId, viewing: false, from: { id: actor.userId, name: actor.name } });
    open.clear();
  });
}
