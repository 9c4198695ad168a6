import type { SearchQuery, TagChip } from '@frontdesk/protocol';
import { and, desc, eq, gte, ilike, inArray, isNull, lt, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import {
  conversations,
  conversationTags,
  messageSearch,
  messages,
  rooms,
  stayGuests,
  stays,
  tags,
  teams,
  users,
  visitors,
} from '../../db/schema.js';
import type { StaffActor } from '../../platform/actor.js';
import { forbidden } from '../../platform/errors.js';
import type { ServiceContext } from '../../platform/service-context.js';
import { visibleToStaff } from '../conversations/index.js';
import { queryOf } from './config.js';
import { HIT_END, HIT_START, LESS_THAN } from './present.js';

const CONVERSATION_HITS = 10;
/**
 * How many of an organization's latest messages a search walks, in steps, before it asks the GIN
 * index (an agent who sees few teams finds fewer hits in a window).
 */
const RECENT_WINDOWS = [5_000, 50_000];
const assignee = alias(users, 'assignee');

const tagsOf = sql<
  TagChip[]
>`(select coalesce(json_agg(json_build_object('id', t.id, 'name', t.name, 'color', t.color) order by lower(t.name)), '[]'::json)
  from ${conversationTags} ct join ${tags} t on t.id = ct.tag_id where ct.conversation_id = ${conversations.id})`;

/** What a search result shows of its conversation. */
const conversationFields = {
  id: conversations.id,
  status: conversations.status,
  guestName: stayGuests.name,
  visitorName: visitors.name,
  roomNumber: rooms.number,
  teamId: conversations.teamId,
  teamName: teams.name,
  assigneeId: conversations.assigneeId,
  assigneeName: assignee.name,
  tags: tagsOf,
};

/** The conversation filters of a search, with the organization and its team visibility. */
function conversationScope(actor: StaffActor, orgId: string, query: SearchQuery): SQL | undefined {
  return and(
    eq(conversations.orgId, orgId),
    visibleToStaff(actor),
    isNull(conversations.mergedIntoId),
    query.status ? eq(conversations.status, query.status) : undefined,
    query.teamId ? eq(conversations.teamId, query.teamId) : undefined,
    query.assigneeId ? eq(conversations.assigneeId, query.assigneeId) : undefined,
    query.tagId
      ? sql`exists (select 1 from ${conversationTags} where ${conversationTags.conversationId} = ${conversations.id} and ${conversationTags.tagId} = ${query.tagId})`
      : undefined,
  );
}

/** The control characters the snippet marks use, out of the text; `<` hidden from the parser. */
const cleanBody = sql`replace(translate(${messages.body}, ${`${HIT_START}${HIT_END}${LESS_THAN}`}, ''), '<', ${LESS_THAN})`;

/**
 * Full-text search for the desk: messages (newest first, with a marked snippet), and conversations
 * whose guest, room or tag matched — only of the staff member's organization, within its team
 * visibility, never the merged-away shells. Notes are not searched: they are in no message.
 */
export async function search(ctx: ServiceContext<StaffActor>, query: SearchQuery) {
  const { db, actor } = ctx;
  if (!actor.orgId || (actor.role !== 'admin' && actor.role !== 'agent')) {
    throw forbidden('Only reception and admins search conversations');
  }
  const orgId = actor.orgId;
  const tsquery = queryOf(query.q);
  const scope = conversationScope(actor, orgId, query);

  const pageSince = (since?: Date) =>
    db
      .select({
        messageId: messageSearch.messageId,
        config: messageSearch.config,
        createdAt: messageSearch.createdAt,
      })
      .from(messageSearch)
      .innerJoin(messages, eq(messages.id, messageSearch.messageId))
      .innerJoin(conversations, eq(conversations.id, messages.conversationId))
      .where(
        and(
          eq(messageSearch.orgId, orgId),
          sql`${messageSearch.document} @@ (${tsquery})`,
          query.from ? gte(messageSearch.createdAt, new Date(query.from)) : undefined,
          query.to ? lt(messageSearch.createdAt, new Date(query.to)) : undefined,
          since ? gte(messageSearch.createdAt, since) : undefined,
          scope,
        ),
      )
      .orderBy(desc(messageSearch.createdAt))
      .limit(query.limit)
      .as('page');

  // the snippets are cut for the page only (ts_headline reads the whole text)
  const rowsOf = (page: ReturnType<typeof pageSince>) =>
    db
      .select({
        ...conversationFields,
        messageId: messages.id,
        seq: messages.seq,
        senderType: messages.senderType,
        senderName: messages.senderName,
        createdAt: messages.createdAt,
        snippet: sql<string>`ts_headline(${page.config}::regconfig, ${cleanBody}, ${tsquery},
        ${`StartSel=${HIT_START}, StopSel=${HIT_END}, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`})`,
      })
      .from(page)
      .innerJoin(messages, eq(messages.id, page.messageId))
      .innerJoin(conversations, eq(conversations.id, messages.conversationId))
      .leftJoin(stayGuests, eq(stayGuests.id, conversations.guestId))
      .leftJoin(visitors, eq(visitors.id, conversations.visitorId))
      .leftJoin(stays, eq(stays.id, conversations.stayId))
      .leftJoin(rooms, eq(rooms.id, stays.roomId))
      .leftJoin(teams, eq(teams.id, conversations.teamId))
      .leftJoin(assignee, eq(assignee.id, conversations.assigneeId))
      .orderBy(desc(page.createdAt));

  // Newest first: a common word's newest hits are among the organization's latest messages, found
  // by walking those (the GIN index would hand over every hit to be sorted); a rarer word, with too
  // few hits there, goes through the GIN index.
  const edgeOf = async (window: number) =>
    (
      await db
        .select({ at: messageSearch.createdAt })
        .from(messageSearch)
        .where(
          and(
            eq(messageSearch.orgId, orgId),
            query.from ? gte(messageSearch.createdAt, new Date(query.from)) : undefined,
            query.to ? lt(messageSearch.createdAt, new Date(query.to)) : undefined,
          ),
        )
        .orderBy(desc(messageSearch.createdAt))
        .offset(window - 1)
        .limit(1)
    )[0]?.at;
  let messageRows: Awaited<ReturnType<typeof rowsOf>> = [];
  for (const window of RECENT_WINDOWS) {
    const edge = await edgeOf(window);
    if (!edge) break;
    messageRows = await rowsOf(pageSince(edge));
    if (messageRows.length >= query.limit) break;
  }
  if (messageRows.length < query.limit) messageRows = await rowsOf(pageSince());

  // guests, rooms and tags: looked up in their own (small) tables first, then their conversations,
  // so that no search joins every conversation of the organization to its guest and room
  const term = query.q.replace(/[\\%_]/g, (c) => `\\${c}`);
  const named = (column: typeof stayGuests.name | typeof visitors.name) =>
    or(ilike(column, `${term}%`), ilike(column, `% ${term}%`));
  const byContact = or(
    inArray(
      conversations.guestId,
      db
        .select({ id: stayGuests.id })
        .from(stayGuests)
        .where(and(eq(stayGuests.orgId, orgId), named(stayGuests.name))),
    ),
    inArray(
      conversations.visitorId,
      db
        .select({ id: visitors.id })
        .from(visitors)
        .where(and(eq(visitors.orgId, orgId), named(visitors.name))),
    ),
  );
  const byRoom = inArray(
    conversations.stayId,
    db
      .select({ id: stays.id })
      .from(stays)
      .innerJoin(rooms, eq(rooms.id, stays.roomId))
      .where(and(eq(rooms.orgId, orgId), sql`lower(${rooms.number}) = lower(${query.q})`)),
  );
  const byTag = inArray(
    conversations.id,
    db
      .select({ id: conversationTags.conversationId })
      .from(conversationTags)
      .innerJoin(tags, eq(tags.id, conversationTags.tagId))
      .where(and(eq(tags.orgId, orgId), sql`lower(${tags.name}) = lower(${query.q})`)),
  );
  const conversationRows = await db
    .select({
      ...conversationFields,
      lastMessageAt: conversations.lastMessageAt,
      byContact: sql<boolean>`coalesce(${byContact}, false)`,
      byRoom: sql<boolean>`coalesce(${byRoom}, false)`,
    })
    .from(conversations)
    .leftJoin(stayGuests, eq(stayGuests.id, conversations.guestId))
    .leftJoin(visitors, eq(visitors.id, conversations.visitorId))
    .leftJoin(stays, eq(stays.id, conversations.stayId))
    .leftJoin(rooms, eq(rooms.id, stays.roomId))
    .leftJoin(teams, eq(teams.id, conversations.teamId))
    .leftJoin(assignee, eq(assignee.id, conversations.assigneeId))
    .where(and(scope, or(byContact, byRoom, byTag)))
    .orderBy(desc(conversations.lastMessageAt))
    .limit(CONVERSATION_HITS);
  return { messageRows, conversationRows };
}

export type SearchRows = Awaited<ReturnType<typeof search>>;
