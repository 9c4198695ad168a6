import type { AppContext } from '../../platform/context.js';
import type { JobDefinition } from '../../platform/outbox/job-runner.js';
import { systemContext } from '../../platform/service-context.js';
import { eraseExpiredData } from './retention.js';

/** Erases stays and customers past their organization's retention period (README "Privacy (GDPR) operations"). */
export const privacyJobs = (ctx: AppContext): JobDefinition[] => [
  {
    name: 'erase-expired-data',
    everyMs: 60 * 60_000,
    run: (runId) => eraseExpiredData(systemContext(ctx, 'erase-expired-data', runId)),
  },
];
