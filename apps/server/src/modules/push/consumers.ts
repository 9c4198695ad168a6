import type { DomainEvent, DomainEventOf, PushPayload } from '@frontdesk/protocol';
import { and, eq, inArray, type SQL } from 'drizzle-orm';
import {
  conversationNotes,
  conversations,
  organizations,
  pushSubscriptions,
  stayGuests,
  teamMembers,
  teams,
  users,
  visitors,
} from '../../db/schema.js';
import type { AppContext } from '../../platform/context.js';
import type { DurableConsumer } from '../../platform/outbox/consumers.js';
import { sendPush } from './send.js';
import type { PushSubscriptionRow } from './service.js';

/** The longest body a notification shows: a push message's payload stays far below the 4 KB push services take. */
const BODY_CHARS = 140;

const preview = (text: string) => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > BODY_CHARS ? `${flat.slice(0, BODY_CHARS - 1)}…` : flat;
};

/** What one event pushes: to whose devices, saying what. */
interface Push {
  to: SQL | undefined;
  payload: PushPayload;
}

/** Active staff of the organization among `userIds`: a deactivated account's phone hears nothing more. */
async function activeStaff(ctx: AppContext, orgId: string, userIds: string[]): Promise<string[]> {
  if (!userIds.length) return [];
  const rows = await ctx.db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.orgId, orgId), inArray(users.id, userIds), eq(users.active, true)));
  return rows.map((r) => r.id);
}

const staffDevices = (userIds: string[]) => (userIds.length ? inArray(pushSubscriptions.userId, userIds) : undefined);

async function conversationOf(ctx: AppContext, orgId: string, id: string) {
  const [row] = await ctx.db
    .select({
      id: conversations.id,
      preview: conversations.preview,
      assigneeId: conversations.assigneeId,
      guestId: conversations.guestId,
      visitorId: conversations.visitorId,
      staffReadSeq: conversations.staffReadSeq,
      guestReadSeq: conversations.guestReadSeq,
      orgName: organizations.name,
      orgSlug: organizations.slug,
    })
    .from(conversations)
    .innerJoin(organizations, eq(organizations.id, conversations.orgId))
    .where(and(eq(conversations.id, id), eq(conversations.orgId, orgId)));
  return row;
}

const staffUrl = (conversationId: string) => `/app?conversation=${conversationId}`;

/** A new request went to a team: its members (to every agent and admin when it went to none). */
async function newRequest(ctx: AppContext, event: DomainEventOf<'conversation.routed'>): Promise<Push | null> {
  const orgId = event.orgId as string;
  const conversation = await conversationOf(ctx, orgId, event.data.conversationId);
  if (!conversation) return null;
  let userIds: string[];
  let title = 'New request';
  if (event.data.teamId) {
    const [team] = await ctx.db
      .select({ name: teams.name })
      .from(teams)
      .where(and(eq(teams.id, event.data.teamId), eq(teams.orgId, orgId)));
    const members = await ctx.db
      .select({ userId: teamMembers.userId })
      .from(teamMembers)
      .where(and(eq(teamMembers.teamId, event.data.teamId), eq(teamMembers.orgId, orgId)));
    userIds = await activeStaff(
      ctx,
      orgId,
      members.map((m) => m.userId),
    );
    if (team) title = `New request for ${team.name}`;
  } else {
    const desk = await ctx.db
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.orgId, orgId), eq(users.active, true), inArray(users.role, ['admin', 'agent'])));
    userIds = desk.map((u) => u.id);
  }
  return {
    to: staffDevices(userIds),
    payload: {
      title,
      body: preview(conversation.preview) || 'A guest is waiting for an answer.',
      url: staffUrl(conversation.id),
      tag: event.id,
      kind: 'request',
    },
  };
}

/**
 * A message in a conversation: the guest's goes to its assignee's devices; what staff wrote goes
 * to the guest's or customer's — unless its reader has read it by the time it is pushed. Only what a person wrote (no thread events); internal notes are no
 * messages at all (note.created), so they never reach a guest's device by this path.
 */
async function newMessage(ctx: AppContext, event: DomainEventOf<'message.created'>): Promise<Push | null> {
  const { sender, text } = event.data;
  if (event.data.event !== null || sender.type === 'system') return null;
  const orgId = event.orgId as string;
  const conversation = await conversationOf(ctx, orgId, event.data.conversationId);
  if (!conversation) return null;
  if (sender.type === 'staff') {
    // read already (the chat was open when it came): nothing to tell
    if (conversation.guestReadSeq >= event.data.seq) return null;
    const to = conversation.guestId
      ? eq(pushSubscriptions.guestId, conversation.guestId)
      : conversation.visitorId
        ? eq(pushSubscriptions.visitorId, conversation.visitorId)
        : undefined;
    return {
      to,
      payload: {
        title: conversation.orgName,
        body: preview(text) || '📎',
        url: conversation.guestId ? `/g/${encodeURIComponent(conversation.orgSlug)}` : '/',
        tag: event.id,
        kind: 'reply',
      },
    };
  }
  // the request's first message is pushed as the new request (conversation.routed), to its team;
  // one the desk has read already needs no push (the consumer may come to it after a take and a read)
  if (!conversation.assigneeId || event.data.seq === 1 || conversation.staffReadSeq >= event.data.seq) return null;
  const assignee = await activeStaff(ctx, orgId, [conversation.assigneeId]);
  return {
    to: staffDevices(assignee),
    payload: {
      title: sender.name ? `Message from ${sender.name}` : 'New message',
      body: preview(text) || '📎',
      url: staffUrl(conversation.id),
      tag: event.id,
      kind: 'message',
    },
  };
}

/** A note named a staff member: their devices, with the note (staff only, as the note is). */
async function mention(ctx: AppContext, event: DomainEventOf<'staff.mentioned'>): Promise<Push | null> {
  const orgId = event.orgId as string;
  const [note] = await ctx.db
    .select({ body: conversationNotes.body, authorName: conversationNotes.authorName })
    .from(conversationNotes)
    .where(and(eq(conversationNotes.id, event.data.noteId), eq(conversationNotes.orgId, orgId)));
  const to = await activeStaff(ctx, orgId, [event.data.userId]);
  return {
    to: staffDevices(to),
    payload: {
      title: note ? `${note.authorName} mentioned you` : 'You were mentioned',
      body: note ? preview(note.body) : '',
      url: staffUrl(event.data.conversationId),
      tag: event.id,
      kind: 'mention',
    },
  };
}

const alertTitles: Record<DomainEventOf<'alert.raised'>['data']['kind'], string> = {
  low_rating: 'Alert: a low rating',
  alarming_word: 'Alert: an alarming word in a chat',
  negative_mood: 'Alert: an unhappy guest',
  sla_breach: 'Alert: a request waits too long',
};

/** An alert: the admins and the duty manager it names (`notifiedUserIds`). */
async function alert(ctx: AppContext, event: DomainEventOf<'alert.raised'>): Promise<Push | null> {
  const orgId = event.orgId as string;
  const conversation = await conversationOf(ctx, orgId, event.data.conversationId);
  const to = await activeStaff(ctx, orgId, event.data.notifiedUserIds);
  return {
    to: staffDevices(to),
    payload: {
      title: alertTitles[event.data.kind],
      body: conversation ? preview(conversation.preview) : '',
      url: staffUrl(event.data.conversationId),
      tag: event.id,
      kind: 'alert',
    },
  };
}

async function pushOf(ctx: AppContext, event: DomainEvent): Promise<Push | null> {
  if (!event.orgId) return null;
  switch (event.type) {
    case 'conversation.routed':
      return newRequest(ctx, event);
    case 'message.created':
      return newMessage(ctx, event);
    case 'staff.mentioned':
      return mention(ctx, event);
    case 'alert.raised':
      return alert(ctx, event);
    default:
      return null;
  }
}

/**
 * Forgets the devices of people who may hear nothing more: a stay's guests once their access
 * ended, a person whose data was erased, staff deactivated or removed. True when the event was one
 * of those.
 */
async function forgetDevices(ctx: AppContext, event: DomainEvent): Promise<boolean> {
  const orgId = event.orgId as string;
  const guestsOf = (stayId: string) =>
    inArray(
      pushSubscriptions.guestId,
      ctx.db
        .select({ id: stayGuests.id })
        .from(stayGuests)
        .where(and(eq(stayGuests.stayId, stayId), eq(stayGuests.orgId, orgId))),
    );
  let gone: SQL | undefined;
  if (event.type === 'stay.guest_access_ended') gone = guestsOf(event.data.stayId);
  else if (event.type === 'person.erased')
    gone =
      event.data.subject === 'stay'
        ? guestsOf(event.data.subjectId)
        : event.data.subject === 'visitor'
          ? eq(pushSubscriptions.visitorId, event.data.subjectId)
          : inArray(
              pushSubscriptions.visitorId,
              ctx.db
                .select({ id: visitors.id })
                .from(visitors)
                .where(and(eq(visitors.customerId, event.data.subjectId), eq(visitors.orgId, orgId))),
            );
  else if (event.type === 'staff.deactivated' || event.type === 'staff.removed')
    gone = eq(pushSubscriptions.userId, event.data.userId);
  else return false;
  await ctx.db.delete(pushSubscriptions).where(and(eq(pushSubscriptions.orgId, orgId), gone));
  return true;
}

/**
 * Pushes one event to every device it concerns, all at once. A device whose push service is gone
 * (404/410) is deleted; one that fails otherwise is logged and counted, and the event is not
 * retried: a retry would hold every later push of the installation back behind one device's
 * broken push service (the consumer retries in order), and a notification an hour late is noise.
 * Handed over twice (at least once), an event pushes twice under one tag: the device shows it once.
 */
export async function pushEvent(ctx: AppContext, event: DomainEvent): Promise<number> {
  if (!event.orgId || (await forgetDevices(ctx, event))) return 0;
  const push = await pushOf(ctx, event);
  if (!push?.to) return 0;
  const devices: PushSubscriptionRow[] = await ctx.db
    .select()
    .from(pushSubscriptions)
    .where(and(eq(pushSubscriptions.orgId, event.orgId as string), push.to));
  const outcomes = await Promise.all(devices.map((device) => sendPush(ctx, device, push.payload)));
  return outcomes.filter((o) => o === 'sent').length;
}

/** The organizations among `orgIds` with a subscribed device: the others' events cost one query a batch. */
async function orgsWithDevices(ctx: AppContext, orgIds: string[]): Promise<Set<string>> {
  if (!orgIds.length) return new Set();
  const rows = await ctx.db
    .selectDistinct({ orgId: pushSubscriptions.orgId })
    .from(pushSubscriptions)
    .where(inArray(pushSubscriptions.orgId, orgIds));
  return new Set(rows.map((r) => r.orgId));
}

export const pushConsumers = (ctx: AppContext): DurableConsumer[] => [
  {
    name: 'push',
    types: [
      'conversation.routed',
      'message.created',
      'staff.mentioned',
      'alert.raised',
      'stay.guest_access_ended',
      'person.erased',
      'staff.deactivated',
      'staff.removed',
    ],
    async handle(event) {
      if (event.orgId && (await orgsWithDevices(ctx, [event.orgId])).size) await pushEvent(ctx, event);
    },
    // each event to each device is a call to its push service: a round's end well within the lease
    readAtMost: 100,
    async handleBatch(events) {
      const orgIds = [...new Set(events.map((e) => e.orgId).filter((id): id is string => !!id))];
      const subscribed = await orgsWithDevices(ctx, orgIds);
      for (const event of events) if (event.orgId && subscribed.has(event.orgId)) await pushEvent(ctx, event);
    },
  },
];
