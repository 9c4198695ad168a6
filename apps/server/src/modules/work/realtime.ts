import { serverEvents, type WorkNotice } from '@frontdesk/protocol';
import type { FanOut, RealtimeListeners } from '../../realtime/listeners.js';
import { rooms } from '../../realtime/rooms.js';
import { sees } from './policy.js';
import { presentWorkItem } from './present.js';
import { loadView, viewersOf } from './queries.js';

/**
 * A changed work item goes to the own room of each staff member who sees it (field staff join no
 * desk rooms, and the item's rule is not a conversation's), and a reassignment tells those who saw
 * it before and no longer do to drop it. Never to a guest: their chat hears a status line instead
 * (guest-status.ts), as a message. The due-time jobs' reminders and overdue notices go to the
 * users they name.
 */
export function workListeners({ io, db }: FanOut): RealtimeListeners {
  const fanOut = async (
    orgId: string | null,
    workItemId: string,
    before?: { assigneeId: string | null; teamId: string | null },
  ) => {
    if (!orgId) return;
    const [view, viewers] = await Promise.all([loadView(db, workItemId), viewersOf(db, orgId)]);
    if (!view) return;
    const now = viewers.filter((v) => sees(v, view.item));
    if (now.length) {
      io.to(now.map((v) => rooms.user(v.userId))).emit(serverEvents.workItem, { item: presentWorkItem(view) });
    }
    if (before) {
      const gone = viewers.filter((v) => sees(v, before) && !sees(v, view.item));
      if (gone.length) io.to(gone.map((v) => rooms.user(v.userId))).emit(serverEvents.workItemGone, { id: workItemId });
    }
  };
  /** A reminder or an overdue notice, to the users the job chose (by their own rooms). */
  const notice = async (kind: WorkNotice['kind'], workItemId: string, userIds: string[]) => {
    if (!userIds.length) return;
    const view = await loadView(db, workItemId);
    if (!view) return;
    const payload: WorkNotice = { kind, item: presentWorkItem(view) };
    io.to(userIds.map(rooms.user)).emit(serverEvents.workNotice, payload);
  };
  return {
    'work_item.created': ({ orgId, data }) => fanOut(orgId, data.workItemId),
    'work_item.status_changed': ({ orgId, data }) => fanOut(orgId, data.workItemId),
    'work_item.updated': ({ orgId, data }) =>
      fanOut(orgId, data.workItemId, { assigneeId: data.previousAssigneeId, teamId: data.previousTeamId }),
    'work_item.reminder_due': ({ data }) => notice('reminder', data.workItemId, [data.assigneeId]),
    'work_item.overdue': ({ data }) => notice('overdue', data.workItemId, data.notifiedUserIds),
  };
}
