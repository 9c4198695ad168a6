import type { Role } from '@frontdesk/protocol';
import type { StaffActor } from '../../platform/actor.js';

interface Member {
  orgId: string | null;
  role: Role | null;
  id: string;
}

/**
 * Who may do what to staff accounts. Admins run their organization's agents and field staff;
 * only a platform super admin makes, unmakes or removes admins (as the product spec says).
 */
export const staffPolicy = {
  /** Who may be handed requests from the inbox: active admins and agents (field staff work elsewhere). */
  handlesConversations: (member: { role: string | null; active: boolean }) =>
    member.active && (member.role === 'admin' || member.role === 'agent'),
  list: (actor: StaffActor) => actor.role === 'admin' || actor.role === 'agent',
  add: (actor: StaffActor, role: Role) => actor.superadmin || (actor.role === 'admin' && role !== 'admin'),
  manage: (actor: StaffActor, member: Member) =>
    actor.superadmin || (actor.role === 'admin' && actor.orgId === member.orgId && member.role !== 'admin'),
  changeRole: (actor: StaffActor, member: Member, role: Role) =>
    staffPolicy.manage(actor, member) && (actor.superadmin || role !== 'admin'),
};
