import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { idArray } from '../../db/json-rows.js';
import { preparedOnce } from '../../db/prepared.js';
import { conversations, messageSearch, messages, organizations, stayGuests } from '../../db/schema.js';
import type { AppContext } from '../../platform/context.js';
import type { DurableConsumer } from '../../platform/outbox/consumers.js';
import { configFor } from './config.js';

/**
 * Rows for message_search from the messages `where` picks: what people wrote (not the thread's own
 * system notes), in the configuration of the guest's language, else the organization's.
 */
function indexable(db: Db, where: ReturnType<typeof and>) {
  const config = configFor(sql`coalesce(${stayGuests.language}, ${organizations.language})`);
  return db
    .select({
      messageId: messages.id,
      orgId: messages.orgId,
      config: sql<string>`${config}`.as('config'),
      document: sql<string>`to_tsvector(${config}::regconfig, ${messages.body})`.as('document'),
      createdAt: messages.createdAt,
    })
    .from(messages)
    .innerJoin(conversations, eq(conversations.id, messages.conversationId))
    .innerJoin(organizations, eq(organizations.id, messages.orgId))
    .leftJoin(stayGuests, eq(stayGuests.id, conversations.guestId))
    .where(and(isNull(messages.event), where));
}

const indexing = new WeakMap<Db, Map<'ids', ReturnType<typeof buildIndexing>>>();

// prepared once: built anew, the statement's text (the language configurations' case) cost the
// consumer more than running it, on every batch
const buildIndexing = (db: Db) =>
  db
    .insert(messageSearch)
    .select(indexable(db, sql`${messages.id} = any(${sql.placeholder('ids')}::uuid[])`))
    .onConflictDoNothing()
    .prepare('frontdesk_index_messages');

/** Indexes messages (again: nothing changes), in one statement. */
export async function indexMessages(db: Db, messageIds: string[]): Promise<void> {
  if (!messageIds.length) return;
  await preparedOnce(indexing, db, 'ids', buildIndexing).execute({ ids: idArray(messageIds) });
}

/**
 * Builds the index again from the messages, for one organization or all: after a change of the
 * configurations, or to recover. One statement; the consumer goes on from its cursor meanwhile
 * (inserting what is already there changes nothing).
 */
export async function rebuildSearchIndex(db: Db, orgId?: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.delete(messageSearch).where(orgId ? eq(messageSearch.orgId, orgId) : undefined);
    await tx
      .insert(messageSearch)
      .select(indexable(tx as unknown as Db, orgId ? eq(messages.orgId, orgId) : undefined))
      .onConflictDoNothing();
  });
}

/**
 * The search index's durable consumer: off the send path (an index on messages would slow every
 * send), at least once from its own cursor, starting from the beginning so that existing messages
 * are indexed too. Merges move messages between conversations; the index keeps no conversation,
 * so it has nothing to follow.
 */
export const searchConsumers = (ctx: AppContext): DurableConsumer[] => [
  {
    name: 'search-index',
    types: ['message.created'],
    startAt: 'beginning',
    async handle(event) {
      await this.handleBatch?.([event]);
    },
    // a burst of messages is indexed in one statement per batch, not one per message
    async handleBatch(events) {
      const written = events.flatMap((e) =>
        e.type === 'message.created' && e.data.event === null ? [e.data.messageId] : [],
      );
      await indexMessages(ctx.db, written);
    },
  },
];
