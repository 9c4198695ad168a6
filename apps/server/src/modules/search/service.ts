import type { SearchQuery, TagChip } from '@frontdesk/protocol';
import { and, desc, eq, gte, ilike, isNull, lt, or, type SQL, sql } from 'drizzle-orm';
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
/** How many of an organization's latest messages a search walks before it asks the GIN index. */
const RECENT_WINDOW = 5000;
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
  const [edge] = await db
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
    .offset(RECENT_WINDOW - 1)
    .limit(1);
  let messageRows = edge ? await rowsOf(pageSince(edge.at)) : [];
  if (messageRows.length < query.limit) messageRows = await rowsOf(pageSince());

  // guests, rooms and tags: few per organization, matched by their words or as typed
  const term = query.q.replace(/[\\%_]/g, (c) => `\\${c}`);
  // a name's first word or any later one, as typed (a like pattern per name: no function per row)
  const words = or(ilike(stayGuests.name, `% ${term}%`), ilike(visitors.name, `% ${term}%`));
  const tagMatch = sql`exists (select 1 from ${conversationTags} ct join ${tags} t on t.id = ct.tag_id where ct.conversation_id = ${conversations.id} and lower(t.name) = lower(${query.q}))`;
  const conversationRows = await db
    .select({
      ...conversationFields,
      lastMessageAt: conversations.lastMessageAt,
      byContact: sql<boolean>`${or(words, ilike(stayGuests.name, `${term}%`), ilike(visitors.name, `${term}%`))}`,
      byRoom: sql<boolean>`coalesce(lower(${rooms.number}) = lower(${query.q}), false)`,
    })
    .from(conversations)
    .leftJoin(stayGuests, eq(stayGuests.id, conversations.guestId))
    .leftJoin(visitors, eq(visitors.id, conversations.visitorId))
    .leftJoin(stays, eq(stays.id, conversations.stayId))
    .leftJoin(rooms, eq(rooms.id, stays.roomId))
    .leftJoin(teams, eq(teams.id, conversations.teamId))
    .leftJoin(assignee, eq(assignee.id, conversations.assigneeId))
    .where(
      and(
        scope,
        or(
          words,
          ilike(stayGuests.name, `${term}%`),
          ilike(visitors.name, `${term}%`),
          sql`lower(${rooms.number}) = lower(${query.q})`,
          tagMatch,
        ),
      ),
    )
    .orderBy(desc(conversations.lastMessageAt))
    .limit(CONVERSATION_HITS);
  return { messageRows, conversationRows };
}

export type SearchRows = Awaited<ReturnType<typeof search>>;
