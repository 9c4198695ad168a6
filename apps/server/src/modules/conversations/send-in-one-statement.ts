import { randomUUID } from 'node:crypto';
import type { DomainEvent } from '@frontdesk/protocol';
import { and, desc, eq, getTableColumns, isNull, ne, sql, type Table } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
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
import { bumpFor, previewOf } from './append.js';
import type { ConversationRow, ConversationView, MessageRow } from './views.js';
import { selectViews } from './views.js';

export interface Stored {
  message: MessageRow;
  conversation: ConversationRow;
  view: ConversationView;
  /** Domain events the statement wrote to the outbox, for this node's listeners once it committed. */
  events?: DomainEvent[];
}

/**
 * The common send — a guest writing to their current request, staff answering one they (or a
 * colleague) already took — as one prepared SQL statement instead of a transaction of six round
 * trips: it locks the conversation, bumps its sequence number, inserts the message and reads back
 * the view that the ack and the fan-out show. On this kind of machine the round trips and the
 * building of queries, not the SQL itself, were what a send cost (bench/README.md).
 *
 * Returns null when the common case does not hold — the guest's first message, a resolved request,
 * a queued one that a staff reply takes, a stay that has ended — and the caller then runs the full
 * transaction, which decides and explains. Nothing was written in that case.
 */
export async function sendAsGuestInOneStatement(
  db: Db,
  guest: GuestActor,
  input: { conversationId?: string; clientId: string; text: string },
  senderKey: string,
): Promise<Stored | null> {
  const variant = `${guest.kind}${input.conversationId ? '_to' : ''}` as const;
  return run(db, variant, {
    contactId: guest.kind === 'guest' ? guest.guestId : guest.visitorId,
    conversationId: input.conversationId ?? null,
    senderName: null,
    senderKey,
    clientId: input.clientId,
    body: input.text,
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
  const everything = seesEveryConversation(actor);
  return run(db, everything ? 'staff' : 'staff_team', {
    contactId: actor.userId,
    orgId: actor.orgId,
    teamIds: everything ? undefined : `{${actor.teamIds.join(',')}}`,
    conversationId: input.conversationId,
    senderName: actor.name,
    senderKey,
    clientId: input.clientId,
    body: input.text,
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

type Variant = 'guest' | 'guest_to' | 'visitor' | 'visitor_to' | 'staff' | 'staff_team';

const p = (name: string) => sql.placeholder(name);

/**
 * The statement of one variant, built once per database with placeholders for everything that
 * changes from send to send; PostgreSQL then parses and plans it once per connection too.
 */
function build(db: Db, variant: Variant) {
  const now = sql`${p('now')}::timestamptz`;
  const senderType = variant.startsWith('staff') ? 'staff' : variant.startsWith('guest') ? 'guest' : 'visitor';
  // who is writing, while their stay lets them (guestAccess's rule: not ended, not past check-out)
  const contact = db.$with('contact', { name: sql<string | null>`name` }).as(
    senderType === 'guest'
      ? sql`select g.name from ${stayGuests} g join ${stays} s on s.id = g.stay_id
            where g.id = ${p('contactId')} and s.ended_at is null and s.check_out_at > ${now}`
      : senderType === 'visitor'
        ? sql`select v.name from ${visitors} v where v.id = ${p('contactId')}`
        : sql`select ${p('senderName')}::text as name`,
  );
  const target =
    senderType === 'staff'
      ? and(
          eq(conversations.id, p('conversationId')),
          eq(conversations.orgId, p('orgId')),
          // team visibility (conversationPolicy.staffSees): no team, one of theirs, or their own
          variant === 'staff_team'
            ? sql`(${conversations.teamId} is null or ${conversations.teamId} = any(${p('teamIds')}::uuid[])
                   or ${conversations.assigneeId} = ${p('contactId')})`
            : undefined,
        )
      : and(
          eq(senderType === 'guest' ? conversations.guestId : conversations.visitorId, p('contactId')),
          variant.endsWith('_to') ? eq(conversations.id, p('conversationId')) : undefined,
          // their unresolved request: a resolved one (even a later one) is for the transaction to weigh
          ne(conversations.status, 'resolved'),
          sql`exists (select 1 from ${contact})`,
        );
  // the latest such conversation, locked; the bump checks its status (staff taking a queued one is for the transaction)
  const locked = db
    .$with('locked')
    .as(
      db
        .select({ id: conversations.id })
        .from(conversations)
        .where(target)
        .orderBy(desc(conversations.lastMessageAt), desc(conversations.id))
        .limit(1)
        .for('update'),
    );
  const bumped = db.$with('bumped', { id: sql<string>`id` }).as(
    // the builder's SQL itself: embedded as a builder it would be parenthesised, which an UPDATE cannot be
    db
      .update(conversations)
      .set(bumpFor(senderType, sql`${p('preview')}`, now))
      .where(
        and(
          sql`${conversations.id} = (select id from ${locked})`,
          ne(conversations.status, senderType === 'staff' ? 'queued' : 'resolved'),
          // a request merged into another takes no more messages (its row says where they go)
          senderType === 'staff' ? isNull(conversations.mergedIntoId) : undefined,
        ),
      )
      .returning()
      .getSQL(),
  );
  const inserted = db.$with('inserted', { conversationId: sql<string>`conversation_id` }).as(
    sql`insert into ${messages}
          (org_id, conversation_id, seq, sender_type, sender_id, sender_name, sender_key, client_id, body, created_at)
        select b.org_id, b.id, b.last_seq, ${senderType}, ${p('contactId')}, (select name from ${contact}),
               ${p('senderKey')}, ${p('clientId')}, ${p('body')}, ${now}
        from ${bumped} b
        returning *`,
  );
  // the view's joins read the snapshot from before this statement: right for contact, room and
  // assignee, which a send does not change; the conversation itself comes from the update
  return selectViews(db.with(contact, locked, bumped, inserted), {
    storedMessage: sql<Record<string, unknown>>`(select to_jsonb(i) from ${inserted} i)`.as('stored_message'),
    bumpedConversation: sql<Record<string, unknown>>`(select to_jsonb(b) from ${bumped} b)`.as('bumped_conversation'),
  })
    .where(sql`${conversations.id} = (select conversation_id from ${inserted})`)
    .prepare(`frontdesk_send_${variant}`);
}

type Prepared = ReturnType<typeof build>;
const prepared = new WeakMap<Db, Map<Variant, Prepared>>();

async function run(
  db: Db,
  variant: Variant,
  values: {
    contactId: string;
    orgId?: string;
    /** The agent's teams as an array literal (`staff_team` only). */
    teamIds?: string;
    conversationId: string | null;
    senderName: string | null;
    senderKey: string;
    clientId: string;
    body: string;
  },
): Promise<Stored | null> {
  const [row] = await preparedOnce(prepared, db, variant, build).execute({
    ...values,
    now: new Date().toISOString(),
    preview: previewOf(values.body),
  });
  if (!row) return null;
  const { storedMessage, bumpedConversation, ...view } = row;
  const conversation = fromJson(conversations, bumpedConversation) as ConversationRow;
  return {
    message: fromJson(messages, storedMessage) as MessageRow,
    conversation,
    view: { ...view, c: conversation },
  };
}

/** A row that came back as `to_jsonb(row)` (snake_case keys, timestamps as text) as Drizzle would map it. */
function fromJson(table: Table, json: Record<string, unknown>): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(getTableColumns(table))) {
    const value = json[column.name];
    row[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
  }
  return row;
}

/** A statement built (and prepared) once per database and variant, then reused. */
function preparedOnce<K, S>(cache: WeakMap<Db, Map<K, S>>, db: Db, variant: K, build: (db: Db, variant: K) => S): S {
  const ofDb = cache.get(db) ?? new Map<K, S>();
  cache.set(db, ofDb);
  let statement = ofDb.get(variant);
  if (!statement) {
    statement = build(db, variant);
    ofDb.set(variant, statement);
  }
  return statement;
}
