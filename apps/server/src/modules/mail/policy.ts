import type { StaffActor } from '../../platform/actor.js';

/** An organization's e-mails are its admins' to see; every organization's, the platform owner's. */
export const mailPolicy = {
  list: (actor: StaffActor) => actor.orgId !== null && actor.role === 'admin',
  listAll: (actor: StaffActor) => actor.superadmin,
  view: (actor: StaffActor, email: { orgId: string | null }) =>
    actor.superadmin || (actor.role === 'admin' && actor.orgId !== null && actor.orgId === email.orgId),
  /** One-time links inside an e-mail are for its recipient; the platform owner may read them (support). */
  seeLinks: (actor: StaffActor) => actor.superadmin,
};
