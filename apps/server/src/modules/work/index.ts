// The work module's public entry: other modules import from here only (npm run lint checks it).
import { defineModule } from '../../platform/module.js';
import { workJobs } from './jobs.js';
import { workListeners } from './realtime.js';
import { registerWorkRoutes } from './routes.js';

export { workPolicy } from './policy.js';
export { insertWorkItem } from './service.js';
export { nextClockTime } from './times.js';

/**
 * Work items: hotel tasks and service companies' work orders, from a conversation, a lead or by
 * hand, with their assignee or team, time, place, checklist, internal notes and history; the guest
 * of the linked conversation follows the status in their chat. Due times remind the assignee and
 * escalate overdue items to the team (or the admins).
 */
export const work = defineModule({
  name: 'work',
  errorCodes: ['illegal_transition', 'attachment_unavailable'],
  routes: registerWorkRoutes,
  listeners: workListeners,
  jobs: workJobs,
});
