import { randomUUID } from 'node:crypto';
import type { DomainEvent } from '@frontdesk/protocol';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { fromJson } from '../../db/json-rows.js';
import { preparedOnce } from '../../db/prepared.js';
import {
  conversations,
  domainEvents,
  messages,
  organizations,
  rooms,
  stayGuests,
  stays,
  visitors,
} from '../../db/schema.js';
import { type GuestActor, type StaffActor, seesEveryConversation } from '../../platform/actor.js';
import { type Routed, routedEventData } from '../routing/index.js';
import { previewOf } from './append.js';
import { writeSend } from './group-commit.js';
import type { ConversationRow, ConversationView, MessageRow } from './views.js';

export interface Stored {
  message: MessageRow;
  conversation: ConversationRow;
  view: ConversationView;
  /** Domain events the statement wrote to the outbox, for this node's listeners once it committed. */
  events?: DomainEvent[];
}

/**
 * The common send — a guest writing to their current request, staff answering one they (or a
 * colleague) already took — written by group commit (group-commit.ts) with the node's other sends
 * of the moment: one statement locks the conversations, bumps their sequence numbers, inserts the
 * messages and reads back the views that the acks and the fan-out show. On this kind of machine the
 * round trips, the commits and the building of queries, not the SQL itself, were what a send cost
 * (bench/README.md).
 *
 * Returns null when the common case does not hold — the guest's first message, a resolved request,
 * a queued one that a staff reply takes, a stay that has ended, a client id stored already — and the
 * caller then runs the full transaction, which decides and explains. Nothing was written in that case.
 */
export async function sendAsGuestInOneStatement(
  db: Db,
  guest: GuestActor,
  input: { conversationId?: string; clientId: string; text: string },
  senderKey: string,
): Promise<Stored | null> {
  return writeSend(db, {
    senderType: guest.kind,
    contactId: guest.kind === 'guest' ? guest.guestId : guest.visitorId,
    conversationId: input.conversationId ?? null,
    orgId: null,
    teamIds: null,
    senderName: null,
    senderKey,
    clientId: input.clientId,
    body: input.text,
    preview: previewOf(input.text),
  });
}

export async function sendAsStaffInOneStatement(
  db: Db,
  actor: StaffActor,
  input: { conversationId: string; clientId: string; text: string },
  senderKey: string,
): Promise<Stored | null> {
  if (!actor.orgId || (actor.role !== 'admin' && actor.role !== 'agent')) return null;
  // an agent under team visibility writes only where they see: one more condition, no more queries
  return writeSend(db, {
    senderType: 'staff',
    contactId: actor.userId,
    conversationId: input.conversationId,
    orgId: actor.orgId,
    teamIds: seesEveryConversation(actor) ? null : actor.teamIds,
    senderName: actor.name,
    senderKey,
    clientId: input.clientId,
    body: input.text,
    preview: previewOf(input.text),
  });
}

/**
 * A guest's first message — or the first after their last request was resolved and its reopen
 * window passed — opens a new conversation, in one statement too: it inserts the conversation
 * already numbered to its first message, then the message. Null when the guest has a request
 * that is open, queued or still reopenable, or their stay is over (the full transaction decides).
 * First messages come in bursts (a hotel's evening, a storm day), which is when round trips hurt.
 *
 * The request opens already routed (`routed`: its team, priority and why), and the same statement
 * records `conversation.routed` in the outbox.
 */
export async function openAsGuestInOneStatement(
  db: Db,
  guest: GuestActor,
  input: { clientId: string; text: string },
  senderKey: string,
  routed: Routed,
): Promise<Stored | null> {
  // the event's data but its conversation id, which the statement adds
  const { conversationId: _unknownYet, ...routedData } = routedEventData('', routed);
  const eventId = randomUUID();
  const now = new Date().toISOString();
  const [row] = await preparedOnce(opening, db, guest.kind, buildOpening).execute({
    contactId: guest.kind === 'guest' ? guest.guestId : guest.visitorId,
    orgId: guest.orgId,
    senderKey,
    clientId: input.clientId,
    body: input.text,
    preview: previewOf(input.text),
    now,
    teamId: routed.teamId,
    priority: routed.priority,
    routedBy: JSON.stringify(routed.routedBy),
    eventId,
    routedData: JSON.stringify(routedData),
  });
  if (!row) return null;
  const conversation = fromJson(conversations, row.openedConversation) as ConversationRow;
  // every field of a view, as loadConversationViews would read it for a conversation nobody took
  const view: ConversationView = {
    c: conversation,
    guestName: row.guestName,
    guestVip: row.guestVip,
    visitorName: row.visitorName,
    roomNumber: row.roomNumber,
    roomPriority: row.roomPriority,
    assigneeName: null,
    assigneeMotto: null,
    assigneePhotoFileId: null,
    teamName: routed.teamName,
    // a request just opened carries no tags yet
    tags: [],
  };
  const routedEvent: DomainEvent = {
    id: eventId,
    type: 'conversation.routed',
    version: 1,
    orgId: conversation.orgId,
    stream: `conversation:${conversation.id}`,
    occurredAt: now,
    data: routedEventData(conversation.id, routed),
  };
  return {
    message: fromJson(messages, row.storedMessage) as MessageRow,
    conversation,
    view,
    events: [routedEvent],
  };
}

function buildOpening(db: Db, kind: GuestActor['kind']) {
  const now = sql`${p('now')}::timestamptz`;
  const contact = db.$with('contact', { name: sql<string | null>`name` }).as(
    kind === 'guest'
      ? sql`select g.name, g.name as guest_name, g.vip as guest_vip, null::text as visitor_name, s.id as stay_id,
                   r.number as room_number, r.priority as room_priority, o.reopen_minutes
            from ${stayGuests} g join ${stays} s on s.id = g.stay_id join ${rooms} r on r.id = s.room_id
                 join ${organizations} o on o.id = g.org_id
            where g.id = ${p('contactId')} and s.ended_at is null and s.check_out_at > ${now}`
      : sql`select v.name, null::text as guest_name, null::boolean as guest_vip, v.name as visitor_name,
                   null::uuid as stay_id, null::text as room_number, null::boolean as room_priority, o.reopen_minutes
            from ${visitors} v join ${organizations} o on o.id = v.org_id
            where v.id = ${p('contactId')}`,
  );
  const own = kind === 'guest' ? sql.raw('guest_id') : sql.raw('visitor_id');
  // only when no request of theirs is open, queued, or resolved recently enough to reopen
  const opened = db.$with('opened', { id: sql<string>`id` }).as(
    sql`insert into ${conversations}
          (org_id, stay_id, ${own}, status, last_seq, last_message_at, preview, staff_unread,
           guest_delivered_seq, guest_read_seq, team_id, priority, routed_by, awaiting_since)
        select ${p('orgId')}, c.stay_id, ${p('contactId')}, 'queued', 1, ${now}, ${p('preview')}, 1, 1, 1,
               ${p('teamId')}::uuid, ${p('priority')}, ${p('routedBy')}::jsonb, ${now}
        from ${contact} c
        where not exists (
          select 1 from ${conversations} x
          where x.${own} = ${p('contactId')}
            and (x.status <> 'resolved' or x.resolved_at >= ${now} - make_interval(mins => c.reopen_minutes)))
        returning *`,
  );
  const inserted = db.$with('inserted', { id: sql<string>`id` }).as(
    sql`insert into ${messages}
          (org_id, conversation_id, seq, sender_type, sender_id, sender_name, sender_key, client_id, body, created_at)
        select o.org_id, o.id, 1, ${kind}, ${p('contactId')}, (select name from ${contact}),
               ${p('senderKey')}, ${p('clientId')}, ${p('body')}, ${now}
        from ${opened} o
        returning *`,
  );
  // the outbox row of `conversation.routed`, written by the statement that opens the request
  const routedEvent = db.$with('routed_event', { id: sql<string>`id` }).as(
    sql`insert into ${domainEvents} (id, type, version, org_id, stream, occurred_at, data)
        select ${p('eventId')}::uuid, 'conversation.routed', 1, o.org_id, 'conversation:' || o.id, ${now},
               jsonb_build_object('conversationId', o.id) || ${p('routedData')}::jsonb
        from ${opened} o
        returning id`,
  );
  return db
    .with(contact, opened, inserted, routedEvent)
    .select({
      storedMessage: sql<Record<string, unknown>>`(select to_jsonb(i) from ${inserted} i)`.as('stored_message'),
      openedConversation: sql<Record<string, unknown>>`(select to_jsonb(o) from ${opened} o)`.as('opened_conversation'),
      guestName: sql<string | null>`guest_name`.as('guest_name'),
      guestVip: sql<boolean | null>`guest_vip`.as('guest_vip'),
      visitorName: sql<string | null>`visitor_name`.as('visitor_name'),
      roomNumber: sql<string | null>`room_number`.as('room_number'),
      roomPriority: sql<boolean | null>`room_priority`.as('room_priority'),
    })
    .from(contact)
    .where(sql`exists (select 1 from ${inserted})`)
    .prepare(`frontdesk_open_${kind}`);
}

type Opening = ReturnType<typeof buildOpening>;
const opening = new WeakMap<Db, Map<GuestActor['kind'], Opening>>();

const p = (name: string) => sql.placeholder(name);
