import {
  Conversation,
  ConversationIdParams,
  ConversationMergeList,
  MergeIdParams,
  MergeRequest,
  type ConversationMerge as MergeView,
} from '@frontdesk/protocol';
import { type Api, errors, staffSecurity } from '../../platform/api.js';
import type { AppContext } from '../../platform/context.js';
import { type MergeRow, mergeConversations, mergesInto, undoDeadline, undoMerge } from './merge.js';
import { presentStaffView } from './views.js';

function presentMerge(merge: MergeRow, canUndo: boolean): MergeView {
  return {
    id: merge.id,
    survivorId: merge.survivorId,
    absorbedId: merge.absorbedId,
    movedMessages: merge.movedMessages,
    firstMovedSeq: merge.firstMovedSeq,
    mergedBy: { id: merge.mergedBy, name: merge.mergedByName },
    mergedAt: merge.mergedAt.toISOString(),
    undoUntil: undoDeadline(merge).toISOString(),
    undoneAt: merge.undoneAt?.toISOString() ?? null,
    canUndo,
  };
}

/** Merging two requests of one guest, and undoing it. */
export function registerMergeRoutes(app: Api, { db }: AppContext): void {
  const tags = ['conversations'];
  const security = staffSecurity;
  const staffView = (id: string) => presentStaffView(db, id);

  app.post(
    '/api/v1/conversations/:id/merge',
    {
      schema: {
        tags,
        security,
        summary:
          'Merge the request with another of the same guest: the earlier one keeps the thread, the later one’s messages follow it in order (an admin can undo it within a day)',
        params: ConversationIdParams,
        body: MergeRequest,
        response: { 200: Conversation, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req) =>
      staffView((await mergeConversations(req.asStaff(), req.params.id, req.body.otherConversationId)).survivor.id),
  );

  app.get(
    '/api/v1/conversations/:id/merges',
    {
      schema: {
        tags,
        security,
        summary: 'The requests merged into this one, newest first, and whether each can be undone',
        params: ConversationIdParams,
        response: { 200: ConversationMergeList, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => ({
      merges: (await mergesInto(req.asStaff(), req.params.id)).map(({ merge, canUndo }) =>
        presentMerge(merge, canUndo),
      ),
    }),
  );

  app.post(
    '/api/v1/conversation-merges/:mergeId/undo',
    {
      schema: {
        tags,
        security,
        summary:
          'Undo a merge (admins, within a day, the latest first): the other request and its messages come back as they were',
        params: MergeIdParams,
        response: { 200: Conversation, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req) => staffView((await undoMerge(req.asStaff(), req.params.mergeId)).id),
  );
}
