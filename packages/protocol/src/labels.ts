import { z } from 'zod';
import { Id, IsoDate } from './common.js';
import { PublicOrganization } from './guest.js';

/** QR labels of a service company: printed in batches, given to customers on site. */

export const MAX_LABEL_BATCH = 1000;
export const labelStatuses = ['blank', 'assigned', 'retired'] as const;
export const LabelStatus = z.enum(labelStatuses);
export type LabelStatus = z.infer<typeof LabelStatus>;

/** Sticker sheets: Avery-style layouts for A4 and US Letter. */
export const labelLayouts = ['a4-3x8', 'a4-2x5', 'letter-2x5'] as const;
export const LabelLayout = z.enum(labelLayouts);
export type LabelLayout = z.infer<typeof LabelLayout>;

/** A label's short code as printed ("K7PM-3XQ2") or typed: dashes, spaces and case do not matter. */
export const LabelCode = z
  .string()
  .trim()
  .max(20)
  .transform((v) => v.toUpperCase().replace(/[\s-]/g, ''))
  .pipe(z.string().regex(/^[0-9A-Z]{8}$/, 'A label code has 8 letters and digits, like K7PM-3XQ2'));

export const LabelBatch = z
  .object({
    id: Id,
    name: z.string(),
    campaign: z.string(),
    size: z.number().int(),
    counts: z.object({ blank: z.number().int(), assigned: z.number().int(), retired: z.number().int() }),
    createdBy: z.object({ id: Id, name: z.string() }).nullable(),
    createdAt: IsoDate,
  })
  .meta({ id: 'LabelBatch' });
export type LabelBatch = z.infer<typeof LabelBatch>;

export const CreateLabelBatchRequest = z.strictObject({
  name: z.string().trim().min(1, 'Name the batch').max(80),
  campaign: z.string().trim().max(80).default('').describe('A campaign the labels belong to, for lead reports'),
  size: z.number().int().min(1).max(MAX_LABEL_BATCH).describe(`How many labels, at most ${MAX_LABEL_BATCH}`),
});

export const Label = z
  .object({
    id: Id,
    batchId: Id,
    code: z.string().describe('The short code printed under the QR, as printed (K7PM-3XQ2)'),
    url: z.string().describe('What the QR opens'),
    status: LabelStatus,
    customer: z.object({ id: Id, name: z.string() }).nullable(),
    assignedBy: z.object({ id: Id, name: z.string() }).nullable(),
    assignedAt: IsoDate.nullable(),
    campaign: z.string(),
  })
  .meta({ id: 'Label' });
export type Label = z.infer<typeof Label>;

export const LabelHistoryEntry = z.object({
  change: z.enum(['created', 'assigned', 'reassigned', 'retired']),
  customer: z.object({ id: Id, name: z.string() }).nullable(),
  by: z.object({ id: Id, name: z.string() }).nullable(),
  at: IsoDate,
});
export const LabelDetail = z.object({ label: Label, history: z.array(LabelHistoryEntry) });

export const LabelList = z.object({ labels: z.array(Label) });
export const LabelListQuery = z.object({
  batchId: Id.optional(),
  customerId: Id.optional(),
  mine: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true')
    .describe('Only the labels this user assigned'),
  status: LabelStatus.optional(),
  limit: z.coerce.number().int().min(1).max(MAX_LABEL_BATCH).default(200),
});

export const FindLabelQuery = z
  .object({
    code: LabelCode.optional(),
    token: z
      .string()
      .regex(/^[A-Za-z0-9_-]{16,64}$/, 'Not a label link')
      .optional()
      .describe('The last part of the link a scanned QR opens'),
  })
  .refine((q) => !!q.code !== !!q.token, 'Give either the code or the token');

export const AssignLabelRequest = z.strictObject({ customerId: Id });

export const LabelSheetQuery = z.object({
  layout: LabelLayout.default('a4-3x8'),
  status: z.enum(['blank', 'all']).default('blank').describe('Only the blank labels (default), or every label'),
});

/** What a customer answers at their label to prove who they are, before anything personal is shown. */
export const verificationKinds = ['phone_last4', 'postcode', 'email_code'] as const;
export const VerificationKind = z.enum(verificationKinds);
export type VerificationKind = z.infer<typeof VerificationKind>;

/** A scanned label as anyone holding it sees it: whose it is never shows before verification. */
export const LabelScan = z
  .object({
    status: LabelStatus,
    organization: PublicOrganization,
    challenges: z
      .array(VerificationKind)
      .describe(
        'The questions the customer can answer (an assigned label only): the last 4 digits of their phone, their postcode, or a one-time code e-mailed to the address on file (ask for it first)',
      ),
  })
  .meta({ id: 'LabelScan' });
export type LabelScan = z.infer<typeof LabelScan>;

export const LabelTokenParams = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'Not a label link') });

/** How long an e-mailed one-time code works, and how many wrong tries void it. */
export const LABEL_CODE_TTL_MINUTES = 10;
export const LABEL_CODE_MAX_TRIES = 5;

/** A one-time code is on its way: where to (masked: never the whole address), and until when it works. */
export const LabelCodeSent = z
  .object({
    sentTo: z.string().describe('The address on file, masked (j•••@e•••.com)'),
    expiresAt: IsoDate,
  })
  .meta({ id: 'LabelCodeSent' });
export type LabelCodeSent = z.infer<typeof LabelCodeSent>;

export const VerifyLabelRequest = z.strictObject({
  kind: VerificationKind,
  answer: z.string().trim().min(1, 'Type your answer').max(20),
});
