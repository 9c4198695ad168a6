import type { StaffActor } from '../../platform/actor.js';

/** Admins keep the organization's tags; the desk (admins, agents) uses them on the conversations it sees. */
export const tagPolicy = {
  desk: (actor: StaffActor) => !!actor.orgId && (actor.role === 'admin' || actor.role === 'agent'),
  manage: (actor: StaffActor) => !!actor.orgId && actor.role === 'admin',
};
