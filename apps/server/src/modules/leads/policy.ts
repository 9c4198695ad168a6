import type { StaffActor } from '../../platform/actor.js';

/** A service company's admins and dispatchers (agents) work its leads; its admins read where they come from. */
export const leadPolicy = {
  view: (actor: StaffActor) => actor.orgKind === 'service' && (actor.role === 'admin' || actor.role === 'agent'),
  change: (actor: StaffActor) => leadPolicy.view(actor),
  report: (actor: StaffActor) => actor.orgKind === 'service' && actor.role === 'admin',
};
