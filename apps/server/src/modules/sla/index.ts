// The SLA module's public entry: other modules import from here only (npm run lint checks it).
import { defineModule } from '../../platform/module.js';
import { slaJobs } from './jobs.js';
import { slaListeners } from './realtime.js';

export { escalateOverdue } from './escalate.js';

/** Response-time targets per team: requests waiting too long are escalated and the desk told. */
export const sla = defineModule({ name: 'sla', errorCodes: [], jobs: slaJobs, listeners: slaListeners });
