import type { ApiClientActor, StaffActor } from '../../platform/actor.js';

/** Who works leads: a service company's desk, or another system with a key (its route checked the scope). */
export type LeadActor = StaffActor | ApiClientActor;

/**
 * A service company's admins and dispatchers (agents) work its leads; its admins read where they
 * come from. An API key of a service company does both (`customers:manage` for the leads,
 * `reports:read` for the report: the routes check which).
 */
export const leadPolicy = {
  view: (actor: LeadActor) =>
    actor.orgKind === 'service' && (actor.kind === 'api_client' || actor.role === 'admin' || actor.role === 'agent'),
  change: (actor: LeadActor) => leadPolicy.view(actor),
  report: (actor: LeadActor) => actor.orgKind === 'service' && (actor.kind === 'api_client' || actor.role === 'admin'),
};
