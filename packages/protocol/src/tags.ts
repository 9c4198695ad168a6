import { z } from 'zod';
import { Id, IsoDate } from './common.js';

export const MAX_TAGS_PER_ORGANIZATION = 200;
export const MAX_TAGS_PER_CONVERSATION = 20;

/** A colour as `#rrggbb` (lower case as stored). */
export const TagColor = z
  .string()
  .regex(/^#[0-9a-fA-F]{6}$/, 'A colour as #rrggbb')
  .transform((c) => c.toLowerCase());

export const TagName = z.string().trim().min(1, 'Name the tag').max(40, 'At most 40 characters');

/** A tag as a conversation shows it. */
export const TagChip = z.object({ id: Id, name: z.string(), color: z.string() }).meta({ id: 'TagChip' });
export type TagChip = z.infer<typeof TagChip>;

/** One of the organization's tags, as the admin page lists it. */
export const Tag = z
  .object({
    id: Id,
    name: z.string(),
    color: z.string().describe('#rrggbb'),
    conversations: z.number().int().describe('How many conversations carry it'),
    createdAt: IsoDate,
    updatedAt: IsoDate,
  })
  .meta({ id: 'Tag' });
export type Tag = z.infer<typeof Tag>;

export const TagList = z.object({ tags: z.array(Tag).describe('By name') });
export const TagIdParams = z.object({ id: Id });
export const ConversationTagParams = z.object({ id: Id, tagId: Id });

export const CreateTagRequest = z.strictObject({ name: TagName, color: TagColor });
export type CreateTagRequest = z.infer<typeof CreateTagRequest>;
export const UpdateTagRequest = z.strictObject({ name: TagName.optional(), color: TagColor.optional() });
export type UpdateTagRequest = z.infer<typeof UpdateTagRequest>;
