import type { CannedResponse, MentionPage, Note } from '@frontdesk/protocol';
import { api } from '../api/client';
import { id, query } from './api-url';
import type {
  Conversation,
  ConversationPage,
  ConversationStatus,
  CurrentUser,
  MessagePage,
  Room,
  StaffMember,
  Stay,
  Team,
} from './types';

/**
 * The calls more than one part of the staff app makes: the session (shell, sign-in, account,
 * settings), the staff list (presence, hand-over, admin), rooms (check-in, admin), one stay
 * (stays, guest panel), the teams (admin, transfer) and the conversation pages (the live desk),
 * and the hand-over at the end of a shift (the shell). A
 * feature's own calls stay in its api.ts; features never import each other's.
 */
export const sharedApi = {
  me: () => api<CurrentUser>('/api/v1/auth/me'),
  logout: () => api<void>('/api/v1/auth/logout', { method: 'POST' }),
  staff: () => api<StaffMember[]>('/api/v1/staff'),
  rooms: () => api<Room[]>('/api/v1/rooms'),
  teams: () => api<Team[]>('/api/v1/teams'),
  /** Ends the signed-in staff member's shift: their open requests go back to their teams' queues (or to `userId`). */
  handOverMine: (body: { userId?: string; note?: string } = {}) =>
    api<{ handedOver: number }>('/api/v1/me/handover', { method: 'POST', body }),
  stay: (stayId: string) => api<Stay>(`/api/v1/stays/${id(stayId)}`),
  /** A page of a tab (its counts too), only the conversations carrying `tag` when one is given. */
  conversations: (status: ConversationStatus, mine: boolean, before?: string, limit = 30, tag?: string | null) =>
    api<ConversationPage>(
      `/api/v1/conversations${query({ status, mine: mine || undefined, before, limit, tag: tag ?? undefined })}`,
    ),
  conversation: (conversationId: string) => api<Conversation>(`/api/v1/conversations/${id(conversationId)}`),
  messages: (conversationId: string, before?: number, limit = 50) =>
    api<MessagePage>(`/api/v1/conversations/${id(conversationId)}/messages${query({ before, limit })}`),
  /** The internal notes of a conversation (the live desk; never the guest's). */
  notes: (conversationId: string) =>
    api<{ notes: Note[] }>(`/api/v1/conversations/${id(conversationId)}/notes`).then((r) => r.notes),
  writeNote: (conversationId: string, body: { clientId: string; text: string }) =>
    api<Note>(`/api/v1/conversations/${id(conversationId)}/notes`, { body }),
  /** The signed-in staff member's mentions, newest first (the shell's bell). */
  mentions: (limit = 20) => api<MentionPage>(`/api/v1/me/mentions${query({ limit })}`),
  markMentionsRead: (ids?: string[]) =>
    api<{ unread: number }>('/api/v1/me/mentions/read', { body: ids ? { ids } : {} }),
  /** Canned responses matching `q`, filled in for the conversation's guest (the composer's `/`). */
  cannedFor: (conversationId: string, q: string, signal?: AbortSignal) =>
    api<{ cannedResponses: CannedResponse[] }>(`/api/v1/canned-responses${query({ conversationId, q, limit: 8 })}`, {
      signal,
    }).then((r) => r.cannedResponses),
};

/** Cache keys more than one part of the app reads or invalidates, so invalidations match their queries. */
export const sharedKeys = {
  me: ['staff', 'me'] as const,
  staff: ['staff', 'members'] as const,
  rooms: ['staff', 'rooms'] as const,
  /** The teams with their members, hours and targets (Admin › Teams, the inbox's reply deadlines). */
  teams: ['staff', 'teams'] as const,
  /** Every stays list (each filter and search below it); the shell refetches them when a stay's requests change. */
  stays: ['staff', 'stays'] as const,
  stay: (stayId: string) => ['staff', 'stay', stayId] as const,
  /** The bell's list; the shell refetches it when a mention arrives. */
  mentions: ['staff', 'mentions'] as const,
  /** Every canned response list (the page's, the composer's searches). */
  canned: ['staff', 'canned'] as const,
  /** The organization's extra customer fields (Admin › Customer fields changes them, the customer forms show them). */
  customerFields: ['staff', 'customer-fields'] as const,
};
