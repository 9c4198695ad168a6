import { AppError } from '../../platform/errors.js';
import type { ConversationRow } from './views.js';

/** The error for acting on a request that was merged into another. */
export function mergedError(c: Pick<ConversationRow, 'id' | 'mergedIntoId'>): AppError {
  return new AppError('conversation_merged', 'This request was merged into another one', {
    conversationId: c.id,
    mergedInto: c.mergedIntoId,
  });
}
