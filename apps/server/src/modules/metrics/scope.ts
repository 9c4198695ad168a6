import { and, eq } from 'drizzle-orm';
import { organizations, teams, users } from '../../db/schema.js';
import { type ApiClientActor, orgIdOf, type StaffActor } from '../../platform/actor.js';
import { forbidden, notFound } from '../../platform/errors.js';
import type { ServiceContext } from '../../platform/service-context.js';
import { metricsPolicy } from './policy.js';

/** Who reads service reports: staff (admins, a duty manager), or an API key with `reports:read`. */
export type ReportReader = StaffActor | ApiClientActor;

/**
 * The organization, team and staff member a report is about, once the reader may see it, and the
 * organization's time zone its days are counted in. A team or staff member of another organization
 * is not found; a team the reader does not manage is refused, unless the reader asks for their own
 * figures (`agentId` their own: "My performance").
 */
export async function reportScope(
  ctx: ServiceContext<ReportReader>,
  query: { teamId?: string | undefined; agentId?: string | undefined },
): Promise<{ orgId: string; teamId: string | null; agentId: string | null; timezone: string }> {
  const { actor, db } = ctx;
  const orgId = orgIdOf(actor);
  const teamId = query.teamId ?? null;
  const agentId = query.agentId ?? null;
  let dutyManagerId: string | null = null;
  if (teamId) {
    const [team] = await db
      .select({ dutyManagerId: teams.dutyManagerId })
      .from(teams)
      .where(and(eq(teams.id, teamId), eq(teams.orgId, orgId)));
    if (!team) throw notFound('Team');
    dutyManagerId = team.dutyManagerId;
  }
  if (
    !metricsPolicy.viewAll(actor) &&
    !metricsPolicy.viewTeam(actor, dutyManagerId) &&
    !metricsPolicy.viewOwn(actor, agentId)
  ) {
    throw forbidden('Only admins read the service metrics (a duty manager, those of their team; an agent, their own)');
  }
  if (agentId) {
    const [agent] = await db
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.id, agentId), eq(users.orgId, orgId)));
    if (!agent) throw notFound('Staff member');
  }
  const [org] = await db
    .select({ timezone: organizations.timezone })
    .from(organizations)
    .where(eq(organizations.id, orgId));
  return { orgId, teamId, agentId, timezone: org?.timezone ?? 'UTC' };
}
