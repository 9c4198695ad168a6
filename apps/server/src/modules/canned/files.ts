import { and, asc, eq, inArray, isNull, notInArray, or } from 'drizzle-orm';
import type { Config } from '../../config.js';
import type { Db } from '../../db/connection.js';
import { attachments } from '../../db/schema.js';
import { type StaffActor, senderKeyOf } from '../../platform/actor.js';
import { AppError } from '../../platform/errors.js';
import type { AttachmentRow } from '../attachments/index.js';

/** Each canned response's files, in the order they were uploaded; one query for any number of responses. */
export async function filesOf(db: Db, cannedIds: string[]): Promise<Map<string, AttachmentRow[]>> {
  const byCanned = new Map<string, AttachmentRow[]>(cannedIds.map((id) => [id, []]));
  if (!cannedIds.length) return byCanned;
  const rows = await db
    .select()
    .from(attachments)
    .where(inArray(attachments.cannedResponseId, cannedIds))
    .orderBy(asc(attachments.createdAt), asc(attachments.id));
  for (const row of rows) byCanned.get(row.cannedResponseId as string)?.push(row);
  return byCanned;
}

/**
 * Makes `ids` the canned response's files, in its transaction: ones it has already stay, the others
 * must be the staff member's own uploads of the organization that no message or response holds yet
 * (anything else is answered as unavailable, whoever's it is), together within what one message
 * takes — they will be sent as one. Files it had and `ids` leave out are let go (the sweep deletes them).
 */
export async function setCannedFiles(
  tx: Db,
  actor: StaffActor,
  canned: { id: string; orgId: string },
  ids: readonly string[],
  limits: Config['attachments'],
): Promise<void> {
  if (ids.length > limits.maxPerMessage) {
    throw new AppError('too_many_attachments', `A canned response takes at most ${limits.maxPerMessage} files`, {
      maxPerMessage: limits.maxPerMessage,
    });
  }
  const rows = ids.length
    ? await tx
        .select()
        .from(attachments)
        .where(
          and(
            inArray(attachments.id, [...ids]),
            eq(attachments.orgId, canned.orgId),
            or(
              eq(attachments.cannedResponseId, canned.id),
              and(
                isNull(attachments.cannedResponseId),
                isNull(attachments.messageId),
                isNull(attachments.attachedAt),
                eq(attachments.uploaderKey, senderKeyOf(actor)),
              ),
            ),
          ),
        )
        .for('update')
    : [];
  const found = new Set(rows.map((row) => row.id));
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length) {
    throw new AppError('attachment_unavailable', 'A file is no longer available: upload it again', { missing });
  }
  if (rows.reduce((sum, row) => sum + row.byteSize, 0) > limits.maxMessageBytes) {
    throw new AppError('too_many_attachments', 'These files are too large together for one message', {
      maxMessageBytes: limits.maxMessageBytes,
    });
  }
  await tx
    .update(attachments)
    .set({ cannedResponseId: null })
    .where(
      and(eq(attachments.cannedResponseId, canned.id), ids.length ? notInArray(attachments.id, [...ids]) : undefined),
    );
  const claimed = rows.filter((row) => row.cannedResponseId === null).map((row) => row.id);
  if (claimed.length) {
    await tx
      .update(attachments)
      .set({ cannedResponseId: canned.id, attachedAt: new Date() })
      .where(inArray(attachments.id, claimed));
  }
}
