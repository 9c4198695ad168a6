import { and, eq, gt, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { conversations, messages } from '../../db/schema.js';
import type { ConversationRow, MessageRow } from './views.js';

export interface NewMessage {
  senderType: 'guest' | 'visitor' | 'staff' | 'system';
  senderId: string | null;
  senderName: string | null;
  senderKey: string | null;
  clientId: string | null;
  body: string;
  event?: string;
  /** What the conversation list shows instead of the body's start (a message of files only). */
  preview?: string;
}

const PREVIEW_LENGTH = 140;

/** The start of a message that conversation lists show. */
export const previewOf = (body: string) => body.slice(0, PREVIEW_LENGTH);

/**
 * What appending a message does to its conversation: the next sequence number, the preview, the
 * unread counters, and the sender's own read position (a sender has read up to their message).
 * `preview` and `now` may be placeholders of a prepared statement.
 */
export function bumpFor(senderType: NewMessage['senderType'], preview: string | SQL, now: SQL) {
  const fromContact = senderType === 'guest' || senderType === 'visitor';
  const fromStaff = senderType === 'staff';
  return {
    lastSeq: sql`${conversations.lastSeq} + 1`,
    lastMessageAt: now,
    ...(senderType !== 'system' ? { preview } : {}),
    ...(fromContact
      ? {
          staffUnread: sql`${conversations.staffUnread} + 1`,
          awaitingSince: sql`coalesce(${conversations.awaitingSince}, ${now})`,
          guestReadSeq: sql`${conversations.lastSeq} + 1`,
          guestDeliveredSeq: sql`${conversations.lastSeq} + 1`,
        }
      : {}),
    ...(fromStaff
      ? {
          guestUnread: sql`${conversations.guestUnread} + 1`,
          firstResponseAt: sql`coalesce(${conversations.firstResponseAt}, ${now})`,
          staffReadSeq: sql`${conversations.lastSeq} + 1`,
          staffDeliveredSeq: sql`${conversations.lastSeq} + 1`,
          staffUnread: 0,
          awaitingSince: null,
        }
      : {}),
  };
}

/**
 * Appends a message inside the caller's transaction. Bumping `last_seq` row-locks the
 * conversation, so concurrent sends to one conversation get consecutive numbers in commit order.
 * `also` changes the conversation in the same statement (a take: its status and assignee), one
 * round trip instead of two.
 */
export async function appendMessage(
  tx: Db,
  conversationId: string,
  msg: NewMessage,
  also: Partial<typeof conversations.$inferInsert> = {},
): Promise<{ message: MessageRow; conversation: ConversationRow }> {
  const now = new Date();
  const [conversation] = await tx
    .update(conversations)
    .set({
      ...also,
      ...bumpFor(msg.senderType, msg.preview ?? previewOf(msg.body), sql`${now.toISOString()}::timestamptz`),
    })
    .where(eq(conversations.id, conversationId))
    .returning();
  if (!conversation) throw new Error(`conversation ${conversationId} vanished`);
  const [message] = await tx
    .insert(messages)
    .values({
      orgId: conversation.orgId,
      conversationId,
      seq: conversation.lastSeq,
      senderType: msg.senderType,
      senderId: msg.senderId,
      senderName: msg.senderName,
      senderKey: msg.senderKey,
      clientId: msg.clientId,
      body: msg.body,
      event: msg.event ?? null,
      createdAt: now,
    })
    .returning();
  if (!message) throw new Error('insert returned nothing');
  return { message, conversation };
}

/** A message already stored under this sender's client id, if any (the retry of a send). */
export async function findByClientId(db: Db, senderKey: string, clientId: string): Promise<MessageRow | undefined> {
  const [message] = await db
    .select()
    .from(messages)
    .where(and(eq(messages.senderKey, senderKey), eq(messages.clientId, clientId)));
  return message;
}

/** Messages of some conversations after given seqs, ordered by conversation then seq, at most `limit`. */
export async function messagesAfter(db: Db, since: Map<string, number>, limit: number): Promise<MessageRow[]> {
  if (!since.size) return [];
  const wanted = [...since].map(([id, seq]) => and(eq(messages.conversationId, id), gt(messages.seq, seq)));
  return db
    .select()
    .from(messages)
    .where(or(...wanted))
    .orderBy(messages.conversationId, messages.seq)
    .limit(limit);
}
