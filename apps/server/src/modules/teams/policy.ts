import type { StaffActor } from '../../platform/actor.js';

/**
 * Reception and admins see the teams and who is in them (as they see the staff list); only admins
 * create, change and remove teams and choose their members. Field staff see neither the staff list
 * nor the teams: they work their own tasks.
 */
export const teamPolicy = {
  view: (actor: StaffActor) => actor.role === 'admin' || actor.role === 'agent',
  manage: (actor: StaffActor) => actor.role === 'admin',
};
