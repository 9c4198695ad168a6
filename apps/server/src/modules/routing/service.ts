import {
  type CreateRoutingRuleRequest,
  MAX_ROUTING_RULES,
  type RoutingConditions,
  type UpdateRoutingRuleRequest,
} from '@frontdesk/protocol';
import { and, asc, count, eq, inArray, isNull, max } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { organizations, rooms, routingRules, teams } from '../../db/schema.js';
import { actorOrgId, type StaffActor } from '../../platform/actor.js';
import { AppError, forbidden, notFound } from '../../platform/errors.js';
import { hasChanges } from '../../platform/patch.js';
import type { ServiceContext } from '../../platform/service-context.js';
import { recordAudit } from '../audit/index.js';
import { loadTeam } from '../teams/index.js';
import { routingPolicy } from './policy.js';

export type RoutingRuleRow = typeof routingRules.$inferSelect;
export type RoutingRuleWithTeam = RoutingRuleRow & { teamName: string };
export interface RoutingWithRules {
  rules: RoutingRuleWithTeam[];
  defaultTeam: { id: string; name: string } | null;
}

function assertManage(actor: StaffActor): string {
  if (!routingPolicy.manage(actor)) throw forbidden('Only admins change where requests go');
  return actorOrgId(actor);
}

/** The organization's rules in the order they are tried, and its default team. */
async function loadRouting(db: Db, orgId: string): Promise<RoutingWithRules> {
  const rows = await db
    .select({ rule: routingRules, teamName: teams.name })
    .from(routingRules)
    .innerJoin(teams, eq(teams.id, routingRules.teamId))
    .where(eq(routingRules.orgId, orgId))
    .orderBy(asc(routingRules.position), asc(routingRules.createdAt), asc(routingRules.id));
  const [org] = await db
    .select({ id: teams.id, name: teams.name })
    .from(organizations)
    .innerJoin(teams, and(eq(teams.id, organizations.defaultTeamId), isNull(teams.removedAt)))
    .where(eq(organizations.id, orgId));
  return { rules: rows.map((r) => ({ ...r.rule, teamName: r.teamName })), defaultTeam: org ?? null };
}

export async function getRouting(ctx: ServiceContext<StaffActor>): Promise<RoutingWithRules> {
  if (!routingPolicy.view(ctx.actor)) throw forbidden();
  return loadRouting(ctx.db, actorOrgId(ctx.actor));
}

/** Every room a rule names is a room of the organization; anything else is not found. */
async function assertOwnRooms(db: Db, orgId: string, roomIds: string[]): Promise<void> {
  if (!roomIds.length) return;
  const found = await db
    .select({ id: rooms.id })
    .from(rooms)
    .where(and(eq(rooms.orgId, orgId), inArray(rooms.id, roomIds), isNull(rooms.removedAt)));
  if (found.length !== roomIds.length) throw notFound('Room');
}

const conditionColumns = (c: RoutingConditions) => ({
  entry: c.entry,
  roomIds: c.roomIds,
  priorityRoomsOnly: c.priorityRoomsOnly,
  openHoursOnly: c.openHoursOnly,
  languages: c.languages,
  keywords: c.keywords,
});

/** Adds a rule at the end of the list: tried after every rule there is. */
export async function createRoutingRule(
  ctx: ServiceContext<StaffActor>,
  input: CreateRoutingRuleRequest,
): Promise<RoutingRuleRow> {
  const orgId = assertManage(ctx.actor);
  return ctx.transact(async (tx) => {
    // the organization's row orders concurrent additions, so each gets its own place at the end
    await tx.db.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, orgId)).for('update');
    const team = await loadTeam(tx.db, orgId, input.teamId, 'share');
    await assertOwnRooms(tx.db, orgId, input.conditions.roomIds);
    const [last] = await tx.db
      .select({ n: count(), position: max(routingRules.position) })
      .from(routingRules)
      .where(eq(routingRules.orgId, orgId));
    if ((last?.n ?? 0) >= MAX_ROUTING_RULES)
      throw new AppError('conflict', `An organization has at most ${MAX_ROUTING_RULES} routing rules`);
    const [rule] = await tx.db
      .insert(routingRules)
      .values({
        orgId,
        position: (last?.position ?? 0) + 1,
        name: input.name,
        ...conditionColumns(input.conditions),
        teamId: team.id,
        priority: input.priority,
      })
      .returning();
    if (!rule) throw new Error('insert returned nothing');
    await recordAudit(tx, {
      orgId,
      action: 'routing.rule_created',
      targetType: 'routing_rule',
      targetId: rule.id,
      details: { rule: rule.name, team: team.name },
    });
    return rule;
  });
}

async function lockRule(db: Db, orgId: string, id: string): Promise<RoutingRuleRow> {
  const [rule] = await db
    .select()
    .from(routingRules)
    .where(and(eq(routingRules.id, id), eq(routingRules.orgId, orgId)))
    .for('update');
  if (!rule) throw notFound('Routing rule');
  return rule;
}

export async function updateRoutingRule(
  ctx: ServiceContext<StaffActor>,
  id: string,
  changes: UpdateRoutingRuleRequest,
): Promise<void> {
  const orgId = assertManage(ctx.actor);
  await ctx.transact(async (tx) => {
    const before = await lockRule(tx.db, orgId, id);
    if (!hasChanges(changes)) return;
    if (changes.teamId) await loadTeam(tx.db, orgId, changes.teamId, 'share');
    if (changes.conditions) await assertOwnRooms(tx.db, orgId, changes.conditions.roomIds);
    await tx.db
      .update(routingRules)
      .set({
        name: changes.name,
        teamId: changes.teamId,
        priority: changes.priority,
        ...(changes.conditions ? conditionColumns(changes.conditions) : {}),
        updatedAt: new Date(),
      })
      .where(eq(routingRules.id, id));
    await recordAudit(tx, {
      orgId,
      action: 'routing.rule_updated',
      targetType: 'routing_rule',
      targetId: id,
      details: { rule: before.name, ...changes },
    });
  });
}

export async function removeRoutingRule(ctx: ServiceContext<StaffActor>, id: string): Promise<void> {
  const orgId = assertManage(ctx.actor);
  await ctx.transact(async (tx) => {
    const rule = await lockRule(tx.db, orgId, id);
    await tx.db.delete(routingRules).where(eq(routingRules.id, id));
    await recordAudit(tx, {
      orgId,
      action: 'routing.rule_removed',
      targetType: 'routing_rule',
      targetId: id,
      details: { rule: rule.name },
    });
  });
}

/**
 * Puts the named rules first, in the order given; the rules left out follow in the order they had
 * (so a rule added meanwhile is not lost). A rule of another organization is not found.
 */
export async function reorderRoutingRules(ctx: ServiceContext<StaffActor>, ids: string[]): Promise<void> {
  const orgId = assertManage(ctx.actor);
  await ctx.transact(async (tx) => {
    const current = await tx.db
      .select({ id: routingRules.id, position: routingRules.position })
      .from(routingRules)
      .where(eq(routingRules.orgId, orgId))
      .orderBy(asc(routingRules.position), asc(routingRules.createdAt), asc(routingRules.id))
      .for('update');
    const known = new Set(current.map((r) => r.id));
    if (ids.some((id) => !known.has(id))) throw notFound('Routing rule');
    const order = [...ids, ...current.map((r) => r.id).filter((id) => !ids.includes(id))];
    for (const [i, id] of order.entries()) {
      if (current.find((r) => r.id === id)?.position === i + 1) continue;
      await tx.db
        .update(routingRules)
        .set({ position: i + 1 })
        .where(eq(routingRules.id, id));
    }
    await recordAudit(tx, {
      orgId,
      action: 'routing.rules_reordered',
      targetType: 'organization',
      targetId: orgId,
      details: { order },
    });
  });
}

/** The team that takes what no rule matches; null: such requests go to no team. */
export async function setDefaultTeam(ctx: ServiceContext<StaffActor>, teamId: string | null): Promise<void> {
  const orgId = assertManage(ctx.actor);
  await ctx.transact(async (tx) => {
    const team = teamId ? await loadTeam(tx.db, orgId, teamId, 'share') : null;
    await tx.db
      .update(organizations)
      .set({ defaultTeamId: team?.id ?? null, updatedAt: new Date() })
      .where(eq(organizations.id, orgId));
    await recordAudit(tx, {
      orgId,
      action: 'routing.default_team_set',
      targetType: 'organization',
      targetId: orgId,
      details: { teamId: team?.id ?? null, team: team?.name ?? null },
    });
  });
}
