import type { ApiKeyScope } from '@frontdesk/protocol';
import type { ApiClientActor, StaffActor } from '../../platform/actor.js';

/** Keys act for the whole organization: only its admins create, see and revoke them. */
export const apiKeyPolicy = {
  manage: (actor: StaffActor) => !!actor.orgId && actor.role === 'admin',
  /** Whether the key was given the scope the route declares. */
  allows: (client: ApiClientActor, scope: ApiKeyScope) => client.scopes.includes(scope),
};
