import type { GuestActor, StaffActor } from '../../platform/actor.js';

interface ConversationLike {
  orgId: string;
  guestId: string | null;
  visitorId: string | null;
  assigneeId: string | null;
  status: string;
}

/** Who may do what with a conversation. Staff act within their organization; guests on their own threads. */
export const conversationPolicy = {
  staffSees: (actor: StaffActor, c: ConversationLike) =>
    actor.orgId === c.orgId && (actor.role === 'admin' || actor.role === 'agent'),
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
  /** Admins resolve any request; everyone else only those they hold or nobody took (see resolve). */
  resolveAny: (actor: StaffActor) => actor.role === 'admin',
  /** The assignee or an admin resolves; anyone at the desk may close a request nobody took. */
  resolve: (actor: StaffActor, c: ConversationLike) =>
    conversationPolicy.resolveAny(actor) ||
    c.assigneeId === actor.userId ||
    (c.status === 'queued' && conversationPolicy.take(actor)),
};
