import type { StaffActor } from '../../platform/actor.js';

/** Rooms and stays are a hotel's: receptionists see them, admins also manage rooms. */
export const roomPolicy = {
  view: (actor: StaffActor) => actor.orgKind === 'hotel' && (actor.role === 'admin' || actor.role === 'agent'),
  manage: (actor: StaffActor) => actor.orgKind === 'hotel' && actor.role === 'admin',
};
