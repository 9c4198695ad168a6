import type { ScheduledMessage } from '@frontdesk/protocol';
import type { scheduledMessages } from '../../db/schema.js';
import type { StaffActor } from '../../platform/actor.js';
import { scheduledPolicy } from './policy.js';

export type ScheduledRow = typeof scheduledMessages.$inferSelect;

export function presentScheduled(row: ScheduledRow, authorName: string, reader: StaffActor): ScheduledMessage {
  return {
    id: row.id,
    conversationId: row.conversationId,
    author: { id: row.authorId, name: authorName },
    body: row.body,
    sendAt: row.sendAt.toISOString(),
    status: row.status,
    failure:
      row.status === 'failed' ? { code: row.failureCode ?? 'internal_error', message: row.failureMessage ?? '' } : null,
    messageId: row.messageId,
    sentAt: row.sentAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    canChange: row.status === 'scheduled' && scheduledPolicy.change(reader, row),
  };
}
