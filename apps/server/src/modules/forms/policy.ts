import type { StaffActor } from '../../platform/actor.js';

/** A service company's admins design its request forms; its dispatchers (agents) read them. */
export const formPolicy = {
  view: (actor: StaffActor) => actor.orgKind === 'service' && (actor.role === 'admin' || actor.role === 'agent'),
  manage: (actor: StaffActor) => actor.orgKind === 'service' && actor.role === 'admin',
};
