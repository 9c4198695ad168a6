import type { Db } from '../../db/connection.js';
import type { customers } from '../../db/schema.js';

export type CustomerRow = typeof customers.$inferSelect;
export type NewCustomer = Omit<
  typeof customers.$inferInsert,
  'id' | 'orgId' | 'phoneKeys' | 'emailKeys' | 'createdAt' | 'updatedAt' | 'archivedAt'
>;
export type CustomerChanges = Partial<Omit<NewCustomer, 'createdBy'>>;

export interface CustomerPage {
  rows: (CustomerRow & { createdByName: string | null })[];
  next: string | null;
}

export interface Duplicate {
  id: string;
  name: string;
  companyName: string;
  matched: ('phone' | 'email')[];
}

/**
 * Where a service company's customers are kept: the small interface the customers' service speaks
 * to, so a third-party CRM (ServiceTitan, HubSpot, Salesforce) can later be another driver behind
 * it. Only the built-in one (our own tables) exists. Every call is within one organization.
 */
export interface CustomerStore {
  list(
    db: Db,
    orgId: string,
    query: { q?: string; createdBy?: string; limit: number; after?: string },
  ): Promise<CustomerPage>;
  get(db: Db, orgId: string, id: string): Promise<(CustomerRow & { createdByName: string | null }) | null>;
  /** The row locked for a change in the caller's transaction. */
  lock(db: Db, orgId: string, id: string): Promise<CustomerRow | null>;
  insert(db: Db, orgId: string, customer: NewCustomer): Promise<CustomerRow>;
  update(db: Db, orgId: string, id: string, changes: CustomerChanges): Promise<CustomerRow>;
  archive(db: Db, orgId: string, id: string): Promise<void>;
  /** Customers other than `except` with one of these phones or e-mails, at most 10. */
  duplicates(
    db: Db,
    orgId: string,
    match: { phones: readonly string[]; emails: readonly string[]; except?: string },
  ): Promise<Duplicate[]>;
}
