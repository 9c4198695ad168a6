import type { Priority } from '@frontdesk/protocol';
import { and, eq, sql } from 'drizzle-orm';
import { conversations, messages, users } from '../../db/schema.js';
import type { GuestActor, StaffActor } from '../../platform/actor.js';
import { AppError, forbidden, notFound } from '../../platform/errors.js';
import type { ServiceContext } from '../../platform/service-context.js';
import { staffPolicy } from '../staff/index.js';
import { appendMessage } from './append.js';
import { handedOverBy } from './assigned-by.js';
import { messageCreated } from './events.js';
import { mergedError } from './merged-error.js';
import { conversationPolicy } from './policy.js';
import { systemMessage } from './send.js';
import { type Taken, takeInOneStatement } from './take-in-one-statement.js';
import { type ConversationRow, type ConversationView, loadConversationView } from './views.js';

/** Locks a conversation of the actor's organization for a state change; only the desk (admins, agents) may. */
async function lockForStaff({ db, actor }: ServiceContext<StaffActor>, id: string): Promise<ConversationRow> {
  if (!conversationPolicy.take(actor) || !actor.orgId) throw forbidden('Only reception and admins handle requests');
  const [conversation] = await db.select().from(conversations).where(eq(conversations.id, id)).for('update');
  if (!conversation || !conversationPolicy.staffSees(actor, conversation)) throw notFound('Conversation');
  if (conversation.mergedIntoId) throw mergedError(conversation);
  return conversation;
}

const streamOf = (conversation: ConversationRow) => `conversation:${conversation.id}`;

/**
 * Takes a queued request, and answers with its view. Two staff racing: one wins; the other gets
 * `already_taken` with the winner's name. The common take (one statement) reads the view back in that
 * statement, for its answer and for the fan-out of its line and of `conversation.taken`.
 */
export async function takeConversation(ctx: ServiceContext<StaffActor>, id: string): Promise<ConversationView> {
  const { actor } = ctx;
  if (!conversationPolicy.take(actor)) throw forbidden();
  const taken = await takeInOneStatement(ctx.db, actor, id);
  if (taken) {
    const { view } = taken;
    const event: Taken['event'] & { fresh: { view: ConversationView } } = { ...taken.event, fresh: { view } };
    ctx.announce(event);
    ctx.announce(messageCreated(taken.message, view));
    return view;
  }
  // anything but a queued request they see: the transaction decides and explains
  const row = await takeInTransaction(ctx, id);
  const view = await loadConversationView(ctx.db, row.id);
  if (!view) throw notFound('Conversation');
  return view;
}

async function takeInTransaction(ctx: ServiceContext<StaffActor>, id: string): Promise<ConversationRow> {
  const { actor } = ctx;
  return ctx.transact(async (tx) => {
    const current = await lockForStaff(tx, id);
    if (current.assigneeId === actor.userId && current.status === 'open') return current;
    if (current.status !== 'queued') {
      const [holder] = current.assigneeId
        ? await tx.db.select({ name: users.name }).from(users).where(eq(users.id, current.assigneeId))
        : [];
      throw new AppError(
        'already_taken',
        holder ? `${holder.name} has already taken this request` : 'This request is no longer in the queue',
        { assigneeId: current.assigneeId, status: current.status },
      );
    }
    const { message, conversation: updated } = await appendMessage(
      tx.db,
      id,
      systemMessage('taken', `${actor.name} took the request`, actor),
      // taken by the assignee: nothing to keep beyond the event (see presentConversation)
      { status: 'open', assigneeId: actor.userId, assignedBy: null, pickedAt: new Date() },
    );
    await tx.record({
      type: 'conversation.taken',
      orgId: current.orgId,
      stream: streamOf(current),
      data: { conversationId: id, assigneeId: actor.userId },
    });
    tx.announce(messageCreated(message));
    return updated;
  });
}

/** Hands a conversation to a colleague (admins: any; the assignee: their own). */
export async function assignConversation(
  ctx: ServiceContext<StaffActor>,
  id: string,
  userId: string,
): Promise<ConversationRow> {
  const { actor } = ctx;
  return ctx.transact(async (tx) => {
    const current = await lockForStaff(tx, id);
    if (!conversationPolicy.assign(actor, current))
      throw forbidden('Only an admin or the assignee can hand this request over');
    const [target] = await tx.db
      .select({ id: users.id, name: users.name, role: users.role, active: users.active })
      .from(users)
      .where(and(eq(users.id, userId), eq(users.orgId, current.orgId)));
    if (!target || !staffPolicy.handlesConversations(target)) throw notFound('Staff member');
    const event = current.assigneeId ? 'transferred' : 'assigned';
    const [updated] = await tx.db
      .update(conversations)
      .set({
        assigneeId: target.id,
        status: current.status === 'queued' ? 'open' : current.status,
        assignedBy: handedOverBy(actor.name),
        ...(current.status === 'queued' ? { pickedAt: new Date() } : {}),
      })
      .where(eq(conversations.id, id))
      .returning();
    const { message } = await appendMessage(
      tx.db,
      id,
      systemMessage(event, `${actor.name} handed the request to ${target.name}`, actor),
    );
    await tx.record({
      type: 'conversation.assigned',
      orgId: current.orgId,
      stream: streamOf(current),
      data: {
        conversationId: id,
        assigneeId: target.id,
        previousAssigneeId: current.assigneeId,
        byUserId: actor.userId,
      },
    });
    tx.announce(messageCreated(message));
    return updated ?? current;
  });
}

/** Sets how urgent a request is (anyone at the desk); the queue shows the most urgent first. */
export async function setConversationPriority(
  ctx: ServiceContext<StaffActor>,
  id: string,
  priority: Priority,
): Promise<ConversationRow> {
  const { actor } = ctx;
  return ctx.transact(async (tx) => {
    const current = await lockForStaff(tx, id);
    if (current.priority === priority) return current;
    const [updated] = await tx.db.update(conversations).set({ priority }).where(eq(conversations.id, id)).returning();
    await tx.record({
      type: 'conversation.prioritized',
      orgId: current.orgId,
      stream: streamOf(current),
      data: { conversationId: id, priority, previousPriority: current.priority, byUserId: actor.userId },
    });
    return updated ?? current;
  });
}

/**
 * Marks a request resolved; the guest is then asked for a rating. A resolved one is answered as it
 * is, or, with `refuseResolved` (bulk: each id says what happened to it), refused `already_resolved`
 * — before the policy, which asks who may close an open request and would otherwise answer that.
 */
export async function resolveConversation(
  ctx: ServiceContext<StaffActor>,
  id: string,
  opts: { refuseResolved?: boolean } = {},
): Promise<ConversationRow> {
  const { actor } = ctx;
  return ctx.transact(async (tx) => {
    const current = await lockForStaff(tx, id);
    if (opts.refuseResolved && current.status === 'resolved') {
      throw new AppError('already_resolved', 'This request was already resolved', { conversationId: id });
    }
    if (!conversationPolicy.resolve(actor, current))
      throw forbidden('Only the assignee or an admin can resolve this request');
    if (current.status === 'resolved') return current;
    const [updated] = await tx.db
      .update(conversations)
      // resolved: nobody waits for a reply any more (a guest writing again reopens it and waits anew)
      .set({ status: 'resolved', resolvedAt: new Date(), resolvedBy: actor.userId, awaitingSince: null })
      .where(eq(conversations.id, id))
      .returning();
    const { message } = await appendMessage(
      tx.db,
      id,
      systemMessage('resolved', `${actor.name} marked the request resolved`, actor),
    );
    await tx.record({
      type: 'conversation.resolved',
      orgId: current.orgId,
      stream: streamOf(current),
      data: { conversationId: id, resolvedBy: actor.userId },
    });
    tx.announce(messageCreated(message));
    return updated ?? current;
  });
}

/** The guest rates a resolved request, once. Allowed in the read-only period after check-out too. */
export async function rateConversation(
  ctx: ServiceContext<GuestActor>,
  id: string,
  input: { rating: number; comment?: string },
): Promise<ConversationRow> {
  const { actor: guest } = ctx;
  return ctx.transact(async (tx) => {
    const [current] = await tx.db.select().from(conversations).where(eq(conversations.id, id)).for('update');
    if (!current || !conversationPolicy.guestSees(guest, current)) throw notFound('Conversation');
    if (current.status !== 'resolved') throw new AppError('not_resolved', 'You can rate a request once it is resolved');
    if (current.rating !== null) throw new AppError('already_rated', 'You have already rated this request. Thank you!');
    const [updated] = await tx.db
      .update(conversations)
      .set({ rating: input.rating, ratingComment: input.comment || null, ratedAt: new Date() })
      .where(eq(conversations.id, id))
      .returning();
    await tx.record({
      type: 'conversation.rated',
      orgId: current.orgId,
      stream: streamOf(current),
      data: { conversationId: id, rating: input.rating, comment: input.comment || null },
    });
    return updated ?? current;
  });
}

/**
 * Delivered/read receipts of one side. Seqs only move forward and never past the last message;
 * reading recomputes that side's unread count.
 */
export async function markSeen(
  ctx: ServiceContext<StaffActor | GuestActor>,
  id: string,
  seq: number,
  kind: 'delivered' | 'read',
): Promise<ConversationRow> {
  const { db, actor } = ctx;
  const side = actor.kind === 'staff' ? 'staff' : 'guest';
  const [current] = await db.select().from(conversations).where(eq(conversations.id, id));
  const allowed =
    current &&
    (actor.kind === 'staff'
      ? conversationPolicy.staffSees(actor, current)
      : conversationPolicy.guestSees(actor, current));
  if (!current || !allowed) throw notFound('Conversation');
  const upTo = sql`least(${seq}, ${conversations.lastSeq})`;
  const delivered = side === 'staff' ? conversations.staffDeliveredSeq : conversations.guestDeliveredSeq;
  const read = side === 'staff' ? conversations.staffReadSeq : conversations.guestReadSeq;
  const unreadColumn = side === 'staff' ? 'staffUnread' : 'guestUnread';
  const otherSide =
    side === 'staff' ? sql`${messages.senderType} in ('guest', 'visitor')` : sql`${messages.senderType} = 'staff'`;
  const set =
    kind === 'delivered'
      ? { [side === 'staff' ? 'staffDeliveredSeq' : 'guestDeliveredSeq']: sql`greatest(${delivered}, ${upTo})` }
      : {
          [side === 'staff' ? 'staffReadSeq' : 'guestReadSeq']: sql`greatest(${read}, ${upTo})`,
          [side === 'staff' ? 'staffDeliveredSeq' : 'guestDeliveredSeq']: sql`greatest(${delivered}, ${upTo})`,
          [unreadColumn]: sql`(select count(*)::int from ${messages} where ${messages.conversationId} = ${id} and ${otherSide} and ${messages.seq} > greatest(${read}, ${upTo}))`,
        };
  const [updated] = await db.update(conversations).set(set).where(eq(conversations.id, id)).returning();
  if (!updated) throw notFound('Conversation');
  const changed =
    updated.staffDeliveredSeq !== current.staffDeliveredSeq ||
    updated.staffReadSeq !== current.staffReadSeq ||
    updated.guestDeliveredSeq !== current.guestDeliveredSeq ||
    updated.guestReadSeq !== current.guestReadSeq;
  if (changed) ctx.announce({ type: 'receipt.updated', orgId: updated.orgId, conversationId: id });
  return updated;
}
