import type { DomainEventOf } from '@frontdesk/protocol';
import type { ConversationView, MessageRow } from './views.js';

/**
 * `message.created` as this node dispatches it in-process. The writer hands over the message row it
 * stored, and a send the conversation view too (`fresh`), so the realtime fan-out does not load
 * them again after commit (a query each, per message, measured in bench/). Durable consumers read
 * the same event from the messages table (outbox/read.ts builds the identical `data`).
 */
export type MessageCreatedEvent = DomainEventOf<'message.created'> & {
  fresh?: { message: MessageRow; view?: ConversationView };
};

export function messageCreated(m: MessageRow, view?: ConversationView): MessageCreatedEvent {
  return {
    id: m.id,
    type: 'message.created',
    version: 1,
    orgId: m.orgId,
    stream: `conversation:${m.conversationId}`,
    occurredAt: m.createdAt.toISOString(),
    data: {
      conversationId: m.conversationId,
      messageId: m.id,
      seq: m.seq,
      sender: {
        type: m.senderType as MessageCreatedEvent['data']['sender']['type'],
        id: m.senderId,
        name: m.senderName,
      },
      text: m.body,
      event: m.event as MessageCreatedEvent['data']['event'],
    },
    fresh: { message: m, view },
  };
}
