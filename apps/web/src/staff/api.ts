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
import { accountApi } from './features/account/api';
import { adminApi, adminKeys } from './features/admin/api';
import { authApi, authKeys } from './features/auth/api';
import { inboxApi, inboxKeys } from './features/inbox/api';
import { platformApi, platformKeys } from './features/platform/api';
import { staysApi, staysKeys } from './features/stays/api';

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

/** Every REST call of the staff surface, each declared by its feature (see /api/openapi.json). */
export const staffApi = { ...authApi, ...accountApi, ...inboxApi, ...staysApi, ...adminApi, ...platformApi };

/** Every cache key of the staff surface, each declared by its feature, so invalidations match their queries. */
export const keys = { ...authKeys, ...inboxKeys, ...staysKeys, ...adminKeys, ...platformKeys };
