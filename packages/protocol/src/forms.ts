import { z } from 'zod';
import { MAX_PHOTOS_LIMIT } from './attachment-types.js';
import { Id, IsoDate } from './common.js';

/** Request forms a service company designs ("Boiler service", "Emergency repair"): steps of fields. */

export const MAX_FORM_STEPS = 10;
export const MAX_FORM_FIELDS = 40;

export const formFieldTypes = [
  'short_text',
  'long_text',
  'single_choice',
  'multiple_choice',
  'yes_no',
  'number',
  'date',
  'time_window',
  'address',
  'consent',
  'photo',
] as const;
export const FormFieldType = z.enum(formFieldTypes);
export type FormFieldType = z.infer<typeof FormFieldType>;

export const FormFieldKey = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,39}$/, 'Lowercase letters, digits and _ (starting with a letter, at most 40)');

export const FormField = z
  .strictObject({
    key: FormFieldKey,
    type: FormFieldType,
    label: z.string().trim().min(1).max(200),
    help: z.string().trim().max(500).default(''),
    required: z.boolean().default(false),
    options: z
      .array(z.string().trim().min(1).max(100))
      .max(30)
      .default([])
      .describe('The choices of a single or multiple choice field'),
    maxPhotos: z
      .number()
      .int()
      .min(1)
      .max(MAX_PHOTOS_LIMIT)
      .optional()
      .describe('A photo question’s most photos (1–10); absent: 5. Only photo questions have it'),
    showIf: z
      .strictObject({ field: FormFieldKey, equals: z.union([z.string().max(100), z.boolean()]) })
      .nullable()
      .default(null)
      .describe('Shown (and asked) only when an earlier field has this answer'),
  })
  .meta({ id: 'FormField' });
export type FormField = z.infer<typeof FormField>;

export const FormStep = z.strictObject({
  title: z.string().trim().max(120).default(''),
  fields: z.array(FormField).min(1).max(MAX_FORM_FIELDS),
});

export const FormDefinition = z
  .strictObject({ steps: z.array(FormStep).min(1).max(MAX_FORM_STEPS) })
  .meta({ id: 'FormDefinition' });
export type FormDefinition = z.infer<typeof FormDefinition>;

export const RequestForm = z
  .object({
    id: Id,
    name: z.string(),
    description: z.string(),
    draft: FormDefinition.describe('What admins edit and preview; customers see the published version'),
    publishedVersion: z.number().int().nullable().describe('Null until first published'),
    published: FormDefinition.nullable(),
    changedSincePublished: z.boolean(),
    updatedAt: IsoDate,
  })
  .meta({ id: 'RequestForm' });
export type RequestForm = z.infer<typeof RequestForm>;

export const CreateRequestFormRequest = z.strictObject({
  name: z.string().trim().min(1).max(120),
  description: z.string().trim().max(500).default(''),
  draft: FormDefinition,
});
export const UpdateRequestFormRequest = z
  .strictObject({
    name: z.string().trim().min(1).max(120),
    description: z.string().trim().max(500),
    draft: FormDefinition,
  })
  .partial();

/** A form as a customer fills it: one published version. */
export const PublishedForm = z
  .object({ id: Id, name: z.string(), description: z.string(), version: z.number().int(), definition: FormDefinition })
  .meta({ id: 'PublishedForm' });

/**
 * An answer: text, a number, yes/no, chosen options, a date, a window, an address, a consent — or,
 * for a photo question, the ids of the customer's own uploads (POST /api/v1/guest/attachments).
 */
export const FormAnswer = z.union([
  z.string().max(4000),
  z.number().finite(),
  z.boolean(),
  z.array(z.string().max(100)).max(30),
  z.strictObject({ date: z.string().max(10), from: z.string().max(5), to: z.string().max(5) }),
  z.strictObject({
    line1: z.string().max(200),
    line2: z.string().max(200).default(''),
    city: z.string().max(100).default(''),
    postcode: z.string().max(20).default(''),
  }),
]);
export type FormAnswer = z.infer<typeof FormAnswer>;
export const FormAnswers = z
  .record(FormFieldKey, FormAnswer)
  .refine((r) => Object.keys(r).length <= MAX_FORM_FIELDS, 'Too many answers');
