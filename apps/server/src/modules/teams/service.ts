import type { AssignmentMode, DomainEventOf, SetTeamMemberRequest, UpdateTeamRequest } from '@frontdesk/protocol';
import { and, asc, eq, inArray, isNull, ne } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { conversations, teamMembers, teams, users } from '../../db/schema.js';
import { actorOrgId, type StaffActor } from '../../platform/actor.js';
import { AppError, forbidden, isUniqueViolation, notFound } from '../../platform/errors.js';
import { hasChanges } from '../../platform/patch.js';
import type { ServiceContext } from '../../platform/service-context.js';
import { recordAudit } from '../audit/index.js';
import { teamPolicy } from './policy.js';

export type TeamRow = typeof teams.$inferSelect;
type UserRow = typeof users.$inferSelect;
export type TeamMemberRow = typeof teamMembers.$inferSelect & {
  user: Pick<UserRow, 'name' | 'photoFileId' | 'role' | 'active'>;
};
export type TeamWithMembers = TeamRow & { members: TeamMemberRow[] };

/** The admin's organization; anyone else is refused. */
export function assertManage(actor: StaffActor): string {
  if (!teamPolicy.manage(actor)) throw forbidden('Only admins manage teams');
  return actorOrgId(actor);
}

/** `team.updated`: automatic assignment looks at the team's queue again after it. */
function teamUpdated(
  tx: ServiceContext<StaffActor>,
  orgId: string,
  teamId: string,
  change: DomainEventOf<'team.updated'>['data']['change'],
  userId: string | null = null,
) {
  return tx.record({
    type: 'team.updated',
    orgId,
    stream: `team:${teamId}`,
    data: { teamId, change, userId, byUserId: tx.actor.userId },
  });
}

const nameTaken = (name: string) => new AppError('team_name_taken', `There is already a team called ${name}`, { name });

/**
 * A team of the organization that has not been removed. Inside a transaction, `lock` holds the row:
 * a membership change takes it shared and a removal exclusively, so no member joins a team that
 * is being removed.
 */
export async function loadTeam(db: Db, orgId: string, id: string, lock?: 'share' | 'update'): Promise<TeamRow> {
  const query = db
    .select()
    .from(teams)
    .where(and(eq(teams.id, id), eq(teams.orgId, orgId), isNull(teams.removedAt)));
  const [team] = lock ? await query.for(lock) : await query;
  if (!team) throw notFound('Team');
  return team;
}

/** The organization's teams by name (or those in `ids`), each with its members by name. */
export async function listTeams(ctx: ServiceContext<StaffActor>, ids?: string[]): Promise<TeamWithMembers[]> {
  const { db, actor } = ctx;
  if (!teamPolicy.view(actor)) throw forbidden();
  return teamsWithMembers(db, actorOrgId(actor), ids);
}

async function teamsWithMembers(db: Db, orgId: string, ids?: string[]): Promise<TeamWithMembers[]> {
  const rows = await db
    .select()
    .from(teams)
    .where(and(eq(teams.orgId, orgId), isNull(teams.removedAt), ids ? inArray(teams.id, ids) : undefined))
    .orderBy(asc(teams.name));
  if (!rows.length) return [];
  const members = await db
    .select({
      member: teamMembers,
      user: { name: users.name, photoFileId: users.photoFileId, role: users.role, active: users.active },
    })
    .from(teamMembers)
    .innerJoin(users, eq(users.id, teamMembers.userId))
    .where(
      inArray(
        teamMembers.teamId,
        rows.map((t) => t.id),
      ),
    )
    .orderBy(asc(users.name));
  return rows.map((team) => ({
    ...team,
    members: members.filter((m) => m.member.teamId === team.id).map((m) => ({ ...m.member, user: m.user })),
  }));
}

/** One team with its members, as the actor's organization has it. */
export async function getTeam(ctx: ServiceContext<StaffActor>, id: string): Promise<TeamWithMembers> {
  const [team] = await listTeams(ctx, [id]);
  if (!team) throw notFound('Team');
  return team;
}

export async function createTeam(
  ctx: ServiceContext<StaffActor>,
  input: { name: string; description: string; assignmentMode: AssignmentMode },
): Promise<TeamRow> {
  const orgId = assertManage(ctx.actor);
  try {
    return await ctx.transact(async (tx) => {
      const [team] = await tx.db
        .insert(teams)
        .values({ orgId, ...input })
        .returning();
      if (!team) throw new Error('insert returned nothing');
      await recordAudit(tx, {
        orgId,
        action: 'team.created',
        targetType: 'team',
        targetId: team.id,
        details: { team: team.name },
      });
      await teamUpdated(tx, orgId, team.id, 'created');
      return team;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw nameTaken(input.name);
    throw err;
  }
}

export async function updateTeam(
  ctx: ServiceContext<StaffActor>,
  id: string,
  changes: UpdateTeamRequest,
): Promise<TeamRow> {
  const orgId = assertManage(ctx.actor);
  try {
    return await ctx.transact(async (tx) => {
      const before = await loadTeam(tx.db, orgId, id, 'update');
      if (!hasChanges(changes)) return before;
      if (changes.dutyManagerId) {
        // the duty manager is one of the team (held, so they are not taken out meanwhile)
        const [member] = await tx.db
          .select({ userId: teamMembers.userId })
          .from(teamMembers)
          .where(and(eq(teamMembers.teamId, id), eq(teamMembers.userId, changes.dutyManagerId)))
          .for('share');
        if (!member) throw notFound('Team member');
      }
      const [team] = await tx.db
        .update(teams)
        .set({ ...changes, updatedAt: new Date() })
        .where(eq(teams.id, id))
        .returning();
      await recordAudit(tx, {
        orgId,
        action: 'team.updated',
        targetType: 'team',
        targetId: id,
        details: { team: before.name, ...changes },
      });
      await teamUpdated(tx, orgId, id, 'changed');
      return team ?? before;
    });
  } catch (err) {
    if (isUniqueViolation(err) && changes.name) throw nameTaken(changes.name);
    throw err;
  }
}

/**
 * Removes the team from every list and ends its memberships; the row stays for history. Its requests
 * still queued or open become requests of no team, which the whole desk sees (under team
 * visibility nobody but admins would see them any more); resolved ones keep it, for history.
 */
export async function removeTeam(ctx: ServiceContext<StaffActor>, id: string): Promise<void> {
  const orgId = assertManage(ctx.actor);
  await ctx.transact(async (tx) => {
    const team = await loadTeam(tx.db, orgId, id, 'update');
    const members = await tx.db
      .delete(teamMembers)
      .where(eq(teamMembers.teamId, id))
      .returning({ userId: teamMembers.userId });
    // its members' sockets stop hearing its conversations (a member sees their teams' conversations)
    if (members.length) tx.announce({ type: 'staff.access_changed', orgId, userIds: members.map((m) => m.userId) });
    await tx.db.update(teams).set({ removedAt: new Date() }).where(eq(teams.id, id));
    await tx.db
      .update(conversations)
      .set({ teamId: null })
      .where(and(eq(conversations.teamId, id), ne(conversations.status, 'resolved')));
    await recordAudit(tx, {
      orgId,
      action: 'team.removed',
      targetType: 'team',
      targetId: id,
      details: { team: team.name },
    });
    await teamUpdated(tx, orgId, id, 'removed');
  });
}

/**
 * A staff member of the organization (never a platform account); anyone else is not found. The row
 * is held shared, so the account cannot be removed before the membership is written.
 */
async function loadColleague(db: Db, orgId: string, userId: string): Promise<UserRow> {
  const [user] = await db
    .select()
    .from(users)
    .where(and(eq(users.id, userId), eq(users.orgId, orgId), ne(users.superadmin, true)))
    .for('share');
  if (!user) throw notFound('Staff member');
  return user;
}

/**
 * Adds the staff member to the team, or changes their capacity, languages or skills there. Fields
 * left out keep their value; a new member starts with the table's defaults (capacity 8, no tags).
 */
export async function setTeamMember(
  ctx: ServiceContext<StaffActor>,
  teamId: string,
  userId: string,
  input: SetTeamMemberRequest,
): Promise<void> {
  const orgId = assertManage(ctx.actor);
  await ctx.transact(async (tx) => {
    const team = await loadTeam(tx.db, orgId, teamId, 'share');
    const user = await loadColleague(tx.db, orgId, userId);
    const [existing] = await tx.db
      .select()
      .from(teamMembers)
      .where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.userId, userId)))
      .for('update');
    if (existing && !hasChanges(input)) return;
    const changes = Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined));
    await tx.db
      .insert(teamMembers)
      .values({ orgId, teamId, userId, ...changes })
      .onConflictDoUpdate({
        target: [teamMembers.teamId, teamMembers.userId],
        set: { ...changes, updatedAt: new Date() },
      });
    await recordAudit(tx, {
      orgId,
      action: existing ? 'team.member_changed' : 'team.member_added',
      targetType: 'team',
      targetId: teamId,
      details: { team: team.name, userId, email: user.email, ...changes },
    });
    await teamUpdated(tx, orgId, teamId, existing ? 'member_changed' : 'member_added', userId);
    if (!existing) tx.announce({ type: 'staff.access_changed', orgId, userIds: [userId] });
  });
}

export async function removeTeamMember(ctx: ServiceContext<StaffActor>, teamId: string, userId: string): Promise<void> {
  const orgId = assertManage(ctx.actor);
  await ctx.transact(async (tx) => {
    const team = await loadTeam(tx.db, orgId, teamId, 'share');
    const [removed] = await tx.db
      .delete(teamMembers)
      .where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.userId, userId)))
      .returning();
    if (!removed) throw notFound('Team member');
    // a duty manager who leaves the team leaves the duty to the admins
    await tx.db
      .update(teams)
      .set({ dutyManagerId: null })
      .where(and(eq(teams.id, teamId), eq(teams.dutyManagerId, userId)));
    const user = await loadColleague(tx.db, orgId, userId);
    await recordAudit(tx, {
      orgId,
      action: 'team.member_removed',
      targetType: 'team',
      targetId: teamId,
      details: { team: team.name, userId, email: user.email },
    });
    await teamUpdated(tx, orgId, teamId, 'member_removed', userId);
    tx.announce({ type: 'staff.access_changed', orgId, userIds: [userId] });
  });
}
