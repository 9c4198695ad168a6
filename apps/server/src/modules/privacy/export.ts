import type { PrivacyExport } from '@frontdesk/protocol';
import { asc, inArray, or } from 'drizzle-orm';
import { attachments, conversations, leads, messages, workItems } from '../../db/schema.js';
import type { ServiceContext } from '../../platform/service-context.js';
import type { Subject } from './subject.js';

/**
 * Everything held about the subject that is theirs to have: their record, their conversations
 * with every message they could read (internal notes are the staff's), ratings, the work done for
 * them, their form answers, and their files with the bytes inside.
 */
export async function buildExport(
  ctx: ServiceContext,
  subject: Subject,
  orgName: string,
  { withBytes = true }: { withBytes?: boolean } = {},
): Promise<PrivacyExport> {
  const { db } = ctx;
  const ids = subject.conversationIds;
  const threads = ids.length
    ? await db.select().from(conversations).where(inArray(conversations.id, ids)).orderBy(asc(conversations.createdAt))
    : [];
  const said = ids.length
    ? await db.select().from(messages).where(inArray(messages.conversationId, ids)).orderBy(asc(messages.seq))
    : [];
  const held = said.length
    ? await db
        .select()
        .from(attachments)
        .where(
          inArray(
            attachments.messageId,
            said.map((m) => m.id),
          ),
        )
    : [];
  const work = await db
    .select()
    .from(workItems)
    .where(
      or(
        ids.length ? inArray(workItems.conversationId, ids) : undefined,
        subject.stay ? inArray(workItems.stayId, [subject.id]) : undefined,
        subject.customer ? inArray(workItems.customerId, [subject.id]) : undefined,
      ),
    );
  const forms = subject.customer
    ? await db
        .select()
        .from(leads)
        .where(inArray(leads.customerId, [subject.id]))
    : [];
  const files = [];
  for (const file of held) {
    // the zip reads each file's bytes as it writes it (archive.ts), never all of them at once
    const bytes = withBytes ? await ctx.files.get(file.id) : null;
    files.push({
      id: file.id,
      name: file.name,
      mime: file.mime,
      byteSize: file.byteSize,
      base64: bytes ? bytes.toString('base64') : null,
    });
  }
  const { stay, customer, visitor } = subject;
  return {
    kind: subject.kind,
    exportedAt: new Date().toISOString(),
    organization: { name: orgName },
    stay: stay && {
      id: stay.id,
      room: stay.roomNumber,
      checkInAt: stay.checkInAt.toISOString(),
      checkOutAt: stay.checkOutAt.toISOString(),
      externalId: stay.externalId,
      guests: subject.guests.map((g) => ({
        name: g.name,
        email: g.email,
        phone: g.phone,
        language: g.language,
        externalId: g.externalId,
      })),
    },
    customer: customer && {
      id: customer.id,
      name: customer.name,
      companyName: customer.companyName,
      phones: customer.phones,
      emails: customer.emails,
      serviceAddress: customer.serviceAddress,
      billingAddress: customer.billingAddress,
      fields: customer.fields,
      externalId: customer.externalId,
      createdAt: customer.createdAt.toISOString(),
    },
    visitor: visitor && {
      id: visitor.id,
      name: visitor.name,
      email: visitor.email,
      topic: visitor.topic,
      createdAt: visitor.createdAt.toISOString(),
    },
    conversations: threads.map((c) => ({
      id: c.id,
      status: c.status,
      openedAt: c.createdAt.toISOString(),
      resolvedAt: c.resolvedAt?.toISOString() ?? null,
      rating: c.rating,
      ratingComment: c.ratingComment,
      messages: said
        .filter((m) => m.conversationId === c.id)
        .map((m) => ({
          seq: m.seq,
          at: m.createdAt.toISOString(),
          from: m.senderType,
          name: m.senderName,
          text: m.body,
          fileIds: held.filter((f) => f.messageId === m.id).map((f) => f.id),
        })),
    })),
    requests: work.map((w) => ({
      id: w.id,
      kind: w.kind,
      title: w.title,
      status: w.status,
      createdAt: w.createdAt.toISOString(),
    })),
    leads: forms.map((l) => ({ id: l.id, status: l.status, answers: l.answers, createdAt: l.createdAt.toISOString() })),
    files,
  };
}
