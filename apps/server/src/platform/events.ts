import { EventEmitter } from 'node:events';

/**
 * Domain events of this node, published after the transaction that caused them commits.
 * Consumers (the realtime gateway today; webhooks and metrics later) subscribe by type. Realtime
 * fan-out is not durable by design: a client that misses an event resyncs by sequence number.
 */
export interface DomainEvents {
  'message.created': { orgId: string; conversationId: string; messageId: string };
  'conversation.updated': { orgId: string; conversationId: string };
  'receipt.updated': { orgId: string; conversationId: string };
  'stay.ended': { orgId: string; stayId: string };
  'staff.signed_out': { userId: string; sessionId?: string };
}

export class EventBus {
  private readonly emitter = new EventEmitter();

  publish<K extends keyof DomainEvents>(type: K, payload: DomainEvents[K]): void {
    this.emitter.emit(type, payload);
  }

  subscribe<K extends keyof DomainEvents>(type: K, handler: (payload: DomainEvents[K]) => void | Promise<void>): void {
    this.emitter.on(type, (payload) => {
      Promise.resolve(handler(payload)).catch((err) => this.emitter.emit('error', err));
    });
  }

  onError(handler: (err: unknown) => void): void {
    this.emitter.on('error', handler);
  }
}
