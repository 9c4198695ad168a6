import type {
  ChangeLeadRequest,
  ConvertedLead,
  ConvertLeadRequest,
  Lead,
  LeadList,
  LeadReport,
  LeadStatus,
  RequestForm,
} from '@frontdesk/protocol';
import type { z } from 'zod';
import { api } from '../../../api/client';
import { id, query } from '../../api-url';
import type { ReportRange } from './report-format';

export type LeadRow = Lead;
export type LeadFilter = { status: LeadStatus; formId: string; q: string };

export const LEADS_PAGE = 50;

/** The leads inbox's calls: the list by status, form and customer name, one lead, its status. */
export const leadsApi = {
  list: (filter: LeadFilter, before?: string) =>
    api<z.infer<typeof LeadList>>(
      `/api/v1/leads${query({ status: filter.status, formId: filter.formId || undefined, q: filter.q.trim(), before, limit: LEADS_PAGE })}`,
    ),
  /** The same list (every page of it) as a CSV file to download. */
  csvPath: (filter: LeadFilter) =>
    `/api/v1/leads.csv${query({ status: filter.status, formId: filter.formId || undefined, q: filter.q.trim() })}`,
  get: (leadId: string) => api<LeadRow>(`/api/v1/leads/${id(leadId)}`),
  change: (leadId: string, body: z.input<typeof ChangeLeadRequest>) =>
    api<LeadRow>(`/api/v1/leads/${id(leadId)}`, { method: 'PATCH', body }),
  /** Turns the lead into a scheduled work order (and marks it converted). */
  convert: (leadId: string, body: z.input<typeof ConvertLeadRequest>) =>
    api<z.infer<typeof ConvertedLead>>(`/api/v1/leads/${id(leadId)}/convert`, { body }),
  forms: () => api<{ forms: z.infer<typeof RequestForm>[] }>('/api/v1/forms').then((r) => r.forms),
  report: (range: ReportRange) => api<LeadReport>(`/api/v1/leads/report${query({ from: range.from, to: range.to })}`),
};

export const leadKeys = {
  all: ['staff', 'leads'] as const,
  list: (filter: LeadFilter) => ['staff', 'leads', 'list', filter] as const,
  one: (leadId: string) => ['staff', 'leads', 'one', leadId] as const,
  forms: ['staff', 'leads', 'forms'] as const,
  report: (range: ReportRange) => ['staff', 'leads', 'report', range] as const,
};
