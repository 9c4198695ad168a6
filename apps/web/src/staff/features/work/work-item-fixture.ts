import type { WorkItem } from '@frontdesk/protocol';

/** A plain open task in Warsaw for the board's unit tests; `over` sets what a test is about. */
export const workItem = (over: Partial<WorkItem>): WorkItem => ({
  id: 'i',
  kind: 'task',
  title: 'Towels',
  description: '',
  priority: 'normal',
  status: 'open',
  cancelReason: null,
  assignee: null,
  team: null,
  dueAt: null,
  window: null,
  place: { roomId: null, roomNumber: null, address: '' },
  conversationId: null,
  stayId: null,
  leadId: null,
  customerId: null,
  checklist: { done: 0, total: 0 },
  overdue: false,
  timeZone: 'Europe/Warsaw',
  createdAt: '2026-12-01T08:00:00.000Z',
  updatedAt: '2026-12-01T08:00:00.000Z',
  doneAt: null,
  ...over,
});
