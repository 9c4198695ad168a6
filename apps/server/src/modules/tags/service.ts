import {
  type CreateTagRequest,
  MAX_TAGS_PER_CONVERSATION,
  MAX_TAGS_PER_ORGANIZATION,
  type UpdateTagRequest,
} from '@frontdesk/protocol';
import { and, asc, count, eq, sql } from 'drizzle-orm';
import { conversations, conversationTags, tags } from '../../db/schema.js';
import type { StaffActor } from '../../platform/actor.js';
import { AppError, forbidden, isUniqueViolation, notFound } from '../../platform/errors.js';
import type { ServiceContext } from '../../platform/service-context.js';
import { conversationPolicy, mergedError } from '../conversations/index.js';
import { tagPolicy } from './policy.js';
import type { TagRow } from './present.js';

const nameTaken = (name: string) => new AppError('tag_name_taken', `There is already a tag called “${name}”`, { name });

function deskOrg(actor: StaffActor): string {
  if (!tagPolicy.desk(actor) || !actor.orgId) throw forbidden('Only reception and admins use tags');
  return actor.orgId;
}

function adminOrg(actor: StaffActor): string {
  const orgId = deskOrg(actor);
  if (!tagPolicy.manage(actor)) throw forbidden('Only admins manage tags');
  return orgId;
}

/** The organization's tags by name, each with how many conversations carry it. */
export async function listTags(ctx: ServiceContext<StaffActor>): Promise<{ tag: TagRow; conversations: number }[]> {
  const orgId = deskOrg(ctx.actor);
  const rows = await ctx.db
    .select({
      tag: tags,
      conversations: sql<number>`(select count(*)::int from ${conversationTags} ct where ct.tag_id = ${tags.id})`,
    })
    .from(tags)
    .where(eq(tags.orgId, orgId))
    .orderBy(asc(sql`lower(${tags.name})`));
  return rows;
}

async function loadTag(ctx: ServiceContext<StaffActor>, orgId: string, id: string): Promise<TagRow> {
  const [row] = await ctx.db
    .select()
    .from(tags)
    .where(and(eq(tags.id, id), eq(tags.orgId, orgId)));
  if (!row) throw notFound('Tag');
  return row;
}

export async function createTag(ctx: ServiceContext<StaffActor>, input: CreateTagRequest): Promise<TagRow> {
  const orgId = adminOrg(ctx.actor);
  const [{ n } = { n: 0 }] = await ctx.db.select({ n: count() }).from(tags).where(eq(tags.orgId, orgId));
  if (n >= MAX_TAGS_PER_ORGANIZATION) {
    throw new AppError('too_many_tags', `An organization keeps at most ${MAX_TAGS_PER_ORGANIZATION} tags`);
  }
  try {
    const [row] = await ctx.db.insert(tags).values({ orgId, name: input.name, color: input.color }).returning();
    if (!row) throw new Error('insert returned nothing');
    return row;
  } catch (err) {
    if (isUniqueViolation(err)) throw nameTaken(input.name);
    throw err;
  }
}

export async function updateTag(
  ctx: ServiceContext<StaffActor>,
  id: string,
  changes: UpdateTagRequest,
): Promise<TagRow> {
  const orgId = adminOrg(ctx.actor);
  const row = await loadTag(ctx, orgId, id);
  if (changes.name === undefined && changes.color === undefined) return row;
  try {
    const [updated] = await ctx.db
      .update(tags)
      .set({ name: changes.name, color: changes.color, updatedAt: new Date() })
      .where(eq(tags.id, id))
      .returning();
    return updated ?? row;
  } catch (err) {
    if (isUniqueViolation(err)) throw nameTaken(changes.name ?? row.name);
    throw err;
  }
}

/** Removes a tag from the organization and from every conversation that carried it. */
export async function removeTag(ctx: ServiceContext<StaffActor>, id: string): Promise<void> {
  const orgId = adminOrg(ctx.actor);
  await loadTag(ctx, orgId, id);
  await ctx.db.delete(tags).where(eq(tags.id, id));
}

/** The conversation, locked, if the staff member sees it and it was not merged away. */
async function lockConversation(tx: ServiceContext<StaffActor>, id: string) {
  const [c] = await tx.db.select().from(conversations).where(eq(conversations.id, id)).for('update');
  if (!c || !conversationPolicy.staffSees(tx.actor, c)) throw notFound('Conversation');
  if (c.mergedIntoId) throw mergedError(c);
  return c;
}

/** Puts a tag on a conversation the staff member sees (again: nothing changes). */
export async function tagConversation(ctx: ServiceContext<StaffActor>, id: string, tagId: string): Promise<void> {
  const orgId = deskOrg(ctx.actor);
  await ctx.transact(async (tx) => {
    const c = await lockConversation(tx, id);
    await loadTag(tx, orgId, tagId);
    const [{ n } = { n: 0 }] = await tx.db
      .select({ n: count() })
      .from(conversationTags)
      .where(eq(conversationTags.conversationId, id));
    const added = await tx.db
      .insert(conversationTags)
      .values({ conversationId: id, tagId, orgId, taggedBy: tx.actor.userId })
      .onConflictDoNothing()
      .returning({ tagId: conversationTags.tagId });
    if (!added.length) return;
    if (n >= MAX_TAGS_PER_CONVERSATION) {
      throw new AppError('too_many_tags', `A conversation carries at most ${MAX_TAGS_PER_CONVERSATION} tags`);
    }
    await tx.record({
      type: 'conversation.tagged',
      orgId: c.orgId,
      stream: `conversation:${id}`,
      data: { conversationId: id, tagId, byUserId: tx.actor.userId },
    });
  });
}

/** Takes a tag off a conversation the staff member sees (not there: nothing changes). */
export async function untagConversation(ctx: ServiceContext<StaffActor>, id: string, tagId: string): Promise<void> {
  const orgId = deskOrg(ctx.actor);
  await ctx.transact(async (tx) => {
    const c = await lockConversation(tx, id);
    await loadTag(tx, orgId, tagId);
    const removed = await tx.db
      .delete(conversationTags)
      .where(and(eq(conversationTags.conversationId, id), eq(conversationTags.tagId, tagId)))
      .returning({ tagId: conversationTags.tagId });
    if (!removed.length) return;
    await tx.record({
      type: 'conversation.untagged',
      orgId: c.orgId,
      stream: `conversation:${id}`,
      data: { conversationId: id, tagId, byUserId: tx.actor.userId },
    });
  });
}
