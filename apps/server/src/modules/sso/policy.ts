import type { StaffActor } from '../../platform/actor.js';

/** Single sign-on decides who gets into the organization: only its admins set it up. */
export const ssoPolicy = {
  manage: (actor: StaffActor) => !!actor.orgId && actor.role === 'admin',
};
