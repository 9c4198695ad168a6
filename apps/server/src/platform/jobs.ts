import { deleteExpiredSessions } from '../modules/auth/sessions.js';
import { endDueStays } from '../modules/stays/service.js';
import type { AppContext } from './context.js';
import type { JobDefinition } from './outbox/job-runner.js';

/**
 * Scheduled housekeeping, run by the durable job runner (outbox/job-runner.ts): one node at a
 * time per job. A job only calls services, which record their own events (`stay.ended`).
 * Correctness never waits for a job: a stay past its check-out time is already treated as ended
 * when a guest asks.
 */
export function scheduledJobs(ctx: AppContext): JobDefinition[] {
  return [
    { name: 'end-due-stays', everyMs: 15_000, run: () => endDueStays(ctx.db) },
    { name: 'delete-expired-sessions', everyMs: 60 * 60_000, run: () => deleteExpiredSessions(ctx.db) },
  ];
}
