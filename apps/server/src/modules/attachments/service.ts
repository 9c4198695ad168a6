import { randomUUID } from 'node:crypto';
import { and, eq, inArray, isNotNull, isNull, lt, notExists, or } from 'drizzle-orm';
import { attachments, conversations, messages, workPhotos } from '../../db/schema.js';
import { actorOrgId, type GuestActor, type StaffActor, senderKeyOf } from '../../platform/actor.js';
import { AppError, forbidden, notFound } from '../../platform/errors.js';
import type { ServiceContext } from '../../platform/service-context.js';
import { conversationPolicy, presentAttachment } from '../conversations/index.js';
import { processAttachmentImage } from '../files/index.js';
import { attachmentPolicy } from './policy.js';
import { attachmentTooLarge, sniffAttachment } from './sniff.js';

export type AttachmentRow = typeof attachments.$inferSelect;

export interface UploadInput {
  bytes: Uint8Array;
  contentType: string | undefined;
  name: string;
}

/**
 * Stores a file to be sent with a message (the send names its id). The bytes decide what it is;
 * images are re-encoded without metadata and get a thumbnail, other files are kept as sent. The
 * bytes go to storage before the row (a row never names nothing); the sweep job removes uploads
 * never sent.
 */
export async function uploadAttachment(ctx: ServiceContext<StaffActor | GuestActor>, input: UploadInput) {
  const { actor } = ctx;
  const allowed = actor.kind === 'staff' ? attachmentPolicy.staffUploads(actor) : attachmentPolicy.guestUploads(actor);
  if (!allowed) throw forbidden('You cannot send files here');
  const uploaderKey = senderKeyOf(actor);
  await ctx.limits.attachments.uploadsPerSender.consume(uploaderKey);
  const limits = ctx.config.attachments;
  if (input.bytes.byteLength > limits.maxBytes) throw attachmentTooLarge(limits.maxBytes);
  const { mime, kind } = await sniffAttachment(input.bytes, input);
  const id = randomUUID();
  const stored = {
    mime: mime as string,
    data: Buffer.from(input.bytes),
    width: null as number | null,
    height: null as number | null,
  };
  let thumbnailKey: string | null = null;
  if (kind === 'image') {
    const { image, thumbnail } = await processAttachmentImage(input.bytes, mime);
    Object.assign(stored, { mime: image.contentType, data: image.data, width: image.width, height: image.height });
    thumbnailKey = randomUUID();
    await ctx.files.put(thumbnailKey, thumbnail.data, thumbnail.contentType);
  }
  await ctx.files.put(id, stored.data, stored.mime);
  try {
    const [row] = await ctx.db
      .insert(attachments)
      .values({
        id,
        orgId: actor.kind === 'staff' ? actorOrgId(actor) : actor.orgId,
        uploaderKey,
        kind,
        name: displayName(input.name, kind === 'image'),
        mime: stored.mime,
        byteSize: stored.data.byteLength,
        width: stored.width,
        height: stored.height,
        thumbnailKey,
      })
      .returning();
    if (!row) throw new Error('insert returned nothing');
    return presentAttachment(row);
  } catch (err) {
    await Promise.all([id, thumbnailKey].map((key) => key && ctx.files.delete(key).catch(() => undefined)));
    throw err;
  }
}

/**
 * Fresh uploads of the staff member copied from stored files (a canned response's): the bytes and
 * the thumbnail under new keys, so the message they go with owns its files outright and erasing it
 * takes nothing from the response. Counted against the sender's uploads like any upload; a copy
 * never sent is swept like one. Bytes already copied are removed again if a later step fails.
 */
export async function copyAsUploads(ctx: ServiceContext<StaffActor>, sources: AttachmentRow[]) {
  const { actor } = ctx;
  if (!attachmentPolicy.staffUploads(actor)) throw forbidden('You cannot send files here');
  const uploaderKey = senderKeyOf(actor);
  const written: string[] = [];
  try {
    const copies: (typeof attachments.$inferInsert)[] = [];
    for (const source of sources) {
      await ctx.limits.attachments.uploadsPerSender.consume(uploaderKey);
      const data = await ctx.files.get(source.id);
      if (!data) throw new AppError('attachment_unavailable', `The file ${source.name} is no longer stored`);
      const id = randomUUID();
      await ctx.files.put(id, data, source.mime);
      written.push(id);
      let thumbnailKey: string | null = null;
      const thumbnail = source.thumbnailKey ? await ctx.files.get(source.thumbnailKey) : null;
      if (thumbnail) {
        thumbnailKey = randomUUID();
        await ctx.files.put(thumbnailKey, thumbnail, 'image/webp');
        written.push(thumbnailKey);
      }
      const { kind, name, mime, byteSize, width, height } = source;
      copies.push({
        id,
        orgId: actorOrgId(actor),
        uploaderKey,
        kind,
        name,
        mime,
        byteSize,
        width,
        height,
        thumbnailKey,
      });
    }
    if (!copies.length) return [];
    const rows = await ctx.db.insert(attachments).values(copies).returning();
    const byId = new Map(rows.map((row) => [row.id, row]));
    return copies.map((copy) => presentAttachment(byId.get(copy.id as string) as AttachmentRow));
  } catch (err) {
    await Promise.all(written.map((key) => ctx.files.delete(key).catch(() => undefined)));
    throw err;
  }
}

/** The sender's name for the file, without folders or control characters; a re-encoded image ends in .webp. */
function displayName(name: string, reencoded: boolean): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
  const base = (name.split(/[\\/]/).pop() ?? '').replace(/[\u0000-\u001f\u007f]/g, '').trim() || 'file';
  return reencoded ? `${base.replace(/\.[^.]*$/, '') || 'image'}.webp` : base;
}

/** An attachment with its message's conversation (null while not sent yet). */
async function loadWithConversation(ctx: ServiceContext, id: string) {
  const [row] = await ctx.db
    .select({ a: attachments, c: conversations })
    .from(attachments)
    .leftJoin(messages, eq(messages.id, attachments.messageId))
    .leftJoin(conversations, eq(conversations.id, messages.conversationId))
    .where(eq(attachments.id, id));
  return row;
}

/**
 * A file for staff who see its conversation (same organization, within team visibility), or for
 * its uploader before it is sent. Anything else is answered as if it did not exist.
 */
export const readAttachmentAsStaff = (ctx: ServiceContext<StaffActor>, id: string, thumbnail: boolean) =>
  readVisible(ctx, id, thumbnail, (c) => conversationPolicy.staffSees(ctx.actor, c));

/** A file for the guest (or visitor) whose conversation it is in, or who uploaded it and has not sent it yet. */
export const readAttachmentAsGuest = (ctx: ServiceContext<GuestActor>, id: string, thumbnail: boolean) =>
  readVisible(ctx, id, thumbnail, (c) => conversationPolicy.guestSees(ctx.actor, c));

async function readVisible<A extends StaffActor | GuestActor>(
  ctx: ServiceContext<A>,
  id: string,
  thumbnail: boolean,
  sees: (c: typeof conversations.$inferSelect) => boolean,
) {
  const row = await loadWithConversation(ctx, id);
  const visible =
    row &&
    (row.c
      ? sees(row.c)
      : row.a.messageId === null && row.a.attachedAt === null && row.a.uploaderKey === senderKeyOf(ctx.actor));
  if (!row || !visible) throw notFound('File');
  return readBytes(ctx, row.a, thumbnail);
}

/** The bytes (or thumbnail) of a file the caller has already decided may be read (a lead's photo). */
export async function readBytes(ctx: ServiceContext, row: AttachmentRow, thumbnail: boolean) {
  const key = thumbnail ? row.thumbnailKey : row.id;
  const data = key ? await ctx.files.get(key) : null;
  if (!data) throw notFound('File');
  return { attachment: row, data, contentType: thumbnail ? 'image/webp' : row.mime };
}

/**
 * Deletes the bytes, then the rows, of files no message or canned response holds: those whose message
 * was deleted (its conversation erased: `message_id` set null by the database, `attached_at` kept)
 * or that a canned response let go of (dropped, or the response removed) at once,
 * uploads never sent after ATTACHMENTS_UNSENT_HOURS; photos of work items stay while their item does. A run that fails part-way leaves the rest of
 * the rows for the next run, so no file is forgotten. Returns how many files went.
 */
export async function sweepLooseAttachments(ctx: ServiceContext, batch = 200): Promise<number> {
  const unsentBefore = new Date(Date.now() - ctx.config.attachments.unsentHours * 3600_000);
  const loose = await ctx.db
    .select({ id: attachments.id, thumbnailKey: attachments.thumbnailKey })
    .from(attachments)
    .where(
      and(
        isNull(attachments.messageId),
        // a canned response's files are held too, until it drops them or is removed
        isNull(attachments.cannedResponseId),
        or(isNotNull(attachments.attachedAt), lt(attachments.createdAt, unsentBefore)),
        // a work item's photo is held by the item, not a message (modules/work)
        notExists(ctx.db.select().from(workPhotos).where(eq(workPhotos.attachmentId, attachments.id))),
      ),
    )
    .limit(batch);
  const gone: string[] = [];
  for (const file of loose) {
    try {
      await ctx.files.delete(file.id);
      if (file.thumbnailKey) await ctx.files.delete(file.thumbnailKey);
      gone.push(file.id);
    } catch (err) {
      ctx.log.warn(
        { err, attachmentId: file.id },
        'could not delete an attachment’s bytes; the next sweep tries again',
      );
    }
  }
  if (gone.length) await ctx.db.delete(attachments).where(inArray(attachments.id, gone));
  return gone.length;
}
