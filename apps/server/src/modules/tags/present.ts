import type { Tag } from '@frontdesk/protocol';
import type { tags } from '../../db/schema.js';

export type TagRow = typeof tags.$inferSelect;

export function presentTag(row: TagRow, conversations = 0): Tag {
  return {
    id: row.id,
    name: row.name,
    color: row.color,
    conversations,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
