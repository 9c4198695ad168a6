import type { StaffActor } from '../../platform/actor.js';

/** Receptionists see rooms and stays; admins also manage rooms. */
export const roomPolicy = {
  view: (actor: StaffActor) => actor.role === 'admin' || actor.role === 'agent',
  manage: (actor: StaffActor) => actor.role === 'admin',
};
