import type { Attachment } from '@frontdesk/protocol';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Config } from '../../config.js';
import type { Db } from '../../db/connection.js';
import { attachments, messages } from '../../db/schema.js';
import { AppError } from '../../platform/errors.js';
import type { MessageRow } from './views.js';

export type AttachmentRow = typeof attachments.$inferSelect;

/** What a message shows of a file: everything but where its bytes are. */
export function presentAttachment(row: AttachmentRow): Attachment {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    mime: row.mime,
    size: row.byteSize,
    width: row.width,
    height: row.height,
    thumbnail: row.thumbnailKey !== null,
  };
}

/**
 * The uploads a send names, locked, in the order named: each must be the sender's own, of their
 * organization and not sent yet, and together within the settings' count and size per message.
 * Called in the send's transaction before the message is written, so a refusal writes nothing.
 */
export async function lockAttachable(
  tx: Db,
  sender: { orgId: string; senderKey: string },
  ids: readonly string[],
  limits: Config['attachments'],
): Promise<AttachmentRow[]> {
  if (ids.length > limits.maxPerMessage) {
    throw new AppError('too_many_attachments', `A message takes at most ${limits.maxPerMessage} files`, {
      maxPerMessage: limits.maxPerMessage,
    });
  }
  const rows = await tx
    .select()
    .from(attachments)
    .where(
      and(
        inArray(attachments.id, [...ids]),
        eq(attachments.orgId, sender.orgId),
        eq(attachments.uploaderKey, sender.senderKey),
        isNull(attachments.messageId),
        isNull(attachments.attachedAt),
      ),
    )
    .for('update');
  const byId = new Map(rows.map((row) => [row.id, row]));
  const missing = ids.filter((id) => !byId.has(id));
  if (missing.length) {
    throw new AppError('attachment_unavailable', 'A file is no longer available: upload it again', { missing });
  }
  const total = rows.reduce((sum, row) => sum + row.byteSize, 0);
  if (total > limits.maxMessageBytes) {
    throw new AppError('too_many_attachments', 'These files are too large together for one message', {
      maxMessageBytes: limits.maxMessageBytes,
    });
  }
  return ids.map((id) => byId.get(id) as AttachmentRow);
}

/** What the conversation list shows for a message of files only. */
export const attachmentsPreview = (rows: AttachmentRow[]) => `📎 ${rows.map((row) => row.name).join(', ')}`;

/** Binds the locked uploads to the message just written and copies their metadata onto it. */
export async function attachToMessage(tx: Db, message: MessageRow, rows: AttachmentRow[]): Promise<MessageRow> {
  await tx
    .update(attachments)
    .set({ messageId: message.id, attachedAt: message.createdAt })
    .where(
      inArray(
        attachments.id,
        rows.map((row) => row.id),
      ),
    );
  const [updated] = await tx
    .update(messages)
    .set({ attachments: rows.map(presentAttachment) })
    .where(eq(messages.id, message.id))
    .returning();
  if (!updated) throw new Error('message vanished');
  return updated;
}
