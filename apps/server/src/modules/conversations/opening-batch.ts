import { type SQL, sql } from 'drizzle-orm';
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
import type { GuestActor } from '../../platform/actor.js';
import { type Routed, routedEventData, routeNewRequests } from '../routing/index.js';
import { groupCommitted, type Outcome } from './group-commit.js';
import type { ConversationRow, MessageRow } from './views.js';

/** A guest's or visitor's first message. */
export interface BatchedOpening {
  guest: GuestActor;
  senderKey: string;
  clientId: string;
  body: string;
  preview: string;
  /** The id of the request's `conversation.routed` event in the outbox. */
  eventId: string;
}

/** What opening wrote: the request, its first message, where it was routed, and what its view shows of the contact. */
export interface Opened {
  routed: Routed;
  message: MessageRow;
  conversation: ConversationRow;
  guestName: string | null;
  guestVip: boolean | null;
  visitorName: string | null;
  roomNumber: string | null;
  roomPriority: boolean | null;
}

/**
 * Writes the first message of a guest or visitor with no request open, queued or still reopenable:
 * with the node's other openings of the moment (group commit, as sends have it), or at once inside
 * the caller's transaction. A batch is two round trips: one query routes all its requests, then one
 * statement and one commit opens them. Null when the contact has such a request or their stay is
 * over: nothing was written and the caller's full transaction decides.
 *
 * A contact opens at most one request at a time: the statement's check that none is open sees
 * neither the rows it inserts itself nor those of a batch not yet committed, so a contact's second
 * opening waits for the batch with their first and then finds it and falls back.
 */
export const writeOpening = (db: Db, opening: BatchedOpening): Promise<Opened | null> =>
  openingGroup.write(db, opening);

const openingGroup = groupCommitted(writeOpeningBatch, { what: 'first messages', onePerSender: true });
/** The group of openings on `db`. */
export const openingGroupOf = openingGroup.of;

const statements = new WeakMap<Db, Map<'open', ReturnType<typeof buildOpeningBatch>>>();

export async function writeOpeningBatch(db: Db, batch: readonly BatchedOpening[]): Promise<Outcome<Opened>[]> {
  const statement = preparedOnce(statements, db, 'open', buildOpeningBatch);
  // where each request goes: one query for the batch, then the statement that opens them
  const routes = await routeNewRequests(
    db,
    batch.map((o) => ({ guest: o.guest, text: o.body })),
  );
  const openings = batch.map((o, idx) => {
    const routed = routes[idx] as Routed;
    // the event's data but its conversation id, which the statement adds
    const { conversationId: _unknownYet, ...routedData } = routedEventData('', routed);
    return {
      idx,
      kind: o.guest.kind,
      contact_id: o.guest.kind === 'guest' ? o.guest.guestId : o.guest.visitorId,
      org_id: o.guest.orgId,
      sender_key: o.senderKey,
      client_id: o.clientId,
      body: o.body,
      preview: o.preview,
      team_id: routed.teamId,
      priority: routed.priority,
      routed_by: routed.routedBy,
      event_id: o.eventId,
      routed_data: routedData,
    };
  });
  const rows = await statement.execute({ openings: JSON.stringify(openings), now: new Date().toISOString() });
  const opened: Outcome<Opened>[] = batch.map(() => null);
  for (const { idx, storedMessage, openedConversation, ...contact } of rows)
    opened[idx] = {
      routed: routes[idx] as Routed,
      message: fromJson(messages, storedMessage) as MessageRow,
      conversation: fromJson(conversations, openedConversation) as ConversationRow,
      ...contact,
    };
  return opened;
}

/**
 * The batch's statement. Each opening inserts its request already numbered to its first message
 * (queued, routed, awaiting a reply), then the message, then the request's `conversation.routed` in
 * the outbox — only for a contact with no request open, queued or resolved recently enough to
 * reopen, and a guest only while their stay lasts. Contacts are distinct within a batch (see
 * `writeOpening`), so a request finds its opening by its contact.
 */
function buildOpeningBatch(db: Db) {
  const p = (name: string) => sql.placeholder(name);
  const now = sql`${p('now')}::timestamptz`;
  const cte = (name: string, query: SQL) => db.$with(name, { id: sql<string>`id` }).as(query);
  const input = cte(
    'input',
    sql`select * from jsonb_to_recordset(${p('openings')}::jsonb) as i(
          idx int, kind text, contact_id uuid, org_id uuid, sender_key text, client_id text, body text,
          preview text, team_id uuid, priority text, routed_by jsonb, event_id uuid, routed_data jsonb)`,
  );
  const contact = cte(
    'contact',
    sql`select i.*, g.name, g.name as guest_name, g.vip as guest_vip, null::text as visitor_name,
               s.id as stay_id, r.number as room_number, r.priority as room_priority, o.reopen_minutes
        from ${input} i join ${stayGuests} g on g.id = i.contact_id join ${stays} s on s.id = g.stay_id
             join ${rooms} r on r.id = s.room_id join ${organizations} o on o.id = g.org_id
        where i.kind = 'guest' and s.ended_at is null and s.check_out_at > ${now}
        union all
        select i.*, v.name, null::text, null::boolean, v.name, null::uuid, null::text, null::boolean, o.reopen_minutes
        from ${input} i join ${visitors} v on v.id = i.contact_id join ${organizations} o on o.id = v.org_id
        where i.kind = 'visitor'`,
  );
  // only for a contact with no request open, queued, or resolved recently enough to reopen
  const openNone = (column: string) =>
    sql`not exists (
          select 1 from ${conversations} x
          where c.kind = ${column === 'guest_id' ? 'guest' : 'visitor'} and x.${sql.raw(column)} = c.contact_id
            and (x.status <> 'resolved' or x.resolved_at >= ${now} - make_interval(mins => c.reopen_minutes)))`;
  const opened = cte(
    'opened',
    sql`insert into ${conversations}
          (org_id, stay_id, guest_id, visitor_id, status, last_seq, last_message_at, preview, staff_unread,
           guest_delivered_seq, guest_read_seq, team_id, priority, routed_by, awaiting_since)
        select c.org_id, c.stay_id, case when c.kind = 'guest' then c.contact_id end,
               case when c.kind = 'visitor' then c.contact_id end, 'queued', 1, ${now}, c.preview, 1, 1, 1,
               c.team_id, c.priority, c.routed_by, ${now}
        from ${contact} c
        where ${openNone('guest_id')} and ${openNone('visitor_id')}
        returning *`,
  );
  const opening = cte(
    'opening',
    sql`select c.*, o.id as conversation_id, to_jsonb(o) as opened_conversation
        from ${opened} o join ${contact} c on c.contact_id = coalesce(o.guest_id, o.visitor_id)`,
  );
  const inserted = cte(
    'inserted',
    sql`insert into ${messages}
          (org_id, conversation_id, seq, sender_type, sender_id, sender_name, sender_key, client_id, body, created_at)
        select o.org_id, o.conversation_id, 1, o.kind, o.contact_id, o.name, o.sender_key, o.client_id, o.body, ${now}
        from ${opening} o
        returning *`,
  );
  // the outbox rows of `conversation.routed`, written by the statement that opens the requests
  const routedEvent = cte(
    'routed_event',
    sql`insert into ${domainEvents} (id, type, version, org_id, stream, occurred_at, data)
        select o.event_id, 'conversation.routed', 1, o.org_id, 'conversation:' || o.conversation_id, ${now},
               jsonb_build_object('conversationId', o.conversation_id) || o.routed_data
        from ${opening} o
        returning id`,
  );
  return db
    .with(input, contact, opened, opening, inserted, routedEvent)
    .select({
      idx: sql<number>`idx`.as('idx'),
      storedMessage: sql<Record<string, unknown>>`(select to_jsonb(m) from ${inserted} m
        where m.conversation_id = ${opening}.conversation_id)`.as('stored_message'),
      openedConversation: sql<Record<string, unknown>>`opened_conversation`.as('opened_conversation'),
      guestName: sql<string | null>`guest_name`.as('guest_name'),
      guestVip: sql<boolean | null>`guest_vip`.as('guest_vip'),
      visitorName: sql<string | null>`visitor_name`.as('visitor_name'),
      roomNumber: sql<string | null>`room_number`.as('room_number'),
      roomPriority: sql<boolean | null>`room_priority`.as('room_priority'),
    })
    .from(opening)
    .prepare('frontdesk_open_batch');
}
