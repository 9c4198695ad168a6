import { MERGE_UNDO_HOURS, priorities } from '@frontdesk/protocol';
import { and, asc, between, desc, eq, gt, inArray, isNull, lt, ne, sql } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import {
  conversationMerges,
  conversationNotes,
  conversations,
  conversationTags,
  mentions,
  messageReactions,
  messages,
  scheduledMessages,
} from '../../db/schema.js';
import type { StaffActor } from '../../platform/actor.js';
import { AppError, forbidden, notFound } from '../../platform/errors.js';
import type { ServiceContext } from '../../platform/service-context.js';
import { appendMessage, previewOf } from './append.js';
import { messageCreated } from './events.js';
import { mergedError } from './merged-error.js';
import { conversationPolicy } from './policy.js';
import { systemMessage } from './send.js';
import type { ConversationRow } from './views.js';

export type MergeRow = typeof conversationMerges.$inferSelect;

const UNDO_MS = MERGE_UNDO_HOURS * 3_600_000;

/** The columns that say where a request stands (not its thread): what a merge takes over and undo gives back. */
const stateColumns = [
  'status',
  'assigneeId',
  'teamId',
  'priority',
  'routedBy',
  'assignedBy',
  'handover',
  'awaitingSince',
  'slaEscalatedFor',
  'pickedAt',
  'resolvedAt',
  'resolvedBy',
  'rating',
  'ratingComment',
  'ratedAt',
  'firstResponseAt',
] as const satisfies readonly (keyof ConversationRow)[];
type State = Pick<ConversationRow, (typeof stateColumns)[number]>;
const timeColumns = new Set([
  'awaitingSince',
  'slaEscalatedFor',
  'pickedAt',
  'resolvedAt',
  'ratedAt',
  'firstResponseAt',
]);

const stateOf = (c: ConversationRow): State =>
  Object.fromEntries(stateColumns.map((k) => [k, c[k]])) as unknown as State;
/** A state as the merge row keeps it (jsonb: times as text) back as columns. */
const stateFrom = (saved: Record<string, unknown>): State =>
  Object.fromEntries(
    stateColumns.map((k) => [k, timeColumns.has(k) && saved[k] ? new Date(saved[k] as string) : (saved[k] ?? null)]),
  ) as unknown as State;

const rank = (p: string) => priorities.indexOf(p as (typeof priorities)[number]);
const earliest = (a: Date | null, b: Date | null) => (a && b ? (a < b ? a : b) : (a ?? b));

/** Both conversations, locked in id order (two merges of the same pair cannot deadlock). */
async function lockPair(tx: Db, ids: [string, string]) {
  const rows = await tx
    .select()
    .from(conversations)
    .where(inArray(conversations.id, ids))
    .orderBy(asc(conversations.id))
    .for('update');
  return ids.map((id) => rows.find((r) => r.id === id));
}

const sameContact = (a: ConversationRow, b: ConversationRow) =>
  a.orgId === b.orgId &&
  ((a.guestId !== null && a.guestId === b.guestId) || (a.visitorId !== null && a.visitorId === b.visitorId));

/**
 * Merges two requests of one guest (or visitor) into one thread. The earlier request keeps the
 * thread: the later one's messages follow its own, renumbered after them — so nobody's numbering
 * of the thread they hold changes — and the later one is left empty, marked as merged. Whichever of
 * the two is still unresolved lends the merged request its status, team and assignee. The rows
 * before are kept for `undoMerge`.
 */
export async function mergeConversations(
  ctx: ServiceContext<StaffActor>,
  id: string,
  otherId: string,
): Promise<{ survivor: ConversationRow; merge: MergeRow }> {
  const { actor } = ctx;
  if (!conversationPolicy.take(actor) || !actor.orgId) throw forbidden('Only reception and admins handle requests');
  if (id === otherId) throw new AppError('not_mergeable', 'A request cannot be merged with itself');
  return ctx.transact(async (tx) => {
    const [one, other] = await lockPair(tx.db, [id, otherId]);
    for (const c of [one, other]) if (!c || !conversationPolicy.staffSees(actor, c)) throw notFound('Conversation');
    if (!one || !other) throw notFound('Conversation');
    for (const c of [one, other]) {
      if (c.mergedIntoId) throw mergedError(c);
      if (!conversationPolicy.merge(actor, c)) {
        throw forbidden('Only an admin can merge a request a colleague is handling');
      }
    }
    if (!sameContact(one, other)) {
      throw new AppError('not_mergeable', 'Only requests of the same guest can be merged');
    }
    const [survivor, absorbed] =
      one.createdAt < other.createdAt || (one.createdAt.getTime() === other.createdAt.getTime() && one.id < other.id)
        ? [one, other]
        : [other, one];
    const base = survivor.lastSeq;
    const moved = absorbed.lastSeq;
    // the later request's thread after the earlier one's: seqs above every held one, so no clash
    await tx.db
      .update(messages)
      .set({ conversationId: survivor.id, seq: sql`${messages.seq} + ${base}` })
      .where(eq(messages.conversationId, absorbed.id));
    // staff notes follow the messages they were written after (and mentions their notes)
    const movedNotes = await moveNotes(tx.db, absorbed.id, survivor.id, base);
    await tx.db
      .update(messageReactions)
      .set({ conversationId: survivor.id })
      .where(eq(messageReactions.conversationId, absorbed.id));
    // replies scheduled in the later request go out in the merged one (an undo leaves them there)
    await tx.db
      .update(scheduledMessages)
      .set({ conversationId: survivor.id })
      .where(and(eq(scheduledMessages.conversationId, absorbed.id), eq(scheduledMessages.status, 'scheduled')));

    const addedTagIds = await carryTags(tx, absorbed.id, survivor);

    const live = absorbed.status !== 'resolved' ? absorbed : survivor.status !== 'resolved' ? survivor : null;
    const lastResolved = (absorbed.resolvedAt ?? 0) > (survivor.resolvedAt ?? 0) ? absorbed : survivor;
    const rated = survivor.rating !== null ? survivor : absorbed;
    const later = absorbed.lastMessageAt > survivor.lastMessageAt ? absorbed : survivor;
    const shifted = (s: number, a: number) => (s >= base ? base + a : s);
    const state: State = {
      ...(live ? stateOf(live) : stateOf(lastResolved)),
      priority: rank(absorbed.priority) > rank(survivor.priority) ? absorbed.priority : survivor.priority,
      firstResponseAt: earliest(survivor.firstResponseAt, absorbed.firstResponseAt),
      rating: rated.rating,
      ratingComment: rated.ratingComment,
      ratedAt: rated.ratedAt,
    };
    await tx.db
      .update(conversations)
      .set({
        ...state,
        lastSeq: base + moved,
        lastMessageAt: later.lastMessageAt,
        preview: later.preview,
        staffUnread: survivor.staffUnread + absorbed.staffUnread,
        guestUnread: survivor.guestUnread + absorbed.guestUnread,
        staffReadSeq: shifted(survivor.staffReadSeq, absorbed.staffReadSeq),
        staffDeliveredSeq: shifted(survivor.staffDeliveredSeq, absorbed.staffDeliveredSeq),
        guestReadSeq: shifted(survivor.guestReadSeq, absorbed.guestReadSeq),
        guestDeliveredSeq: shifted(survivor.guestDeliveredSeq, absorbed.guestDeliveredSeq),
      })
      .where(eq(conversations.id, survivor.id));
    await tx.db
      .update(conversations)
      .set({
        status: 'resolved',
        mergedIntoId: survivor.id,
        resolvedAt: absorbed.resolvedAt ?? new Date(),
        awaitingSince: null,
        staffUnread: 0,
        guestUnread: 0,
      })
      .where(eq(conversations.id, absorbed.id));
    const [merge] = await tx.db
      .insert(conversationMerges)
      .values({
        orgId: survivor.orgId,
        survivorId: survivor.id,
        absorbedId: absorbed.id,
        firstMovedSeq: base + 1,
        movedMessages: moved,
        survivorBefore: JSON.parse(JSON.stringify(stateOf(survivor))),
        absorbedBefore: { ...JSON.parse(JSON.stringify(absorbed)), movedNoteIds: movedNotes, addedTagIds },
        mergedBy: actor.userId,
        mergedByName: actor.name,
      })
      .returning();
    if (!merge) throw new Error('insert returned nothing');
    const { message, conversation } = await appendMessage(
      tx.db,
      survivor.id,
      systemMessage('merged', `${actor.name} merged another request of this guest into this one`, actor),
    );
    await tx.record({
      type: 'conversation.merged',
      orgId: survivor.orgId,
      stream: `conversation:${survivor.id}`,
      data: {
        mergeId: merge.id,
        survivorId: survivor.id,
        absorbedId: absorbed.id,
        movedMessages: moved,
        byUserId: actor.userId,
      },
    });
    tx.announce(messageCreated(message));
    return { survivor: conversation, merge };
  });
}

/**
 * Undoes a merge (admins, within a day, the latest merge into that request first): the absorbed
 * request gets its messages back, numbered as before, and its state as it was; messages written
 * in the merged request since stay there, renumbered to close the gap. Both threads' `epoch` rises,
 * so clients holding them reload.
 */
export async function undoMerge(ctx: ServiceContext<StaffActor>, mergeId: string): Promise<ConversationRow> {
  const { actor } = ctx;
  if (!conversationPolicy.take(actor) || !actor.orgId) throw forbidden('Only reception and admins handle requests');
  return ctx.transact(async (tx) => {
    const [merge] = await tx.db
      .select()
      .from(conversationMerges)
      .where(and(eq(conversationMerges.id, mergeId), eq(conversationMerges.orgId, actor.orgId ?? '')))
      .for('update');
    if (!merge) throw notFound('Merge');
    const [survivor, absorbed] = await lockPair(tx.db, [merge.survivorId, merge.absorbedId]);
    if (!survivor || !absorbed || !conversationPolicy.staffSees(actor, survivor)) throw notFound('Merge');
    if (!conversationPolicy.undoMerge(actor)) throw forbidden('Only an admin can undo a merge');
    const why = await notUndoable(tx.db, merge, survivor, absorbed);
    if (why) throw new AppError('merge_not_undoable', why, { mergeId });

    const base = merge.firstMovedSeq - 1;
    const moved = merge.movedMessages;
    await tx.db
      .update(messages)
      .set({ conversationId: absorbed.id, seq: sql`${messages.seq} - ${base}` })
      .where(and(eq(messages.conversationId, survivor.id), between(messages.seq, base + 1, base + moved)));
    // what was written since moves down over the gap: through negative numbers, so that no two
    // rows hold one number on the way (the unique index is checked row by row)
    await tx.db
      .update(messages)
      .set({ seq: sql`-(${messages.seq} - ${moved})` })
      .where(and(eq(messages.conversationId, survivor.id), gt(messages.seq, base + moved)));
    await tx.db
      .update(messages)
      .set({ seq: sql`-${messages.seq}` })
      .where(and(eq(messages.conversationId, survivor.id), lt(messages.seq, 0)));

    await tx.db
      .update(messageReactions)
      .set({ conversationId: absorbed.id })
      .where(
        inArray(
          messageReactions.messageId,
          tx.db.select({ id: messages.id }).from(messages).where(eq(messages.conversationId, absorbed.id)),
        ),
      );
    const noteIds = (merge.absorbedBefore.movedNoteIds as string[] | undefined) ?? [];
    if (noteIds.length) {
      await tx.db
        .update(conversationNotes)
        .set({ conversationId: absorbed.id, afterSeq: sql`${conversationNotes.afterSeq} - ${base}` })
        .where(inArray(conversationNotes.id, noteIds));
      await tx.db.update(mentions).set({ conversationId: absorbed.id }).where(inArray(mentions.noteId, noteIds));
    }
    await dropCarriedTags(tx, merge, survivor);
    // notes written since stay, placed after the same message as before
    await tx.db
      .update(conversationNotes)
      .set({
        afterSeq: sql`case when ${conversationNotes.afterSeq} > ${base + moved} then ${conversationNotes.afterSeq} - ${moved}
                      else least(${conversationNotes.afterSeq}, ${base}) end`,
      })
      .where(and(eq(conversationNotes.conversationId, survivor.id), gt(conversationNotes.afterSeq, base)));

    const back = (seq: number) => (seq > base + moved ? seq - moved : Math.min(seq, base));
    const before = merge.absorbedBefore;
    await tx.db
      .update(conversations)
      .set({
        ...stateFrom(before),
        mergedIntoId: null,
        lastSeq: moved,
        lastMessageAt: new Date(before.lastMessageAt as string),
        preview: before.preview as string,
        staffUnread: before.staffUnread as number,
        guestUnread: before.guestUnread as number,
        staffReadSeq: before.staffReadSeq as number,
        staffDeliveredSeq: before.staffDeliveredSeq as number,
        guestReadSeq: before.guestReadSeq as number,
        guestDeliveredSeq: before.guestDeliveredSeq as number,
        epoch: absorbed.epoch + 1,
      })
      .where(eq(conversations.id, absorbed.id));
    // the survivor's own state comes back when the merge had given it the absorbed request's (the
    // live one, or the one resolved last); else it keeps what happened to it since
    const own = merge.survivorBefore;
    const lentState =
      before.status !== 'resolved' ||
      (own.status === 'resolved' && String(before.resolvedAt ?? '') > String(own.resolvedAt ?? ''));
    const [last] = await tx.db
      .select({ body: messages.body, createdAt: messages.createdAt })
      .from(messages)
      .where(eq(messages.conversationId, survivor.id))
      .orderBy(desc(messages.seq))
      .limit(1);
    await tx.db
      .update(conversations)
      .set({
        ...(lentState ? stateFrom(merge.survivorBefore) : {}),
        lastSeq: survivor.lastSeq - moved,
        lastMessageAt: last?.createdAt ?? survivor.lastMessageAt,
        preview: previewOf(last?.body ?? ''),
        staffReadSeq: back(survivor.staffReadSeq),
        staffDeliveredSeq: back(survivor.staffDeliveredSeq),
        guestReadSeq: back(survivor.guestReadSeq),
        guestDeliveredSeq: back(survivor.guestDeliveredSeq),
        epoch: survivor.epoch + 1,
      })
      .where(eq(conversations.id, survivor.id));
    await recountUnread(tx.db, survivor.id);
    await tx.db
      .update(conversationMerges)
      .set({ undoneAt: new Date(), undoneBy: actor.userId })
      .where(eq(conversationMerges.id, merge.id));
    const { message, conversation } = await appendMessage(
      tx.db,
      survivor.id,
      systemMessage('unmerged', `${actor.name} undid the merge: the other request is separate again`, actor),
    );
    await tx.record({
      type: 'conversation.unmerged',
      orgId: survivor.orgId,
      stream: `conversation:${survivor.id}`,
      data: { mergeId: merge.id, survivorId: survivor.id, absorbedId: absorbed.id, byUserId: actor.userId },
    });
    tx.announce(messageCreated(message));
    return conversation;
  });
}

/**
 * Gives the survivor the absorbed request's tags it lacks (the absorbed one keeps its own, for an
 * undo); returns the ids it added, which an undo takes off again.
 */
async function carryTags(tx: ServiceContext<StaffActor>, absorbedId: string, survivor: ConversationRow) {
  const added = await tx.db
    .insert(conversationTags)
    .select(
      tx.db
        .select({
          conversationId: sql`${survivor.id}::uuid`.as('conversation_id'),
          tagId: conversationTags.tagId,
          orgId: conversationTags.orgId,
          taggedBy: conversationTags.taggedBy,
          createdAt: conversationTags.createdAt,
        })
        .from(conversationTags)
        .where(eq(conversationTags.conversationId, absorbedId)),
    )
    .onConflictDoNothing()
    .returning({ tagId: conversationTags.tagId });
  for (const { tagId } of added) {
    await tx.record({
      type: 'conversation.tagged',
      orgId: survivor.orgId,
      stream: `conversation:${survivor.id}`,
      data: { conversationId: survivor.id, tagId, byUserId: tx.actor.userId },
    });
  }
  return added.map((t) => t.tagId);
}

/** Takes off the survivor the tags its merge had added (those still on it). */
async function dropCarriedTags(tx: ServiceContext<StaffActor>, merge: MergeRow, survivor: ConversationRow) {
  const tagIds = (merge.absorbedBefore.addedTagIds as string[] | undefined) ?? [];
  if (!tagIds.length) return;
  const dropped = await tx.db
    .delete(conversationTags)
    .where(and(eq(conversationTags.conversationId, survivor.id), inArray(conversationTags.tagId, tagIds)))
    .returning({ tagId: conversationTags.tagId });
  for (const { tagId } of dropped) {
    await tx.record({
      type: 'conversation.untagged',
      orgId: survivor.orgId,
      stream: `conversation:${survivor.id}`,
      data: { conversationId: survivor.id, tagId, byUserId: tx.actor.userId },
    });
  }
}

/** Moves a conversation's staff notes (and their mentions) to another, after its first `base` messages. */
async function moveNotes(tx: Db, from: string, to: string, base: number): Promise<string[]> {
  const moved = await tx
    .update(conversationNotes)
    .set({ conversationId: to, afterSeq: sql`${conversationNotes.afterSeq} + ${base}` })
    .where(eq(conversationNotes.conversationId, from))
    .returning({ id: conversationNotes.id });
  if (moved.length) await tx.update(mentions).set({ conversationId: to }).where(eq(mentions.conversationId, from));
  return moved.map((n) => n.id);
}

/** Why a merge cannot be undone now, in plain words; null when it can. */
async function notUndoable(
  db: Db,
  merge: MergeRow,
  survivor: ConversationRow,
  absorbed: ConversationRow,
): Promise<string | null> {
  if (merge.undoneAt) return 'This merge was already undone';
  if (Date.now() - merge.mergedAt.getTime() > UNDO_MS) {
    return `A merge can be undone for ${MERGE_UNDO_HOURS} hours; this one is older`;
  }
  if (absorbed.mergedIntoId !== survivor.id || survivor.mergedIntoId) {
    return 'The merged request was merged again since; undo that first';
  }
  const [later] = await db
    .select({ id: conversationMerges.id })
    .from(conversationMerges)
    .where(
      and(
        eq(conversationMerges.survivorId, survivor.id),
        ne(conversationMerges.id, merge.id),
        isNull(conversationMerges.undoneAt),
        // merge.mergedAt holds milliseconds; the column microseconds
        gt(conversationMerges.mergedAt, merge.mergedAt),
      ),
    )
    .limit(1);
  return later ? 'Another request was merged into this one later; undo that merge first' : null;
}

/** Each side's unread count, counted again (after a thread was renumbered). */
async function recountUnread(db: Db, id: string): Promise<void> {
  const count = (from: string, after: unknown) =>
    sql`(select count(*)::int from ${messages} m where m.conversation_id = ${id} and m.sender_type in (${sql.raw(from)}) and m.seq > ${after})`;
  await db
    .update(conversations)
    .set({
      staffUnread: count(`'guest', 'visitor'`, conversations.staffReadSeq),
      guestUnread: count(`'staff'`, conversations.guestReadSeq),
    })
    .where(eq(conversations.id, id));
}

/** The merges into a conversation, newest first, with whether the viewer may undo each now. */
export async function mergesInto(
  ctx: ServiceContext<StaffActor>,
  id: string,
): Promise<{ merge: MergeRow; canUndo: boolean }[]> {
  const { db, actor } = ctx;
  if (!conversationPolicy.take(actor)) throw forbidden('Only reception and admins handle requests');
  const [c] = await db.select().from(conversations).where(eq(conversations.id, id));
  if (!c || !conversationPolicy.staffSees(actor, c)) throw notFound('Conversation');
  const rows = await db
    .select()
    .from(conversationMerges)
    .where(eq(conversationMerges.survivorId, id))
    .orderBy(desc(conversationMerges.mergedAt));
  const latestLive = rows.find((m) => !m.undoneAt);
  return rows.map((merge) => ({
    merge,
    canUndo:
      conversationPolicy.undoMerge(actor) &&
      merge === latestLive &&
      !c.mergedIntoId &&
      Date.now() - merge.mergedAt.getTime() <= UNDO_MS,
  }));
}

export const undoDeadline = (merge: MergeRow) => new Date(merge.mergedAt.getTime() + UNDO_MS);
