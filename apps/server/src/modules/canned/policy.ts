import type { StaffActor } from '../../platform/actor.js';

interface CannedLike {
  orgId: string;
  ownerId: string | null;
}

/**
 * Canned responses are the desk's: admins keep the organization's shared ones, everyone at the desk
 * their own, which nobody else sees (not even an admin).
 */
export const cannedPolicy = {
  desk: (actor: StaffActor) => !!actor.orgId && (actor.role === 'admin' || actor.role === 'agent'),
  sees: (actor: StaffActor, c: CannedLike) =>
    cannedPolicy.desk(actor) && c.orgId === actor.orgId && (c.ownerId === null || c.ownerId === actor.userId),
  manageShared: (actor: StaffActor) => actor.role === 'admin',
  edit: (actor: StaffActor, c: CannedLike) =>
    cannedPolicy.sees(actor, c) && (c.ownerId === null ? cannedPolicy.manageShared(actor) : true),
};
