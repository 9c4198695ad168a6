import { z } from 'zod';
import { ClientId, Message, Priority } from './chat.js';
import { Id, IsoDate, Language, supportedLanguages } from './common.js';

/**
 * Quick actions: an organization's catalogue of one-tap requests for its guests ("Extra towels",
 * "Taxi", "Late check-out"), each with a title per guest language, optional fields the guest fills
 * (how many, what time, a note, a photo) and, optionally, a task created at once for a team.
 */

export const MAX_QUICK_ACTIONS = 40;
export const MAX_QUICK_COUNT = 99;

const Title = z.string().trim().min(1, 'Give it a title').max(80, 'At most 80 characters');

/**
 * The title in each language the guests read. At least one is given: the server refuses none with
 * `validation_failed` on `titles` (checked there, so that the document's minimal body stays valid).
 */
export const QuickActionTitles = z
  .partialRecord(Language, Title)
  .describe(
    'The title per guest language (en, pl, de), at least one; a guest reads theirs, else the organization’s, else any',
  );

/** Whether a title is given in some language. */
export const hasQuickActionTitle = (titles: Partial<Record<Language, string>>) =>
  supportedLanguages.some((l) => !!titles[l]);

export const QuickActionFields = z
  .strictObject({
    count: z
      .strictObject({
        min: z.number().int().min(1).max(MAX_QUICK_COUNT),
        max: z.number().int().min(1).max(MAX_QUICK_COUNT),
      })
      .refine((c) => c.min <= c.max, { message: 'The smallest number is not above the largest', path: ['max'] })
      .nullable()
      .default(null)
      .describe('Ask "how many", between min and max; null: not asked'),
    time: z.boolean().default(false).describe('Ask "what time" (HH:MM on the organization’s clock)'),
    note: z.boolean().default(false).describe('Let the guest add a few words'),
    photo: z.boolean().default(false).describe('Let the guest add a photo (uploaded first)'),
  })
  .describe('What the guest fills in before sending');
export type QuickActionFields = z.infer<typeof QuickActionFields>;

const Icon = z
  .string()
  .trim()
  .max(16, 'An icon is one emoji or a few characters')
  .describe('An emoji or a short symbol shown with the title; empty: none');

export const QuickAction = z
  .object({
    id: Id,
    titles: z.partialRecord(Language, z.string()),
    icon: z.string(),
    fields: z.object({
      count: z.object({ min: z.number().int(), max: z.number().int() }).nullable(),
      time: z.boolean(),
      note: z.boolean(),
      photo: z.boolean(),
    }),
    position: z.number().int(),
    enabled: z.boolean(),
    task: z
      .object({ team: z.object({ id: Id, name: z.string() }), priority: Priority })
      .nullable()
      .describe('A task created at once for this team; null: the request is a message only'),
    createdAt: IsoDate,
    updatedAt: IsoDate,
  })
  .meta({ id: 'QuickAction' });
export type QuickAction = z.infer<typeof QuickAction>;

export const QuickActionList = z.object({ actions: z.array(QuickAction) });

const TaskSetup = z
  .strictObject({ teamId: Id, priority: Priority.default('normal') })
  .nullable()
  .describe('Create a task for this team at once (and its priority); null: the request is a message only');

export const CreateQuickActionRequest = z.strictObject({
  titles: QuickActionTitles,
  icon: Icon.default(''),
  fields: QuickActionFields.default({ count: null, time: false, note: false, photo: false }),
  position: z.number().int().min(0).max(1000).optional().describe('Place in the list; default: last'),
  enabled: z.boolean().default(true),
  task: TaskSetup.default(null),
});

export const UpdateQuickActionRequest = z
  .strictObject({
    titles: QuickActionTitles.optional(),
    icon: Icon.optional(),
    fields: QuickActionFields.optional(),
    position: z.number().int().min(0).max(1000).optional(),
    enabled: z.boolean().optional(),
    task: TaskSetup.optional(),
  })
  .describe('Only what is given changes; an empty body changes nothing');

export const QuickActionIdParams = z.object({ id: Id });

/** What a guest's page shows: the enabled actions, titled in the guest's language. */
export const GuestQuickAction = z
  .object({
    id: Id,
    title: z.string(),
    icon: z.string(),
    fields: QuickAction.shape.fields,
  })
  .meta({ id: 'GuestQuickAction' });
export type GuestQuickAction = z.infer<typeof GuestQuickAction>;

export const GuestQuickActionList = z.object({
  language: Language.describe('The language the titles are in'),
  actions: z.array(GuestQuickAction),
});

export const RequestQuickActionRequest = z.strictObject({
  clientId: ClientId,
  count: z.number().int().min(1).max(MAX_QUICK_COUNT).optional(),
  time: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'A time like 14:30')
    .optional(),
  note: z.string().trim().max(500, 'At most 500 characters').optional(),
  photoId: Id.optional().describe('A photo uploaded before (POST /api/v1/attachments), where the action takes one'),
});

export const QuickActionRequested = z
  .object({
    conversationId: Id,
    message: Message,
    workItemId: Id.nullable().describe('The task created at once, if the action creates one'),
    duplicate: z.boolean().describe('True when this client id was sent before: nothing new was stored'),
  })
  .meta({ id: 'QuickActionRequested' });
