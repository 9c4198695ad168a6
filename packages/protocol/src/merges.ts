import { z } from 'zod';
import { Id, IsoDate } from './common.js';

/** Merges a conversation with another of the same guest: the earlier one keeps the thread. */
export const MergeRequest = z.strictObject({
  otherConversationId: Id.describe('The other request of the same guest or visitor'),
});
export type MergeRequest = z.infer<typeof MergeRequest>;

/** How long an admin may undo a merge. */
export const MERGE_UNDO_HOURS = 24;

export const ConversationMerge = z
  .object({
    id: Id,
    survivorId: Id.describe('The request that kept the thread (the earlier one)'),
    absorbedId: Id.describe('The request whose messages moved into it'),
    movedMessages: z.number().int().describe('How many messages moved'),
    firstMovedSeq: z.number().int().describe('The sequence number the first moved message got'),
    mergedBy: z.object({ id: Id.nullable(), name: z.string().nullable() }),
    mergedAt: IsoDate,
    undoUntil: IsoDate.describe(`${MERGE_UNDO_HOURS} hours after the merge`),
    undoneAt: IsoDate.nullable(),
    canUndo: z.boolean().describe('Whether the viewer may undo it now (admins, within the window, the latest merge)'),
  })
  .meta({ id: 'ConversationMerge' });
export type ConversationMerge = z.infer<typeof ConversationMerge>;

export const ConversationMergeList = z
  .object({ merges: z.array(ConversationMerge) })
  .meta({ id: 'ConversationMergeList' });
export const MergeIdParams = z.object({ mergeId: Id });
