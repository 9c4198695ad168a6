import { deleteExpiredSessions } from '../modules/auth/sessions.js';
import { endDueStays } from '../modules/stays/service.js';
import type { AppContext } from './context.js';

interface Job {
  name: string;
  everyMs: number;
  run(ctx: AppContext): Promise<unknown>;
}

/**
 * Housekeeping that every node runs on a timer. Each job is idempotent, so several nodes running
 * it at once is harmless; correctness never waits for a job (a stay past its check-out time is
 * already treated as ended when a guest asks).
 */
const jobs: Job[] = [
  {
    name: 'end-due-stays',
    everyMs: 15_000,
    run: async (ctx) => {
      for (const stay of await endDueStays(ctx.db))
        ctx.events.publish('stay.ended', { orgId: stay.orgId, stayId: stay.id });
    },
  },
  { name: 'delete-expired-sessions', everyMs: 60 * 60_000, run: (ctx) => deleteExpiredSessions(ctx.db) },
];

export function startJobs(ctx: AppContext): { stop(): void } {
  const timers = jobs.map((job) => {
    const timer = setInterval(() => {
      job.run(ctx).catch((err) => ctx.log.warn({ err, job: job.name }, 'job failed'));
    }, job.everyMs);
    timer.unref();
    return timer;
  });
  return { stop: () => timers.forEach(clearInterval) };
}
