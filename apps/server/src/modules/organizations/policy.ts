import type { StaffActor } from '../../platform/actor.js';

/** Who may see and change an organization's settings, its public entry and its audit log. */
export const organizationPolicy = {
  view: (actor: StaffActor) => actor.orgId !== null,
  edit: (actor: StaffActor) => actor.role === 'admin',
  /** The public entry link and QR: reception hands it to visitors; field staff have their profile only. */
  viewPublicEntry: (actor: StaffActor) => actor.role === 'admin' || actor.role === 'agent',
  viewAudit: (actor: StaffActor) => actor.role === 'admin',
};
