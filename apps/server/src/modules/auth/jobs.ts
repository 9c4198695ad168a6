import type { AppContext } from '../../platform/context.js';
import type { JobDefinition } from '../../platform/outbox/job-runner.js';
import { deleteExpiredSessions } from './sessions.js';

/** Housekeeping: expired sessions are refused anyway; this only keeps the table small. */
export const authJobs = (ctx: AppContext): JobDefinition[] => [
  { name: 'delete-expired-sessions', everyMs: 60 * 60_000, run: () => deleteExpiredSessions(ctx.db) },
];
