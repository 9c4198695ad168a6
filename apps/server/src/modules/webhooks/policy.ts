import type { StaffActor } from '../../platform/actor.js';

/** Webhooks send the organization's events out of Frontdesk: only its admins set them up and read what was sent. */
export const webhookPolicy = {
  manage: (actor: StaffActor) => !!actor.orgId && actor.role === 'admin',
};
