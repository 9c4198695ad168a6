import type { Db } from '../db/connection.js';
import type { LocalListeners } from '../platform/events.js';
import type { BatchedBroadcast } from './batched-broadcast.js';
import type { RealtimeServer } from './types.js';

/** What a module's fan-out works with: the sockets of every node (by room) and the database. */
export interface FanOut {
  io: RealtimeServer;
  db: Db;
  /** Broadcasts that come many at a time (messages): one publish to the other nodes per turn. */
  broadcast: BatchedBroadcast;
}

/**
 * A module's realtime listeners: for each domain event it answers, what its sockets are told.
 * Each module builds its own (e.g. conversations/realtime.ts) and hands them to `Gateway.listen`;
 * the gateway itself holds no domain's fan-out.
 */
export type RealtimeListeners = LocalListeners;

/** How a module makes its listeners from the fan-out. */
export type ListenersOf = (fanOut: FanOut) => RealtimeListeners;
