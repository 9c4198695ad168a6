import type { CustomerLeadList as CustomerLeadListSchema, FormAnswer, PublishedForm } from '@frontdesk/protocol';
import type { z } from 'zod';
import { api } from '../../api/client';

export type CustomerForm = z.infer<typeof PublishedForm>;
export type CustomerLead = z.infer<typeof CustomerLeadListSchema>['leads'][number];

/** A customer's calls: their company's published forms, sending one, their requests. */
export const requestsApi = {
  forms: () => api<{ forms: CustomerForm[] }>('/api/v1/guest/forms').then((r) => r.forms),
  send: (body: { formId: string; answers: Record<string, FormAnswer>; labelToken?: string }) =>
    api<CustomerLead>('/api/v1/guest/leads', { body }),
  mine: () => api<z.infer<typeof CustomerLeadListSchema>>('/api/v1/guest/leads').then((r) => r.leads),
};

export const requestsKeys = {
  forms: ['guest', 'request-forms'] as const,
  mine: ['guest', 'my-requests'] as const,
};
