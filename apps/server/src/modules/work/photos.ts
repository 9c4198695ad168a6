import type { AddWorkPhotoRequest } from '@frontdesk/protocol';
import { and, eq, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import { attachments, workItems, workPhotos } from '../../db/schema.js';
import { type StaffActor, senderKeyOf } from '../../platform/actor.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { ServiceContext } from '../../platform/service-context.js';
import { once } from './ops.js';
import { sees, viewerOf } from './policy.js';
import { detailOf, lockVisible, touched, workOrgOf } from './service.js';

type Ctx = ServiceContext<StaffActor>;

/**
 * Attaches a photo the caller uploaded (POST /api/v1/attachments, not sent in any message) to a
 * work item they see. The item holds it from then on: it is no unsent upload for the sweep, and no
 * conversation's file, so neither the guest nor the attachments routes serve it.
 */
export async function addWorkPhoto(ctx: Ctx, id: string, input: z.output<typeof AddWorkPhotoRequest>) {
  const orgId = workOrgOf(ctx.actor);
  return once(ctx, orgId, input.opId, 201, async (tx) => {
    const item = await lockVisible(tx, orgId, id);
    const [held] = await tx.db
      .update(attachments)
      .set({ attachedAt: new Date() })
      .where(
        and(
          eq(attachments.id, input.attachmentId),
          eq(attachments.orgId, orgId),
          eq(attachments.uploaderKey, senderKeyOf(tx.actor)),
          eq(attachments.kind, 'image'),
          isNull(attachments.messageId),
          isNull(attachments.attachedAt),
        ),
      )
      .returning({ id: attachments.id });
    if (!held) throw new AppError('attachment_unavailable', 'Upload the photo again and attach it once');
    await tx.db
      .insert(workPhotos)
      .values({ attachmentId: held.id, workItemId: id, orgId, addedBy: tx.actor.userId, addedByName: tx.actor.name });
    await touched(tx, item, 'photo', { photoId: held.id });
    return detailOf(tx.db, id);
  });
}

/** A work item's photo (or its thumbnail) for staff who see the item; anything else is not found. */
export async function readWorkPhoto(ctx: Ctx, id: string, photoId: string, thumbnail: boolean) {
  const orgId = workOrgOf(ctx.actor);
  const [row] = await ctx.db
    .select({ a: attachments, assigneeId: workItems.assigneeId, teamId: workItems.teamId })
    .from(workPhotos)
    .innerJoin(workItems, eq(workItems.id, workPhotos.workItemId))
    .innerJoin(attachments, eq(attachments.id, workPhotos.attachmentId))
    .where(and(eq(workPhotos.attachmentId, photoId), eq(workPhotos.workItemId, id), eq(workPhotos.orgId, orgId)));
  if (!row || !sees(viewerOf(ctx.actor), row)) throw notFound('Photo');
  const key = thumbnail ? row.a.thumbnailKey : row.a.id;
  const data = key ? await ctx.files.get(key) : null;
  if (!data) throw notFound('Photo');
  return { data, contentType: thumbnail ? 'image/webp' : row.a.mime };
}
