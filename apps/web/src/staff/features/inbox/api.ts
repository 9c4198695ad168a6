import type {
  Attachment,
  BulkRequest,
  BulkResult,
  ChangeGuestRequest,
  ConversationMerge,
  EditScheduledMessageRequest,
  PastConversation,
  ScheduledMessage,
  ScheduleMessageRequest,
  TransferRequest,
  VisitorHistory,
} from '@frontdesk/protocol';
import { api } from '../../../api/client';
import { id } from '../../api-url';
import type { Conversation, Priority, Stay } from '../../types';

/** The inbox's own calls; the conversation pages and histories the live desk loads are in shared-api.ts. */
export const inboxApi = {
  stayConversations: (stayId: string) => api<Conversation[]>(`/api/v1/stays/${id(stayId)}/conversations`),
  /** One action on many requests; answers for each, in order, whether it was done or the code of why not. */
  bulk: (body: BulkRequest) => api<BulkResult>('/api/v1/conversations/bulk', { body }),
  setPriority: (conversationId: string, priority: Priority) =>
    api<Conversation>(`/api/v1/conversations/${id(conversationId)}/priority`, { method: 'PUT', body: { priority } }),
  /** Hands the request to a colleague or a queue, with a note only staff see; answers its new state. */
  transfer: (conversationId: string, to: TransferRequest) =>
    api<Conversation>(`/api/v1/conversations/${id(conversationId)}/transfer`, { body: to }),
  /** A canned response's files copied as my own uploads, for the reply being written with it. */
  copyCannedFiles: (cannedId: string) =>
    api<{ attachments: Attachment[] }>(`/api/v1/canned-responses/${id(cannedId)}/attachments/copies`, {
      method: 'POST',
    }).then((r) => r.attachments),
  /** The guest's requests from earlier stays (the same person by e-mail, else phone). */
  guestHistory: (stayId: string, guestId: string) =>
    api<{ matchedBy: 'email' | 'phone' | null; stays: number; conversations: PastConversation[] }>(
      `/api/v1/stays/${id(stayId)}/guests/${id(guestId)}/history`,
    ),
  /** A visitor's (a customer's) requests, this one included, with their tags and notes at a glance. */
  visitorHistory: (visitorId: string) => api<VisitorHistory>(`/api/v1/visitors/${id(visitorId)}/history`),
  changeGuest: (stayId: string, guestId: string, change: ChangeGuestRequest) =>
    api<Stay>(`/api/v1/stays/${id(stayId)}/guests/${id(guestId)}`, { method: 'PATCH', body: change }),
  /** Merges two requests of one guest; answers the one that kept the thread. */
  merge: (conversationId: string, otherConversationId: string) =>
    api<Conversation>(`/api/v1/conversations/${id(conversationId)}/merge`, { body: { otherConversationId } }),
  merges: (conversationId: string) =>
    api<{ merges: ConversationMerge[] }>(`/api/v1/conversations/${id(conversationId)}/merges`),
  undoMerge: (mergeId: string) =>
    api<Conversation>(`/api/v1/conversation-merges/${id(mergeId)}/undo`, { method: 'POST' }),
  scheduled: (conversationId: string) =>
    api<{ scheduled: ScheduledMessage[] }>(`/api/v1/conversations/${id(conversationId)}/scheduled-messages`),
  schedule: (conversationId: string, body: ScheduleMessageRequest) =>
    api<ScheduledMessage>(`/api/v1/conversations/${id(conversationId)}/scheduled-messages`, { body }),
  editScheduled: (conversationId: string, scheduledId: string, body: EditScheduledMessageRequest) =>
    api<ScheduledMessage>(`/api/v1/conversations/${id(conversationId)}/scheduled-messages/${id(scheduledId)}`, {
      method: 'PATCH',
      body,
    }),
  cancelScheduled: (conversationId: string, scheduledId: string) =>
    api<void>(`/api/v1/conversations/${id(conversationId)}/scheduled-messages/${id(scheduledId)}`, {
      method: 'DELETE',
    }),
};

/** Cache keys of inbox: its queries and the invalidations that match them. */
export const inboxKeys = {
  stayConversations: (stayId: string) => ['staff', 'stay-conversations', stayId] as const,
  merges: (conversationId: string) => ['staff', 'conversation-merges', conversationId] as const,
  guestHistory: (guestId: string) => ['staff', 'guest-history', guestId] as const,
  visitorHistory: (visitorId: string) => ['staff', 'visitor-history', visitorId] as const,
  scheduled: (conversationId: string) => ['staff', 'scheduled', conversationId] as const,
};
