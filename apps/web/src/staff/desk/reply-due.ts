import type { Conversation, Team } from '../types';

/**
 * When the desk's reply is due by the team's targets: the guest's wait (`awaitingSince`) plus the
 * first-response target while the request has had no reply, the next-response one after. Null when
 * nobody waits for a reply, or the team has no such target.
 */
export function replyDueAt(c: Conversation, sla: Team['sla'] | undefined): number | null {
  if (!c.awaitingSince || !sla || c.status === 'resolved') return null;
  const minutes = c.firstResponseAt ? sla.nextResponseMinutes : sla.firstResponseMinutes;
  return minutes === null ? null : new Date(c.awaitingSince).getTime() + minutes * 60_000;
}
