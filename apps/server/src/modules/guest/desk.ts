import type { DeskStatus } from '@frontdesk/protocol';
import { and, desc, eq, ne, sql } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { conversations, organizations } from '../../db/schema.js';
import type { GuestActor } from '../../platform/actor.js';
import { deskStatus } from '../teams/index.js';

/**
 * Whether the desk that answers this guest is open at `now`: the team of their unresolved request,
 * or, with none (or one routed to no team), the organization's default team — where their next
 * first message is most likely to go. Closed, it says until when and what to tell them; they can
 * write all the same, and their message waits in the queue.
 */
export async function guestDesk(
  db: Db,
  guest: GuestActor,
  language: string | null,
  now = new Date(),
): Promise<DeskStatus> {
  const own =
    guest.kind === 'guest' ? eq(conversations.guestId, guest.guestId) : eq(conversations.visitorId, guest.visitorId);
  const requestTeam = db
    .select({ teamId: conversations.teamId })
    .from(conversations)
    .where(and(own, ne(conversations.status, 'resolved')))
    .orderBy(desc(conversations.lastMessageAt))
    .limit(1);
  const defaultTeam = db
    .select({ id: organizations.defaultTeamId })
    .from(organizations)
    .where(eq(organizations.id, guest.orgId));
  return deskStatus(db, guest.orgId, sql<string | null>`coalesce((${requestTeam}), (${defaultTeam}))`, language, now);
}
