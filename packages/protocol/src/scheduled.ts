import { z } from 'zod';
import { Id, IsoDate } from './common.js';
import { MAX_MESSAGE_LENGTH } from './events.js';

/** How far ahead a message may be scheduled. */
export const MAX_SCHEDULE_DAYS = 60;

const Body = z
  .string()
  .trim()
  .min(1, 'Type a message')
  .max(MAX_MESSAGE_LENGTH, `At most ${MAX_MESSAGE_LENGTH} characters`);
const SendAt = IsoDate.describe('When it goes out (an instant with its offset; the web app shows the hotel time)');

export const ScheduleMessageRequest = z.strictObject({ body: Body, sendAt: SendAt });
export type ScheduleMessageRequest = z.infer<typeof ScheduleMessageRequest>;

/** Changes the text, the time or both, while it has not gone yet (an empty body changes nothing). */
export const EditScheduledMessageRequest = z.strictObject({ body: Body.optional(), sendAt: SendAt.optional() });
export type EditScheduledMessageRequest = z.infer<typeof EditScheduledMessageRequest>;

export const scheduledStatuses = ['scheduled', 'sending', 'sent', 'failed', 'cancelled'] as const;

export const ScheduledMessage = z
  .object({
    id: Id,
    conversationId: Id,
    author: z.object({ id: Id, name: z.string() }),
    body: z.string(),
    sendAt: IsoDate,
    status: z.enum(scheduledStatuses),
    /** Why it did not go (failed only): a stable code and words for the desk. */
    failure: z.object({ code: z.string(), message: z.string() }).nullable(),
    messageId: Id.nullable().describe('The message it became, once sent'),
    sentAt: IsoDate.nullable(),
    createdAt: IsoDate,
    /** Whether the reader may edit or cancel it (its author, or an admin, while it is scheduled). */
    canChange: z.boolean(),
  })
  .meta({ id: 'ScheduledMessage' });
export type ScheduledMessage = z.infer<typeof ScheduledMessage>;

export const ScheduledMessageList = z.object({ scheduled: z.array(ScheduledMessage) });

export const ScheduledMessageParams = z.object({ id: Id, scheduledId: Id });
