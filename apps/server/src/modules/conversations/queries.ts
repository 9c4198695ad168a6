import { and, asc, desc, eq, gt, inArray, isNull, lt, ne, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { conversations, conversationTags, messages, stayGuests, stays, visitors } from '../../db/schema.js';
import { type ApiClientActor, actorOrgId, type GuestActor, type StaffActor } from '../../platform/actor.js';
import { forbidden, notFound } from '../../platform/errors.js';
import type { ServiceContext } from '../../platform/service-context.js';
import { messagesAfter } from './append.js';
import { conversationPolicy, visibleToStaff } from './policy.js';
import {
  type ConversationView,
  loadConversationView,
  loadConversationViews,
  type MessageRow,
  type PastConversationView,
  selectPastConversations,
  selectViews,
} from './views.js';

const SYNC_MESSAGE_LIMIT = 5000;

/** Who reads the desk's conversations: a staff member, or an API key with `conversations:read`. */
type DeskReader = StaffActor | ApiClientActor;

function assertDesk(actor: DeskReader): string {
  // a key acts for its whole organization (the route checked its scope)
  if (actor.kind === 'api_client') return actor.orgId;
  if (actor.role !== 'admin' && actor.role !== 'agent') throw forbidden('Only reception and admins see conversations');
  return actorOrgId(actor);
}

/** A priority as a number the queue sorts by: urgent 3 … low 0. */
const priorityRank = sql<number>`(case ${conversations.priority} when 'urgent' then 3 when 'high' then 2 when 'normal' then 1 else 0 end)`;
/**
 * Since when a queued request has waited: a new one since it came in, a reopened one (answered
 * before) since its last message — as the desk shows it.
 */
const waitingSince = sql`(case when ${conversations.firstResponseAt} is null then ${conversations.createdAt} else ${conversations.lastMessageAt} end)`;
/** The queue's order: most urgent first, then who has waited longest (automatic assignment takes it too). */
export const queueOrder = [desc(priorityRank), asc(waitingSince), asc(conversations.id)];
const micros = (t: SQL) => sql<string>`(extract(epoch from ${t}) * 1000000)::bigint::text`;
const fromMicros = (m: string) => sql`(timestamptz 'epoch' + ${m}::bigint * interval '1 microsecond')`;

/**
 * The inbox: one status tab (or mine), with every tab's count. The queue shows the most urgent
 * first, then who has waited longest; the other tabs the newest activity first. Pages by a key that
 * is unique where the time alone is not — (priority, waiting since, id) in the queue, (lastMessageAt,
 * id) elsewhere: the cursor carries it whole, times in microseconds as stored, so a conversation
 * sharing the boundary instant is neither skipped nor repeated.
 */
export async function listForStaff(
  ctx: ServiceContext<DeskReader>,
  query: { status: 'queued' | 'open' | 'resolved'; mine: boolean; limit: number; before?: string; tag?: string },
) {
  const { db, actor } = ctx;
  const orgId = assertDesk(actor);
  // an API key holds no conversation: its `mine` tab is empty
  const me = actor.kind === 'staff' ? actor.userId : null;
  const queue = query.status === 'queued';
  const cursor = query.before?.split('_') ?? [];
  // a cursor of the other ordering (a queue cursor on another tab, or the reverse) starts over
  const [rank, beforeMicros, beforeId] = queue ? cursor : [undefined, ...cursor];
  const after =
    queue && rank && beforeMicros && beforeId
      ? sql`(${priorityRank} < ${Number(rank)} or (${priorityRank} = ${Number(rank)} and
             (${waitingSince}, ${conversations.id}) > (${fromMicros(beforeMicros)}, ${beforeId}::uuid)))`
      : !queue && beforeMicros && beforeId && cursor.length === 2
        ? sql`(${conversations.lastMessageAt}, ${conversations.id}) < (${fromMicros(beforeMicros)}, ${beforeId}::uuid)`
        : undefined;
  const visible = and(
    actor.kind === 'staff' ? visibleToStaff(actor) : undefined,
    query.tag
      ? sql`exists (select 1 from ${conversationTags} where ${conversationTags.conversationId} = ${conversations.id} and ${conversationTags.tagId} = ${query.tag})`
      : undefined,
  );
  const where = and(
    eq(conversations.orgId, orgId),
    visible,
    eq(conversations.status, query.status),
    // requests merged into others live on there (resolved, empty): no list shows them
    isNull(conversations.mergedIntoId),
    query.mine ? (me ? eq(conversations.assigneeId, me) : sql`false`) : undefined,
    after,
  );
  const views = await selectViews(db, {
    cursorMicros: micros(queue ? waitingSince : sql`${conversations.lastMessageAt}`).as('cursor_micros'),
    cursorRank: priorityRank.as('cursor_rank'),
  })
    .where(where)
    .orderBy(...(queue ? queueOrder : [desc(conversations.lastMessageAt), desc(conversations.id)]))
    .limit(query.limit + 1);
  const page = views.slice(0, query.limit);
  const [counts] = await db
    .select({
      queued: sql<number>`(count(*) filter (where ${conversations.status} = 'queued'))::int`,
      open: sql<number>`(count(*) filter (where ${conversations.status} = 'open'))::int`,
      mine: me
        ? sql<number>`(count(*) filter (where ${conversations.status} = 'open' and ${conversations.assigneeId} = ${me}))::int`
        : sql<number>`0`,
      resolved: sql<number>`(count(*) filter (where ${conversations.status} = 'resolved'))::int`,
    })
    .from(conversations)
    .where(and(eq(conversations.orgId, orgId), visible, isNull(conversations.mergedIntoId)));
  const last = page.at(-1);
  return {
    views: page as ConversationView[],
    counts: counts ?? { queued: 0, open: 0, mine: 0, resolved: 0 },
    nextBefore:
      views.length > query.limit && last
        ? `${queue ? `${last.cursorRank}_` : ''}${last.cursorMicros}_${last.c.id}`
        : null,
  };
}

export async function getForStaff(ctx: ServiceContext<DeskReader>, id: string): Promise<ConversationView> {
  const { db, actor } = ctx;
  assertDesk(actor);
  const view = await loadConversationView(db, id);
  const sees =
    view && (actor.kind === 'staff' ? conversationPolicy.staffSees(actor, view.c) : view.c.orgId === actor.orgId);
  if (!view || !sees) throw notFound('Conversation');
  return view;
}

export async function getForGuest(ctx: ServiceContext<GuestActor>, id: string): Promise<ConversationView> {
  const { db, actor: guest } = ctx;
  const view = await loadConversationView(db, id);
  if (!view || !conversationPolicy.guestSees(guest, view.c)) throw notFound('Conversation');
  return view;
}

/** Every conversation of a stay, for the guest panel beside the current one. */
export async function stayConversations(ctx: ServiceContext<StaffActor>, stayId: string): Promise<ConversationView[]> {
  const { db, actor } = ctx;
  const orgId = assertDesk(actor);
  const [stay] = await db
    .select({ id: stays.id })
    .from(stays)
    .where(and(eq(stays.id, stayId), eq(stays.orgId, orgId)));
  if (!stay) throw notFound('Stay');
  return loadConversationViews(
    db,
    and(
      eq(conversations.orgId, orgId),
      visibleToStaff(actor),
      eq(conversations.stayId, stayId),
      isNull(conversations.mergedIntoId),
    ),
  );
}

const EARLIER_LIMIT = 50;
/** A phone number as digits (and a leading +), so "+48 600-100-200" and "+48600100200" are one. */
const phoneDigits = (column: SQL | typeof stayGuests.phone) => sql`regexp_replace(${column}, '[^0-9+]', '', 'g')`;

/**
 * The same person's requests from earlier stays at the organization, newest first (at most 50):
 * the guest recognised by e-mail (case aside), else by phone number — the desk's details of them.
 */
export async function earlierStaysOf(ctx: ServiceContext<StaffActor>, stayId: string, guestId: string) {
  const { db, actor } = ctx;
  const orgId = assertDesk(actor);
  const [guest] = await db
    .select()
    .from(stayGuests)
    .where(and(eq(stayGuests.id, guestId), eq(stayGuests.stayId, stayId), eq(stayGuests.orgId, orgId)));
  if (!guest) throw notFound('Guest');
  const matchedBy = guest.email ? ('email' as const) : guest.phone ? ('phone' as const) : null;
  if (!matchedBy) return { matchedBy, stays: 0, views: [] as PastConversationView[] };
  const same =
    matchedBy === 'email'
      ? sql`lower(${stayGuests.email}) = lower(${guest.email})`
      : sql`${phoneDigits(stayGuests.phone)} = ${phoneDigits(sql`${guest.phone}`)}`;
  const earlier = await db
    .select({ id: stayGuests.id, stayId: stayGuests.stayId })
    .from(stayGuests)
    .where(and(eq(stayGuests.orgId, orgId), ne(stayGuests.stayId, stayId), same));
  if (!earlier.length) return { matchedBy, stays: 0, views: [] as PastConversationView[] };
  const views = await selectPastConversations(
    db,
    and(
      eq(conversations.orgId, orgId),
      visibleToStaff(actor),
      inArray(
        conversations.guestId,
        earlier.map((g) => g.id),
      ),
      isNull(conversations.mergedIntoId),
    ),
    EARLIER_LIMIT,
  );
  return { matchedBy, stays: new Set(earlier.map((g) => g.stayId)).size, views };
}

/**
 * A visitor's requests, newest first (at most 50), with their tags and notes at a glance: a service
 * company's customer chats as one visitor on every device, so these are all of theirs.
 */
export async function visitorHistory(ctx: ServiceContext<StaffActor>, visitorId: string) {
  const { db, actor } = ctx;
  const orgId = assertDesk(actor);
  const [visitor] = await db
    .select({ id: visitors.id })
    .from(visitors)
    .where(and(eq(visitors.id, visitorId), eq(visitors.orgId, orgId)));
  if (!visitor) throw notFound('Visitor');
  return selectPastConversations(
    db,
    and(
      eq(conversations.orgId, orgId),
      visibleToStaff(actor),
      eq(conversations.visitorId, visitorId),
      isNull(conversations.mergedIntoId),
    ),
    EARLIER_LIMIT,
  );
}

/** A guest's own requests (all of this stay), or a visitor's. */
export async function guestConversations(ctx: ServiceContext<GuestActor>): Promise<ConversationView[]> {
  const { db, actor: guest } = ctx;
  const own =
    guest.kind === 'guest' ? eq(conversations.guestId, guest.guestId) : eq(conversations.visitorId, guest.visitorId);
  return loadConversationViews(db, and(eq(conversations.orgId, guest.orgId), own, isNull(conversations.mergedIntoId)));
}

/** History by sequence: after N (catching up) or before N (scrolling up), in ascending order. */
export async function history(
  db: Db,
  conversationId: string,
  page: { after?: number; before?: number; limit: number },
): Promise<{ messages: MessageRow[]; hasMore: boolean }> {
  const scrollingUp = page.before !== undefined || page.after === undefined;
  const rows = await db
    .select()
    .from(messages)
    .where(
      and(
        eq(messages.conversationId, conversationId),
        page.after !== undefined ? gt(messages.seq, page.after) : undefined,
        page.before !== undefined ? lt(messages.seq, page.before) : undefined,
      ),
    )
    .orderBy(scrollingUp ? desc(messages.seq) : asc(messages.seq))
    .limit(page.limit + 1);
  const hasMore = rows.length > page.limit;
  const slice = rows.slice(0, page.limit);
  return { messages: scrollingUp ? slice.reverse() : slice, hasMore };
}

/**
 * What a reconnecting client missed: for each conversation it names, the messages after its last
 * seq; for a guest also every conversation (and message) it did not know about yet. At most
 * `limit` messages per answer, each conversation's without gaps from where the client stands:
 * with `hasMore` the client syncs again from the seqs it then holds.
 */
export async function sync(
  ctx: ServiceContext<StaffActor | GuestActor>,
  since: Record<string, number>,
  limit = SYNC_MESSAGE_LIMIT,
) {
  const { db, actor } = ctx;
  const ids = Object.keys(since);
  const visible =
    actor.kind === 'staff'
      ? and(
          eq(conversations.orgId, actorOrgId(actor)),
          visibleToStaff(actor),
          ids.length ? inArray(conversations.id, ids) : sql`false`,
        )
      : and(
          eq(conversations.orgId, actor.orgId),
          actor.kind === 'guest'
            ? eq(conversations.guestId, actor.guestId)
            : eq(conversations.visitorId, actor.visitorId),
        );
  if (actor.kind === 'staff') assertDesk(actor);
  const views = await loadConversationViews(db, visible);
  const from = new Map(views.map((v) => [v.c.id, since[v.c.id] ?? 0]));
  const changed = new Map([...from].filter(([id, seq]) => (views.find((v) => v.c.id === id)?.c.lastSeq ?? 0) > seq));
  const missed = await messagesAfter(db, changed, limit + 1);
  return { views, messages: missed.slice(0, limit), hasMore: missed.length > limit };
}

/**
 * Where someone's typing in a conversation may be told: its organization and contact, once the
 * policy says the actor sees the conversation. Typing is not stored; this is its only query.
 */
export async function typingTarget(
  ctx: ServiceContext<StaffActor | GuestActor>,
  conversationId: string,
): Promise<{
  orgId: string;
  guestId: string | null;
  visitorId: string | null;
  teamId: string | null;
  assigneeId: string | null;
}> {
  const { db, actor } = ctx;
  const [c] = await db
    .select({
      orgId: conversations.orgId,
      guestId: conversations.guestId,
      visitorId: conversations.visitorId,
      assigneeId: conversations.assigneeId,
      teamId: conversations.teamId,
      status: conversations.status,
    })
    .from(conversations)
    .where(eq(conversations.id, conversationId));
  const sees =
    c && (actor.kind === 'staff' ? conversationPolicy.staffSees(actor, c) : conversationPolicy.guestSees(actor, c));
  if (!c || !sees) throw notFound('Conversation');
  return { orgId: c.orgId, guestId: c.guestId, visitorId: c.visitorId, teamId: c.teamId, assigneeId: c.assigneeId };
}
