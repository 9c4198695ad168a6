import type {
  Conversation,
  Message,
  MessageTranslation,
  NotesSummary,
  PastConversation,
  ReactionSummary,
  TagChip,
} from '@frontdesk/protocol';
import { and, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/connection.js';
import { preparedOnce } from '../../db/prepared.js';
import {
  conversationNotes,
  conversations,
  conversationTags,
  messages,
  rooms,
  stayGuests,
  stays,
  tags,
  teams,
  users,
  visitors,
} from '../../db/schema.js';
import { photoUrlOf } from '../staff/index.js';

export type ConversationRow = typeof conversations.$inferSelect;
export type MessageRow = typeof messages.$inferSelect;

const assignee = alias(users, 'assignee');

/** What a conversation view shows besides the conversation row: contact, room, assignee, team. */
const viewDetails = {
  guestName: stayGuests.name,
  guestVip: stayGuests.vip,
  visitorName: visitors.name,
  roomNumber: rooms.number,
  roomPriority: rooms.priority,
  assigneeName: assignee.name,
  assigneeMotto: assignee.motto,
  assigneePhotoFileId: assignee.photoFileId,
  teamName: teams.name,
  // one probe of conversation_tags' primary key: the tags ride along with every view, sends included
  tags: sql<
    TagChip[]
  >`(select coalesce(json_agg(json_build_object('id', t.id, 'name', t.name, 'color', t.color) order by lower(t.name)), '[]'::json)
    from ${conversationTags} ct join ${tags} t on t.id = ct.tag_id where ct.conversation_id = ${conversations.id})`,
};

const viewFields = { c: conversations, ...viewDetails };

/**
 * The select behind every conversation view, on `db` or on a `db.with(…)` of common table
 * expressions; `extra` columns ride along.
 */
export function selectViews<E extends Record<string, SQL.Aliased> = Record<never, never>>(
  qb: Pick<Db, 'select'>,
  extra?: E,
) {
  return qb
    .select({ ...viewFields, ...(extra ?? ({} as E)) })
    .from(conversations)
    .leftJoin(stayGuests, eq(stayGuests.id, conversations.guestId))
    .leftJoin(visitors, eq(visitors.id, conversations.visitorId))
    .leftJoin(stays, eq(stays.id, conversations.stayId))
    .leftJoin(rooms, eq(rooms.id, stays.roomId))
    .leftJoin(assignee, eq(assignee.id, conversations.assigneeId))
    .leftJoin(teams, eq(teams.id, conversations.teamId))
    .$dynamic();
}

/**
 * The same joins without the conversation row: for the one-statement send, which has the row from
 * the function that wrote it (the select's snapshot is from before the write), so its ~40 columns
 * are neither sent nor parsed twice. Drizzle types each join's nullability from the concrete
 * select, so the joins are spelled out here again rather than shared through a generic helper.
 */
export function selectViewDetails<E extends Record<string, SQL.Aliased>>(qb: Pick<Db, 'select'>, extra: E) {
  return qb
    .select({ ...viewDetails, ...extra })
    .from(conversations)
    .leftJoin(stayGuests, eq(stayGuests.id, conversations.guestId))
    .leftJoin(visitors, eq(visitors.id, conversations.visitorId))
    .leftJoin(stays, eq(stays.id, conversations.stayId))
    .leftJoin(rooms, eq(rooms.id, stays.roomId))
    .leftJoin(assignee, eq(assignee.id, conversations.assigneeId))
    .leftJoin(teams, eq(teams.id, conversations.teamId))
    .$dynamic();
}

/**
 * Conversations with what a list needs to show: contact, room, assignee. With `lock`, the
 * conversation rows are locked (`FOR UPDATE OF conversations`): a send reads the view it answers
 * with in the same statement that locks the row, instead of loading it again after commit.
 */
export async function loadConversationViews(
  db: Db,
  where: SQL | undefined,
  opts: { limit?: number; lock?: boolean } = {},
) {
  let query = selectViews(db).where(where).orderBy(desc(conversations.lastMessageAt), desc(conversations.id));
  if (opts.limit) query = query.limit(opts.limit);
  if (opts.lock) query = query.for('update', { of: conversations });
  return query;
}

export type ConversationView = Awaited<ReturnType<typeof loadConversationViews>>[number];

const LATEST_NOTE_CHARS = 280;

/**
 * Conversations as the contact's history beside a request shows them, newest first, in one
 * statement: each view (its tags aggregated as in every view) with how many notes it has and its
 * newest, each a probe of the notes' (conversation, created) index.
 */
export async function selectPastConversations(db: Db, where: SQL | undefined, limit: number) {
  return selectViews(db, {
    notesCount:
      sql<number>`(select count(*)::int from ${conversationNotes} n where n.conversation_id = ${conversations.id})`.as(
        'notes_count',
      ),
    latestNote: sql<{ authorName: string; text: string; createdAt: string } | null>`(select json_build_object(
        'authorName', n.author_name, 'text', left(n.body, ${sql.raw(String(LATEST_NOTE_CHARS))}), 'createdAt', n.created_at)
      from ${conversationNotes} n where n.conversation_id = ${conversations.id}
      order by n.created_at desc, n.id desc limit 1)`.as('latest_note'),
  })
    .where(where)
    .orderBy(desc(conversations.lastMessageAt), desc(conversations.id))
    .limit(limit);
}

export type PastConversationView = Awaited<ReturnType<typeof selectPastConversations>>[number];

/** A past conversation for the desk: the staff view with its notes at a glance. */
export function presentPastConversation(view: PastConversationView): PastConversation {
  const latest = view.latestNote;
  const notes: NotesSummary = {
    count: view.notesCount ?? 0,
    // json_build_object writes the time as PostgreSQL prints it: read back and written as ISO
    latest: latest ? { ...latest, createdAt: new Date(latest.createdAt).toISOString() } : null,
  };
  return { ...presentConversation(view, 'staff'), notes };
}

function prepareViewById(db: Db) {
  return selectViews(db)
    .where(eq(conversations.id, sql.placeholder('id')))
    .prepare('frontdesk_conversation_view');
}

const viewById = new WeakMap<Db, Map<'byId', ReturnType<typeof prepareViewById>>>();

/**
 * One conversation's view, by a prepared statement: the fan-out of every take, receipt and change
 * loads one, and planning the view's seven-table join took ~2 ms of database CPU each time — at
 * 10,000 guests more than executing it (bench/README, "Session 14").
 */
export async function loadConversationView(db: Db, id: string): Promise<ConversationView | undefined> {
  const statement = preparedOnce(viewById, db, 'byId', prepareViewById);
  const [view] = await statement.execute({ id });
  return view;
}

/**
 * The conversation as one side sees it: `unread` counts what that side has not read; where it was
 * routed, and how urgent it is, only the desk sees.
 */
export function presentConversation(view: ConversationView, side: 'staff' | 'guest'): Conversation {
  const { c } = view;
  const desk =
    side === 'staff'
      ? {
          team: c.teamId && view.teamName ? { id: c.teamId, name: view.teamName } : null,
          priority: c.priority,
          routedBy: c.routedBy ?? null,
          // null for a request its assignee took from the queue: nothing to explain, and every message's
          // fan-out carries this view (the `conversation.taken` event is the record)
          assignedBy: c.assigneeId ? (c.assignedBy ?? null) : null,
          handover: c.handover ?? null,
          awaitingSince: c.awaitingSince?.toISOString() ?? null,
          tags: view.tags ?? [],
        }
      : {};
  return {
    id: c.id,
    status: c.status as Conversation['status'],
    contact: c.visitorId
      ? { kind: 'visitor', id: c.visitorId, name: view.visitorName, vip: false }
      : { kind: 'guest', id: c.guestId ?? c.id, name: view.guestName, vip: Boolean(view.guestVip) },
    stay:
      c.stayId && view.roomNumber
        ? { id: c.stayId, roomNumber: view.roomNumber, roomPriority: Boolean(view.roomPriority) }
        : null,
    assignee:
      c.assigneeId && view.assigneeName
        ? {
            id: c.assigneeId,
            name: view.assigneeName,
            motto: view.assigneeMotto ?? '',
            photoUrl: photoUrlOf({ photoFileId: view.assigneePhotoFileId }),
          }
        : null,
    lastSeq: c.lastSeq,
    lastMessageAt: c.lastMessageAt.toISOString(),
    preview: c.preview,
    unread: side === 'staff' ? c.staffUnread : c.guestUnread,
    receipts: {
      guestDeliveredSeq: c.guestDeliveredSeq,
      guestReadSeq: c.guestReadSeq,
      staffDeliveredSeq: c.staffDeliveredSeq,
      staffReadSeq: c.staffReadSeq,
    },
    rating: c.rating,
    ratingComment: c.ratingComment,
    createdAt: c.createdAt.toISOString(),
    firstResponseAt: c.firstResponseAt?.toISOString() ?? null,
    resolvedAt: c.resolvedAt?.toISOString() ?? null,
    ...desk,
    // only when set: every message's fan-out carries this view
    ...(c.mergedIntoId ? { mergedInto: c.mergedIntoId } : {}),
    ...(c.epoch > 0 ? { epoch: c.epoch } : {}),
  };
}

/** A conversation a service just changed, loaded again and shown as staff see it (the routes' answer). */
export async function presentStaffView(db: Db, id: string): Promise<Conversation> {
  const view = await loadConversationView(db, id);
  if (!view) throw new Error('conversation vanished');
  return presentConversation(view, 'staff');
}

/**
 * A message; `reactions` and `translation` only where a page was loaded with them (history, sync),
 * never on a send (its translation comes later, as its own event).
 */
export function presentMessage(
  m: MessageRow,
  reactions?: ReactionSummary[],
  translation?: MessageTranslation,
): Message {
  const message: Message = {
    id: m.id,
    conversationId: m.conversationId,
    seq: m.seq,
    clientId: m.clientId,
    sender: { type: m.senderType as Message['sender']['type'], id: m.senderId, name: m.senderName },
    text: m.body,
    event: m.event as Message['event'],
    createdAt: m.createdAt.toISOString(),
  };
  if (reactions?.length) message.reactions = reactions;
  if (m.attachments?.length) message.attachments = m.attachments;
  if (translation) message.translation = translation;
  return message;
}

export async function loadMessages(db: Db, ids: string[]): Promise<MessageRow[]> {
  if (!ids.length) return [];
  return db.select().from(messages).where(inArray(messages.id, ids));
}

export const byConversation = (orgId: string, id: string) =>
  and(eq(conversations.id, id), eq(conversations.orgId, orgId));
