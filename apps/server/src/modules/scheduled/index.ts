// The scheduled module's public entry: other modules import from here only (npm run lint checks it).
import { defineModule } from '../../platform/module.js';
import { scheduledJobs } from './jobs.js';
import { registerScheduledRoutes } from './routes.js';

export { sendDueScheduledMessages } from './jobs.js';

/** "Send later": staff replies scheduled for a time, sent by the durable job runner as their author. */
export const scheduled = defineModule({
  name: 'scheduled',
  errorCodes: ['already_sent'],
  routes: registerScheduledRoutes,
  jobs: scheduledJobs,
});
