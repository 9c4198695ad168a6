import type { AppContext } from '../../platform/context.js';
import type { JobDefinition } from '../../platform/outbox/job-runner.js';
import { systemContext } from '../../platform/service-context.js';
import { escalateOverdue } from './escalate.js';

/** Looks for requests past their team's response target every 15 s (a breach is caught that late at most). */
export const slaJobs = (ctx: AppContext): JobDefinition[] => [
  {
    name: 'sla-escalation',
    everyMs: 15_000,
    run: async (runId) => ({ escalated: await escalateOverdue(systemContext(ctx, 'sla-escalation', runId)) }),
  },
];
