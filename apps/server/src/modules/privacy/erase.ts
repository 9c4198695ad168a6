import { and, eq, inArray, isNull } from 'drizzle-orm';
import {
  attachments,
  conversationNotes,
  conversations,
  customerCodes,
  customers,
  guestSessions,
  leads,
  messageSearch,
  messages,
  stayGuests,
  stays,
  visitors,
} from '../../db/schema.js';
import { AppError } from '../../platform/errors.js';
import type { ServiceContext } from '../../platform/service-context.js';
import { recordAudit } from '../audit/index.js';
import { newAccessCode, revokeGuestSessionsOf, stayEnd } from '../stays/index.js';
import type { Subject } from './subject.js';

/** What an erased message, note or comment says instead of what was written. */
export const ERASED_TEXT = '[erased]';

export interface Erasure {
  conversations: number;
  messages: number;
  files: number;
}

/**
 * Erases a person (README "Privacy (GDPR) operations"): their conversations' messages, notes and
 * rating comments become ERASED_TEXT and leave the search index, their files leave storage, and
 * their identifiers go — names, e-mails, phones, addresses, access codes, sessions, external ids,
 * form answers. What counts stays: the conversations themselves (times, status, team, rating),
 * so service metrics and their rollups do not change. A stay is erased after it ended.
 */
export async function eraseSubject(
  ctx: ServiceContext,
  subject: Subject,
  reason: 'request' | 'retention',
): Promise<Erasure> {
  if (subject.stay && stayEnd(subject.stay) === null) {
    throw new AppError('conflict', 'Check the guests out before erasing their data');
  }
  const { orgId, conversationIds } = subject;
  const now = new Date();
  const { erasure, files } = await ctx.transact(async (tx) => {
    const erased = conversationIds.length
      ? await tx.db
          .update(messages)
          .set({ body: ERASED_TEXT, attachments: null, senderName: null })
          .where(and(inArray(messages.conversationId, conversationIds), isNull(messages.event)))
          .returning({ id: messages.id })
      : [];
    const messageIds = erased.map((m) => m.id);
    const files = messageIds.length
      ? await tx.db
          .update(attachments)
          // let go of by their message: the sweep deletes them if the deletion below fails
          .set({ messageId: null, attachedAt: now })
          .where(inArray(attachments.messageId, messageIds))
          .returning({ id: attachments.id, thumbnailKey: attachments.thumbnailKey })
      : [];
    if (messageIds.length) await tx.db.delete(messageSearch).where(inArray(messageSearch.messageId, messageIds));
    if (conversationIds.length) {
      await tx.db
        .update(conversations)
        .set({ preview: '', ratingComment: null })
        .where(inArray(conversations.id, conversationIds));
      await tx.db
        .update(conversationNotes)
        .set({ body: ERASED_TEXT })
        .where(inArray(conversationNotes.conversationId, conversationIds));
    }
    if (subject.stay) {
      await revokeGuestSessionsOf(
        tx.db,
        subject.guests.map((g) => g.id),
      );
      for (const guest of subject.guests) {
        // a fresh code nobody has seen: the stay has ended, so it opens nothing
        await tx.db
          .update(stayGuests)
          .set({
            name: null,
            email: null,
            phone: null,
            externalId: null,
            summaryEmail: null,
            summaryOptedInAt: null,
            code: newAccessCode(),
          })
          .where(eq(stayGuests.id, guest.id));
      }
      await tx.db
        .update(stays)
        .set({ externalId: null, erasedAt: now, updatedAt: now })
        .where(eq(stays.id, subject.id));
    }
    if (subject.customer) {
      await tx.db
        .update(customers)
        .set({
          name: 'Erased customer',
          companyName: '',
          serviceAddress: null,
          billingAddress: null,
          phones: [],
          emails: [],
          phoneKeys: [],
          emailKeys: [],
          notes: '',
          fields: {},
          externalId: null,
          erasedAt: now,
          archivedAt: subject.customer.archivedAt ?? now,
          updatedAt: now,
        })
        .where(eq(customers.id, subject.id));
      await tx.db.delete(customerCodes).where(eq(customerCodes.customerId, subject.id));
      await tx.db.update(leads).set({ answers: {} }).where(eq(leads.customerId, subject.id));
      if (subject.visitorIds.length) {
        await tx.db.delete(guestSessions).where(inArray(guestSessions.visitorId, subject.visitorIds));
        await tx.db
          .update(visitors)
          .set({ name: 'Erased', email: null, topic: '' })
          .where(inArray(visitors.id, subject.visitorIds));
      }
    }
    if (subject.visitor) {
      await tx.db.delete(guestSessions).where(eq(guestSessions.visitorId, subject.id));
      await tx.db.update(visitors).set({ name: 'Erased', email: null, topic: '' }).where(eq(visitors.id, subject.id));
    }
    await tx.record({
      type: 'person.erased',
      orgId,
      stream: `${subject.kind}:${subject.id}`,
      data: { subject: subject.kind, subjectId: subject.id, conversationIds, reason },
    });
    const erasure = { conversations: conversationIds.length, messages: messageIds.length, files: files.length };
    await recordAudit(tx, {
      orgId,
      action: 'privacy.erased',
      targetType: subject.kind,
      targetId: subject.id,
      details: { reason, ...erasure },
    });
    return { erasure, files };
  });
  await deleteBytes(ctx, files);
  return erasure;
}

/** Deletes the erased files' bytes and rows now; what fails stays for the attachments' sweep. */
async function deleteBytes(ctx: ServiceContext, files: { id: string; thumbnailKey: string | null }[]) {
  const gone: string[] = [];
  for (const file of files) {
    try {
      await ctx.files.delete(file.id);
      if (file.thumbnailKey) await ctx.files.delete(file.thumbnailKey);
      gone.push(file.id);
    } catch (err) {
      ctx.log.warn({ err, attachmentId: file.id }, 'could not delete an erased file; the sweep tries again');
    }
  }
  if (gone.length) await ctx.db.delete(attachments).where(inArray(attachments.id, gone));
}
