import type { GuestActor, StaffActor } from '../../platform/actor.js';

/**
 * Who may upload. Seeing a file is the conversation's rule (conversationPolicy.staffSees and
 * guestSees on the conversation its message is in), applied in service.ts; an upload not sent yet
 * is its uploader's alone.
 */
export const attachmentPolicy = {
  /** Staff who write in conversations: admins and agents of an organization. */
  staffUploads: (actor: StaffActor) => actor.orgId !== null && (actor.role === 'admin' || actor.role === 'agent'),
  /** A guest whose stay still lets them write (not read-only after check-out); visitors always. */
  guestUploads: (guest: GuestActor) => guest.access === 'active',
};
