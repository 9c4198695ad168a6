import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { jobs } from '../../db/schema.js';
import { backoffMs, releaseLease, takeLease } from './lease.js';

/** Scheduled work: run every `everyMs` by whichever node takes it first; retried sooner when it fails. */
export interface JobDefinition {
  name: string;
  everyMs: number;
  /** `runId` names this run (job, node, time) for the audit log and the logs. */
  run(runId: string): Promise<unknown>;
}

export interface JobSettings {
  node: string;
  /** How often this node looks for due jobs. */
  tickMs: number;
  leaseMs: number;
  retryBaseMs: number;
  onError?(err: unknown, job: string): void;
  /** Told of every run, for the metrics (NodeMetrics implements it). */
  observer?: { jobRun(job: string, seconds: number, failed: boolean): void };
}

/**
 * The durable job runner every node runs: the schedule lives in the `jobs` table, so a restart
 * or a second node neither skips nor doubles a run; the lease lets one node at a time run a job,
 * and a node that dies mid-run only delays it until its lease ends. A failed run is retried after
 * an exponential backoff, never later than its next regular run.
 */
export class JobRunner {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private stopped = false;

  constructor(
    private readonly db: Db,
    private readonly definitions: readonly JobDefinition[],
    private readonly settings: JobSettings,
  ) {}

  async register(): Promise<void> {
    if (this.definitions.length)
      await this.db
        .insert(jobs)
        .values(this.definitions.map((job) => ({ name: job.name })))
        .onConflictDoNothing();
  }

  start(): void {
    this.timer = setInterval(() => {
      this.running ??= this.runDue().finally(() => {
        this.running = undefined;
      });
    }, this.settings.tickMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
  }

  /** Runs the jobs that are due and free; returns the names of those this node ran. */
  async runDue(): Promise<string[]> {
    const ran: string[] = [];
    for (const job of this.definitions) {
      if (this.stopped) break;
      if (await this.runIfDue(job)) ran.push(job.name);
    }
    return ran;
  }

  private async runIfDue(job: JobDefinition): Promise<boolean> {
    const { node, leaseMs } = this.settings;
    const taken = await takeLease<{ attempts: number }>(
      this.db,
      jobs,
      job.name,
      node,
      leaseMs,
      sql`next_run_at <= now()`,
    );
    if (!taken) return false;
    const held = and(eq(jobs.name, job.name), eq(jobs.leaseOwner, node));
    const started = performance.now();
    let ran = false;
    try {
      await job.run(`${job.name}@${node}:${Date.now()}`);
      ran = true;
      this.settings.observer?.jobRun(job.name, (performance.now() - started) / 1000, false);
      await this.db
        .update(jobs)
        .set({
          attempts: 0,
          lastError: null,
          lastRunAt: sql`now()`,
          nextRunAt: sql`now() + ${job.everyMs} * interval '1 millisecond'`,
        })
        .where(held);
    } catch (err) {
      if (!ran) this.settings.observer?.jobRun(job.name, (performance.now() - started) / 1000, true);
      this.settings.onError?.(err, job.name);
      const attempts = taken.attempts + 1;
      const delay = backoffMs(attempts, this.settings.retryBaseMs, job.everyMs);
      await this.db
        .update(jobs)
        .set({
          attempts,
          lastError: err instanceof Error ? err.message : String(err),
          lastRunAt: sql`now()`,
          nextRunAt: sql`now() + ${delay} * interval '1 millisecond'`,
        })
        .where(held);
    } finally {
      await releaseLease(this.db, jobs, job.name, node);
    }
    return true;
  }
}
