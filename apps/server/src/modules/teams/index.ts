// The teams module's public entry: other modules import from here only (npm run lint checks it).
import { defineModule } from '../../platform/module.js';
import { teamListeners } from './realtime.js';
import { registerTeamRoutes } from './routes.js';

export { teamsManagedBy } from './duty.js';
export { deskStatus } from './hours.js';
export { type OpenState, openState } from './open-state.js';
export { openMsBetween } from './open-time.js';
export { teamPolicy } from './policy.js';
export { loadTeam } from './service.js';

/** Teams of staff, with each member's capacity, languages and skills, and the team's business hours. */
export const teams = defineModule({
  name: 'teams',
  errorCodes: ['team_name_taken'],
  routes: registerTeamRoutes,
  listeners: teamListeners,
});
