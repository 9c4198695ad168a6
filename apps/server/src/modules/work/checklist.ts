import type { AddChecklistItemRequest, AddWorkNoteRequest } from '@frontdesk/protocol';
import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { workChecklistItems, workNotes } from '../../db/schema.js';
import type { StaffActor } from '../../platform/actor.js';
import { notFound } from '../../platform/errors.js';
import type { ServiceContext } from '../../platform/service-context.js';
import { once } from './ops.js';
import { detailOf, lockVisible, requirePlanning, touched, workOrgOf } from './service.js';

type Ctx = ServiceContext<StaffActor>;

/** Adds a step to the checklist (the desk plans the steps; whoever does the work ticks them). */
export async function addChecklistItem(ctx: Ctx, id: string, input: z.output<typeof AddChecklistItemRequest>) {
  const orgId = workOrgOf(ctx.actor);
  requirePlanning(ctx.actor);
  return once(ctx, orgId, input.opId, 201, async (tx) => {
    const item = await lockVisible(tx, orgId, id);
    const [row] = await tx.db
      .insert(workChecklistItems)
      .values({
        orgId,
        workItemId: id,
        text: input.text,
        position: sql`(select coalesce(max(${workChecklistItems.position}), -1) + 1 from ${workChecklistItems} where ${workChecklistItems.workItemId} = ${id})`,
      })
      .returning();
    await touched(tx, item, 'checklist', { op: 'added', itemId: row?.id, text: input.text });
    return detailOf(tx.db, id);
  });
}

/** Ticks a step done, or not done again. */
export async function checkChecklistItem(
  ctx: Ctx,
  id: string,
  itemId: string,
  input: { opId?: string; done: boolean },
) {
  const orgId = workOrgOf(ctx.actor);
  return once(ctx, orgId, input.opId, 200, async (tx) => {
    const item = await lockVisible(tx, orgId, id);
    const [row] = await tx.db
      .update(workChecklistItems)
      .set({ done: input.done })
      .where(and(eq(workChecklistItems.id, itemId), eq(workChecklistItems.workItemId, id)))
      .returning();
    if (!row) throw notFound('Checklist item');
    await touched(tx, item, 'checklist', { op: input.done ? 'checked' : 'unchecked', itemId, text: row.text });
    return detailOf(tx.db, id);
  });
}

/** Takes a step off the checklist. */
export async function removeChecklistItem(ctx: Ctx, id: string, itemId: string, input: { opId?: string }) {
  const orgId = workOrgOf(ctx.actor);
  requirePlanning(ctx.actor);
  return once(ctx, orgId, input.opId, 200, async (tx) => {
    const item = await lockVisible(tx, orgId, id);
    const [row] = await tx.db
      .delete(workChecklistItems)
      .where(and(eq(workChecklistItems.id, itemId), eq(workChecklistItems.workItemId, id)))
      .returning();
    if (!row) throw notFound('Checklist item');
    await touched(tx, item, 'checklist', { op: 'removed', itemId, text: row.text });
    return detailOf(tx.db, id);
  });
}

/** Writes an internal note on the item: staff who see it read it; the guest never does. */
export async function addWorkNote(ctx: Ctx, id: string, input: z.output<typeof AddWorkNoteRequest>) {
  const orgId = workOrgOf(ctx.actor);
  return once(ctx, orgId, input.opId, 201, async (tx) => {
    const item = await lockVisible(tx, orgId, id);
    const [note] = await tx.db
      .insert(workNotes)
      .values({ orgId, workItemId: id, authorId: tx.actor.userId, authorName: tx.actor.name, body: input.text })
      .returning({ id: workNotes.id });
    await touched(tx, item, 'note', { noteId: note?.id });
    return detailOf(tx.db, id);
  });
}
