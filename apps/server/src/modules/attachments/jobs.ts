import type { AppContext } from '../../platform/context.js';
import type { JobDefinition } from '../../platform/outbox/job-runner.js';
import { systemContext } from '../../platform/service-context.js';
import { sweepLooseAttachments } from './service.js';

/** Deletes the files of erased messages and uploads never sent (see sweepLooseAttachments). */
export const attachmentJobs = (ctx: AppContext): JobDefinition[] => [
  {
    name: 'sweep-loose-attachments',
    everyMs: 5 * 60_000,
    run: (runId) => sweepLooseAttachments(systemContext(ctx, 'sweep-loose-attachments', runId)),
  },
];
