import { EventEmitter } from 'node:events';
import type { DomainEvent, DomainEventOf, DomainEventType } from '@frontdesk/protocol';

/**
 * Receipts move with every message read or delivered: a realtime signal derived from the
 * conversation row, not a domain event. It is dispatched in-process only, never written to the
 * outbox, so that a receipt costs no extra write.
 */
export interface ReceiptUpdated {
  type: 'receipt.updated';
  orgId: string;
  conversationId: string;
}

/**
 * Somebody's presence changed (connected, went away, came back, left): a signal of this node's
 * presence broadcast, in-process only, so that work waiting for an available agent is looked at.
 */
export interface PresenceChanged {
  type: 'presence.changed';
  orgId: string;
  /** The staff connected now (online or away), as every node sees them. */
  present: string[];
}

/**
 * What staff may see changed for some of an organization's staff — the conversation visibility
 * setting, a team's members, a role — so the realtime gateway re-reads their sockets' sessions and
 * moves them between rooms at once (every node: see realtime/revalidate.ts), not only at the next
 * revalidation. A realtime signal after commit; nothing is written.
 */
export interface StaffAccessChanged {
  type: 'staff.access_changed';
  orgId: string;
  /** Only these staff members; all of the organization's when absent. */
  userIds?: string[];
}

/**
 * Someone reacted to a message or took a reaction back: a realtime signal (the reactions table is
 * the record), carrying what the fan-out needs — the conversation's rooms and the counts after it.
 */
export interface ReactionChanged {
  type: 'reaction.changed';
  orgId: string;
  conversation: {
    orgId: string;
    teamId: string | null;
    assigneeId: string | null;
    guestId: string | null;
    visitorId: string | null;
  };
  notice: {
    conversationId: string;
    messageId: string;
    emoji: string;
    reacted: boolean;
    by: { type: 'staff' | 'guest' | 'visitor'; id: string };
    counts: { emoji: string; count: number }[];
  };
}

/**
 * A message's machine translation was stored (or failed): a realtime signal after the translation
 * consumer wrote it (message_translations is the record; history and sync carry it from there).
 */
export interface MessageTranslated {
  type: 'message.translated';
  orgId: string;
  conversation: {
    orgId: string;
    teamId: string | null;
    assigneeId: string | null;
    guestId: string | null;
    visitorId: string | null;
  };
  /** Whether the translation is for the guest (what staff wrote, into the guest's language). */
  forGuest: boolean;
  notice: {
    conversationId: string;
    messageId: string;
    translation: { language: string; status: 'translated' | 'failed'; text: string | null };
  };
}

/**
 * What in-process listeners receive: the committed domain events, plus, on `message.created`
 * sent by this node, the rows the send already holds, so the realtime fan-out does not load the
 * message and the conversation again after commit (two queries per message, measured in bench/).
 */
export type LocalEvent =
  | DomainEvent
  | ReceiptUpdated
  | PresenceChanged
  | StaffAccessChanged
  | ReactionChanged
  | MessageTranslated;
export type LocalEventType = LocalEvent['type'];
export type LocalEventOf<T extends LocalEventType> = T extends DomainEventType
  ? DomainEventOf<T> & { fresh?: unknown }
  : Extract<LocalEvent, { type: T }>;

/** Handlers of in-process events by type (a module's realtime fan-out, or its reactions). */
export type LocalListeners = {
  [K in LocalEventType]?: (event: LocalEventOf<K>) => void | Promise<void>;
};

/**
 * The in-process side of the outbox: after a transaction commits, its events go to this node's
 * listeners at once (the realtime gateway, modules' reactions). Listeners are not durable by design — a client that
 * misses an event resyncs by sequence number; durable consumers read the log instead
 * (outbox/consumers.ts). Only the outbox calls `dispatch`.
 */
export class EventBus {
  private readonly emitter = new EventEmitter();
  private stopped = false;

  dispatch(event: LocalEvent): void {
    if (!this.stopped) this.emitter.emit(event.type, event);
  }

  subscribe<K extends LocalEventType>(type: K, handler: (event: LocalEventOf<K>) => void | Promise<void>): void {
    this.emitter.on(type, (event) => {
      Promise.resolve(handler(event)).catch((err) => this.emitter.emit('error', err, type));
    });
  }

  /**
   * A synchronous tap on one type (a counter): no promise per event. It must not throw; if it does,
   * the error is reported like a listener's and the dispatch goes on.
   */
  tap<K extends LocalEventType>(type: K, tap: (event: LocalEventOf<K>) => void): void {
    this.emitter.on(type, (event) => {
      try {
        tap(event);
      } catch (err) {
        this.emitter.emit('error', err, type);
      }
    });
  }

  /**
   * The realtime gateway's one signal: presence changed in `orgId`. Not a domain event (those only
   * the outbox dispatches, after commit), so the gateway gets this and nothing more.
   */
  presenceChanged(orgId: string, present: string[]): void {
    this.dispatch({ type: 'presence.changed', orgId, present });
  }

  /** Subscribes each handler of `listeners` to its type. */
  listen(listeners: LocalListeners): void {
    for (const type of Object.keys(listeners) as LocalEventType[]) {
      const handler = listeners[type] as ((event: LocalEventOf<typeof type>) => void | Promise<void>) | undefined;
      if (handler) this.subscribe(type, handler);
    }
  }

  /** Hears every listener's failure, with the type of the event it failed on. */
  onError(handler: (err: unknown, type: LocalEventType) => void): void {
    this.emitter.on('error', handler);
  }

  /** Drops every later event, as a node that died after commit would: tests show nothing is lost durably. */
  stop(): void {
    this.stopped = true;
  }
}
