import { api } from './client';
import type {
  Conversation,
  DeskStatus,
  GuestLoginResponse,
  GuestSession,
  LabelScan,
  PublicOrganization,
  VerificationKind,
  VisitorRequest,
} from './types';

/** The REST calls of the guest surface (see README "Guests"). */
export const guestApi = {
  organization: (slug: string) => api<PublicOrganization>(`/api/v1/public/organizations/${encodeURIComponent(slug)}`),
  session: () => api<GuestSession>('/api/v1/guest/session'),
  desk: () => api<DeskStatus>('/api/v1/guest/desk'),
  login: (slug: string, code: string) =>
    api<GuestLoginResponse>(`/api/v1/guest/${encodeURIComponent(slug)}/login`, { body: { code } }),
  visit: (slug: string, visitor: VisitorRequest) =>
    api<GuestLoginResponse>(`/api/v1/guest/${encodeURIComponent(slug)}/visit`, { body: visitor }),
  logout: () => api<void>('/api/v1/guest/logout', { method: 'POST', body: {} }),
  rate: (conversationId: string, rating: number, comment?: string) =>
    api<Conversation>(`/api/v1/guest/conversations/${conversationId}/rating`, { body: { rating, comment } }),
  label: (token: string) => api<LabelScan>(`/api/v1/public/labels/${encodeURIComponent(token)}`),
  verifyAtLabel: (token: string, body: { kind: VerificationKind; answer: string }) =>
    api<GuestLoginResponse>(`/api/v1/guest/labels/${encodeURIComponent(token)}/verify`, { body }),
};
