import {
  type CreateQuickActionRequest,
  hasQuickActionTitle,
  MAX_QUICK_ACTIONS,
  type QuickAction,
  type UpdateQuickActionRequest,
} from '@frontdesk/protocol';
import { and, asc, count, eq, isNull, max } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../db/connection.js';
import { quickActions, teams } from '../../db/schema.js';
import { actorOrgId, type StaffActor } from '../../platform/actor.js';
import { AppError, forbidden, notFound } from '../../platform/errors.js';
import type { ServiceContext } from '../../platform/service-context.js';
import { recordAudit } from '../audit/index.js';
import { requirePlanFeature } from '../organizations/index.js';
import { quickActionPolicy } from './policy.js';
import { presentQuickAction, type QuickActionRow } from './present.js';

type Ctx = ServiceContext<StaffActor>;

function adminOrg(actor: StaffActor): string {
  if (!quickActionPolicy.manage(actor)) throw forbidden('Only admins keep the quick actions');
  return actorOrgId(actor);
}

function checkTitles(titles: Parameters<typeof hasQuickActionTitle>[0] | undefined) {
  if (titles && !hasQuickActionTitle(titles)) {
    throw new AppError('validation_failed', 'Give it a title in at least one language', {
      issues: [{ in: 'body', path: 'titles', message: 'Give it a title in at least one language', code: 'custom' }],
    });
  }
}

/** A team a task goes to must be one of the organization's live teams, on a plan with tasks. */
async function checkTeam(db: Db, actor: StaffActor, orgId: string, teamId: string) {
  requirePlanFeature(actor.orgPlan, 'tasks');
  const [t] = await db
    .select({ id: teams.id })
    .from(teams)
    .where(and(eq(teams.id, teamId), eq(teams.orgId, orgId), isNull(teams.removedAt)));
  if (!t) throw new AppError('bad_request', 'No such team in this organization');
}

async function presented(db: Db, row: QuickActionRow): Promise<QuickAction> {
  if (!row.taskTeamId) return presentQuickAction(row, null);
  const [t] = await db.select({ name: teams.name }).from(teams).where(eq(teams.id, row.taskTeamId));
  return presentQuickAction(row, t?.name ?? null);
}

/** The organization's quick actions in their order, enabled or not (the admin's list). */
export async function listQuickActions(ctx: Ctx): Promise<QuickAction[]> {
  const orgId = adminOrg(ctx.actor);
  const rows = await ctx.db
    .select({ a: quickActions, teamName: teams.name })
    .from(quickActions)
    .leftJoin(teams, and(eq(teams.id, quickActions.taskTeamId), isNull(teams.removedAt)))
    .where(eq(quickActions.orgId, orgId))
    .orderBy(asc(quickActions.position), asc(quickActions.createdAt), asc(quickActions.id));
  return rows.map((r) => presentQuickAction(r.a, r.teamName));
}

export async function getQuickAction(ctx: Ctx, id: string): Promise<QuickAction> {
  const orgId = adminOrg(ctx.actor);
  const [row] = await ctx.db
    .select()
    .from(quickActions)
    .where(and(eq(quickActions.id, id), eq(quickActions.orgId, orgId)));
  if (!row) throw notFound('Quick action');
  return presented(ctx.db, row);
}

export async function createQuickAction(
  ctx: Ctx,
  input: z.output<typeof CreateQuickActionRequest>,
): Promise<QuickAction> {
  const orgId = adminOrg(ctx.actor);
  checkTitles(input.titles);
  return ctx.transact(async (tx) => {
    // a soft ceiling, as with tags: two admins adding at once may pass it by one
    const [{ n = 0, last = null } = {}] = await tx.db
      .select({ n: count(), last: max(quickActions.position) })
      .from(quickActions)
      .where(eq(quickActions.orgId, orgId));
    if (Number(n) >= MAX_QUICK_ACTIONS) {
      throw new AppError('conflict', `An organization keeps at most ${MAX_QUICK_ACTIONS} quick actions`);
    }
    if (input.task) await checkTeam(tx.db, ctx.actor, orgId, input.task.teamId);
    const [row] = await tx.db
      .insert(quickActions)
      .values({
        orgId,
        titles: input.titles,
        icon: input.icon,
        fields: input.fields,
        position: input.position ?? (last === null ? 0 : Number(last) + 1),
        enabled: input.enabled,
        taskTeamId: input.task?.teamId ?? null,
        taskPriority: input.task?.priority ?? 'normal',
      })
      .returning();
    if (!row) throw new Error('insert returned nothing');
    await recordAudit(tx, {
      orgId,
      action: 'quick_action.created',
      targetType: 'quick_action',
      targetId: row.id,
      details: { titles: row.titles, taskTeamId: row.taskTeamId },
    });
    return presented(tx.db, row);
  });
}

export async function updateQuickAction(
  ctx: Ctx,
  id: string,
  input: z.output<typeof UpdateQuickActionRequest>,
): Promise<QuickAction> {
  const orgId = adminOrg(ctx.actor);
  checkTitles(input.titles);
  return ctx.transact(async (tx) => {
    const [before] = await tx.db
      .select()
      .from(quickActions)
      .where(and(eq(quickActions.id, id), eq(quickActions.orgId, orgId)))
      .for('update');
    if (!before) throw notFound('Quick action');
    if (input.task) await checkTeam(tx.db, ctx.actor, orgId, input.task.teamId);
    const patch: Partial<typeof quickActions.$inferInsert> = {
      titles: input.titles,
      icon: input.icon,
      fields: input.fields,
      position: input.position,
      enabled: input.enabled,
    };
    if (input.task !== undefined) {
      patch.taskTeamId = input.task?.teamId ?? null;
      patch.taskPriority = input.task?.priority ?? 'normal';
    }
    const changed = Object.keys(patch).filter(
      (k) =>
        patch[k as keyof typeof patch] !== undefined &&
        JSON.stringify(patch[k as keyof typeof patch]) !== JSON.stringify(before[k as keyof QuickActionRow]),
    );
    if (!changed.length) return presented(tx.db, before);
    const [after] = await tx.db
      .update(quickActions)
      .set({ ...patch, updatedAt: new Date() })
      .where(eq(quickActions.id, id))
      .returning();
    if (!after) throw new Error('quick action vanished');
    await recordAudit(tx, {
      orgId,
      action: 'quick_action.updated',
      targetType: 'quick_action',
      targetId: id,
      details: { fields: changed },
    });
    return presented(tx.db, after);
  });
}

export async function deleteQuickAction(ctx: Ctx, id: string): Promise<void> {
  const orgId = adminOrg(ctx.actor);
  await ctx.transact(async (tx) => {
    const [gone] = await tx.db
      .delete(quickActions)
      .where(and(eq(quickActions.id, id), eq(quickActions.orgId, orgId)))
      .returning();
    if (!gone) throw notFound('Quick action');
    await recordAudit(tx, {
      orgId,
      action: 'quick_action.deleted',
      targetType: 'quick_action',
      targetId: id,
      details: { titles: gone.titles },
    });
  });
}
