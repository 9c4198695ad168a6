import type { AppContext } from '../context.js';
import { type DurableConsumer, EventConsumers } from './consumers.js';
import { type JobDefinition, JobRunner } from './job-runner.js';
import { thisNode } from './lease.js';

export interface Background {
  node: string;
  jobs: JobRunner;
  consumers: EventConsumers;
  stop(): Promise<void>;
}

/** How often a node looks for due jobs: a job runs at most this late. */
const JOB_TICK_MS = 5_000;
/** A durable consumer is polled this often besides being woken by this node's own events. */
const CONSUMER_POLL_MS = 1_000;
/** A burst of this node's events is read by its consumers in one round after this long. */
const CONSUMER_GATHER_MS = 50;

/**
 * Starts this node's job runner and durable consumers (both shared with the other nodes through the
 * database). The jobs are the modules' (see modules/index.ts); the platform names none itself.
 */
export async function startBackground(
  ctx: AppContext,
  definitions: readonly JobDefinition[],
  consumers: readonly DurableConsumer[],
): Promise<Background> {
  const node = thisNode();
  const jobs = new JobRunner(ctx.db, definitions, {
    node,
    tickMs: JOB_TICK_MS,
    leaseMs: 5 * 60_000,
    retryBaseMs: ctx.config.events.retryBaseMs,
    onError: (err, job) => ctx.log.warn({ err, job }, 'job failed'),
    observer: ctx.metrics,
  });
  const durable = new EventConsumers(ctx.db, consumers, {
    node,
    maxAttempts: ctx.config.events.maxAttempts,
    retryBaseMs: ctx.config.events.retryBaseMs,
    retryMaxMs: 60 * 60_000,
    leaseMs: 60_000,
    batchSize: 100,
    // behind on PostgreSQL, up to 1,000 events a read; on PGlite a round's work blocks the node's thread
    catchUpBatches: ctx.database.kind === 'pglite' ? 1 : 10,
    pollMs: CONSUMER_POLL_MS,
    gatherMs: CONSUMER_GATHER_MS,
    onError: (err, consumer) => ctx.log.warn({ err, consumer }, 'event consumer failed'),
    observer: ctx.metrics,
  });
  ctx.metrics.watchConsumers(() => durable.lag());
  await jobs.register();
  await durable.register();
  jobs.start();
  durable.start(ctx.events);
  return { node, jobs, consumers: durable, stop: async () => void (await Promise.all([jobs.stop(), durable.stop()])) };
}
