import type { AppContext } from '../../platform/context.js';
import type { JobDefinition } from '../../platform/outbox/job-runner.js';
import { systemContext } from '../../platform/service-context.js';
import { escalateOverdueWork, remindDueWork } from './due.js';

/** Due times drive reminders and overdue notices; a run every 30 s is late by that much at most. */
export const workJobs = (ctx: AppContext): JobDefinition[] => [
  {
    name: 'work-due-reminders',
    everyMs: 30_000,
    run: async (runId) => ({ reminded: await remindDueWork(systemContext(ctx, 'work-due-reminders', runId)) }),
  },
  {
    name: 'work-overdue-escalation',
    everyMs: 30_000,
    run: async (runId) => ({
      escalated: await escalateOverdueWork(systemContext(ctx, 'work-overdue-escalation', runId)),
    }),
  },
];
