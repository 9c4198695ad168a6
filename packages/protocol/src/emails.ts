import { z } from 'zod';
import { Id, IsoDate, Language } from './common.js';

export const emailStatuses = ['queued', 'sending', 'sent', 'failed', 'kept', 'opted_out'] as const;
/**
 * queued: waiting to be sent (or to be tried again); sending: a node is handing it to the mail
 * server; sent; failed: given up, see `lastError`; kept: no mail server is set up, so it was stored
 * and logged instead; opted_out: the recipient unsubscribed from such e-mail.
 */
export const EmailStatus = z.enum(emailStatuses);
export type EmailStatus = z.infer<typeof EmailStatus>;

export const emailTemplates = [
  'staff_welcome',
  'staff_role_changed',
  'staff_deactivated',
  'organization_updated',
  'organization_deactivated',
  'new_messages_staff',
  'new_messages_guest',
  'lead_created',
  'lead_status_changed',
  'webhook_disabled',
  'alert_raised',
  'customer_code',
  'work_order_notice',
  'stay_summary',
] as const;
export const EmailTemplate = z.enum(emailTemplates);
export type EmailTemplate = z.infer<typeof EmailTemplate>;

/** An e-mail as an admin sees it in the list. */
export const EmailSummary = z
  .object({
    id: Id,
    orgId: Id.nullable(),
    template: EmailTemplate,
    language: Language,
    to: z.string(),
    toName: z.string().nullable(),
    subject: z.string(),
    essential: z.boolean().describe('Sent even to someone who opted out (password links, one-time codes)'),
    status: EmailStatus,
    attempts: z.number().int(),
    lastError: z.string().nullable().describe('Why the last try failed, in plain words'),
    nextAttemptAt: IsoDate.nullable().describe('When it is tried again (queued after a failure)'),
    sentAt: IsoDate.nullable(),
    createdAt: IsoDate,
  })
  .meta({ id: 'EmailSummary' });
export type EmailSummary = z.infer<typeof EmailSummary>;

export const EmailDetail = EmailSummary.extend({
  text: z.string().describe('The plain-text part; one-time links are hidden from anyone but the platform owner'),
}).meta({ id: 'EmailDetail' });
export type EmailDetail = z.infer<typeof EmailDetail>;

export const EmailList = z.object({
  emails: z.array(EmailSummary).describe('Newest first'),
  /** Whether a mail server is set up; without one every e-mail is kept. */
  delivery: z.enum(['smtp', 'kept']),
});
export type EmailList = z.infer<typeof EmailList>;

export const EmailListQuery = z.object({
  status: EmailStatus.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  before: IsoDate.optional().describe('E-mails created before this (the last createdAt of the page before)'),
});
export type EmailListQuery = z.infer<typeof EmailListQuery>;

export const UnsubscribeQuery = z.object({ token: z.string().min(10).max(2000) });

export const UnsubscribeResult = z.object({ address: z.string(), organization: z.string() });
