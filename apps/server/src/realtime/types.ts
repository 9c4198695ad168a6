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
  /** Whose budget the socket's events spend (see EventLimits). */
  senderKey?: string;
}

/** Nodes talk to each other only through the Redis adapter's own messages. */
type InterServerEvents = Record<never, never>;

export type RealtimeServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type RealtimeSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
