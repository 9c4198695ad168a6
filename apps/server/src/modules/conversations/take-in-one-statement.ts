import { randomUUID } from 'node:crypto';
import type { DomainEventOf } from '@frontdesk/protocol';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { fromJson } from '../../db/json-rows.js';
import { preparedOnce } from '../../db/prepared.js';
import { conversations, domainEvents, messages, users } from '../../db/schema.js';
import { type StaffActor, seesEveryConversation } from '../../platform/actor.js';
import { groupCommitted, type Outcome } from './group-commit.js';
import { type ConversationRow, type ConversationView, type MessageRow, selectViewDetails } from './views.js';

export interface Taken {
  conversation: ConversationRow;
  message: MessageRow;
  event: DomainEventOf<'conversation.taken'>;
  /** The request as the take left it, for the answer and the fan-out. */
  view: ConversationView;
}

/** One take of a queued request, as the batch's statement gets it. */
interface BatchedTake {
  /** The staff member's: their takes go out in their order. */
  senderKey: string;
  conversationId: string;
  orgId: string;
  userId: string;
  name: string;
  seesAll: boolean;
  teamIds: readonly string[];
  eventId: string;
  now: string;
}

/**
 * The common take — a request still queued, in the caller's organization and within what they see —
 * in one statement: it marks the request theirs, appends the "took the request" line numbered after
 * the thread's last message, records `conversation.taken` in the outbox, and reads back the view the
 * answer and the fan-out show. One round trip and one commit instead of a transaction of six (begin,
 * lock, update, message, event, commit) and a load: at 10,000 guests a take was half of the
 * statements a request cost (bench/README.md). The takes of one moment go together, by group commit
 * (group-commit.ts), as sends do.
 *
 * Null when the common case does not hold — taken meanwhile (the update waits for a racing take's
 * lock and then finds it no longer queued; of two takes of one request in one batch, the first wins),
 * theirs already, hidden from them, merged, not there — and nothing was written: the caller then
 * runs the full transaction, which decides and explains.
 */
export async function takeInOneStatement(db: Db, actor: StaffActor, id: string): Promise<Taken | null> {
  if (!actor.orgId) return null;
  const take: BatchedTake = {
    senderKey: `staff:${actor.userId}`,
    conversationId: id,
    orgId: actor.orgId,
    userId: actor.userId,
    name: actor.name,
    seesAll: seesEveryConversation(actor),
    teamIds: actor.teamIds,
    eventId: randomUUID(),
    now: new Date().toISOString(),
  };
  return takeGroup.write(db, take);
}

const takeGroup = groupCommitted(writeTakeBatch, { what: 'takes' });
/** The group of takes on `db`. */
export const takeGroupOf = takeGroup.of;

const statements = new WeakMap<Db, Map<'take', ReturnType<typeof build>>>();

async function writeTakeBatch(db: Db, batch: readonly BatchedTake[]): Promise<Outcome<Taken>[]> {
  const statement = preparedOnce(statements, db, 'take', build);
  // of two takes of one request in a batch the first wins: the later one is left to the transaction,
  // which runs after this commit and answers `already_taken` (an update joined to one row twice would
  // pick either)
  const first = new Map<string, number>();
  for (const [idx, t] of batch.entries()) if (!first.has(t.conversationId)) first.set(t.conversationId, idx);
  const takes = batch.flatMap((t, idx) =>
    first.get(t.conversationId) !== idx
      ? []
      : [
          {
            idx,
            id: t.conversationId,
            org_id: t.orgId,
            user_id: t.userId,
            name: t.name,
            body: `${t.name} took the request`,
            sees_all: t.seesAll,
            team_ids: t.teamIds,
            event_id: t.eventId,
            now: t.now,
          },
        ],
  );
  // every batch locks its requests in one order (by id), so two batches that take the same requests
  // never each hold one the other waits for
  takes.sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  const rows = await statement.execute({ takes: JSON.stringify(takes) });
  const outcomes: Outcome<Taken>[] = batch.map(() => null);
  for (const { idx, conversation: row, message, taker, ...details } of rows) {
    const take = batch[idx];
    if (!take || !row || !message) continue;
    const conversation = fromJson(conversations, row) as ConversationRow;
    outcomes[idx] = {
      conversation,
      message: fromJson(messages, message) as MessageRow,
      event: {
        id: take.eventId,
        type: 'conversation.taken',
        version: 1,
        orgId: conversation.orgId,
        stream: `conversation:${conversation.id}`,
        occurredAt: take.now,
        data: { conversationId: conversation.id, assigneeId: take.userId },
      },
      // the joins read the row from before the take: the assignee is the taker, read here
      view: {
        ...details,
        c: conversation,
        assigneeName: taker?.name ?? take.name,
        assigneeMotto: taker?.motto ?? null,
        assigneePhotoFileId: taker?.photoFileId ?? null,
      },
    };
  }
  return outcomes;
}

function build(db: Db) {
  const taken = db.$with('taken', { id: sql<string>`id` }).as(
    sql`update ${conversations} c
        set status = 'open', assignee_id = i.user_id, assigned_by = null, picked_at = i.now,
            last_seq = c.last_seq + 1, last_message_at = i.now
        from jsonb_to_recordset(${p('takes')}::jsonb) as i(
          idx int, id uuid, org_id uuid, user_id uuid, name text, body text, sees_all boolean, team_ids uuid[],
          event_id uuid, now timestamptz)
        where c.id = i.id and c.org_id = i.org_id and c.status = 'queued' and c.merged_into_id is null
          and (i.sees_all or c.team_id is null or c.team_id = any(i.team_ids) or c.assignee_id = i.user_id)
        returning c.*, i.idx as take_idx, i.user_id as taker_id, i.name as taker_name, i.body as line_body,
                  i.event_id as take_event_id, i.now as taken_at`,
  );
  const line = db.$with('line', { id: sql<string>`id` }).as(
    sql`insert into ${messages}
          (org_id, conversation_id, seq, sender_type, sender_id, sender_name, sender_key, client_id, body, event, created_at)
        select t.org_id, t.id, t.last_seq, 'system', t.taker_id, t.taker_name, null, null, t.line_body, 'taken', t.taken_at
        from ${taken} t
        returning *`,
  );
  const event = db.$with('event', { id: sql<string>`id` }).as(
    sql`insert into ${domainEvents} (id, type, version, org_id, stream, occurred_at, data)
        select t.take_event_id, 'conversation.taken', 1, t.org_id, 'conversation:' || t.id, t.taken_at,
               jsonb_build_object('conversationId', t.id, 'assigneeId', t.taker_id)
        from ${taken} t
        returning id`,
  );
  // what the take wrote to the request this row of the view is of
  const ofTaken = (expr: string) => sql`(select ${sql.raw(expr)} from ${taken} t where t.id = ${conversations.id})`;
  // a data-modifying WITH runs whether or not the query reads it: the event is written with the rest
  return selectViewDetails(db.with(taken, line, event), {
    idx: sql<number>`${ofTaken('t.take_idx')}`.as('idx'),
    conversation: sql<Record<string, unknown> | null>`${ofTaken('to_jsonb(t)')}`.as('conversation'),
    message: sql<Record<string, unknown> | null>`(select to_jsonb(l) from ${line} l
      where l.conversation_id = ${conversations.id})`.as('message'),
    taker: sql<{ name: string; motto: string; photoFileId: string | null } | null>`(select
      jsonb_build_object('name', u.name, 'motto', u.motto, 'photoFileId', u.photo_file_id)
      from ${users} u where u.id = ${ofTaken('t.taker_id')})`.as('taker'),
  })
    .where(sql`${conversations.id} = any(array(select id from ${taken}))`)
    .prepare('frontdesk_take_batch');
}

const p = (name: string) => sql.placeholder(name);
