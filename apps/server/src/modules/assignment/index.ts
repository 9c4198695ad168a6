// The assignment module's public entry: other modules import from here only (npm run lint checks it).
import { defineModule } from '../../platform/module.js';
import { assignmentConsumers, assignmentJobs, assignmentReactions } from './triggers.js';

export { assignQueued } from './assign-queued.js';

/** Automatic assignment: teams in round robin or least busy mode give queued requests to available agents. */
export const assignment = defineModule({
  name: 'assignment',
  errorCodes: [],
  consumers: assignmentConsumers,
  reactions: assignmentReactions,
  jobs: assignmentJobs,
});
