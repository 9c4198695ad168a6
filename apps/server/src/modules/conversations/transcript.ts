import { and, eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { Db } from '../../db/connection.js';
import { rooms, stays } from '../../db/schema.js';
import { actorOrgId, type StaffActor } from '../../platform/actor.js';
import type { ServiceContext } from '../../platform/service-context.js';
import { loadOrganization } from '../organizations/index.js';
import { getForStaff, history, stayConversations } from './queries.js';
import type { ConversationView } from './views.js';

/** One line of a transcript: when, who (a staff member's name, "Guest", "Visitor" or none for an event), what. */
export interface TranscriptLine {
  at: Date;
  author: string | null;
  text: string;
  attachments: string[];
}

export interface TranscriptRequest {
  id: string;
  contact: string;
  room: string | null;
  status: string;
  openedAt: Date;
  lines: TranscriptLine[];
}

/** What a transcript file shows: whose, on which clock, and the requests in the order they were opened. */
export interface Transcript {
  organization: string;
  timezone: string;
  /** "Request …" or "Stay in room 214, …": the file's title. */
  title: string;
  requests: TranscriptRequest[];
}

const PAGE = 500;

const localDay = (at: Date, timezone: string) => DateTime.fromJSDate(at).setZone(timezone).toISODate();

const authorOf = (m: { senderType: string; senderName: string | null }) =>
  m.senderType === 'staff'
    ? (m.senderName ?? 'Staff')
    : m.senderType === 'guest'
      ? 'Guest'
      : m.senderType === 'visitor'
        ? 'Visitor'
        : null;

/** A request's messages in order, read a page at a time (internal notes live apart and are never read). */
async function requestOf(db: Db, view: ConversationView): Promise<TranscriptRequest> {
  const lines: TranscriptLine[] = [];
  for (let after = 0, more = true; more; ) {
    const page = await history(db, view.c.id, { after, limit: PAGE });
    for (const m of page.messages) {
      lines.push({
        at: m.createdAt,
        author: authorOf(m),
        text: m.body,
        attachments: (m.attachments ?? []).map((a) => a.name),
      });
      after = m.seq;
    }
    more = page.hasMore;
  }
  return {
    id: view.c.id,
    contact: (view.c.visitorId ? view.visitorName : view.guestName) ?? (view.c.visitorId ? 'Visitor' : 'Guest'),
    room: view.roomNumber ?? null,
    status: view.c.status,
    openedAt: view.c.createdAt,
    lines,
  };
}

/** One request's transcript, for staff who may see the request (anyone else: not found). */
export async function conversationTranscript(ctx: ServiceContext<StaffActor>, id: string): Promise<Transcript> {
  const view = await getForStaff(ctx, id);
  const org = await loadOrganization(ctx.db, view.c.orgId);
  return {
    organization: org.name,
    timezone: org.timezone,
    title: `Request ${id}`,
    requests: [await requestOf(ctx.db, view)],
  };
}

/**
 * A stay's whole history for the guest who asks for it: every request of the stay the reader may see,
 * oldest first, in one transcript.
 */
export async function stayTranscript(ctx: ServiceContext<StaffActor>, stayId: string): Promise<Transcript> {
  const views = await stayConversations(ctx, stayId);
  const orgId = actorOrgId(ctx.actor);
  const [stay] = await ctx.db
    .select({ room: rooms.number, checkInAt: stays.checkInAt, checkOutAt: stays.checkOutAt })
    .from(stays)
    .innerJoin(rooms, eq(rooms.id, stays.roomId))
    .where(and(eq(stays.id, stayId), eq(stays.orgId, orgId)));
  const org = await loadOrganization(ctx.db, orgId);
  const requests: TranscriptRequest[] = [];
  for (const view of [...views].sort((a, b) => a.c.createdAt.getTime() - b.c.createdAt.getTime())) {
    requests.push(await requestOf(ctx.db, view));
  }
  return {
    organization: org.name,
    timezone: org.timezone,
    title: stay
      ? `Stay in room ${stay.room}, ${localDay(stay.checkInAt, org.timezone)} to ${localDay(stay.checkOutAt, org.timezone)}`
      : 'Stay',
    requests,
  };
}
