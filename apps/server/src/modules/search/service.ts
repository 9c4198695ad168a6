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
/** How many of an organization's latest messages a search walks before it asks the GIN index. */
const RECENT_MESSAGES = 5_000;
/**
 * How many of the latest conversations a search that sees only some of them (team visibility, a
 * status, team, assignee or tag filter) reads first: their latest messages may lie anywhere in the
 * organization's, so walking those would pass over others' in the thousands.
 */
const RECENT_CONVERSATIONS = 200;
/** Up to how many hits in all a word counts as rare: its hits are then fetched by id. */
const RARE_HITS = 1_000;
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
  const restricted = Boolean(visibleToStaff(actor) || query.status || query.teamId || query.assigneeId || query.tagId);

  /** The page of hits, newest first, among the messages `within` picks (all of them if none). */
  const pageOf = (within?: SQL) =>
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
          within,
          scope,
        ),
      )
      .orderBy(desc(messageSearch.createdAt))
      .limit(query.limit)
      .as('page');

  // the snippets are cut for the page only (ts_headline reads the whole text)
  const rowsOf = (page: ReturnType<typeof pageOf>) =>
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

  // Newest first. A common word's newest hits are among the latest messages, found by walking
  // those (the GIN index would hand over every hit to be sorted). The latest messages are the
  // organization's, or, for a search that sees only some conversations, those of its latest
  // conversations. `within` picks them; `complete` says the page over them is the answer even when
  // it is short.
  type Latest = { within: SQL | undefined; complete: boolean };
  const latestMessages = async (): Promise<Latest> => {
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
      .offset(RECENT_MESSAGES - 1)
      .limit(1);
    return edge
      ? { within: gte(messageSearch.createdAt, edge.at), complete: false }
      : { within: undefined, complete: true };
  };
  // A conversation's messages are no newer than its last one, so the hits at or after the last read
  // conversation's latest message are the newest of all; with fewer conversations, all were read.
  const latestConversations = async (): Promise<Latest> => {
    const latest = await db
      .select({ id: conversations.id, at: conversations.lastMessageAt })
      .from(conversations)
      .where(scope)
      .orderBy(desc(conversations.lastMessageAt))
      .limit(RECENT_CONVERSATIONS);
    if (!latest.length) return { within: sql`false`, complete: true };
    const read = inArray(
      messages.conversationId,
      latest.map((c) => c.id),
    );
    const edge = latest.at(RECENT_CONVERSATIONS - 1)?.at;
    return edge
      ? { within: and(read, gte(messageSearch.createdAt, edge)), complete: false }
      : { within: read, complete: true };
  };
  // Past the latest messages: a word with a quarter of a page among them is found by walking back
  // through all the messages, soon; a rarer one (up to RARE_HITS hits in all organizations, which
  // the GIN index hands over at once) is looked up by its hits. Asked as one query, the planner walks
  // for every word, and a word with no hit walks the whole organization (0.6 s at 1,000,000
  // messages).
  const rareHits = async (): Promise<SQL | undefined> => {
    const hits = await db
      .select({ id: messageSearch.messageId })
      .from(messageSearch)
      .where(sql`${messageSearch.document} @@ (${tsquery})`)
      .limit(RARE_HITS + 1);
    if (hits.length > RARE_HITS) return undefined;
    return hits.length
      ? inArray(
          messageSearch.messageId,
          hits.map((h) => h.id),
        )
      : sql`false`;
  };
  const latest = await (restricted ? latestConversations() : latestMessages());
  let messageRows = await rowsOf(pageOf(latest.within));
  if (messageRows.length < query.limit && !latest.complete) {
    const common = messageRows.length * 4 >= query.limit;
    messageRows = await rowsOf(pageOf(common ? undefined : await rareHits()));
  }

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
