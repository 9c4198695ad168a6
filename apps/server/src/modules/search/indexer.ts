import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
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

/** Indexes one message (again: nothing changes). */
export async function indexMessage(db: Db, messageId: string): Promise<void> {
  await db
    .insert(messageSearch)
    .select(indexable(db, eq(messages.id, messageId)))
    .onConflictDoNothing();
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
      if (event.type !== 'message.created' || event.data.event !== null) return;
      await indexMessage(ctx.db, event.data.messageId);
    },
  },
];
