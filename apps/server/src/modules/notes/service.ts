import type { CreateNoteRequest } from '@frontdesk/protocol';
import { and, count, desc, eq, inArray, isNull, lt, ne, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import {
  conversationNotes,
  conversations,
  mentions,
  rooms,
  stayGuests,
  stays,
  teamMembers,
  users,
  visitors,
} from '../../db/schema.js';
import type { StaffActor } from '../../platform/actor.js';
import { forbidden, isUniqueViolation, notFound } from '../../platform/errors.js';
import type { ServiceContext } from '../../platform/service-context.js';
import { conversationPolicy, visibleToStaff } from '../conversations/index.js';
import { type Mentionable, mentionedIn } from './mentions.js';
import { notePolicy } from './policy.js';
import type { MentionRow, NoteRow } from './present.js';

const NOTES_SHOWN = 500;

interface ConversationScope {
  id: string;
  orgId: string;
  guestId: string | null;
  visitorId: string | null;
  teamId: string | null;
  assigneeId: string | null;
  status: string;
  lastSeq: number;
}

/** The conversation, if the staff member is at its organization's desk and sees it; else not found. */
async function conversationFor(db: Db, actor: StaffActor, id: string): Promise<ConversationScope> {
  if (!notePolicy.desk(actor)) throw forbidden('Only reception and admins write and read notes');
  const [c] = await db
    .select({
      id: conversations.id,
      orgId: conversations.orgId,
      guestId: conversations.guestId,
      visitorId: conversations.visitorId,
      teamId: conversations.teamId,
      assigneeId: conversations.assigneeId,
      status: conversations.status,
      lastSeq: conversations.lastSeq,
    })
    .from(conversations)
    .where(eq(conversations.id, id));
  if (!c || !conversationPolicy.staffSees(actor, c)) throw notFound('Conversation');
  return c;
}

/**
 * The colleagues who may be mentioned in a note of this conversation: active admins and agents of
 * its organization who see it (within team visibility), the author aside.
 */
async function mentionable(db: Db, actor: StaffActor, c: ConversationScope): Promise<Mentionable[]> {
  const inTeam = c.teamId
    ? sql<boolean>`exists (select 1 from ${teamMembers} where ${teamMembers.teamId} = ${c.teamId} and ${teamMembers.userId} = ${users.id})`
    : sql<boolean>`true`;
  const rows = await db
    .select({ id: users.id, name: users.name, role: users.role, inTeam })
    .from(users)
    .where(
      and(
        eq(users.orgId, c.orgId),
        eq(users.active, true),
        inArray(users.role, ['admin', 'agent']),
        ne(users.id, actor.userId),
      ),
    );
  // the organization's setting, which the author's actor carries: agents see all, or their teams'
  const everyone = actor.conversationVisibility === 'all';
  return rows
    .filter((u) => u.role === 'admin' || everyone || !c.teamId || u.inTeam || u.id === c.assigneeId)
    .map(({ id, name }) => ({ id, name }));
}

export interface CreatedNote {
  note: NoteRow;
  mentioned: Mentionable[];
  duplicate: boolean;
}

/**
 * Writes an internal note. It touches nothing of the conversation (no sequence number, preview,
 * unread count or wait: a note is no reply), records `note.created` and one `staff.mentioned` per
 * colleague it names with `@Full Name` who sees the conversation. A retry with the same client id
 * answers the note stored the first time.
 */
export async function createNote(
  ctx: ServiceContext<StaffActor>,
  conversationId: string,
  input: CreateNoteRequest,
): Promise<CreatedNote> {
  const { actor } = ctx;
  try {
    return await ctx.transact(async (tx) => {
      const c = await conversationFor(tx.db, actor, conversationId);
      const named = mentionedIn(input.text, await mentionable(tx.db, actor, c));
      const [note] = await tx.db
        .insert(conversationNotes)
        .values({
          orgId: c.orgId,
          conversationId: c.id,
          afterSeq: c.lastSeq,
          authorId: actor.userId,
          authorName: actor.name,
          body: input.text,
          clientId: input.clientId,
        })
        .returning();
      if (!note) throw new Error('insert returned nothing');
      const rows = named.length
        ? await tx.db
            .insert(mentions)
            .values(named.map((m) => ({ orgId: c.orgId, userId: m.id, noteId: note.id, conversationId: c.id })))
            .returning({ id: mentions.id, userId: mentions.userId })
        : [];
      await tx.record({
        type: 'note.created',
        orgId: c.orgId,
        stream: `conversation:${c.id}`,
        data: {
          conversationId: c.id,
          noteId: note.id,
          authorId: actor.userId,
          mentionedUserIds: named.map((m) => m.id),
        },
      });
      for (const row of rows) {
        await tx.record({
          type: 'staff.mentioned',
          orgId: c.orgId,
          stream: `user:${row.userId}`,
          data: {
            mentionId: row.id,
            userId: row.userId,
            conversationId: c.id,
            noteId: note.id,
            byUserId: actor.userId,
          },
        });
      }
      return { note, mentioned: named, duplicate: false };
    });
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    const [earlier] = await ctx.db
      .select()
      .from(conversationNotes)
      .where(and(eq(conversationNotes.authorId, actor.userId), eq(conversationNotes.clientId, input.clientId)));
    if (!earlier || earlier.conversationId !== conversationId) throw err;
    return {
      note: earlier,
      mentioned: (await mentionedOf(ctx.db, [earlier.id])).get(earlier.id) ?? [],
      duplicate: true,
    };
  }
}

/** Who each note mentioned, by note id. */
export async function mentionedOf(db: Db, noteIds: string[]): Promise<Map<string, Mentionable[]>> {
  const byNote = new Map<string, Mentionable[]>();
  if (!noteIds.length) return byNote;
  const rows = await db
    .select({ noteId: mentions.noteId, id: users.id, name: users.name })
    .from(mentions)
    .innerJoin(users, eq(users.id, mentions.userId))
    .where(inArray(mentions.noteId, noteIds))
    .orderBy(users.name);
  for (const r of rows) byNote.set(r.noteId, [...(byNote.get(r.noteId) ?? []), { id: r.id, name: r.name }]);
  return byNote;
}

/** The latest notes of a conversation, oldest first, with whom each mentioned. */
export async function listNotes(ctx: ServiceContext<StaffActor>, conversationId: string) {
  const c = await conversationFor(ctx.db, ctx.actor, conversationId);
  const notes = (
    await ctx.db
      .select()
      .from(conversationNotes)
      .where(eq(conversationNotes.conversationId, c.id))
      .orderBy(desc(conversationNotes.createdAt), desc(conversationNotes.id))
      .limit(NOTES_SHOWN)
  ).reverse();
  return {
    notes,
    mentioned: await mentionedOf(
      ctx.db,
      notes.map((n) => n.id),
    ),
  };
}

/** One note (for the realtime fan-out), with whom it mentioned. */
export async function loadNote(db: Db, id: string) {
  const [note] = await db.select().from(conversationNotes).where(eq(conversationNotes.id, id));
  if (!note) return undefined;
  return { note, mentioned: (await mentionedOf(db, [id])).get(id) ?? [] };
}

const mentionFields = {
  id: mentions.id,
  conversationId: mentions.conversationId,
  noteId: mentions.noteId,
  readAt: mentions.readAt,
  createdAt: mentions.createdAt,
  authorId: conversationNotes.authorId,
  authorName: conversationNotes.authorName,
  body: conversationNotes.body,
  guestName: stayGuests.name,
  visitorName: visitors.name,
  roomNumber: rooms.number,
};

function selectMentions(db: Db) {
  return db
    .select(mentionFields)
    .from(mentions)
    .innerJoin(conversationNotes, eq(conversationNotes.id, mentions.noteId))
    .innerJoin(conversations, eq(conversations.id, mentions.conversationId))
    .leftJoin(stayGuests, eq(stayGuests.id, conversations.guestId))
    .leftJoin(visitors, eq(visitors.id, conversations.visitorId))
    .leftJoin(stays, eq(stays.id, conversations.stayId))
    .leftJoin(rooms, eq(rooms.id, stays.roomId))
    .$dynamic();
}

/** The staff member's own mentions, of conversations they still see. */
const ownMentions = (actor: StaffActor) =>
  and(eq(mentions.userId, actor.userId), eq(mentions.orgId, actor.orgId ?? ''), visibleToStaff(actor));

async function unreadOf(db: Db, actor: StaffActor): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(mentions)
    .innerJoin(conversations, eq(conversations.id, mentions.conversationId))
    .where(and(ownMentions(actor), isNull(mentions.readAt)));
  return row?.n ?? 0;
}

/** The staff member's mentions, newest first, paged by time; and how many are unread. */
export async function listMentions(
  ctx: ServiceContext<StaffActor>,
  query: { limit: number; before?: string; unread?: boolean },
): Promise<{ mentions: MentionRow[]; unread: number; nextBefore: string | null }> {
  const { db, actor } = ctx;
  if (!notePolicy.desk(actor)) throw forbidden('Only reception and admins are mentioned in notes');
  const rows = await selectMentions(db)
    .where(
      and(
        ownMentions(actor),
        query.before ? lt(mentions.createdAt, new Date(query.before)) : undefined,
        query.unread ? isNull(mentions.readAt) : undefined,
      ),
    )
    .orderBy(desc(mentions.createdAt), desc(mentions.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    mentions: page,
    unread: await unreadOf(db, actor),
    nextBefore: rows.length > query.limit && last ? last.createdAt.toISOString() : null,
  };
}

/**
 * One mention as its staff member's list shows it, and how many of theirs are unread, for the live
 * notice right after the note (whose service checked that they see the conversation).
 */
export async function loadMention(db: Db, id: string, userId: string) {
  const [row] = await selectMentions(db).where(eq(mentions.id, id));
  if (!row) return undefined;
  const [unread] = await db
    .select({ n: count() })
    .from(mentions)
    .where(and(eq(mentions.userId, userId), isNull(mentions.readAt)));
  return { mention: row, unread: unread?.n ?? 0 };
}

/** Marks some (or all) of the staff member's own mentions read; answers how many stay unread. */
export async function markMentionsRead(ctx: ServiceContext<StaffActor>, ids?: string[]): Promise<number> {
  const { db, actor } = ctx;
  if (!notePolicy.desk(actor)) throw forbidden('Only reception and admins are mentioned in notes');
  await db
    .update(mentions)
    .set({ readAt: new Date() })
    .where(
      and(
        eq(mentions.userId, actor.userId),
        isNull(mentions.readAt),
        ids ? or(...ids.map((id) => eq(mentions.id, id))) : undefined,
      ),
    );
  return unreadOf(db, actor);
}
