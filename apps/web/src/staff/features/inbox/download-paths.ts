import { id } from '../../api-url';
import type { InboxTab } from '../../types';

/** The inbox tab (and its tag filter) as a CSV download: `/api/v1/conversations.csv?…`. */
export function conversationsCsvPath(tab: InboxTab, tagId: string | null): string {
  const params = new URLSearchParams({ status: tab === 'mine' ? 'open' : tab });
  if (tab === 'mine') params.set('mine', 'true');
  if (tagId) params.set('tag', tagId);
  return `/api/v1/conversations.csv?${params}`;
}

/** A request's transcript file, as PDF or plain text (internal notes left out). */
export const transcriptPath = (conversationId: string, format: 'pdf' | 'txt') =>
  `/api/v1/conversations/${id(conversationId)}/transcript.${format}`;

/** Every request of a stay in one transcript, for a guest who asks for their history. */
export const stayTranscriptPath = (stayId: string, format: 'pdf' | 'txt') =>
  `/api/v1/stays/${id(stayId)}/transcript.${format}`;
