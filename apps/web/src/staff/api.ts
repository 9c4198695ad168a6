import type {
  Abilities,
  AddStaffResponse as AddStaffResponseSchema,
  AuditEntry as AuditEntrySchema,
  AuditPage as AuditPageSchema,
  BulkCreateRoomsResponse as BulkCreateRoomsResponseSchema,
  Conversation,
  ConversationCounts as ConversationCountsSchema,
  ConversationPage as ConversationPageSchema,
  CreateOrganizationRequest as CreateOrganizationRequestSchema,
  CreateOrganizationResponse as CreateOrganizationResponseSchema,
  CurrentUser,
  GuestDetails as GuestDetailsSchema,
  Language,
  LoginResponse as LoginResponseSchema,
  MessagePage as MessagePageSchema,
  OrganizationWithSeats as OrganizationWithSeatsSchema,
  PlanName,
  PlatformOrganization as PlatformOrganizationSchema,
  PublicEntry as PublicEntrySchema,
  Role,
  Room,
  SetPasswordLink as SetPasswordLinkSchema,
  StaffMember,
  Stay,
  UpdateOrganizationRequest as UpdateOrganizationRequestSchema,
} from '@frontdesk/protocol';
import type { z } from 'zod';
import { api } from '../api/client';

// Types only: the zod schemas stay out of the browser bundle.
export type { Abilities, Conversation, CurrentUser, Language, PlanName, Role, Room, StaffMember, Stay };
export type ConversationStatus = Conversation['status'];
export type ConversationCounts = z.infer<typeof ConversationCountsSchema>;
export type ConversationPage = z.infer<typeof ConversationPageSchema>;
export type MessagePage = z.infer<typeof MessagePageSchema>;
export type Message = MessagePage['messages'][number];
export type OrganizationWithSeats = z.infer<typeof OrganizationWithSeatsSchema>;
export type OrganizationSettings = z.input<typeof UpdateOrganizationRequestSchema>;
export type PublicEntry = z.infer<typeof PublicEntrySchema>;
export type SetPasswordLink = z.infer<typeof SetPasswordLinkSchema>;
export type AddStaffResponse = z.infer<typeof AddStaffResponseSchema>;
export type AuditEntry = z.infer<typeof AuditEntrySchema>;
export type AuditPage = z.infer<typeof AuditPageSchema>;
export type BulkCreateRoomsResponse = z.infer<typeof BulkCreateRoomsResponseSchema>;
export type PlatformOrganization = z.infer<typeof PlatformOrganizationSchema>;
export type CreateOrganizationRequest = z.input<typeof CreateOrganizationRequestSchema>;
export type CreateOrganizationResponse = z.infer<typeof CreateOrganizationResponseSchema>;
export type LoginResponse = z.infer<typeof LoginResponseSchema>;
export type GuestDetails = z.input<typeof GuestDetailsSchema>;
export type StayFilter = 'all_live' | 'current' | 'upcoming' | 'ended_today';
export type InboxTab = 'queued' | 'mine' | 'open' | 'resolved';

const id = encodeURIComponent;

function query(params: Record<string, string | number | boolean | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    if (value !== undefined && value !== '') search.set(key, `${value}`);
  const text = search.toString();
  return text ? `?${text}` : '';
}

/**
 * Links the server builds from PUBLIC_URL (QR images, PDFs) used as same-origin paths, so they
 * load with the session cookie even when the app is reached at another address than PUBLIC_URL.
 */
export function sameOriginPath(url: string): string {
  try {
    const parsed = new URL(url, window.location.origin);
    return `${parsed.pathname}${parsed.search}`;
  } catch {
    return url;
  }
}

/** The REST calls of the staff, admin and platform pages (see /api/openapi.json). */
export const staffApi = {
  login: (email: string, password: string) => api<LoginResponse>('/api/v1/auth/login', { body: { email, password } }),
  logout: () => api<void>('/api/v1/auth/logout', { method: 'POST' }),
  me: () => api<CurrentUser>('/api/v1/auth/me'),
  setPassword: (token: string, password: string) =>
    api<void>('/api/v1/auth/set-password', { body: { token, password } }),
  updateProfile: (change: { name?: string; motto?: string }) =>
    api<CurrentUser>('/api/v1/me', { method: 'PATCH', body: change }),
  changePassword: (currentPassword: string, newPassword: string) =>
    api<void>('/api/v1/me/password', { body: { currentPassword, newPassword } }),
  uploadPhoto: (file: Blob) => api<CurrentUser>('/api/v1/me/photo', { method: 'PUT', file }),
  removePhoto: () => api<CurrentUser>('/api/v1/me/photo', { method: 'DELETE' }),

  conversations: (status: ConversationStatus, mine: boolean, before?: string, limit = 30) =>
    api<ConversationPage>(`/api/v1/conversations${query({ status, mine: mine || undefined, before, limit })}`),
  conversation: (conversationId: string) => api<Conversation>(`/api/v1/conversations/${id(conversationId)}`),
  messages: (conversationId: string, before?: number, limit = 50) =>
    api<MessagePage>(`/api/v1/conversations/${id(conversationId)}/messages${query({ before, limit })}`),
  stayConversations: (stayId: string) => api<Conversation[]>(`/api/v1/stays/${id(stayId)}/conversations`),

  rooms: () => api<Room[]>('/api/v1/rooms'),
  addRooms: (input: { range: string; label?: string } | { numbers: string[]; label?: string }) =>
    api<BulkCreateRoomsResponse>('/api/v1/rooms/bulk', { body: input }),
  updateRoom: (roomId: string, change: { label?: string; priority?: boolean }) =>
    api<Room>(`/api/v1/rooms/${id(roomId)}`, { method: 'PATCH', body: change }),
  removeRoom: (roomId: string) => api<void>(`/api/v1/rooms/${id(roomId)}`, { method: 'DELETE' }),

  stays: (status: StayFilter, q?: string) => api<Stay[]>(`/api/v1/stays${query({ status, q })}`),
  stay: (stayId: string) => api<Stay>(`/api/v1/stays/${id(stayId)}`),
  checkIn: (input: { roomId: string; checkOutAt: string; guest: GuestDetails }) =>
    api<Stay>('/api/v1/stays', { body: input }),
  addGuest: (stayId: string, guest: GuestDetails) => api<Stay>(`/api/v1/stays/${id(stayId)}/guests`, { body: guest }),
  changeCheckOut: (stayId: string, checkOutAt: string) =>
    api<Stay>(`/api/v1/stays/${id(stayId)}`, { method: 'PATCH', body: { checkOutAt } }),
  checkOut: (stayId: string) => api<Stay>(`/api/v1/stays/${id(stayId)}/check-out`, { method: 'POST' }),
  endGuestAccess: (stayId: string) => api<Stay>(`/api/v1/stays/${id(stayId)}/end-access`, { method: 'POST' }),

  staff: () => api<StaffMember[]>('/api/v1/staff'),
  addStaff: (input: { email: string; name: string; role: Role }) =>
    api<AddStaffResponse>('/api/v1/staff', { body: input }),
  changeRole: (userId: string, role: Role) =>
    api<StaffMember>(`/api/v1/staff/${id(userId)}`, { method: 'PATCH', body: { role } }),
  setStaffActive: (userId: string, active: boolean) =>
    api<StaffMember>(`/api/v1/staff/${id(userId)}/${active ? 'activate' : 'deactivate'}`, { method: 'POST' }),
  resendLink: (userId: string) => api<SetPasswordLink>(`/api/v1/staff/${id(userId)}/password-link`, { method: 'POST' }),
  removeStaff: (userId: string) => api<void>(`/api/v1/staff/${id(userId)}`, { method: 'DELETE' }),

  organization: () => api<OrganizationWithSeats>('/api/v1/organization'),
  updateOrganization: (change: OrganizationSettings) =>
    api<OrganizationWithSeats>('/api/v1/organization', { method: 'PATCH', body: change }),
  uploadLogo: (file: Blob) => api<OrganizationWithSeats>('/api/v1/organization/logo', { method: 'PUT', file }),
  removeLogo: () => api<OrganizationWithSeats>('/api/v1/organization/logo', { method: 'DELETE' }),
  publicEntry: () => api<PublicEntry>('/api/v1/organization/public-entry'),
  auditLog: (before?: number, limit = 50) => api<AuditPage>(`/api/v1/audit-log${query({ before, limit })}`),

  platformOrganizations: () => api<PlatformOrganization[]>('/api/v1/platform/organizations'),
  createOrganization: (input: CreateOrganizationRequest) =>
    api<CreateOrganizationResponse>('/api/v1/platform/organizations', { body: input }),
  updatePlan: (orgId: string, change: { plan?: PlanName; seatLimit?: number; active?: boolean }) =>
    api<PlatformOrganization>(`/api/v1/platform/organizations/${id(orgId)}`, { method: 'PATCH', body: change }),
};

/** Cache keys of the staff surface, in one place so invalidations match their queries. */
export const keys = {
  me: ['staff', 'me'] as const,
  staff: ['staff', 'members'] as const,
  organization: ['staff', 'organization'] as const,
  publicEntry: ['staff', 'public-entry'] as const,
  rooms: ['staff', 'rooms'] as const,
  stays: ['staff', 'stays'] as const,
  stay: (stayId: string) => ['staff', 'stay', stayId] as const,
  stayConversations: (stayId: string) => ['staff', 'stay-conversations', stayId] as const,
  messages: (conversationId: string) => ['staff', 'messages', conversationId] as const,
  audit: ['staff', 'audit'] as const,
  ratings: ['staff', 'ratings'] as const,
  platform: ['staff', 'platform-organizations'] as const,
};
