// The conversations module's public entry: other modules import from here only (npm run lint checks it).
import { defineModule } from '../../platform/module.js';
import { groupCommitOf } from './group-commit.js';
import { openingGroupOf } from './opening-batch.js';
import { conversationListeners } from './realtime.js';
import { registerConversationRoutes } from './routes.js';
import { conversationSockets } from './socket-handlers.js';
import { takeGroupOf } from './take-in-one-statement.js';

export { appendMessage, findByClientId } from './append.js';
export { presentAttachment } from './attach.js';
export { messageCreated } from './events.js';
export { mergedError } from './merged-error.js';
export { conversationPolicy, visibleToStaff } from './policy.js';
export { getForStaff, queueOrder, sync, typingTarget } from './queries.js';
export { sendAsApiClient, sendAsGuest, sendAsStaff, stayReadOnly } from './send.js';
export {
  assignConversation,
  markSeen,
  rateConversation,
  resolveConversation,
  setConversationPriority,
  takeConversation,
} from './service.js';
export { handOverAbsentStaff, handOverAll, transferConversation } from './transfer.js';
export {
  type ConversationView,
  loadConversationView,
  presentConversation,
  presentMessage,
  presentStaffView,
} from './views.js';

/** Requests and their messages: the inbox, sending, taking, resolving, rating. */
export const conversations = defineModule({
  name: 'conversations',
  errorCodes: [
    'stay_read_only',
    'already_taken',
    'not_resolved',
    'already_rated',
    'already_resolved',
    'not_mergeable',
    'conversation_merged',
    'merge_not_undoable',
    'too_many_attachments',
    'attachment_unavailable',
  ],
  routes(api, ctx) {
    registerConversationRoutes(api, ctx);
    // the node's group commit says in its log when a batch fails as a whole, and in its metrics how
    // big batches are, how often a send found its request held, fell back, or went with a failed batch
    const group = groupCommitOf(ctx.db);
    group.log = ctx.log;
    group.onBatch = (size) => ctx.metrics.sendBatchSize.observe(size);
    group.onHeld = () => ctx.metrics.sendBatchHeld.inc();
    group.onFallback = () => ctx.metrics.sendBatchFallbacks.inc();
    group.onFailedBatch = () => ctx.metrics.sendBatchFailures.inc();
    // first messages (each opening a request) and takes go in batches of their own
    const openings = openingGroupOf(ctx.db);
    openings.log = ctx.log;
    openings.onBatch = (size) => ctx.metrics.openBatchSize.observe(size);
    openings.onFailedBatch = () => ctx.metrics.openBatchFailures.inc();
    const takes = takeGroupOf(ctx.db);
    takes.log = ctx.log;
    takes.onBatch = (size) => ctx.metrics.takeBatchSize.observe(size);
    takes.onFailedBatch = () => ctx.metrics.takeBatchFailures.inc();
  },
  listeners: conversationListeners,
  socket: conversationSockets,
});
