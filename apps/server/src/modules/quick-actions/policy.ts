import type { GuestActor, StaffActor } from '../../platform/actor.js';

/**
 * Admins keep their organization's catalogue of quick actions; a hotel guest (not an anonymous
 * visitor) sees the enabled ones of their own organization and taps them while their stay lets
 * them write. The organization is always the caller's own.
 */
export const quickActionPolicy = {
  manage: (actor: StaffActor) => !!actor.orgId && actor.role === 'admin',
  use: (actor: GuestActor) => actor.kind === 'guest',
};
