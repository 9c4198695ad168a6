import type { StaffActor } from '../../platform/actor.js';

/**
 * Service metrics are for managers: an organization's admins read everything; a team's duty
 * manager (the closest the product has to a team lead) reads their own team's figures only, and
 * must name it. Everyone else reads none (an agent's own "my performance" comes with the dashboard).
 */
export const metricsPolicy = {
  viewAll: (actor: StaffActor) => actor.orgId !== null && actor.role === 'admin',
  /** `dutyManagerId` of the team asked for (null when it has none or none was named). */
  viewTeam: (actor: StaffActor, dutyManagerId: string | null) =>
    actor.orgId !== null && actor.role !== null && dutyManagerId === actor.userId,
};
