import type { CustomerHistory, CustomerWorkList } from '@frontdesk/protocol';
import { api } from '../../../api/client';
import { id, query } from '../../api-url';
import { sharedKeys } from '../../shared-api';
import type {
  CreateCustomerRequest,
  CreatedCustomer,
  CustomerDetail,
  CustomerField,
  CustomerList,
  DuplicateHint,
  UpdateCustomerRequest,
} from '../../types';

export const CUSTOMERS_PAGE = 30;

/** The customers pages' calls: the list and its search, one customer, duplicate hints, the extra fields. */
export const customersApi = {
  list: (search: { q: string; mine: boolean; after?: string }) =>
    api<CustomerList>(
      `/api/v1/customers${query({ q: search.q.trim(), mine: search.mine ? 'true' : undefined, after: search.after, limit: CUSTOMERS_PAGE })}`,
    ),
  get: (customerId: string) => api<CustomerDetail>(`/api/v1/customers/${id(customerId)}`),
  create: (body: CreateCustomerRequest) => api<CreatedCustomer>('/api/v1/customers', { body }),
  update: (customerId: string, body: UpdateCustomerRequest) =>
    api<CustomerDetail>(`/api/v1/customers/${id(customerId)}`, { method: 'PATCH', body }),
  archive: (customerId: string) => api<void>(`/api/v1/customers/${id(customerId)}`, { method: 'DELETE' }),
  duplicates: (match: { phone?: string; email?: string; except?: string }) =>
    api<{ duplicates: DuplicateHint[] }>(`/api/v1/customers/duplicates${query(match)}`).then((r) => r.duplicates),
  fields: () => api<{ fields: CustomerField[] }>('/api/v1/customer-fields').then((r) => r.fields),
  history: (customerId: string) => api<CustomerHistory>(`/api/v1/customers/${id(customerId)}/history`),
  work: (customerId: string) =>
    api<CustomerWorkList>(`/api/v1/customers/${id(customerId)}/work-items`).then((r) => r.items),
};

export const customerKeys = {
  all: ['staff', 'customers'] as const,
  list: (q: string, mine: boolean) => ['staff', 'customers', 'list', q, mine] as const,
  one: (customerId: string) => ['staff', 'customers', 'one', customerId] as const,
  history: (customerId: string) => ['staff', 'customers', 'history', customerId] as const,
  work: (customerId: string) => ['staff', 'customers', 'work', customerId] as const,
  duplicates: (match: { phone?: string; email?: string; except?: string }) =>
    ['staff', 'customers', 'duplicates', match] as const,
  fields: sharedKeys.customerFields,
};
