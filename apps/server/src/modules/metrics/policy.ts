import type { ApiClientActor, StaffActor } from '../../platform/actor.js';

/**
 * Service metrics are for managers: an organization's admins read everything; a team's duty
 * manager (the closest the product has to a team lead) reads their own team's figures only, and
 * must name it. An API key with `reports:read` (the route's door checks the scope) reads what an
 * admin reads. A staff member who works requests (an agent or an admin) reads their own figures
 * ("My performance": `agentId` their own id), by the same definitions. Everyone else reads none.
 */
export const metricsPolicy = {
  viewAll: (actor: StaffActor | ApiClientActor) =>
    actor.kind === 'api_client' || (actor.orgId !== null && actor.role === 'admin'),
  /** `dutyManagerId` of the team asked for (null when it has none or none was named). */
  viewTeam: (actor: StaffActor | ApiClientActor, dutyManagerId: string | null) =>
    actor.kind === 'staff' && actor.orgId !== null && actor.role !== null && dutyManagerId === actor.userId,
  /** `agentId` asked for (null when none was named): their own figures only. */
  viewOwn: (actor: StaffActor | ApiClientActor, agentId: string | null) =>
    actor.kind === 'staff' &&
    actor.orgId !== null &&
    (actor.role === 'agent' || actor.role === 'admin') &&
    agentId === actor.userId,
};
