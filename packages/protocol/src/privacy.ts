import { z } from 'zod';
import { Id, IsoDate } from './common.js';

/** A person's data, for their GDPR request (README "Privacy (GDPR) operations"). */

const ExportedMessage = z.object({
  seq: z.number().int(),
  at: IsoDate,
  from: z.enum(['guest', 'visitor', 'staff', 'api_client', 'system']).or(z.string()),
  name: z.string().nullable(),
  text: z.string(),
  fileIds: z.array(Id),
});

export const PrivacyExport = z
  .object({
    kind: z.enum(['stay', 'customer', 'visitor']),
    exportedAt: IsoDate,
    organization: z.object({ name: z.string() }),
    stay: z
      .object({
        id: Id,
        room: z.string(),
        checkInAt: IsoDate,
        checkOutAt: IsoDate,
        externalId: z.string().nullable(),
        guests: z.array(
          z.object({
            name: z.string().nullable(),
            email: z.string().nullable(),
            phone: z.string().nullable(),
            language: z.string().nullable(),
            externalId: z.string().nullable(),
          }),
        ),
      })
      .nullable(),
    customer: z
      .object({
        id: Id,
        name: z.string(),
        companyName: z.string(),
        phones: z.array(z.string()),
        emails: z.array(z.string()),
        serviceAddress: z.unknown(),
        billingAddress: z.unknown(),
        fields: z.record(z.string(), z.unknown()),
        externalId: z.string().nullable(),
        createdAt: IsoDate,
      })
      .nullable(),
    visitor: z
      .object({ id: Id, name: z.string(), email: z.string().nullable(), topic: z.string(), createdAt: IsoDate })
      .nullable()
      .describe('A visitor of the public entry: what they gave in the pre-chat form'),
    conversations: z.array(
      z.object({
        id: Id,
        status: z.string(),
        openedAt: IsoDate,
        resolvedAt: IsoDate.nullable(),
        rating: z.number().int().nullable(),
        ratingComment: z.string().nullable(),
        messages: z.array(ExportedMessage),
      }),
    ),
    requests: z
      .array(z.object({ id: Id, kind: z.string(), title: z.string(), status: z.string(), createdAt: IsoDate }))
      .describe('Tasks and work orders done for them'),
    leads: z
      .array(z.object({ id: Id, status: z.string(), answers: z.record(z.string(), z.unknown()), createdAt: IsoDate }))
      .describe('Request forms they filled, with their answers'),
    files: z.array(
      z.object({
        id: Id,
        name: z.string(),
        mime: z.string(),
        byteSize: z.number().int(),
        base64: z.string().nullable().describe('The file itself; null when its bytes are gone'),
      }),
    ),
  })
  .meta({ id: 'PrivacyExport' });
export type PrivacyExport = z.infer<typeof PrivacyExport>;

export const Erasure = z
  .object({
    conversations: z.number().int().describe('Conversations whose text was erased (they stay counted in reports)'),
    messages: z.number().int(),
    files: z.number().int().describe('Files deleted from storage'),
  })
  .meta({ id: 'Erasure' });
export type Erasure = z.infer<typeof Erasure>;
