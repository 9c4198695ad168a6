import type { StaffActor } from '../../platform/actor.js';

/**
 * Admins decide where requests go; reception sees the rules (to understand why a request reached
 * them) but does not change them. Field staff see neither.
 */
export const routingPolicy = {
  view: (actor: StaffActor) => actor.role === 'admin' || actor.role === 'agent',
  manage: (actor: StaffActor) => actor.role === 'admin',
};
