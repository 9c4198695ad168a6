import type { AppContext } from '../../platform/context.js';
import type { JobDefinition } from '../../platform/outbox/job-runner.js';
import { systemContext } from '../../platform/service-context.js';
import { endDueStays } from './service.js';

/**
 * Ends the stays whose check-out time has passed, recording `stay.ended` (so their guests' sockets
 * close). Correctness never waits for it: a stay past its check-out is already treated as ended
 * when a guest asks.
 */
export const stayJobs = (ctx: AppContext): JobDefinition[] => [
  { name: 'end-due-stays', everyMs: 15_000, run: (runId) => endDueStays(systemContext(ctx, 'end-due-stays', runId)) },
];
