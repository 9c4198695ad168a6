import type {
  CreateCustomerRequest,
  CreatedCustomer,
  Customer,
  CustomerList,
  Label,
  LabelBatch,
  LabelDetail,
  LabelLayout,
} from '@frontdesk/protocol';
import type { z } from 'zod';
import { api } from '../../../api/client';
import { id, query } from '../../api-url';

export type { Label, LabelBatch, LabelLayout };
export type LabelWithHistory = z.infer<typeof LabelDetail>;
export type { Customer };

/** The calls of the labels pages; the customer search and quick add are the customers API, called directly. */
export const labelsApi = {
  batches: () => api<{ batches: LabelBatch[] }>('/api/v1/label-batches').then((r) => r.batches),
  createBatch: (body: { name: string; campaign: string; size: number }) =>
    api<LabelBatch>('/api/v1/label-batches', { body }),
  labels: (params: { batchId?: string; mine?: boolean }) =>
    api<{ labels: Label[] }>(
      `/api/v1/labels${query({ batchId: params.batchId, mine: params.mine ? 'true' : undefined, limit: 1000 })}`,
    ).then((r) => r.labels),
  label: (labelId: string) => api<LabelWithHistory>(`/api/v1/labels/${id(labelId)}`),
  findByCode: (code: string) => api<Label>(`/api/v1/labels/find${query({ code })}`),
  findByToken: (token: string) => api<Label>(`/api/v1/labels/find${query({ token })}`),
  assign: (labelId: string, customerId: string) =>
    api<Label>(`/api/v1/labels/${id(labelId)}/assign`, { body: { customerId } }),
  retire: (labelId: string) => api<Label>(`/api/v1/labels/${id(labelId)}/retire`, { method: 'POST' }),
  searchCustomers: (q: string, signal?: AbortSignal) =>
    api<z.infer<typeof CustomerList>>(`/api/v1/customers${query({ q, limit: 8 })}`, { signal }).then(
      (r) => r.customers,
    ),
  createCustomer: (body: CreateCustomerRequest) => api<z.infer<typeof CreatedCustomer>>('/api/v1/customers', { body }),
};

/** Where a batch's sticker sheets open, in the layout picked. */
export const sheetUrl = (batchId: string, layout: LabelLayout) =>
  `/api/v1/label-batches/${id(batchId)}/sheet.pdf${query({ layout })}`;

export const labelKeys = {
  all: ['labels'] as const,
  batches: ['labels', 'batches'] as const,
  list: (params: { batchId?: string; mine?: boolean }) => ['labels', 'list', params] as const,
  detail: (labelId: string) => ['labels', 'detail', labelId] as const,
};
