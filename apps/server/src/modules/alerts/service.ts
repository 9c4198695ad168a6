import type { Alert, AlertList, AlertListQuery } from '@frontdesk/protocol';
import { and, count, desc, eq, inArray, isNotNull, isNull, lt, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { alerts, teams, users } from '../../db/schema.js';
import { actorOrgId, type StaffActor } from '../../platform/actor.js';
import { AppError } from '../../platform/errors.js';
import type { ServiceContext } from '../../platform/service-context.js';
import { alertPolicy } from './policy.js';
import { presentAlert } from './present.js';

type Ctx = ServiceContext<StaffActor>;

/**
 * The alerts the caller sees, as a condition: all of the organization for an admin; for an agent,
 * those of the teams they are duty manager of (none when they are of none).
 */
export async function visibleAlerts(ctx: Ctx): Promise<SQL | undefined> {
  const orgId = actorOrgId(ctx.actor);
  if (!alertPolicy.view(ctx.actor)) throw new AppError('forbidden', 'Only admins and duty managers see alerts');
  const ofOrg = eq(alerts.orgId, orgId);
  if (alertPolicy.seesAll(ctx.actor)) return ofOrg;
  const managed = await ctx.db
    .select({ id: teams.id })
    .from(teams)
    .where(and(eq(teams.orgId, orgId), eq(teams.dutyManagerId, ctx.actor.userId)));
  if (!managed.length) return undefined;
  return and(
    ofOrg,
    inArray(
      alerts.teamId,
      managed.map((t) => t.id),
    ),
  );
}

const acknowledger = users;

export function selectAlerts(db: Db) {
  return db
    .select({ alert: alerts, byName: acknowledger.name })
    .from(alerts)
    .leftJoin(acknowledger, eq(acknowledger.id, alerts.acknowledgedBy))
    .$dynamic();
}

/** The list's status filter as a condition (none for all). */
export const statusCondition = (status: AlertListQuery['status']) =>
  status === 'open'
    ? isNull(alerts.acknowledgedAt)
    : status === 'acknowledged'
      ? isNotNull(alerts.acknowledgedAt)
      : undefined;

/** The caller's alerts, newest first, with how many are not yet acknowledged. */
export async function listAlerts(ctx: Ctx, query: AlertListQuery): Promise<AlertList> {
  const visible = await visibleAlerts(ctx);
  if (!visible) return { alerts: [], unacknowledged: 0 };
  const status = statusCondition(query.status);
  const [rows, [open]] = await Promise.all([
    selectAlerts(ctx.db)
      .where(and(visible, status, query.before ? lt(alerts.raisedAt, new Date(query.before)) : undefined))
      .orderBy(desc(alerts.raisedAt), desc(alerts.id))
      .limit(query.limit),
    ctx.db
      .select({ n: count() })
      .from(alerts)
      .where(and(visible, isNull(alerts.acknowledgedAt))),
  ]);
  return { alerts: rows.map((r) => presentAlert(r.alert, r.byName)), unacknowledged: open?.n ?? 0 };
}

/**
 * Marks an alert handled, by the caller, now; acknowledging it again changes nothing (the first
 * acknowledgement stays). An alert the caller does not see is `not_found`.
 */
export async function acknowledgeAlert(ctx: Ctx, id: string): Promise<Alert> {
  const visible = await visibleAlerts(ctx);
  if (!visible) throw new AppError('not_found', 'No such alert');
  return ctx.transact(async (tx) => {
    const [row] = await tx.db
      .select()
      .from(alerts)
      .where(and(visible, eq(alerts.id, id)))
      .for('update');
    if (!row) throw new AppError('not_found', 'No such alert');
    if (!row.acknowledgedAt) {
      await tx.db
        .update(alerts)
        .set({ acknowledgedAt: new Date(), acknowledgedBy: ctx.actor.userId })
        .where(eq(alerts.id, id));
      const notified = await tx.db
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.orgId, row.orgId), eq(users.role, 'admin'), eq(users.active, true)));
      const ids = notified.map((u) => u.id);
      if (row.teamId) {
        const [team] = await tx.db.select({ manager: teams.dutyManagerId }).from(teams).where(eq(teams.id, row.teamId));
        if (team?.manager && !ids.includes(team.manager)) ids.push(team.manager);
      }
      await tx.record({
        type: 'alert.acknowledged',
        orgId: row.orgId,
        stream: `conversation:${row.conversationId}`,
        data: { alertId: id, conversationId: row.conversationId, byUserId: ctx.actor.userId, notifiedUserIds: ids },
      });
    }
    const [loaded] = await selectAlerts(tx.db).where(eq(alerts.id, id));
    if (!loaded) throw new AppError('not_found', 'No such alert');
    return presentAlert(loaded.alert, loaded.byName);
  });
}

/** One alert with who acknowledged it (for the live notices). */
export async function loadAlert(db: Db, id: string): Promise<Alert | null> {
  const [loaded] = await selectAlerts(db).where(eq(alerts.id, id));
  return loaded ? presentAlert(loaded.alert, loaded.byName) : null;
}
