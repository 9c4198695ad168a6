import type { CustomerCsvQuery } from '@frontdesk/protocol';
import type { z } from 'zod';
import { orgIdOf } from '../../platform/actor.js';
import { type CsvValue, localTime } from '../../platform/csv.js';
import type { ServiceContext } from '../../platform/service-context.js';
import { loadOrganization } from '../organizations/index.js';
import { loadCustomerFields } from './fields.js';
import type { CustomerActor } from './policy.js';
import { listCustomers } from './service.js';
import type { CustomerRow } from './store.js';

const PAGE = 100;

/** An address on one line, its parts in the order a letter has them; empty parts left out. */
const oneLine = (a: CustomerRow['serviceAddress']) =>
  a ? [a.line1, a.line2, a.postcode, a.city, a.country].filter((part) => part.trim()).join(', ') : null;

/**
 * The customers list with its filters (`q`, `mine`) as CSV, by name as the list shows them, every
 * page of it: their contacts, addresses, language, the CRM's id, the organization's own fields (a
 * column each, in the forms' order) and when they were added on the organization's clock. The first
 * page is read before this returns, so a refusal (a hotel, a key without the scope) is an error reply.
 */
export async function customersCsv(ctx: ServiceContext<CustomerActor>, query: z.output<typeof CustomerCsvQuery>) {
  const filters = { ...query, limit: PAGE };
  const first = await listCustomers(ctx, filters);
  const orgId = orgIdOf(ctx.actor);
  const [{ timezone }, fields] = await Promise.all([
    loadOrganization(ctx.db, orgId),
    loadCustomerFields(ctx.db, orgId),
  ]);
  const row = (c: CustomerRow): CsvValue[] => [
    c.id,
    c.name,
    c.companyName,
    c.phones.join('; '),
    c.emails.join('; '),
    oneLine(c.serviceAddress ?? null),
    oneLine(c.billingAddress ?? null),
    c.language,
    c.externalId,
    ...fields.map((f) => {
      const value = c.fields[f.key];
      return value === undefined ? null : typeof value === 'boolean' ? (value ? 'yes' : 'no') : value;
    }),
    localTime(c.createdAt, timezone),
  ];
  async function* batches() {
    let page = first;
    yield page.rows.map(row);
    while (page.next) {
      page = await listCustomers(ctx, { ...filters, after: page.next });
      yield page.rows.map(row);
    }
  }
  const header = [
    'Customer',
    'Name',
    'Company',
    'Phones',
    'E-mails',
    'Service address',
    'Billing address',
    'Language',
    'External id',
    ...fields.map((f) => f.label),
    `Added (${timezone})`,
  ];
  return { header, batches: batches() };
}
