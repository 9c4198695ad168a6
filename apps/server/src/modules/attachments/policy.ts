import type { GuestActor, StaffActor } from '../../platform/actor.js';

/**
 * Who may upload. Seeing a file is the conversation's rule (conversationPolicy.staffSees and
 * guestSees on the conversation its message is in), applied in service.ts; an upload not sent yet
 * is its uploader's alone.
 */
export const attachmentPolicy = {
  /**
   * Staff of an organization: admins and agents send files in conversations; field staff (and the
   * desk) attach photos to work items (modules/work), which only that module lets anyone read.
   */
  staffUploads: (actor: StaffActor) =>
    actor.orgId !== null && (actor.role === 'admin' || actor.role === 'agent' || actor.role === 'field'),
  /** A guest whose stay still lets them write (not read-only after check-out); visitors always. */
  guestUploads: (guest: GuestActor) => guest.access === 'active',
};
