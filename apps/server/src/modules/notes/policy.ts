import type { StaffActor } from '../../platform/actor.js';

/** Notes are the desk's: admins and agents who see the conversation write and read them. */
export const notePolicy = {
  desk: (actor: StaffActor) => !!actor.orgId && (actor.role === 'admin' || actor.role === 'agent'),
};
