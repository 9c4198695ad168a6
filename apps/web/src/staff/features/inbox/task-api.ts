import type { CreateWorkItemRequest, WorkItem, WorkItemDetail, WorkItemList } from '@frontdesk/protocol';
import type { z } from 'zod';
import { api } from '../../../api/client';
import { query } from '../../api-url';

/** The conversation's work items: the ones it turned into, and a new one from it. */
export const taskApi = {
  ofConversation: (conversationId: string) =>
    api<z.infer<typeof WorkItemList>>(`/api/v1/work-items${query({ conversationId, limit: 50 })}`).then(
      (page) => page.items,
    ),
  create: (body: z.input<typeof CreateWorkItemRequest>) => api<WorkItemDetail>('/api/v1/work-items', { body }),
};

export const taskKeys = {
  ofConversation: (conversationId: string) => ['staff', 'conversation-work', conversationId] as const,
};

/** Puts a changed item into (or takes it out of) a conversation's list, newest last. */
export function upsertItem(list: readonly WorkItem[] | undefined, item: WorkItem): WorkItem[] {
  const others = (list ?? []).filter((i) => i.id !== item.id);
  return [...others, item].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

/** The title a message prefills ("Towels ×2 — room 112"): its first line, shortened, and the room. */
export function taskTitleFrom(text: string, roomLabel: string | null): string {
  const first = (text.split('\n').find((l) => l.trim()) ?? '').trim().replace(/\s+/g, ' ');
  const short = first.length > 80 ? `${first.slice(0, 79)}…` : first;
  const title = roomLabel ? `${short} — ${roomLabel}` : short;
  return title.slice(0, 200);
}
