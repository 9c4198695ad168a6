import type { BulkAction, BulkOutcome, BulkRequest } from '@frontdesk/protocol';
import type { StaffActor } from '../../platform/actor.js';
import { AppError, forbidden } from '../../platform/errors.js';
import type { ServiceContext } from '../../platform/service-context.js';
import {
  assignConversation,
  conversationPolicy,
  resolveConversation,
  setConversationPriority,
  transferConversation,
} from '../conversations/index.js';
import { tagConversation, untagConversation } from '../tags/index.js';

/**
 * Does one action to one conversation through the service that does it to one (its rules, its
 * transaction, its events); throws what that service throws.
 */
async function applyOne(ctx: ServiceContext<StaffActor>, id: string, action: BulkAction): Promise<void> {
  switch (action.type) {
    case 'assign':
      await assignConversation(ctx, id, action.userId);
      return;
    case 'transfer':
      await transferConversation(ctx, id, { userId: null, teamId: action.teamId });
      return;
    case 'tag':
      await tagConversation(ctx, id, action.tagId);
      return;
    case 'untag':
      await untagConversation(ctx, id, action.tagId);
      return;
    case 'priority':
      await setConversationPriority(ctx, id, action.priority);
      return;
    case 'resolve':
      await resolveConversation(ctx, id, { refuseResolved: true });
      return;
  }
}

/**
 * Does one action to many conversations, each on its own (one failing stops none of the others),
 * and answers for each id, in the order asked, whether it was done or the stable code of why not.
 */
export async function applyBulk(ctx: ServiceContext<StaffActor>, request: BulkRequest): Promise<BulkOutcome[]> {
  if (!conversationPolicy.take(ctx.actor) || !ctx.actor.orgId) {
    throw forbidden('Only reception and admins handle requests');
  }
  const outcomes: BulkOutcome[] = [];
  for (const id of request.ids) {
    try {
      await applyOne(ctx, id, request.action);
      outcomes.push({ ok: true });
    } catch (err) {
      if (err instanceof AppError) {
        outcomes.push({ ok: false, code: err.code, message: err.message });
        continue;
      }
      // the others are done and committed: report this one, do not lose their answers
      ctx.log.error({ err, conversationId: id, action: request.action.type }, 'bulk action failed');
      outcomes.push({ ok: false, code: 'internal_error', message: 'Something went wrong with this one' });
    }
  }
  return outcomes;
}
