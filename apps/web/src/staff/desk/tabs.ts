import type { Conversation, ConversationCounts, InboxTab } from '../types';

/** Whether a conversation belongs in an inbox tab, for the signed-in staff member `me`. */
export function inTab(tab: InboxTab, c: Conversation, me: string): boolean {
  switch (tab) {
    case 'queued':
      return c.status === 'queued';
    case 'mine':
      return c.status === 'open' && c.assignee?.id === me;
    case 'open':
      return c.status === 'open';
    case 'resolved':
      return c.status === 'resolved';
  }
}

/** The tab query of the REST inbox. */
export function tabQuery(tab: InboxTab): { status: Conversation['status']; mine: boolean } {
  return tab === 'mine' ? { status: 'open', mine: true } : { status: tab, mine: false };
}

/** Adds (`delta` 1) or removes (-1) a conversation's contribution to the tab counts. */
export function countIn(counts: ConversationCounts, c: Conversation, me: string, delta: 1 | -1): ConversationCounts {
  const next = { ...counts, [c.status]: Math.max(0, counts[c.status] + delta) };
  if (c.status === 'open' && c.assignee?.id === me) next.mine = Math.max(0, next.mine + delta);
  return next;
}

/** Newest activity first, as the server pages them. */
export const byActivity = (a: Conversation, b: Conversation) =>
  b.lastMessageAt.localeCompare(a.lastMessageAt) || b.id.localeCompare(a.id);

const priorityRank = { low: 0, normal: 1, high: 2, urgent: 3 } as const;

/** The queue's order, as the server pages it: the most urgent first, then who has waited longest. */
export const byQueue = (a: Conversation, b: Conversation) =>
  priorityRank[b.priority ?? 'normal'] - priorityRank[a.priority ?? 'normal'] ||
  waitingSince(a).localeCompare(waitingSince(b)) ||
  a.id.localeCompare(b.id);

/** How a tab orders its conversations (the queue by urgency, the rest by activity). */
export const orderOf = (tab: InboxTab) => (tab === 'queued' ? byQueue : byActivity);

/** Since when the guest has been waiting for an answer: a new request since it came in, else its last activity. */
export function waitingSince(c: Conversation): string {
  return c.status === 'queued' && !c.firstResponseAt ? c.createdAt : c.lastMessageAt;
}
