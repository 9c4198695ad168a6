import type { StaffActor } from '../../platform/actor.js';

const inServiceCompany = (actor: StaffActor) => actor.orgKind === 'service';

/**
 * Customers are a service company's: admins, dispatchers (agents) and field users see and add
 * them — a technician on site must find the customer to label — and change them; a field user
 * changes only those they added. Admins archive them and choose the extra fields.
 */
export const customerPolicy = {
  view: (actor: StaffActor) =>
    inServiceCompany(actor) && (actor.role === 'admin' || actor.role === 'agent' || actor.role === 'field'),
  create: (actor: StaffActor) => customerPolicy.view(actor),
  edit: (actor: StaffActor, customer: { createdBy: string | null }) =>
    customerPolicy.view(actor) && (actor.role !== 'field' || customer.createdBy === actor.userId),
  signOut: (actor: StaffActor) => inServiceCompany(actor) && (actor.role === 'admin' || actor.role === 'agent'),
  archive: (actor: StaffActor) => inServiceCompany(actor) && actor.role === 'admin',
  manageFields: (actor: StaffActor) => inServiceCompany(actor) && actor.role === 'admin',
};
