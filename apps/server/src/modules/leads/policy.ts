import type { StaffActor } from '../../platform/actor.js';

/** A service company's admins and dispatchers (agents) work its leads. */
export const leadPolicy = {
  view: (actor: StaffActor) => actor.orgKind === 'service' && (actor.role === 'admin' || actor.role === 'agent'),
  change: (actor: StaffActor) => leadPolicy.view(actor),
};
