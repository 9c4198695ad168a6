import type { CannedResponse } from '@frontdesk/protocol';
import type { cannedResponses } from '../../db/schema.js';
import type { StaffActor } from '../../platform/actor.js';
import { cannedPolicy } from './policy.js';

export type CannedRow = typeof cannedResponses.$inferSelect;

export function presentCanned(row: CannedRow, actor: StaffActor, filled: string | null = null): CannedResponse {
  return {
    id: row.id,
    scope: row.ownerId === null ? 'shared' : 'personal',
    shortcut: row.shortcut,
    title: row.title,
    text: row.body,
    variants: row.variants,
    filled,
    canEdit: cannedPolicy.edit(actor, row),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
