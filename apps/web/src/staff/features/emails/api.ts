import type { EmailDetail, EmailList, EmailStatus } from '@frontdesk/protocol';
import { api } from '../../../api/client';
import { id, query } from '../../api-url';

export type EmailScope = 'organization' | 'all';

/** The e-mail pages' calls: an organization's e-mails (admins), every organization's (platform owner). */
export const emailsApi = {
  list: (scope: EmailScope, status: EmailStatus | undefined) =>
    api<EmailList>(`${scope === 'all' ? '/api/v1/platform/emails' : '/api/v1/emails'}${query({ status, limit: 200 })}`),
  get: (emailId: string) => api<EmailDetail>(`/api/v1/emails/${id(emailId)}`),
};

export const emailsKeys = {
  all: ['emails'] as const,
  list: (scope: EmailScope, status: EmailStatus | undefined) => ['emails', scope, status ?? 'any'] as const,
  one: (emailId: string) => ['emails', 'one', emailId] as const,
};
