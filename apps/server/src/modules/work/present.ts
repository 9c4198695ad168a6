import type { WorkItem, WorkItemDetail } from '@frontdesk/protocol';
import type { workChecklistItems, workHistory, workItems, workNotes } from '../../db/schema.js';

export type WorkItemRow = typeof workItems.$inferSelect;

/** A work item with the names and counts its presentation shows. */
export interface WorkItemView {
  item: WorkItemRow;
  assigneeName: string | null;
  teamName: string | null;
  roomNumber: string | null;
  timeZone: string;
  checklistDone: number;
  checklistTotal: number;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Whether it is late: due (or its window over) before `now`, and not finished. */
export function isOverdue(item: WorkItemRow, now = new Date()): boolean {
  if (item.status === 'done' || item.status === 'cancelled') return false;
  const by = item.windowEnd ?? item.dueAt;
  return by !== null && by.getTime() < now.getTime();
}

export function presentWorkItem(v: WorkItemView): WorkItem {
  const { item } = v;
  return {
    id: item.id,
    kind: item.kind,
    title: item.title,
    description: item.description,
    priority: item.priority,
    status: item.status,
    cancelReason: item.cancelReason,
    assignee: item.assigneeId ? { id: item.assigneeId, name: v.assigneeName ?? '' } : null,
    team: item.teamId ? { id: item.teamId, name: v.teamName ?? '' } : null,
    dueAt: iso(item.dueAt),
    window:
      item.windowStart && item.windowEnd
        ? { start: item.windowStart.toISOString(), end: item.windowEnd.toISOString() }
        : null,
    place: { roomId: item.roomId, roomNumber: v.roomNumber, address: item.address },
    conversationId: item.conversationId,
    stayId: item.stayId,
    leadId: item.leadId,
    customerId: item.customerId,
    checklist: { done: v.checklistDone, total: v.checklistTotal },
    overdue: isOverdue(item),
    timeZone: v.timeZone,
    createdAt: item.createdAt.toISOString(),
    updatedAt: item.updatedAt.toISOString(),
    doneAt: iso(item.doneAt),
  };
}

export function presentWorkItemDetail(
  v: WorkItemView,
  checklist: (typeof workChecklistItems.$inferSelect)[],
  notes: (typeof workNotes.$inferSelect)[],
  history: (typeof workHistory.$inferSelect)[],
  photos: {
    id: string;
    name: string;
    width: number | null;
    height: number | null;
    addedBy: string | null;
    addedByName: string;
    createdAt: Date;
  }[],
): WorkItemDetail {
  return {
    ...presentWorkItem(v),
    checklistItems: checklist.map((c) => ({ id: c.id, text: c.text, done: c.done, position: c.position })),
    notes: notes.map((n) => ({
      id: n.id,
      author: { id: n.authorId, name: n.authorName },
      text: n.body,
      createdAt: n.createdAt.toISOString(),
    })),
    photos: photos.map((p) => ({
      id: p.id,
      name: p.name,
      width: p.width,
      height: p.height,
      addedBy: { id: p.addedBy, name: p.addedByName },
      createdAt: p.createdAt.toISOString(),
    })),
    history: history.map((h) => ({
      id: h.id,
      by: { id: h.actorId, name: h.actorName },
      action: h.action,
      details: h.details,
      at: h.createdAt.toISOString(),
    })),
  };
}
