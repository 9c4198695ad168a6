import type { Customer, Language } from '@frontdesk/protocol';
import type { CustomerRow } from './store.js';

export function presentCustomer(row: CustomerRow & { createdByName?: string | null }): Customer {
  return {
    id: row.id,
    name: row.name,
    companyName: row.companyName,
    serviceAddress: row.serviceAddress ?? null,
    billingAddress: row.billingAddress ?? null,
    phones: row.phones,
    emails: row.emails,
    language: row.language as Language,
    notes: row.notes,
    fields: row.fields,
    createdBy: row.createdBy ? { id: row.createdBy, name: row.createdByName ?? '' } : null,
    externalId: row.externalId,
    erasedAt: row.erasedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
