import type { CannedResponse } from '@frontdesk/protocol';
import type { cannedResponses } from '../../db/schema.js';
import type { StaffActor } from '../../platform/actor.js';
import type { AttachmentRow } from '../attachments/index.js';
import { presentAttachment } from '../conversations/index.js';
import { cannedPolicy } from './policy.js';

export type CannedRow = typeof cannedResponses.$inferSelect;
/** A canned response with its files, in order. */
export type CannedWithFiles = CannedRow & { files: AttachmentRow[] };

export function presentCanned(row: CannedWithFiles, actor: StaffActor, filled: string | null = null): CannedResponse {
  return {
    id: row.id,
    scope: row.ownerId === null ? 'shared' : 'personal',
    shortcut: row.shortcut,
    title: row.title,
    text: row.body,
    variants: row.variants,
    filled,
    attachments: row.files.map(presentAttachment),
    canEdit: cannedPolicy.edit(actor, row),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
