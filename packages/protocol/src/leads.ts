import { z } from 'zod';
import { Attachment } from './attachments.js';
import { ConversationStatus } from './chat.js';
import { Id, IsoDate } from './common.js';
import { FormAnswer, FormAnswers, FormFieldType } from './forms.js';
import { CalendarDate } from './hours.js';

/** A submitted request form: a lead the company works from `new` to `converted` or `lost`. */
export const leadStatuses = ['new', 'contacted', 'converted', 'lost'] as const;
export const LeadStatus = z.enum(leadStatuses);
export type LeadStatus = z.infer<typeof LeadStatus>;

export const Lead = z
  .object({
    id: Id,
    status: LeadStatus,
    lostReason: z.string().nullable(),
    customer: z.object({ id: Id, name: z.string() }),
    form: z.object({ id: Id, name: z.string(), version: z.number().int() }),
    answers: z
      .array(z.object({ key: z.string(), label: z.string(), type: FormFieldType, value: FormAnswer }))
      .describe('In the order of the version the customer filled, with that version’s labels'),
    source: z.object({
      labelId: Id.nullable(),
      labelCode: z.string().nullable(),
      batchId: Id.nullable(),
      campaign: z.string(),
    }),
    conversationId: Id.nullable().describe('The chat with the customer about this request'),
    workItemId: Id.nullable().describe('The work order this lead was converted to (GET /api/v1/work-items/{id})'),
    photos: z
      .array(Attachment)
      .describe('The photos the customer sent with the form, served at /api/v1/leads/{id}/photos/{photoId}'),
    createdAt: IsoDate,
    updatedAt: IsoDate,
  })
  .meta({ id: 'Lead' });
export type Lead = z.infer<typeof Lead>;

export const SubmitLeadRequest = z.strictObject({
  formId: Id,
  answers: FormAnswers,
  labelToken: z
    .string()
    .regex(/^[A-Za-z0-9_-]{16,64}$/)
    .optional()
    .describe('The label the customer scanned: the lead’s source'),
});

export const ChangeLeadRequest = z
  .strictObject({
    status: LeadStatus,
    lostReason: z.string().trim().min(1).max(300).optional().describe('Required when the status is `lost`'),
  })
  .refine((r) => r.status !== 'lost' || !!r.lostReason, { message: 'Say why the lead was lost', path: ['lostReason'] });

export const LeadListQuery = z.object({
  status: LeadStatus.optional(),
  formId: Id.optional(),
  campaign: z.string().max(80).optional(),
  q: z.string().trim().max(100).optional().describe('Part of the customer’s name'),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  before: IsoDate.optional().describe('Leads older than this (the last createdAt of the page before)'),
});
/** One photo of one lead. */
export const LeadPhotoParams = z.object({ id: Id, photoId: Id });

export const LeadList = z.object({ leads: z.array(Lead) });

/** A customer's own requests, as they follow them. */
export const CustomerLead = z.object({
  id: Id,
  formName: z.string(),
  status: LeadStatus,
  conversationId: Id.nullable(),
  photos: z.array(Attachment).describe('The photos sent with the request, served at /api/v1/guest/attachments/{id}'),
  createdAt: IsoDate,
});
export const CustomerLeadList = z.object({ leads: z.array(CustomerLead) });

/** The longest range a report covers. */
export const LEAD_REPORT_MAX_DAYS = 3 * 366;

const bothDays = (q: { from: unknown; to: unknown }) =>
  CalendarDate.safeParse(q.from).success && CalendarDate.safeParse(q.to).success;

/** The days a lead-source report covers, both included, on the organization's clock. */
export const LeadReportQuery = z
  .object({
    from: CalendarDate.describe('First day, YYYY-MM-DD, in the organization’s time zone'),
    to: CalendarDate.describe('Last day (included), YYYY-MM-DD'),
  })
  // the range is judged only between two real dates: a malformed one has its own issue
  .refine((q) => !bothDays(q) || q.from <= q.to, { message: 'The range ends before it starts', path: ['to'] })
  .refine((q) => !bothDays(q) || Date.parse(q.to) - Date.parse(q.from) <= LEAD_REPORT_MAX_DAYS * 86_400_000, {
    message: 'Choose at most three years',
    path: ['to'],
  });

/** What became of the leads of one source: how many, where they stand, how fast they were answered. */
export const LeadSourceRow = z.object({
  id: Id.nullable().describe('The batch, form or staff member; null for leads without one (or the whole range)'),
  name: z.string().describe('The campaign, batch, form or staff member’s name; empty when there is none'),
  leads: z.number().int(),
  open: z.number().int().describe('Still new or contacted'),
  converted: z.number().int(),
  lost: z.number().int(),
  conversionRate: z.number().nullable().describe('Converted leads as a share (0–1) of all leads of the source'),
  medianMinutesToContact: z
    .number()
    .nullable()
    .describe('From the request to when staff first marked it contacted or converted; null when none was'),
});
export type LeadSourceRow = z.infer<typeof LeadSourceRow>;

export const LeadReport = z
  .object({
    from: CalendarDate,
    to: CalendarDate,
    timezone: z.string().describe('The organization’s time zone the days are counted in'),
    total: LeadSourceRow,
    byCampaign: z.array(LeadSourceRow),
    byBatch: z.array(LeadSourceRow),
    byForm: z.array(LeadSourceRow),
    byFieldUser: z
      .array(LeadSourceRow)
      .describe('Who gave the scanned label to the customer (leads without a label: id null)'),
  })
  .meta({ id: 'LeadReport' });
export type LeadReport = z.infer<typeof LeadReport>;

/** What was done for a customer, newest first: their requests and their chats with the company. */
export const CustomerHistory = z
  .object({
    leads: z.array(
      z.object({ id: Id, formName: z.string(), status: LeadStatus, conversationId: Id.nullable(), createdAt: IsoDate }),
    ),
    conversations: z
      .array(
        z.object({
          id: Id,
          status: ConversationStatus,
          preview: z.string().describe('The last message, shortened'),
          createdAt: IsoDate,
          lastMessageAt: IsoDate,
        }),
      )
      .describe('Those the caller may open in the inbox (agents of a team-only desk: of their teams)'),
  })
  .meta({ id: 'CustomerHistory' });
export type CustomerHistory = z.infer<typeof CustomerHistory>;
