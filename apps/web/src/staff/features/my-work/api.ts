import type { MyWorkList, WorkItemDetail } from '@frontdesk/protocol';
import { uploadAttachment } from '@frontdesk/sdk';
import type { z } from 'zod';
import { api } from '../../../api/client';
import { ApiError } from '../../../api/errors';
import { id } from '../../api-url';
import type { QueuedOp, SendOutcome } from './op-queue';

export type MyWork = z.infer<typeof MyWorkList>;

/** The doer's calls: today's items, one item's checklist, and a photo (sent at once, never queued). */
export const myWorkApi = {
  today: () => api<MyWork>('/api/v1/me/work'),
  detail: (workItemId: string) => api<WorkItemDetail>(`/api/v1/work-items/${id(workItemId)}`),
  addPhoto: async (workItemId: string, file: File) => {
    const stored = await uploadAttachment(file, { url: '/api/v1/attachments', retries: 2 });
    return api<WorkItemDetail>(`/api/v1/work-items/${id(workItemId)}/photos`, { body: { attachmentId: stored.id } });
  },
};

/**
 * Sends one queued action: an answer from the server takes it off the queue (and is handed to
 * `onAnswer`, the item as it now stands), no connection keeps it.
 */
export async function sendQueuedOp(
  op: QueuedOp,
  onAnswer: (item: WorkItemDetail) => void = () => {},
): Promise<SendOutcome> {
  const method = op.path.includes('/checklist/') ? 'PUT' : 'POST';
  try {
    onAnswer(await api<WorkItemDetail>(op.path, { method, body: op.body }));
    return { sent: true };
  } catch (err) {
    if (err instanceof ApiError && (err.code === 'network_error' || err.status >= 500)) return 'unreachable';
    return { sent: false, refused: err };
  }
}

/** The paths of the actions the queue sends. */
export const workPaths = {
  status: (workItemId: string) => `/api/v1/work-items/${id(workItemId)}/status`,
  check: (workItemId: string, itemId: string) => `/api/v1/work-items/${id(workItemId)}/checklist/${id(itemId)}`,
  note: (workItemId: string) => `/api/v1/work-items/${id(workItemId)}/notes`,
};

export const myWorkKeys = {
  all: ['staff', 'my-work'] as const,
  today: ['staff', 'my-work', 'today'] as const,
  detail: (workItemId: string) => ['staff', 'my-work', 'detail', workItemId] as const,
};
