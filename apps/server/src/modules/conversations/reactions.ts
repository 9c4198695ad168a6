import type { ReactionSummary } from '@frontdesk/protocol';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { conversations, messageReactions, messages } from '../../db/schema.js';
import type { ApiClientActor, GuestActor, StaffActor } from '../../platform/actor.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { ServiceContext } from '../../platform/service-context.js';
import { conversationPolicy } from './policy.js';
import { stayReadOnly } from './send.js';
import type { MessageRow } from './views.js';

type Reactor = { kind: 'staff' | 'guest' | 'visitor'; id: string };
/** Who reads reactions: an API key reacts to nothing, so none is `mine` for it. */
type ReactionReader = Reactor | { kind: 'api_client'; id: string };

/** Who reacts, as the reactions table records them. */
export const reactorOf = (actor: StaffActor | GuestActor): Reactor =>
  actor.kind === 'staff'
    ? { kind: 'staff', id: actor.userId }
    : actor.kind === 'guest'
      ? { kind: 'guest', id: actor.guestId }
      : { kind: 'visitor', id: actor.visitorId };

export interface ReactInput {
  conversationId: string;
  messageId: string;
  emoji: string;
  reacted: boolean;
}

/**
 * Adds or takes back one emoji of the actor on a message of a conversation they see. Idempotent:
 * adding twice keeps one, taking back what is not there changes nothing (and tells nobody).
 * Returns the message's reactions as the actor sees them.
 */
export async function reactToMessage(
  ctx: ServiceContext<StaffActor | GuestActor>,
  input: ReactInput,
): Promise<{ conversationId: string; messageId: string; reactions: ReactionSummary[] }> {
  const { db, actor } = ctx;
  if (actor.kind !== 'staff' && actor.access === 'read_only') throw stayReadOnly();
  const [row] = await db
    .select({
      orgId: conversations.orgId,
      teamId: conversations.teamId,
      assigneeId: conversations.assigneeId,
      guestId: conversations.guestId,
      visitorId: conversations.visitorId,
      status: conversations.status,
      senderType: messages.senderType,
    })
    .from(messages)
    .innerJoin(conversations, eq(conversations.id, messages.conversationId))
    .where(and(eq(messages.id, input.messageId), eq(messages.conversationId, input.conversationId)));
  const sees =
    row &&
    (actor.kind === 'staff' ? conversationPolicy.staffSees(actor, row) : conversationPolicy.guestSees(actor, row));
  if (!row || !sees) throw notFound('Message');
  if (row.senderType === 'system') throw new AppError('validation_failed', 'Events of the request take no reactions');
  const reactor = reactorOf(actor);
  const mineOf = and(
    eq(messageReactions.messageId, input.messageId),
    eq(messageReactions.reactorKind, reactor.kind),
    eq(messageReactions.reactorId, reactor.id),
    eq(messageReactions.emoji, input.emoji),
  );
  const changed = input.reacted
    ? await db
        .insert(messageReactions)
        .values({
          orgId: row.orgId,
          conversationId: input.conversationId,
          messageId: input.messageId,
          reactorKind: reactor.kind,
          reactorId: reactor.id,
          emoji: input.emoji,
        })
        .onConflictDoNothing()
        .returning({ id: messageReactions.id })
    : await db.delete(messageReactions).where(mineOf).returning({ id: messageReactions.id });
  const reactions = (await reactionsOf(db, [input.messageId], reactor)).get(input.messageId) ?? [];
  if (changed.length)
    ctx.announce({
      type: 'reaction.changed',
      orgId: row.orgId,
      conversation: {
        orgId: row.orgId,
        teamId: row.teamId,
        assigneeId: row.assigneeId,
        guestId: row.guestId,
        visitorId: row.visitorId,
      },
      notice: {
        conversationId: input.conversationId,
        messageId: input.messageId,
        emoji: input.emoji,
        reacted: input.reacted,
        by: { type: reactor.kind, id: reactor.id },
        counts: reactions.map(({ emoji, count }) => ({ emoji, count })),
      },
    });
  return { conversationId: input.conversationId, messageId: input.messageId, reactions };
}

/**
 * The reactions of some messages, per message, in the order each emoji was first chosen, with
 * whether `reader` chose it. One query for a whole page; messages without reactions are absent.
 */
export async function reactionsOf(
  db: Db,
  messageIds: string[],
  reader: ReactionReader,
): Promise<Map<string, ReactionSummary[]>> {
  const found = new Map<string, ReactionSummary[]>();
  if (!messageIds.length) return found;
  const rows = await db
    .select({
      messageId: messageReactions.messageId,
      emoji: messageReactions.emoji,
      count: sql<number>`count(*)::int`,
      mine: sql<boolean>`bool_or(${messageReactions.reactorKind} = ${reader.kind} and ${messageReactions.reactorId} = ${reader.id})`,
    })
    .from(messageReactions)
    .where(inArray(messageReactions.messageId, messageIds))
    .groupBy(messageReactions.messageId, messageReactions.emoji)
    .orderBy(sql`min(${messageReactions.createdAt})`, messageReactions.emoji);
  for (const r of rows) {
    const list = found.get(r.messageId) ?? [];
    list.push({ emoji: r.emoji, count: r.count, mine: Boolean(r.mine) });
    found.set(r.messageId, list);
  }
  return found;
}

/** Messages with their reactions for `reader`, for a page of history or a sync answer (one query, none when empty). */
export async function withReactions(
  db: Db,
  rows: MessageRow[],
  reader: StaffActor | GuestActor | ApiClientActor,
): Promise<{ row: MessageRow; reactions?: ReactionSummary[] }[]> {
  const reactable = rows.filter((m) => m.senderType !== 'system').map((m) => m.id);
  const who = reader.kind === 'api_client' ? { kind: reader.kind, id: reader.clientId } : reactorOf(reader);
  const found = await reactionsOf(db, reactable, who);
  return rows.map((row) => ({ row, reactions: found.get(row.id) }));
}
