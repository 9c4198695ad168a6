import type { StaffActor } from '../../platform/actor.js';

/**
 * A person's data leaves (export) or is erased only at an admin's hand: both are written in the
 * audit log. The retention job erases as the system.
 */
export const privacyPolicy = {
  manage: (actor: StaffActor) => actor.orgId !== null && actor.role === 'admin',
};
