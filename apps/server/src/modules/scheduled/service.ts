import { MAX_SCHEDULE_DAYS, type ScheduledMessage } from '@frontdesk/protocol';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { scheduledMessages, users } from '../../db/schema.js';
import { actorOrgId, type StaffActor } from '../../platform/actor.js';
import { AppError, forbidden, notFound } from '../../platform/errors.js';
import type { ServiceContext } from '../../platform/service-context.js';
import { getForStaff } from '../conversations/index.js';
import { scheduledPolicy } from './policy.js';
import { presentScheduled, type ScheduledRow } from './present.js';

/** A time a scheduled message may go at: in the future, and not too far. */
function checkSendAt(sendAt: string): Date {
  const at = new Date(sendAt);
  if (at.getTime() <= Date.now()) throw new AppError('validation_failed', 'Choose a time in the future');
  if (at.getTime() > Date.now() + MAX_SCHEDULE_DAYS * 86_400_000)
    throw new AppError('validation_failed', `Choose a time within ${MAX_SCHEDULE_DAYS} days`);
  return at;
}

const alreadyGone = () =>
  new AppError('already_sent', 'This message has already been sent or cancelled; it can no longer be changed.');

async function authorNameOf(ctx: ServiceContext<StaffActor>, row: ScheduledRow): Promise<string> {
  if (row.authorId === ctx.actor.userId) return ctx.actor.name;
  const [author] = await ctx.db.select({ name: users.name }).from(users).where(eq(users.id, row.authorId));
  return author?.name ?? '';
}

/**
 * Schedules a reply in a conversation the staff member sees: the job runner sends it at `sendAt`
 * as them, through the normal send (see jobs.ts).
 */
export async function scheduleMessage(
  ctx: ServiceContext<StaffActor>,
  conversationId: string,
  input: { body: string; sendAt: string },
): Promise<ScheduledMessage> {
  const view = await getForStaff(ctx, conversationId);
  const sendAt = checkSendAt(input.sendAt);
  const [row] = await ctx.db
    .insert(scheduledMessages)
    .values({ orgId: view.c.orgId, conversationId, authorId: ctx.actor.userId, body: input.body, sendAt })
    .returning();
  if (!row) throw new Error('insert returned nothing');
  return presentScheduled(row, ctx.actor.name, ctx.actor);
}

/** What is still to go in a conversation (and what failed, with why), soonest first. */
export async function listScheduled(
  ctx: ServiceContext<StaffActor>,
  conversationId: string,
): Promise<ScheduledMessage[]> {
  await getForStaff(ctx, conversationId);
  const rows = await ctx.db
    .select({ s: scheduledMessages, authorName: users.name })
    .from(scheduledMessages)
    .innerJoin(users, eq(users.id, scheduledMessages.authorId))
    .where(
      and(
        eq(scheduledMessages.orgId, actorOrgId(ctx.actor)),
        eq(scheduledMessages.conversationId, conversationId),
        inArray(scheduledMessages.status, ['scheduled', 'sending', 'failed']),
      ),
    )
    .orderBy(scheduledMessages.sendAt, scheduledMessages.id);
  return rows.map((r) => presentScheduled(r.s, r.authorName, ctx.actor));
}

/** The scheduled message, once the conversation is one the staff member sees and they may change it. */
async function changeable(ctx: ServiceContext<StaffActor>, conversationId: string, id: string): Promise<ScheduledRow> {
  await getForStaff(ctx, conversationId);
  const [row] = await ctx.db
    .select()
    .from(scheduledMessages)
    .where(
      and(
        eq(scheduledMessages.id, id),
        eq(scheduledMessages.conversationId, conversationId),
        eq(scheduledMessages.orgId, actorOrgId(ctx.actor)),
      ),
    );
  if (!row) throw notFound('Scheduled message');
  if (!scheduledPolicy.change(ctx.actor, row)) throw forbidden('Only its author or an admin may change it');
  return row;
}

/**
 * Changes the text or the time while it is still scheduled. The update names the status, so a
 * node claiming it at the same instant wins or loses cleanly: never half-edited, never sent twice.
 */
export async function editScheduled(
  ctx: ServiceContext<StaffActor>,
  conversationId: string,
  id: string,
  patch: { body?: string; sendAt?: string },
): Promise<ScheduledMessage> {
  const row = await changeable(ctx, conversationId, id);
  if (patch.body === undefined && patch.sendAt === undefined)
    return presentScheduled(row, await authorNameOf(ctx, row), ctx.actor);
  const sendAt = patch.sendAt === undefined ? undefined : checkSendAt(patch.sendAt);
  const [updated] = await ctx.db
    .update(scheduledMessages)
    .set({
      ...(patch.body !== undefined ? { body: patch.body } : {}),
      ...(sendAt ? { sendAt } : {}),
      updatedAt: sql`now()`,
    })
    .where(and(eq(scheduledMessages.id, row.id), eq(scheduledMessages.status, 'scheduled')))
    .returning();
  if (!updated) throw alreadyGone();
  return presentScheduled(updated, await authorNameOf(ctx, updated), ctx.actor);
}

/** Cancels it while it is still scheduled: it will not go. */
export async function cancelScheduled(
  ctx: ServiceContext<StaffActor>,
  conversationId: string,
  id: string,
): Promise<ScheduledMessage> {
  const row = await changeable(ctx, conversationId, id);
  const [cancelled] = await ctx.db
    .update(scheduledMessages)
    .set({ status: 'cancelled', updatedAt: sql`now()` })
    .where(and(eq(scheduledMessages.id, row.id), eq(scheduledMessages.status, 'scheduled')))
    .returning();
  if (!cancelled) throw alreadyGone();
  return presentScheduled(cancelled, await authorNameOf(ctx, cancelled), ctx.actor);
}
