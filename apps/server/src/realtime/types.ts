import type { ClientToServerEvents, ServerToClientEvents } from '@frontdesk/protocol';
import type { Server, Socket } from 'socket.io';
import type { GuestActor, StaffActor } from '../platform/actor.js';

/** Who a socket is, set once by authentication. */
export interface SocketIdentity {
  token: string;
  staff?: StaffActor;
  guest?: GuestActor;
}

/** What the gateway keeps on a socket; empty until authentication has run. */
export interface SocketData {
  identity?: SocketIdentity;
  /** The guest's actor, its access refreshed by revalidation. */
  guest?: GuestActor;
  /** The staff member's actor, refreshed when their access changes and by revalidation. */
  staff?: StaffActor;
  /** Whose budget the socket's events spend (see EventLimits). */
  senderKey?: string;
}

/**
 * What nodes tell each other besides the Redis adapter's own messages (`io.serverSideEmit`, only
 * with REDIS_URL): some staff members' access changed, so every node refreshes its sockets of them.
 */
interface InterServerEvents {
  staffAccessChanged: (scope: { orgId: string; userIds?: string[] }) => void;
}

export type RealtimeServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type RealtimeSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
