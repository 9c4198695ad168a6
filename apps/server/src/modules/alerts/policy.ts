import type { StaffActor } from '../../platform/actor.js';

/**
 * Admins see and acknowledge every alert of their organization and change its settings; an agent
 * who is a team's duty manager sees and acknowledges the alerts of that team's requests (the
 * service narrows the list to them); field staff, guests and API clients see none.
 */
export const alertPolicy = {
  view: (actor: StaffActor) => !!actor.orgId && (actor.role === 'admin' || actor.role === 'agent'),
  seesAll: (actor: StaffActor) => actor.role === 'admin',
  manage: (actor: StaffActor) => !!actor.orgId && actor.role === 'admin',
};
