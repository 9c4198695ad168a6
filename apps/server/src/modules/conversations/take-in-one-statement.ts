import { randomUUID } from 'node:crypto';
import type { DomainEventOf } from '@frontdesk/protocol';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { fromJson } from '../../db/json-rows.js';
import { preparedOnce } from '../../db/prepared.js';
import { conversations, domainEvents, messages } from '../../db/schema.js';
import { type StaffActor, seesEveryConversation } from '../../platform/actor.js';
import type { ConversationRow, MessageRow } from './views.js';

export interface Taken {
  conversation: ConversationRow;
  message: MessageRow;
  event: DomainEventOf<'conversation.taken'>;
}

/**
 * The common take — a request still queued, in the caller's organization and within what they see —
 * in one statement: it marks the request theirs, appends the "took the request" line numbered after
 * the thread's last message, and records `conversation.taken` in the outbox. One round trip and one
 * commit instead of a transaction of six (begin, lock, update, message, event, commit): at 10,000
 * guests a take was half of the statements a request cost (bench/README.md).
 *
 * Null when the common case does not hold — taken meanwhile (the update waits for a racing take's
 * lock and then finds it no longer queued), theirs already, hidden from them, merged, not there —
 * and nothing was written: the caller then runs the full transaction, which decides and explains.
 */
export async function takeInOneStatement(db: Db, actor: StaffActor, id: string): Promise<Taken | null> {
  if (!actor.orgId) return null;
  const eventId = randomUUID();
  const now = new Date().toISOString();
  const [row] = await preparedOnce(statements, db, 'take', build).execute({
    id,
    orgId: actor.orgId,
    userId: actor.userId,
    name: actor.name,
    body: `${actor.name} took the request`,
    seesAll: seesEveryConversation(actor),
    teamIds: `{${actor.teamIds.join(',')}}`,
    now,
    eventId,
  });
  if (!row) return null;
  const conversation = fromJson(conversations, row.conversation) as ConversationRow;
  return {
    conversation,
    message: fromJson(messages, row.message) as MessageRow,
    event: {
      id: eventId,
      type: 'conversation.taken',
      version: 1,
      orgId: conversation.orgId,
      stream: `conversation:${conversation.id}`,
      occurredAt: now,
      data: { conversationId: conversation.id, assigneeId: actor.userId },
    },
  };
}

function build(db: Db) {
  const now = sql`${p('now')}::timestamptz`;
  const taken = db.$with('taken', { id: sql<string>`id` }).as(
    sql`update ${conversations} c
        set status = 'open', assignee_id = ${p('userId')}::uuid, assigned_by = null, picked_at = ${now},
            last_seq = c.last_seq + 1, last_message_at = ${now}
        where c.id = ${p('id')}::uuid and c.org_id = ${p('orgId')}::uuid and c.status = 'queued'
          and c.merged_into_id is null
          and (${p('seesAll')}::boolean or c.team_id is null or c.team_id = any(${p('teamIds')}::uuid[])
               or c.assignee_id = ${p('userId')}::uuid)
        returning c.*`,
  );
  const line = db.$with('line', { id: sql<string>`id` }).as(
    sql`insert into ${messages}
          (org_id, conversation_id, seq, sender_type, sender_id, sender_name, sender_key, client_id, body, event, created_at)
        select t.org_id, t.id, t.last_seq, 'system', ${p('userId')}::uuid, ${p('name')}, null, null, ${p('body')}, 'taken', ${now}
        from ${taken} t
        returning *`,
  );
  const event = db.$with('event', { id: sql<string>`id` }).as(
    sql`insert into ${domainEvents} (id, type, version, org_id, stream, occurred_at, data)
        select ${p('eventId')}::uuid, 'conversation.taken', 1, t.org_id, 'conversation:' || t.id, ${now},
               jsonb_build_object('conversationId', t.id, 'assigneeId', ${p('userId')}::uuid)
        from ${taken} t
        returning id`,
  );
  // a data-modifying WITH runs whether or not the query reads it: the event is written with the rest
  return db
    .with(taken, line, event)
    .select({
      conversation: sql<Record<string, unknown>>`to_jsonb(taken)`.as('conversation'),
      message: sql<Record<string, unknown>>`(select to_jsonb(l) from ${line} l)`.as('message'),
    })
    .from(taken)
    .prepare('frontdesk_take');
}

const statements = new WeakMap<Db, Map<'take', ReturnType<typeof build>>>();

const p = (name: string) => sql.placeholder(name);
