import { z } from 'zod';
import { Priority } from './chat.js';
import { Id } from './common.js';
import { errorCodes } from './errors.js';

export const MAX_BULK_CONVERSATIONS = 100;

/** What to do with each selected conversation: the same rules as doing it to one. */
export const BulkAction = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('assign'), userId: Id }),
  z.strictObject({ type: z.literal('transfer'), teamId: Id }),
  z.strictObject({ type: z.literal('tag'), tagId: Id }),
  z.strictObject({ type: z.literal('untag'), tagId: Id }),
  z.strictObject({ type: z.literal('resolve') }),
  z.strictObject({ type: z.literal('priority'), priority: Priority }),
]);
export type BulkAction = z.infer<typeof BulkAction>;

export const BulkRequest = z.strictObject({
  ids: z
    .array(Id)
    .min(1, 'Select at least one conversation')
    .max(MAX_BULK_CONVERSATIONS, `At most ${MAX_BULK_CONVERSATIONS} conversations at once`)
    .refine((ids) => new Set(ids).size === ids.length, 'Each conversation once'),
  action: BulkAction,
});
export type BulkRequest = z.infer<typeof BulkRequest>;

export const BulkOutcome = z
  .object({
    ok: z.boolean(),
    code: z.enum(errorCodes).optional().describe('Why it was not done (stable code), when ok is false'),
    message: z.string().optional().describe('The same in plain words'),
  })
  .meta({ id: 'BulkOutcome' });
export type BulkOutcome = z.infer<typeof BulkOutcome>;

export const BulkResult = z.object({
  results: z
    .array(BulkOutcome)
    .describe('One per id, in the order of `ids` (the ids are not repeated: an unknown one is not echoed back)'),
  done: z.number().int(),
  failed: z.number().int(),
});
export type BulkResult = z.infer<typeof BulkResult>;
