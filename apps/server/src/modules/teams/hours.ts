import type { DeskStatus, SetBusinessHoursRequest } from '@frontdesk/protocol';
import { and, eq, isNull, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { organizations, teams } from '../../db/schema.js';
import type { StaffActor } from '../../platform/actor.js';
import { languageOf } from '../../platform/i18n.js';
import type { ServiceContext } from '../../platform/service-context.js';
import { recordAudit } from '../audit/index.js';
import { openState } from './open-state.js';
import { assertManage, loadTeam, type TeamRow } from './service.js';
import { awayStrings } from './strings.js';

/**
 * Replaces a team's weekly hours, holidays and away message (admins). Times are wall-clock times
 * on the organization's clock; the request schema has already sorted them and refused overlaps.
 */
export async function setTeamHours(
  ctx: ServiceContext<StaffActor>,
  id: string,
  input: SetBusinessHoursRequest,
): Promise<TeamRow> {
  const orgId = assertManage(ctx.actor);
  return ctx.transact(async (tx) => {
    const before = await loadTeam(tx.db, orgId, id, 'update');
    const [team] = await tx.db
      .update(teams)
      .set({
        weeklyHours: input.weekly,
        holidays: input.holidays,
        awayMessage: input.awayMessage,
        updatedAt: new Date(),
      })
      .where(eq(teams.id, id))
      .returning();
    await recordAudit(tx, {
      orgId,
      action: 'team.hours_changed',
      targetType: 'team',
      targetId: id,
      details: {
        team: before.name,
        alwaysOpen: input.weekly === null,
        holidays: input.holidays.length,
        awayMessage: input.awayMessage ?? '',
      },
    });
    await tx.record({
      type: 'team.hours_changed',
      orgId,
      stream: `team:${id}`,
      data: { teamId: id, byUserId: ctx.actor.userId },
    });
    return team ?? before;
  });
}

/**
 * Whether a team of the organization answers at `now`, as its guests are told: when it is closed,
 * when it opens next and the away message in the guest's `language` (the team's own text, else the
 * standard one). Without a team (none given, or removed since) the desk counts as always open.
 * `teamId` may be a subquery, so a caller that first has to find the team still makes one query.
 */
export async function deskStatus(
  db: Db,
  orgId: string,
  teamId: string | SQL<string | null> | null,
  language: string | null,
  now = new Date(),
): Promise<DeskStatus> {
  const [row] = await db
    .select({ timezone: organizations.timezone, team: teams })
    .from(organizations)
    .leftJoin(
      teams,
      teamId ? and(eq(teams.id, teamId), eq(teams.orgId, organizations.id), isNull(teams.removedAt)) : sql`false`,
    )
    .where(eq(organizations.id, orgId));
  const timezone = row?.timezone ?? 'UTC';
  if (!row?.team) return { open: true, opensAt: null, closesAt: null, awayMessage: null, timezone };
  const state = openState(row.team.weeklyHours, row.team.holidays, timezone, now);
  return {
    open: state.open,
    opensAt: state.opensAt?.toISOString() ?? null,
    closesAt: state.closesAt?.toISOString() ?? null,
    awayMessage: state.open ? null : (row.team.awayMessage ?? awayStrings[languageOf(language)].standardAwayMessage),
    timezone,
  };
}
