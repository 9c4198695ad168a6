import { api } from '../../../api/client';
import type { Conversation, ConversationPage, ConversationStatus, MessagePage } from '../../api';
import { id, query } from '../../api-url';

/** The inbox: conversation pages, one conversation, a thread’s history. */
export const inboxApi = {
  conversations: (status: ConversationStatus, mine: boolean, before?: string, limit = 30) =>
    api<ConversationPage>(`/api/v1/conversations${query({ status, mine: mine || undefined, before, limit })}`),
  conversation: (conversationId: string) => api<Conversation>(`/api/v1/conversations/${id(conversationId)}`),
  messages: (conversationId: string, before?: number, limit = 50) =>
    api<MessagePage>(`/api/v1/conversations/${id(conversationId)}/messages${query({ before, limit })}`),
  stayConversations: (stayId: string) => api<Conversation[]>(`/api/v1/stays/${id(stayId)}/conversations`),
};

/** Cache keys of inbox: its queries and the invalidations that match them. */
export const inboxKeys = {
  stayConversations: (stayId: string) => ['staff', 'stay-conversations', stayId] as const,
  messages: (conversationId: string) => ['staff', 'messages', conversationId] as const,
};
