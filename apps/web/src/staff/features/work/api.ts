import type { WorkItem, WorkItemDetail, WorkStatus } from '@frontdesk/protocol';
import { api } from '../../../api/client';
import { id, query } from '../../api-url';

export type BoardFilter = { from: string; to: string; teamId: string; status: string };
export type Window = { start: string; end: string };

/** The dispatch board's and a work item's calls. */
export const workApi = {
  /** The items planned in [from, to), up to 200 (a board shows a week at most). */
  board: (f: BoardFilter) =>
    api<{ items: WorkItem[]; next: string | null }>(
      `/api/v1/work-items${query({ from: f.from, to: f.to, teamId: f.teamId || undefined, status: f.status || undefined, limit: 200 })}`,
    ),
  /**
   * The "Unscheduled" lane: items with no due time and no window, of the team filtered on; those
   * still to do unless a status is filtered on.
   */
  unscheduled: (f: Pick<BoardFilter, 'teamId' | 'status'>) =>
    api<{ items: WorkItem[]; next: string | null }>(
      `/api/v1/work-items${query({ unscheduled: 'true', teamId: f.teamId || undefined, status: f.status || 'open,scheduled,in_progress', limit: 200 })}`,
    ),
  /** The board's days and filters as a CSV file of every work item in them. */
  csvPath: (f: BoardFilter) =>
    `/api/v1/work-items.csv${query({ from: f.from, to: f.to, teamId: f.teamId || undefined, status: f.status || undefined })}`,
  get: (itemId: string) => api<WorkItemDetail>(`/api/v1/work-items/${id(itemId)}`),
  assign: (itemId: string, body: { assigneeId: string | null; teamId: string | null }) =>
    api<WorkItem>(`/api/v1/work-items/${id(itemId)}/assign`, { body }),
  reschedule: (itemId: string, body: { dueAt?: string | null; window?: Window | null }) =>
    api<WorkItem>(`/api/v1/work-items/${id(itemId)}/reschedule`, { body }),
  /** A drop on the board: reschedule and reassign in one transaction. */
  move: (
    itemId: string,
    body: { dueAt?: string | null; window?: Window | null; assigneeId?: string | null; teamId?: string | null },
  ) => api<WorkItem>(`/api/v1/work-items/${id(itemId)}/move`, { body }),
  status: (itemId: string, body: { status: WorkStatus; reason?: string }) =>
    api<WorkItem>(`/api/v1/work-items/${id(itemId)}/status`, { body }),
  addStep: (itemId: string, text: string) =>
    api<unknown>(`/api/v1/work-items/${id(itemId)}/checklist`, { body: { text } }),
  checkStep: (itemId: string, stepId: string, done: boolean) =>
    api<unknown>(`/api/v1/work-items/${id(itemId)}/checklist/${id(stepId)}`, { method: 'PUT', body: { done } }),
  addNote: (itemId: string, text: string) => api<unknown>(`/api/v1/work-items/${id(itemId)}/notes`, { body: { text } }),
};

export const workKeys = {
  all: ['staff', 'work'] as const,
  board: (f: BoardFilter) => ['staff', 'work', 'board', f] as const,
  unscheduled: (f: Pick<BoardFilter, 'teamId' | 'status'>) => ['staff', 'work', 'unscheduled', f] as const,
  one: (itemId: string) => ['staff', 'work', 'one', itemId] as const,
};
