import type { StaffActor } from '../../platform/actor.js';

const inServiceCompany = (actor: StaffActor) => actor.orgKind === 'service';
const staffOf = (actor: StaffActor) =>
  inServiceCompany(actor) && (actor.role === 'admin' || actor.role === 'agent' || actor.role === 'field');

/**
 * Labels are a service company's: admins create batches, print and retire them; everyone at the
 * company finds labels and gives a blank one to a customer on site; moving a label from one customer
 * to another is for admins and dispatchers (agents), not for field staff.
 */
export const labelPolicy = {
  view: staffOf,
  assign: staffOf,
  reassign: (actor: StaffActor) => inServiceCompany(actor) && (actor.role === 'admin' || actor.role === 'agent'),
  manage: (actor: StaffActor) => inServiceCompany(actor) && actor.role === 'admin',
};
