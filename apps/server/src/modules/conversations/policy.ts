import { eq, inArray, isNull, or, type SQL } from 'drizzle-orm';
import { conversations } from '../../db/schema.js';
import { type GuestActor, type StaffActor, seesEveryConversation } from '../../platform/actor.js';

interface ConversationLike {
  orgId: string;
  guestId: string | null;
  visitorId: string | null;
  assigneeId: string | null;
  teamId: string | null;
  status: string;
}

/**
 * Whether the organization's team visibility lets the staff member see this conversation: those who
 * see every conversation (admins; agents when the setting is `all`) do; otherwise one of no team,
 * one of their teams, or one they hold. Synchronous: the actor carries their teams and the setting.
 */
const withinVisibility = (actor: StaffActor, c: Pick<ConversationLike, 'teamId' | 'assigneeId'>) =>
  seesEveryConversation(actor) ||
  c.teamId === null ||
  actor.teamIds.includes(c.teamId) ||
  c.assigneeId === actor.userId;

/** Who may do what with a conversation. Staff act within their organization; guests on their own threads. */
export const conversationPolicy = {
  /**
   * The desk of the organization, within its team visibility. Every single-conversation service
   * asks this and answers a conversation it refuses with 404, as if it did not exist.
   */
  staffSees: (actor: StaffActor, c: ConversationLike) =>
    actor.orgId === c.orgId && (actor.role === 'admin' || actor.role === 'agent') && withinVisibility(actor, c),
  guestSees: (guest: GuestActor, c: ConversationLike) =>
    guest.orgId === c.orgId && (guest.kind === 'guest' ? c.guestId === guest.guestId : c.visitorId === guest.visitorId),
  take: (actor: StaffActor) => actor.role === 'admin' || actor.role === 'agent',
  /** Admins hand any request to anyone; everyone else only the requests they hold (see assign). */
  assignAny: (actor: StaffActor) => actor.role === 'admin',
  /** Admins assign anything; the assignee may hand their conversation to a colleague. */
  assign: (actor: StaffActor, c: ConversationLike) =>
    conversationPolicy.assignAny(actor) || c.assigneeId === actor.userId,
  /** Admins transfer anything; the assignee theirs; anyone at the desk a request nobody has taken. */
  transfer: (actor: StaffActor, c: ConversationLike) =>
    conversationPolicy.assign(actor, c) || (c.status === 'queued' && conversationPolicy.take(actor)),
  /** Merging: admins any request; anyone at the desk one they hold, one nobody holds, or a resolved one. */
  merge: (actor: StaffActor, c: ConversationLike) =>
    actor.role === 'admin' ||
    (conversationPolicy.take(actor) &&
      (c.assigneeId === null || c.assigneeId === actor.userId || c.status === 'resolved')),
  /** Only admins undo a merge. */
  undoMerge: (actor: StaffActor) => actor.role === 'admin',
  /** Admins resolve any request; everyone else only those they hold or nobody took (see resolve). */
  resolveAny: (actor: StaffActor) => actor.role === 'admin',
  /** The assignee or an admin resolves; anyone at the desk may close a request nobody took. */
  resolve: (actor: StaffActor, c: ConversationLike) =>
    conversationPolicy.resolveAny(actor) ||
    c.assigneeId === actor.userId ||
    (c.status === 'queued' && conversationPolicy.take(actor)),
};

/**
 * `staffSees`'s visibility rule as SQL, for lists, counts and resync: nothing to add for those who
 * see every conversation (the common case costs the query nothing), else no team, their teams or
 * their own. The organization itself is the caller's filter.
 */
export function visibleToStaff(actor: StaffActor): SQL | undefined {
  if (seesEveryConversation(actor)) return undefined;
  return or(
    isNull(conversations.teamId),
    actor.teamIds.length ? inArray(conversations.teamId, [...actor.teamIds]) : undefined,
    eq(conversations.assigneeId, actor.userId),
  );
}
