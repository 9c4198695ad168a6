import { and, desc, eq, getTableColumns, ne, type SQL, sql, type Table } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { conversations, messages, stayGuests, stays, visitors } from '../../db/schema.js';
import type { GuestActor, StaffActor } from '../../platform/actor.js';
import { bumpFor } from './append.js';
import type { ConversationRow, ConversationView, MessageRow } from './views.js';
import { selectViews } from './views.js';

export interface Stored {
  message: MessageRow;
  conversation: ConversationRow;
  view: ConversationView;
}

/**
 * The common send — a guest writing to their current request, staff answering one they (or a
 * colleague) already took — as one SQL statement instead of a transaction of six round trips:
 * it locks the conversation, bumps its sequence number, inserts the message and reads back the
 * view that the ack and the fan-out show. On this kind of machine the round trips, not the SQL,
 * are what a send costs (bench/README.md).
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
  const now = new Date();
  // who is writing, while their stay lets them (the rule of guestAccess: not ended, not past check-out)
  const contact = db.$with('contact', { name: sql<string | null>`name` }).as(
    guest.kind === 'guest'
      ? sql`select g.name from ${stayGuests} g join ${stays} s on s.id = g.stay_id
            where g.id = ${guest.guestId} and s.ended_at is null and s.check_out_at > ${now.toISOString()}::timestamptz`
      : sql`select v.name from ${visitors} v where v.id = ${guest.visitorId}`,
  );
  const own =
    guest.kind === 'guest' ? eq(conversations.guestId, guest.guestId) : eq(conversations.visitorId, guest.visitorId);
  const latest = and(
    own,
    input.conversationId ? eq(conversations.id, input.conversationId) : undefined,
    sql`exists (select 1 from ${contact})`,
  );
  return sendInOneStatement(db, {
    contact,
    target: latest,
    notWhen: 'resolved',
    message: {
      senderType: guest.kind,
      senderId: guest.kind === 'guest' ? guest.guestId : guest.visitorId,
      senderName: sql`(select name from ${contact})`,
      senderKey,
      clientId: input.clientId,
      body: input.text,
    },
    now,
  });
}

export async function sendAsStaffInOneStatement(
  db: Db,
  actor: StaffActor,
  input: { conversationId: string; clientId: string; text: string },
  senderKey: string,
): Promise<Stored | null> {
  if (!actor.orgId || (actor.role !== 'admin' && actor.role !== 'agent')) return null;
  return sendInOneStatement(db, {
    target: and(eq(conversations.id, input.conversationId), eq(conversations.orgId, actor.orgId)),
    notWhen: 'queued',
    message: {
      senderType: 'staff',
      senderId: actor.userId,
      senderName: sql`${actor.name}::text`,
      senderKey,
      clientId: input.clientId,
      body: input.text,
    },
    now: new Date(),
  });
}

interface Plan {
  contact?: ReturnType<ReturnType<Db['$with']>['as']>;
  /** Which conversation: the latest one matching this is locked. */
  target: SQL | undefined;
  /** The status in which the full transaction must decide instead. */
  notWhen: 'resolved' | 'queued';
  message: {
    senderType: 'guest' | 'visitor' | 'staff';
    senderId: string;
    senderName: SQL;
    senderKey: string;
    clientId: string;
    body: string;
  };
  now: Date;
}

async function sendInOneStatement(db: Db, plan: Plan): Promise<Stored | null> {
  const { message: m, now } = plan;
  const locked = db
    .$with('locked')
    .as(
      db
        .select({ id: conversations.id })
        .from(conversations)
        .where(plan.target)
        .orderBy(desc(conversations.lastMessageAt), desc(conversations.id))
        .limit(1)
        .for('update'),
    );
  const bumped = db.$with('bumped', { id: sql<string>`id` }).as(
    // the builder's SQL itself: embedded as a builder it would be parenthesised, which an UPDATE cannot be
    db
      .update(conversations)
      .set(bumpFor(m.senderType, m.body, now))
      .where(and(sql`${conversations.id} = (select id from ${locked})`, ne(conversations.status, plan.notWhen)))
      .returning()
      .getSQL(),
  );
  const inserted = db.$with('inserted', { conversationId: sql<string>`conversation_id` }).as(
    sql`insert into ${messages}
          (org_id, conversation_id, seq, sender_type, sender_id, sender_name, sender_key, client_id, body, created_at)
        select b.org_id, b.id, b.last_seq, ${m.senderType}, ${m.senderId}, ${m.senderName}, ${m.senderKey},
               ${m.clientId}, ${m.body}, ${now.toISOString()}::timestamptz
        from ${bumped} b
        returning *`,
  );
  const ctes = plan.contact ? [plan.contact, locked, bumped, inserted] : [locked, bumped, inserted];
  // the view's joins read the snapshot from before this statement: right for contact, room and
  // assignee, which a send does not change; the conversation itself comes from the update
  const [row] = await selectViews(db.with(...ctes), {
    storedMessage: sql<Record<string, unknown>>`(select to_jsonb(i) from ${inserted} i)`.as('stored_message'),
    bumpedConversation: sql<Record<string, unknown>>`(select to_jsonb(b) from ${bumped} b)`.as('bumped_conversation'),
  }).where(sql`${conversations.id} = (select conversation_id from ${inserted})`);
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
