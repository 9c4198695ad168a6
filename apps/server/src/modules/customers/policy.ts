import type { ApiClientActor, StaffActor } from '../../platform/actor.js';

/** Who works customers: a service company's staff, or another system with a key of scope `customers:manage` (its route checked it). */
export type CustomerActor = StaffActor | ApiClientActor;

const inServiceCompany = (actor: CustomerActor) => actor.orgKind === 'service';

/**
 * Customers are a service company's: admins, dispatchers (agents) and field users see and add
 * them — a technician on site must find the customer to label — and change them; a field user
 * changes only those they added. Admins archive them and choose the extra fields. An API key
 * (a CRM keeping its records in step) does what an admin does with the records themselves, not
 * with the settings or the customers' sessions.
 */
export const customerPolicy = {
  view: (actor: CustomerActor) =>
    inServiceCompany(actor) &&
    (actor.kind === 'api_client' || actor.role === 'admin' || actor.role === 'agent' || actor.role === 'field'),
  create: (actor: CustomerActor) => customerPolicy.view(actor),
  edit: (actor: CustomerActor, customer: { createdBy: string | null }) =>
    customerPolicy.view(actor) &&
    (actor.kind === 'api_client' || actor.role !== 'field' || customer.createdBy === actor.userId),
  signOut: (actor: StaffActor) => inServiceCompany(actor) && (actor.role === 'admin' || actor.role === 'agent'),
  archive: (actor: CustomerActor) => inServiceCompany(actor) && (actor.kind === 'api_client' || actor.role === 'admin'),
  manageFields: (actor: StaffActor) => inServiceCompany(actor) && actor.role === 'admin',
};
